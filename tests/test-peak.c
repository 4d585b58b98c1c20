/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-peak.h"
#include "peak-test-data.h"

#include <locale.h>
#include <string.h>

/* ---- histogram and median ---- */

static void
test_histogram_add (void)
{
  GwHourStats stats = { 0 };

  gw_hour_stats_add_check (&stats, FALSE, -1);
  g_assert_cmpuint (stats.checks, ==, 1);
  g_assert_cmpuint (stats.failures, ==, 0);
  g_assert_cmpuint (stats.latency_count, ==, 0);
  g_assert_cmpint (gw_latency_median_ms (stats.latency_hist), ==, -1);

  gw_hour_stats_add_check (&stats, TRUE, 0);
  gw_hour_stats_add_check (&stats, FALSE, 99);
  gw_hour_stats_add_check (&stats, FALSE, 100);
  gw_hour_stats_add_check (&stats, TRUE, 9999);
  gw_hour_stats_add_check (&stats, FALSE, 10000);
  gw_hour_stats_add_check (&stats, FALSE, 600000);
  g_assert_cmpuint (stats.checks, ==, 7);
  g_assert_cmpuint (stats.failures, ==, 2);
  g_assert_cmpuint (stats.latency_count, ==, 6);
  g_assert_cmpuint (stats.latency_sum_ms, ==, 0 + 99 + 100 + 9999 + 10000 + 600000);
  g_assert_cmpuint (stats.latency_hist[0], ==, 2);
  g_assert_cmpuint (stats.latency_hist[1], ==, 1);
  g_assert_cmpuint (stats.latency_hist[GW_LATENCY_BUCKETS - 2], ==, 1);
  g_assert_cmpuint (stats.latency_hist[GW_LATENCY_BUCKETS - 1], ==, 2);
}

static void
test_bucket_edges (void)
{
  g_assert_cmpuint (gw_latency_bucket_edges[0], ==, 100);
  g_assert_cmpuint (gw_latency_bucket_edges[GW_LATENCY_BUCKETS - 2], ==, 10000);
  for (guint i = 1; i < GW_LATENCY_BUCKETS - 1; i++)
    g_assert_cmpuint (gw_latency_bucket_edges[i], >, gw_latency_bucket_edges[i - 1]);
}

static void
test_median (void)
{
  guint32 hist[GW_LATENCY_BUCKETS] = { 0 };

  g_assert_cmpint (gw_latency_median_ms (hist), ==, -1);

  /* One bucket, [200, 300): its middle. */
  hist[2] = 4;
  g_assert_cmpint (gw_latency_median_ms (hist), ==, 250);
  hist[2] = 1;
  g_assert_cmpint (gw_latency_median_ms (hist), ==, 250);

  /* 1 in [100, 200), 3 in [500, 750): the 2nd of 4 samples sits a third
   * into the upper bucket. */
  memset (hist, 0, sizeof hist);
  hist[1] = 1;
  hist[4] = 3;
  g_assert_cmpint (gw_latency_median_ms (hist), ==, 583);

  /* Two halves: the edge between them. */
  memset (hist, 0, sizeof hist);
  hist[0] = 2;
  hist[1] = 2;
  g_assert_cmpint (gw_latency_median_ms (hist), ==, 100);

  /* The open bucket reports its lower edge. */
  memset (hist, 0, sizeof hist);
  hist[GW_LATENCY_BUCKETS - 1] = 5;
  g_assert_cmpint (gw_latency_median_ms (hist), ==, 10000);
  hist[0] = 1;
  hist[GW_LATENCY_BUCKETS - 1] = 3;
  g_assert_cmpint (gw_latency_median_ms (hist), ==, 10000);
}

/* ---- the week grid ---- */

static void
test_grid_utc (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  GwHourStats stats[] = {
    hour_stats (MONDAY_2026_03_02 + 15 * HOUR, 10, 2, 400),
    hour_stats (MONDAY_2026_03_02 + 7 * 24 * HOUR + 15 * HOUR, 10, 3, 2500),  /* a week later */
    hour_stats (MONDAY_2026_03_02 + 2 * 24 * HOUR + 23 * HOUR, 5, 0, -1),     /* Wednesday */
    hour_stats (MONDAY_2026_03_02 + 6 * 24 * HOUR, 0, 0, -1),                 /* no checks */
  };
  g_autoptr(GwWeekGrid) grid = gw_week_grid_build (stats, G_N_ELEMENTS (stats), tz,
                                                   G_DATE_MONDAY, 12);
  const GwGridCell *monday = &grid->cells[0][15];
  const GwGridCell *wednesday = &grid->cells[2][23];

  g_assert_cmpint (grid->first_weekday, ==, G_DATE_MONDAY);
  g_assert_cmpuint (grid->min_samples, ==, 12);
  g_assert_cmpuint (grid->total_checks, ==, 25);
  g_assert_cmpint (grid->first_hour, ==, MONDAY_2026_03_02 + 15 * HOUR);
  g_assert_cmpint (grid->last_hour, ==, MONDAY_2026_03_02 + 7 * 24 * HOUR + 15 * HOUR);
  /* Three dates with checks across eight days: the gap is not data. */
  g_assert_cmpuint (grid->days_with_checks, ==, 3);

  g_assert_cmpuint (monday->checks, ==, 20);
  g_assert_cmpuint (monday->failures, ==, 5);
  g_assert_cmpfloat_with_epsilon (monday->error_rate, 0.25, 1e-9);
  g_assert_cmpuint (monday->latency_hist[3], ==, 10);  /* [300, 500) */
  g_assert_cmpuint (monday->latency_hist[8], ==, 10);  /* [2000, 3000) */
  g_assert_cmpint (monday->median_ms, ==, 500);        /* between the two buckets */
  g_assert_true (monday->enough);

  g_assert_cmpuint (wednesday->checks, ==, 5);
  g_assert_cmpint (wednesday->median_ms, ==, -1);
  g_assert_cmpfloat (wednesday->error_rate, ==, 0.0);
  g_assert_false (wednesday->enough);

  g_assert_cmpuint (grid->cells[6][0].checks, ==, 0);
  g_assert_cmpfloat (grid->cells[6][0].error_rate, ==, 0.0);
  g_assert_cmpint (grid->cells[6][0].median_ms, ==, -1);
}

static void
test_grid_empty (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwWeekGrid) grid = gw_week_grid_build (NULL, 0, tz, G_DATE_SUNDAY, 0);

  g_assert_cmpuint (grid->total_checks, ==, 0);
  g_assert_cmpint (grid->first_hour, ==, 0);
  g_assert_cmpint (grid->last_hour, ==, 0);
  g_assert_cmpuint (grid->min_samples, ==, 1);  /* an empty cell is never enough */
  g_assert_false (grid->cells[0][0].enough);
}

/* One check every UTC hour of [from, until). */
static GwWeekGrid *
uniform_grid (gint64     from,
              gint64     until,
              GTimeZone *tz)
{
  g_autoptr(GArray) stats = g_array_new (FALSE, FALSE, sizeof (GwHourStats));

  for (gint64 hour = from; hour < until; hour += HOUR)
    {
      GwHourStats s = hour_stats (hour, 1, 0, 400);

      g_array_append_val (stats, s);
    }
  return gw_week_grid_build ((GwHourStats *) stats->data, stats->len, tz, G_DATE_MONDAY, 1);
}

static void
assert_one_check_per_cell_but (const GwWeekGrid *grid,
                               guint             row,
                               guint             hour,
                               guint             checks)
{
  for (guint r = 0; r < 7; r++)
    for (guint h = 0; h < 24; h++)
      g_assert_cmpuint (grid->cells[r][h].checks, ==, r == row && h == hour ? checks : 1);
}

static void
test_grid_dst_spring (void)
{
  g_autoptr(GTimeZone) tz = zone ("Europe/Berlin");
  g_autoptr(GwWeekGrid) week = NULL;
  GwHourStats stats[2];
  g_autoptr(GwWeekGrid) grid = NULL;

  if (tz == NULL)
    return;

  /* 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC. */
  stats[0] = hour_stats (utc (2026, 3, 29, 0, 0), 1, 0, -1);  /* 01:00 CET */
  stats[1] = hour_stats (utc (2026, 3, 29, 1, 0), 1, 0, -1);  /* 03:00 CEST */
  grid = gw_week_grid_build (stats, 2, tz, G_DATE_MONDAY, 1);
  g_assert_cmpuint (grid->cells[6][1].checks, ==, 1);
  g_assert_cmpuint (grid->cells[6][2].checks, ==, 0);
  g_assert_cmpuint (grid->cells[6][3].checks, ==, 1);

  /* Local Monday 23 March 00:00 CET to Monday 30 March 00:00 CEST: 167 UTC
   * hours, and Sunday 02:00 never happened. */
  week = uniform_grid (utc (2026, 3, 22, 23, 0), utc (2026, 3, 29, 22, 0), tz);
  g_assert_cmpuint (week->total_checks, ==, 167);
  assert_one_check_per_cell_but (week, 6, 2, 0);
}

static void
test_grid_dst_autumn (void)
{
  g_autoptr(GTimeZone) tz = zone ("Europe/Berlin");
  g_autoptr(GwWeekGrid) week = NULL;
  GwHourStats stats[2];
  g_autoptr(GwWeekGrid) grid = NULL;

  if (tz == NULL)
    return;

  /* 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC, so 02:00
   * happens twice. */
  stats[0] = hour_stats (utc (2026, 10, 25, 0, 0), 1, 0, -1);  /* 02:00 CEST */
  stats[1] = hour_stats (utc (2026, 10, 25, 1, 0), 2, 1, -1);  /* 02:00 CET */
  grid = gw_week_grid_build (stats, 2, tz, G_DATE_MONDAY, 1);
  g_assert_cmpuint (grid->cells[6][2].checks, ==, 3);
  g_assert_cmpuint (grid->cells[6][2].failures, ==, 1);
  g_assert_cmpuint (grid->cells[6][1].checks, ==, 0);
  g_assert_cmpuint (grid->cells[6][3].checks, ==, 0);

  /* Monday 19 October 00:00 CEST to Monday 26 October 00:00 CET: 169 hours. */
  week = uniform_grid (utc (2026, 10, 18, 22, 0), utc (2026, 10, 25, 23, 0), tz);
  g_assert_cmpuint (week->total_checks, ==, 169);
  assert_one_check_per_cell_but (week, 6, 2, 2);
}

static void
test_grid_half_hour_zone (void)
{
  g_autoptr(GTimeZone) tz = zone ("Asia/Kolkata");
  GwHourStats stats[2];
  g_autoptr(GwWeekGrid) grid = NULL;

  if (tz == NULL)
    return;

  stats[0] = hour_stats (utc (2026, 3, 2, 8, 0), 1, 0, -1);   /* Monday 13:30 IST */
  stats[1] = hour_stats (utc (2026, 3, 1, 20, 0), 1, 0, -1);  /* Sunday UTC, Monday 01:30 IST */
  grid = gw_week_grid_build (stats, 2, tz, G_DATE_MONDAY, 1);
  g_assert_cmpuint (grid->cells[0][13].checks, ==, 1);
  g_assert_cmpuint (grid->cells[0][1].checks, ==, 1);
  g_assert_cmpuint (grid->cells[6][20].checks, ==, 0);
  g_assert_cmpuint (grid->total_checks, ==, 2);
}

static void
test_grid_first_weekday (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  GwHourStats stats[] = {
    hour_stats (utc (2026, 3, 1, 10, 0), 1, 0, -1),  /* Sunday */
    hour_stats (utc (2026, 3, 2, 11, 0), 1, 0, -1),  /* Monday */
    hour_stats (utc (2026, 3, 7, 12, 0), 1, 0, -1),  /* Saturday */
  };
  g_autoptr(GwWeekGrid) monday = gw_week_grid_build (stats, 3, tz, G_DATE_MONDAY, 1);
  g_autoptr(GwWeekGrid) sunday = gw_week_grid_build (stats, 3, tz, G_DATE_SUNDAY, 1);
  g_autoptr(GwWeekGrid) saturday = gw_week_grid_build (stats, 3, tz, G_DATE_SATURDAY, 1);

  g_assert_cmpuint (monday->cells[0][11].checks, ==, 1);
  g_assert_cmpuint (monday->cells[5][12].checks, ==, 1);
  g_assert_cmpuint (monday->cells[6][10].checks, ==, 1);
  g_assert_cmpuint (sunday->cells[0][10].checks, ==, 1);
  g_assert_cmpuint (sunday->cells[1][11].checks, ==, 1);
  g_assert_cmpuint (sunday->cells[6][12].checks, ==, 1);
  g_assert_cmpuint (saturday->cells[0][12].checks, ==, 1);
  g_assert_cmpuint (saturday->cells[1][10].checks, ==, 1);
  g_assert_cmpuint (saturday->cells[2][11].checks, ==, 1);

  for (guint row = 0; row < 7; row++)
    {
      g_assert_cmpint (gw_week_grid_row_weekday (monday, row), ==, row + 1);
      g_assert_cmpint (gw_week_grid_row_weekday (sunday, row), ==, row == 0 ? 7 : row);
    }
  g_assert_cmpint (gw_week_grid_row_weekday (saturday, 0), ==, G_DATE_SATURDAY);
  g_assert_cmpint (gw_week_grid_row_weekday (saturday, 2), ==, G_DATE_MONDAY);
}

static void
test_grid_min_samples (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  GwHourStats stats[] = {
    hour_stats (MONDAY_2026_03_02 + 1 * HOUR, 11, 0, -1),
    hour_stats (MONDAY_2026_03_02 + 2 * HOUR, 12, 0, -1),
    hour_stats (MONDAY_2026_03_02 + 3 * HOUR, 6, 0, -1),
    hour_stats (MONDAY_2026_03_02 + 7 * 24 * HOUR + 3 * HOUR, 6, 6, -1),
  };
  g_autoptr(GwWeekGrid) grid = gw_week_grid_build (stats, G_N_ELEMENTS (stats), tz,
                                                   G_DATE_MONDAY, 12);

  g_assert_false (grid->cells[0][1].enough);
  g_assert_true (grid->cells[0][2].enough);
  g_assert_true (grid->cells[0][3].enough);  /* two weeks together */
  g_assert_cmpfloat_with_epsilon (grid->cells[0][3].error_rate, 0.5, 1e-9);
  g_assert_false (grid->cells[0][4].enough);
}

static void
test_locale_first_weekday (void)
{
  GDateWeekday first = gw_locale_first_weekday ();

  g_assert_true (g_date_valid_weekday (first));
  /* The C locale follows glibc's POSIX data: weeks start on Sunday there. */
  g_test_message ("first weekday in this locale: %d", first);
}

/* ---- peak windows ---- */

static guint
one_in_sixty (GDateWeekday weekday,
              guint        hour)
{
  return 1;
}

static guint
none (GDateWeekday weekday,
      guint        hour)
{
  return 0;
}

static void
test_windows_clear (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwWeekGrid) grid = synthetic_grid (14, 60, busy_afternoons, tz);
  g_autofree char *sentence = NULL;
  GwPeakWindows windows;

  gw_peak_windows_find (grid, &windows);
  g_assert_true (windows.confident);
  g_assert_true (windows.busiest.found);
  g_assert_cmphex (windows.busiest.days, ==, 0x1F);
  g_assert_cmpuint (windows.busiest.start_hour, ==, 15);
  g_assert_cmpuint (windows.busiest.end_hour, ==, 18);
  g_assert_cmpfloat_with_epsilon (windows.busiest.error_rate, 0.2, 1e-9);
  g_assert_cmpint (windows.busiest.median_ms, ==, 2500);
  g_assert_true (windows.quietest.found);
  g_assert_cmphex (windows.quietest.days, ==, 0x1F);
  g_assert_cmpuint (windows.quietest.start_hour, ==, 3);
  g_assert_cmpuint (windows.quietest.end_hour, ==, 7);
  g_assert_cmpfloat (windows.quietest.error_rate, ==, 0.0);
  g_assert_cmpint (windows.quietest.median_ms, ==, 400);

  sentence = gw_peak_windows_describe (&windows);
  g_assert_cmpstr (sentence, ==, "Quietest: weekdays 03:00–07:00. Busiest: weekdays 15:00–18:00.");
}

static void
test_windows_not_enough (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwWeekGrid) two_days = synthetic_grid (2, 60, busy_afternoons, tz);
  g_autoptr(GwWeekGrid) thin = synthetic_grid (7, 12, one_in_sixty, tz);
  g_autoptr(GwWeekGrid) empty = gw_week_grid_build (NULL, 0, tz, G_DATE_MONDAY, 12);
  g_autofree char *sentence = NULL;
  GwPeakWindows windows;

  /* Two days: no window covers a whole set of days. */
  gw_peak_windows_find (two_days, &windows);
  g_assert_false (windows.confident);
  g_assert_false (windows.busiest.found);
  g_assert_false (windows.quietest.found);
  sentence = gw_peak_windows_describe (&windows);
  g_assert_cmpstr (sentence, ==,
                   "There is not enough data yet to tell ChatGPT’s busy hours from its quiet ones.");

  /* A week of 12 checks an hour, one failing in each: every cell has
   * enough, but the rates are too uncertain to say they are equal. */
  gw_peak_windows_find (thin, &windows);
  g_assert_false (windows.confident);
  g_assert_false (windows.busiest.found);

  gw_peak_windows_find (empty, &windows);
  g_assert_false (windows.confident);
  g_assert_false (windows.busiest.found);
}

static void
test_windows_uniform (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwWeekGrid) grid = synthetic_grid (14, 60, one_in_sixty, tz);
  g_autofree char *sentence = NULL;
  GwPeakWindows windows;

  gw_peak_windows_find (grid, &windows);
  g_assert_false (windows.confident);
  g_assert_true (windows.busiest.found);
  g_assert_true (windows.quietest.found);
  sentence = gw_peak_windows_describe (&windows);
  g_assert_cmpstr (sentence, ==, "ChatGPT looks equally reliable at all hours.");
}

/* One outage filled a whole hour on one Tuesday; two weeks were otherwise
 * clean. One event is not a pattern. */
static void
test_windows_single_outage (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GwWeekGrid) grid = synthetic_grid (14, 60, none, tz);
  GwHourStats outage = hour_stats (utc (2026, 3, 3, 15, 0), 60, 60, -1);
  g_autoptr(GwWeekGrid) with_outage = NULL;
  GwHourStats *stats = g_new0 (GwHourStats, 14 * 24);
  GwPeakWindows windows;

  for (guint i = 0; i < 14 * 24; i++)
    stats[i] = hour_stats (MONDAY_2026_03_02 + (gint64) i * HOUR, 60, 0, 400);
  stats[24 + 15] = outage;
  with_outage = gw_week_grid_build (stats, 14 * 24, tz, G_DATE_MONDAY, GW_DEFAULT_MIN_SAMPLES);
  g_assert_cmpuint (with_outage->cells[1][15].failures, ==, 60);

  gw_peak_windows_find (with_outage, &windows);
  g_assert_false (windows.confident);
  gw_peak_windows_find (grid, &windows);
  g_assert_false (windows.confident);
  g_free (stats);
}

static void
assert_window (guint8      days,
               guint       start,
               guint       end,
               const char *expected)
{
  GwPeakWindow window = { TRUE, days, start, end, 0.0, -1 };
  g_autofree char *text = gw_peak_window_describe (&window);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_windows_describe_days (void)
{
  GwPeakWindow missing = { FALSE };
  g_autofree char *text = gw_peak_window_describe (&missing);

  assert_window (0x7F, 0, 4, "every day 00:00–04:00");
  assert_window (0x1F, 15, 18, "weekdays 15:00–18:00");
  assert_window (0x60, 22, 24, "weekends 22:00–24:00");
  assert_window (0x02, 9, 11, "Tuesdays 09:00–11:00");
  assert_window (0x40, 9, 11, "Sundays 09:00–11:00");
  assert_window (0x0E, 13, 17, "Tuesday–Thursday 13:00–17:00");
  assert_window (0x3F, 1, 3, "Monday–Saturday 01:00–03:00");
  assert_window (0x61, 1, 3, "Saturday–Monday 01:00–03:00");
  assert_window (0x15, 1, 3, "Monday, Wednesday, Friday 01:00–03:00");
  g_assert_cmpstr (text, ==, "not enough data");
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

  g_test_add_func ("/peak/histogram/add", test_histogram_add);
  g_test_add_func ("/peak/histogram/edges", test_bucket_edges);
  g_test_add_func ("/peak/histogram/median", test_median);
  g_test_add_func ("/peak/grid/utc", test_grid_utc);
  g_test_add_func ("/peak/grid/empty", test_grid_empty);
  g_test_add_func ("/peak/grid/dst-spring", test_grid_dst_spring);
  g_test_add_func ("/peak/grid/dst-autumn", test_grid_dst_autumn);
  g_test_add_func ("/peak/grid/half-hour-zone", test_grid_half_hour_zone);
  g_test_add_func ("/peak/grid/first-weekday", test_grid_first_weekday);
  g_test_add_func ("/peak/grid/min-samples", test_grid_min_samples);
  g_test_add_func ("/peak/grid/locale-first-weekday", test_locale_first_weekday);
  g_test_add_func ("/peak/windows/clear", test_windows_clear);
  g_test_add_func ("/peak/windows/not-enough", test_windows_not_enough);
  g_test_add_func ("/peak/windows/uniform", test_windows_uniform);
  g_test_add_func ("/peak/windows/single-outage", test_windows_single_outage);
  g_test_add_func ("/peak/windows/describe-days", test_windows_describe_days);
  return g_test_run ();
}
