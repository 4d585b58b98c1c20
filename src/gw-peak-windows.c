/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-peak"

#include "config.h"

#include "gw-peak.h"
#include "gw-peak-private.h"

#include <math.h>
#include <glib/gi18n-lib.h>

/* How the busiest and the quietest hours are found
 *
 * Candidates are runs of 2 to 6 whole local hours, not wrapping past
 * midnight, on one of three sets of days that tend to behave alike: every
 * day, weekdays (Monday–Friday) and weekends (Saturday–Sunday, wherever the
 * locale's weekend is). A candidate counts only when every one of its cells
 * has enough checks, so that a window never claims days it has not seen, and
 * each of its hours rests on at least MIN_CHECKS_PER_HOUR × min_samples
 * checks over its days. Its error rate is pooled: its failures over its
 * checks.
 *
 * Each candidate gets a confidence interval for that rate: Agresti–Coull's
 * (well-behaved at 0 failures), with the larger of two variances:
 *
 * - the binomial one on an effective sample: checks are not independent
 *   trials, an outage fails a run of consecutive ones. How much more the
 *   cells scatter than coin flips would (Pearson's χ² per degree of freedom,
 *   φ ≥ 1) is measured once over the whole grid, around the rate of each
 *   local hour on weekdays and on weekends, the very pattern windows are made
 *   of, so that a real busy afternoon does not count as scatter; n checks
 *   then weigh as n / φ independent ones;
 * - the cluster-robust variance of the window's own ratio, each cell (one
 *   weekday's hour) a unit: a rate that only one cell carries stays
 *   uncertain however many checks that cell holds, while one that every
 *   cell shows is firm.
 *
 * The busiest window is the one whose interval's lower bound is highest, the
 * quietest the one whose upper bound is lowest: among equal rates the
 * better-founded window wins, and a short, noisy one does not. Ties go to
 * the slower (busiest) or faster (quietest) median first byte, then to the
 * window with more checks, then to the earlier one.
 *
 * The result is confident when the two intervals do not overlap. The two
 * windows are the extremes of some 300 candidates and failures come in
 * bursts, so the intervals are much wider than the usual 95 % ones: z = 4
 * instead of 1.96. In simulations of 1 to 12 weeks of one check a minute,
 * uniform data (independent failures, or 1 to 10 random outages of 5 to 90
 * minutes a week) came out confident in at most 3 % of runs, while three
 * outages a week, 70 % of them on weekday afternoons, were found in 75 % of
 * runs after 8 weeks and 95 % after 12. When the intervals overlap but each
 * is narrower than PLENTY_WIDTH, there is plenty of data and no difference
 * worth naming: both windows stay found and the description says ChatGPT
 * looks equally reliable at all hours. Otherwise neither is found. */

#define MIN_WINDOW_HOURS    2
#define MAX_WINDOW_HOURS    6
#define MIN_CHECKS_PER_HOUR 3
#define CONFIDENCE_Z        4.0
#define PLENTY_WIDTH        0.10
#define EPSILON             1e-12

#define ALL_DAYS     0x7F
#define WEEKDAYS     0x1F
#define WEEKENDS     0x60
#define DAY_BIT(d)   (1u << ((d) - 1))

typedef struct
{
  GwPeakWindow window;
  guint64      checks;
  double       lower;   /* the confidence interval of the error rate */
  double       upper;
} Candidate;

/* The cell of weekday and hour when it is one of days and has enough
 * checks, else NULL. */
static const GwGridCell *
usable_cell (const GwWeekGrid *grid,
             guint8            days,
             GDateWeekday      weekday,
             guint             hour)
{
  const GwGridCell *cell = &grid->cells[(weekday + 7 - grid->first_weekday) % 7][hour];

  if (!(days & DAY_BIT (weekday)) || !cell->enough || cell->checks == 0)
    return NULL;
  return cell;
}

/* Pearson's χ² of one local hour's usable cells on days around their pooled
 * rate; *df grows by its degrees of freedom. */
static double
hour_chi2 (const GwWeekGrid *grid,
           guint8            days,
           guint             hour,
           guint            *df)
{
  guint64 checks = 0, failures = 0;
  guint n = 0;
  double rate, chi2 = 0.0;

  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    {
      const GwGridCell *cell = usable_cell (grid, days, d, hour);

      if (cell == NULL)
        continue;
      checks += cell->checks;
      failures += cell->failures;
      n++;
    }
  if (n < 2)
    return 0.0;
  *df += n - 1;
  if (failures == 0 || failures == checks)
    return 0.0;  /* every cell agrees */

  rate = (double) failures / checks;
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    {
      const GwGridCell *cell = usable_cell (grid, days, d, hour);
      double expected;

      if (cell == NULL)
        continue;
      expected = rate * cell->checks;
      chi2 += (cell->failures - expected) * (cell->failures - expected) /
              (expected * (1.0 - rate));
    }
  return chi2;
}

/* Pearson's χ² per degree of freedom over the grid, around the rate of each
 * local hour on weekdays and on weekends; at least 1. */
static double
overdispersion (const GwWeekGrid *grid)
{
  double chi2 = 0.0;
  guint df = 0;

  for (guint h = 0; h < 24; h++)
    {
      chi2 += hour_chi2 (grid, WEEKDAYS, h, &df);
      chi2 += hour_chi2 (grid, WEEKENDS, h, &df);
    }
  return df > 0 ? MAX (1.0, chi2 / df) : 1.0;
}

static void
confidence_interval (const GwGridCell * const *cells,
                     guint                     n_cells,
                     guint64                   checks,
                     guint64                   failures,
                     double                    dispersion,
                     double                   *lower,
                     double                   *upper)
{
  double z2 = CONFIDENCE_Z * CONFIDENCE_Z;
  double n = (double) checks;
  double rate = (double) failures / n;
  /* Overdispersed checks carry as much as fewer independent ones. */
  double n_eff = n / dispersion;
  double adjusted = (rate * n_eff + z2 / 2.0) / (n_eff + z2);
  double variance = adjusted * (1.0 - adjusted) / (n_eff + z2);
  double residuals = 0.0;

  for (guint i = 0; i < n_cells; i++)
    {
      double r = cells[i]->failures - rate * cells[i]->checks;

      residuals += r * r;
    }
  if (n_cells > 1)
    variance = MAX (variance, n_cells / (n_cells - 1.0) * residuals / (n * n));

  *lower = adjusted - CONFIDENCE_Z * sqrt (variance);
  *upper = adjusted + CONFIDENCE_Z * sqrt (variance);
}

/* Fills c for the days and hours in c->window; FALSE when it does not count. */
static gboolean
evaluate (const GwWeekGrid *grid,
          double            dispersion,
          Candidate        *c)
{
  const GwGridCell *cells[7 * MAX_WINDOW_HOURS];
  guint32 hist[GW_LATENCY_BUCKETS] = { 0 };
  guint n_cells = 0;
  guint64 failures = 0;

  for (guint h = c->window.start_hour; h < c->window.end_hour; h++)
    {
      guint64 hour_checks = 0;

      for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
        {
          const GwGridCell *cell = usable_cell (grid, c->window.days, d, h);

          if (!(c->window.days & DAY_BIT (d)))
            continue;
          if (cell == NULL)
            return FALSE;
          cells[n_cells++] = cell;
          hour_checks += cell->checks;
          failures += cell->failures;
          for (guint i = 0; i < GW_LATENCY_BUCKETS; i++)
            hist[i] += cell->latency_hist[i];
        }
      if (hour_checks < (guint64) MIN_CHECKS_PER_HOUR * grid->min_samples)
        return FALSE;
      c->checks += hour_checks;
    }

  c->window.found = TRUE;
  c->window.error_rate = (double) failures / c->checks;
  c->window.median_ms = gw_latency_median_ms (hist);
  confidence_interval (cells, n_cells, c->checks, failures, dispersion, &c->lower, &c->upper);
  return TRUE;
}

/* Whether a beats b as the busiest window. */
static gboolean
busier (const Candidate *a,
        const Candidate *b)
{
  if (fabs (a->lower - b->lower) > EPSILON)
    return a->lower > b->lower;
  if (a->window.median_ms != b->window.median_ms)
    return a->window.median_ms > b->window.median_ms;  /* unknown (-1) is never slower */
  if (a->checks != b->checks)
    return a->checks > b->checks;
  return a->window.start_hour < b->window.start_hour;
}

static gint64
median_or_max (const Candidate *c)
{
  return c->window.median_ms >= 0 ? c->window.median_ms : G_MAXINT64;
}

/* Whether a beats b as the quietest window. */
static gboolean
quieter (const Candidate *a,
         const Candidate *b)
{
  if (fabs (a->upper - b->upper) > EPSILON)
    return a->upper < b->upper;
  if (median_or_max (a) != median_or_max (b))
    return median_or_max (a) < median_or_max (b);  /* unknown is never faster */
  if (a->checks != b->checks)
    return a->checks > b->checks;
  return a->window.start_hour < b->window.start_hour;
}

static void
search (const GwWeekGrid *grid,
        Candidate        *busiest,
        Candidate        *quietest)
{
  static const guint8 groups[] = { ALL_DAYS, WEEKDAYS, WEEKENDS };
  double dispersion = overdispersion (grid);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint len = MIN_WINDOW_HOURS; len <= MAX_WINDOW_HOURS; len++)
      for (guint start = 0; start + len <= 24; start++)
        {
          Candidate c = { { FALSE, groups[g], start, start + len, 0.0, -1 }, 0, 0.0, 1.0 };

          if (!evaluate (grid, dispersion, &c))
            continue;
          if (!busiest->window.found || busier (&c, busiest))
            *busiest = c;
          if (!quietest->window.found || quieter (&c, quietest))
            *quietest = c;
        }
}

void
gw_peak_windows_find (const GwWeekGrid *grid,
                      GwPeakWindows    *windows)
{
  Candidate busiest = { { FALSE, 0, 0, 0, 0.0, -1 }, 0, 0.0, 1.0 };
  Candidate quietest = busiest;
  gboolean plenty;

  g_return_if_fail (grid != NULL);
  g_return_if_fail (windows != NULL);

  *windows = (GwPeakWindows) { busiest.window, quietest.window, FALSE };
  search (grid, &busiest, &quietest);
  if (!busiest.window.found || !quietest.window.found)
    return;

  windows->confident = busiest.lower > quietest.upper;
  plenty = busiest.upper - busiest.lower <= PLENTY_WIDTH &&
           quietest.upper - quietest.lower <= PLENTY_WIDTH;
  if (windows->confident || plenty)
    {
      windows->busiest = busiest.window;
      windows->quietest = quietest.window;
    }
}

/* Every week on that day: "Tuesdays". */
static const char * const weekday_plurals[] = {
  /* Translators: the days of a run of hours that recurs every week on that
   * day, as in "Mondays 15:00–18:00" */
  NC_("every week on", "Mondays"),
  NC_("every week on", "Tuesdays"),
  NC_("every week on", "Wednesdays"),
  NC_("every week on", "Thursdays"),
  NC_("every week on", "Fridays"),
  NC_("every week on", "Saturdays"),
  NC_("every week on", "Sundays"),
};

/* A run of days, possibly across Sunday ("Saturday–Monday"), or a list. */
static char *
days_run_or_list (guint8 days)
{
  guint n = 0;
  guint start = 0, run = 0;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GString *list;

  for (guint d = 0; d < 7; d++)
    n += (days >> d) & 1;
  /* The run starts at a set day whose previous day is not set; some day is
   * not set, since every day has its own phrase. */
  while (!((days >> start) & 1) || ((days >> ((start + 6) % 7)) & 1))
    start++;
  while (run < 7 && ((days >> ((start + run) % 7)) & 1))
    run++;

  if (run == n)
    {
      first = gw_peak_weekday_name (start + 1, FALSE);
      last = gw_peak_weekday_name ((start + run - 1) % 7 + 1, FALSE);
      /* Translators: a range of days of the week, "Monday–Thursday" */
      return g_strdup_printf (_("%s–%s"), first, last);
    }

  list = g_string_new (NULL);
  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *name = NULL;
      char *joined;

      if (!((days >> d) & 1))
        continue;
      name = gw_peak_weekday_name (d + 1, FALSE);
      if (list->len == 0)
        {
          g_string_append (list, name);
          continue;
        }
      /* Translators: a list of days of the week, "Monday, Wednesday" */
      joined = g_strdup_printf (_("%s, %s"), list->str, name);
      g_string_assign (list, joined);
      g_free (joined);
    }
  return g_string_free (list, FALSE);
}

static char *
days_phrase (guint8 days)
{
  days &= ALL_DAYS;
  /* Translators: the days of a run of hours, as in "every day 03:00–07:00",
   * "weekdays 15:00–18:00" or "weekends 10:00–12:00" */
  if (days == ALL_DAYS)
    return g_strdup (_("every day"));
  if (days == WEEKDAYS)
    return g_strdup (_("weekdays"));
  if (days == WEEKENDS)
    return g_strdup (_("weekends"));
  for (guint d = 0; d < 7; d++)
    if (days == (1u << d))
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "every week on", weekday_plurals[d]));
  return days_run_or_list (days);
}

char *
gw_peak_window_describe (const GwPeakWindow *window)
{
  g_autofree char *days = NULL;

  g_return_val_if_fail (window != NULL, NULL);

  if (!window->found || (window->days & ALL_DAYS) == 0 ||
      window->start_hour >= window->end_hour || window->end_hour > 24)
    /* Translators: in place of a run of hours that could not be found */
    return g_strdup (_("not enough data"));

  days = days_phrase (window->days);
  /* Translators: a run of hours on some days of the week: the days
   * ("weekdays", "Tuesdays", "Monday–Friday"), then the hour it starts and
   * the hour it ends, on a 24-hour clock: "weekdays 15:00–18:00" */
  return g_strdup_printf (_("%s %02u:00–%02u:00"), days, window->start_hour, window->end_hour);
}

char *
gw_peak_windows_describe (const GwPeakWindows *windows)
{
  g_autofree char *quiet = NULL;
  g_autofree char *busy = NULL;

  g_return_val_if_fail (windows != NULL, NULL);

  if (!windows->busiest.found || !windows->quietest.found)
    return g_strdup (_("There is not enough data yet to tell ChatGPT’s busy hours "
                       "from its quiet ones."));
  if (!windows->confident)
    return g_strdup (_("ChatGPT looks equally reliable at all hours."));

  quiet = gw_peak_window_describe (&windows->quietest);
  busy = gw_peak_window_describe (&windows->busiest);
  /* Translators: the hours when ChatGPT fails least and most, each like
   * "weekdays 03:00–07:00" */
  return g_strdup_printf (_("Quietest: %s. Busiest: %s."), quiet, busy);
}
