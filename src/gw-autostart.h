/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "Start at login": outside Flatpak, a copy of the installed autostart
 * variant of the desktop file in $XDG_CONFIG_HOME/autostart;
 * inside (/.flatpak-info exists), the Background portal's RequestBackground,
 * which also tells the portal that running without a window is wanted. */

gboolean  gw_autostart_in_flatpak   (void);
/* The autostart entry's path outside Flatpak. */
char     *gw_autostart_entry_path   (void);
/* Writes or removes the entry, or asks the portal; returns FALSE with an
 * error when the entry cannot be written (the portal answers later). */
gboolean  gw_autostart_set          (gboolean   enabled,
                                     GError   **error);

G_END_DECLS
