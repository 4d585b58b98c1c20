/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-step-actions"

#include "config.h"

#include "gw-step-actions.h"

#include <gio/gdesktopappinfo.h>
#include <glib/gi18n-lib.h>

static GAppLaunchContext *
launch_context (GtkWindow *window)
{
  GdkAppLaunchContext *context =
    gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (window)));

  gdk_app_launch_context_set_timestamp (context, gtk_get_current_event_time ());
  return G_APP_LAUNCH_CONTEXT (context);
}

static gboolean
launch_browser (const GwAction  *action,
                GtkWindow       *window,
                GError         **error)
{
  g_autoptr(GDesktopAppInfo) info = g_desktop_app_info_new (action->app_id);
  g_autoptr(GAppLaunchContext) context = NULL;
  GList uris = { .data = action->uri };

  if (info == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The browser “%s” is no longer installed."), action->app_id);
      return FALSE;
    }
  context = launch_context (window);
  return g_app_info_launch_uris (G_APP_INFO (info), &uris, context, error);
}

/* The argv as it stands: a program, its private-window flag, the URL. */
static gboolean
launch_private (const GwAction  *action,
                GtkWindow       *window,
                GError         **error)
{
  g_autoptr(GAppLaunchContext) context = launch_context (window);
  g_auto(GStrv) envp = g_app_launch_context_get_environment (context);

  return g_spawn_async (NULL, action->argv, envp,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                        G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, error);
}

static void
copy_text (const GwAction *action,
           GtkWindow      *window)
{
  GtkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window),
                                                      GDK_SELECTION_CLIPBOARD);

  gtk_clipboard_set_text (clipboard, action->text != NULL ? action->text : "", -1);
  gtk_clipboard_store (clipboard);
}

gboolean
gw_step_action_run (const GwAction  *action,
                    GtkWindow       *window,
                    char           **feedback,
                    GError         **error)
{
  GtkApplication *app;
  const char *done = NULL;

  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  switch (action->kind)
    {
    case GW_ACTION_OPEN_URI:
    case GW_ACTION_OPEN_PORTAL:
      if (!gtk_show_uri_on_window (window, action->uri, gtk_get_current_event_time (), error))
        return FALSE;
      break;
    case GW_ACTION_LAUNCH_BROWSER:
      if (!launch_browser (action, window, error))
        return FALSE;
      break;
    case GW_ACTION_LAUNCH_PRIVATE:
      if (!launch_private (action, window, error))
        return FALSE;
      break;
    case GW_ACTION_COPY_TEXT:
      copy_text (action, window);
      done = _("Copied to the clipboard.");
      break;
    case GW_ACTION_CHECK_NOW:
      app = gtk_window_get_application (window);
      if (app != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (app), "check-now", NULL);
      done = _("Checking now…");
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  if (feedback != NULL)
    *feedback = g_strdup (done);
  return TRUE;
}
