/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-history"

#include "config.h"

#include "gw-history.h"
#include "gw-history-private.h"

#include <errno.h>

/* The store's object, its statement cache and transactions. It is opened in
 * gw-history-open.c; rounds are written in gw-history-record.c and read in
 * gw-history-query.c. */

G_DEFINE_FINAL_TYPE (GwHistory, gw_history, G_TYPE_OBJECT)

G_DEFINE_QUARK (gw-history-error-quark, gw_history_error)

static const char * const stmt_sql[GW_HISTORY_N_STMTS] = {
  [GW_HISTORY_STMT_BEGIN] = "BEGIN IMMEDIATE",
  [GW_HISTORY_STMT_COMMIT] = "COMMIT",
  [GW_HISTORY_STMT_ROLLBACK] = "ROLLBACK",
  [GW_HISTORY_STMT_INSERT_PROBE] =
    "INSERT INTO probes (t, target, layer, http_status, dns_ms, connect_ms, tls_ms,"
    " first_byte_ms, total_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  [GW_HISTORY_STMT_LAST_VERDICT] =
    "SELECT state, cause FROM verdicts ORDER BY rowid DESC LIMIT 1",
  [GW_HISTORY_STMT_INSERT_VERDICT] =
    "INSERT INTO verdicts (t, state, cause, summary) VALUES (?1, ?2, ?3, ?4)",
  [GW_HISTORY_STMT_OPEN_OUTAGE] =
    "SELECT id, start_t, worst_state FROM outages WHERE source = 0 AND end_t IS NULL"
    " ORDER BY id DESC LIMIT 1",
  [GW_HISTORY_STMT_INSERT_OUTAGE] =
    "INSERT INTO outages (start_t, worst_state, cause, http_status, source)"
    " VALUES (?1, ?2, ?3, ?4, 0)",
  [GW_HISTORY_STMT_WORSEN_OUTAGE] =
    "UPDATE outages SET worst_state = ?2, cause = ?3, http_status = ?4 WHERE id = ?1",
  [GW_HISTORY_STMT_CLOSE_OUTAGE] = "UPDATE outages SET end_t = ?2 WHERE id = ?1",
  [GW_HISTORY_STMT_PUT_HOUR] =
    "INSERT OR REPLACE INTO hours (hour, checks, failures, latency_count, latency_sum_ms, hist)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [GW_HISTORY_STMT_UPSERT_INCIDENT] =
    "INSERT INTO outages (start_t, end_t, worst_state, cause, source, incident_key,"
    " incident_id, incident_name) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7)"
    " ON CONFLICT (incident_key) DO UPDATE SET start_t = excluded.start_t,"
    " end_t = excluded.end_t, worst_state = excluded.worst_state, cause = excluded.cause,"
    " incident_id = excluded.incident_id, incident_name = excluded.incident_name",
  [GW_HISTORY_STMT_GET_META] = "SELECT value FROM meta WHERE key = ?1",
  [GW_HISTORY_STMT_SET_META] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
  /* The oldest first, a batch at a time (probes_by_t finds them). */
  [GW_HISTORY_STMT_PRUNE] =
    "DELETE FROM probes WHERE rowid IN (SELECT rowid FROM probes WHERE t < ?1 ORDER BY t"
    " LIMIT ?2)",
  [GW_HISTORY_STMT_HOURS] =
    "SELECT hour, checks, failures, latency_count, latency_sum_ms, hist FROM hours"
    " WHERE hour >= ?1 AND hour < ?2 ORDER BY hour",
  [GW_HISTORY_STMT_OUTAGES] =
    "SELECT start_t, end_t, worst_state, cause, http_status, source, incident_id,"
    " incident_name FROM outages ORDER BY start_t DESC, id DESC LIMIT ?1",
  [GW_HISTORY_STMT_COUNT_PROBES] = "SELECT count(*) FROM probes",
  [GW_HISTORY_STMT_EXPORT] =
    "SELECT t, target, layer, http_status, dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms"
    " FROM probes ORDER BY t, rowid",
};

/* Errors */

static GwHistoryError
error_code_for (sqlite3 *db,
                int      rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return GW_HISTORY_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return GW_HISTORY_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return GW_HISTORY_ERROR_BUSY;
    case SQLITE_IOERR:
      /* Most writes report ENOSPC as SQLITE_FULL, not every one of them. */
      if (db != NULL && sqlite3_system_errno (db) == ENOSPC)
        return GW_HISTORY_ERROR_FULL;
      if (db != NULL && sqlite3_system_errno (db) == EROFS)
        return GW_HISTORY_ERROR_READ_ONLY;
      return GW_HISTORY_ERROR_FAILED;
    default:
      return GW_HISTORY_ERROR_FAILED;
    }
}

int
gw_history_db_error (sqlite3     *db,
                     int          rc,
                     const char  *what,
                     GError     **error)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if (what != NULL)
    g_set_error (error, GW_HISTORY_ERROR, error_code_for (db, rc), "%s: %s", what, message);
  else
    g_set_error_literal (error, GW_HISTORY_ERROR, error_code_for (db, rc), message);
  return rc;
}

gboolean
gw_history_fail (GwHistory   *self,
                 int          rc,
                 const char  *what,
                 GError     **error)
{
  gw_history_db_error (self->db, rc, what, error);
  return FALSE;
}

/* Connections */

/* The checkpoint thread stops first: the main connection, closing last,
 * checkpoints what is left and deletes the WAL. */
static void
close_db (GwHistory *self)
{
  if (self->checkpointer != NULL)
    {
      sqlite3_wal_hook (self->db, NULL, NULL);
      g_clear_pointer (&self->checkpointer, gw_history_checkpointer_free);
    }
  for (guint i = 0; i < GW_HISTORY_N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_warning ("Closing %s: %s", self->path, sqlite3_errmsg (self->db));
  self->db = NULL;
}

void
gw_history_install_db (GwHistory *self,
                       sqlite3   *db)
{
  close_db (self);
  self->db = db;
}

void
gw_history_install_writable_db (GwHistory *self,
                                sqlite3   *db)
{
  gw_history_install_db (self, db);
  self->checkpointer = gw_history_checkpointer_new (db, self->path);
}

gboolean
gw_history_wait_checkpoints (GwHistory *self,
                             guint     *count,
                             gint64    *worst_us)
{
  g_return_val_if_fail (GW_IS_HISTORY (self), FALSE);

  if (self->checkpointer == NULL)
    return FALSE;
  gw_history_checkpointer_wait (self->checkpointer, count, worst_us);
  return TRUE;
}

gboolean
gw_history_checkpoint_busy (GwHistory *self)
{
  g_return_val_if_fail (GW_IS_HISTORY (self), FALSE);

  return self->checkpointer != NULL && gw_history_checkpointer_busy (self->checkpointer);
}

void
gw_history_set_warning (GwHistory *self,
                        char      *warning)
{
  g_free (self->warning);
  self->warning = warning;
}

/* Statements and transactions */

sqlite3_stmt *
gw_history_stmt (GwHistory      *self,
                 GwHistoryStmt   id,
                 GError        **error)
{
  g_assert (GW_IS_HISTORY (self));
  g_assert (id < GW_HISTORY_N_STMTS);

  if (self->db == NULL)
    {
      g_set_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_FAILED, "%s is not open",
                   self->path);
      return NULL;
    }
  if (self->stmts[id] == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[id], NULL);

      if (rc != SQLITE_OK)
        {
          gw_history_fail (self, rc, NULL, error);
          return NULL;
        }
    }
  gw_history_stmt_release (self->stmts[id]);
  return self->stmts[id];
}

gboolean
gw_history_step_done (GwHistory     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  return rc == SQLITE_DONE || gw_history_fail (self, rc, NULL, error);
}

static gboolean
run_stmt (GwHistory      *self,
          GwHistoryStmt   id,
          GError        **error)
{
  g_autoptr(GwCachedStmt) stmt = gw_history_stmt (self, id, error);

  return stmt != NULL && gw_history_step_done (self, stmt, error);
}

gboolean
gw_history_begin (GwHistory  *self,
                  GError    **error)
{
  g_assert (GW_IS_HISTORY (self));

  if (self->read_only)
    gw_history_retry_writable (self);
  if (self->read_only)
    {
      g_set_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY,
                   self->newer_schema ? "%s has a newer schema than this build's"
                                      : "%s cannot be written", self->path);
      return FALSE;
    }
  return run_stmt (self, GW_HISTORY_STMT_BEGIN, error);
}

gboolean
gw_history_commit (GwHistory  *self,
                   GError    **error)
{
  return run_stmt (self, GW_HISTORY_STMT_COMMIT, error);
}

void
gw_history_rollback (GwHistory *self)
{
  g_autoptr(GError) error = NULL;

  /* SQLite ends the transaction itself after some errors (SQLITE_FULL). */
  if (self->db == NULL || sqlite3_get_autocommit (self->db))
    return;
  if (!run_stmt (self, GW_HISTORY_STMT_ROLLBACK, &error))
    g_warning ("Rolling back %s: %s", self->path, error->message);
}

void
gw_history_set_max_page_count (GwHistory *self,
                               guint      pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %u", pages);
  int rc;

  g_return_if_fail (GW_IS_HISTORY (self));

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_warning ("%s: %s", sql, sqlite3_errstr (rc));
}

/* GObject */

static void
gw_history_dispose (GObject *object)
{
  GwHistory *self = GW_HISTORY (object);

  close_db (self);

  G_OBJECT_CLASS (gw_history_parent_class)->dispose (object);
}

static void
gw_history_finalize (GObject *object)
{
  GwHistory *self = GW_HISTORY (object);

  g_free (self->path);
  g_free (self->warning);

  G_OBJECT_CLASS (gw_history_parent_class)->finalize (object);
}

static void
gw_history_class_init (GwHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gw_history_dispose;
  object_class->finalize = gw_history_finalize;
}

static void
gw_history_init (GwHistory *self)
{
}

/* Public API */

char *
gw_history_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "gatewatch", "history.sqlite3", NULL);
}

GwHistory *
gw_history_open (const char  *path,
                 GError     **error)
{
  g_autoptr(GwHistory) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GW_TYPE_HISTORY, NULL);
  self->path = g_strdup (path);
  gw_history_ensure_folder (self->path);
  if (!gw_history_open_store (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
gw_history_get_warning (GwHistory *self)
{
  g_return_val_if_fail (GW_IS_HISTORY (self), NULL);

  return self->warning;
}

gboolean
gw_history_is_read_only (GwHistory *self)
{
  g_return_val_if_fail (GW_IS_HISTORY (self), TRUE);

  return self->read_only;
}

const char *
gw_history_get_path (GwHistory *self)
{
  g_return_val_if_fail (GW_IS_HISTORY (self), NULL);

  return self->path;
}
