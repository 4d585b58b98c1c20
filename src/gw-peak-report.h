/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-peak.h"

G_BEGIN_DECLS

/* Renderings of the peak-hour history for `gatewatch --history`: a text
 * table of the week for people, and a JSON object for scripts. outages are
 * GwOutage, newest first, own and official; now is unix seconds, for
 * outages still open. latency: shade the table by median first byte instead
 * of error rate (the JSON carries both). */

char *gw_peak_report_to_text (const GwWeekGrid    *grid,
                              const GwPeakWindows *windows,
                              GPtrArray           *outages,
                              gint64               now,
                              GTimeZone           *tz,
                              gboolean             latency);
char *gw_peak_report_to_json (const GwWeekGrid    *grid,
                              const GwPeakWindows *windows,
                              GPtrArray           *outages,
                              gint64               now,
                              GTimeZone           *tz,
                              gboolean             latency);

G_END_DECLS
