/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-cli"

#include "config.h"

#include "gw-cli.h"
#include "gw-history.h"
#include "gw-incidents.h"
#include "gw-peak-report.h"

#include <stdio.h>
#include <unistd.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>

#define RECENT_OUTAGES 10

GwHistory *
gw_cli_open_history (const char *path)
{
  g_autoptr(GError) error = NULL;
  GwHistory *history = gw_history_open (path, &error);

  if (history == NULL)
    {
      g_printerr (_("The history at %s cannot be opened: %s\n"), path, error->message);
      return NULL;
    }
  if (gw_history_get_warning (history) != NULL)
    g_printerr ("%s\n", gw_history_get_warning (history));
  return history;
}

typedef struct
{
  GMainLoop *loop;
  GwHistory *history;
} ImportData;

static void
incidents_fetched_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ImportData *data = user_data;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;

  incidents = gw_incidents_fetch_finish (GW_HTTP (source), result, &error);
  if (incidents == NULL || !gw_history_import_incidents (data->history, incidents, &error))
    g_printerr (_("The official incident history was not updated: %s\n"), error->message);
  g_main_loop_quit (data->loop);
}

/* The official incidents, so the view has content from day one: at most
 * once a day, and only when a status page is configured. */
static void
import_incidents_if_due (const GwConfig *config,
                         GwHistory      *history)
{
  const char *status_url = config->urls[GW_TARGET_STATUS];
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GwHttp) http = NULL;
  ImportData data;

  if (status_url == NULL || *status_url == '\0' || gw_history_is_read_only (history) ||
      !gw_incidents_due (gw_history_get_incidents_imported_at (history),
                         g_get_real_time () / G_USEC_PER_SEC))
    return;

  loop = g_main_loop_new (NULL, FALSE);
  http = gw_http_new (config->ca_file);
  data = (ImportData) { loop, history };
  gw_incidents_fetch_async (http, status_url, config->timeout_s * 1000, NULL,
                            incidents_fetched_cb, &data);
  g_main_loop_run (loop);
}

int
gw_cli_history (const GwConfig *config,
                gboolean        json)
{
  g_autofree char *path = gw_history_default_path ();
  g_autoptr(GwHistory) history = gw_cli_open_history (path);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GPtrArray) outages = NULL;
  g_autoptr(GwWeekGrid) grid = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  GwPeakWindows windows;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (history == NULL)
    return GW_EXIT_USAGE;
  import_incidents_if_due (config, history);

  stats = gw_history_hour_stats (history, 0, G_MAXINT64, &error);
  outages = stats ? gw_history_outages (history, RECENT_OUTAGES, &error) : NULL;
  if (outages == NULL)
    {
      g_printerr (_("The history at %s cannot be read: %s\n"), path, error->message);
      return GW_EXIT_USAGE;
    }

  grid = gw_week_grid_build ((const GwHourStats *) stats->data, stats->len, tz,
                             gw_locale_first_weekday (), GW_DEFAULT_MIN_SAMPLES);
  gw_peak_windows_find (grid, &windows);
  if (json)
    {
      output = gw_peak_report_to_json (grid, &windows, outages, now, tz, FALSE);
      fputs (output, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      output = gw_peak_report_to_text (grid, &windows, outages, now, tz, FALSE);
      g_print ("%s", output);
    }
  return 0;
}

int
gw_cli_export (const char *format)
{
  g_autofree char *path = gw_history_default_path ();
  g_autoptr(GwHistory) history = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GwExportFormat export_format;

  if (g_strcmp0 (format, "csv") == 0)
    export_format = GW_EXPORT_CSV;
  else if (g_strcmp0 (format, "json") == 0)
    export_format = GW_EXPORT_JSON;
  else
    {
      g_printerr (_("--export takes csv or json, not “%s”\n"), format);
      return GW_EXIT_USAGE;
    }

  history = gw_cli_open_history (path);
  if (history == NULL)
    return GW_EXIT_USAGE;
  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!gw_history_export (history, export_format, out, &error))
    {
      g_printerr (_("The export stopped: %s\n"), error->message);
      return GW_EXIT_USAGE;
    }
  return 0;
}
