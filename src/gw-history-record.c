/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-history"

#include "config.h"

#include "gw-history.h"
#include "gw-history-private.h"

/* Writing: a round, status page incidents, retention. */

#define META_INCIDENTS_IMPORTED_AT "incidents_imported_at"

/* Floor, also for times before 1970. */
static gint64
hour_of (gint64 t)
{
  return (t >= 0 ? t : t - 3599) / 3600 * 3600;
}

/* Microseconds as whole milliseconds; NULL when unknown. */
static void
bind_ms (sqlite3_stmt *stmt,
         int           column,
         gint64        us)
{
  if (us >= 0)
    sqlite3_bind_int64 (stmt, column, us / 1000);
}

/* A state about ChatGPT, as opposed to this side or nothing known. */
static gboolean
is_check (GwState state)
{
  return state == GW_STATE_OPERATIONAL || state == GW_STATE_DEGRADED ||
         state == GW_STATE_OUTAGE;
}

static int
severity (GwState state)
{
  return state == GW_STATE_OUTAGE ? 2 : state == GW_STATE_DEGRADED ? 1 : 0;
}

static guint
decisive_http_status (const GwVerdict *verdict)
{
  const GwReason *reason;

  if (verdict->reasons == NULL || verdict->reasons->len == 0)
    return 0;
  reason = g_ptr_array_index (verdict->reasons, 0);
  return reason->http_status;
}

static gboolean
write_probes (GwHistory      *self,
              const GwRound  *round,
              gint64          t,
              GError        **error)
{
  for (guint i = 0; i < GW_N_TARGETS; i++)
    {
      const GwProbeResult *probe = &round->probes[i];
      const GwHttpResponse *r = probe->response;
      g_autoptr(GwCachedStmt) stmt = NULL;

      if (probe->attempts == 0)
        continue;
      stmt = gw_history_stmt (self, GW_HISTORY_STMT_INSERT_PROBE, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, t);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int (stmt, 3, probe->layer);
      if (r != NULL && r->http_status != 0)
        sqlite3_bind_int (stmt, 4, r->http_status);
      if (r != NULL)
        {
          bind_ms (stmt, 5, r->timings.dns_us);
          bind_ms (stmt, 6, r->timings.connect_us);
          bind_ms (stmt, 7, r->timings.tls_us);
          bind_ms (stmt, 8, r->timings.first_byte_us);
          bind_ms (stmt, 9, r->timings.total_us);
        }
      if (!gw_history_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether the last stored verdict has this state and cause. */
static gboolean
verdict_unchanged (GwHistory        *self,
                   const GwVerdict  *verdict,
                   gboolean         *unchanged,
                   GError          **error)
{
  g_autoptr(GwCachedStmt) stmt = gw_history_stmt (self, GW_HISTORY_STMT_LAST_VERDICT, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return gw_history_fail (self, rc, NULL, error);
  *unchanged = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == (int) verdict->state &&
               sqlite3_column_int (stmt, 1) == (int) verdict->cause;
  return TRUE;
}

static gboolean
write_verdict (GwHistory        *self,
               const GwVerdict  *verdict,
               gint64            t,
               GError          **error)
{
  g_autoptr(GwCachedStmt) stmt = NULL;
  gboolean unchanged = FALSE;

  if (!verdict_unchanged (self, verdict, &unchanged, error))
    return FALSE;
  if (unchanged)
    return TRUE;

  stmt = gw_history_stmt (self, GW_HISTORY_STMT_INSERT_VERDICT, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, t);
  sqlite3_bind_int (stmt, 2, verdict->state);
  sqlite3_bind_int (stmt, 3, verdict->cause);
  sqlite3_bind_text (stmt, 4, verdict->summary, -1, SQLITE_STATIC);
  return gw_history_step_done (self, stmt, error);
}

typedef struct
{
  gint64  id;       /* 0: none open */
  gint64  start;
  GwState worst;
} OpenOutage;

static gboolean
find_open_outage (GwHistory   *self,
                  OpenOutage  *open,
                  GError     **error)
{
  g_autoptr(GwCachedStmt) stmt = gw_history_stmt (self, GW_HISTORY_STMT_OPEN_OUTAGE, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *open = (OpenOutage) {
      .id = sqlite3_column_int64 (stmt, 0),
      .start = sqlite3_column_int64 (stmt, 1),
      .worst = sqlite3_column_int (stmt, 2),
    };
  else if (rc == SQLITE_DONE)
    *open = (OpenOutage) { 0, };
  else
    return gw_history_fail (self, rc, NULL, error);
  return TRUE;
}

/* A new own outage, or the open one at a worse state: the outage keeps the
 * cause and HTTP status of its worst moment. */
static gboolean
put_outage (GwHistory        *self,
            const OpenOutage *open,
            const GwVerdict  *verdict,
            gint64            t,
            GError          **error)
{
  GwHistoryStmt id = open->id == 0 ? GW_HISTORY_STMT_INSERT_OUTAGE
                                   : GW_HISTORY_STMT_WORSEN_OUTAGE;
  g_autoptr(GwCachedStmt) stmt = gw_history_stmt (self, id, error);
  guint http_status = decisive_http_status (verdict);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, open->id == 0 ? t : open->id);
  sqlite3_bind_int (stmt, 2, verdict->state);
  sqlite3_bind_int (stmt, 3, verdict->cause);
  if (http_status != 0)
    sqlite3_bind_int (stmt, 4, http_status);
  return gw_history_step_done (self, stmt, error);
}

/* Degraded or outage opens an own outage or makes it worse; operational
 * closes it. A local problem or an unknown round leaves it as it is: time
 * this side was broken says nothing about ChatGPT. */
static gboolean
write_outage (GwHistory        *self,
              const GwVerdict  *verdict,
              gint64            t,
              GError          **error)
{
  g_autoptr(GwCachedStmt) stmt = NULL;
  OpenOutage open = { 0, };

  if (!is_check (verdict->state))
    return TRUE;
  if (!find_open_outage (self, &open, error))
    return FALSE;

  if (verdict->state != GW_STATE_OPERATIONAL)
    {
      if (open.id != 0 && severity (verdict->state) <= severity (open.worst))
        return TRUE;
      return put_outage (self, &open, verdict, t, error);
    }
  if (open.id == 0)
    return TRUE;

  stmt = gw_history_stmt (self, GW_HISTORY_STMT_CLOSE_OUTAGE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, open.id);
  sqlite3_bind_int64 (stmt, 2, MAX (t, open.start));
  return gw_history_step_done (self, stmt, error);
}

static gboolean
put_hour (GwHistory          *self,
          const GwHourStats  *stats,
          GError            **error)
{
  g_autoptr(GwCachedStmt) stmt = gw_history_stmt (self, GW_HISTORY_STMT_PUT_HOUR, error);
  guint32 hist[GW_LATENCY_BUCKETS];

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < GW_LATENCY_BUCKETS; i++)
    hist[i] = GUINT32_TO_LE (stats->latency_hist[i]);
  sqlite3_bind_int64 (stmt, 1, stats->hour);
  sqlite3_bind_int64 (stmt, 2, stats->checks);
  sqlite3_bind_int64 (stmt, 3, stats->failures);
  sqlite3_bind_int64 (stmt, 4, stats->latency_count);
  sqlite3_bind_int64 (stmt, 5, (gint64) stats->latency_sum_ms);
  sqlite3_bind_blob (stmt, 6, hist, sizeof hist, SQLITE_TRANSIENT);
  return gw_history_step_done (self, stmt, error);
}

/* Folds the round into its UTC hour. Latency is the web probe's first byte,
 * when it passed. */
static gboolean
write_hour (GwHistory        *self,
            const GwRound    *round,
            const GwVerdict  *verdict,
            gint64            t,
            GError          **error)
{
  const GwProbeResult *web = &round->probes[GW_TARGET_WEB];
  g_autoptr(GArray) stored = NULL;
  GwHourStats stats = { .hour = hour_of (t) };
  gint64 latency_ms = -1;

  if (!is_check (verdict->state))
    return TRUE;

  stored = gw_history_hour_stats (self, stats.hour, stats.hour + 3600, error);
  if (stored == NULL)
    return FALSE;
  if (stored->len > 0)
    stats = g_array_index (stored, GwHourStats, 0);

  if (gw_probe_result_passed (web) && web->response != NULL &&
      web->response->timings.first_byte_us >= 0)
    latency_ms = web->response->timings.first_byte_us / 1000;
  gw_hour_stats_add_check (&stats, verdict->state != GW_STATE_OPERATIONAL, latency_ms);
  return put_hour (self, &stats, error);
}

gboolean
gw_history_record_round (GwHistory        *self,
                         const GwRound    *round,
                         const GwVerdict  *verdict,
                         GError          **error)
{
  gint64 t;

  g_return_val_if_fail (GW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (round != NULL, FALSE);
  g_return_val_if_fail (verdict != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  t = round->started_at / G_USEC_PER_SEC;
  if (!gw_history_begin (self, error))
    return FALSE;
  if (!write_probes (self, round, t, error) ||
      !write_verdict (self, verdict, t, error) ||
      !write_outage (self, verdict, t, error) ||
      !write_hour (self, round, verdict, t, error) ||
      !gw_history_commit (self, error))
    {
      gw_history_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Incidents */

static gboolean
put_incident (GwHistory         *self,
              const GwIncident  *incident,
              GError           **error)
{
  g_autoptr(GwCachedStmt) stmt = gw_history_stmt (self, GW_HISTORY_STMT_UPSERT_INCIDENT, error);
  g_autofree char *key = NULL;
  GwState worst = incident->impact == GW_IMPACT_CRITICAL ? GW_STATE_OUTAGE : GW_STATE_DEGRADED;

  if (stmt == NULL)
    return FALSE;
  /* Incidents without an id are known by their start and name. */
  key = incident->id != NULL ? g_strdup (incident->id)
                             : g_strdup_printf ("%" G_GINT64_FORMAT " %s", incident->started_at,
                                                incident->name);
  sqlite3_bind_int64 (stmt, 1, incident->started_at);
  /* Resolved at an unknown time: it ended, but when is not known. */
  if (incident->resolved_at != 0)
    sqlite3_bind_int64 (stmt, 2, MAX (incident->resolved_at, incident->started_at));
  else if (incident->resolved)
    sqlite3_bind_int64 (stmt, 2, incident->started_at);
  sqlite3_bind_int (stmt, 3, worst);
  sqlite3_bind_int (stmt, 4, GW_CAUSE_STATUS_PAGE);
  sqlite3_bind_text (stmt, 5, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, incident->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, incident->name, -1, SQLITE_STATIC);
  return gw_history_step_done (self, stmt, error);
}

static gboolean
set_meta_int (GwHistory   *self,
              const char  *key,
              gint64       value,
              GError     **error)
{
  g_autoptr(GwCachedStmt) stmt = gw_history_stmt (self, GW_HISTORY_STMT_SET_META, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  return gw_history_step_done (self, stmt, error);
}

static gboolean
put_incidents (GwHistory  *self,
               GPtrArray  *incidents,
               GError    **error)
{
  for (guint i = 0; i < incidents->len; i++)
    {
      const GwIncident *incident = g_ptr_array_index (incidents, i);

      /* One that can't be placed in time has no place in the history. */
      if (!incident->chatgpt || incident->started_at == 0)
        continue;
      if (!put_incident (self, incident, error))
        return FALSE;
    }
  return set_meta_int (self, META_INCIDENTS_IMPORTED_AT, g_get_real_time () / G_USEC_PER_SEC,
                       error);
}

gboolean
gw_history_import_incidents (GwHistory  *self,
                             GPtrArray  *incidents,
                             GError    **error)
{
  g_return_val_if_fail (GW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (incidents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gw_history_begin (self, error))
    return FALSE;
  if (!put_incidents (self, incidents, error) || !gw_history_commit (self, error))
    {
      gw_history_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gint64
gw_history_get_incidents_imported_at (GwHistory *self)
{
  g_autoptr(GwCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_HISTORY (self), 0);

  stmt = gw_history_stmt (self, GW_HISTORY_STMT_GET_META, &error);
  if (stmt == NULL)
    {
      g_debug ("%s", error->message);
      return 0;
    }
  sqlite3_bind_text (stmt, 1, META_INCIDENTS_IMPORTED_AT, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    g_debug ("%s: %s", META_INCIDENTS_IMPORTED_AT, sqlite3_errstr (rc));
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Retention */

gboolean
gw_history_prune_step (GwHistory  *self,
                       gint64      before,
                       guint       max_rows,
                       gboolean   *done,
                       GError    **error)
{
  g_autoptr(GwCachedStmt) stmt = NULL;

  g_return_val_if_fail (GW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (max_rows > 0, FALSE);
  g_return_val_if_fail (done != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gw_history_begin (self, error))
    return FALSE;
  stmt = gw_history_stmt (self, GW_HISTORY_STMT_PRUNE, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, before);
      sqlite3_bind_int64 (stmt, 2, max_rows);
    }
  if (stmt == NULL || !gw_history_step_done (self, stmt, error) ||
      !gw_history_commit (self, error))
    {
      g_clear_pointer (&stmt, gw_history_stmt_release);
      gw_history_rollback (self);
      return FALSE;
    }
  /* Fewer than asked for: none older is left. */
  *done = (guint) sqlite3_changes (self->db) < max_rows;
  return TRUE;
}

gboolean
gw_history_prune (GwHistory  *self,
                  gint64      before,
                  GError    **error)
{
  gboolean done = FALSE;

  g_return_val_if_fail (GW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (!done)
    if (!gw_history_prune_step (self, before, GW_HISTORY_PRUNE_BATCH, &done, error))
      return FALSE;
  return TRUE;
}
