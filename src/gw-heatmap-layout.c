/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-heatmap"

#include "config.h"

#include "gw-heatmap-layout.h"

#include <glib/gi18n-lib.h>

#define PAD         3.0   /* room for the outline and focus ring of edge cells */
#define CELL_GAP    2.0
#define LABEL_GAP   6.0   /* between the weekday labels and the cells */
#define HOUR_GAP    2.0   /* between the hour labels and the cells */
#define LEGEND_GAP 10.0   /* between the cells and the legend */
#define SWATCH_GAP  2.0   /* between a legend swatch and its label */
#define SPECIAL_GAP 16.0  /* between the colour steps and the other swatches */
#define SWATCH_LABEL_GAP 6.0  /* between a swatch and the label at its right */
#define SPECIAL_WIDTH 124.0   /* what the other swatches need at least, with their labels */
#define MAX_ROW_RATIO 1.3     /* rows are at most this many times as high as columns are wide */

#define RGB(hex) \
  { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* Calm to alarming: cool blues for few errors (or a fast median), then
 * sand, orange and reds for more. Green is avoided on purpose: people read
 * it as "good", which the worst cells are not. The ramp changes hue and
 * lightness together, so it stays ordered with the common colour vision
 * deficiencies (blue against yellow–red survives them), and every step has
 * mid lightness, readable on Adwaita's light and dark backgrounds; the
 * legend, the tooltips and the accessible text carry the same facts. */
static const GwHeatmapColor palette[GW_HEATMAP_STEPS] = {
  RGB (0x3d7ab8), RGB (0x6fa8c9), RGB (0xe0b64f), RGB (0xf08a3c), RGB (0xd9492b), RGB (0x9c1c22),
};

/* Upper bounds of the classes; the last class has none. In errors mode the
 * first class is "no failure at all". */
static const double error_upper[GW_HEATMAP_STEPS - 2] = { 0.02, 0.05, 0.10, 0.20 };
static const gint64 latency_upper_ms[GW_HEATMAP_STEPS - 1] = { 200, 400, 700, 1000, 2000 };

static const char *const error_labels[GW_HEATMAP_STEPS] = {
  /* Translators: the legend of the error-rate colours; keep them short,
   * about eight characters, each sits under a small colour swatch. */
  N_("0 %"), N_("< 2 %"), N_("< 5 %"), N_("< 10 %"), N_("< 20 %"), N_("≥ 20 %"),
};
static const char *const latency_labels[GW_HEATMAP_STEPS] = {
  /* Translators: the legend of the median latency colours; keep them short,
   * about eight characters, each sits under a small colour swatch. */
  N_("< 0.2 s"), N_("< 0.4 s"), N_("< 0.7 s"), N_("< 1 s"), N_("< 2 s"), N_("≥ 2 s"),
};

static const char *const weekdays_plural[8] = {
  NULL,
  /* Translators: in "Mondays 14:00–15:00: …", a cell of the peak-hours heatmap */
  N_("Mondays"),
  N_("Tuesdays"),
  N_("Wednesdays"),
  N_("Thursdays"),
  N_("Fridays"),
  N_("Saturdays"),
  N_("Sundays"),
};

static int
error_step (const GwGridCell *cell)
{
  if (cell->failures == 0)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (error_upper); i++)
    if (cell->error_rate < error_upper[i])
      return i + 1;
  return GW_HEATMAP_STEPS - 1;
}

static int
latency_step (gint64 median_ms)
{
  for (guint i = 0; i < G_N_ELEMENTS (latency_upper_ms); i++)
    if (median_ms < latency_upper_ms[i])
      return i;
  return GW_HEATMAP_STEPS - 1;
}

static GDateWeekday
row_weekday (const GwWeekGrid *grid,
             guint             row)
{
  GDateWeekday first;

  if (grid != NULL)
    return gw_week_grid_row_weekday (grid, row);
  first = gw_locale_first_weekday ();
  return (first - 1 + row) % 7 + 1;
}

static void
set_label (GwHeatmapLabel *label,
           char           *text,
           double          x,
           double          y,
           double          xalign,
           double          yalign,
           double          max_width)
{
  g_free (label->text);
  *label = (GwHeatmapLabel) { text, x, y, xalign, yalign, max_width };
}

/* The legend: the colour steps side by side, each labelled underneath; at
 * their right the hatched and the neutral swatch one above the other, each
 * labelled on its right. */
static void
place_legend (GwHeatmapLayout *layout,
              double           left,
              double           top,
              double           swatch_height,
              double           line_height)
{
  const char *const *labels = layout->mode == GW_HEATMAP_ERRORS ? error_labels : latency_labels;
  double right = layout->width - PAD;
  double step_w = CLAMP ((right - left - SPECIAL_GAP - SPECIAL_WIDTH) / GW_HEATMAP_STEPS,
                         36.0, 72.0);
  double x = left + GW_HEATMAP_STEPS * step_w + SPECIAL_GAP;
  double swatch_w = 2.0 * swatch_height;

  for (guint i = 0; i < GW_HEATMAP_STEPS; i++)
    {
      GwHeatmapSwatch *s = &layout->legend[i];
      double step_x = left + i * step_w;

      s->kind = GW_HEATMAP_SWATCH_STEP;
      s->rect = (GwHeatmapRect) { step_x, top, step_w - 1.0, swatch_height };
      s->fill = palette[i];
      set_label (&s->label, g_strdup (_(labels[i])), step_x + step_w / 2.0,
                 top + swatch_height + SWATCH_GAP, 0.5, 0.0, step_w);
    }
  for (guint i = GW_HEATMAP_STEPS; i < GW_HEATMAP_N_SWATCHES; i++)
    {
      GwHeatmapSwatch *s = &layout->legend[i];
      double middle = top + (i - GW_HEATMAP_STEPS + 0.5) * line_height;
      const char *text;

      if (i == GW_HEATMAP_STEPS)
        /* Translators: legend of the heatmap's hatched cells, hours with too few checks */
        text = _("not enough data");
      else if (layout->mode == GW_HEATMAP_ERRORS)
        /* Translators: legend of the heatmap's blank cells, hours never checked */
        text = _("no checks");
      else
        /* Translators: legend of the heatmap's latency view, hours without a latency */
        text = _("no data");
      s->kind = i == GW_HEATMAP_STEPS ? GW_HEATMAP_SWATCH_NOT_ENOUGH : GW_HEATMAP_SWATCH_EMPTY;
      s->rect = (GwHeatmapRect) { x, middle - swatch_height / 2.0, swatch_w, swatch_height };
      s->fill = (GwHeatmapColor) { 0.0, 0.0, 0.0, 0.0 };
      set_label (&s->label, g_strdup (text), x + swatch_w + SWATCH_LABEL_GAP, middle, 0.0, 0.5,
                 right - x - swatch_w - SWATCH_LABEL_GAP);
    }
}

static void
place_grid (GwHeatmapLayout *layout,
            int              label_width,
            int              label_height)
{
  double swatch_h = MAX (8.0, (double) (label_height * 7 / 10));
  double legend_h = MAX (swatch_h + SWATCH_GAP + label_height, 2.0 * label_height);
  double top = PAD + label_height + HOUR_GAP;
  double bottom = layout->height - PAD - legend_h - LEGEND_GAP;
  double left = PAD + label_width + LABEL_GAP;
  double right = layout->width - PAD;

  layout->pitch_x = MAX (0.0, (right - left + CELL_GAP) / GW_HEATMAP_HOURS);
  layout->pitch_y = MAX (0.0, (bottom - top + CELL_GAP) / GW_HEATMAP_ROWS);
  /* Given a tall widget, the cells stay about square and the rest stays free below. */
  layout->pitch_y = MIN (layout->pitch_y, MAX_ROW_RATIO * layout->pitch_x);
  layout->grid = (GwHeatmapRect) {
    left, top,
    MAX (0.0, layout->pitch_x * GW_HEATMAP_HOURS - CELL_GAP),
    MAX (0.0, layout->pitch_y * GW_HEATMAP_ROWS - CELL_GAP),
  };
  place_legend (layout, left, top + layout->grid.height + LEGEND_GAP, swatch_h, legend_h / 2.0);
}

static void
place_cell (GwHeatmapLayout  *layout,
            const GwWeekGrid *grid,
            guint             row,
            guint             hour)
{
  GwHeatmapCellBox *box = &layout->cells[row][hour];
  const GwGridCell *cell = grid ? &grid->cells[row][hour] : NULL;
  int step = -1;

  box->rect = (GwHeatmapRect) {
    layout->grid.x + hour * layout->pitch_x,
    layout->grid.y + row * layout->pitch_y,
    MAX (0.0, layout->pitch_x - CELL_GAP),
    MAX (0.0, layout->pitch_y - CELL_GAP),
  };
  if (cell == NULL)
    box->has_data = FALSE;
  else if (layout->mode == GW_HEATMAP_ERRORS)
    {
      box->has_data = cell->checks > 0;
      step = error_step (cell);
    }
  else
    {
      box->has_data = cell->median_ms >= 0;
      step = latency_step (cell->median_ms);
    }
  box->hatched = box->has_data && !cell->enough;
  box->step = box->has_data && !box->hatched ? step : -1;
  if (box->step >= 0)
    box->fill = palette[box->step];
}

static void
place_labels (GwHeatmapLayout  *layout,
              const GwWeekGrid *grid)
{
  for (guint row = 0; row < GW_HEATMAP_ROWS; row++)
    {
      const GwHeatmapRect *r = &layout->cells[row][0].rect;

      set_label (&layout->row_labels[row], gw_heatmap_weekday_label (row_weekday (grid, row)),
                 layout->grid.x - LABEL_GAP, r->y + r->height / 2.0, 1.0, 0.5, -1.0);
    }
  for (guint i = 0; i < GW_HEATMAP_N_HOUR_LABELS; i++)
    {
      guint hour = i * GW_HEATMAP_HOUR_STEP;
      const GwHeatmapRect *r = &layout->cells[0][hour].rect;

      set_label (&layout->hour_labels[i], g_strdup_printf ("%02u", hour),
                 r->x + r->width / 2.0, layout->grid.y - HOUR_GAP, 0.5, 1.0, -1.0);
    }
  if (grid == NULL || grid->total_checks == 0)
    /* Translators: over the peak-hours heatmap before the first check */
    set_label (&layout->message, g_strdup (_("No checks recorded yet")),
               layout->grid.x + layout->grid.width / 2.0,
               layout->grid.y + layout->grid.height / 2.0, 0.5, 0.5, layout->grid.width);
}

GwHeatmapLayout *
gw_heatmap_layout_compute (const GwWeekGrid *grid,
                           GwHeatmapMode     mode,
                           int               width,
                           int               height,
                           int               label_width,
                           int               label_height,
                           int               current_row,
                           int               current_hour)
{
  GwHeatmapLayout *layout;

  g_return_val_if_fail (mode == GW_HEATMAP_ERRORS || mode == GW_HEATMAP_LATENCY, NULL);

  layout = g_new0 (GwHeatmapLayout, 1);
  layout->width = MAX (width, 0);
  layout->height = MAX (height, 0);
  layout->mode = mode;
  place_grid (layout, MAX (label_width, 0), MAX (label_height, 0));
  for (guint row = 0; row < GW_HEATMAP_ROWS; row++)
    for (guint hour = 0; hour < GW_HEATMAP_HOURS; hour++)
      place_cell (layout, grid, row, hour);
  place_labels (layout, grid);

  layout->has_current = grid != NULL
                        && current_row >= 0 && current_row < GW_HEATMAP_ROWS
                        && current_hour >= 0 && current_hour < GW_HEATMAP_HOURS;
  if (layout->has_current)
    {
      GwHeatmapRect r = layout->cells[current_row][current_hour].rect;
      double grow = CELL_GAP / 2.0;

      layout->current = (GwHeatmapRect) { r.x - grow, r.y - grow,
                                          r.width + 2 * grow, r.height + 2 * grow };
    }
  return layout;
}

void
gw_heatmap_layout_free (GwHeatmapLayout *layout)
{
  if (layout == NULL)
    return;
  for (guint i = 0; i < GW_HEATMAP_ROWS; i++)
    g_free (layout->row_labels[i].text);
  for (guint i = 0; i < GW_HEATMAP_N_HOUR_LABELS; i++)
    g_free (layout->hour_labels[i].text);
  for (guint i = 0; i < GW_HEATMAP_N_SWATCHES; i++)
    g_free (layout->legend[i].label.text);
  g_free (layout->message.text);
  g_free (layout);
}

int
gw_heatmap_layout_hit (const GwHeatmapLayout *layout,
                       double                 x,
                       double                 y,
                       int                   *row,
                       int                   *hour)
{
  const GwHeatmapRect *g;
  int r, h;

  g_return_val_if_fail (layout != NULL, FALSE);

  g = &layout->grid;
  if (g->width <= 0.0 || g->height <= 0.0
      || x < g->x || y < g->y || x >= g->x + g->width || y >= g->y + g->height)
    return FALSE;
  r = CLAMP ((int) ((y - g->y) / layout->pitch_y), 0, GW_HEATMAP_ROWS - 1);
  h = CLAMP ((int) ((x - g->x) / layout->pitch_x), 0, GW_HEATMAP_HOURS - 1);
  if (row != NULL)
    *row = r;
  if (hour != NULL)
    *hour = h;
  return TRUE;
}

char *
gw_heatmap_weekday_label (GDateWeekday weekday)
{
  g_autoptr(GDateTime) day = NULL;

  g_return_val_if_fail (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY, NULL);

  /* 1 January 2024 was a Monday. */
  day = g_date_time_new_utc (2024, 1, weekday, 12, 0, 0);
  return g_date_time_format (day, "%a");
}

gboolean
gw_heatmap_locate_now (const GwWeekGrid *grid,
                       gint64            now_unix,
                       GTimeZone        *tz,
                       int              *row,
                       int              *hour)
{
  g_autoptr(GTimeZone) local_tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDateWeekday weekday;

  g_return_val_if_fail (grid != NULL, FALSE);
  g_return_val_if_fail (row != NULL && hour != NULL, FALSE);

  *row = *hour = -1;
  if (tz == NULL)
    tz = local_tz = g_time_zone_new_local ();
  utc = g_date_time_new_from_unix_utc (now_unix);
  if (utc == NULL)
    return FALSE;
  local = g_date_time_to_timezone (utc, tz);
  weekday = g_date_time_get_day_of_week (local);
  for (guint r = 0; r < GW_HEATMAP_ROWS; r++)
    if (gw_week_grid_row_weekday (grid, r) == weekday)
      {
        *row = r;
        *hour = g_date_time_get_hour (local);
        return TRUE;
      }
  return FALSE;
}

static char *
format_latency (gint64 ms)
{
  if (ms < 1000)
    /* Translators: a median latency in milliseconds */
    return g_strdup_printf (_("%u ms"), (guint) ms);
  /* Translators: a median latency in seconds, one decimal */
  return g_strdup_printf (_("%.1f s"), ms / 1000.0);
}

char *
gw_heatmap_cell_describe (const GwWeekGrid *grid,
                          guint             row,
                          guint             hour)
{
  const GwGridCell *cell;
  g_autofree char *when = NULL;
  g_autofree char *latency = NULL;

  g_return_val_if_fail (grid != NULL, NULL);
  g_return_val_if_fail (row < GW_HEATMAP_ROWS && hour < GW_HEATMAP_HOURS, NULL);

  cell = &grid->cells[row][hour];
  /* Translators: days of the week in the plural, then an hour of the day:
   * "Tuesdays 14:00–15:00" */
  when = g_strdup_printf (_("%s %02u:00–%02u:00"),
                          _(weekdays_plural[gw_week_grid_row_weekday (grid, row)]),
                          hour, hour + 1);
  if (cell->checks == 0)
    /* Translators: %s is a day and an hour, "Tuesdays 14:00–15:00" */
    return g_strdup_printf (_("%s: no checks"), when);
  if (!cell->enough)
    /* Translators: "Tuesdays 14:00–15:00: not enough data (4 checks)" */
    return g_strdup_printf (ngettext ("%s: not enough data (%u check)",
                                      "%s: not enough data (%u checks)", cell->checks),
                            when, (guint) cell->checks);
  if (cell->median_ms < 0)
    /* Translators: "Tuesdays 14:00–15:00: 3.1 % errors, no latency measured, 212 checks" */
    return g_strdup_printf (ngettext ("%s: %.1f %% errors, no latency measured, %u check",
                                      "%s: %.1f %% errors, no latency measured, %u checks",
                                      cell->checks),
                            when, cell->error_rate * 100.0, (guint) cell->checks);
  latency = format_latency (cell->median_ms);
  /* Translators: "Tuesdays 14:00–15:00: 3.1 % errors, median 420 ms, 212 checks" */
  return g_strdup_printf (ngettext ("%s: %.1f %% errors, median %s, %u check",
                                    "%s: %.1f %% errors, median %s, %u checks", cell->checks),
                          when, cell->error_rate * 100.0, latency, (guint) cell->checks);
}
