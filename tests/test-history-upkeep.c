/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-history-util.h"
#include "gw-test-util.h"

#include <string.h>
#include <glib/gstdio.h>

/* What keeps the store quick on the main loop, on real SQLite files:
 * retention a batch at a time, checkpoints on their own thread with a WAL
 * that stays small, no PRAGMA quick_check after a clean close, and no
 * statement left holding a read snapshot. */

#define T0 GW_TEST_T0
#define PROBES GW_TEST_PROBES_PER_ROUND

/* The WAL asks for a checkpoint at about 1 MiB; one round adds a few pages. */
#define WAL_BOUND (2 * 1024 * 1024)
/* The journal_size_limit a restarted WAL is cut back to, plus a round. */
#define WAL_LIMIT (4 * 1024 * 1024 + 64 * 1024)

static void
record_ok (GwHistory *history,
           gint64     t)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_test_record_at (history, t, GW_STATE_OPERATIONAL, &error));
  g_assert_no_error (error);
}

static gint64
wal_size (GwHistory *history)
{
  g_autofree char *wal = g_strconcat (gw_history_get_path (history), "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 ? (gint64) st.st_size : -1;
}

/* Retention in steps */

typedef struct
{
  guint max_rows;
} PruneCase;

static const PruneCase prune_cases[] = { { 2 }, { 5 }, { 7 }, { 1000 } };

/* Steps delete the oldest rows first, max_rows at a time, until every row
 * older than before is gone and nothing else; a step that finds fewer than
 * max_rows says it is done. */
static void
test_prune_steps (gconstpointer data)
{
  const PruneCase *c = data;
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hours_before = NULL;
  g_autoptr(GArray) hours_after = NULL;
  g_autofree char *count_old = NULL;
  gint64 before = T0 + 25 * 60;
  gint64 total, old, steps = 0;
  gboolean done = FALSE;
  sqlite3 *db;

  for (guint i = 0; i < 40; i++)
    record_ok (history, T0 + 60 * i);
  /* Written last, the oldest of all: a clock that was set back. */
  record_ok (history, T0 - 3600);
  hours_before = gw_history_hour_stats (history, 0, G_MAXINT64, &error);
  g_assert_no_error (error);

  db = gw_test_raw_open (gw_history_get_path (history));
  total = gw_test_count_probes (history);
  count_old = g_strdup_printf ("SELECT count(*) FROM probes WHERE t < %" G_GINT64_FORMAT, before);
  old = gw_test_raw_int (db, count_old);
  g_assert_cmpint (old, ==, 26 * PROBES);

  while (!done)
    {
      gint64 left = gw_test_count_probes (history);

      g_assert_true (gw_history_prune_step (history, before, c->max_rows, &done, &error));
      g_assert_no_error (error);
      steps++;
      g_assert_cmpint (gw_test_count_probes (history), ==, left - MIN ((gint64) c->max_rows,
                                                               left - (total - old)));
      if (steps == 1)
        {
          /* The oldest went first, whenever it was written. */
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM probes WHERE t = %"
                                                  G_GINT64_FORMAT, T0 - 3600);

          g_assert_cmpint (gw_test_raw_int (db, sql), ==,
                           MAX ((gint64) PROBES - (gint64) c->max_rows, 0));
        }
      g_assert_cmpint (steps, <=, old / c->max_rows + 1);
    }
  /* A step that deletes fewer than max_rows, perhaps none, ends it. */
  g_assert_cmpint (steps, ==, old / c->max_rows + 1);

  g_assert_cmpint (gw_test_count_probes (history), ==, total - old);
  g_assert_cmpint (gw_test_raw_int (db, "SELECT min (t) FROM probes"), ==, before);
  g_assert_cmpint (gw_test_raw_int (db, "SELECT max (t) FROM probes"), ==, T0 + 39 * 60);
  g_assert_cmpint (gw_test_raw_int (db, "SELECT count(*) FROM verdicts"), ==, 1);
  sqlite3_close (db);

  /* Aggregates stay; another step finds nothing to do. */
  hours_after = gw_history_hour_stats (history, 0, G_MAXINT64, &error);
  g_assert_cmpuint (hours_after->len, ==, hours_before->len);
  for (guint i = 0; i < hours_after->len; i++)
    {
      g_assert_cmpint (g_array_index (hours_after, GwHourStats, i).hour, ==,
                       g_array_index (hours_before, GwHourStats, i).hour);
      g_assert_cmpuint (g_array_index (hours_after, GwHourStats, i).checks, ==,
                        g_array_index (hours_before, GwHourStats, i).checks);
    }
  done = FALSE;
  g_assert_true (gw_history_prune_step (history, before, c->max_rows, &done, &error));
  g_assert_true (done);
  g_assert_cmpint (gw_test_count_probes (history), ==, total - old);
}

/* Opening */

/* A store closed cleanly has no -wal and reopens without PRAGMA
 * quick_check; one opened beside another connection, or after a session
 * that did not close it, is checked, and its WAL is not lost. */
static void
test_open_clean (void)
{
  g_autofree char *path = gw_history_default_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *crash_path = g_strconcat (path, ".crashed", NULL);
  g_autofree char *crash_wal = g_strconcat (crash_path, "-wal", NULL);
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GwHistory) beside = NULL;
  g_autoptr(GwHistory) crashed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  for (guint i = 0; i < 10; i++)
    record_ok (history, T0 + 60 * i);
  g_clear_object (&history);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  history = gw_test_history_open ();
  g_assert_false (history->checked);
  g_assert_cmpint (gw_test_count_probes (history), ==, 10 * PROBES);
  g_assert_null (gw_history_get_warning (history));

  /* The -wal of the first is there: the second checks. */
  record_ok (history, T0 + 600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  beside = gw_test_history_open ();
  g_assert_true (beside->checked);
  g_assert_cmpint (gw_test_count_probes (beside), ==, 11 * PROBES);

  /* As a crash leaves it: the file and its -wal, copied while open. */
  gw_history_wait_checkpoints (history, NULL, NULL);
  gw_history_wait_checkpoints (beside, NULL, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (crash_path, contents, len, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (wal, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (crash_wal, contents, len, NULL));
  crashed = gw_history_open (crash_path, &error);
  g_assert_no_error (error);
  g_assert_true (crashed->checked);
  g_assert_null (gw_history_get_warning (crashed));
  g_assert_cmpint (gw_test_count_probes (crashed), ==, 11 * PROBES);
}

/* Skipping the check does not let a file that is not a database through. */
static void
test_open_clean_then_garbage (void)
{
  g_autofree char *path = gw_history_default_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  g_autoptr(GError) error = NULL;
  guint32 garbage[1024];

  record_ok (history, T0);
  g_clear_object (&history);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    garbage[i] = g_rand_int (rand);
  g_assert_true (g_file_set_contents (path, (const char *) garbage, sizeof garbage, NULL));

  history = gw_history_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gw_history_get_warning (history));
  g_assert_nonnull (strstr (gw_history_get_warning (history), ".corrupt-"));
  g_assert_false (gw_history_is_read_only (history));
  g_assert_cmpint (gw_test_count_probes (history), ==, 0);
  record_ok (history, T0);
  g_assert_cmpint (gw_test_count_probes (history), ==, PROBES);
}

/* Checkpoints */

/* Round after round, with the minute between them, the checkpoint thread
 * keeps the WAL small: it starts again from its beginning many times over. */
static void
test_checkpoints_bound_wal (void)
{
  g_autoptr(GwHistory) history = gw_test_history_open ();
  gint64 worst_us = 0, largest = 0;
  guint count = 0;
  guint rounds = 3000;

  for (guint i = 0; i < rounds; i++)
    {
      record_ok (history, T0 + 60 * i);
      g_assert_true (gw_history_wait_checkpoints (history, NULL, NULL));
      largest = MAX (largest, wal_size (history));
    }
  g_assert_true (gw_history_wait_checkpoints (history, &count, &worst_us));
  g_test_message ("%u checkpoints, the slowest %" G_GINT64_FORMAT " µs; WAL at most %"
                  G_GINT64_FORMAT " bytes", count, worst_us, largest);
  g_assert_cmpuint (count, >=, 2);
  g_assert_cmpint (worst_us, >, 0);
  g_assert_cmpint (largest, >, 0);
  g_assert_cmpint (largest, <=, WAL_BOUND);
  g_assert_cmpint (gw_test_count_probes (history), ==, (gint64) rounds * PROBES);
}

/* A reader that holds a snapshot keeps the WAL from starting again; once it
 * lets go, the WAL starts again and shrinks back to the size limit. */
static void
test_checkpoints_after_reader (void)
{
  g_autoptr(GwHistory) history = gw_test_history_open ();
  sqlite3 *reader;
  gint64 held;
  guint i;

  record_ok (history, T0);
  reader = gw_test_raw_open (gw_history_get_path (history));
  gw_test_raw_exec (reader, "BEGIN");
  g_assert_cmpint (gw_test_raw_int (reader, "SELECT count(*) FROM probes"), ==, PROBES);

  for (i = 1; wal_size (history) <= WAL_LIMIT; i++)
    {
      record_ok (history, T0 + 60 * i);
      gw_history_wait_checkpoints (history, NULL, NULL);
      g_assert_cmpuint (i, <, 20000);
    }
  held = wal_size (history);
  gw_test_raw_exec (reader, "COMMIT");
  sqlite3_close (reader);

  /* The next commit asks for a checkpoint of it all; the one after restarts. */
  for (guint j = 0; j < 3; j++, i++)
    {
      record_ok (history, T0 + 60 * i);
      gw_history_wait_checkpoints (history, NULL, NULL);
    }
  g_test_message ("WAL %" G_GINT64_FORMAT " bytes while held, %" G_GINT64_FORMAT " after",
                  held, wal_size (history));
  g_assert_cmpint (held, >, WAL_LIMIT);
  g_assert_cmpint (wal_size (history), <=, WAL_LIMIT);
  g_assert_cmpint (gw_test_count_probes (history), ==, (gint64) i * PROBES);
}

/* Statements */

/* No cached statement is left stepped: one would hold a read snapshot, and
 * no checkpoint could get past it. */
static void
assert_no_statement_busy (GwHistory  *history,
                          const char *after)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (history->db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (history->db, stmt))
    if (sqlite3_stmt_busy (stmt))
      g_error ("After %s, still stepped: %s", after, sqlite3_sql (stmt));
}

static void
test_statements_reset (void)
{
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GArray) hours = NULL;
  g_autoptr(GPtrArray) outages = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  for (guint i = 0; i < 5; i++)
    g_assert_true (gw_test_record_at (history, T0 + 60 * i,
                                      i % 2 ? GW_STATE_OUTAGE : GW_STATE_OPERATIONAL, &error));
  assert_no_statement_busy (history, "recording");
  hours = gw_history_hour_stats (history, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  assert_no_statement_busy (history, "the hour stats");
  outages = gw_history_outages (history, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outages->len, ==, 1);
  assert_no_statement_busy (history, "outages with a limit");
  g_assert_cmpint (gw_test_count_probes (history), ==, 5 * PROBES);
  assert_no_statement_busy (history, "counting");
  g_assert_cmpint (gw_history_get_incidents_imported_at (history), ==, 0);
  assert_no_statement_busy (history, "reading meta");
  g_assert_true (gw_history_export (history, GW_EXPORT_CSV, out, &error));
  g_assert_no_error (error);
  assert_no_statement_busy (history, "the export");
  g_assert_true (gw_history_prune_step (history, T0 + 120, 2, &done, &error));
  g_assert_false (done);
  assert_no_statement_busy (history, "a prune step");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (prune_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/history/upkeep/prune-steps/%u",
                                               prune_cases[i].max_rows);

      g_test_add_data_func (name, &prune_cases[i], test_prune_steps);
    }
  g_test_add_func ("/history/upkeep/open/clean", test_open_clean);
  g_test_add_func ("/history/upkeep/open/clean-then-garbage", test_open_clean_then_garbage);
  g_test_add_func ("/history/upkeep/checkpoints/bound-wal", test_checkpoints_bound_wal);
  g_test_add_func ("/history/upkeep/checkpoints/after-reader", test_checkpoints_after_reader);
  g_test_add_func ("/history/upkeep/statements-reset", test_statements_reset);

  return g_test_run ();
}
