/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-peak-report"

#include "config.h"

#include "gw-peak-report.h"
#include "gw-json.h"
#include "gw-peak-private.h"

#include <glib/gi18n-lib.h>

#define TEXT_OUTAGES 10

/* Shading: error rate below 1 %, 1–5 %, 5–20 %, 20 % and more; or median
 * first byte below 0.5 s, 0.5–1 s, 1–3 s (3 s: the default slow threshold),
 * 3 s and more. */
static const char * const shades[] = { "░", "▒", "▓", "█" };
static const double rate_bands[] = { 0.01, 0.05, 0.20 };
static const gint64 latency_bands[] = { 500, 1000, 3000 };

static const char *
cell_shade (const GwGridCell *cell,
            gboolean          latency)
{
  guint band = 0;

  if (cell->checks == 0)
    return " ";
  if (!cell->enough || (latency && cell->median_ms < 0))
    return "·";
  if (latency)
    while (band < G_N_ELEMENTS (latency_bands) && cell->median_ms >= latency_bands[band])
      band++;
  else
    while (band < G_N_ELEMENTS (rate_bands) && cell->error_rate >= rate_bands[band])
      band++;
  return shades[band];
}

static void
append_table (GString          *out,
              const GwWeekGrid *grid,
              gboolean          latency)
{
  char *names[7];
  glong width = 0;

  for (guint row = 0; row < 7; row++)
    {
      names[row] = gw_peak_weekday_name (gw_week_grid_row_weekday (grid, row), TRUE);
      width = MAX (width, g_utf8_strlen (names[row], -1));
    }

  /* One column per hour, every third one labelled. */
  g_string_append_printf (out, "%*s ", (int) width, "");
  for (guint hour = 0; hour < 24; hour += 3)
    g_string_append_printf (out, hour + 3 < 24 ? "%02u " : "%02u", hour);
  g_string_append_c (out, '\n');

  for (guint row = 0; row < 7; row++)
    {
      g_string_append (out, names[row]);
      for (glong i = g_utf8_strlen (names[row], -1); i <= width; i++)
        g_string_append_c (out, ' ');
      for (guint hour = 0; hour < 24; hour++)
        g_string_append (out, cell_shade (&grid->cells[row][hour], latency));
      g_string_append_c (out, '\n');
      g_free (names[row]);
    }
}

static void
append_outages (GString   *out,
                GPtrArray *outages,
                gint64     now,
                GTimeZone *tz)
{
  if (outages == NULL || outages->len == 0)
    {
      g_string_append_printf (out, "%s\n", _("No outages recorded."));
      return;
    }
  g_string_append_printf (out, "%s\n", _("Recent outages:"));
  for (guint i = 0; i < outages->len && i < TEXT_OUTAGES; i++)
    {
      const GwOutage *outage = g_ptr_array_index (outages, i);
      g_autofree char *line = gw_outage_describe (outage,
                                                  gw_outage_find_official (outage, outages),
                                                  now, tz);

      g_string_append_printf (out, "  • %s\n", line);
    }
}

char *
gw_peak_report_to_text (const GwWeekGrid    *grid,
                        const GwPeakWindows *windows,
                        GPtrArray           *outages,
                        gint64               now,
                        GTimeZone           *tz,
                        gboolean             latency)
{
  GString *out;
  g_autofree char *summary = NULL;
  g_autofree char *basis = NULL;

  g_return_val_if_fail (grid != NULL && windows != NULL && tz != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n", latency ?
                          _("Median first byte by hour of the week (local time)") :
                          _("Failed checks by hour of the week (local time)"));
  append_table (out, grid, latency);
  g_string_append_printf (out, "%s\n\n", latency ?
                          /* Translators: the characters in quotes are the table's shades: keep them */
                          _("Legend: “ ” no checks, “·” too few checks; median first byte "
                            "“░” under 0.5 s, “▒” 0.5–1 s, “▓” 1–3 s, “█” 3 s or more.") :
                          /* Translators: the characters in quotes are the table's shades: keep them */
                          /* xgettext:no-c-format */
                          _("Legend: “ ” no checks, “·” too few checks; failed checks "
                            "“░” under 1 %, “▒” 1–5 %, “▓” 5–20 %, “█” 20 % or more."));

  summary = gw_peak_windows_describe (windows);
  g_string_append_printf (out, "%s\n", summary);
  basis = gw_week_grid_describe_basis (grid);
  g_string_append_printf (out, "%s\n\n", basis);
  append_outages (out, outages, now, tz);
  return g_string_free (out, FALSE);
}

static void
add_median (JsonBuilder *b,
            gint64       median_ms)
{
  json_builder_set_member_name (b, "median_ms");
  if (median_ms >= 0)
    json_builder_add_int_value (b, median_ms);
  else
    json_builder_add_null_value (b);
}

static void
add_cell (JsonBuilder      *b,
          const GwGridCell *cell,
          GDateWeekday      weekday,
          guint             hour)
{
  json_builder_begin_object (b);
  gw_json_add_string_or_null (b, "weekday", gw_peak_weekday_id (weekday));
  gw_json_add_int (b, "hour", hour);
  gw_json_add_int (b, "checks", cell->checks);
  gw_json_add_int (b, "failures", cell->failures);
  json_builder_set_member_name (b, "error_rate");
  json_builder_add_double_value (b, cell->error_rate);
  add_median (b, cell->median_ms);
  json_builder_set_member_name (b, "enough");
  json_builder_add_boolean_value (b, cell->enough);
  json_builder_end_object (b);
}

static void
add_cells (JsonBuilder      *b,
           const GwWeekGrid *grid)
{
  json_builder_set_member_name (b, "weekdays");
  json_builder_begin_array (b);
  for (guint row = 0; row < 7; row++)
    json_builder_add_string_value (b, gw_peak_weekday_id (gw_week_grid_row_weekday (grid, row)));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "cells");
  json_builder_begin_array (b);
  for (guint row = 0; row < 7; row++)
    {
      json_builder_begin_array (b);
      for (guint hour = 0; hour < 24; hour++)
        add_cell (b, &grid->cells[row][hour], gw_week_grid_row_weekday (grid, row), hour);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

static void
add_window (JsonBuilder        *b,
            const char         *name,
            const GwPeakWindow *window)
{
  g_autofree char *description = NULL;

  json_builder_set_member_name (b, name);
  if (!window->found)
    {
      json_builder_add_null_value (b);
      return;
    }
  description = gw_peak_window_describe (window);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "days");
  json_builder_begin_array (b);
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    if (window->days & (1u << (d - 1)))
      json_builder_add_string_value (b, gw_peak_weekday_id (d));
  json_builder_end_array (b);
  gw_json_add_int (b, "start_hour", window->start_hour);
  gw_json_add_int (b, "end_hour", window->end_hour);
  json_builder_set_member_name (b, "error_rate");
  json_builder_add_double_value (b, window->error_rate);
  add_median (b, window->median_ms);
  gw_json_add_string_or_null (b, "description", description);
  json_builder_end_object (b);
}

static void
add_outage (JsonBuilder    *b,
            const GwOutage *outage,
            GPtrArray      *outages,
            gint64          now,
            GTimeZone      *tz)
{
  g_autofree char *start = gw_json_format_utc (outage->start);
  g_autofree char *end = outage->end != 0 ? gw_json_format_utc (outage->end) : NULL;
  g_autofree char *description = NULL;
  gint64 until = outage->end != 0 ? outage->end : now;

  description = gw_outage_describe (outage, gw_outage_find_official (outage, outages), now, tz);
  json_builder_begin_object (b);
  gw_json_add_string_or_null (b, "start", start);
  gw_json_add_string_or_null (b, "end", end);
  gw_json_add_int (b, "duration_s", MAX (until - outage->start, 0));
  gw_json_add_string_or_null (b, "worst_state", gw_state_to_string (outage->worst));
  gw_json_add_string_or_null (b, "cause", gw_cause_to_string (outage->cause));
  gw_json_add_int (b, "http_status", outage->http_status);
  gw_json_add_string_or_null (b, "source", outage->source == GW_OUTAGE_SOURCE_STATUS_PAGE ?
                                   "status_page" : "probes");
  gw_json_add_string_or_null (b, "incident_id", outage->incident_id);
  gw_json_add_string_or_null (b, "incident_name", outage->incident_name);
  gw_json_add_string_or_null (b, "description", description);
  json_builder_end_object (b);
}

char *
gw_peak_report_to_json (const GwWeekGrid    *grid,
                        const GwPeakWindows *windows,
                        GPtrArray           *outages,
                        gint64               now,
                        GTimeZone           *tz,
                        gboolean             latency)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (grid != NULL && windows != NULL && tz != NULL, NULL);

  summary = gw_peak_windows_describe (windows);
  json_builder_begin_object (b);
  gw_json_add_string_or_null (b, "first_weekday", gw_peak_weekday_id (grid->first_weekday));
  gw_json_add_int (b, "min_samples", grid->min_samples);
  gw_json_add_int (b, "total_checks", (gint64) MIN (grid->total_checks, (guint64) G_MAXINT64));
  gw_json_add_int (b, "days_of_data", gw_week_grid_days_of_data (grid));
  add_cells (b, grid);
  add_window (b, "busiest", &windows->busiest);
  add_window (b, "quietest", &windows->quietest);
  json_builder_set_member_name (b, "confident");
  json_builder_add_boolean_value (b, windows->confident);
  gw_json_add_string_or_null (b, "summary", summary);
  json_builder_set_member_name (b, "outages");
  json_builder_begin_array (b);
  for (guint i = 0; outages != NULL && i < outages->len; i++)
    add_outage (b, g_ptr_array_index (outages, i), outages, now, tz);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
