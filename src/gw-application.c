/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-application"

#include "config.h"

#include "gw-application.h"
#include "gw-cli.h"
#include "gw-config.h"

#include <glib/gi18n-lib.h>

/* Usage errors get their own exit status: 1–3 are health states. */
#define EXIT_USAGE 64

struct _GwApplication
{
  GtkApplication  parent_instance;

  gboolean        options_parsed;
  GSettings      *settings;
  GwConfig       *config;
};

G_DEFINE_FINAL_TYPE (GwApplication, gw_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
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

static int
gw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GwApplication *self = GW_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  self->options_parsed = TRUE;

  self->settings = gw_config_open_settings (&error);
  if (self->settings == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }
  self->config = gw_config_new_from_settings (self->settings);
  if (!gw_config_apply_options (self->config, self->settings, options, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }

  if (g_variant_dict_contains (options, "once"))
    return gw_cli_once (self->config, g_variant_dict_contains (options, "json"));

  return -1;
}

static gboolean
gw_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  GwApplication *self = GW_APPLICATION (app);
  gboolean handled;

  handled = G_APPLICATION_CLASS (gw_application_parent_class)->local_command_line (app, arguments,
                                                                                   exit_status);
  /* GApplication answers a parse error with 1, which means "degraded" here. */
  if (handled && !self->options_parsed && *exit_status != 0)
    *exit_status = EXIT_USAGE;
  return handled;
}

static void
gw_application_activate (GApplication *app)
{
  g_message ("The tray applet is not part of this build yet; use --once.");
}

static void
gw_application_finalize (GObject *object)
{
  GwApplication *self = GW_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->config, gw_config_free);
  G_OBJECT_CLASS (gw_application_parent_class)->finalize (object);
}

static void
gw_application_class_init (GwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gw_application_finalize;
  app_class->handle_local_options = gw_application_handle_local_options;
  app_class->local_command_line = gw_application_local_command_line;
  app_class->activate = gw_application_activate;
}

static void
gw_application_init (GwApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Tells whether ChatGPT works and, when it does "
                                              "not, whether the problem is on your side."));
}

GwApplication *
gw_application_new (void)
{
  return g_object_new (GW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_FLAGS_NONE,
                       NULL);
}
