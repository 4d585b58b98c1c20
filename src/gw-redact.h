/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-diagnostics.h"
#include "gw-probe.h"
#include "gw-verdict.h"

G_BEGIN_DECLS

/* The diagnostic report that "Copy diagnostic report" puts on the clipboard
 * for a support request, with what identifies the person or the network
 * taken out. */

/* The verdict, each probe (layer, status, timings), the status page's view
 * and the local facts, as text, passed through gw_redact () with the facts'
 * user name and home folder (this process's when facts is NULL or lacks
 * them). Every argument may be NULL. */
char *gw_diagnostic_report (const GwVerdict    *verdict,
                            const GwRound      *round,
                            const GwLocalFacts *facts);

/* Replaces, in this order:
 *   the home folder (a whole path component)    → "~"
 *   user:password@ in URLs and in bare
 *   "user:password@host" values                 → "<credentials>@"
 *   MAC addresses (aa:bb:…, aa-bb-…, aabb.ccdd.eeff,
 *   and the MAC inside "enx…" interface names)  → "<MAC>"
 *   IPv4 and IPv6 addresses (compressed, with an
 *   embedded IPv4 or a zone id)                 → "<IPv4>", "<private IPv4>", "<link-local IPv4>",
 *                                                 "<IPv6>", "<private IPv6>", "<link-local IPv6>"
 *   the user name as a whole word, any case     → "<user>"
 * Loopback and unspecified addresses (127.0.0.0/8, ::1, 0.0.0.0, ::) stay:
 * they identify nothing and tell which local resolver is in use. A dotted
 * quad of numbers up to 255 is an address, even when it was a version
 * number. User names shorter than 3 characters and "root" stay: they
 * identify nobody and would mangle ordinary words. user_name and home_dir
 * may be NULL. */
char *gw_redact            (const char         *text,
                            const char         *user_name,
                            const char         *home_dir);

G_END_DECLS
