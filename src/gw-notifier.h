/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-monitor.h"

G_BEGIN_DECLS

/* Desktop notifications (GNotification: the portal inside Flatpak) on the
 * monitor's confirmed transitions, one stable id per kind, withdrawn when
 * stale, with a "What can I do?" button (app.fix). */

#define GW_TYPE_NOTIFIER (gw_notifier_get_type ())
G_DECLARE_FINAL_TYPE (GwNotifier, gw_notifier, GW, NOTIFIER, GObject)

GwNotifier *gw_notifier_new             (GApplication *app,
                                         GwMonitor    *monitor,
                                         GSettings    *settings);
/* Once per user: the panel shows no tray icons (stock GNOME). */
void        gw_notifier_explain_no_host (GwNotifier   *self);

G_END_DECLS
