/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-history-util.h"

#include <string.h>
#include <json-glib/json-glib.h>

/* The export of raw probes, read back: CSV with a tiny RFC 4180 reader, JSON
 * with json-glib; and its constant memory, whatever the row count. */

#define T0 GW_TEST_T0
#define HOUR0 GW_TEST_HOUR0

/* A tiny RFC 4180 reader: every record ends in CRLF; quoted fields may hold
 * commas, doubled quotes and line breaks. */
static GPtrArray *
csv_parse (const char *p,
           gsize       len)
{
  const char *end = p + len;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  while (p < end)
    {
      GString *field = g_string_new (NULL);

      if (*p == '"')
        {
          for (p++; p < end && (*p != '"' || (p + 1 < end && p[1] == '"')); p++)
            {
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          g_assert_true (p < end);   /* the closing quote */
          p++;
        }
      else
        {
          for (; p < end && *p != ',' && *p != '\r' && *p != '\n'; p++)
            g_string_append_c (field, *p);
        }
      g_ptr_array_add (row, g_string_free (field, FALSE));
      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      g_assert_cmpint (end - p, >=, 2);
      g_assert_cmpint (p[0], ==, '\r');
      g_assert_cmpint (p[1], ==, '\n');
      p += 2;
      g_ptr_array_add (rows, row);
      row = g_ptr_array_new_with_free_func (g_free);
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  return rows;
}

static void
test_csv_quoting (void)
{
  static const struct {
    const char *field;
    const char *written;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { NULL, "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "crlf\r\nend", "\"crlf\r\nend\"" },
    { "\"", "\"\"\"\"" },
    { " spaced ", " spaced " },
    { "ünïcode, too", "\"ünïcode, too\"" },
  };
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *row;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) one = g_string_new (NULL);

      gw_history_csv_append_field (one, cases[i].field);
      g_assert_cmpstr (one->str, ==, cases[i].written);
      g_string_append_printf (line, "%s%s", i > 0 ? "," : "", one->str);
    }
  g_string_append (line, "\r\n");

  /* A line of all of them reads back as the same fields. */
  rows = csv_parse (line->str, line->len);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (g_ptr_array_index (row, i), ==,
                     cases[i].field != NULL ? cases[i].field : "");
}

static const char * const export_header[] = {
  "time", "target", "layer", "http_status", "dns_ms", "connect_ms", "tls_ms",
  "first_byte_ms", "total_ms",
};

/* What the two rounds of export_record () export, "" for NULL. */
static const char * const export_rows[][9] = {
  { "2026-09-21T14:13:20Z", "web", "none", "200", "12", "20", "30", "345", "400" },
  { "2026-09-21T14:13:20Z", "api", "none", "401", "11", "21", "31", "100", "120" },
  { "2026-09-21T14:13:20Z", "control", "none", "200", "10", "15", "", "50", "60" },
  { "2026-09-21T14:14:21Z", "web", "timeout", "", "12", "20", "", "", "10000" },
  { "2026-09-21T14:14:21Z", "api", "none", "401", "11", "21", "31", "100", "120" },
  { "2026-09-21T14:14:21Z", "control", "none", "200", "10", "15", "", "50", "60" },
};

static GwHistory *
export_record (void)
{
  GwTestRound specs[] = {
    { T0 + 61, GW_STATE_OUTAGE, GW_CAUSE_TIMEOUT, 0, -1 },
    { T0, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, 200, 345 },   /* oldest first anyway */
  };
  GwHistory *history = gw_test_history_open ();

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    gw_test_record (history, &specs[i], 0);
  return history;
}

static GBytes *
export (GwHistory      *history,
        GwExportFormat  format)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gw_history_export (history, format, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_export_csv (void)
{
  g_autoptr(GwHistory) history = export_record ();
  g_autoptr(GBytes) bytes = export (history, GW_EXPORT_CSV);
  g_autoptr(GPtrArray) rows = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  rows = csv_parse (data, len);
  g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (export_rows));
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      g_assert_cmpuint (row->len, ==, G_N_ELEMENTS (export_header));
      for (guint c = 0; c < row->len; c++)
        g_assert_cmpstr (g_ptr_array_index (row, c), ==,
                         r == 0 ? export_header[c] : export_rows[r - 1][c]);
    }
}

static void
test_export_json (void)
{
  g_autoptr(GwHistory) history = export_record ();
  g_autoptr(GBytes) bytes = export (history, GW_EXPORT_JSON);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (json_parser_load_from_data (parser, data, len, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (export_rows));

  for (guint r = 0; r < json_array_get_length (array); r++)
    {
      JsonObject *obj = json_array_get_object_element (array, r);

      g_assert_cmpuint (json_object_get_size (obj), ==, G_N_ELEMENTS (export_header));
      for (guint c = 0; c < G_N_ELEMENTS (export_header); c++)
        {
          JsonNode *node = json_object_get_member (obj, export_header[c]);
          const char *want = export_rows[r][c];
          g_autofree char *got = NULL;

          g_assert_nonnull (node);
          if (*want == '\0')
            {
              g_assert_true (JSON_NODE_HOLDS_NULL (node));
              continue;
            }
          if (c <= 2)
            got = g_strdup (json_node_get_string (node));
          else
            got = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          g_assert_cmpint (json_node_get_value_type (node), ==, c <= 2 ? G_TYPE_STRING
                                                                       : G_TYPE_INT64);
          g_assert_cmpstr (got, ==, want);
        }
    }
}

static void
test_export_empty (void)
{
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(GBytes) csv = export (history, GW_EXPORT_CSV);
  g_autoptr(GBytes) json = export (history, GW_EXPORT_JSON);
  const char csv_header[] = "time,target,layer,http_status,dns_ms,connect_ms,tls_ms,"
                            "first_byte_ms,total_ms\r\n";

  g_assert_cmpmem (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                   csv_header, strlen (csv_header));
  g_assert_cmpmem (g_bytes_get_data (json, NULL), g_bytes_get_size (json), "[]\n", 3);
}

/* An output stream that remembers how it was written to. */
typedef struct
{
  GOutputStream parent_instance;
  gsize         writes;
  gsize         largest;
  gsize         total;
} CountingStream;

typedef GOutputStreamClass CountingStreamClass;

static GType counting_stream_get_type (void);
G_DEFINE_TYPE (CountingStream, counting_stream, G_TYPE_OUTPUT_STREAM)

static gssize
counting_stream_write (GOutputStream  *stream,
                       const void     *buffer,
                       gsize           count,
                       GCancellable   *cancellable,
                       GError        **error)
{
  CountingStream *self = (CountingStream *) stream;

  self->writes++;
  self->largest = MAX (self->largest, count);
  self->total += count;
  return count;
}

static void
counting_stream_class_init (CountingStreamClass *klass)
{
  klass->write_fn = counting_stream_write;
}

static void
counting_stream_init (CountingStream *self)
{
}

/* However many rows, the export writes them in bounded chunks as it reads. */
static void
test_export_streams (void)
{
  g_autoptr(GwHistory) history = gw_test_history_open ();
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = gw_test_raw_open (gw_history_get_path (history));
  const guint n_rows = 20000;

  gw_test_raw_exec (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO probes VALUES (?, ?, 0, 200, 1, 2, 3,"
                                       " 40, 50)", -1, &insert, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n_rows; i++)
    {
      sqlite3_bind_int64 (insert, 1, T0 + i / 4);
      sqlite3_bind_int (insert, 2, i % 4);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
    }
  g_clear_pointer (&insert, sqlite3_finalize);
  gw_test_raw_exec (db, "COMMIT");
  sqlite3_close (db);

  for (GwExportFormat format = GW_EXPORT_CSV; format <= GW_EXPORT_JSON; format++)
    {
      g_autoptr(GObject) out = g_object_new (counting_stream_get_type (), NULL);
      CountingStream *counting = (CountingStream *) out;

      g_assert_true (gw_history_export (history, format, G_OUTPUT_STREAM (out), &error));
      g_assert_no_error (error);
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes in %" G_GSIZE_FORMAT " writes, the "
                      "largest %" G_GSIZE_FORMAT, format == GW_EXPORT_CSV ? "CSV" : "JSON",
                      counting->total, counting->writes, counting->largest);
      g_assert_cmpuint (counting->total, >, n_rows * 40);
      g_assert_cmpuint (counting->writes, >=, counting->total / (64 * 1024 + 512));
      g_assert_cmpuint (counting->largest, <=, 64 * 1024 + 512);
    }
}
int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history/export/csv-quoting", test_csv_quoting);
  g_test_add_func ("/history/export/csv", test_export_csv);
  g_test_add_func ("/history/export/json", test_export_json);
  g_test_add_func ("/history/export/empty", test_export_empty);
  g_test_add_func ("/history/export/streams", test_export_streams);

  return g_test_run ();
}
