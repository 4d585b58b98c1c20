/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-peak.h"
#include "gw-probe.h"
#include "gw-verdict.h"

G_BEGIN_DECLS

/* The probe history: one SQLite file (WAL), the only module that talks to
 * SQLite. Work is short and runs on the caller's thread (the main loop). */

#define GW_TYPE_HISTORY (gw_history_get_type ())
G_DECLARE_FINAL_TYPE (GwHistory, gw_history, GW, HISTORY, GObject)

#define GW_HISTORY_ERROR (gw_history_error_quark ())

typedef enum
{
  GW_HISTORY_ERROR_FAILED,     /* any other SQLite failure */
  GW_HISTORY_ERROR_FULL,       /* the disk (or the file's page limit) is full */
  GW_HISTORY_ERROR_READ_ONLY,  /* read-only folder or file, or a newer schema */
  GW_HISTORY_ERROR_BUSY,       /* locked by another process */
} GwHistoryError;

typedef enum
{
  GW_EXPORT_CSV,
  GW_EXPORT_JSON,
} GwExportFormat;

GQuark      gw_history_error_quark      (void);

/* $XDG_DATA_HOME/gatewatch/history.sqlite3 */
char       *gw_history_default_path     (void);

/* Opens or creates the store (file mode 0600, folder created as needed). A
 * file that is not a usable SQLite database is renamed to
 * PATH.corrupt-YYYYMMDD-HHMMSS and a fresh store created; a schema newer than
 * this build opens read-only. Either is said once by
 * gw_history_get_warning (). Fails only when nothing can be opened at all. */
GwHistory  *gw_history_open             (const char      *path,
                                         GError         **error);
/* A sentence for people about what happened on open, or NULL. */
const char *gw_history_get_warning      (GwHistory       *self);
gboolean    gw_history_is_read_only     (GwHistory       *self);
const char *gw_history_get_path         (GwHistory       *self);

/* One transaction: a row per probe that ran, the verdict when its state or
 * cause changed, the own outage opened, extended or closed, and the round's
 * UTC hour aggregate. Nothing is half-written on failure. */
gboolean    gw_history_record_round     (GwHistory       *self,
                                         const GwRound   *round,
                                         const GwVerdict *verdict,
                                         GError         **error);
/* Stores status page incidents (from incidents.json) that concern ChatGPT as
 * outages with source = status page; known ids are updated, not duplicated. */
gboolean    gw_history_import_incidents (GwHistory       *self,
                                         GPtrArray       *incidents,
                                         GError         **error);
/* Unix seconds of the last incidents import, 0 if never. */
gint64      gw_history_get_incidents_imported_at (GwHistory *self);

/* Raw probes older than before (unix seconds) are deleted; aggregates,
 * verdicts and outages are kept for ever. All at once, batch after batch. */
gboolean    gw_history_prune            (GwHistory       *self,
                                         gint64           before,
                                         GError         **error);
/* Rows per step: 0.6 ms each on average for a year of one-minute rounds
 * (tools/bench-history). */
#define GW_HISTORY_PRUNE_BATCH 1000
/* One short transaction: at most max_rows of the oldest raw probes older
 * than before are deleted; done says none of them is left. The main loop
 * prunes a step per idle callback. */
gboolean    gw_history_prune_step       (GwHistory       *self,
                                         gint64           before,
                                         guint            max_rows,
                                         gboolean        *done,
                                         GError         **error);

/* Hour aggregates with since <= hour < until (unix seconds), oldest first. */
GArray     *gw_history_hour_stats       (GwHistory       *self,
                                         gint64           since,
                                         gint64           until,
                                         GError         **error);
/* The newest outages first, own and official (GwOutage). */
GPtrArray  *gw_history_outages          (GwHistory       *self,
                                         guint            limit,
                                         GError         **error);
/* Number of stored probe rows (raw, within retention). */
gint64      gw_history_count_probes     (GwHistory       *self,
                                         GError         **error);

/* Streams every stored probe to out, oldest first, in constant memory: CSV
 * with a header row and RFC 4180 quoting, or a JSON array. */
gboolean    gw_history_export           (GwHistory       *self,
                                         GwExportFormat   format,
                                         GOutputStream   *out,
                                         GError         **error);

G_END_DECLS
