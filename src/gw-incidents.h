/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-http.h"

G_BEGIN_DECLS

/* The status page's incident history (/api/v2/incidents.json next to the
 * configured summary.json), fetched on first start and then daily, so the
 * peak-hour view has the official record from day one. */

#define GW_INCIDENTS_INTERVAL_S (24 * 60 * 60)

/* The incidents.json address next to a summary address, or NULL when the
 * address does not end in summary.json. */
char      *gw_incidents_url_for        (const char          *summary_url);
/* Whether an import is due, given the last one (unix seconds, 0: never). */
gboolean   gw_incidents_due            (gint64               imported_at,
                                        gint64               now);

/* Fetches and parses every incident (GwIncident, resolved ones included). */
void       gw_incidents_fetch_async    (GwHttp              *http,
                                        const char          *summary_url,
                                        guint                timeout_ms,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray *gw_incidents_fetch_finish   (GwHttp              *http,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
