/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-peak"

#include "config.h"

#include "gw-peak.h"
#include "gw-peak-private.h"

#include <glib/gi18n-lib.h>
#ifdef HAVE__NL_TIME_FIRST_WEEKDAY
#include <langinfo.h>
#endif

/* Fine steps where ChatGPT usually answers (0.1–1 s), coarser up to the
 * point where a first byte counts as slow (3 s) and a probe gives up (10 s). */
const guint gw_latency_bucket_edges[GW_LATENCY_BUCKETS - 1] = {
  100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000,
};

static guint
latency_bucket (gint64 latency_ms)
{
  for (guint i = 0; i < G_N_ELEMENTS (gw_latency_bucket_edges); i++)
    if (latency_ms < gw_latency_bucket_edges[i])
      return i;
  return GW_LATENCY_BUCKETS - 1;
}

void
gw_hour_stats_add_check (GwHourStats *stats,
                         gboolean     failed,
                         gint64       latency_ms)
{
  g_return_if_fail (stats != NULL);

  stats->checks++;
  if (failed)
    stats->failures++;
  if (latency_ms < 0)
    return;
  stats->latency_count++;
  stats->latency_sum_ms += (guint64) latency_ms;
  stats->latency_hist[latency_bucket (latency_ms)]++;
}

gint64
gw_latency_median_ms (const guint32 hist[GW_LATENCY_BUCKETS])
{
  guint64 total = 0;
  guint64 below = 0;
  double half;

  g_return_val_if_fail (hist != NULL, -1);

  for (guint i = 0; i < GW_LATENCY_BUCKETS; i++)
    total += hist[i];
  if (total == 0)
    return -1;

  /* The median sits half-way through the samples; within its bucket the
   * samples are taken to spread evenly between the bucket's edges. */
  half = (double) total / 2.0;
  for (guint i = 0; i < GW_LATENCY_BUCKETS; i++)
    {
      double lower, upper;

      if (hist[i] == 0 || (double) (below + hist[i]) < half)
        {
          below += hist[i];
          continue;
        }
      lower = i == 0 ? 0.0 : gw_latency_bucket_edges[i - 1];
      if (i == GW_LATENCY_BUCKETS - 1)
        return (gint64) lower;  /* open-ended: all we know is its lower edge */
      upper = gw_latency_bucket_edges[i];
      return (gint64) (lower + (half - (double) below) / hist[i] * (upper - lower) + 0.5);
    }
  g_return_val_if_reached (-1);
}

static void
fold_hour (GwWeekGrid        *grid,
           const GwHourStats *stats,
           GTimeZone         *tz,
           GHashTable        *days)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  GwGridCell *cell;
  guint row;

  if (stats->checks == 0)
    return;
  utc = g_date_time_new_from_unix_utc (stats->hour);
  if (utc == NULL)
    return;  /* outside the years GDateTime can represent */
  local = g_date_time_to_timezone (utc, tz);

  row = ((guint) g_date_time_get_day_of_week (local) + 7 - grid->first_weekday) % 7;
  cell = &grid->cells[row][g_date_time_get_hour (local)];
  cell->checks += stats->checks;
  cell->failures += MIN (stats->failures, stats->checks);
  for (guint i = 0; i < GW_LATENCY_BUCKETS; i++)
    cell->latency_hist[i] += stats->latency_hist[i];

  g_hash_table_add (days, GINT_TO_POINTER (g_date_time_get_year (local) * 400 +
                                           g_date_time_get_day_of_year (local)));
  if (grid->total_checks == 0 || stats->hour < grid->first_hour)
    grid->first_hour = stats->hour;
  if (grid->total_checks == 0 || stats->hour > grid->last_hour)
    grid->last_hour = stats->hour;
  grid->total_checks += stats->checks;
}

GwWeekGrid *
gw_week_grid_build (const GwHourStats *stats,
                    gsize              n_stats,
                    GTimeZone         *tz,
                    GDateWeekday       first_weekday,
                    guint              min_samples)
{
  GwWeekGrid *grid;
  g_autoptr(GHashTable) days = g_hash_table_new (NULL, NULL);   /* local dates with checks */

  g_return_val_if_fail (stats != NULL || n_stats == 0, NULL);
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (g_date_valid_weekday (first_weekday), NULL);

  grid = g_new0 (GwWeekGrid, 1);
  grid->first_weekday = first_weekday;
  /* A cell without checks never has enough of them. */
  grid->min_samples = MAX (min_samples, 1);

  for (gsize i = 0; i < n_stats; i++)
    fold_hour (grid, &stats[i], tz, days);
  grid->days_with_checks = g_hash_table_size (days);

  for (guint row = 0; row < 7; row++)
    for (guint hour = 0; hour < 24; hour++)
      {
        GwGridCell *cell = &grid->cells[row][hour];

        cell->error_rate = cell->checks > 0 ? (double) cell->failures / cell->checks : 0.0;
        cell->median_ms = gw_latency_median_ms (cell->latency_hist);
        cell->enough = cell->checks >= grid->min_samples;
      }
  return grid;
}

void
gw_week_grid_free (GwWeekGrid *grid)
{
  g_free (grid);
}

GDateWeekday
gw_week_grid_row_weekday (const GwWeekGrid *grid,
                          guint             row)
{
  g_return_val_if_fail (grid != NULL, G_DATE_BAD_WEEKDAY);
  g_return_val_if_fail (row < 7, G_DATE_BAD_WEEKDAY);

  return (GDateWeekday) ((grid->first_weekday - 1 + row) % 7 + 1);
}

guint
gw_week_grid_days_of_data (const GwWeekGrid *grid)
{
  return grid->days_with_checks;
}

char *
gw_week_grid_describe_basis (const GwWeekGrid *grid)
{
  guint days;

  g_return_val_if_fail (grid != NULL, NULL);

  days = gw_week_grid_days_of_data (grid);
  if (days == 0)
    return g_strdup (_("No checks recorded yet."));
  return g_strdup_printf (ngettext ("Based on %u day of checks.", "Based on %u days of checks.",
                                    days), days);
}

GDateWeekday
gw_locale_first_weekday (void)
{
#ifdef HAVE__NL_TIME_FIRST_WEEKDAY
  /* glibc keeps two numbers: the date that starts its week numbering
   * (_NL_TIME_WEEK_1STDAY, a Sunday or a Monday, as YYYYMMDD) and the first
   * day of the week counted from that origin (_NL_TIME_FIRST_WEEKDAY,
   * 1 = the origin's weekday). The word shares its storage with the string
   * pointer that nl_langinfo () returns, hence the union. */
  union { unsigned int word; char *string; } origin;
  int first;
  int sunday_based;

  origin.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  first = nl_langinfo (_NL_TIME_FIRST_WEEKDAY)[0];
  if (origin.word == 19971130)       /* a Sunday */
    sunday_based = 0;
  else if (origin.word == 19971201)  /* a Monday */
    sunday_based = 1;
  else
    return G_DATE_MONDAY;
  if (first < 1 || first > 7)
    return G_DATE_MONDAY;

  /* 0 = Sunday … 6 = Saturday */
  sunday_based = (sunday_based + first - 1) % 7;
  return sunday_based == 0 ? G_DATE_SUNDAY : (GDateWeekday) sunday_based;
#else
  return G_DATE_MONDAY;
#endif
}

char *
gw_peak_weekday_name (GDateWeekday weekday,
                      gboolean     abbreviated)
{
  g_autoptr(GDateTime) day = NULL;
  char *name;

  g_return_val_if_fail (g_date_valid_weekday (weekday), NULL);

  /* 1 January 2024 was a Monday. */
  day = g_date_time_new_utc (2024, 1, (int) weekday, 12, 0, 0);
  name = g_date_time_format (day, abbreviated ? "%a" : "%A");
  return name != NULL ? name : g_strdup (gw_peak_weekday_id (weekday));
}

const char *
gw_peak_weekday_id (GDateWeekday weekday)
{
  static const char * const ids[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  };

  g_return_val_if_fail (g_date_valid_weekday (weekday), NULL);
  return ids[weekday - 1];
}

char *
gw_peak_format_time (gint64      t,
                     GTimeZone  *tz,
                     const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = NULL;
  char *text;

  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_timezone (utc, tz);
  text = g_date_time_format (local, format);
  /* A translated format that GLib cannot use. */
  return text != NULL ? text : g_date_time_format (local, "%Y-%m-%d %H:%M");
}
