/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-checklist.h"

G_BEGIN_DECLS

/* One troubleshooting step in the fix window: its result, title, why,
 * facts, buttons and a tick. Updated in place when the checklist is
 * rebuilt, so focus and ticks survive a live update. */

#define GW_TYPE_STEP_ROW (gw_step_row_get_type ())
G_DECLARE_FINAL_TYPE (GwStepRow, gw_step_row, GW, STEP_ROW, GtkListBoxRow)

GtkWidget *gw_step_row_new     (const GwStep *step);
void       gw_step_row_update  (GwStepRow    *self,
                                const GwStep *step);
GwStepId   gw_step_row_get_id  (GwStepRow    *self);
gboolean   gw_step_row_get_done (GwStepRow   *self);
void       gw_step_row_set_done (GwStepRow   *self,
                                 gboolean     done);

/* Signals:
 *   "action" (guint index): the button of the step's action at index was
 *     pressed.
 *   "notify::done": the user ticked or unticked the step. */

G_END_DECLS
