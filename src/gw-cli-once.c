/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-cli"

#include "config.h"

#include "gw-cli.h"
#include "gw-history.h"
#include "gw-prober.h"
#include "gw-report.h"
#include "gw-verdict.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

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

/* Scripts and cron runs feed the same history as the applet. A history that
 * can't be written is said on stderr and never changes the verdict. */
static void
record_round (const GwConfig  *config,
              const GwRound   *round,
              const GwVerdict *verdict)
{
  g_autofree char *path = gw_history_default_path ();
  g_autoptr(GwHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = round->started_at / G_USEC_PER_SEC;

  history = gw_cli_open_history (path);
  if (history == NULL)
    return;
  if (!gw_history_record_round (history, round, verdict, &error) ||
      !gw_history_prune (history, now - (gint64) config->history_days * 24 * 3600, &error))
    g_printerr (_("This check was not saved in the history: %s\n"), error->message);
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
  fflush (stdout);
  record_round (config, round, verdict);
  return gw_state_exit_code (verdict->state);
}
