/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-cli"

#include "config.h"

#include "gw-cli.h"
#include "gw-prober.h"
#include "gw-report.h"
#include "gw-verdict.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

static const GOptionEntry cli_options[] = {
  { "once", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run one probe round, print the verdict and exit (0 operational, 1 degraded, "
       "2 outage, 3 local problem or unknown)"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the verdict as JSON"), NULL },
  { "web-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Probe this ChatGPT address ('' disables it)"),
    N_("URL") },
  { "api-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Probe this API address ('' disables it)"),
    N_("URL") },
  { "status-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Read this status page summary ('' disables it)"), N_("URL") },
  { "control-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Check connectivity with this address ('' disables it)"), N_("URL") },
  { "cacert", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Also trust the CAs in this file"), N_("FILE") },
  { "timeout", 0, 0, G_OPTION_ARG_INT, NULL, N_("Time limit of each request"), N_("SECONDS") },
  { "interval", 0, 0, G_OPTION_ARG_INT, NULL, N_("Time between probe rounds"), N_("SECONDS") },
  { NULL }
};

typedef struct
{
  GMainLoop *loop;
  GwRound   *round;
  GError    *error;
} OnceData;

static void
round_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  OnceData *data = user_data;

  data->round = gw_prober_run_finish (GW_PROBER (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

int
gw_cli_once (const GwConfig *config,
             gboolean        json)
{
  g_autoptr(GwProber) prober = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GwRound) round = NULL;
  g_autoptr(GwVerdict) verdict = NULL;
  g_autofree char *output = NULL;
  OnceData data = { loop, NULL, NULL };
  GwProbeConfig probe_config = { .timeout_ms = config->timeout_s * 1000 };
  GwClassifyOptions options = {
    .slow_first_byte_us = (gint64) config->slow_threshold_ms * 1000,
  };

  for (guint i = 0; i < GW_N_TARGETS; i++)
    probe_config.urls[i] = config->urls[i];

  prober = gw_prober_new (config->ca_file);
  gw_prober_run_async (prober, &probe_config, NULL, round_done_cb, &data);
  g_main_loop_run (loop);

  round = data.round;
  if (round == NULL)
    {
      g_printerr (_("The check failed: %s\n"), data.error->message);
      g_error_free (data.error);
      return gw_state_exit_code (GW_STATE_UNKNOWN);
    }

  verdict = gw_verdict_classify (round, &options);
  /* JSON is always UTF-8; text follows the locale's character set. */
  if (json)
    {
      output = gw_report_to_json (round, verdict);
      fputs (output, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      output = gw_report_to_text (round, verdict);
      g_print ("%s", output);
    }
  return gw_state_exit_code (verdict->state);
}

void
gw_cli_add_options (GApplication *app)
{
  g_return_if_fail (G_IS_APPLICATION (app));

  g_application_add_main_option_entries (app, cli_options);
  g_application_set_option_context_summary (app,
                                            _("Tells whether ChatGPT works and, when it does "
                                              "not, whether the problem is on your side."));
}

int
gw_cli_handle_options (GVariantDict  *options,
                       GwConfig     **config,
                       GSettings    **settings)
{
  g_autoptr(GSettings) opened = NULL;
  g_autoptr(GwConfig) merged = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (options != NULL, GW_EXIT_USAGE);
  g_return_val_if_fail (config != NULL && *config == NULL, GW_EXIT_USAGE);
  g_return_val_if_fail (settings != NULL && *settings == NULL, GW_EXIT_USAGE);

  opened = gw_config_open_settings (&error);
  if (opened == NULL)
    {
      g_printerr ("%s\n", error->message);
      return GW_EXIT_USAGE;
    }
  merged = gw_config_new_from_settings (opened);
  if (!gw_config_apply_options (merged, opened, options, &error))
    {
      g_printerr ("%s\n", error->message);
      return GW_EXIT_USAGE;
    }

  if (g_variant_dict_contains (options, "once"))
    return gw_cli_once (merged, g_variant_dict_contains (options, "json"));

  *config = g_steal_pointer (&merged);
  *settings = g_steal_pointer (&opened);
  return -1;
}
