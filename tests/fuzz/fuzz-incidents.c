/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-fuzz"

#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "fuzz-status-checks.h"
#include "gw-history.h"
#include "gw-peak.h"
#include "gw-status-page.h"

/* The incident history import, end to end on a real SQLite store: whatever
 * incidents.json holds is parsed, imported twice (the second import must
 * change nothing), read back and described as the outages view shows it. */

/* The store starts afresh past this many rows, so reading it back stays quick. */
#define MAX_ROWS 50
/* Outages are described as of this time (unix seconds). */
#define NOW ((gint64) 1790000000)

static char *store_dir;
static GwHistory *history;

static void
store_remove (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&history);
  for (guint i = 0; store_dir != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("history.sqlite3", suffixes[i], NULL);
      g_autofree char *path = g_build_filename (store_dir, name, NULL);

      g_unlink (path);
    }
}

static void
store_cleanup (void)
{
  store_remove ();
  if (store_dir != NULL)
    g_rmdir (store_dir);
  g_clear_pointer (&store_dir, g_free);
}

static GwHistory *
store_get (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (history != NULL)
    return history;

  if (store_dir == NULL)
    {
      store_dir = g_dir_make_tmp ("gw-fuzz-incidents-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (store_cleanup);
    }
  path = g_build_filename (store_dir, "history.sqlite3", NULL);
  history = gw_history_open (path, &error);
  g_assert_no_error (error);
  return history;
}

static GPtrArray *
read_outages (GwHistory *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *outages = gw_history_outages (store, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outages);
  return outages;
}

static void
check_outages (GPtrArray *outages)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (guint i = 0; i < outages->len; i++)
    {
      const GwOutage *outage = g_ptr_array_index (outages, i);
      g_autofree char *line = NULL;

      g_assert_cmpint (outage->source, ==, GW_OUTAGE_SOURCE_STATUS_PAGE);
      g_assert_cmpint (outage->cause, ==, GW_CAUSE_STATUS_PAGE);
      g_assert_true (outage->worst == GW_STATE_DEGRADED || outage->worst == GW_STATE_OUTAGE);
      g_assert_cmpint (outage->start, !=, 0);
      if (outage->end != 0)
        g_assert_cmpint (outage->end, >=, outage->start);
      gw_fuzz_assert_optional_text (outage->incident_id);
      gw_fuzz_assert_text (outage->incident_name, TRUE);
      /* Newest first. */
      if (i > 0)
        g_assert_cmpint (outage->start, <=,
                         ((const GwOutage *) g_ptr_array_index (outages, i - 1))->start);

      line = gw_outage_describe (outage, NULL, NOW, utc);
      gw_fuzz_assert_text (line, TRUE);
    }
}

static void
import (GwHistory *store,
        GPtrArray *incidents)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_history_import_incidents (store, incidents, &error));
  g_assert_no_error (error);
}

static void
check_import (GPtrArray *incidents)
{
  GwHistory *store = store_get ();
  g_autoptr(GPtrArray) before = read_outages (store);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) again = NULL;
  guint placed = 0;

  for (guint i = 0; i < incidents->len; i++)
    {
      const GwIncident *incident = g_ptr_array_index (incidents, i);

      placed += incident->chatgpt && incident->started_at != 0;
    }

  import (store, incidents);
  after = read_outages (store);
  g_assert_cmpuint (after->len, >=, before->len);
  g_assert_cmpuint (after->len - before->len, <=, placed);
  check_outages (after);

  /* Known incidents are updated, never duplicated. */
  import (store, incidents);
  again = read_outages (store);
  g_assert_cmpuint (again->len, ==, after->len);
  g_assert_cmpint (gw_history_get_incidents_imported_at (store), >, 0);

  if (again->len > MAX_ROWS)
    store_remove ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = NULL;

  gw_fuzz_init ();

  incidents = gw_status_page_parse_incidents ((const char *) data, size, &error);
  if (incidents == NULL)
    {
      g_assert_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID);
      gw_fuzz_assert_text (error->message, TRUE);
      return 0;
    }

  g_assert_no_error (error);
  for (guint i = 0; i < incidents->len; i++)
    gw_fuzz_check_incident (g_ptr_array_index (incidents, i));
  check_import (incidents);
  return 0;
}
