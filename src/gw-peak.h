/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-verdict.h"

G_BEGIN_DECLS

/* Peak hours: pure functions over the history's rows (no SQLite, no I/O).
 * The store keeps hour aggregates in UTC; the local hour of the week is
 * computed here, when reading, so DST changes and moves between time zones
 * stay correct. */

/* Latency histogram of the web probe's first byte, in milliseconds: bucket i
 * holds values below gw_latency_bucket_edges[i] (the last one: the rest). */
#define GW_LATENCY_BUCKETS 12
extern const guint gw_latency_bucket_edges[GW_LATENCY_BUCKETS - 1];

/* One UTC hour of checks, as the store aggregates them. A check is a round
 * whose verdict is about ChatGPT (operational, degraded or outage; local
 * problems and unknown rounds are not counted); a failure is a check whose
 * state was degraded or outage. Latency is the web probe's first byte, for
 * checks where it answered. */
typedef struct
{
  gint64  hour;                            /* unix seconds, a multiple of 3600 */
  guint32 checks;
  guint32 failures;
  guint32 latency_count;
  guint64 latency_sum_ms;
  guint32 latency_hist[GW_LATENCY_BUCKETS];
} GwHourStats;

/* Adds one check's latency to a histogram and sum (latency_ms < 0: none). */
void   gw_hour_stats_add_check   (GwHourStats       *stats,
                                  gboolean           failed,
                                  gint64             latency_ms);
/* The median of a histogram, interpolated within its bucket; -1 when empty. */
gint64 gw_latency_median_ms      (const guint32      hist[GW_LATENCY_BUCKETS]);

#define GW_DEFAULT_MIN_SAMPLES 12

typedef struct
{
  guint32 checks;
  guint32 failures;
  guint32 latency_hist[GW_LATENCY_BUCKETS];
  double  error_rate;                      /* failures / checks, 0 when no checks */
  gint64  median_ms;                       /* -1 when unknown */
  gboolean enough;                         /* checks >= the minimum sample count */
} GwGridCell;

/* 7 × 24 cells in local time. Row 0 is the locale's first weekday. */
typedef struct
{
  GDateWeekday first_weekday;              /* G_DATE_MONDAY … G_DATE_SUNDAY */
  GwGridCell   cells[7][24];
  guint        min_samples;
  guint64      total_checks;
  gint64       first_hour;                 /* unix seconds of the oldest data, 0 if none */
  gint64       last_hour;
  guint        days_with_checks;           /* local dates with any check: a gap is no data */
} GwWeekGrid;

/* Folds UTC hours into the local week of tz. */
GwWeekGrid *gw_week_grid_build         (const GwHourStats *stats,
                                        gsize              n_stats,
                                        GTimeZone         *tz,
                                        GDateWeekday       first_weekday,
                                        guint              min_samples);
void        gw_week_grid_free          (GwWeekGrid        *grid);
/* The weekday of row (0–6). */
GDateWeekday gw_week_grid_row_weekday  (const GwWeekGrid  *grid,
                                        guint              row);
/* "Based on 12 days of checks.", or that there are none yet. Translated. */
char        *gw_week_grid_describe_basis (const GwWeekGrid *grid);
/* The locale's first day of the week (LC_TIME), Monday when unknown. */
GDateWeekday gw_locale_first_weekday   (void);

/* A run of whole hours on a set of days: "Monday–Friday 15:00–18:00". */
typedef struct
{
  gboolean found;
  guint8   days;        /* bit (weekday - 1) for each GDateWeekday in the window */
  guint    start_hour;  /* local, 0–23 */
  guint    end_hour;    /* exclusive, 1–24 */
  double   error_rate;  /* over the window's checks */
  gint64   median_ms;
} GwPeakWindow;

typedef struct
{
  GwPeakWindow busiest;   /* most failures (then the slowest) */
  GwPeakWindow quietest;  /* fewest failures (then the fastest) */
  gboolean     confident; /* enough data, and the two differ clearly */
} GwPeakWindows;

void  gw_peak_windows_find       (const GwWeekGrid    *grid,
                                  GwPeakWindows       *windows);
/* "Quietest: weekdays 03:00–07:00. Busiest: Monday–Friday 15:00–18:00.", or
 * a sentence saying there is not enough data yet. Translated. */
char *gw_peak_windows_describe   (const GwPeakWindows *windows);
/* "Monday–Friday 15:00–18:00" for one window. Translated. */
char *gw_peak_window_describe    (const GwPeakWindow  *window);

/* Outages, measured here or reported by the status page. */
typedef enum
{
  GW_OUTAGE_SOURCE_PROBES,
  GW_OUTAGE_SOURCE_STATUS_PAGE,
} GwOutageSource;

typedef struct
{
  gint64          start;          /* unix seconds */
  gint64          end;            /* 0 while it lasts */
  GwState         worst;          /* degraded or outage */
  GwCause         cause;
  guint           http_status;    /* of the decisive probe, 0 if none */
  GwOutageSource  source;
  char           *incident_id;    /* status page only */
  char           *incident_name;
} GwOutage;

GwOutage *gw_outage_new      (void);
void      gw_outage_free     (GwOutage       *outage);
GwOutage *gw_outage_copy     (const GwOutage *outage);
/* The status page incident overlapping an own outage, from a list, or NULL. */
const GwOutage *gw_outage_find_official (const GwOutage *own,
                                         GPtrArray      *outages);
/* One line for people: start, duration, worst state, cause; for an own
 * outage with an overlapping official one, both times ("you saw errors from
 * 14:02; the status page reported from 14:19"). now: unix seconds, for
 * outages still open. Translated, in tz. */
char     *gw_outage_describe (const GwOutage *outage,
                              const GwOutage *official,
                              gint64          now,
                              GTimeZone      *tz);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwWeekGrid, gw_week_grid_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwOutage, gw_outage_free)

G_END_DECLS
