/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-monitor.h"

G_BEGIN_DECLS

/* The panel icon (libayatana-appindicator, StatusNotifierItem) and its menu.
 * Its items activate the application's actions: app.check-now, app.fix,
 * app.peak-hours, app.open-status-page, app.open-chatgpt,
 * app.notify-when-back, app.pause, app.autostart, app.quit. */

#define GW_TYPE_TRAY (gw_tray_get_type ())
G_DECLARE_FINAL_TYPE (GwTray, gw_tray, GW, TRAY, GObject)

GwTray   *gw_tray_new            (GtkApplication *app,
                                  GwMonitor      *monitor,
                                  GSettings      *settings);
/* Whether a StatusNotifierItem host shows the icon (a watcher is running). */
gboolean  gw_tray_has_host       (GwTray         *self);

G_END_DECLS
