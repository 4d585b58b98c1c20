/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-config.h"

G_BEGIN_DECLS

/* The command-line modes that need no display. */

/* One probe round, its verdict printed as text or JSON; returns the exit
 * status of the contract (0 operational … 3 local problem or unknown). */
int gw_cli_once (const GwConfig *config,
                 gboolean        json);

G_END_DECLS
