/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-history"

#include "config.h"

#include "gw-history.h"
#include "gw-history-private.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* Opening the store: the schema and its migrations, a damaged file set
 * aside, a file that can't be written opened read-only, and the retry that
 * makes it writable again. */

/* Work runs on the main loop: a lock held by another process is an error
 * after a few milliseconds, never a stall. */
#define BUSY_TIMEOUT_MS 5

/* Forward migrations: step i takes user_version i to i + 1. A new schema is a
 * new step at the end; a step that shipped is never edited. */
static const char * const migrations[] = {
  /* 1: the first schema. Times are unix seconds, durations milliseconds
   * (NULL when unknown), enums their GwTarget/GwLayer/GwState/GwCause
   * values. */
  "CREATE TABLE probes ("
  "  t INTEGER NOT NULL, target INTEGER NOT NULL, layer INTEGER NOT NULL,"
  "  http_status INTEGER, dns_ms INTEGER, connect_ms INTEGER, tls_ms INTEGER,"
  "  first_byte_ms INTEGER, total_ms INTEGER"
  ");"
  /* Rounds can share a second (--once beside the applet, fast schedules):
   * rows are never keyed by time, so none replaces another. */
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
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;",
};

#define SCHEMA_VERSION G_N_ELEMENTS (migrations)

typedef enum
{
  OPEN_OK,
  OPEN_READ_ONLY,   /* the file or its folder cannot be written now */
  OPEN_NEWER,       /* a schema from a newer build: never written */
  OPEN_CORRUPT,     /* not a database, or a damaged one */
  OPEN_FAILED,
} OpenResult;

static OpenResult
open_result_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_OK:
      return OPEN_OK;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return OPEN_CORRUPT;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_FULL:   /* can't be written now, may be read */
      return OPEN_READ_ONLY;
    default:
      return OPEN_FAILED;
    }
}

/* Plain SQL on a connection being set up */

static int
db_exec (sqlite3     *db,
         const char  *sql,
         const char  *what,
         GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? rc : gw_history_db_error (db, rc, what, error);
}

/* The first column of the first row as text (NULL when there is no row). */
static int
db_query_text (sqlite3     *db,
               const char  *sql,
               char       **out,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    *out = NULL;
  else
    return gw_history_db_error (db, rc, sql, error);
  return SQLITE_OK;
}

static int
db_user_version (sqlite3     *db,
                 gint64      *version,
                 GError     **error)
{
  g_autofree char *text = NULL;
  int rc = db_query_text (db, "PRAGMA user_version", &text, error);

  *version = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
  return rc;
}

/* A damaged file fails here, or answers something other than "ok". */
static int
db_quick_check (sqlite3  *db,
                GError  **error)
{
  g_autofree char *result = NULL;
  int rc = db_query_text (db, "PRAGMA quick_check", &result, error);

  if (rc != SQLITE_OK)
    return rc;
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_FAILED,
                   "quick_check: %s", result != NULL ? result : "no answer");
      return SQLITE_CORRUPT;
    }
  return SQLITE_OK;
}

/* Brings the schema to SCHEMA_VERSION in one transaction. */
static int
db_migrate (sqlite3  *db,
            GError  **error)
{
  g_autofree char *set_version = NULL;
  gint64 version = 0;
  int rc = db_exec (db, "BEGIN IMMEDIATE", "migration", error);

  if (rc != SQLITE_OK)
    return rc;

  rc = db_user_version (db, &version, error);
  for (gint64 v = version; rc == SQLITE_OK && v < (gint64) SCHEMA_VERSION; v++)
    rc = db_exec (db, migrations[v], "migration", error);
  if (rc == SQLITE_OK && version > (gint64) SCHEMA_VERSION)
    {
      /* Another process upgraded it since we looked. */
      g_set_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY,
                   "schema version %" G_GINT64_FORMAT " is newer than this build's", version);
      rc = SQLITE_READONLY;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %u", (guint) SCHEMA_VERSION);
  if (rc == SQLITE_OK)
    rc = db_exec (db, set_version, "migration", error);
  if (rc == SQLITE_OK)
    rc = db_exec (db, "COMMIT", "migration", error);
  if (rc != SQLITE_OK && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* The last connection to close a store checkpoints it and deletes its -wal:
 * a file without one was closed cleanly, or never written in WAL mode. One
 * with a -wal is open elsewhere, or its last session ended without closing
 * it (a crash, a power cut). */
static gboolean
closed_cleanly (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  return !g_file_test (wal, G_FILE_TEST_EXISTS);
}

/* Checks a freshly opened connection: the file is readable and sound, and
 * its schema version is known. PRAGMA quick_check reads every page (20 ms
 * for a year of rounds), so it runs only when the file was not closed
 * cleanly; a file that is not a database, or is shorter than its header
 * says, still fails on the first read. */
static OpenResult
check_connection (GwHistory  *self,
                  sqlite3    *db,
                  gint64     *version,
                  GError    **error)
{
  int rc;

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (!self->checked && closed_cleanly (self->path))
    g_debug ("%s has no -wal, it was closed cleanly: no quick_check", self->path);
  else if (!self->checked)
    {
      rc = db_quick_check (db, error);
      if (rc != SQLITE_OK)
        return open_result_for (rc);
      self->checked = TRUE;
    }
  return open_result_for (db_user_version (db, version, error));
}

/* WAL, synchronous=NORMAL (no fsync per round, only per checkpoint) and the
 * current schema. Checkpoints run on their own thread (gw-history-checkpoint.c);
 * a WAL that grew past 4 MiB (a reader held it) shrinks back when it starts
 * again from its beginning. */
static OpenResult
configure_writable (sqlite3  *db,
                    gint64    version,
                    GError  **error)
{
  g_autofree char *mode = NULL;
  int rc = db_query_text (db, "PRAGMA journal_mode = WAL", &mode, error);

  if (rc == SQLITE_OK && g_strcmp0 (mode, "wal") != 0)
    g_debug ("journal mode %s instead of WAL", mode);
  if (rc == SQLITE_OK)
    rc = db_exec (db, "PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 4194304", NULL,
                  error);
  /* Only a migration takes the write lock while opening. */
  if (rc == SQLITE_OK && version < (gint64) SCHEMA_VERSION)
    rc = db_migrate (db, error);
  return open_result_for (rc);
}

/* Creates the file as 0600 whatever the umask. SQLite gives -wal and -shm
 * the database's mode. */
static gboolean
create_file (const char  *path,
             GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd < 0 && saved_errno != EEXIST)
    {
      g_set_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY,
                   "%s cannot be created: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    {
      if (fchmod (fd, 0600) != 0)
        g_debug ("fchmod %s: %s", path, g_strerror (errno));
      close (fd);
    }
  return TRUE;
}

/* SQLite creates -wal and -shm with the database's mode at the time: after
 * a read-only spell they may be read-only too. */
static void
fix_sidecar_modes (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, suffixes[i], NULL);

      if (g_chmod (sidecar, 0600) != 0 && errno != ENOENT)
        g_debug ("chmod %s: %s", sidecar, g_strerror (errno));
    }
}

static OpenResult
connect_writable (GwHistory  *self,
                  sqlite3   **out,
                  GError    **error)
{
  sqlite3 *db = NULL;
  gint64 version = 0;
  OpenResult result;
  int rc;

  if (!create_file (self->path, error))
    return OPEN_READ_ONLY;
  fix_sidecar_modes (self->path);

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    result = open_result_for (gw_history_db_error (db, rc, self->path, error));
  else
    {
      /* Until the file has proved sound, closing must not checkpoint into
       * it nor delete its -wal: a damaged file is kept as it was found. */
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      result = check_connection (self, db, &version, error);
    }

  if (result == OPEN_OK && version > (gint64) SCHEMA_VERSION)
    {
      g_set_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY,
                   "schema version %" G_GINT64_FORMAT " is newer than this build's %u",
                   version, (guint) SCHEMA_VERSION);
      result = OPEN_NEWER;
    }
  else if (result == OPEN_OK && sqlite3_db_readonly (db, "main") == 1)
    {
      g_set_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY,
                   "%s is not writable", self->path);
      result = OPEN_READ_ONLY;
    }
  else if (result == OPEN_OK)
    result = configure_writable (db, version, error);

  if (result != OPEN_OK)
    {
      sqlite3_close (db);
      return result;
    }
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  *out = db;
  return OPEN_OK;
}

/* An empty store that cannot be written: reads find nothing. */
static OpenResult
connect_empty (sqlite3  **out,
               GError   **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL);

  if (rc == SQLITE_OK)
    rc = db_migrate (db, error);
  else
    gw_history_db_error (db, rc, "in-memory history", error);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (db);
      return OPEN_FAILED;
    }
  *out = db;
  return OPEN_OK;
}

static OpenResult
open_read_only_db (GwHistory   *self,
                   const char  *name,
                   int          flags,
                   sqlite3    **out,
                   gint64      *version,
                   GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (name, &db, SQLITE_OPEN_READONLY | flags, NULL);
  OpenResult result;

  if (rc != SQLITE_OK)
    result = open_result_for (gw_history_db_error (db, rc, self->path, error));
  else
    result = check_connection (self, db, version, error);

  if (result != OPEN_OK)
    {
      sqlite3_close (db);
      return result;
    }
  *out = db;
  return OPEN_OK;
}

/* Read-only, for a file that can't be written now. A WAL file in a folder
 * where its -shm can't be created opens as immutable: nobody can write it
 * there either. */
static OpenResult
connect_read_only (GwHistory  *self,
                   sqlite3   **out,
                   GError    **error)
{
  sqlite3 *db = NULL;
  gint64 version = 0;
  OpenResult result;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    return connect_empty (out, error);

  result = open_read_only_db (self, self->path, 0, &db, &version, error);
  if (result == OPEN_READ_ONLY)
    {
      g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);
      g_autofree char *uri = g_strconcat (file_uri != NULL ? file_uri : "", "?immutable=1", NULL);

      g_debug ("%s: %s; opening it as immutable", self->path, (*error)->message);
      g_clear_error (error);
      if (file_uri != NULL)
        result = open_read_only_db (self, uri, SQLITE_OPEN_URI, &db, &version, error);
      else
        g_set_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_FAILED, "%s has no URI",
                     self->path);
    }
  if (result != OPEN_OK)
    return result;
  if (version == 0)
    {
      /* An empty file: there is no schema to read. */
      sqlite3_close (db);
      return connect_empty (out, error);
    }
  self->newer_schema = version > (gint64) SCHEMA_VERSION;
  *out = db;
  return OPEN_OK;
}

/* Recovery */

/* PATH.corrupt-YYYYMMDD-HHMMSS (UTC), with a counter if that is taken. */
static char *
corrupt_name (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *name = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 2; g_file_test (name, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }
  return name;
}

/* Keeps a damaged file (and its -wal and -shm, which must not be replayed
 * into the new file) under another name. */
static gboolean
set_aside (GwHistory  *self,
           GError    **error)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  g_autofree char *name = corrupt_name (self->path);

  if (g_rename (self->path, name) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY,
                   "%s is damaged and cannot be renamed: %s", self->path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (name, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && errno != ENOENT)
        {
          g_warning ("Renaming %s: %s", from, g_strerror (errno));
          g_unlink (from);
        }
    }
  g_message ("%s was damaged and is kept as %s", self->path, name);
  gw_history_set_warning (self, g_strdup_printf (_("The history file was damaged. It was kept "
                                                   "as %s and a new one was started."), name));
  return TRUE;
}

/* The writable connection, after setting a damaged file aside. */
static OpenResult
connect_writable_or_recover (GwHistory  *self,
                             sqlite3   **out,
                             GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  OpenResult result = connect_writable (self, out, &local_error);

  if (result == OPEN_CORRUPT)
    {
      g_debug ("%s: %s", self->path, local_error->message);
      g_clear_error (&local_error);
      if (!set_aside (self, &local_error))
        result = OPEN_FAILED;
      else
        result = connect_writable (self, out, &local_error);
    }
  if (result != OPEN_OK)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return result;
}

static void
set_read_only (GwHistory  *self,
               sqlite3    *db,
               GError     *why)
{
  char *warning;

  gw_history_install_db (self, db);
  self->read_only = TRUE;
  g_message ("%s opens read-only: %s", self->path,
             self->newer_schema ? "its schema is newer than this build's" : why->message);
  if (self->newer_schema)
    warning = g_strdup_printf (_("The history file %s was written by a newer version of "
                                 "Gatewatch. It is shown but not updated."), self->path);
  else
    warning = g_strdup_printf (_("The history file %s cannot be written, so checks are not "
                                 "saved until it can be."), self->path);
  gw_history_set_warning (self, warning);
}

gboolean
gw_history_open_store (GwHistory  *self,
                       GError    **error)
{
  g_autoptr(GError) write_error = NULL;
  sqlite3 *db = NULL;
  OpenResult result = connect_writable_or_recover (self, &db, &write_error);

  if (result == OPEN_OK)
    {
      gw_history_install_writable_db (self, db);
      return TRUE;
    }
  if (result != OPEN_READ_ONLY && result != OPEN_NEWER)
    {
      g_propagate_error (error, g_steal_pointer (&write_error));
      return FALSE;
    }

  result = connect_read_only (self, &db, error);
  if (result == OPEN_CORRUPT)
    {
      /* Only found now, e.g. a file that can't be written in a writable folder. */
      g_clear_error (error);
      if (!set_aside (self, error))
        return FALSE;
      return gw_history_open_store (self, error);
    }
  if (result != OPEN_OK)
    return FALSE;
  set_read_only (self, db, write_error);
  return TRUE;
}

/* Called before each write: a store that could not be written may be now
 * (the folder was made writable, space was freed). Cheap when it can't. */
void
gw_history_retry_writable (GwHistory *self)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *warning = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  if (self->newer_schema || g_access (folder, W_OK) != 0 ||
      (g_file_test (self->path, G_FILE_TEST_EXISTS) && g_access (self->path, W_OK) != 0))
    return;

  /* The read-only connection goes first: SQLite would share its read-only
   * -shm mapping with the new connection. */
  warning = g_strdup (self->warning);
  gw_history_install_db (self, NULL);
  if (connect_writable_or_recover (self, &db, &error) == OPEN_OK)
    {
      g_message ("%s is writable again", self->path);
      gw_history_install_writable_db (self, db);
      self->read_only = FALSE;
      if (g_strcmp0 (self->warning, warning) == 0)   /* not news of a damaged file */
        gw_history_set_warning (self, NULL);
      return;
    }

  g_debug ("%s is still not writable: %s", self->path, error->message);
  g_clear_error (&error);
  if (connect_read_only (self, &db, &error) != OPEN_OK)
    {
      g_warning ("%s cannot be read any more: %s", self->path, error->message);
      g_clear_error (&error);
      if (connect_empty (&db, &error) != OPEN_OK)
        g_warning ("%s", error->message);
    }
  gw_history_install_db (self, db);
}

guint
gw_history_schema_version (void)
{
  return SCHEMA_VERSION;
}

/* Creates the folder as 0700 whatever the umask; a folder that exists is
 * left as its owner set it. */
void
gw_history_ensure_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    g_debug ("Creating %s: %s", folder, g_strerror (errno));
  else if (g_chmod (folder, 0700) != 0)
    g_debug ("chmod %s: %s", folder, g_strerror (errno));
}

