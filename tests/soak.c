/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The soak: real GwMonitors (prober, classifier, hysteresis, schedule with
 * backoff and Retry-After, history on real SQLite files) against a
 * fault-injecting server on loopback (tests/soak_server.py), for thousands of
 * rounds on one main loop. It checks that nothing crashes, leaks memory or
 * file descriptors, stalls the main loop, gets lost on its way to the history
 * or is announced twice, and prints its figures.
 *
 * The schedule runs on a shortened second (GwConfig.tick_ms): the shortest
 * interval the product allows (GW_SCHEDULE_MIN_INTERVAL_S) then lasts
 * --interval-ms, and every other duration of the schedule (timeouts, retry
 * pauses, backoff, Retry-After, hysteresis, notification gaps) shrinks with
 * it. Several monitors run side by side so that many rounds fit in a few
 * minutes; each has its own history file. */
#define G_LOG_DOMAIN "gw-soak"

#include "config.h"

#include "gw-config.h"
#include "gw-history.h"
#include "gw-history-private.h"   /* the connections, for their page caches */
#include "gw-monitor.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define WATCHDOG_PERIOD_MS  10
#define STALL_LIMIT_US      (50 * 1000)
#define RSS_GROWTH_LIMIT    (1024 * 1024)
#define WINDOW              1000   /* rounds in each window compared */
#define MEMORY_EVERY        100    /* rounds between memory samples */
#define N_MEMORY            (WINDOW / MEMORY_EVERY)
#define NO_PROGRESS_LIMIT_S 60
#define TEARDOWN_LIMIT_S    10

typedef struct
{
  gint      rounds;          /* 0: until --minutes */
  gdouble   minutes;         /* 0: until --rounds */
  gint      monitors;
  gint      interval_ms;
  gint      warmup;
  gint64    seed;
  char     *server;
  char     *python;
  gboolean  valgrind;
} Options;

typedef struct _Soak Soak;

/* One monitor, its history file and what was seen of it. */
typedef struct
{
  Soak          *soak;
  guint          index;
  char          *path;
  GwHistory     *history;
  GwMonitor     *monitor;
  const GwRound *last_round;       /* compared, never dereferenced later */
  guint          rounds;
  guint64        probes;           /* probes that ran: rows the history owes */
  gint           last_kind;
  gint64         last_since;
  gint64         announced_since;  /* the problem announced, 0 when none */
  GHashTable    *announced;        /* "kind@problem" */
} Lane;

struct _Soak
{
  Options    *opts;
  GMainLoop  *loop;
  GPtrArray  *lanes;
  GPtrArray  *failures;
  guint       tick_ms;
  guint       rounds;
  gint64      started_us;          /* monotonic */
  gint64      last_round_us;
  gint64      duration_us;
  gsize       rss_start, rss_warm, rss_end;
  gint64      cache_end;           /* SQLite's page caches, bytes */
  guint       fds_before, fds_after;
  /* Fds are counted every round: the fewest of each WINDOW rounds. */
  GArray     *fd_floors;
  guint       fd_floor;
  /* Memory every MEMORY_EVERY rounds: the first window after the warm-up,
   * and the last. */
  gint64      memory_early[N_MEMORY];
  guint       memory_n_early;
  gint64      memory_ring[N_MEMORY];
  guint       memory_n;
  gint64      watchdog_last_us;
  gint64      worst_stall_us;
  guint       stalls;
  guint       transitions;
  guint       by_kind[GW_N_NOTIFY_KINDS];
};

static void
fail (Soak       *soak,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
fail (Soak       *soak,
      const char *format,
      ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("soak: FAIL: %s\n", message);
  g_ptr_array_add (soak->failures, message);
}

/* ---- What the process holds ---- */

static gsize
rss_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    g_error ("cannot read /proc/self/statm");
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}

static guint
open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  if (dir == NULL)
    g_error ("cannot list /proc/self/fd");
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n - 1;   /* the listing's own */
}

static double
mib (gssize bytes)
{
  return bytes / (1024.0 * 1024.0);
}

/* SQLite keeps the pages it read or wrote, up to each connection's
 * cache_size: the caches grow with the files until that bound, by design. */
static gint64
page_cache_bytes (Soak *soak)
{
  gint64 sum = 0;

  for (guint i = 0; i < soak->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (soak->lanes, i);
      int current = 0, highwater = 0;

      sqlite3_db_status (lane->history->db, SQLITE_DBSTATUS_CACHE_USED, &current, &highwater,
                         FALSE);
      sum += current;
    }
  return sum;
}

/* ---- Rounds ---- */

/* What the process keeps: RSS once the heap's free pages went back to the
 * system, less SQLite's page caches (bounded by SQLite). Every monitor also
 * holds its last round, bodies included: the median of a window's samples
 * sees past whichever rounds happen to be held. */
static gint64
kept_memory (Soak *soak)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return (gint64) rss_bytes () - page_cache_bytes (soak);
}

static void
sample (Soak *soak)
{
  gboolean early = soak->rounds > (guint) soak->opts->warmup &&
                   soak->rounds <= (guint) soak->opts->warmup + WINDOW;
  guint fds = open_fds ();

  soak->fd_floor = MIN (soak->fd_floor, fds);
  if (soak->rounds % WINDOW == 0)
    {
      g_array_append_val (soak->fd_floors, soak->fd_floor);
      soak->fd_floor = G_MAXUINT;
    }
  if (soak->rounds % MEMORY_EVERY == 0)
    {
      gint64 memory = kept_memory (soak);

      if (early)
        soak->memory_early[soak->memory_n_early++] = memory;
      soak->memory_ring[soak->memory_n++ % N_MEMORY] = memory;
    }
}

static gboolean
finished (Soak *soak)
{
  const Options *opts = soak->opts;
  gint64 elapsed_us = g_get_monotonic_time () - soak->started_us;

  return (opts->rounds > 0 && soak->rounds >= (guint) opts->rounds) ||
         (opts->minutes > 0 && elapsed_us >= opts->minutes * 60 * G_USEC_PER_SEC);
}

static void
round_finished (Soak *soak)
{
  soak->rounds++;
  soak->last_round_us = g_get_monotonic_time ();
  if (soak->rounds == (guint) soak->opts->warmup)
    soak->rss_warm = rss_bytes ();
  sample (soak);
  if (soak->rounds % 1000 == 0)
    g_print ("soak: %u rounds, %.1f s, RSS %.2f MiB, %u fds, worst stall %.1f ms\n",
             soak->rounds, (soak->last_round_us - soak->started_us) / 1e6,
             mib (rss_bytes ()), open_fds (), soak->worst_stall_us / 1000.0);
  if (finished (soak))
    g_main_loop_quit (soak->loop);
}

/* The history writes a row per probe that ran. */
static guint
probes_run (const GwRound *round)
{
  guint n = 0;

  for (guint i = 0; i < GW_N_TARGETS; i++)
    if (round->probes[i].attempts > 0)
      n++;
  return n;
}

/* "updated" also comes when a round starts or the display changes: a round
 * finished when the monitor's last round is another one. The new round is
 * allocated while the previous one is alive, so the addresses differ. */
static void
updated_cb (GwMonitor *monitor,
            Lane      *lane)
{
  const GwRound *round = gw_monitor_get_round (monitor);

  if (round == NULL || round == lane->last_round)
    return;
  lane->last_round = round;
  lane->rounds++;
  lane->probes += probes_run (round);
  round_finished (lane->soak);
}

/* A transition is a kind of notification for one problem (known by its first
 * round): each may be announced once, back only after its problem was. */
static void
transition_cb (GwMonitor *monitor,
               gint       kind,
               gint64     down_for_s,
               Lane      *lane)
{
  Soak *soak = lane->soak;
  gint64 since = kind == GW_NOTIFY_BACK ? lane->announced_since
                                        : gw_monitor_get_problem_since (monitor);
  char *key = g_strdup_printf ("%s@%" G_GINT64_FORMAT, gw_notify_kind_to_string (kind), since);

  soak->transitions++;
  soak->by_kind[CLAMP (kind, 0, GW_N_NOTIFY_KINDS - 1)]++;
  if (kind == lane->last_kind && since == lane->last_since)
    fail (soak, "monitor %u announced %s twice in a row", lane->index, key);
  else if (since == 0)
    fail (soak, "monitor %u announced %s without a problem (announced) open", lane->index,
          gw_notify_kind_to_string (kind));
  else if (!g_hash_table_add (lane->announced, g_strdup (key)))
    fail (soak, "monitor %u announced %s again", lane->index, key);
  lane->last_kind = kind;
  lane->last_since = since;
  lane->announced_since = kind == GW_NOTIFY_BACK ? 0 : since;
  g_free (key);
}

/* Measures its own lateness: the main loop's longest stall. */
static gboolean
watchdog_cb (gpointer user_data)
{
  Soak *soak = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - soak->watchdog_last_us - WATCHDOG_PERIOD_MS * 1000;

  soak->worst_stall_us = MAX (soak->worst_stall_us, late);
  if (late > STALL_LIMIT_US)
    soak->stalls++;
  soak->watchdog_last_us = now;
  if (now - soak->last_round_us > NO_PROGRESS_LIMIT_S * G_USEC_PER_SEC)
    {
      fail (soak, "no round finished in %d s", NO_PROGRESS_LIMIT_S);
      g_main_loop_quit (soak->loop);
    }
  return G_SOURCE_CONTINUE;
}

/* ---- The monitors ---- */

static GwConfig *
soak_config (Soak  *soak,
             guint  port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = gw_config_open_settings (&error);
  GwConfig *config;
  static const char * const paths[GW_N_TARGETS] = {
    [GW_TARGET_WEB] = "/",
    [GW_TARGET_API] = "/v1/models",
    [GW_TARGET_STATUS] = "/api/v2/summary.json",
    [GW_TARGET_CONTROL] = "/check_network_status.txt",
  };

  if (settings == NULL)
    g_error ("%s", error->message);
  /* The product's defaults, on a shorter second, at the shortest interval. */
  config = gw_config_new_from_settings (settings);
  config->interval_s = GW_SCHEDULE_MIN_INTERVAL_S;
  config->tick_ms = soak->tick_ms;
  config->pause_on_metered = FALSE;
  for (guint i = 0; i < GW_N_TARGETS; i++)
    {
      g_free (config->urls[i]);
      config->urls[i] = g_strdup_printf ("http://127.0.0.1:%u%s", port, paths[i]);
    }
  return config;
}

static Lane *
lane_new (Soak           *soak,
          guint           index,
          const char     *dir,
          const GwConfig *config)
{
  Lane *lane = g_new0 (Lane, 1);
  g_autofree char *name = g_strdup_printf ("history-%u.sqlite3", index);
  g_autoptr(GError) error = NULL;

  lane->soak = soak;
  lane->index = index;
  lane->path = g_build_filename (dir, name, NULL);
  lane->announced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lane->history = gw_history_open (lane->path, &error);
  if (lane->history == NULL)
    g_error ("%s: %s", lane->path, error->message);
  lane->monitor = gw_monitor_new (config, lane->history);
  g_signal_connect (lane->monitor, "updated", G_CALLBACK (updated_cb), lane);
  g_signal_connect (lane->monitor, "transition", G_CALLBACK (transition_cb), lane);
  return lane;
}

/* The monitor and history are released by stop_lanes (). */
static void
lane_free (Lane *lane)
{
  g_clear_pointer (&lane->announced, g_hash_table_unref);
  g_free (lane->path);
  g_free (lane);
}

static gboolean
teardown_timeout_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Cancels every monitor's round and lets the cancellations finish, so each
 * monitor and history is finalized and each SQLite file closed. */
static void
stop_lanes (Soak *soak)
{
  gboolean expired = FALSE;
  guint alive = soak->lanes->len * 2;
  guint timeout_id = g_timeout_add_seconds (TEARDOWN_LIMIT_S, teardown_timeout_cb, &expired);

  for (guint i = 0; i < soak->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (soak->lanes, i);

      g_signal_handlers_disconnect_by_data (lane->monitor, lane);
      g_object_run_dispose (G_OBJECT (lane->monitor));
      g_object_add_weak_pointer (G_OBJECT (lane->monitor), (gpointer *) &lane->monitor);
      g_object_add_weak_pointer (G_OBJECT (lane->history), (gpointer *) &lane->history);
      g_object_unref (lane->monitor);
      g_object_unref (lane->history);
    }
  while (alive > 0 && !expired)
    {
      g_main_context_iteration (NULL, TRUE);
      alive = 0;
      for (guint i = 0; i < soak->lanes->len; i++)
        {
          Lane *lane = g_ptr_array_index (soak->lanes, i);

          alive += (lane->monitor != NULL) + (lane->history != NULL);
        }
    }
  if (!expired)
    g_source_remove (timeout_id);
  if (alive > 0)
    fail (soak, "%u monitors or histories still alive %d s after the end", alive,
          TEARDOWN_LIMIT_S);
}

/* ---- The history files ---- */

static gint64
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Every round the monitor finished is in its file: a control probe per round
 * (it runs every round), and a row for each probe that ran. */
static void
check_history (Soak     *soak,
               Lane     *lane,
               guint64  *stored_rounds,
               guint64  *stored_probes)
{
  g_autofree char *control_sql =
    g_strdup_printf ("SELECT COUNT(*) FROM probes WHERE target = %d", GW_TARGET_CONTROL);
  sqlite3 *db = NULL;
  gint64 rounds, probes;

  if (sqlite3_open_v2 (lane->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      fail (soak, "%s: %s", lane->path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return;
    }
  rounds = count_rows (db, control_sql);
  probes = count_rows (db, "SELECT COUNT(*) FROM probes");
  sqlite3_close (db);
  if (rounds != lane->rounds || probes < 0 || (guint64) probes != lane->probes)
    fail (soak, "monitor %u: %u rounds and %" G_GUINT64_FORMAT " probes seen, %"
          G_GINT64_FORMAT " rounds and %" G_GINT64_FORMAT " probes stored", lane->index,
          lane->rounds, lane->probes, rounds, probes);
  *stored_rounds += MAX (rounds, 0);
  *stored_probes += MAX (probes, 0);
}

static guint64
probes_seen (Soak *soak)
{
  guint64 n = 0;

  for (guint i = 0; i < soak->lanes->len; i++)
    n += ((Lane *) g_ptr_array_index (soak->lanes, i))->probes;
  return n;
}

/* ---- The server ---- */

static GSubprocess *
start_server (Soak   *soak,
              guint  *port)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GINT64_FORMAT, soak->opts->seed);
  g_autofree char *tick = g_strdup_printf ("%u", soak->tick_ms);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *server;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, soak->opts->python, soak->opts->server, "--seed", seed,
                             "--tick-ms", tick, NULL);
  if (server == NULL)
    g_error ("%s", error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  if (line == NULL || sscanf (line, "PORT %u", port) != 1)
    g_error ("the soak server did not start: %s", error ? error->message : line);
  return server;
}

/* Stops the server and checks its tally: each fault kind was served once the
 * server had dealt its whole deck of them. */
static void
stop_server (Soak        *soak,
             GSubprocess *server)
{
  g_autoptr(GDataInputStream) out =
    g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GList) kinds = NULL;
  JsonObject *tally, *served;
  gint64 decks;

  g_output_stream_close (g_subprocess_get_stdin_pipe (server), NULL, NULL);
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  if (line == NULL || !g_subprocess_wait_check (server, NULL, &error) ||
      !json_parser_load_from_data (parser, line, -1, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      fail (soak, "the soak server ended badly: %s", error ? error->message : "no tally");
      return;
    }
  tally = json_node_get_object (json_parser_get_root (parser));
  served = json_object_get_object_member (tally, "served");
  decks = json_object_get_int_member_with_default (tally, "decks", 0);
  g_print ("soak: answers served (%" G_GINT64_FORMAT " whole decks of faults dealt):",
           decks);
  kinds = json_object_get_members (served);
  for (GList *l = kinds; l != NULL; l = l->next)
    {
      gint64 n = json_object_get_int_member (served, l->data);

      g_print (" %s %" G_GINT64_FORMAT, (const char *) l->data, n);
      if (n == 0 && decks > 0)
        fail (soak, "the server never served %s", (const char *) l->data);
    }
  g_print ("\n");
}

/* ---- The run ---- */

static void
run (Soak       *soak,
     const char *dir)
{
  g_autoptr(GwConfig) config = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GNetworkMonitor) network = g_object_ref (g_network_monitor_get_default ());
  g_autoptr(GDBusConnection) system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  guint watchdog_id, port = 0;
  guint64 stored_rounds = 0, stored_probes = 0;

  /* The singletons the monitors share stay open; everything else closes. */
  server = start_server (soak, &port);
  config = soak_config (soak, port);
  soak->fds_before = open_fds ();
  soak->rss_start = rss_bytes ();
  for (gint i = 0; i < soak->opts->monitors; i++)
    g_ptr_array_add (soak->lanes, lane_new (soak, i, dir, config));

  soak->started_us = soak->last_round_us = soak->watchdog_last_us = g_get_monotonic_time ();
  watchdog_id = g_timeout_add_full (G_PRIORITY_HIGH, WATCHDOG_PERIOD_MS, watchdog_cb, soak,
                                    NULL);
  for (guint i = 0; i < soak->lanes->len; i++)
    gw_monitor_start (((Lane *) g_ptr_array_index (soak->lanes, i))->monitor);
  g_main_loop_run (soak->loop);
  soak->duration_us = g_get_monotonic_time () - soak->started_us;
  g_source_remove (watchdog_id);
  soak->rss_end = rss_bytes ();
  soak->cache_end = page_cache_bytes (soak);

  stop_lanes (soak);
  soak->fds_after = open_fds ();
  for (guint i = 0; i < soak->lanes->len; i++)
    check_history (soak, g_ptr_array_index (soak->lanes, i), &stored_rounds, &stored_probes);
  g_print ("soak: history: %u rounds seen, %" G_GUINT64_FORMAT " stored; %" G_GUINT64_FORMAT
           " probes run, %" G_GUINT64_FORMAT " stored\n", soak->rounds, stored_rounds,
           probes_seen (soak), stored_probes);
  stop_server (soak, server);
}

/* ---- Figures and verdicts ---- */

/* Everything opened lazily (e.g. SQLite's checkpoint connections) is open by
 * the middle of the run: from then on the fewest fds of a window stays. */
static void
check_fds (Soak *soak)
{
  GArray *floors = soak->fd_floors;
  guint middle, last;

  g_print ("soak: fewest open fds in each %d rounds:", WINDOW);
  for (guint i = 0; i < floors->len; i++)
    g_print (" %u", g_array_index (floors, guint, i));
  g_print ("\n");
  if (floors->len < 2)
    return;
  middle = g_array_index (floors, guint, floors->len / 2 - 1);
  last = g_array_index (floors, guint, floors->len - 1);
  if (last > middle)
    fail (soak, "open fds grew: at least %u in the last %d rounds, %u before the middle",
          last, WINDOW, middle);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
median (const gint64 *values,
        guint         n)
{
  gint64 sorted[N_MEMORY];

  g_assert (n > 0 && n <= N_MEMORY);
  memcpy (sorted, values, n * sizeof *values);
  qsort (sorted, n, sizeof *sorted, compare_gint64);
  return sorted[n / 2];
}

static void
report_memory (Soak *soak)
{
  /* The last window must not overlap the first. */
  gboolean measured = soak->rounds >= (guint) soak->opts->warmup + 2 * WINDOW;
  gint64 early = 0, late = 0;

  g_print ("soak: RSS start %.2f MiB", mib (soak->rss_start));
  if (soak->rounds >= (guint) soak->opts->warmup)
    g_print (", after %d rounds %.2f MiB", soak->opts->warmup, mib (soak->rss_warm));
  g_print (", end %.2f MiB (SQLite page caches at the end %.2f MiB)\n", mib (soak->rss_end),
           mib (soak->cache_end));
  g_print ("soak: open fds: %u before the monitors, %u after them\n", soak->fds_before,
           soak->fds_after);
  if (soak->fds_after != soak->fds_before)
    fail (soak, "%u fds open after teardown, %u before", soak->fds_after, soak->fds_before);
  if (!measured)
    {
      g_print ("soak: too few rounds to compare windows of %d after round %d\n", WINDOW,
               soak->opts->warmup);
      return;
    }

  early = median (soak->memory_early, soak->memory_n_early);
  late = median (soak->memory_ring, MIN (soak->memory_n, N_MEMORY));
  g_print ("soak: memory kept (trimmed RSS less page caches), median of rounds %d-%d "
           "%.2f MiB, of the last %d %.2f MiB: growth %+.3f MiB\n", soak->opts->warmup + 1,
           soak->opts->warmup + WINDOW, mib (early), WINDOW, mib (late), mib (late - early));
  check_fds (soak);
  if (!soak->opts->valgrind && late - early >= RSS_GROWTH_LIMIT)
    fail (soak, "memory grew %.3f MiB after round %d", mib (late - early), soak->opts->warmup);
}

static void
report (Soak *soak)
{
  g_print ("soak: %u rounds on %d monitors (interval %d ms +-10 %%, schedule second %u ms) "
           "in %.1f s, seed %" G_GINT64_FORMAT "\n", soak->rounds, soak->opts->monitors,
           soak->opts->interval_ms, soak->tick_ms, soak->duration_us / 1e6, soak->opts->seed);
  report_memory (soak);
  g_print ("soak: worst main-loop stall %.1f ms (%u over %d ms)\n",
           soak->worst_stall_us / 1000.0, soak->stalls, STALL_LIMIT_US / 1000);
  if (!soak->opts->valgrind && soak->stalls > 0)
    fail (soak, "the main loop stalled %u times, the worst %.1f ms", soak->stalls,
          soak->worst_stall_us / 1000.0);
  g_print ("soak: %u transitions announced:", soak->transitions);
  for (guint k = GW_NOTIFY_NONE + 1; k < GW_N_NOTIFY_KINDS; k++)
    g_print (" %s %u", gw_notify_kind_to_string (k), soak->by_kind[k]);
  g_print ("\n");
  if (soak->by_kind[GW_NOTIFY_NONE] > 0)
    fail (soak, "%u transitions of kind none", soak->by_kind[GW_NOTIFY_NONE]);
}

static gboolean
parse_options (Options  *opts,
               int      *argc,
               char   ***argv)
{
  const GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &opts->rounds, "Rounds in all (0: no limit)", "N" },
    { "minutes", 0, 0, G_OPTION_ARG_DOUBLE, &opts->minutes, "Stop after this long", "M" },
    { "monitors", 0, 0, G_OPTION_ARG_INT, &opts->monitors, "Monitors side by side", "K" },
    { "interval-ms", 0, 0, G_OPTION_ARG_INT, &opts->interval_ms, "Each monitor's interval",
      "MS" },
    { "warmup", 0, 0, G_OPTION_ARG_INT, &opts->warmup, "Rounds before growth counts", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &opts->seed, "The server's random seed", "S" },
    { "server", 0, 0, G_OPTION_ARG_FILENAME, &opts->server, "soak_server.py", "FILE" },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &opts->python, "The Python to run it", "FILE" },
    { "valgrind", 0, 0, G_OPTION_ARG_NONE, &opts->valgrind,
      "Under valgrind: no assertions on stalls or RSS growth", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— soak the monitor");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if (opts->server == NULL || opts->monitors < 1 || opts->rounds < 0 || opts->minutes < 0 ||
      (opts->rounds == 0 && opts->minutes == 0) ||
      opts->interval_ms < GW_SCHEDULE_MIN_INTERVAL_S ||
      opts->interval_ms % GW_SCHEDULE_MIN_INTERVAL_S != 0)
    {
      g_printerr ("usage: soak --server soak_server.py [--rounds N | --minutes M] "
                  "[--monitors K] [--interval-ms MS, a multiple of %d]\n",
                  GW_SCHEDULE_MIN_INTERVAL_S);
      return FALSE;
    }
  return TRUE;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  Options opts = { .rounds = 10000, .monitors = 8, .interval_ms = 100, .warmup = 500 };
  Soak soak = { .opts = &opts };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  gboolean passed;

  /* Any warning is a failure; the network is always there (loopback), and
   * the settings never touch the user's. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
  g_setenv ("GIO_USE_NETWORK_MONITOR", "base", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!parse_options (&opts, &argc, &argv))
    return 2;
  if (opts.python == NULL)
    opts.python = g_strdup ("python3");
  if (opts.seed == 0)
    opts.seed = g_random_int_range (1, G_MAXINT32);
  soak.tick_ms = opts.interval_ms / GW_SCHEDULE_MIN_INTERVAL_S;
  soak.loop = g_main_loop_new (NULL, FALSE);
  soak.lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) lane_free);
  soak.failures = g_ptr_array_new_with_free_func (g_free);
  soak.fd_floors = g_array_new (FALSE, FALSE, sizeof (guint));
  soak.fd_floor = G_MAXUINT;
  dir = g_dir_make_tmp ("gatewatch-soak-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  run (&soak, dir);
  report (&soak);
  remove_dir (dir);
  passed = soak.failures->len == 0;
  g_print ("soak: %s\n", passed ? "PASS" : "FAIL");

  g_ptr_array_unref (soak.lanes);
  g_ptr_array_unref (soak.failures);
  g_array_unref (soak.fd_floors);
  g_main_loop_unref (soak.loop);
  g_free (opts.server);
  g_free (opts.python);
  return passed ? EXIT_SUCCESS : EXIT_FAILURE;
}
