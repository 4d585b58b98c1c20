/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-peak.h"
#include "gw-peak-report.h"
#include "peak-test-data.h"

#include <locale.h>
#include <string.h>
#include <json-glib/json-glib.h>

/* ---- outages ---- */

static GwOutage *
outage_new (GwOutageSource source,
            gint64         start,
            gint64         end)
{
  GwOutage *outage = gw_outage_new ();

  outage->source = source;
  outage->start = start;
  outage->end = end;
  outage->worst = GW_STATE_OUTAGE;
  return outage;
}

static void
test_outage_copy (void)
{
  g_autoptr(GwOutage) outage = outage_new (GW_OUTAGE_SOURCE_STATUS_PAGE, 100, 200);
  g_autoptr(GwOutage) copy = NULL;

  outage->incident_id = g_strdup ("abc123");
  outage->incident_name = g_strdup ("Elevated errors");
  outage->http_status = 503;
  copy = gw_outage_copy (outage);
  g_assert_cmpint (copy->start, ==, 100);
  g_assert_cmpint (copy->end, ==, 200);
  g_assert_cmpuint (copy->http_status, ==, 503);
  g_assert_cmpint (copy->source, ==, GW_OUTAGE_SOURCE_STATUS_PAGE);
  g_assert_cmpstr (copy->incident_id, ==, "abc123");
  g_assert_true (copy->incident_id != outage->incident_id);
  g_assert_cmpstr (copy->incident_name, ==, "Elevated errors");
  gw_outage_free (NULL);
}

static void
test_outage_find_official (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_outage_free);
  g_autoptr(GwOutage) own = outage_new (GW_OUTAGE_SOURCE_PROBES, 1000, 2000);
  g_autoptr(GwOutage) open_own = outage_new (GW_OUTAGE_SOURCE_PROBES, 5000, 0);
  GwOutage *before = outage_new (GW_OUTAGE_SOURCE_STATUS_PAGE, 0, 1000);     /* ends as own starts */
  GwOutage *after = outage_new (GW_OUTAGE_SOURCE_STATUS_PAGE, 2000, 3000);   /* starts as own ends */
  GwOutage *overlap = outage_new (GW_OUTAGE_SOURCE_STATUS_PAGE, 1500, 2500);
  GwOutage *other_own = outage_new (GW_OUTAGE_SOURCE_PROBES, 900, 1900);
  GwOutage *open = outage_new (GW_OUTAGE_SOURCE_STATUS_PAGE, 1200, 0);
  GwOutage *late = outage_new (GW_OUTAGE_SOURCE_STATUS_PAGE, 9000, 9100);

  g_ptr_array_add (list, before);
  g_ptr_array_add (list, after);
  g_ptr_array_add (list, other_own);
  g_assert_null (gw_outage_find_official (own, list));
  g_assert_null (gw_outage_find_official (own, NULL));

  g_ptr_array_add (list, overlap);
  g_assert_true (gw_outage_find_official (own, list) == overlap);
  /* Open-ended and earlier: it wins. */
  g_ptr_array_add (list, open);
  g_assert_true (gw_outage_find_official (own, list) == open);

  /* An own outage still open overlaps everything after its start. */
  g_ptr_array_add (list, late);
  g_assert_true (gw_outage_find_official (open_own, list) == open);
  g_ptr_array_remove (list, open);
  g_assert_true (gw_outage_find_official (open_own, list) == late);

  /* Official outages have no official counterpart. */
  g_assert_null (gw_outage_find_official (overlap, list));
}

static void
test_outage_describe (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwOutage) own = outage_new (GW_OUTAGE_SOURCE_PROBES, utc (2023, 11, 14, 14, 2),
                                        utc (2023, 11, 14, 14, 25));
  g_autoptr(GwOutage) official = outage_new (GW_OUTAGE_SOURCE_STATUS_PAGE,
                                             utc (2023, 11, 14, 14, 19), utc (2023, 11, 14, 14, 59));
  g_autoptr(GwOutage) early = outage_new (GW_OUTAGE_SOURCE_STATUS_PAGE,
                                          utc (2023, 11, 13, 23, 50), 0);
  g_autofree char *alone = NULL, *both = NULL, *page = NULL, *anonymous = NULL, *ongoing = NULL;
  g_autofree char *timeout = NULL, *unnamed = NULL, *bare = NULL, *other_day = NULL, *slow = NULL;

  own->http_status = 502;
  own->cause = GW_CAUSE_SERVER_ERROR;
  official->worst = GW_STATE_DEGRADED;
  official->cause = GW_CAUSE_STATUS_PAGE;
  official->incident_name = g_strdup ("Elevated errors on ChatGPT");

  alone = gw_outage_describe (own, NULL, 0, tz);
  g_assert_cmpstr (alone, ==, "Tue 14 Nov 14:02, 23 minutes — outage: 502 Bad Gateway (your own checks)");
  both = gw_outage_describe (own, official, 0, tz);
  g_assert_cmpstr (both, ==, "Tue 14 Nov 14:02, 23 minutes — outage: 502 Bad Gateway (your own checks); "
                             "the status page reported from 14:19");
  other_day = gw_outage_describe (own, early, 0, tz);
  g_assert_true (g_str_has_suffix (other_day, "the status page reported from Mon 13 Nov 23:50"));
  page = gw_outage_describe (official, NULL, 0, tz);
  g_assert_cmpstr (page, ==, "Tue 14 Nov 14:19, 40 minutes — degraded (status page: Elevated errors on ChatGPT)");
  g_clear_pointer (&official->incident_name, g_free);
  anonymous = gw_outage_describe (official, NULL, 0, tz);
  g_assert_cmpstr (anonymous, ==, "Tue 14 Nov 14:19, 40 minutes — degraded (status page)");

  own->end = 0;
  ongoing = gw_outage_describe (own, NULL, utc (2023, 11, 14, 14, 25), tz);
  g_assert_cmpstr (ongoing, ==, "Tue 14 Nov 14:02, ongoing for 23 minutes — outage: 502 Bad Gateway "
                                "(your own checks)");
  own->http_status = 0;
  own->cause = GW_CAUSE_TIMEOUT;
  timeout = gw_outage_describe (own, NULL, utc (2023, 11, 14, 14, 25), tz);
  g_assert_nonnull (strstr (timeout, "— outage: no answer in time (your own checks)"));
  own->http_status = 418;
  unnamed = gw_outage_describe (own, NULL, utc (2023, 11, 14, 14, 25), tz);
  g_assert_nonnull (strstr (unnamed, "— outage: HTTP 418 (your own checks)"));
  own->http_status = 0;
  own->cause = GW_CAUSE_NONE;
  bare = gw_outage_describe (own, NULL, utc (2023, 11, 14, 14, 25), tz);
  g_assert_nonnull (strstr (bare, "— outage (your own checks)"));
  /* A slow 200 is described by its cause, not by its status. */
  own->worst = GW_STATE_DEGRADED;
  own->http_status = 200;
  own->cause = GW_CAUSE_SLOW;
  slow = gw_outage_describe (own, NULL, utc (2023, 11, 14, 14, 25), tz);
  g_assert_nonnull (strstr (slow, "— degraded: slow answers (your own checks)"));
}

static void
test_outage_describe_in_zone (void)
{
  g_autoptr(GTimeZone) tz = zone ("Europe/Berlin");
  g_autoptr(GwOutage) own = outage_new (GW_OUTAGE_SOURCE_PROBES, utc (2023, 11, 14, 23, 30),
                                        utc (2023, 11, 14, 23, 40));
  g_autofree char *text = NULL;

  if (tz == NULL)
    return;
  /* 23:30 UTC is 00:30 the next day in Berlin. */
  text = gw_outage_describe (own, NULL, 0, tz);
  g_assert_true (g_str_has_prefix (text, "Wed 15 Nov 00:30, 10 minutes"));
}

static void
assert_duration (gint64      seconds,
                 const char *expected)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwOutage) outage = outage_new (GW_OUTAGE_SOURCE_PROBES, MONDAY_2026_03_02,
                                           MONDAY_2026_03_02 + seconds);
  g_autofree char *text = gw_outage_describe (outage, NULL, 0, tz);
  g_autofree char *part = g_strdup_printf ("00:00, %s — ", expected);

  g_assert_nonnull (strstr (text, part));
}

static void
test_outage_durations (void)
{
  assert_duration (1, "1 second");
  assert_duration (59, "59 seconds");
  assert_duration (60, "1 minute");
  assert_duration (119, "1 minute");
  assert_duration (59 * 60 + 59, "59 minutes");
  assert_duration (61 * 60, "1 h 01 min");
  assert_duration (25 * HOUR, "25 h 00 min");
  assert_duration (48 * HOUR - 60, "47 h 59 min");
  assert_duration (1273 * HOUR, "53 days");
}

/* ---- reports ---- */

static GPtrArray *
sample_outages (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_outage_free);
  GwOutage *ongoing = outage_new (GW_OUTAGE_SOURCE_PROBES, utc (2026, 3, 15, 20, 0), 0);
  GwOutage *official = outage_new (GW_OUTAGE_SOURCE_STATUS_PAGE, utc (2026, 3, 10, 15, 19),
                                   utc (2026, 3, 10, 16, 0));
  GwOutage *own = outage_new (GW_OUTAGE_SOURCE_PROBES, utc (2026, 3, 10, 15, 2),
                              utc (2026, 3, 10, 15, 25));

  ongoing->cause = GW_CAUSE_TIMEOUT;
  official->worst = GW_STATE_DEGRADED;
  official->cause = GW_CAUSE_STATUS_PAGE;
  official->incident_id = g_strdup ("x1y2");
  official->incident_name = g_strdup ("Elevated errors on ChatGPT");
  own->http_status = 502;
  own->cause = GW_CAUSE_SERVER_ERROR;
  g_ptr_array_add (list, ongoing);   /* newest first */
  g_ptr_array_add (list, official);
  g_ptr_array_add (list, own);
  return list;
}

#define REPORT_NOW (MONDAY_2026_03_02 + 13 * 24 * HOUR + 20 * HOUR + 45 * 60)  /* Sun 15 Mar 20:45 */

static void
test_report_text (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwWeekGrid) grid = synthetic_grid (14, 60, busy_afternoons, tz);
  g_autoptr(GPtrArray) outages = sample_outages ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  GwPeakWindows windows;
  guint header;

  grid->cells[6][0] = (GwGridCell) { 0 };                                   /* no checks */
  grid->cells[6][1] = (GwGridCell) { 3, 0, { 0 }, 0.0, -1, FALSE };         /* too few */
  gw_peak_windows_find (grid, &windows);
  text = gw_peak_report_to_text (grid, &windows, outages, REPORT_NOW, tz, FALSE);
  g_test_message ("%s", text);
  lines = g_strsplit (text, "\n", -1);

  for (header = 0; lines[header] != NULL && !g_str_has_prefix (lines[header], "    00 03 06"); header++)
    ;
  g_assert_nonnull (lines[header]);
  g_assert_cmpstr (lines[header], ==, "    00 03 06 09 12 15 18 21");
  for (guint row = 0; row < 7; row++)
    {
      const char *line = lines[header + 1 + row];

      g_assert_true (g_str_has_prefix (line, days[row]));
      g_assert_cmpint (g_utf8_strlen (line + 4, -1), ==, 24);
    }
  /* 1 in 60 fails (“▒”), none at night (“░”), 20 % in the afternoon (“█”). */
  g_assert_cmpstr (lines[header + 1], ==, "Mon ▒▒▒░░░░▒▒▒▒▒▒▒▒███▒▒▒▒▒▒");
  g_assert_cmpstr (lines[header + 5], ==, "Fri ▒▒▒░░░░▒▒▒▒▒▒▒▒███▒▒▒▒▒▒");
  g_assert_cmpstr (lines[header + 6], ==, "Sat ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒");
  g_assert_cmpstr (lines[header + 7], ==, "Sun  ·▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒");

  g_assert_nonnull (strstr (text, "Legend: “ ” no checks, “·” too few checks; failed checks "
                                  "“░” under 1 %, “▒” 1–5 %, “▓” 5–20 %, “█” 20 % or more."));
  g_assert_nonnull (strstr (text, "\nQuietest: weekdays 03:00–07:00. Busiest: weekdays 15:00–18:00.\n"));
  g_assert_nonnull (strstr (text, "\nBased on 14 days of checks.\n"));
  g_assert_nonnull (strstr (text, "\nRecent outages:\n"
                            "  • Sun 15 Mar 20:00, ongoing for 45 minutes — outage: no answer in time (your own checks)\n"
                            "  • Tue 10 Mar 15:19, 41 minutes — degraded (status page: Elevated errors on ChatGPT)\n"
                            "  • Tue 10 Mar 15:02, 23 minutes — outage: 502 Bad Gateway (your own checks); "
                            "the status page reported from 15:19\n"));
}

static void
test_report_text_latency_and_empty (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwWeekGrid) grid = synthetic_grid (14, 60, busy_afternoons, tz);
  g_autoptr(GwWeekGrid) empty = gw_week_grid_build (NULL, 0, tz, G_DATE_SUNDAY, 12);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_outage_free);
  g_autofree char *text = NULL;
  g_autofree char *empty_text = NULL;
  g_autofree char *blank_row = g_strdup_printf ("\nSun %24s\nMon", "");
  GwPeakWindows windows;
  guint bullets = 0;

  gw_peak_windows_find (grid, &windows);
  text = gw_peak_report_to_text (grid, &windows, NULL, REPORT_NOW, tz, TRUE);
  g_assert_nonnull (strstr (text, "Median first byte by hour of the week"));
  g_assert_nonnull (strstr (text, "\nMon ░░░░░░░░░░░░░░░▓▓▓░░░░░░\n"));
  g_assert_nonnull (strstr (text, "\nNo outages recorded.\n"));

  for (guint i = 0; i < 12; i++)
    g_ptr_array_add (many, outage_new (GW_OUTAGE_SOURCE_PROBES, MONDAY_2026_03_02 - i * 86400,
                                       MONDAY_2026_03_02 - i * 86400 + 600));
  gw_peak_windows_find (empty, &windows);
  empty_text = gw_peak_report_to_text (empty, &windows, many, REPORT_NOW, tz, FALSE);
  g_test_message ("%s", empty_text);
  g_assert_nonnull (strstr (empty_text, blank_row));
  g_assert_nonnull (strstr (empty_text, "There is not enough data yet"));
  g_assert_nonnull (strstr (empty_text, "\nNo checks recorded yet.\n"));
  for (const char *p = strstr (empty_text, "  • "); p != NULL; p = strstr (p + 1, "  • "))
    bullets++;
  g_assert_cmpuint (bullets, ==, 10);
}

static void
assert_member_type (JsonObject *object,
                    const char *name,
                    GType       type,
                    gboolean    nullable)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    return;
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpstr (g_type_name (json_node_get_value_type (node)), ==, g_type_name (type));
}

static void
assert_window_object (JsonObject *window)
{
  JsonArray *days = json_object_get_array_member (window, "days");

  g_assert_nonnull (days);
  for (guint i = 0; i < json_array_get_length (days); i++)
    g_assert_true (JSON_NODE_HOLDS_VALUE (json_array_get_element (days, i)));
  assert_member_type (window, "start_hour", G_TYPE_INT64, FALSE);
  assert_member_type (window, "end_hour", G_TYPE_INT64, FALSE);
  assert_member_type (window, "error_rate", G_TYPE_DOUBLE, FALSE);
  assert_member_type (window, "median_ms", G_TYPE_INT64, TRUE);
  assert_member_type (window, "description", G_TYPE_STRING, FALSE);
}

static void
assert_cells (JsonObject *root)
{
  JsonArray *cells = json_object_get_array_member (root, "cells");

  g_assert_cmpuint (json_array_get_length (cells), ==, 7);
  for (guint row = 0; row < 7; row++)
    {
      JsonArray *hours = json_array_get_array_element (cells, row);

      g_assert_cmpuint (json_array_get_length (hours), ==, 24);
      for (guint hour = 0; hour < 24; hour++)
        {
          JsonObject *cell = json_array_get_object_element (hours, hour);

          assert_member_type (cell, "weekday", G_TYPE_STRING, FALSE);
          assert_member_type (cell, "hour", G_TYPE_INT64, FALSE);
          assert_member_type (cell, "checks", G_TYPE_INT64, FALSE);
          assert_member_type (cell, "failures", G_TYPE_INT64, FALSE);
          assert_member_type (cell, "error_rate", G_TYPE_DOUBLE, FALSE);
          assert_member_type (cell, "median_ms", G_TYPE_INT64, TRUE);
          assert_member_type (cell, "enough", G_TYPE_BOOLEAN, FALSE);
          g_assert_cmpint (json_object_get_int_member (cell, "hour"), ==, hour);
        }
    }
}

static void
assert_outages (JsonObject *root)
{
  JsonArray *outages = json_object_get_array_member (root, "outages");
  JsonObject *ongoing, *official;

  g_assert_cmpuint (json_array_get_length (outages), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *o = json_array_get_object_element (outages, i);

      assert_member_type (o, "start", G_TYPE_STRING, FALSE);
      assert_member_type (o, "end", G_TYPE_STRING, TRUE);
      assert_member_type (o, "duration_s", G_TYPE_INT64, FALSE);
      assert_member_type (o, "worst_state", G_TYPE_STRING, FALSE);
      assert_member_type (o, "cause", G_TYPE_STRING, FALSE);
      assert_member_type (o, "http_status", G_TYPE_INT64, FALSE);
      assert_member_type (o, "source", G_TYPE_STRING, FALSE);
      assert_member_type (o, "incident_id", G_TYPE_STRING, TRUE);
      assert_member_type (o, "incident_name", G_TYPE_STRING, TRUE);
      assert_member_type (o, "description", G_TYPE_STRING, FALSE);
    }
  ongoing = json_array_get_object_element (outages, 0);
  g_assert_cmpstr (json_object_get_string_member (ongoing, "start"), ==, "2026-03-15T20:00:00Z");
  g_assert_true (json_object_get_null_member (ongoing, "end"));
  g_assert_cmpint (json_object_get_int_member (ongoing, "duration_s"), ==, 45 * 60);
  g_assert_cmpstr (json_object_get_string_member (ongoing, "source"), ==, "probes");
  g_assert_cmpstr (json_object_get_string_member (ongoing, "cause"), ==, "timeout");
  official = json_array_get_object_element (outages, 1);
  g_assert_cmpstr (json_object_get_string_member (official, "end"), ==, "2026-03-10T16:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (official, "source"), ==, "status_page");
  g_assert_cmpstr (json_object_get_string_member (official, "worst_state"), ==, "degraded");
  g_assert_cmpstr (json_object_get_string_member (official, "incident_id"), ==, "x1y2");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (outages, 2),
                                               "http_status"), ==, 502);
}

static void
test_report_json (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwWeekGrid) grid = synthetic_grid (14, 60, busy_afternoons, tz);
  g_autoptr(GPtrArray) outages = sample_outages ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root, *busiest;
  JsonArray *days;
  GwPeakWindows windows;

  gw_peak_windows_find (grid, &windows);
  json = gw_peak_report_to_json (grid, &windows, outages, REPORT_NOW, tz, FALSE);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "first_weekday"), ==, "monday");
  g_assert_cmpint (json_object_get_int_member (root, "min_samples"), ==, GW_DEFAULT_MIN_SAMPLES);
  g_assert_cmpint (json_object_get_int_member (root, "total_checks"), ==, 14 * 24 * 60);
  g_assert_cmpint (json_object_get_int_member (root, "days_of_data"), ==, 14);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "weekdays")), ==, 7);
  assert_cells (root);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_array_get_array_element (json_object_get_array_member (root, "cells"), 0),
                     15), "failures"), ==, 24);

  busiest = json_object_get_object_member (root, "busiest");
  assert_window_object (busiest);
  assert_window_object (json_object_get_object_member (root, "quietest"));
  days = json_object_get_array_member (busiest, "days");
  g_assert_cmpuint (json_array_get_length (days), ==, 5);
  g_assert_cmpstr (json_array_get_string_element (days, 0), ==, "monday");
  g_assert_cmpstr (json_array_get_string_element (days, 4), ==, "friday");
  g_assert_cmpint (json_object_get_int_member (busiest, "start_hour"), ==, 15);
  g_assert_cmpint (json_object_get_int_member (busiest, "end_hour"), ==, 18);
  g_assert_cmpint (json_object_get_int_member (busiest, "median_ms"), ==, 2500);
  g_assert_true (json_object_get_boolean_member (root, "confident"));
  g_assert_cmpstr (json_object_get_string_member (root, "summary"), ==,
                   "Quietest: weekdays 03:00–07:00. Busiest: weekdays 15:00–18:00.");
  assert_outages (root);
}

static void
test_report_json_empty (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwWeekGrid) grid = gw_week_grid_build (NULL, 0, tz, G_DATE_SUNDAY, 12);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root;
  GwPeakWindows windows;

  gw_peak_windows_find (grid, &windows);
  json = gw_peak_report_to_json (grid, &windows, NULL, 0, tz, FALSE);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "first_weekday"), ==, "sunday");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "weekdays"), 0),
                   ==, "sunday");
  g_assert_cmpint (json_object_get_int_member (root, "days_of_data"), ==, 0);
  assert_cells (root);
  g_assert_true (json_object_get_null_member (root, "busiest"));
  g_assert_true (json_object_get_null_member (root, "quietest"));
  g_assert_false (json_object_get_boolean_member (root, "confident"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "outages")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Weekday names, month names and messages in English, whatever the
   * machine: the C locale, with UTF-8 output where C.UTF-8 exists. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/peak/outage/copy", test_outage_copy);
  g_test_add_func ("/peak/outage/find-official", test_outage_find_official);
  g_test_add_func ("/peak/outage/describe", test_outage_describe);
  g_test_add_func ("/peak/outage/describe-in-zone", test_outage_describe_in_zone);
  g_test_add_func ("/peak/outage/durations", test_outage_durations);
  g_test_add_func ("/peak/report/text", test_report_text);
  g_test_add_func ("/peak/report/text-latency-and-empty", test_report_text_latency_and_empty);
  g_test_add_func ("/peak/report/json", test_report_json);
  g_test_add_func ("/peak/report/json-empty", test_report_json_empty);
  return g_test_run ();
}
