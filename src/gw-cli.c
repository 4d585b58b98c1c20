/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-cli"

#include "config.h"

#include "gw-cli.h"
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
  { "timeout", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Time limit of each request"), N_("SECONDS") },
  { "interval", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Time between probe rounds"), N_("SECONDS") },
  { "history", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the peak hours and the recent outages from the history"), NULL },
  { "export", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print every stored probe as csv or json"), N_("FORMAT") },
  { "check-now", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Ask the running applet to check now"), NULL },
  { "fix", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the “What can I do?” window"), NULL },
  { NULL }
};

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
  const char *format;

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
  if (g_variant_dict_contains (options, "history"))
    return gw_cli_history (merged, g_variant_dict_contains (options, "json"));
  if (g_variant_dict_lookup (options, "export", "&s", &format))
    return gw_cli_export (format);

  *config = g_steal_pointer (&merged);
  *settings = g_steal_pointer (&opened);
  return -1;
}
