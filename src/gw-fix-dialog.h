/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-history.h"
#include "gw-monitor.h"

G_BEGIN_DECLS

/* The window behind "What can I do?": the verdict in plain words, the
 * troubleshooting checklist with the facts filled in, the peak hours and
 * the outages. It follows the monitor live. */

#define GW_TYPE_FIX_DIALOG (gw_fix_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GwFixDialog, gw_fix_dialog, GW, FIX_DIALOG, GtkApplicationWindow)

/* history may be NULL (none could be opened). */
GtkWidget *gw_fix_dialog_new       (GtkApplication *app,
                                    GwMonitor      *monitor,
                                    GwHistory      *history);
/* "fix", "peak-hours" or "outages". */
void       gw_fix_dialog_show_page (GwFixDialog    *self,
                                    const char     *page);

G_END_DECLS
