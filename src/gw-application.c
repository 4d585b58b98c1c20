/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-application"

#include "config.h"

#include "gw-application-private.h"
#include "gw-cli.h"
#include "gw-resources.h"

#include <glib/gi18n-lib.h>

G_DEFINE_FINAL_TYPE (GwApplication, gw_application, GTK_TYPE_APPLICATION)

/* --check-now and --fix reach the running instance through its actions; the
 * first instance runs them itself once it has started. */
static int
forward_action (GwApplication *self,
                GVariantDict  *options)
{
  const char *action = g_variant_dict_contains (options, "fix") ? "fix" :
                       g_variant_dict_contains (options, "check-now") ? "check-now" : NULL;
  g_autoptr(GError) error = NULL;

  if (action == NULL)
    return -1;
  /* Registering runs startup () when this is the first instance: it takes
   * the action from here. */
  self->pending_action = action;
  if (!g_application_register (G_APPLICATION (self), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return GW_EXIT_USAGE;
    }
  if (g_application_get_is_remote (G_APPLICATION (self)))
    {
      self->pending_action = NULL;
      g_action_group_activate_action (G_ACTION_GROUP (self), action, NULL);
      return 0;
    }
  return -1;
}

static int
gw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GwApplication *self = GW_APPLICATION (app);
  int status;

  self->options_parsed = TRUE;
  status = gw_cli_handle_options (options, &self->config, &self->settings);
  return status >= 0 ? status : forward_action (self, options);
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

static GwHistory *
open_history (void)
{
  g_autofree char *path = gw_history_default_path ();
  g_autoptr(GError) error = NULL;
  GwHistory *history = gw_history_open (path, &error);

  /* Monitoring goes on without a history; the reason is logged. */
  if (history == NULL)
    g_warning ("No history: %s", error->message);
  else if (gw_history_get_warning (history) != NULL)
    g_warning ("%s", gw_history_get_warning (history));
  return history;
}

static void
has_host_cb (GwTray         *tray,
             GParamSpec     *pspec,
             GwApplication  *self)
{
  if (!gw_tray_has_host (tray))
    gw_notifier_explain_no_host (self->notifier);
}

/* An uninstalled run (tools/run, the tests) finds the state icons in the
 * source tree; the panel is told the same in gw-tray.c. */
static void
add_icon_path (void)
{
  const char *path = g_getenv ("GATEWATCH_ICON_THEME_PATH");

  if (path != NULL && *path != '\0')
    gtk_icon_theme_append_search_path (gtk_icon_theme_get_default (), path);
}

static void
gw_application_startup (GApplication *app)
{
  GwApplication *self = GW_APPLICATION (app);

  G_APPLICATION_CLASS (gw_application_parent_class)->startup (app);
  gw_register_resource ();
  add_icon_path ();

  /* An applet: it lives without windows until Quit. */
  g_application_hold (app);
  self->history = open_history ();
  self->monitor = gw_monitor_new (self->config, self->history);
  self->notifier = gw_notifier_new (app, self->monitor, self->settings);
  gw_application_add_actions (self);
  self->tray = gw_tray_new (GTK_APPLICATION (app), self->monitor, self->settings);
  g_signal_connect_object (self->tray, "notify::has-host", G_CALLBACK (has_host_cb), self, 0);
  if (gw_autostart_in_flatpak ())
    gw_autostart_set (g_settings_get_boolean (self->settings, "autostart"), NULL);
  gw_monitor_start (self->monitor);

  if (self->pending_action != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), self->pending_action, NULL);
}

/* `gatewatch` again while it runs (or the app grid): show the window. The
 * first start only puts the icon in the panel. */
static void
gw_application_activate (GApplication *app)
{
  GwApplication *self = GW_APPLICATION (app);

  if (self->activated)
    g_action_group_activate_action (G_ACTION_GROUP (app), "fix", NULL);
  self->activated = TRUE;
}

static void
gw_application_shutdown (GApplication *app)
{
  GwApplication *self = GW_APPLICATION (app);

  g_clear_object (&self->tray);
  g_clear_object (&self->notifier);
  g_clear_object (&self->monitor);
  g_clear_object (&self->history);
  G_APPLICATION_CLASS (gw_application_parent_class)->shutdown (app);
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
  app_class->startup = gw_application_startup;
  app_class->activate = gw_application_activate;
  app_class->shutdown = gw_application_shutdown;
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
