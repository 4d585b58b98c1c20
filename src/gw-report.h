/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-probe.h"
#include "gw-verdict.h"

G_BEGIN_DECLS

/* Renderings of a round and its verdict: the `--json` object of the
 * command-line contract, and a text report for people. */

char *gw_report_to_json (const GwRound   *round,
                         const GwVerdict *verdict);
char *gw_report_to_text (const GwRound   *round,
                         const GwVerdict *verdict);

G_END_DECLS
