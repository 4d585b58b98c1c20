/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-config.h"
#include "gw-history.h"

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
/* One probe round, its verdict printed as text or JSON and recorded in the
 * history; returns the exit status of the contract (0 operational … 3 local
 * problem or unknown). */
int  gw_cli_once            (const GwConfig *config,
                             gboolean        json);
/* The peak-hour table and the recent outages, as text or JSON; fetches the
 * status page's incident history first when a day has passed. */
int  gw_cli_history         (const GwConfig *config,
                             gboolean        json);
/* Every stored probe to stdout, format "csv" or "json". */
int  gw_cli_export          (const char     *format);

/* The history at path, its warning (if any) said on stderr; NULL, said too,
 * when it cannot be opened at all. */
GwHistory *gw_cli_open_history (const char  *path);

G_END_DECLS
