/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-application"

#include "config.h"

#include "gw-application-private.h"
#include "gw-fix-dialog.h"

#include <glib/gi18n-lib.h>

static void
check_now_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GwApplication *self = user_data;
  gint64 available_at = 0;

  /* Refused within a minute of the last check: the menu says until when. */
  if (!gw_monitor_check_now (self->monitor, &available_at))
    g_debug ("Check now refused; available at %" G_GINT64_FORMAT, available_at);
}

/* One window, raised when it is open already. */
static void
present_page (GwApplication *self,
              const char    *page)
{
  if (self->window == NULL)
    {
      self->window = gw_fix_dialog_new (GTK_APPLICATION (self), self->monitor, self->history);
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
    }
  gw_fix_dialog_show_page (GW_FIX_DIALOG (self->window), page);
  gtk_window_present (GTK_WINDOW (self->window));
}

static void
fix_cb (GSimpleAction *action,
        GVariant      *parameter,
        gpointer       user_data)
{
  present_page (user_data, "fix");
}

static void
peak_hours_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  present_page (user_data, "peak-hours");
}

static void
open_uri (const char *uri)
{
  if (uri != NULL && *uri != '\0')
    g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
open_status_page_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GwApplication *self = user_data;
  g_autoptr(GUri) summary = g_uri_parse (self->config->urls[GW_TARGET_STATUS], G_URI_FLAGS_NONE,
                                         NULL);
  g_autofree char *page = NULL;

  /* The page people read sits at the root of the summary's host. */
  if (summary != NULL)
    page = g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (summary), NULL,
                       g_uri_get_host (summary), g_uri_get_port (summary), "/", NULL, NULL);
  open_uri (page ? page : "https://status.openai.com/");
}

static void
open_chatgpt_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GwApplication *self = user_data;
  const char *web = self->config->urls[GW_TARGET_WEB];

  open_uri (web != NULL && *web != '\0' ? web : "https://chatgpt.com/");
}

static void
notify_when_back_cb (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  GwApplication *self = user_data;

  gw_monitor_set_notify_when_back (self->monitor, g_variant_get_boolean (value));
  g_simple_action_set_state (action,
                             g_variant_new_boolean (gw_monitor_get_notify_when_back (self->monitor)));
}

static void
pause_cb (GSimpleAction *action,
          GVariant      *value,
          gpointer       user_data)
{
  GwApplication *self = user_data;

  gw_monitor_set_paused (self->monitor, g_variant_get_boolean (value));
  g_simple_action_set_state (action, value);
}

static void
autostart_cb (GSimpleAction *action,
              GVariant      *value,
              gpointer       user_data)
{
  GwApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean enabled = g_variant_get_boolean (value);

  if (!gw_autostart_set (enabled, &error))
    {
      g_warning ("Start at login not changed: %s", error->message);
      return;
    }
  g_settings_set_boolean (self->settings, "autostart", enabled);
  g_simple_action_set_state (action, value);
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The notify-when-back state follows the monitor: it ends with the problem. */
static void
monitor_updated_cb (GwMonitor     *monitor,
                    GwApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "notify-when-back");
  gboolean notify = gw_monitor_get_notify_when_back (monitor);
  g_autoptr(GVariant) state = g_action_get_state (action);

  if (g_variant_get_boolean (state) != notify)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (notify));
}

void
gw_application_add_actions (GwApplication *self)
{
  const GActionEntry entries[] = {
    { "check-now", check_now_cb, NULL, NULL, NULL },
    { "fix", fix_cb, NULL, NULL, NULL },
    { "peak-hours", peak_hours_cb, NULL, NULL, NULL },
    { "open-status-page", open_status_page_cb, NULL, NULL, NULL },
    { "open-chatgpt", open_chatgpt_cb, NULL, NULL, NULL },
    { "notify-when-back", NULL, NULL, "false", notify_when_back_cb },
    { "pause", NULL, NULL, "false", pause_cb },
    { "autostart", NULL, NULL, "false", autostart_cb },
    { "quit", quit_cb, NULL, NULL, NULL },
  };
  GAction *autostart;

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  autostart = g_action_map_lookup_action (G_ACTION_MAP (self), "autostart");
  g_simple_action_set_state (G_SIMPLE_ACTION (autostart),
                             g_variant_new_boolean (g_settings_get_boolean (self->settings,
                                                                            "autostart")));
  g_signal_connect_object (self->monitor, "updated", G_CALLBACK (monitor_updated_cb), self, 0);
}
