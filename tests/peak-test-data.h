/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-peak.h"

/* Hour aggregates for the peak-hour tests (test-peak.c, test-peak-report.c). */

#define HOUR 3600
#define MONDAY_2026_03_02 G_GINT64_CONSTANT (1772409600)  /* 00:00 UTC */

static inline gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* NULL (and the test skipped) when the system has no such zone. */
static inline GTimeZone *
zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  if (tz == NULL)
    g_test_skip ("no time zone data");
  return tz;
}

static inline GwHourStats
hour_stats (gint64  hour,
            guint   checks,
            guint   failures,
            gint64  latency_ms)
{
  GwHourStats stats = { hour };

  for (guint i = 0; i < checks; i++)
    gw_hour_stats_add_check (&stats, i < failures, latency_ms);
  return stats;
}

typedef guint (*FailuresFunc) (GDateWeekday weekday,
                               guint        hour);

/* days of hours from Monday 2 March 2026 (UTC), checks in each, failures
 * as the function says; the first byte takes 2.5 s on weekday afternoons
 * 15–18 and 0.4 s otherwise. Monday first, GW_DEFAULT_MIN_SAMPLES. */
static inline GwWeekGrid *
synthetic_grid (guint         days,
                guint         checks,
                FailuresFunc  failures,
                GTimeZone    *tz)
{
  g_autoptr(GArray) stats = g_array_new (FALSE, FALSE, sizeof (GwHourStats));

  for (guint i = 0; i < days * 24; i++)
    {
      GDateWeekday weekday = (GDateWeekday) ((i / 24) % 7 + 1);
      guint hour = i % 24;
      guint failed = failures (weekday, hour);
      gboolean busy = weekday <= G_DATE_FRIDAY && hour >= 15 && hour < 18;
      GwHourStats s = hour_stats (MONDAY_2026_03_02 + (gint64) i * HOUR, checks, failed,
                                  busy ? 2500 : 400);

      g_array_append_val (stats, s);
    }
  return gw_week_grid_build ((GwHourStats *) stats->data, stats->len, tz,
                             G_DATE_MONDAY, GW_DEFAULT_MIN_SAMPLES);
}

/* Weekday afternoons 15–18 fail 20 %, weekday nights 03–07 never, the rest
 * 1 in 60. */
static inline guint
busy_afternoons (GDateWeekday weekday,
                 guint        hour)
{
  if (weekday <= G_DATE_FRIDAY && hour >= 15 && hour < 18)
    return 12;
  if (weekday <= G_DATE_FRIDAY && hour >= 3 && hour < 7)
    return 0;
  return 1;
}
