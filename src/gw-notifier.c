/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-notifier"

#include "config.h"

#include "gw-notifier.h"
#include "gw-format.h"

#include <glib/gi18n-lib.h>

struct _GwNotifier
{
  GObject       parent_instance;

  GApplication *app;        /* unowned: the application owns us */
  GwMonitor    *monitor;
  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (GwNotifier, gw_notifier, G_TYPE_OBJECT)

/* Stable ids, one per kind, indexed by GwNotifyKind. */
static const char * const notification_ids[GW_N_NOTIFY_KINDS] = {
  [GW_NOTIFY_OUTAGE] = "outage",
  [GW_NOTIFY_LOCAL_PROBLEM] = "local-problem",
  [GW_NOTIFY_DEGRADED] = "degraded",
  [GW_NOTIFY_BACK] = "back",
};

static GNotification *
build (GwNotifier   *self,
       GwNotifyKind  kind,
       gint64        down_for_s)
{
  const GwVerdict *verdict = gw_monitor_get_verdict (self->monitor);
  g_autoptr(GNotification) n = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *body = NULL;

  switch (kind)
    {
    case GW_NOTIFY_OUTAGE:
      n = g_notification_new (_("ChatGPT is down — it's not you"));
      break;
    case GW_NOTIFY_LOCAL_PROBLEM:
      n = g_notification_new (_("ChatGPT can't be reached from this computer"));
      break;
    case GW_NOTIFY_DEGRADED:
      n = g_notification_new (_("ChatGPT is having trouble"));
      break;
    case GW_NOTIFY_BACK:
      n = g_notification_new (_("ChatGPT is back"));
      duration = down_for_s > 0 ? gw_format_duration (down_for_s) : NULL;
      /* Translators: %s is a duration, "23 minutes" */
      body = duration ? g_strdup_printf (_("It was down for %s."), duration) : NULL;
      break;
    case GW_NOTIFY_NONE:
    default:
      g_return_val_if_reached (NULL);
    }

  g_notification_set_body (n, body ? body : verdict->summary);
  g_notification_set_priority (n, kind == GW_NOTIFY_BACK ? G_NOTIFICATION_PRIORITY_NORMAL
                                                         : G_NOTIFICATION_PRIORITY_HIGH);
  if (kind != GW_NOTIFY_BACK)
    g_notification_add_button (n, _("What can I do?"), "app.fix");
  g_notification_set_default_action (n, "app.fix");
  return g_steal_pointer (&n);
}

static void
transition_cb (GwMonitor    *monitor,
               GwNotifyKind  kind,
               gint64        down_for_s,
               GwNotifier   *self)
{
  g_autoptr(GNotification) n = NULL;

  if (kind <= GW_NOTIFY_NONE || kind >= GW_N_NOTIFY_KINDS)
    return;
  /* Stale news goes: "back" replaces the problem, a problem replaces "back". */
  for (guint i = GW_NOTIFY_NONE + 1; i < GW_N_NOTIFY_KINDS; i++)
    if (i != kind && (kind == GW_NOTIFY_BACK || i == GW_NOTIFY_BACK))
      g_application_withdraw_notification (self->app, notification_ids[i]);

  if (!g_settings_get_boolean (self->settings, "notifications"))
    return;
  n = build (self, kind, down_for_s);
  g_application_send_notification (self->app, notification_ids[kind], n);
}

void
gw_notifier_explain_no_host (GwNotifier *self)
{
  g_autoptr(GNotification) n = NULL;

  g_return_if_fail (GW_IS_NOTIFIER (self));

  if (g_settings_get_boolean (self->settings, "host-notice-shown"))
    return;
  g_settings_set_boolean (self->settings, "host-notice-shown", TRUE);
  n = g_notification_new (_("Gatewatch keeps checking ChatGPT"));
  g_notification_set_body (n, _("This panel shows no tray icons. On GNOME, the AppIndicator "
                                "extension shows them; without it, open Gatewatch from the "
                                "app grid. Notifications still arrive."));
  g_notification_set_default_action (n, "app.fix");
  g_application_send_notification (self->app, "no-tray-host", n);
}

static void
gw_notifier_dispose (GObject *object)
{
  GwNotifier *self = GW_NOTIFIER (object);

  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gw_notifier_parent_class)->dispose (object);
}

static void
gw_notifier_class_init (GwNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gw_notifier_dispose;
}

static void
gw_notifier_init (GwNotifier *self)
{
}

GwNotifier *
gw_notifier_new (GApplication *app,
                 GwMonitor    *monitor,
                 GSettings    *settings)
{
  GwNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (GW_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GW_TYPE_NOTIFIER, NULL);
  self->app = app;
  self->monitor = g_object_ref (monitor);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (monitor, "transition", G_CALLBACK (transition_cb), self, 0);
  return self;
}
