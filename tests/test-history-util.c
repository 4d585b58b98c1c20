/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-history-util.h"

#include <sys/stat.h>
#include <glib/gstdio.h>

static GwHttpResponse *
response_new (guint  status,
              gint64 dns_us,
              gint64 connect_us,
              gint64 tls_us,
              gint64 first_byte_us,
              gint64 total_us)
{
  GwHttpResponse *r = gw_http_response_new ();

  r->http_status = status;
  r->error = status != 0 ? GW_HTTP_OK : GW_HTTP_ERROR_TIMEOUT;
  r->timings = (GwTimings) { dns_us, connect_us, tls_us, first_byte_us, total_us };
  return r;
}

static void
set_probe (GwRound        *round,
           GwTarget        target,
           GwHttpResponse *response)
{
  GwProbeResult *probe = &round->probes[target];

  probe->url = g_strdup_printf ("https://%s.example/", gw_target_to_string (target));
  probe->attempts = 1;
  gw_probe_result_set_response (probe, response);
}

GwRound *
gw_test_round_new (const GwTestRound *spec)
{
  GwRound *round = gw_round_new ();
  GwHttpResponse *control = response_new (200, 10000, 15000, -1, 50000, 60000);

  round->started_at = spec->t * G_USEC_PER_SEC + 999999;   /* truncated to the second */
  if (spec->web_status != 0)
    set_probe (round, GW_TARGET_WEB,
               response_new (spec->web_status, 12500, 20000, 30000,
                             spec->first_byte_ms * 1000 + 999, 400000));
  else
    set_probe (round, GW_TARGET_WEB, response_new (0, 12500, 20000, -1, -1, 10000000));
  set_probe (round, GW_TARGET_API, response_new (401, 11000, 21000, 31000, 100000, 120000));
  g_byte_array_append (control->body, (const guint8 *) "NetworkManager is online\n", 25);
  set_probe (round, GW_TARGET_CONTROL, control);
  return round;
}

GwVerdict *
gw_test_verdict_new (GwState state,
                     GwCause cause,
                     guint   http_status)
{
  GwVerdict *verdict = gw_verdict_new_unknown (cause, "A sentence, with a comma.");

  verdict->state = state;
  if (http_status != 0)
    {
      GwReason *reason = g_new0 (GwReason, 1);

      reason->cause = cause;
      reason->state = state;
      reason->http_status = http_status;
      reason->timing_us = -1;
      reason->text = g_strdup ("decisive");
      g_ptr_array_add (verdict->reasons, reason);
    }
  return verdict;
}

GwHistory *
gw_test_history_open (void)
{
  g_autofree char *path = gw_history_default_path ();
  g_autoptr(GError) error = NULL;
  GwHistory *history = gw_history_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (history);
  g_assert_null (gw_history_get_warning (history));
  g_assert_false (gw_history_is_read_only (history));
  return history;
}

void
gw_test_record (GwHistory         *history,
                const GwTestRound *spec,
                guint              http_status)
{
  g_autoptr(GwRound) round = gw_test_round_new (spec);
  g_autoptr(GwVerdict) verdict = gw_test_verdict_new (spec->state, spec->cause, http_status);
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_history_record_round (history, round, verdict, &error));
  g_assert_no_error (error);
}

sqlite3 *
gw_test_raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

gint64
gw_test_raw_int (sqlite3    *db,
                 const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

char *
gw_test_raw_text (sqlite3    *db,
                  const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

void
gw_test_raw_exec (sqlite3    *db,
                  const char *sql)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

guint
gw_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

gboolean
gw_test_record_at (GwHistory  *history,
                   gint64      t,
                   GwState     state,
                   GError    **error)
{
  GwTestRound spec = { t, state, GW_CAUSE_NONE, 200, 100 };
  g_autoptr(GwRound) round = NULL;
  g_autoptr(GwVerdict) verdict = NULL;

  if (state != GW_STATE_OPERATIONAL)
    spec = (GwTestRound) { t, state, GW_CAUSE_SERVER_ERROR, 502, 100 };
  round = gw_test_round_new (&spec);
  verdict = gw_test_verdict_new (spec.state, spec.cause, spec.web_status);
  return gw_history_record_round (history, round, verdict, error);
}

gint64
gw_test_count_probes (GwHistory *history)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gw_history_count_probes (history, &error);

  g_assert_no_error (error);
  return n;
}
