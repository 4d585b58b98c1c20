/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "test-history-util.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

/* What goes wrong with a history file, for real: damaged files, read-only
 * folders, a full disk, another process's lock. Nothing is lost, nothing is
 * fatal. As root, read-only folders and full disks are tmpfs mounts in the
 * test's own mount namespace (chmod does not stop root); elsewhere, folder
 * modes, and the tmpfs tests skip. */

#define T0 GW_TEST_T0
#define PROBES GW_TEST_PROBES_PER_ROUND

static gboolean have_mounts;

/* Helpers */

static void
record_ok (GwHistory *history,
           gint64     t)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_test_record_at (history, t, GW_STATE_OPERATIONAL, &error));
  g_assert_no_error (error);
}

static GwHistory *
open_store (void)
{
  g_autofree char *path = gw_history_default_path ();
  g_autoptr(GError) error = NULL;
  GwHistory *history = gw_history_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (history);
  return history;
}

static guint
count_hours (GwHistory *history)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stats = gw_history_hour_stats (history, 0, G_MAXINT64, &error);

  g_assert_no_error (error);
  return stats->len;
}

/* The store's folder: as root a tmpfs that can be remounted read-only or
 * filled, otherwise a plain folder whose mode changes. */
typedef struct
{
  char     *path;
  gboolean  mounted;
} Folder;

static gboolean
folder_prepare (Folder     *folder,
                gboolean    need_mount,
                const char *size)
{
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0700", size);

  folder->path = g_build_filename (g_get_user_data_dir (), "gatewatch", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder->path, 0700), ==, 0);
  if (geteuid () != 0 && !need_mount)
    return TRUE;
  if (!have_mounts)
    {
      g_test_skip (geteuid () == 0 ? "no private mount namespace for a tmpfs"
                                   : "needs root to mount a tmpfs");
      g_clear_pointer (&folder->path, g_free);
      return FALSE;
    }
  if (mount ("tmpfs", folder->path, "tmpfs", 0, options) != 0)
    {
      g_autofree char *message = g_strdup_printf ("cannot mount a tmpfs: %s",
                                                  g_strerror (errno));

      g_test_skip (message);
      g_clear_pointer (&folder->path, g_free);
      return FALSE;
    }
  folder->mounted = TRUE;
  return TRUE;
}

static void
folder_set_writable (Folder   *folder,
                     gboolean  writable)
{
  if (folder->mounted)
    g_assert_cmpint (mount ("tmpfs", folder->path, "tmpfs",
                            MS_REMOUNT | (writable ? 0 : MS_RDONLY), NULL), ==, 0);
  else
    g_assert_cmpint (g_chmod (folder->path, writable ? 0700 : 0500), ==, 0);
}

static void
folder_clear (Folder *folder)
{
  if (folder->mounted)
    g_assert_cmpint (umount2 (folder->path, MNT_DETACH), ==, 0);
  else if (folder->path != NULL)
    g_chmod (folder->path, 0700);
  g_clear_pointer (&folder->path, g_free);
}

/* Damaged files */

static void
write_file (const char *path,
            const void *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
}

static void
damage_garbage (const char *path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);
  guint32 garbage[2048];

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    garbage[i] = g_rand_int (rand);
  write_file (path, garbage, sizeof garbage);
}

static void
damage_text (const char *path)
{
  const char text[] = "time,target\r\nThis is a CSV file, not a database.\r\n";

  write_file (path, text, strlen (text));
}

/* A real header, and then nothing that makes sense. */
static void
damage_header (const char *path)
{
  char data[8192];

  memset (data, 0xa5, sizeof data);
  memcpy (data, "SQLite format 3", 16);
  write_file (path, data, sizeof data);
}

/* A real store with rows, cut to half its size. */
static void
damage_truncate (const char *path)
{
  g_autoptr(GwHistory) history = open_store ();
  GStatBuf st;

  for (guint i = 0; i < 400; i++)
    record_ok (history, T0 + 60 * i);
  g_clear_object (&history);   /* checkpointed into the file */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("%s: %" G_GINT64_FORMAT " bytes, cut to half", path, (gint64) st.st_size);
  g_assert_cmpint (st.st_size, >, 4 * 4096);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);
}

/* Garbage with a -wal beside it, which must not be replayed into the new file. */
static void
damage_with_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  damage_garbage (path);
  write_file (wal, "not a WAL either", 16);
}

static char *
find_set_aside (const char *folder,
                const char *except)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GRegex) pattern = g_regex_new ("^history\\.sqlite3\\.corrupt-[0-9]{8}-[0-9]{6}"
                                           "(-[0-9]+)?$", 0, 0, NULL);
  const char *name;
  char *found = NULL;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_regex_match (pattern, name, 0, NULL) && g_strcmp0 (name, except) != 0)
      {
        g_assert_null (found);
        found = g_strdup (name);
      }
  g_assert_nonnull (found);
  return found;
}

typedef struct
{
  const char *name;
  void      (*damage) (const char *path);
} Damage;

static const Damage damages[] = {
  { "garbage", damage_garbage },
  { "text", damage_text },
  { "header-only", damage_header },
  { "truncated", damage_truncate },
  { "with-wal", damage_with_wal },
};

/* The damaged file is kept under a new name, byte for byte, with its -wal;
 * a fresh store takes its place and says so. */
static void
test_corrupt (gconstpointer data)
{
  const Damage *damage = data;
  g_autofree char *path = gw_history_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *original = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *kept_wal = NULL;
  char *names[2] = { NULL, NULL };
  g_autofree char *original_wal = NULL;
  gsize len, kept_len, wal_len = 0;
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  damage->damage (path);
  g_file_get_contents (wal, &original_wal, &wal_len, NULL);
  g_assert_true (g_file_get_contents (path, &original, &len, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GwHistory) history = open_store ();
      const char *warning = gw_history_get_warning (history);

      g_test_message ("%s", warning);
      g_assert_nonnull (warning);
      g_assert_false (gw_history_is_read_only (history));
      names[i] = find_set_aside (folder, names[0]);
      g_assert_nonnull (strstr (warning, names[i]));

      /* A fresh store that works. */
      g_assert_cmpint (gw_test_count_probes (history), ==, 0);
      record_ok (history, T0);
      g_assert_cmpint (gw_test_count_probes (history), ==, PROBES);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
      g_clear_object (&history);

      /* Damaged again within the same second: kept under another name. */
      damage_garbage (path);
    }
  g_assert_cmpstr (names[0], !=, names[1]);

  /* The first damaged file, byte for byte, with its -wal if it had one. */
  kept_path = g_build_filename (folder, names[0], NULL);
  g_assert_true (g_file_get_contents (kept_path, &kept, &kept_len, NULL));
  g_assert_cmpmem (kept, kept_len, original, len);
  kept_wal = g_strconcat (kept_path, "-wal", NULL);
  if (original_wal != NULL)
    {
      g_autofree char *kept_wal_data = NULL;

      g_assert_true (g_file_get_contents (kept_wal, &kept_wal_data, &kept_len, NULL));
      g_assert_cmpmem (kept_wal_data, kept_len, original_wal, wal_len);
    }
  g_free (names[0]);
  g_free (names[1]);
}

/* Read-only */

/* A store with one round, then its folder made read-only: it opens, reads
 * and refuses to write until the folder is writable again. */
static void
test_read_only_folder (void)
{
  Folder folder = { NULL, };
  g_autoptr(GwHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = NULL;

  if (!folder_prepare (&folder, FALSE, "4m"))
    return;
  history = open_store ();
  record_ok (history, T0);
  g_clear_object (&history);

  folder_set_writable (&folder, FALSE);
  history = open_store ();
  g_test_message ("%s", gw_history_get_warning (history));
  g_assert_true (gw_history_is_read_only (history));
  g_assert_nonnull (gw_history_get_warning (history));

  /* Reading works. */
  g_assert_cmpint (gw_test_count_probes (history), ==, PROBES);
  g_assert_cmpuint (count_hours (history), ==, 1);
  out = g_memory_output_stream_new_resizable ();
  g_assert_true (gw_history_export (history, GW_EXPORT_CSV, out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), >,
                    100);

  /* Writing does not, every time. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (gw_test_record_at (history, T0 + 60, GW_STATE_OPERATIONAL, &error));
      g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY);
      g_clear_error (&error);
    }
  g_assert_false (gw_history_prune (history, T0, &error));
  g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Writable again: the next round is written, by itself. */
  folder_set_writable (&folder, TRUE);
  record_ok (history, T0 + 120);
  g_assert_false (gw_history_is_read_only (history));
  g_assert_null (gw_history_get_warning (history));
  g_assert_cmpint (gw_test_count_probes (history), ==, 2 * PROBES);

  g_clear_object (&history);
  folder_clear (&folder);
}

/* No file yet and a folder that can't be written: an empty store. */
static void
test_read_only_no_file (void)
{
  Folder folder = { NULL, };
  g_autofree char *path = gw_history_default_path ();
  g_autoptr(GwHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  if (!folder_prepare (&folder, FALSE, "4m"))
    return;
  folder_set_writable (&folder, FALSE);
  history = open_store ();
  g_assert_true (gw_history_is_read_only (history));
  g_assert_nonnull (gw_history_get_warning (history));
  g_assert_cmpint (gw_test_count_probes (history), ==, 0);
  g_assert_cmpuint (count_hours (history), ==, 0);
  g_assert_false (gw_test_record_at (history, T0, GW_STATE_OPERATIONAL, &error));
  g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  folder_set_writable (&folder, TRUE);
  record_ok (history, T0 + 60);
  g_assert_false (gw_history_is_read_only (history));
  g_assert_cmpint (gw_test_count_probes (history), ==, PROBES);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&history);
  folder_clear (&folder);
}

/* A file that can't be written in a folder that can. */
static void
test_read_only_file (void)
{
  g_autofree char *path = gw_history_default_path ();
  g_autoptr(GwHistory) history = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes files whatever their mode");
      return;
    }
  history = open_store ();
  record_ok (history, T0);
  g_clear_object (&history);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  history = open_store ();
  g_assert_true (gw_history_is_read_only (history));
  g_assert_cmpint (gw_test_count_probes (history), ==, PROBES);
  g_assert_false (gw_test_record_at (history, T0 + 60, GW_STATE_OPERATIONAL, &error));
  g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY);

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  record_ok (history, T0 + 120);
  g_assert_false (gw_history_is_read_only (history));
  g_assert_cmpint (gw_test_count_probes (history), ==, 2 * PROBES);
}

/* A schema from a newer build is read, never written nor downgraded. */
static void
test_newer_schema (void)
{
  g_autofree char *path = gw_history_default_path ();
  g_autofree char *set_version = NULL;
  g_autoptr(GwHistory) history = open_store ();
  g_autoptr(GPtrArray) incidents = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  record_ok (history, T0);
  g_clear_object (&history);
  db = gw_test_raw_open (path);
  set_version = g_strdup_printf ("PRAGMA user_version = %u", gw_history_schema_version () + 1);
  gw_test_raw_exec (db, set_version);
  sqlite3_close (db);

  history = open_store ();
  g_test_message ("%s", gw_history_get_warning (history));
  g_assert_true (gw_history_is_read_only (history));
  g_assert_nonnull (strstr (gw_history_get_warning (history), "newer"));
  g_assert_cmpint (gw_test_count_probes (history), ==, PROBES);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (gw_test_record_at (history, T0 + 60, GW_STATE_OPERATIONAL, &error));
      g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY);
      g_clear_error (&error);
    }
  g_assert_false (gw_history_import_incidents (history, incidents, &error));
  g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_READ_ONLY);
  g_assert_true (gw_history_is_read_only (history));
  g_clear_object (&history);

  db = gw_test_raw_open (path);
  g_assert_cmpint (gw_test_raw_int (db, "PRAGMA user_version"), ==,
                   gw_history_schema_version () + 1);
  g_assert_cmpint (gw_test_raw_int (db, "SELECT count(*) FROM probes"), ==, PROBES);
  sqlite3_close (db);
}

/* Full */

/* Rounds until the store is full: the failed one leaves no trace, and the
 * store keeps working. Returns the number of rounds written. */
static guint
fill (GwHistory *history,
      guint      max_rounds)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = gw_test_raw_open (gw_history_get_path (history));
  g_autofree char *failed_rows = NULL;
  gint64 probes = gw_test_count_probes (history);
  guint hours = count_hours (history);
  guint written = 0;
  gint64 verdicts;
  gint64 outages;

  for (; written < max_rounds; written++)
    {
      GwState state = written % 2 ? GW_STATE_OUTAGE : GW_STATE_OPERATIONAL;

      verdicts = gw_test_raw_int (db, "SELECT count(*) FROM verdicts");
      outages = gw_test_raw_int (db, "SELECT count(*) FROM outages");
      if (!gw_test_record_at (history, T0 + 3600 * written, state, &error))
        break;
    }
  g_test_message ("full after %u rounds: %s", written, error != NULL ? error->message : "no");
  g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_FULL);

  /* Nothing of the failed round. */
  g_assert_cmpint (gw_test_count_probes (history), ==, probes + PROBES * written);
  g_assert_cmpuint (count_hours (history), ==, hours + written);
  g_assert_cmpint (gw_test_raw_int (db, "SELECT count(*) FROM verdicts"), ==, verdicts);
  g_assert_cmpint (gw_test_raw_int (db, "SELECT count(*) FROM outages"), ==, outages);
  failed_rows = g_strdup_printf ("SELECT count(*) FROM probes WHERE t = %" G_GINT64_FORMAT,
                                 T0 + 3600 * written);
  g_assert_cmpint (gw_test_raw_int (db, failed_rows), ==, 0);
  sqlite3_close (db);

  /* Still full: the same answer, nothing broken. */
  g_clear_error (&error);
  g_assert_false (gw_test_record_at (history, T0 + 3600 * written, GW_STATE_OPERATIONAL, &error));
  g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_FULL);
  g_assert_false (gw_history_is_read_only (history));
  return written;
}

static void
test_full_page_count (void)
{
  g_autoptr(GwHistory) history = open_store ();
  sqlite3 *db = gw_test_raw_open (gw_history_get_path (history));
  gint64 pages = gw_test_raw_int (db, "PRAGMA page_count");
  guint written;

  sqlite3_close (db);
  gw_history_set_max_page_count (history, pages + 2);
  written = fill (history, 2000);
  g_assert_cmpuint (written, >, 0);

  /* Room again: the next round goes in. */
  gw_history_set_max_page_count (history, 1000000);
  record_ok (history, T0 + 3600 * written);
  g_assert_cmpint (gw_test_count_probes (history), ==, PROBES * (written + 1));
}

/* A real full file system: a tiny tmpfs, filled up. */
static void
test_full_tmpfs (void)
{
  Folder folder = { NULL, };
  g_autofree char *filler = NULL;
  g_autoptr(GwHistory) history = NULL;
  char chunk[4096] = { 0, };
  guint written;
  int fd;

  if (!folder_prepare (&folder, TRUE, "512k"))
    return;
  history = open_store ();
  record_ok (history, T0 - 3600);

  filler = g_build_filename (folder.path, "filler", NULL);
  fd = g_open (filler, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  while (write (fd, chunk, sizeof chunk) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);

  written = fill (history, 5000);

  /* Space again. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  record_ok (history, T0 + 3600 * written);
  g_assert_cmpint (gw_test_count_probes (history), ==, PROBES * (written + 2));

  g_clear_object (&history);
  folder_clear (&folder);
}

/* Another process */

/* Another connection holds the write lock: BUSY at once, nothing written,
 * and the next round goes in when the lock is gone. */
static void
test_busy (void)
{
  g_autoptr(GwHistory) history = open_store ();
  g_autoptr(GPtrArray) incidents = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = gw_test_raw_open (gw_history_get_path (history));
  gint64 start, elapsed;

  record_ok (history, T0);
  gw_test_raw_exec (db, "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('other', 1)");

  start = g_get_monotonic_time ();
  g_assert_false (gw_test_record_at (history, T0 + 60, GW_STATE_DEGRADED, &error));
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("busy after %" G_GINT64_FORMAT " µs: %s", elapsed, error->message);
  g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_BUSY);
  g_assert_cmpint (elapsed, <, 250 * 1000);
  g_clear_error (&error);

  g_assert_false (gw_history_prune (history, T0 + 3600, &error));
  g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (gw_history_import_incidents (history, incidents, &error));
  g_assert_error (error, GW_HISTORY_ERROR, GW_HISTORY_ERROR_BUSY);
  g_clear_error (&error);

  /* Reading is not blocked. */
  g_assert_cmpint (gw_test_count_probes (history), ==, PROBES);

  gw_test_raw_exec (db, "ROLLBACK");
  sqlite3_close (db);
  g_assert_cmpint (gw_test_count_probes (history), ==, PROBES);
  g_assert_false (gw_history_is_read_only (history));
  g_assert_true (gw_test_record_at (history, T0 + 60, GW_STATE_DEGRADED, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gw_test_count_probes (history), ==, 2 * PROBES);
}

/* Readers see committed rows while another connection writes (WAL). */
static void
test_concurrent_readers (void)
{
  g_autoptr(GwHistory) writer = open_store ();
  g_autoptr(GwHistory) reader = open_store ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = gw_test_raw_open (gw_history_get_path (writer));
  gint64 start;

  record_ok (writer, T0);
  record_ok (writer, T0 + 60);
  g_assert_cmpint (gw_test_count_probes (reader), ==, 2 * PROBES);

  gw_test_raw_exec (db, "BEGIN IMMEDIATE;"
                "INSERT INTO probes VALUES (1790003600, 0, 0, 200, 1, 2, 3, 4, 5);"
                "INSERT INTO hours VALUES (1790003600, 1, 0, 1, 4, zeroblob (48))");
  start = g_get_monotonic_time ();
  g_assert_cmpint (gw_test_count_probes (reader), ==, 2 * PROBES);
  g_assert_cmpuint (count_hours (reader), ==, 1);
  g_assert_true (gw_history_export (reader, GW_EXPORT_JSON, out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gw_test_count_probes (writer), ==, 2 * PROBES);
  g_test_message ("reads during a write: %" G_GINT64_FORMAT " µs",
                  g_get_monotonic_time () - start);

  gw_test_raw_exec (db, "COMMIT");
  sqlite3_close (db);
  g_assert_cmpint (gw_test_count_probes (reader), ==, 2 * PROBES + 1);
  g_assert_cmpuint (count_hours (reader), ==, 2);

  record_ok (writer, T0 + 120);
  g_assert_cmpint (gw_test_count_probes (reader), ==, 3 * PROBES + 1);
}

int
main (int   argc,
      char *argv[])
{
  /* Before GLib starts threads: mounts made here vanish with the process. */
  have_mounts = geteuid () == 0 && unshare (CLONE_NEWNS) == 0 &&
                mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *name = g_strdup_printf ("/history/faults/corrupt/%s", damages[i].name);

      g_test_add_data_func (name, &damages[i], test_corrupt);
    }
  g_test_add_func ("/history/faults/read-only/folder", test_read_only_folder);
  g_test_add_func ("/history/faults/read-only/no-file", test_read_only_no_file);
  g_test_add_func ("/history/faults/read-only/file", test_read_only_file);
  g_test_add_func ("/history/faults/read-only/newer-schema", test_newer_schema);
  g_test_add_func ("/history/faults/full/page-count", test_full_page_count);
  g_test_add_func ("/history/faults/full/tmpfs", test_full_tmpfs);
  g_test_add_func ("/history/faults/busy", test_busy);
  g_test_add_func ("/history/faults/concurrent-readers", test_concurrent_readers);

  return g_test_run ();
}
