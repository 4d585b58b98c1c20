/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fills a real history store with DAYS of one-minute probe rounds, pruned
 * daily to RETENTION_DAYS as the applet does, then prints as `key value`
 * lines what writing, pruning, checkpoints, opening and the hour-of-week
 * query cost and how large the file grew, with the slowest single operation
 * the applet runs on its main loop. Driven by tools/bench-history. Not a
 * test: it asserts nothing, it measures.
 *
 * Rounds follow each other at once, but a minute passes between two rounds
 * in the applet, and the WAL's checkpoints run on their own thread in that
 * minute: after each round that overlapped a running checkpoint, the next
 * one waits for it to end, so one round in two runs beside a checkpoint.
 *
 * Usage: bench-history PATH [DAYS=365] [RETENTION_DAYS=30] */
#define _GNU_SOURCE   /* RUSAGE_THREAD */
#include "config.h"

#include "gw-history.h"
#include "gw-history-private.h"
#include "gw-peak.h"
#include "gw-verdict.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#define START_T         G_GINT64_CONSTANT (1767225600)  /* 2026-01-01 00:00 UTC, a Thursday */
#define ROUND_S         60                               /* the applet's default interval */
#define DAY_S           (24 * 3600)
#define ROUNDS_PER_DAY  (DAY_S / ROUND_S)
#define SEED            20260101                         /* the same rounds on every run */
#define SLOW_US         (10 * 1000)                      /* a pause of the main loop one feels */
#define QUERY_RUNS      5

/* A page with an operational ChatGPT component: the status page lags behind
 * real trouble, as it usually does. */
static const char summary_json[] =
  "{\"status\": {\"indicator\": \"none\", \"description\": \"All Systems Operational\"},"
  " \"components\": [{\"id\": \"c1\", \"name\": \"Conversations\", \"status\": \"operational\"},"
  "                  {\"id\": \"c2\", \"name\": \"Login\", \"status\": \"operational\"}],"
  " \"incidents\": []}";

static const char * const target_urls[GW_N_TARGETS] = {
  [GW_TARGET_WEB] = "https://chatgpt.com/",
  [GW_TARGET_API] = "https://api.openai.com/v1/models",
  [GW_TARGET_STATUS] = "https://status.openai.com/api/v2/summary.json",
  [GW_TARGET_CONTROL] = "http://nmcheck.gnome.org/check_network_status.txt",
};

typedef enum
{
  KIND_NORMAL,
  KIND_WEB_502,   /* the web edge answers 502 on every attempt */
  KIND_RETRIED,   /* a 502, then the retry passes */
  KIND_SLOW,      /* the first byte comes after the slow threshold */
  KIND_INCIDENT,  /* a real outage: web and api answer 503 */
  KIND_OFFLINE,   /* this side lost its network: no name resolves */
} RoundKind;

typedef struct
{
  GRand        *rand;
  GwStatusPage *page;
  gint64        incident_start;   /* unix s; [start, end), both 0 when none today */
  gint64        incident_end;
  gint64        offline_start;
  gint64        offline_end;
} Scenario;

/* What one operation cost this thread: wall time, CPU time and context
 * switches. A slow operation that spent little CPU waited: blocked (for the
 * disk or a lock: voluntary switches) or preempted by other processes
 * (involuntary ones). */
typedef struct
{
  gint64 wall_us;
  gint64 cpu_us;
  gint64 system_us;   /* of cpu_us, in the kernel */
  glong  blocked;
  glong  preempted;
  glong  faults;      /* page faults, minor and major */
  guint  index;       /* which round or step it was */
} Cost;

typedef struct
{
  GArray  *insert_us;             /* guint32 per round, for the percentiles */
  gint64   insert_total_us;
  Cost     insert_worst;
  gint64   insert_worst_own_us;   /* of those no other process preempted */
  guint    insert_over_10ms_preempted;
  guint    insert_overlapped;     /* rounds written while a checkpoint ran */
  gint64   insert_overlapped_worst_us;
  guint    prunes;                /* daily retention runs */
  guint    prune_steps;           /* their transactions */
  gint64   prune_total_us;        /* all steps of all runs */
  Cost     prune_worst;           /* one step */
  gint64   prune_worst_own_us;
  gint64   prune_run_worst_us;    /* one day's steps together */
  gint64   wal_max_bytes;
  gboolean overlapped;            /* the last operation ran beside a checkpoint */
  guint    states[GW_STATE_LOCAL_PROBLEM + 1];
} Figures;

static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-history: %s: %s\n", what, error->message);
  exit (EXIT_FAILURE);
}

/* Scenario */

/* Monday to Friday, 13:00–18:00 UTC: when Europe's afternoon meets America's
 * morning, and the edge fails now and then. */
static gboolean
is_busy (gint64 t)
{
  gint64 weekday = (t / DAY_S + 3) % 7;   /* 0: Monday; 1970-01-01 was a Thursday */
  gint64 hour = t % DAY_S / 3600;

  return weekday < 5 && hour >= 13 && hour < 18;
}

/* About one day in twenty a real incident in the daytime (20–90 minutes);
 * one day in thirty a spell offline (5–30 minutes), at any hour. */
static void
scenario_plan_day (Scenario *s,
                   gint64    day)
{
  s->incident_start = s->incident_end = 0;
  s->offline_start = s->offline_end = 0;
  if (g_rand_int_range (s->rand, 0, 20) == 0)
    {
      s->incident_start = day + g_rand_int_range (s->rand, 8 * 60, 20 * 60) * 60;
      s->incident_end = s->incident_start + g_rand_int_range (s->rand, 20, 91) * 60;
    }
  if (g_rand_int_range (s->rand, 0, 30) == 0)
    {
      s->offline_start = day + g_rand_int_range (s->rand, 0, 24 * 60) * 60;
      s->offline_end = s->offline_start + g_rand_int_range (s->rand, 5, 31) * 60;
    }
}

/* Busy hours: 2 % of rounds fail with 502, 1 % pass on a retry, 0.3 % are
 * slow. Quiet hours: one round in two thousand fails. */
static RoundKind
scenario_pick (Scenario *s,
               gint64    t)
{
  double r = g_rand_double (s->rand);

  if (t >= s->offline_start && t < s->offline_end)
    return KIND_OFFLINE;
  if (t >= s->incident_start && t < s->incident_end)
    return KIND_INCIDENT;
  if (!is_busy (t))
    return r < 0.0005 ? KIND_WEB_502 : KIND_NORMAL;
  if (r < 0.02)
    return KIND_WEB_502;
  if (r < 0.03)
    return KIND_RETRIED;
  return r < 0.033 ? KIND_SLOW : KIND_NORMAL;
}

/* Rounds */

/* An answer: the name mostly from a cache, a fresh connection, the server's
 * own time, then the body. */
static GwHttpResponse *
response_new (GRand    *rand,
              guint     status,
              gboolean  tls,
              gint64    server_ms)
{
  GwHttpResponse *r = gw_http_response_new ();
  gint64 dns = g_rand_int_range (rand, 0, 100) < 95 ? g_rand_int_range (rand, 300, 3000)
                                                    : g_rand_int_range (rand, 8000, 60000);
  gint64 connect = g_rand_int_range (rand, 8000, 35000);
  gint64 handshake = tls ? g_rand_int_range (rand, 15000, 50000) : -1;

  r->http_status = status;
  r->timings.dns_us = dns;
  r->timings.connect_us = connect;
  r->timings.tls_us = handshake;
  r->timings.first_byte_us = dns + connect + MAX (handshake, 0) + server_ms * 1000;
  r->timings.total_us = r->timings.first_byte_us + g_rand_int_range (rand, 2000, 80000);
  return r;
}

/* No answer: the name did not resolve. */
static GwHttpResponse *
response_new_unresolved (GRand *rand)
{
  GwHttpResponse *r = gw_http_response_new ();

  r->error = GW_HTTP_ERROR_DNS;
  r->error_text = g_strdup ("Could not resolve host");
  r->timings = (GwTimings) { -1, -1, -1, -1, g_rand_int_range (rand, 500, 20000) };
  return r;
}

/* The web edge's first byte: skewed, a little slower in busy hours. */
static GwHttpResponse *
web_response (GRand     *rand,
              RoundKind  kind,
              gboolean   busy)
{
  double r = g_rand_double (rand);
  gint64 server_ms = 120 + (gint64) (500 * r * r);

  if (busy)
    server_ms += 100 + (gint64) (400 * r * r);
  switch (kind)
    {
    case KIND_WEB_502:
      return response_new (rand, 502, TRUE, g_rand_int_range (rand, 20, 120));
    case KIND_INCIDENT:
      return response_new (rand, 503, TRUE, g_rand_int_range (rand, 20, 400));
    case KIND_SLOW:
      server_ms = g_rand_int_range (rand, 3500, 9000);
      break;
    case KIND_NORMAL:
    case KIND_RETRIED:
    case KIND_OFFLINE:
    default:
      break;
    }
  return response_new (rand, 200, TRUE, server_ms);
}

/* As the prober leaves it: the last attempt's response, and why it failed. */
static void
set_probe (GwRound        *round,
           GwTarget        target,
           GwHttpResponse *response,
           guint           attempts)
{
  GwProbeResult *probe = &round->probes[target];
  gboolean passed;

  probe->url = g_strdup (target_urls[target]);
  gw_probe_result_set_response (probe, response);
  passed = probe->layer == GW_LAYER_NONE;
  probe->attempts = attempts;
  probe->failed_attempts = passed ? attempts - 1 : attempts;
  if (passed)
    return;
  if (response->error_text != NULL)
    probe->error = g_strdup (response->error_text);
  else
    probe->error = g_strdup_printf ("HTTP %u", response->http_status);
}

static GwRound *
scenario_round (Scenario  *s,
                gint64     t,
                RoundKind  kind)
{
  GwRound *round = gw_round_new ();
  GRand *rand = s->rand;
  GwHttpResponse *control;
  guint web_attempts = kind == KIND_WEB_502 || kind == KIND_INCIDENT ? 3
                       : kind == KIND_RETRIED ? 2 : 1;

  round->started_at = t * G_USEC_PER_SEC + g_rand_int_range (rand, 0, 200000);
  if (kind == KIND_OFFLINE)
    {
      for (GwTarget target = 0; target < GW_N_TARGETS; target++)
        set_probe (round, target, response_new_unresolved (rand), 1);
      return round;
    }

  set_probe (round, GW_TARGET_WEB, web_response (rand, kind, is_busy (t)), web_attempts);
  set_probe (round, GW_TARGET_API,
             response_new (rand, kind == KIND_INCIDENT ? 503 : 401, TRUE,
                           g_rand_int_range (rand, 60, 220)), 1);
  set_probe (round, GW_TARGET_STATUS,
             response_new (rand, 200, TRUE, g_rand_int_range (rand, 80, 300)), 1);
  round->status_page = gw_status_page_copy (s->page);
  control = response_new (rand, 200, FALSE, g_rand_int_range (rand, 5, 40));
  g_byte_array_append (control->body, (const guint8 *) "NetworkManager is online\n", 25);
  set_probe (round, GW_TARGET_CONTROL, control, 1);
  return round;
}

/* Writing */


static void
cost_sample (Cost *c)
{
  struct timespec ts;
  struct rusage ru;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  getrusage (RUSAGE_THREAD, &ru);
  c->cpu_us = (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
  c->system_us = (gint64) ru.ru_stime.tv_sec * G_USEC_PER_SEC + ru.ru_stime.tv_usec;
  c->faults = ru.ru_minflt + ru.ru_majflt;
  c->blocked = ru.ru_nvcsw;
  c->preempted = ru.ru_nivcsw;
  c->wall_us = g_get_monotonic_time ();
}

static void
cost_start (Cost *c)
{
  cost_sample (c);
}

static void
cost_stop (Cost *c)
{
  Cost end;

  cost_sample (&end);
  *c = (Cost) { end.wall_us - c->wall_us, end.cpu_us - c->cpu_us, end.system_us - c->system_us,
                end.blocked - c->blocked, end.preempted - c->preempted, end.faults - c->faults,
                c->index };
}

static void
print_cost (const char *key,
            const Cost *c)
{
  g_print ("%s_us %" G_GINT64_FORMAT "\n%s_cpu_us %" G_GINT64_FORMAT "\n%s_system_us %"
           G_GINT64_FORMAT "\n%s_blocked %ld\n%s_preempted %ld\n%s_faults %ld\n%s_index %u\n",
           key, c->wall_us, key, c->cpu_us, key, c->system_us, key, c->blocked, key,
           c->preempted, key, c->faults, key, c->index);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* The rest of the minute: a checkpoint that the last operation overlapped
 * ends before the next one. Returns whether this one ran beside one. */
static gboolean
between_operations (GwHistory *history,
                    Figures   *f)
{
  g_autofree char *wal_path = g_strconcat (gw_history_get_path (history), "-wal", NULL);
  gboolean overlapped = f->overlapped;

  f->wal_max_bytes = MAX (f->wal_max_bytes, file_size (wal_path));
  if (f->overlapped)
    gw_history_wait_checkpoints (history, NULL, NULL);
  f->overlapped = gw_history_checkpoint_busy (history);
  return overlapped;
}

static void
record_one (GwHistory *history,
            Scenario  *s,
            gint64     t,
            Figures   *f)
{
  g_autoptr(GwRound) round = scenario_round (s, t, scenario_pick (s, t));
  g_autoptr(GwVerdict) verdict = gw_verdict_classify (round, NULL);
  g_autoptr(GError) error = NULL;
  Cost cost;
  gint64 spent;
  guint32 spent32;

  f->states[verdict->state]++;
  cost_start (&cost);
  cost.index = f->insert_us->len;
  if (!gw_history_record_round (history, round, verdict, &error))
    die ("record", error);
  cost_stop (&cost);
  spent = cost.wall_us;
  if (spent > f->insert_worst.wall_us)
    f->insert_worst = cost;
  if (cost.preempted == 0)
    f->insert_worst_own_us = MAX (f->insert_worst_own_us, spent);
  else if (spent > SLOW_US)
    f->insert_over_10ms_preempted++;

  spent32 = (guint32) MIN (spent, G_MAXUINT32);
  g_array_append_val (f->insert_us, spent32);
  f->insert_total_us += spent;
  if (between_operations (history, f))
    {
      f->insert_overlapped++;
      f->insert_overlapped_worst_us = MAX (f->insert_overlapped_worst_us, spent);
    }
}

/* As the applet prunes: a step per idle moment of the main loop. */
static void
prune_one (GwHistory *history,
           gint64     before,
           Figures   *f)
{
  gint64 run_us = 0;
  gboolean done = FALSE;

  while (!done)
    {
      g_autoptr(GError) error = NULL;
      Cost cost;
      gint64 spent;

      cost_start (&cost);
      cost.index = f->prune_steps;
      if (!gw_history_prune_step (history, before, GW_HISTORY_PRUNE_BATCH, &done, &error))
        die ("prune", error);
      cost_stop (&cost);
      spent = cost.wall_us;
      if (spent > f->prune_worst.wall_us)
        f->prune_worst = cost;
      if (cost.preempted == 0)
        f->prune_worst_own_us = MAX (f->prune_worst_own_us, spent);
      f->prune_steps++;
      f->prune_total_us += spent;
      run_us += spent;
      between_operations (history, f);
    }
  f->prunes++;
  f->prune_run_worst_us = MAX (f->prune_run_worst_us, run_us);
}

/* Day by day as the applet lives them: retention first (it prunes when it
 * starts and every 24 hours), then a round a minute. */
static void
fill (GwHistory *history,
      guint      days,
      guint      retention_days,
      Figures   *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GwStatusPage) page = gw_status_page_parse (summary_json, sizeof summary_json - 1,
                                                        &error);
  Scenario s = { .rand = rand, .page = page };

  if (page == NULL)
    die ("status page", error);
  for (guint d = 0; d < days; d++)
    {
      gint64 day = START_T + (gint64) d * DAY_S;

      scenario_plan_day (&s, day);
      prune_one (history, day - (gint64) retention_days * DAY_S, f);
      for (guint m = 0; m < ROUNDS_PER_DAY; m++)
        record_one (history, &s, day + (gint64) m * ROUND_S, f);
    }
}

/* Reporting */

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

static guint32
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, guint32, i);
}

/* Values above limit in a sorted array. */
static guint
count_over (GArray  *sorted,
            guint32  limit)
{
  guint n = sorted->len;

  while (n > 0 && g_array_index (sorted, guint32, n - 1) > limit)
    n--;
  return sorted->len - n;
}

static void
print_writing (Figures *f)
{
  guint n = f->insert_us->len;

  g_array_sort (f->insert_us, compare_guint32);
  g_print ("rounds %u\n", n);
  g_print ("rounds_operational %u\nrounds_degraded %u\nrounds_outage %u\n"
           "rounds_local_problem %u\nrounds_unknown %u\n",
           f->states[GW_STATE_OPERATIONAL], f->states[GW_STATE_DEGRADED],
           f->states[GW_STATE_OUTAGE], f->states[GW_STATE_LOCAL_PROBLEM],
           f->states[GW_STATE_UNKNOWN]);
  g_print ("insert_mean_us %.1f\n", (double) f->insert_total_us / n);
  g_print ("insert_p50_us %u\ninsert_p99_us %u\ninsert_p999_us %u\n",
           percentile (f->insert_us, 0.5), percentile (f->insert_us, 0.99),
           percentile (f->insert_us, 0.999));
  print_cost ("insert_worst", &f->insert_worst);
  g_print ("insert_worst_own_us %" G_GINT64_FORMAT "\n", f->insert_worst_own_us);
  g_print ("insert_over_1ms %u\n", count_over (f->insert_us, 1000));
  g_print ("insert_over_10ms %u\ninsert_over_10ms_preempted %u\n",
           count_over (f->insert_us, SLOW_US), f->insert_over_10ms_preempted);
  g_print ("insert_overlapped %u\ninsert_overlapped_worst_us %" G_GINT64_FORMAT "\n",
           f->insert_overlapped, f->insert_overlapped_worst_us);
  g_print ("prunes %u\nprune_steps %u\nprune_step_rows %u\n", f->prunes, f->prune_steps,
           GW_HISTORY_PRUNE_BATCH);
  g_print ("prune_step_mean_us %.1f\n", (double) f->prune_total_us / MAX (f->prune_steps, 1));
  print_cost ("prune_step_worst", &f->prune_worst);
  g_print ("prune_step_worst_own_us %" G_GINT64_FORMAT "\n", f->prune_worst_own_us);
  g_print ("prune_run_mean_us %.1f\nprune_run_worst_us %" G_GINT64_FORMAT "\n",
           (double) f->prune_total_us / MAX (f->prunes, 1), f->prune_run_worst_us);
  g_print ("wal_max_bytes %" G_GINT64_FORMAT "\n", f->wal_max_bytes);
}

static void
print_checkpoints (GwHistory *history)
{
  gint64 worst_us = 0;
  guint count = 0;

  if (!gw_history_wait_checkpoints (history, &count, &worst_us))
    g_print ("checkpoint_thread no\n");
  else
    g_print ("checkpoint_thread yes\ncheckpoints %u\ncheckpoint_worst_us %" G_GINT64_FORMAT
             "\n", count, worst_us);
}

/* The file and its write-ahead log, which is part of what the store takes. */
static void
print_size (const char *key,
            const char *path)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  gint64 wal = file_size (wal_path);

  g_print ("%s_bytes %" G_GINT64_FORMAT "\n", key, file_size (path) + wal);
  g_print ("%s_wal_bytes %" G_GINT64_FORMAT "\n", key, wal);
}

/* Reading */

/* What `gatewatch --history` and the heatmap compute: every hour aggregate,
 * folded into the local week, and the peak windows. */
static gint64
time_query (GwHistory     *history,
            GTimeZone     *tz,
            GDateWeekday   first_weekday,
            guint         *n_hours,
            GwPeakWindows *windows)
{
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GwWeekGrid) grid = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  stats = gw_history_hour_stats (history, 0, G_MAXINT64, &error);
  if (stats == NULL)
    die ("hour stats", error);
  grid = gw_week_grid_build ((const GwHourStats *) stats->data, stats->len, tz, first_weekday,
                             GW_DEFAULT_MIN_SAMPLES);
  gw_peak_windows_find (grid, windows);
  *n_hours = stats->len;
  return g_get_monotonic_time () - start;
}

static void
print_query (GwHistory *history)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *described = NULL;
  GDateWeekday first_weekday = gw_locale_first_weekday ();
  GwPeakWindows windows;
  gint64 best = G_MAXINT64, worst = 0;
  guint n_hours = 0;

  for (guint i = 0; i < QUERY_RUNS; i++)
    {
      gint64 spent = time_query (history, tz, first_weekday, &n_hours, &windows);

      best = MIN (best, spent);
      worst = MAX (worst, spent);
    }
  described = gw_peak_windows_describe (&windows);
  g_print ("hours %u\n", n_hours);
  g_print ("query_best_us %" G_GINT64_FORMAT "\nquery_worst_us %" G_GINT64_FORMAT "\n",
           best, worst);
  g_print ("peak_windows %s\n", described);
}

/* A second store on the same file while the first is open: its -wal
 * exists, as after a crash, so it runs PRAGMA quick_check. */
static void
print_open_beside (const char *path)
{
  g_autoptr(GwHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  history = gw_history_open (path, &error);
  if (history == NULL)
    die ("open beside", error);
  g_print ("open_unclean_us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
}

/* The store as a new process finds it after a clean close: opening, the
 * rows kept, the recent outages, then the hour-of-week query. */
static void
print_reading (const char *path)
{
  g_autoptr(GwHistory) history = NULL;
  g_autoptr(GPtrArray) outages = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 probes;

  history = gw_history_open (path, &error);
  if (history == NULL)
    die ("reopen", error);
  g_print ("open_us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
  print_open_beside (path);

  probes = gw_history_count_probes (history, &error);
  if (probes < 0 || error != NULL)
    die ("count probes", error);
  g_print ("probes_stored %" G_GINT64_FORMAT "\n", probes);

  start = g_get_monotonic_time ();
  outages = gw_history_outages (history, 10, &error);
  if (outages == NULL)
    die ("outages", error);
  g_print ("recent_outages_us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
  g_clear_pointer (&outages, g_ptr_array_unref);
  outages = gw_history_outages (history, 0, &error);
  if (outages == NULL)
    die ("outages", error);
  g_print ("outages_stored %u\n", outages->len);

  print_query (history);
}

static guint
parse_count (const char *arg,
             const char *name)
{
  guint64 value = 0;
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (arg, 10, 1, 100 * 365, &value, &error))
    {
      g_printerr ("bench-history: %s: %s\n", name, error->message);
      exit (EXIT_FAILURE);
    }
  return (guint) value;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GwHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) insert_us = NULL;
  Figures figures = { 0, };
  const char *path;
  guint days, retention_days;

  setlocale (LC_ALL, "");
  if (argc < 2 || argc > 4)
    {
      g_printerr ("Usage: %s PATH [DAYS=365] [RETENTION_DAYS=30]\n", argv[0]);
      return EXIT_FAILURE;
    }
  path = argv[1];
  days = argc > 2 ? parse_count (argv[2], "DAYS") : 365;
  retention_days = argc > 3 ? parse_count (argv[3], "RETENTION_DAYS") : 30;

  history = gw_history_open (path, &error);
  if (history == NULL)
    die (path, error);
  insert_us = g_array_sized_new (FALSE, FALSE, sizeof (guint32), days * ROUNDS_PER_DAY);
  figures.insert_us = insert_us;

  g_print ("days %u\nretention_days %u\n", days, retention_days);
  fill (history, days, retention_days, &figures);
  print_writing (&figures);
  print_checkpoints (history);
  print_size ("db_retained", path);
  g_clear_object (&history);
  print_size ("db_closed", path);

  print_reading (path);
  return EXIT_SUCCESS;
}
