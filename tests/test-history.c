/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-history-util.h"
#include "gw-status-page.h"
#include "gw-test-util.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

/* The store on real SQLite files, in each test's own XDG data folder: rounds,
 * retention, migrations and the status page's incidents. The export is in
 * test-history-export.c; what can go wrong (damage, read-only, full, locked)
 * in test-history-faults.c. */

#define T0 GW_TEST_T0
#define HOUR0 GW_TEST_HOUR0

/* Opening */

static void
test_open_modes (void)
{
  static const guint umasks[] = { 022, 0, 0277 };

  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    {
      g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "gatewatch", NULL);
      g_autofree char *path = gw_history_default_path ();
      g_autofree char *expected_path = g_build_filename (g_get_user_data_dir (), "gatewatch",
                                                         "history.sqlite3", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_autofree char *journal = NULL;
      g_autoptr(GwHistory) history = NULL;
      GwTestRound spec = { T0, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 300 };
      mode_t old_umask;
      sqlite3 *db;

      g_test_message ("umask %03o", umasks[i]);
      g_assert_cmpstr (path, ==, expected_path);
      old_umask = umask (umasks[i]);
      history = gw_test_history_open ();
      gw_test_record (history, &spec, 0);
      umask (old_umask);

      g_assert_cmpstr (gw_history_get_path (history), ==, path);
      g_assert_cmpuint (gw_test_file_mode (folder), ==, 0700);
      g_assert_cmpuint (gw_test_file_mode (path), ==, 0600);
      g_assert_cmpuint (gw_test_file_mode (wal), ==, 0600);
      g_assert_cmpuint (gw_test_file_mode (shm), ==, 0600);

      db = gw_test_raw_open (path);
      journal = gw_test_raw_text (db, "PRAGMA journal_mode");
      g_assert_cmpstr (journal, ==, "wal");
      g_assert_cmpint (gw_test_raw_int (db, "PRAGMA user_version"), ==,
                       gw_history_schema_version ());
      sqlite3_close (db);

      g_clear_object (&history);
      g_assert_cmpint (g_unlink (path), ==, 0);
      g_assert_cmpint (g_rmdir (folder), ==, 0);
    }
}

/* Rounds */

static void
test_record_probes (void)
{
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GwTestRound specs[] = {
    { T0, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 345 },
    { T0 + 61, GW_STATE_OUTAGE, GW_CAUSE_TIMEOUT, 0, -1 },
  };
  /* t, target, layer, http_status, dns, connect, tls, first byte, total; -1 for NULL */
  static const gint64 expected[][9] = {
    { T0, GW_TARGET_WEB, GW_LAYER_NONE, 200, 12, 20, 30, 345, 400 },
    { T0, GW_TARGET_API, GW_LAYER_NONE, 401, 11, 21, 31, 100, 120 },
    { T0, GW_TARGET_CONTROL, GW_LAYER_NONE, 200, 10, 15, -1, 50, 60 },
    { T0 + 61, GW_TARGET_WEB, GW_LAYER_TIMEOUT, -1, 12, 20, -1, -1, 10000 },
    { T0 + 61, GW_TARGET_API, GW_LAYER_NONE, 401, 11, 21, 31, 100, 120 },
    { T0 + 61, GW_TARGET_CONTROL, GW_LAYER_NONE, 200, 10, 15, -1, 50, 60 },
  };
  sqlite3 *db;
  guint row = 0;

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    gw_test_record (history, &specs[i], 0);
  g_assert_cmpint (gw_history_count_probes (history, &error), ==, G_N_ELEMENTS (expected));
  g_assert_no_error (error);

  db = gw_test_raw_open (gw_history_get_path (history));
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM probes ORDER BY t, target", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (row, <, G_N_ELEMENTS (expected));
      for (int col = 0; col < 9; col++)
        {
          gint64 value = sqlite3_column_type (stmt, col) == SQLITE_NULL
                         ? -1 : sqlite3_column_int64 (stmt, col);

          g_assert_cmpint (value, ==, expected[row][col]);
        }
      row++;
    }
  g_assert_cmpuint (row, ==, G_N_ELEMENTS (expected));
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
}

/* The verdict is stored when its state or cause changes, with its time. */
/* Rounds in the same second (--once beside the applet, a fast schedule) are
 * all kept: nothing is lost, nothing replaced. */
static void
test_record_same_second (void)
{
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GError) error = NULL;
  GwTestRound spec = { T0, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 100 };

  for (guint i = 0; i < 5; i++)
    gw_test_record (history, &spec, 0);
  g_assert_cmpint (gw_history_count_probes (history, &error), ==, 5 * GW_TEST_PROBES_PER_ROUND);
  g_assert_no_error (error);
}

static void
test_record_verdicts (void)
{
  static const struct {
    GwState state;
    GwCause cause;
    guint   rows;     /* verdict rows after this round */
  } steps[] = {
    { GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 1 },
    { GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 1 },
    { GW_STATE_DEGRADED, GW_CAUSE_SLOW, 2 },
    { GW_STATE_DEGRADED, GW_CAUSE_SLOW, 2 },
    { GW_STATE_DEGRADED, GW_CAUSE_INTERMITTENT, 3 },
    { GW_STATE_OUTAGE, GW_CAUSE_INTERMITTENT, 4 },
    { GW_STATE_LOCAL_PROBLEM, GW_CAUSE_OFFLINE, 5 },
    { GW_STATE_LOCAL_PROBLEM, GW_CAUSE_OFFLINE, 5 },
    { GW_STATE_UNKNOWN, GW_CAUSE_NO_EVIDENCE, 6 },
    { GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 7 },
  };
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autofree char *summary = NULL;
  sqlite3 *db = gw_test_raw_open (gw_history_get_path (history));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GwTestRound spec = { T0 + 60 * i, steps[i].state, steps[i].cause, 200, 100 };
      g_autofree char *sql = NULL;

      gw_test_record (history, &spec, 0);
      g_assert_cmpint (gw_test_raw_int (db, "SELECT count(*) FROM verdicts"), ==, steps[i].rows);
      sql = g_strdup_printf ("SELECT t = %" G_GINT64_FORMAT " AND state = %d AND cause = %d"
                             " FROM verdicts ORDER BY rowid DESC LIMIT 1",
                             spec.t, steps[i].state, steps[i].cause);
      if (i == 0 || steps[i].rows != steps[i - 1].rows)
        g_assert_cmpint (gw_test_raw_int (db, sql), ==, 1);
    }
  summary = gw_test_raw_text (db, "SELECT summary FROM verdicts LIMIT 1");
  g_assert_cmpstr (summary, ==, "A sentence, with a comma.");
  sqlite3_close (db);
}

/* Degraded or outage opens an own outage that keeps its worst moment; local
 * problems and unknown rounds leave it open; operational closes it. */
static void
test_record_outages (void)
{
  static const struct {
    gint64  t;
    GwState state;
    GwCause cause;
    guint   http_status;
    guint   n_outages;  /* after this round */
  } steps[] = {
    { T0, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 0, 0 },
    { T0 + 60, GW_STATE_LOCAL_PROBLEM, GW_CAUSE_OFFLINE, 0, 0 },
    { T0 + 120, GW_STATE_DEGRADED, GW_CAUSE_SLOW, 0, 1 },
    { T0 + 180, GW_STATE_OUTAGE, GW_CAUSE_SERVER_ERROR, 502, 1 },
    { T0 + 240, GW_STATE_DEGRADED, GW_CAUSE_INTERMITTENT, 503, 1 },
    { T0 + 300, GW_STATE_LOCAL_PROBLEM, GW_CAUSE_DNS, 0, 1 },
    { T0 + 360, GW_STATE_UNKNOWN, GW_CAUSE_NO_EVIDENCE, 0, 1 },
    { T0 + 420, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 0, 1 },
    { T0 + 480, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 0, 1 },
    { T0 + 540, GW_STATE_OUTAGE, GW_CAUSE_TIMEOUT, 0, 2 },
    { T0 + 600, GW_STATE_OUTAGE, GW_CAUSE_SERVER_ERROR, 504, 2 },
  };
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GPtrArray) outages = NULL;
  g_autoptr(GError) error = NULL;
  const GwOutage *newest, *oldest;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GwTestRound spec = { steps[i].t, steps[i].state, steps[i].cause, 200, 100 };

      gw_test_record (history, &spec, steps[i].http_status);
      g_clear_pointer (&outages, g_ptr_array_unref);
      outages = gw_history_outages (history, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (outages->len, ==, steps[i].n_outages);
    }

  newest = g_ptr_array_index (outages, 0);
  g_assert_cmpint (newest->start, ==, T0 + 540);
  g_assert_cmpint (newest->end, ==, 0);
  g_assert_cmpint (newest->worst, ==, GW_STATE_OUTAGE);
  g_assert_cmpint (newest->cause, ==, GW_CAUSE_TIMEOUT);   /* the first at its worst */
  g_assert_cmpuint (newest->http_status, ==, 0);
  g_assert_cmpint (newest->source, ==, GW_OUTAGE_SOURCE_PROBES);
  g_assert_null (newest->incident_id);

  oldest = g_ptr_array_index (outages, 1);
  g_assert_cmpint (oldest->start, ==, T0 + 120);
  g_assert_cmpint (oldest->end, ==, T0 + 420);
  g_assert_cmpint (oldest->worst, ==, GW_STATE_OUTAGE);
  g_assert_cmpint (oldest->cause, ==, GW_CAUSE_SERVER_ERROR);
  g_assert_cmpuint (oldest->http_status, ==, 502);

  g_clear_pointer (&outages, g_ptr_array_unref);
  outages = gw_history_outages (history, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outages->len, ==, 1);
  g_assert_cmpint (((GwOutage *) g_ptr_array_index (outages, 0))->start, ==, T0 + 540);
}

static void
assert_hour_equal (const GwHourStats *a,
                   const GwHourStats *b)
{
  g_assert_cmpint (a->hour, ==, b->hour);
  g_assert_cmpuint (a->checks, ==, b->checks);
  g_assert_cmpuint (a->failures, ==, b->failures);
  g_assert_cmpuint (a->latency_count, ==, b->latency_count);
  g_assert_cmpuint (a->latency_sum_ms, ==, b->latency_sum_ms);
  for (guint i = 0; i < GW_LATENCY_BUCKETS; i++)
    g_assert_cmpuint (a->latency_hist[i], ==, b->latency_hist[i]);
}

/* Checks, failures and the web's first byte per UTC hour; local problems and
 * unknown rounds are no checks; a failed web probe has no latency. */
static void
test_record_hours (void)
{
  static const struct {
    GwTestRound spec;
    gboolean  counted;
    gint64    latency_ms;
  } rounds[] = {
    { { HOUR0 + 10, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 120 }, TRUE, 120 },
    { { HOUR0 + 70, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 800 }, TRUE, 800 },
    { { HOUR0 + 130, GW_STATE_DEGRADED, GW_CAUSE_SLOW, 200, 3500 }, TRUE, 3500 },
    { { HOUR0 + 190, GW_STATE_OUTAGE, GW_CAUSE_SERVER_ERROR, 502, 40 }, TRUE, -1 },
    { { HOUR0 + 250, GW_STATE_OUTAGE, GW_CAUSE_TIMEOUT, 0, -1 }, TRUE, -1 },
    { { HOUR0 + 310, GW_STATE_LOCAL_PROBLEM, GW_CAUSE_OFFLINE, 0, -1 }, FALSE, -1 },
    { { HOUR0 + 370, GW_STATE_UNKNOWN, GW_CAUSE_NO_EVIDENCE, 200, 90 }, FALSE, -1 },
    { { HOUR0 + 3599, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 15000 }, TRUE, 15000 },
    { { HOUR0 + 3600, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 55 }, TRUE, 55 },
    { { HOUR0 + 7300, GW_STATE_LOCAL_PROBLEM, GW_CAUSE_DNS, 0, -1 }, FALSE, -1 },
  };
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  GwHourStats expected[2] = { { .hour = HOUR0 }, { .hour = HOUR0 + 3600 } };
  sqlite3 *db;

  for (guint i = 0; i < G_N_ELEMENTS (rounds); i++)
    {
      gw_test_record (history, &rounds[i].spec, 0);
      if (rounds[i].counted)
        gw_hour_stats_add_check (&expected[rounds[i].spec.t >= HOUR0 + 3600],
                                 rounds[i].spec.state != GW_STATE_OPERATIONAL,
                                 rounds[i].latency_ms);
    }
  g_assert_cmpuint (expected[0].checks, ==, 6);
  g_assert_cmpuint (expected[0].latency_count, ==, 4);

  stats = gw_history_hour_stats (history, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 2);   /* the third hour had no check */
  assert_hour_equal (&g_array_index (stats, GwHourStats, 0), &expected[0]);
  assert_hour_equal (&g_array_index (stats, GwHourStats, 1), &expected[1]);
  g_clear_pointer (&stats, g_array_unref);

  /* since <= hour < until */
  stats = gw_history_hour_stats (history, HOUR0 + 1, HOUR0 + 3601, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 1);
  g_assert_cmpint (g_array_index (stats, GwHourStats, 0).hour, ==, HOUR0 + 3600);
  g_clear_pointer (&stats, g_array_unref);
  stats = gw_history_hour_stats (history, HOUR0, HOUR0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 0);

  /* The histogram is GW_LATENCY_BUCKETS little-endian uint32s. */
  db = gw_test_raw_open (gw_history_get_path (history));
  g_assert_cmpint (gw_test_raw_int (db, "SELECT length (hist) FROM hours LIMIT 1"), ==,
                   4 * GW_LATENCY_BUCKETS);
  sqlite3_close (db);
}

/* A verdict from the classifier, as the applet records it. */
static void
test_record_classified (void)
{
  GwTestRound spec = { T0, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 250 };
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GwRound) round = gw_test_round_new (&spec);
  g_autoptr(GwVerdict) verdict = gw_verdict_classify (round, NULL);
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (verdict->state, ==, GW_STATE_OPERATIONAL);
  g_assert_true (gw_history_record_round (history, round, verdict, &error));
  g_assert_no_error (error);
  stats = gw_history_hour_stats (history, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 1);
  g_assert_cmpuint (g_array_index (stats, GwHourStats, 0).checks, ==, 1);
  g_assert_cmpuint (g_array_index (stats, GwHourStats, 0).latency_sum_ms, ==, 250);
}

/* Retention removes raw probes only. */
static void
test_prune (void)
{
  static const gint64 ages_days[] = { 40, 31, 30, 29, 1 };
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GPtrArray) outages = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = T0 - 30 * 24 * 3600;
  sqlite3 *db;

  for (guint i = 0; i < G_N_ELEMENTS (ages_days); i++)
    {
      GwTestRound spec = { T0 - ages_days[i] * 24 * 3600, i % 2 ? GW_STATE_DEGRADED
                         : GW_STATE_OPERATIONAL, i % 2 ? GW_CAUSE_SLOW : GW_CAUSE_NONE, 200, 100 };

      gw_test_record (history, &spec, 0);
    }
  g_assert_cmpint (gw_history_count_probes (history, &error), ==, 15);

  g_assert_true (gw_history_prune (history, before, &error));
  g_assert_no_error (error);
  /* 30 days old is kept: only rows older than before go. */
  g_assert_cmpint (gw_history_count_probes (history, &error), ==, 9);
  g_assert_true (gw_history_prune (history, before, &error));
  g_assert_cmpint (gw_history_count_probes (history, &error), ==, 9);

  stats = gw_history_hour_stats (history, 0, G_MAXINT64, &error);
  g_assert_cmpuint (stats->len, ==, 5);
  outages = gw_history_outages (history, 0, &error);
  g_assert_cmpuint (outages->len, ==, 2);
  db = gw_test_raw_open (gw_history_get_path (history));
  g_assert_cmpint (gw_test_raw_int (db, "SELECT count(*) FROM verdicts"), ==, 5);
  g_assert_cmpint (gw_test_raw_int (db, "SELECT min (t) FROM probes"), ==, before);
  sqlite3_close (db);
  g_assert_no_error (error);
}

/* Migrations */

/* Migration 1 as it shipped: frozen here, whatever later versions add. */
static const char schema_1[] =
  "CREATE TABLE probes ("
  "  t INTEGER NOT NULL, target INTEGER NOT NULL, layer INTEGER NOT NULL,"
  "  http_status INTEGER, dns_ms INTEGER, connect_ms INTEGER, tls_ms INTEGER,"
  "  first_byte_ms INTEGER, total_ms INTEGER"
  ");"
  "CREATE INDEX probes_by_t ON probes (t);"
  "CREATE TABLE verdicts ("
  "  t INTEGER NOT NULL, state INTEGER NOT NULL, cause INTEGER NOT NULL, summary TEXT"
  ");"
  "CREATE TABLE outages ("
  "  id INTEGER PRIMARY KEY, start_t INTEGER NOT NULL, end_t INTEGER,"
  "  worst_state INTEGER NOT NULL, cause INTEGER NOT NULL, http_status INTEGER,"
  "  source INTEGER NOT NULL, incident_key TEXT UNIQUE, incident_id TEXT, incident_name TEXT"
  ");"
  "CREATE INDEX outages_by_start ON outages (start_t);"
  "CREATE TABLE hours ("
  "  hour INTEGER PRIMARY KEY, checks INTEGER NOT NULL, failures INTEGER NOT NULL,"
  "  latency_count INTEGER NOT NULL, latency_sum_ms INTEGER NOT NULL, hist BLOB NOT NULL"
  ");"
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;";

static void
test_migrate_first_schema (void)
{
  g_autofree char *path = gw_history_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GwHistory) history = NULL;
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GPtrArray) outages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  GwTestRound spec = { HOUR0 + 3600, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 100 };
  const GwOutage *outage;
  sqlite3 *db;

  /* A version 1 file with a row in every table, in the old journal mode. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  gw_test_raw_exec (db, schema_1);
  gw_test_raw_exec (db, "INSERT INTO probes VALUES (1790000000, 0, 0, 200, 1, 2, 3, 4, 5);"
                "INSERT INTO verdicts VALUES (1790000000, 1, 0, 'fine');"
                "INSERT INTO outages VALUES (NULL, 1789990000, 1789990600, 3, 7, 502, 0,"
                "  NULL, NULL, NULL);"
                "INSERT INTO hours VALUES (1789999200, 3, 1, 2, 300,"
                "  x'010000000100000000000000000000000000000000000000"
                "000000000000000000000000000000000000000000000000');"
                "INSERT INTO meta VALUES ('incidents_imported_at', 1789000000);"
                "PRAGMA user_version = 1;");
  sqlite3_close (db);

  history = gw_test_history_open ();
  g_assert_cmpint (gw_history_count_probes (history, &error), ==, 1);
  stats = gw_history_hour_stats (history, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->len, ==, 1);
  g_assert_cmpuint (g_array_index (stats, GwHourStats, 0).checks, ==, 3);
  g_assert_cmpuint (g_array_index (stats, GwHourStats, 0).latency_hist[0], ==, 1);
  g_assert_cmpuint (g_array_index (stats, GwHourStats, 0).latency_hist[1], ==, 1);
  outages = gw_history_outages (history, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outages->len, ==, 1);
  outage = g_ptr_array_index (outages, 0);
  g_assert_cmpint (outage->end, ==, 1789990600);
  g_assert_cmpuint (outage->http_status, ==, 502);
  g_assert_cmpint (gw_history_get_incidents_imported_at (history), ==, 1789000000);

  /* And it takes new rounds. */
  gw_test_record (history, &spec, 0);
  g_assert_cmpint (gw_history_count_probes (history, &error), ==, 4);

  db = gw_test_raw_open (path);
  g_assert_cmpint (gw_test_raw_int (db, "PRAGMA user_version"), ==, gw_history_schema_version ());
  /* The same state as the migrated verdict: no new row. */
  g_assert_cmpint (gw_test_raw_int (db, "SELECT count(*) FROM verdicts"), ==, 1);
  journal = gw_test_raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  sqlite3_close (db);
}
/* Incidents */

static GPtrArray *
parse_incidents (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GPtrArray *incidents;
  gsize len;

  data = gw_test_load_data (name, &len);
  incidents = gw_status_page_parse_incidents (data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (incidents);
  return incidents;
}

static void
import (GwHistory *history,
        GPtrArray *incidents)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_history_import_incidents (history, incidents, &error));
  g_assert_no_error (error);
}

static GPtrArray *
all_outages (GwHistory *history)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *outages = gw_history_outages (history, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outages);
  return outages;
}

static const GwOutage *
find_outage (GPtrArray  *outages,
             const char *incident_id)
{
  for (guint i = 0; i < outages->len; i++)
    {
      const GwOutage *outage = g_ptr_array_index (outages, i);

      if (g_strcmp0 (outage->incident_id, incident_id) == 0)
        return outage;
    }
  return NULL;
}

static gint64
iso (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_incidents_fixture (void)
{
  static const struct {
    const char *id;
    const char *start;
    const char *end;         /* NULL: open */
    GwState     worst;
  } expected[] = {
    { "inc-open-chatgpt", "2026-09-29T17:49:05Z", NULL, GW_STATE_OUTAGE },
    { "inc-resolved-chatgpt", "2026-09-28T09:55:00Z", "2026-09-28T11:30:00Z", GW_STATE_DEGRADED },
    /* resolved without resolved_at: the parser takes updated_at */
    { "inc-postmortem", "2026-09-27T08:00:00Z", "2026-09-27T09:00:00Z", GW_STATE_DEGRADED },
    /* resolved before it started: it ends where it started */
    { "inc-maintenance", "2026-09-26T02:00:00Z", "2026-09-26T02:00:00Z", GW_STATE_DEGRADED },
  };
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GPtrArray) incidents = parse_incidents ("incidents.json");
  g_autoptr(GPtrArray) outages = NULL;
  GwTestRound own = { T0 + 10 * 86400, GW_STATE_DEGRADED, GW_CAUSE_SLOW, 200, 5000 };
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpint (gw_history_get_incidents_imported_at (history), ==, 0);
  gw_test_record (history, &own, 0);

  for (guint pass = 0; pass < 2; pass++)
    {
      import (history, incidents);
      g_clear_pointer (&outages, g_ptr_array_unref);
      outages = all_outages (history);
      /* ChatGPT's, once each, and the own outage untouched */
      g_assert_cmpuint (outages->len, ==, G_N_ELEMENTS (expected) + 1);
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          const GwOutage *outage = find_outage (outages, expected[i].id);
          gint64 end = expected[i].end != NULL ? iso (expected[i].end) : 0;

          g_test_message ("%s", expected[i].id);
          g_assert_nonnull (outage);
          g_assert_cmpint (outage->start, ==, iso (expected[i].start));
          g_assert_cmpint (outage->end, ==, end);
          g_assert_cmpint (outage->worst, ==, expected[i].worst);
          g_assert_cmpint (outage->cause, ==, GW_CAUSE_STATUS_PAGE);
          g_assert_cmpint (outage->source, ==, GW_OUTAGE_SOURCE_STATUS_PAGE);
          g_assert_nonnull (outage->incident_name);
        }
      g_assert_nonnull (find_outage (outages, NULL));
      g_assert_cmpint (((GwOutage *) g_ptr_array_index (outages, 0))->start, ==,
                       own.t);   /* newest first */
    }
  g_assert_cmpint (gw_history_get_incidents_imported_at (history), >=, before);
  g_assert_cmpint (gw_history_get_incidents_imported_at (history), <=,
                   g_get_real_time () / G_USEC_PER_SEC);
}

/* A later import updates in place: the open incident was resolved. */
static void
test_incidents_update (void)
{
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GPtrArray) incidents = parse_incidents ("incidents.json");
  g_autoptr(GPtrArray) outages = NULL;
  const GwOutage *outage;
  guint n;

  import (history, incidents);
  outages = all_outages (history);
  n = outages->len;
  g_assert_cmpint (find_outage (outages, "inc-open-chatgpt")->end, ==, 0);

  for (guint i = 0; i < incidents->len; i++)
    {
      GwIncident *incident = g_ptr_array_index (incidents, i);

      if (g_strcmp0 (incident->id, "inc-open-chatgpt") != 0)
        continue;
      incident->resolved = TRUE;
      incident->resolved_at = iso ("2026-09-29T19:00:00Z");
      incident->impact = GW_IMPACT_MAJOR;
      g_free (incident->name);
      incident->name = g_strdup ("Elevated error rates in ChatGPT voice mode (resolved)");
    }
  import (history, incidents);

  g_clear_pointer (&outages, g_ptr_array_unref);
  outages = all_outages (history);
  g_assert_cmpuint (outages->len, ==, n);
  outage = find_outage (outages, "inc-open-chatgpt");
  g_assert_cmpint (outage->end, ==, iso ("2026-09-29T19:00:00Z"));
  g_assert_cmpint (outage->worst, ==, GW_STATE_DEGRADED);
  g_assert_cmpstr (outage->incident_name, ==,
                   "Elevated error rates in ChatGPT voice mode (resolved)");
}

/* The captures' incidents: every one about ChatGPT, once. */
static void
test_incidents_captures (void)
{
  static const char * const captures[] = {
    "status-incidents.json",
    "summary.2026-09-29.degraded-with-incidents.json",
    "incidents.json",
  };
  g_autoptr(GwHistory) history = gw_test_history_open ();
  guint n_chatgpt = 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint c = 0; c < G_N_ELEMENTS (captures); c++)
      {
        g_autoptr(GPtrArray) incidents = parse_incidents (captures[c]);
        g_autoptr(GPtrArray) outages = NULL;

        for (guint i = 0; pass == 0 && i < incidents->len; i++)
          {
            const GwIncident *incident = g_ptr_array_index (incidents, i);

            n_chatgpt += incident->chatgpt && incident->started_at != 0;
          }
        import (history, incidents);
        outages = all_outages (history);
        g_assert_cmpuint (outages->len, ==, n_chatgpt);
        for (guint i = 0; i < outages->len; i++)
          g_assert_nonnull (((GwOutage *) g_ptr_array_index (outages, i))->incident_id);
      }
  g_test_message ("%u incidents about ChatGPT", n_chatgpt);
  g_assert_cmpuint (n_chatgpt, >=, 8);
}

static GwIncident *
incident_new (const char *name,
              gint64      started_at,
              GwImpact    impact)
{
  GwIncident *incident = g_new0 (GwIncident, 1);

  incident->name = g_strdup (name);
  incident->impact = impact;
  incident->started_at = started_at;
  incident->chatgpt = TRUE;
  return incident;
}

/* Without an id, an incident is known by its start and name. */
static void
test_incidents_without_id (void)
{
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                   gw_incident_free);
  g_autoptr(GPtrArray) outages = NULL;
  const GwOutage *outage;

  g_ptr_array_add (incidents, incident_new ("ChatGPT is down", T0, GW_IMPACT_CRITICAL));
  g_ptr_array_add (incidents, incident_new ("ChatGPT is down", T0 + 86400, GW_IMPACT_MINOR));
  g_ptr_array_add (incidents, incident_new ("ChatGPT is slow", T0, GW_IMPACT_MAJOR));
  g_ptr_array_add (incidents, incident_new ("ChatGPT, no start", 0, GW_IMPACT_MAJOR));
  g_ptr_array_add (incidents, incident_new ("ChatGPT was down", T0 - 86400, GW_IMPACT_MAJOR));
  /* resolved at an unknown time: it ends where it started */
  ((GwIncident *) g_ptr_array_index (incidents, 4))->resolved = TRUE;
  import (history, incidents);
  import (history, incidents);

  outages = all_outages (history);
  g_assert_cmpuint (outages->len, ==, 4);
  outage = g_ptr_array_index (outages, 0);
  g_assert_cmpint (outage->start, ==, T0 + 86400);
  g_assert_cmpint (outage->worst, ==, GW_STATE_DEGRADED);
  g_assert_null (outage->incident_id);
  g_assert_cmpstr (outage->incident_name, ==, "ChatGPT is down");
  g_assert_cmpint (outage->end, ==, 0);
  outage = g_ptr_array_index (outages, 3);
  g_assert_cmpstr (outage->incident_name, ==, "ChatGPT was down");
  g_assert_cmpint (outage->end, ==, T0 - 86400);
}

/* The parser refuses malformed input; the store is never asked. */
static void
test_incidents_malformed (void)
{
  static const char * const inputs[] = {
    "",
    "not json",
    "[1, 2, 3]",
    "{\"incidents\": [",
    "\"incidents\"",
  };
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GPtrArray) incidents = parse_incidents ("incidents.json");
  g_autoptr(GPtrArray) outages = NULL;
  gint64 imported_at;

  import (history, incidents);
  imported_at = gw_history_get_incidents_imported_at (history);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) parsed = NULL;
      g_autoptr(GError) error = NULL;

      parsed = gw_status_page_parse_incidents (inputs[i], strlen (inputs[i]), &error);
      g_assert_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID);
      g_assert_null (parsed);
    }
  outages = all_outages (history);
  g_assert_cmpuint (outages->len, ==, 4);
  g_assert_cmpint (gw_history_get_incidents_imported_at (history), ==, imported_at);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history/open/modes", test_open_modes);
  g_test_add_func ("/history/record/probes", test_record_probes);
  g_test_add_func ("/history/record/same-second", test_record_same_second);
  g_test_add_func ("/history/record/verdicts", test_record_verdicts);
  g_test_add_func ("/history/record/outages", test_record_outages);
  g_test_add_func ("/history/record/hours", test_record_hours);
  g_test_add_func ("/history/record/classified", test_record_classified);
  g_test_add_func ("/history/prune", test_prune);
  g_test_add_func ("/history/migrate/first-schema", test_migrate_first_schema);
  g_test_add_func ("/history/incidents/fixture", test_incidents_fixture);
  g_test_add_func ("/history/incidents/update", test_incidents_update);
  g_test_add_func ("/history/incidents/captures", test_incidents_captures);
  g_test_add_func ("/history/incidents/without-id", test_incidents_without_id);
  g_test_add_func ("/history/incidents/malformed", test_incidents_malformed);

  return g_test_run ();
}
