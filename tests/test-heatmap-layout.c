/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-heatmap-layout.h"

#include <locale.h>
#include <math.h>

#define LABEL_W 30
#define LABEL_H 14

typedef struct
{
  GwWeekGrid *grid;
} Fixture;

static void
set_cell (GwWeekGrid *grid,
          guint       row,
          guint       hour,
          guint32     checks,
          guint32     failures,
          gint64      median_ms)
{
  GwGridCell *cell = &grid->cells[row][hour];

  cell->checks = checks;
  cell->failures = failures;
  cell->error_rate = checks > 0 ? (double) failures / checks : 0.0;
  cell->median_ms = median_ms;
  cell->enough = checks >= grid->min_samples;
  grid->total_checks += checks;
}

/* Weeks start on Monday; every hour has 100 checks without failures at
 * 300 ms, except a few cells the tests look at. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->grid = g_new0 (GwWeekGrid, 1);
  f->grid->first_weekday = G_DATE_MONDAY;
  f->grid->min_samples = GW_DEFAULT_MIN_SAMPLES;
  for (guint row = 0; row < GW_HEATMAP_ROWS; row++)
    for (guint hour = 0; hour < GW_HEATMAP_HOURS; hour++)
      set_cell (f->grid, row, hour, 100, 0, 300);
  set_cell (f->grid, 1, 14, 228, 7, 420);        /* Tuesday 14:00 */
  set_cell (f->grid, 2, 3, 4, 0, 250);           /* Wednesday 03:00: not enough */
  set_cell (f->grid, 2, 4, 1, 1, -1);            /* Wednesday 04:00: one check */
  set_cell (f->grid, 6, 5, 0, 0, -1);            /* Sunday 05:00: empty */
  set_cell (f->grid, 4, 9, 50, 0, 1240);         /* Friday 09:00: slow */
  set_cell (f->grid, 4, 10, 50, 5, -1);          /* Friday 10:00: no latency */
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->grid, g_free);
}

static gboolean
rects_overlap (const GwHeatmapRect *a,
               const GwHeatmapRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
assert_inside (const GwHeatmapRect *r,
               int                  width,
               int                  height)
{
  g_assert_cmpfloat (r->x, >=, 0.0);
  g_assert_cmpfloat (r->y, >=, 0.0);
  g_assert_cmpfloat (r->x + r->width, <=, width);
  g_assert_cmpfloat (r->y + r->height, <=, height);
}

static void
check_geometry (const GwWeekGrid *grid,
                int               width,
                int               height)
{
  g_autoptr(GwHeatmapLayout) layout = NULL;

  layout = gw_heatmap_layout_compute (grid, GW_HEATMAP_ERRORS, width, height,
                                      LABEL_W, LABEL_H, -1, -1);
  g_assert_nonnull (layout);
  assert_inside (&layout->grid, width, height);
  /* The weekday labels sit left of the cells, the hour labels above. */
  g_assert_cmpfloat (layout->grid.x, >=, LABEL_W);
  g_assert_cmpfloat (layout->grid.y, >=, LABEL_H);
  for (guint row = 0; row < GW_HEATMAP_ROWS; row++)
    for (guint hour = 0; hour < GW_HEATMAP_HOURS; hour++)
      {
        const GwHeatmapRect *r = &layout->cells[row][hour].rect;

        g_assert_cmpfloat (r->width, >=, 10.0);
        g_assert_cmpfloat (r->height, >=, 10.0);
        g_assert_cmpfloat (r->height, <=, 1.5 * r->width);
        assert_inside (r, width, height);
        if (hour + 1 < GW_HEATMAP_HOURS)
          g_assert_cmpfloat (r->x + r->width, <, layout->cells[row][hour + 1].rect.x);
        if (row + 1 < GW_HEATMAP_ROWS)
          g_assert_cmpfloat (r->y + r->height, <, layout->cells[row + 1][hour].rect.y);
      }
  for (guint i = 0; i < GW_HEATMAP_N_SWATCHES; i++)
    {
      const GwHeatmapSwatch *s = &layout->legend[i];
      const GwHeatmapLabel *l = &s->label;

      assert_inside (&s->rect, width, height);
      g_assert_false (rects_overlap (&s->rect, &layout->grid));
      g_assert_cmpfloat (s->rect.y, >, layout->grid.y + layout->grid.height);
      g_assert_cmpfloat (s->rect.y, <, layout->grid.y + layout->grid.height + 2 * LABEL_H);
      g_assert_cmpfloat (l->y - l->yalign * LABEL_H, >, layout->grid.y + layout->grid.height);
      g_assert_cmpfloat (l->y + (1.0 - l->yalign) * LABEL_H, <=, height);
      g_assert_cmpfloat (l->x + (1.0 - l->xalign) * l->max_width, <=, width);
      for (guint j = i + 1; j < GW_HEATMAP_N_SWATCHES; j++)
        g_assert_false (rects_overlap (&s->rect, &layout->legend[j].rect));
    }
}

static void
test_geometry (Fixture       *f,
               gconstpointer  data)
{
  check_geometry (f->grid, 480, 200);
  check_geometry (f->grid, 640, 240);
  check_geometry (f->grid, 616, 300);
  check_geometry (f->grid, 1200, 520);
  check_geometry (f->grid, 616, 520);
  check_geometry (NULL, 640, 240);
}

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GwHeatmapLayout) layout = NULL;
  static const char *const hours[] = { "00", "03", "06", "09", "12", "15", "18", "21" };
  static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

  f->grid->first_weekday = G_DATE_SUNDAY;
  layout = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_ERRORS, 640, 240, LABEL_W, LABEL_H,
                                      -1, -1);
  for (guint i = 0; i < GW_HEATMAP_N_HOUR_LABELS; i++)
    {
      const GwHeatmapCellBox *cell = &layout->cells[0][i * GW_HEATMAP_HOUR_STEP];

      g_assert_cmpstr (layout->hour_labels[i].text, ==, hours[i]);
      g_assert_cmpfloat (layout->hour_labels[i].x, ==, cell->rect.x + cell->rect.width / 2.0);
      g_assert_cmpfloat (layout->hour_labels[i].y, <=, layout->grid.y);
    }
  for (guint row = 0; row < GW_HEATMAP_ROWS; row++)
    {
      const GwHeatmapRect *r = &layout->cells[row][0].rect;

      g_assert_cmpstr (layout->row_labels[row].text, ==, days[row]);
      g_assert_cmpfloat (layout->row_labels[row].x, <, layout->grid.x);
      g_assert_cmpfloat (layout->row_labels[row].xalign, ==, 1.0);
      g_assert_cmpfloat (layout->row_labels[row].y, ==, r->y + r->height / 2.0);
    }
  g_assert_null (layout->message.text);
}

static void
test_hatched (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GwHeatmapLayout) layout = NULL;

  layout = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_ERRORS, 640, 240, LABEL_W, LABEL_H,
                                      -1, -1);
  for (guint row = 0; row < GW_HEATMAP_ROWS; row++)
    for (guint hour = 0; hour < GW_HEATMAP_HOURS; hour++)
      {
        const GwGridCell *cell = &f->grid->cells[row][hour];
        const GwHeatmapCellBox *box = &layout->cells[row][hour];

        g_assert_cmpint (box->has_data, ==, cell->checks > 0);
        g_assert_cmpint (box->hatched, ==, cell->checks > 0 && !cell->enough);
        if (box->hatched || !box->has_data)
          {
            g_assert_cmpint (box->step, ==, -1);
            g_assert_cmpfloat (box->fill.alpha, ==, 0.0);
          }
        else
          {
            g_assert_cmpint (box->step, >=, 0);
            g_assert_cmpfloat (box->fill.alpha, ==, 1.0);
          }
      }
  g_assert_true (layout->cells[2][3].hatched);
  g_assert_true (layout->cells[2][4].hatched);
  g_assert_false (layout->cells[6][5].has_data);
}

static double
distance (const GwHeatmapColor *a,
          const GwHeatmapColor *b)
{
  return sqrt ((a->red - b->red) * (a->red - b->red) + (a->green - b->green) * (a->green - b->green) +
               (a->blue - b->blue) * (a->blue - b->blue));
}

static void
test_error_colours (Fixture       *f,
                    gconstpointer  data)
{
  static const guint32 failures[] = { 0, 1, 3, 4, 9, 14, 25, 60, 200 };  /* of 200 */
  g_autoptr(GwHeatmapLayout) layout = NULL;
  const GwHeatmapCellBox *prev = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    set_cell (f->grid, 0, i, 200, failures[i], 300);
  layout = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_ERRORS, 640, 240, LABEL_W, LABEL_H,
                                      -1, -1);
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      const GwHeatmapCellBox *box = &layout->cells[0][i];

      if (prev != NULL)
        g_assert_cmpint (box->step, >=, prev->step);
      /* A cell wears its class's colour, the one the legend explains. */
      g_assert_cmpfloat (distance (&box->fill, &layout->legend[box->step].fill), <, 1e-9);
      prev = box;
    }
  g_assert_cmpint (layout->cells[0][0].step, ==, 0);
  g_assert_cmpint (layout->cells[0][1].step, ==, 1);                      /* 0.5 % */
  g_assert_cmpint (layout->cells[0][5].step, ==, 3);                      /* 7 % */
  g_assert_cmpint (layout->cells[0][G_N_ELEMENTS (failures) - 1].step, ==, GW_HEATMAP_STEPS - 1);
  /* Calm to alarming: no failures is cool (blue), the worst class warm (red). */
  g_assert_cmpfloat (layout->cells[0][0].fill.blue, >, layout->cells[0][0].fill.red);
  g_assert_cmpfloat (layout->cells[0][G_N_ELEMENTS (failures) - 1].fill.red, >,
                     layout->cells[0][G_N_ELEMENTS (failures) - 1].fill.blue + 0.3);
  /* Every class has a colour of its own, clearly apart from the others. */
  for (guint i = 0; i < GW_HEATMAP_STEPS; i++)
    for (guint j = i + 1; j < GW_HEATMAP_STEPS; j++)
      g_assert_cmpfloat (distance (&layout->legend[i].fill, &layout->legend[j].fill), >, 0.15);
}

static void
test_latency_mode (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GwHeatmapLayout) errors = NULL;
  g_autoptr(GwHeatmapLayout) latency = NULL;

  set_cell (f->grid, 3, 0, 100, 50, 150);     /* many errors, fast */
  set_cell (f->grid, 3, 1, 100, 0, 2500);     /* no errors, slow */
  errors = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_ERRORS, 640, 240, LABEL_W, LABEL_H,
                                      -1, -1);
  latency = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_LATENCY, 640, 240, LABEL_W, LABEL_H,
                                       -1, -1);
  g_assert_cmpint (latency->mode, ==, GW_HEATMAP_LATENCY);
  g_assert_cmpint (errors->cells[3][0].step, ==, GW_HEATMAP_STEPS - 1);
  g_assert_cmpint (errors->cells[3][1].step, ==, 0);
  g_assert_cmpint (latency->cells[3][0].step, ==, 0);
  g_assert_cmpint (latency->cells[3][1].step, ==, GW_HEATMAP_STEPS - 1);
  g_assert_cmpint (latency->cells[0][0].step, ==, 1);          /* 300 ms */
  g_assert_cmpint (latency->cells[4][9].step, ==, 4);          /* 1240 ms */
  /* Checks without a latency have nothing to show in this view. */
  g_assert_true (errors->cells[4][10].has_data);
  g_assert_false (latency->cells[4][10].has_data);
  g_assert_false (latency->cells[4][10].hatched);
  g_assert_cmpfloat (latency->cells[4][10].fill.alpha, ==, 0.0);
  /* Too few checks stay hatched. */
  g_assert_true (latency->cells[2][3].hatched);
}

static void
test_legend (Fixture       *f,
             gconstpointer  data)
{
  static const char *const error_labels[] = {
    "0 %", "< 2 %", "< 5 %", "< 10 %", "< 20 %", "≥ 20 %", "not enough data", "no checks",
  };
  static const char *const latency_labels[] = {
    "< 0.2 s", "< 0.4 s", "< 0.7 s", "< 1 s", "< 2 s", "≥ 2 s", "not enough data", "no data",
  };
  g_autoptr(GwHeatmapLayout) errors = NULL;
  g_autoptr(GwHeatmapLayout) latency = NULL;

  errors = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_ERRORS, 640, 240, LABEL_W, LABEL_H,
                                      -1, -1);
  latency = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_LATENCY, 640, 240, LABEL_W, LABEL_H,
                                       -1, -1);
  for (guint i = 0; i < GW_HEATMAP_N_SWATCHES; i++)
    {
      const GwHeatmapSwatch *s = &errors->legend[i];

      g_assert_cmpstr (s->label.text, ==, error_labels[i]);
      g_assert_cmpstr (latency->legend[i].label.text, ==, latency_labels[i]);
      /* Steps are labelled underneath, the other swatches on their right,
       * with room for about eight characters. */
      if (i < GW_HEATMAP_STEPS)
        g_assert_cmpfloat (s->label.y, >=, s->rect.y + s->rect.height);
      else
        g_assert_cmpfloat (s->label.x, >=, s->rect.x + s->rect.width);
      g_assert_cmpfloat (s->label.max_width, >=, 50.0);
      g_assert_cmpint (s->kind, ==, i < GW_HEATMAP_STEPS ? GW_HEATMAP_SWATCH_STEP
                                    : i == GW_HEATMAP_STEPS ? GW_HEATMAP_SWATCH_NOT_ENOUGH
                                    : GW_HEATMAP_SWATCH_EMPTY);
      g_assert_cmpfloat (s->fill.alpha, ==, i < GW_HEATMAP_STEPS ? 1.0 : 0.0);
    }
  /* The legend's colours are the cells' colours. */
  g_assert_cmpmem (&errors->legend[0].fill, sizeof (GwHeatmapColor),
                   &errors->cells[0][0].fill, sizeof (GwHeatmapColor));
  g_assert_cmpmem (&latency->legend[1].fill, sizeof (GwHeatmapColor),
                   &latency->cells[0][0].fill, sizeof (GwHeatmapColor));
}

static void
test_hit (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GwHeatmapLayout) layout = NULL;
  const GwHeatmapRect *last;
  int row = -1, hour = -1;

  layout = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_ERRORS, 640, 240, LABEL_W, LABEL_H,
                                      -1, -1);
  for (int r = 0; r < GW_HEATMAP_ROWS; r++)
    for (int h = 0; h < GW_HEATMAP_HOURS; h++)
      {
        const GwHeatmapRect *c = &layout->cells[r][h].rect;

        g_assert_true (gw_heatmap_layout_hit (layout, c->x + c->width / 2, c->y + c->height / 2,
                                              &row, &hour));
        g_assert_cmpint (row, ==, r);
        g_assert_cmpint (hour, ==, h);
        g_assert_true (gw_heatmap_layout_hit (layout, c->x, c->y, &row, &hour));
        g_assert_cmpint (row, ==, r);
        g_assert_cmpint (hour, ==, h);
      }
  /* The gap right of a cell belongs to it. */
  g_assert_true (gw_heatmap_layout_hit (layout, layout->cells[2][5].rect.x
                                        + layout->cells[2][5].rect.width + 0.5,
                                        layout->cells[2][5].rect.y + 1, &row, &hour));
  g_assert_cmpint (row, ==, 2);
  g_assert_cmpint (hour, ==, 5);
  /* Weekday labels, hour labels, the legend and beyond the last cell miss. */
  g_assert_false (gw_heatmap_layout_hit (layout, layout->row_labels[3].x - 5,
                                         layout->row_labels[3].y, &row, &hour));
  g_assert_false (gw_heatmap_layout_hit (layout, layout->hour_labels[2].x,
                                         layout->hour_labels[2].y - 2, &row, &hour));
  g_assert_false (gw_heatmap_layout_hit (layout, layout->legend[2].rect.x + 2,
                                         layout->legend[2].rect.y + 2, &row, &hour));
  g_assert_false (gw_heatmap_layout_hit (layout, layout->legend[2].label.x,
                                         layout->legend[2].label.y + 4, &row, &hour));
  last = &layout->cells[6][23].rect;
  g_assert_false (gw_heatmap_layout_hit (layout, last->x + last->width + 1, last->y, NULL, NULL));
  g_assert_false (gw_heatmap_layout_hit (layout, last->x, last->y + last->height + 1, NULL, NULL));
  g_assert_false (gw_heatmap_layout_hit (layout, -1, -1, NULL, NULL));
}

static void
test_describe (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *normal = gw_heatmap_cell_describe (f->grid, 1, 14);
  g_autofree char *few = gw_heatmap_cell_describe (f->grid, 2, 3);
  g_autofree char *one = gw_heatmap_cell_describe (f->grid, 2, 4);
  g_autofree char *empty = gw_heatmap_cell_describe (f->grid, 6, 5);
  g_autofree char *slow = gw_heatmap_cell_describe (f->grid, 4, 9);
  g_autofree char *no_latency = gw_heatmap_cell_describe (f->grid, 4, 10);
  g_autofree char *midnight = gw_heatmap_cell_describe (f->grid, 0, 23);

  g_assert_cmpstr (normal, ==, "Tuesdays 14:00–15:00: 3.1 % errors, median 420 ms, 228 checks");
  g_assert_cmpstr (few, ==, "Wednesdays 03:00–04:00: not enough data (4 checks)");
  g_assert_cmpstr (one, ==, "Wednesdays 04:00–05:00: not enough data (1 check)");
  g_assert_cmpstr (empty, ==, "Sundays 05:00–06:00: no checks");
  g_assert_cmpstr (slow, ==, "Fridays 09:00–10:00: 0.0 % errors, median 1.2 s, 50 checks");
  g_assert_cmpstr (no_latency, ==,
                   "Fridays 10:00–11:00: 10.0 % errors, no latency measured, 50 checks");
  g_assert_cmpstr (midnight, ==, "Mondays 23:00–24:00: 0.0 % errors, median 300 ms, 100 checks");

  /* Rows follow the grid's first weekday. */
  f->grid->first_weekday = G_DATE_SUNDAY;
  g_clear_pointer (&empty, g_free);
  empty = gw_heatmap_cell_describe (f->grid, 6, 5);
  g_assert_cmpstr (empty, ==, "Saturdays 05:00–06:00: no checks");
}

static void
test_no_data (void)
{
  g_autoptr(GwHeatmapLayout) layout = NULL;
  g_autofree char *monday = gw_heatmap_weekday_label (G_DATE_MONDAY);
  g_autofree char *sunday = gw_heatmap_weekday_label (G_DATE_SUNDAY);

  g_assert_cmpstr (monday, ==, "Mon");
  g_assert_cmpstr (sunday, ==, "Sun");
  layout = gw_heatmap_layout_compute (NULL, GW_HEATMAP_ERRORS, 640, 240, LABEL_W, LABEL_H, 2, 5);
  g_assert_cmpstr (layout->message.text, ==, "No checks recorded yet");
  g_assert_false (layout->has_current);
  for (guint row = 0; row < GW_HEATMAP_ROWS; row++)
    {
      g_assert_nonnull (layout->row_labels[row].text);
      for (guint hour = 0; hour < GW_HEATMAP_HOURS; hour++)
        {
          g_assert_false (layout->cells[row][hour].has_data);
          g_assert_false (layout->cells[row][hour].hatched);
        }
    }
}

static void
test_current (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GwHeatmapLayout) layout = NULL;
  g_autoptr(GwHeatmapLayout) none = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) plus5 = g_time_zone_new_offset (5 * 3600);
  const GwHeatmapRect *cell;
  int row, hour;

  /* 2024-01-03 22:30 UTC was a Wednesday. */
  g_assert_true (gw_heatmap_locate_now (f->grid, 1704321000, utc, &row, &hour));
  g_assert_cmpint (row, ==, 2);
  g_assert_cmpint (hour, ==, 22);
  /* 03:30 on Thursday five hours east. */
  g_assert_true (gw_heatmap_locate_now (f->grid, 1704321000, plus5, &row, &hour));
  g_assert_cmpint (row, ==, 3);
  g_assert_cmpint (hour, ==, 3);
  f->grid->first_weekday = G_DATE_SUNDAY;
  g_assert_true (gw_heatmap_locate_now (f->grid, 1704321000, plus5, &row, &hour));
  g_assert_cmpint (row, ==, 4);

  layout = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_ERRORS, 640, 240, LABEL_W, LABEL_H,
                                      row, hour);
  g_assert_true (layout->has_current);
  cell = &layout->cells[row][hour].rect;
  g_assert_cmpfloat (layout->current.x, <, cell->x);
  g_assert_cmpfloat (layout->current.y, <, cell->y);
  g_assert_cmpfloat (layout->current.x + layout->current.width, >, cell->x + cell->width);
  g_assert_cmpfloat (layout->current.y + layout->current.height, >, cell->y + cell->height);
  none = gw_heatmap_layout_compute (f->grid, GW_HEATMAP_ERRORS, 640, 240, LABEL_W, LABEL_H,
                                    7, 24);
  g_assert_false (none->has_current);
}

#define ADD(name, func) \
  g_test_add ("/heatmap-layout/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("geometry", test_geometry);
  ADD ("labels", test_labels);
  ADD ("hatched", test_hatched);
  ADD ("error-colours", test_error_colours);
  ADD ("latency-mode", test_latency_mode);
  ADD ("legend", test_legend);
  ADD ("hit", test_hit);
  ADD ("describe", test_describe);
  ADD ("current", test_current);
  g_test_add_func ("/heatmap-layout/no-data", test_no_data);
  return g_test_run ();
}
