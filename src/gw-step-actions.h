/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gw-checklist.h"

G_BEGIN_DECLS

/* What a step's button does: open a page, start a browser (a private
 * window by argv, never through a shell), copy text, check now. feedback
 * (out, optional) receives a short confirmation for the user, or NULL. */
gboolean gw_step_action_run (const GwAction  *action,
                             GtkWindow       *window,
                             char           **feedback,
                             GError         **error);

G_END_DECLS
