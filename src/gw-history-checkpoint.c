/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-history"

#include "config.h"

#include "gw-history.h"
#include "gw-history-private.h"

/* Checkpoints of the write-ahead log, on a thread of their own with a
 * connection of their own. A checkpoint copies the WAL's pages into the file
 * and waits for two fsyncs, which take from a millisecond to tens of them
 * depending on the disk: the main loop must never wait for one. So the main
 * connection's automatic checkpoints are off, and a commit that leaves the WAL
 * at CHECKPOINT_PAGES pages or more asks this thread for a PASSIVE
 * checkpoint, which never takes the write lock nor waits for one.
 *
 * The WAL starts again from its beginning at the first commit after a
 * checkpoint that copied all of it; between rounds (a minute) there is time
 * for that. The last connection to close (the main one) checkpoints what is
 * left and deletes the WAL. */

/* About 1 MiB of WAL: short checkpoints, a small file. */
#define CHECKPOINT_PAGES 256

/* Only this thread waits, and only while opening its connection. */
#define WORKER_BUSY_TIMEOUT_MS 1000

struct _GwHistoryCheckpointer
{
  char     *path;
  sqlite3  *db;          /* the worker thread's, opened on its first checkpoint */
  GThread  *thread;      /* started on the first request */
  GMutex    lock;
  GCond     cond;
  gboolean  requested;   /* the lock guards these and the figures */
  gboolean  running;
  gboolean  quit;
  guint     count;
  gint64    worst_us;
};

static gboolean
worker_connect (GwHistoryCheckpointer *self)
{
  int rc;

  if (self->db != NULL)
    return TRUE;
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    {
      /* Closing it never checkpoints nor deletes the WAL: the main one does. */
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_busy_timeout (self->db, WORKER_BUSY_TIMEOUT_MS);
      /* Reads the schema, which opens the WAL on this connection. */
      rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_debug ("Checkpoint connection to %s: %s", self->path,
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }
  return TRUE;
}

static void
worker_checkpoint (GwHistoryCheckpointer *self)
{
  int log_frames = 0, copied = 0;
  int rc;

  if (!worker_connect (self))
    return;
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                                  &copied);
  if (rc != SQLITE_OK)
    g_debug ("Checkpoint of %s: %s", self->path, sqlite3_errmsg (self->db));
  else if (copied < log_frames)
    g_debug ("Checkpoint of %s copied %d of %d frames: a reader holds the rest", self->path,
             copied, log_frames);
}

static gpointer
worker_run (gpointer data)
{
  GwHistoryCheckpointer *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      gint64 start;
      gint64 spent;

      while (!self->requested && !self->quit)
        g_cond_wait (&self->cond, &self->lock);
      if (self->quit)
        break;
      self->requested = FALSE;
      self->running = TRUE;
      g_mutex_unlock (&self->lock);

      start = g_get_monotonic_time ();
      worker_checkpoint (self);
      spent = g_get_monotonic_time () - start;

      g_mutex_lock (&self->lock);
      self->running = FALSE;
      self->count++;
      self->worst_us = MAX (self->worst_us, spent);
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->db, sqlite3_close);
  return NULL;
}

/* Called by SQLite after each commit on the main connection, with the pages
 * now in its WAL. */
static int
wal_hook_cb (void       *data,
             sqlite3    *db,
             const char *name,
             int         pages)
{
  GwHistoryCheckpointer *self = data;

  if (pages >= CHECKPOINT_PAGES)
    gw_history_checkpointer_request (self);
  return SQLITE_OK;
}

GwHistoryCheckpointer *
gw_history_checkpointer_new (sqlite3    *db,
                             const char *path)
{
  GwHistoryCheckpointer *self;

  /* Without threads in this SQLite, checkpoints run on commit as usual. */
  if (!sqlite3_threadsafe ())
    {
      sqlite3_wal_autocheckpoint (db, CHECKPOINT_PAGES);
      return NULL;
    }
  self = g_new0 (GwHistoryCheckpointer, 1);
  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  sqlite3_wal_hook (db, wal_hook_cb, self);   /* replaces the automatic checkpoints */
  return self;
}

void
gw_history_checkpointer_request (GwHistoryCheckpointer *self)
{
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&self->lock);
  if (self->thread == NULL && !self->quit)
    {
      self->thread = g_thread_try_new ("gw-checkpoint", worker_run, self, &error);
      if (self->thread == NULL)
        g_debug ("No checkpoint thread: %s", error->message);
    }
  /* One more after the running one: it cannot copy frames committed since it started. */
  self->requested = self->thread != NULL;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
gw_history_checkpointer_wait (GwHistoryCheckpointer *self,
                              guint                 *count,
                              gint64                *worst_us)
{
  g_mutex_lock (&self->lock);
  while (self->requested || self->running)
    g_cond_wait (&self->cond, &self->lock);
  if (count != NULL)
    *count = self->count;
  if (worst_us != NULL)
    *worst_us = self->worst_us;
  g_mutex_unlock (&self->lock);
}

gboolean
gw_history_checkpointer_busy (GwHistoryCheckpointer *self)
{
  gboolean busy;

  g_mutex_lock (&self->lock);
  busy = self->requested || self->running;
  g_mutex_unlock (&self->lock);
  return busy;
}

/* Waits for a running checkpoint; call it before closing the main
 * connection, whose hook points here. */
void
gw_history_checkpointer_free (GwHistoryCheckpointer *self)
{
  g_mutex_lock (&self->lock);
  self->quit = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  if (self->thread != NULL)
    g_thread_join (self->thread);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->path);
  g_free (self);
}
