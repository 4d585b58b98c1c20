/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-history"

#include "config.h"

#include "gw-history.h"
#include "gw-history-private.h"

#include <string.h>
#include <time.h>

/* Reading: hour aggregates, outages and the export of raw probes. */

/* The export writes in chunks of about this size: constant memory. */
#define EXPORT_CHUNK (64 * 1024)

static void
read_hour (sqlite3_stmt *stmt,
           GwHourStats  *stats)
{
  const guint8 *blob = sqlite3_column_blob (stmt, 5);
  gsize len = MIN ((gsize) sqlite3_column_bytes (stmt, 5), sizeof stats->latency_hist);

  *stats = (GwHourStats) {
    .hour = sqlite3_column_int64 (stmt, 0),
    .checks = sqlite3_column_int64 (stmt, 1),
    .failures = sqlite3_column_int64 (stmt, 2),
    .latency_count = sqlite3_column_int64 (stmt, 3),
    .latency_sum_ms = sqlite3_column_int64 (stmt, 4),
  };
  /* Little-endian uint32s; a shorter blob leaves the other buckets empty. */
  if (blob != NULL)
    memcpy (stats->latency_hist, blob, len);
  for (guint i = 0; i < GW_LATENCY_BUCKETS; i++)
    stats->latency_hist[i] = GUINT32_FROM_LE (stats->latency_hist[i]);
}

GArray *
gw_history_hour_stats (GwHistory  *self,
                       gint64      since,
                       gint64      until,
                       GError    **error)
{
  g_autoptr(GwCachedStmt) stmt = NULL;
  g_autoptr(GArray) stats = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_HISTORY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = gw_history_stmt (self, GW_HISTORY_STMT_HOURS, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, until);

  stats = g_array_new (FALSE, TRUE, sizeof (GwHourStats));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GwHourStats row;

      read_hour (stmt, &row);
      g_array_append_val (stats, row);
    }
  if (rc != SQLITE_DONE)
    {
      gw_history_fail (self, rc, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&stats);
}

static GwOutage *
read_outage (sqlite3_stmt *stmt)
{
  GwOutage *outage = gw_outage_new ();

  outage->start = sqlite3_column_int64 (stmt, 0);
  outage->end = sqlite3_column_int64 (stmt, 1);   /* NULL reads as 0: it lasts */
  outage->worst = sqlite3_column_int (stmt, 2);
  outage->cause = sqlite3_column_int (stmt, 3);
  outage->http_status = sqlite3_column_int (stmt, 4);
  outage->source = sqlite3_column_int (stmt, 5) == 1 ? GW_OUTAGE_SOURCE_STATUS_PAGE
                                                     : GW_OUTAGE_SOURCE_PROBES;
  outage->incident_id = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  outage->incident_name = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  return outage;
}

GPtrArray *
gw_history_outages (GwHistory  *self,
                    guint       limit,
                    GError    **error)
{
  g_autoptr(GwCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) outages = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_HISTORY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = gw_history_stmt (self, GW_HISTORY_STMT_OUTAGES, error);
  if (stmt == NULL)
    return NULL;
  /* 0: no limit. */
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);

  outages = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_outage_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (outages, read_outage (stmt));
  if (rc != SQLITE_DONE)
    {
      gw_history_fail (self, rc, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&outages);
}

gint64
gw_history_count_probes (GwHistory  *self,
                         GError    **error)
{
  g_autoptr(GwCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GW_IS_HISTORY (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  stmt = gw_history_stmt (self, GW_HISTORY_STMT_COUNT_PROBES, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      gw_history_fail (self, rc, NULL, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Export */

void
gw_history_csv_append_field (GString    *line,
                             const char *field)
{
  g_return_if_fail (line != NULL);

  if (field == NULL)
    return;
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (line, field);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static const char * const export_columns[] = {
  "time", "target", "layer", "http_status", "dns_ms", "connect_ms", "tls_ms",
  "first_byte_ms", "total_ms",
};

/* Column i of the export statement as text, NULL for SQL NULL. */
static const char *
export_field (sqlite3_stmt *stmt,
              guint         i,
              char          buf[32])
{
  gint64 value = sqlite3_column_int64 (stmt, i);
  time_t t = (time_t) value;
  struct tm tm;

  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;
  if (i == 0)
    return gmtime_r (&t, &tm) != NULL && strftime (buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0
           ? buf : NULL;
  if (i == 1 && value >= 0 && value < GW_N_TARGETS)
    return gw_target_to_string (value);
  if (i == 2 && value >= GW_LAYER_NONE && value <= GW_LAYER_PROXY)
    return gw_layer_to_string (value);
  /* Numbers, and codes from a newer build as numbers. */
  g_snprintf (buf, 32, "%" G_GINT64_FORMAT, value);
  return buf;
}

static void
append_csv_row (GString      *out,
                sqlite3_stmt *stmt)
{
  char buf[32];

  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      gw_history_csv_append_field (out, export_field (stmt, i, buf));
    }
  g_string_append (out, "\r\n");
}

/* Names and numbers only, but a JSON string stays a JSON string. */
static void
append_json_string (GString    *out,
                    const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_json_row (GString      *out,
                 sqlite3_stmt *stmt,
                 gboolean      first)
{
  char buf[32];

  g_string_append (out, first ? "\n  {" : ",\n  {");
  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    {
      const char *value = export_field (stmt, i, buf);

      g_string_append_printf (out, "%s\"%s\": ", i > 0 ? ", " : "", export_columns[i]);
      if (value == NULL)
        g_string_append (out, "null");
      else if (i <= 2)
        append_json_string (out, value);
      else
        g_string_append (out, value);
    }
  g_string_append_c (out, '}');
}

static gboolean
flush (GString        *buf,
       GOutputStream  *out,
       gsize           threshold,
       GError        **error)
{
  if (buf->len < threshold || buf->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (out, buf->str, buf->len, NULL, NULL, error))
    return FALSE;
  g_string_truncate (buf, 0);
  return TRUE;
}

static void
append_header (GString        *buf,
               GwExportFormat  format)
{
  if (format == GW_EXPORT_JSON)
    {
      g_string_append_c (buf, '[');
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    g_string_append_printf (buf, "%s%s", i > 0 ? "," : "", export_columns[i]);
  g_string_append (buf, "\r\n");
}

gboolean
gw_history_export (GwHistory       *self,
                   GwExportFormat   format,
                   GOutputStream   *out,
                   GError         **error)
{
  g_autoptr(GwCachedStmt) stmt = NULL;
  g_autoptr(GString) buf = NULL;
  gboolean first = TRUE;
  int rc;

  g_return_val_if_fail (GW_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (format == GW_EXPORT_CSV || format == GW_EXPORT_JSON, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = gw_history_stmt (self, GW_HISTORY_STMT_EXPORT, error);
  if (stmt == NULL)
    return FALSE;

  buf = g_string_sized_new (EXPORT_CHUNK + 1024);
  append_header (buf, format);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (format == GW_EXPORT_CSV)
        append_csv_row (buf, stmt);
      else
        append_json_row (buf, stmt, first);
      first = FALSE;
      if (!flush (buf, out, EXPORT_CHUNK, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return gw_history_fail (self, rc, NULL, error);
  if (format == GW_EXPORT_JSON)
    g_string_append (buf, first ? "]\n" : "\n]\n");
  return flush (buf, out, 0, error);
}
