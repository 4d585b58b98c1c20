/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-application"

#include "config.h"

#include "gw-application.h"
#include "gw-cli.h"
#include "gw-config.h"

#include <glib/gi18n-lib.h>

struct _GwApplication
{
  GtkApplication  parent_instance;

  gboolean        options_parsed;
  GSettings      *settings;
  GwConfig       *config;
};

G_DEFINE_FINAL_TYPE (GwApplication, gw_application, GTK_TYPE_APPLICATION)

static int
gw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GwApplication *self = GW_APPLICATION (app);

  self->options_parsed = TRUE;
  return gw_cli_handle_options (options, &self->config, &self->settings);
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
    *exit_status = GW_EXIT_USAGE;
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
  gw_cli_add_options (G_APPLICATION (self));
}

GwApplication *
gw_application_new (void)
{
  return g_object_new (GW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_FLAGS_NONE,
                       NULL);
}
