/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-config.h"

G_BEGIN_DECLS

/* The command-line contract, shared by `gatewatch` and the applet: the
 * options, and the modes that need no display. */

/* Usage errors get their own exit status: 1–3 are health states. */
#define GW_EXIT_USAGE 64

void gw_cli_add_options     (GApplication  *app);
/* Reads the settings and the options; runs a mode that needs no display
 * (--once) and returns its exit status, or returns -1 after filling *config
 * and *settings when the caller should go on and start the applet. */
int  gw_cli_handle_options  (GVariantDict  *options,
                             GwConfig     **config,
                             GSettings    **settings);
/* One probe round, its verdict printed as text or JSON; returns the exit
 * status of the contract (0 operational … 3 local problem or unknown). */
int  gw_cli_once            (const GwConfig *config,
                             gboolean        json);

G_END_DECLS
