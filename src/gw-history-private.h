/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "gw-history.h"

G_BEGIN_DECLS

/* Shared by the gw-history*.c files, which are the only ones that talk to
 * SQLite, and by their tests. Nothing else includes this header. */

/* The statements the store prepares once per connection and keeps. */
typedef enum
{
  GW_HISTORY_STMT_BEGIN,
  GW_HISTORY_STMT_COMMIT,
  GW_HISTORY_STMT_ROLLBACK,
  GW_HISTORY_STMT_INSERT_PROBE,
  GW_HISTORY_STMT_LAST_VERDICT,
  GW_HISTORY_STMT_INSERT_VERDICT,
  GW_HISTORY_STMT_OPEN_OUTAGE,
  GW_HISTORY_STMT_INSERT_OUTAGE,
  GW_HISTORY_STMT_WORSEN_OUTAGE,
  GW_HISTORY_STMT_CLOSE_OUTAGE,
  GW_HISTORY_STMT_GET_HOUR,
  GW_HISTORY_STMT_PUT_HOUR,
  GW_HISTORY_STMT_UPSERT_INCIDENT,
  GW_HISTORY_STMT_GET_META,
  GW_HISTORY_STMT_SET_META,
  GW_HISTORY_STMT_PRUNE,
  GW_HISTORY_STMT_HOURS,
  GW_HISTORY_STMT_OUTAGES,
  GW_HISTORY_STMT_COUNT_PROBES,
  GW_HISTORY_STMT_EXPORT,
  GW_HISTORY_N_STMTS
} GwHistoryStmt;

/* Checkpoints the WAL on a thread of its own (gw-history-checkpoint.c). */
typedef struct _GwHistoryCheckpointer GwHistoryCheckpointer;

/* The class spans gw-history.c, -open.c, -record.c, -query.c and
 * -checkpoint.c. */
struct _GwHistory
{
  GObject        parent_instance;

  char          *path;
  sqlite3       *db;
  sqlite3_stmt  *stmts[GW_HISTORY_N_STMTS];  /* prepared on first use, per connection */
  char          *warning;
  gboolean       read_only;
  gboolean       newer_schema;    /* never written by this build */
  gboolean       checked;         /* the file at path passed PRAGMA quick_check, or
                                   * was closed cleanly */
  GwHistoryCheckpointer *checkpointer;  /* NULL: read-only, or checkpoints on commit */
};

/* gw-history-checkpoint.c */

/* Takes over db's checkpoints: a commit that leaves a large WAL asks the
 * checkpoint thread for one. NULL when this SQLite has no threads (db then
 * checkpoints on commit). */
GwHistoryCheckpointer *gw_history_checkpointer_new     (sqlite3               *db,
                                                        const char            *path);
/* Asks for a checkpoint without waiting for it. */
void                   gw_history_checkpointer_request (GwHistoryCheckpointer *self);
/* Waits until no checkpoint is asked for or running; the number run so far
 * and the slowest (µs). */
void                   gw_history_checkpointer_wait    (GwHistoryCheckpointer *self,
                                                        guint                 *count,
                                                        gint64                *worst_us);
gboolean               gw_history_checkpointer_busy    (GwHistoryCheckpointer *self);
/* Waits for the running checkpoint, if any, and stops the thread. */
void                   gw_history_checkpointer_free    (GwHistoryCheckpointer *self);

/* gw-history-open.c */

/* The schema version this build writes (PRAGMA user_version). */
guint         gw_history_schema_version   (void);
/* Creates the store's folder (0700) when it is missing. */
void          gw_history_ensure_folder    (const char     *path);
/* Connects to self->path: writable, else read-only with a warning, after
 * setting a damaged file aside. FALSE when nothing can be opened. */
gboolean      gw_history_open_store       (GwHistory      *self,
                                           GError        **error);
/* A read-only store tries to become writable again. */
void          gw_history_retry_writable   (GwHistory      *self);

/* gw-history.c */

/* Closes the current connection, if any, with its statements. */
void          gw_history_install_db       (GwHistory      *self,
                                           sqlite3        *db);
/* db is writable: its checkpoints move off the main loop. */
void          gw_history_install_writable_db (GwHistory   *self,
                                              sqlite3     *db);
/* Takes the warning (NULL clears it). */
void          gw_history_set_warning      (GwHistory      *self,
                                           char           *warning);
/* Sets error from rc and db's last message, and returns rc. */
int           gw_history_db_error         (sqlite3        *db,
                                           int             rc,
                                           const char     *what,
                                           GError        **error);

/* The cached statement, reset and unbound; NULL with error set when it can't
 * be prepared. Use it as g_autoptr(GwCachedStmt) so that it is reset when it
 * goes out of scope: a statement left mid-step would hold a read snapshot. */
sqlite3_stmt *gw_history_stmt             (GwHistory      *self,
                                           GwHistoryStmt   id,
                                           GError        **error);
/* Sets error from rc and the connection's message; always returns FALSE. */
gboolean      gw_history_fail             (GwHistory      *self,
                                           int             rc,
                                           const char     *what,
                                           GError        **error);
/* Steps a statement that returns no rows. */
gboolean      gw_history_step_done        (GwHistory      *self,
                                           sqlite3_stmt   *stmt,
                                           GError        **error);
/* BEGIN IMMEDIATE, after trying to reopen a read-only store for writing. */
gboolean      gw_history_begin            (GwHistory      *self,
                                           GError        **error);
gboolean      gw_history_commit           (GwHistory      *self,
                                           GError        **error);
/* Rolls back the open transaction, if SQLite has not already done so. */
void          gw_history_rollback         (GwHistory      *self);

/* Tests and the benchmark: waits until no checkpoint is asked for or running;
 * how many ran on the checkpoint thread, and the slowest (µs). FALSE when
 * checkpoints do not run on a thread. */
gboolean      gw_history_wait_checkpoints (GwHistory      *self,
                                           guint          *count,
                                           gint64         *worst_us);
gboolean      gw_history_checkpoint_busy  (GwHistory      *self);

/* gw-history-query.c */

/* Appends one CSV field, quoted as RFC 4180 says when it needs to be. */
void          gw_history_csv_append_field (GString        *line,
                                           const char     *field);

/* Tests only: PRAGMA max_page_count on the store's connection, to fill the
 * "disk" without filling a disk. */
void          gw_history_set_max_page_count (GwHistory    *self,
                                             guint         pages);

static inline void
gw_history_stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* A cached statement: reset, not finalized, at the end of the scope. */
typedef sqlite3_stmt GwCachedStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwCachedStmt, gw_history_stmt_release)
/* A temporary statement: finalized at the end of the scope. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
