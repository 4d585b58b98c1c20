/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The HTTP engine against real TCP servers on loopback, run by the test on
 * the same main loop: headers, caps, timeouts, cancellation, leaks. */
#include "config.h"

#include "gw-http.h"
#include "gw-prober.h"

#include <string.h>
#include <unistd.h>
#include <gio/gio.h>

typedef enum
{
  SERVE_RESPONSE,        /* head, then body, then close */
  SERVE_STALL,           /* accept and never answer */
  SERVE_HEAD_THEN_STALL, /* head and part of the body, then silence */
  SERVE_ENDLESS_BODY,    /* head, then body chunks until the client leaves */
} ServeMode;

typedef struct
{
  GSocketService *service;
  guint16         port;
  ServeMode       mode;
  char           *head;
  GBytes         *body;
  guint           requests;
  guint           clients;       /* being served; the server outlives them */
  GCancellable   *cancellable;   /* ends every client's I/O when the test ends */
  GPtrArray      *connections;   /* of stalling modes, kept open until the end */
} TestServer;

typedef struct
{
  TestServer        *server;
  GSocketConnection *connection;
  char               buffer[4096];
  gsize              received;
} Client;

static void client_write_body (Client *client);

static void
client_free (Client *client)
{
  client->server->clients--;
  g_object_unref (client->connection);
  g_free (client);
}

static void
body_written_cb (GObject      *stream,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Client *client = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (stream), result, NULL, NULL) ||
      client->server->mode != SERVE_ENDLESS_BODY)
    {
      if (client->server->mode != SERVE_HEAD_THEN_STALL)
        g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
      client_free (client);
      return;
    }
  client_write_body (client);
}

static void
client_write_body (Client *client)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));
  gsize len = 0;
  const void *data = g_bytes_get_data (client->server->body, &len);

  if (client->server->mode == SERVE_HEAD_THEN_STALL)
    len /= 2;
  g_output_stream_write_all_async (out, data, len, G_PRIORITY_DEFAULT,
                                   client->server->cancellable, body_written_cb, client);
}

static void
head_written_cb (GObject      *stream,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Client *client = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (stream), result, NULL, NULL))
    {
      client_free (client);
      return;
    }
  client_write_body (client);
}

static void
request_read_cb (GObject      *stream,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Client *client = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (stream), result, NULL);
  GOutputStream *out;

  if (n <= 0)
    {
      client_free (client);
      return;
    }
  client->received += n;
  if (g_strstr_len (client->buffer, client->received, "\r\n\r\n") == NULL &&
      client->received < sizeof client->buffer - 1)
    {
      g_input_stream_read_async (G_INPUT_STREAM (stream), client->buffer + client->received,
                                 sizeof client->buffer - 1 - client->received,
                                 G_PRIORITY_DEFAULT, client->server->cancellable,
                                 request_read_cb, client);
      return;
    }

  client->server->requests++;
  out = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));
  g_output_stream_write_all_async (out, client->server->head, strlen (client->server->head),
                                   G_PRIORITY_DEFAULT, client->server->cancellable,
                                   head_written_cb, client);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  TestServer *server = user_data;
  Client *client;

  if (server->mode == SERVE_STALL || server->mode == SERVE_HEAD_THEN_STALL)
    g_ptr_array_add (server->connections, g_object_ref (connection));
  if (server->mode == SERVE_STALL)
    return TRUE;

  client = g_new0 (Client, 1);
  client->server = server;
  client->connection = g_object_ref (connection);
  server->clients++;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             client->buffer, sizeof client->buffer - 1, G_PRIORITY_DEFAULT,
                             server->cancellable, request_read_cb, client);
  return TRUE;
}

static TestServer *
test_server_new (ServeMode   mode,
                 const char *head,
                 GBytes     *body)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->mode = mode;
  server->head = g_strdup (head);
  server->body = body ? g_bytes_ref (body) : g_bytes_new_static ("", 0);
  server->connections = g_ptr_array_new_with_free_func (g_object_unref);
  server->cancellable = g_cancellable_new ();
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);
  return server;
}

static void
test_server_free (TestServer *server)
{
  g_cancellable_cancel (server->cancellable);
  while (server->clients > 0)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (server->cancellable);
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_object_unref (server->service);
  for (guint i = 0; i < server->connections->len; i++)
    g_io_stream_close (g_ptr_array_index (server->connections, i), NULL, NULL);
  g_ptr_array_unref (server->connections);
  g_bytes_unref (server->body);
  g_free (server->head);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

static char *
server_url (TestServer *server,
            const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", server->port, path);
}

/* Runs one request to completion; counts how often the callback ran. */
typedef struct
{
  GwHttpResponse *response;
  GError         *error;
  guint           calls;
} Outcome;

static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->calls++;
  outcome->response = gw_http_request_finish (GW_HTTP (source), result, &outcome->error);
}

static void
run_until (Outcome *outcome)
{
  while (outcome->calls == 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
fetch (GwHttp       *http,
       const char   *url,
       guint         timeout_ms,
       gsize         max_body,
       GCancellable *cancellable,
       Outcome      *outcome)
{
  GwHttpRequest request = { url, timeout_ms, 3, max_body };

  gw_http_request_async (http, &request, cancellable, request_done_cb, outcome);
  run_until (outcome);
}

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->response, gw_http_response_free);
  g_clear_error (&outcome->error);
}

static void
test_response_headers_and_timings (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("<html>hello</html>", 18);
  g_autoptr(TestServer) server = test_server_new (SERVE_RESPONSE,
    "HTTP/1.1 503 Service Unavailable\r\nServer: cloudflare\r\nCF-RAY: 8a1b2c3d-FRA\r\n"
    "Retry-After: 120\r\nContent-Type: text/html\r\nContent-Length: 18\r\n\r\n", body);
  g_autoptr(GwHttp) http = gw_http_new (NULL);
  g_autofree char *url = server_url (server, "/");
  Outcome o = { 0 };
  const GwTimings *t;

  fetch (http, url, 5000, 1024, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpuint (o.calls, ==, 1);
  g_assert_cmpint (o.response->error, ==, GW_HTTP_OK);
  g_assert_cmpuint (o.response->http_status, ==, 503);
  g_assert_cmpstr (gw_http_response_get_header (o.response, GW_HTTP_HEADER_SERVER), ==, "cloudflare");
  g_assert_cmpstr (gw_http_response_get_header (o.response, GW_HTTP_HEADER_CF_RAY), ==, "8a1b2c3d-FRA");
  g_assert_cmpstr (gw_http_response_get_header (o.response, GW_HTTP_HEADER_RETRY_AFTER), ==, "120");
  g_assert_cmpstr (gw_http_response_get_header (o.response, GW_HTTP_HEADER_CF_MITIGATED), ==, NULL);
  g_assert_cmpuint (o.response->body->len, ==, 18);
  g_assert_false (o.response->body_truncated);
  g_assert_null (o.response->proxy);

  t = &o.response->timings;
  g_assert_cmpint (t->dns_us, >=, 0);
  g_assert_cmpint (t->connect_us, >=, 0);
  g_assert_cmpint (t->tls_us, ==, -1);    /* plain HTTP: no handshake */
  g_assert_cmpint (t->first_byte_us, >, 0);
  g_assert_cmpint (t->first_byte_us, <=, t->total_us);
  g_assert_cmpuint (server->requests, ==, 1);
  outcome_clear (&o);
}

static void
test_body_is_capped (void)
{
  g_autofree char *chunk = g_strnfill (64 * 1024, 'x');
  g_autoptr(GBytes) body = g_bytes_new (chunk, 64 * 1024);
  g_autoptr(TestServer) server = test_server_new (SERVE_ENDLESS_BODY,
    "HTTP/1.1 200 OK\r\nContent-Length: 52428800\r\n\r\n", body);
  g_autoptr(GwHttp) http = gw_http_new (NULL);
  g_autofree char *url = server_url (server, "/");
  Outcome o = { 0 };

  fetch (http, url, 5000, 16 * 1024, NULL, &o);
  g_assert_no_error (o.error);
  g_assert_cmpint (o.response->error, ==, GW_HTTP_OK);
  g_assert_cmpuint (o.response->http_status, ==, 200);
  g_assert_cmpuint (o.response->body->len, ==, 16 * 1024);
  g_assert_true (o.response->body_truncated);
  outcome_clear (&o);
}

static GBytes *
gzip_zeros (gsize n)
{
  g_autoptr(GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (gz));
  g_autofree char *zeros = g_malloc0 (1024 * 1024);

  for (gsize i = 0; i < n / (1024 * 1024); i++)
    g_assert_true (g_output_stream_write_all (out, zeros, 1024 * 1024, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

/* A small compressed body that inflates far beyond the cap is cut after
 * decompression too. */
static void
test_gzip_bomb_is_capped (void)
{
  g_autoptr(GBytes) bomb = gzip_zeros (64 * 1024 * 1024);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                                           g_bytes_get_size (bomb));
  g_autoptr(TestServer) server = test_server_new (SERVE_RESPONSE, head, bomb);
  g_autoptr(GwHttp) http = gw_http_new (NULL);
  g_autofree char *url = server_url (server, "/");
  Outcome o = { 0 };

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 100 * 1024);
  fetch (http, url, 5000, GW_HTTP_MAX_BODY, NULL, &o);
  g_assert_cmpint (o.response->error, ==, GW_HTTP_OK);
  g_assert_cmpuint (o.response->body->len, ==, GW_HTTP_MAX_BODY);
  g_assert_true (o.response->body_truncated);
  outcome_clear (&o);
}

static void
test_stalled_server_times_out (void)
{
  g_autoptr(TestServer) server = test_server_new (SERVE_STALL, "", NULL);
  g_autoptr(GwHttp) http = gw_http_new (NULL);
  g_autofree char *url = server_url (server, "/");
  Outcome o = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  fetch (http, url, 700, 1024, NULL, &o);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (o.error);
  g_assert_cmpint (o.response->error, ==, GW_HTTP_ERROR_TIMEOUT);
  g_assert_cmpuint (o.response->http_status, ==, 0);
  g_assert_nonnull (o.response->error_text);
  g_assert_cmpint (elapsed, >=, 600 * 1000);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  outcome_clear (&o);
}

static gboolean
cancel_when_body_arrives_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

/* Cancelled in the middle of a body that never ends: the task returns
 * G_IO_ERROR_CANCELLED once, and the engine can go away afterwards. */
static void
test_cancel_mid_transfer (void)
{
  g_autofree char *chunk = g_strnfill (4096, 'y');
  g_autoptr(GBytes) body = g_bytes_new (chunk, 4096);
  g_autoptr(TestServer) server = test_server_new (SERVE_HEAD_THEN_STALL,
    "HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n", body);
  g_autoptr(GwHttp) http = gw_http_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = server_url (server, "/");
  GwHttpRequest request = { url, 10000, 0, GW_HTTP_MAX_BODY };
  Outcome o = { 0 };
  GWeakRef weak;

  gw_http_request_async (http, &request, cancellable, request_done_cb, &o);
  while (server->requests == 0)
    g_main_context_iteration (NULL, TRUE);
  g_timeout_add (100, cancel_when_body_arrives_cb, cancellable);
  run_until (&o);

  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (o.response);
  /* Nothing else arrives later. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (o.calls, ==, 1);

  g_weak_ref_init (&weak, http);
  g_clear_object (&http);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  outcome_clear (&o);
}

static void
test_cancel_before_start (void)
{
  g_autoptr(TestServer) server = test_server_new (SERVE_STALL, "", NULL);
  g_autoptr(GwHttp) http = gw_http_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = server_url (server, "/");
  Outcome o = { 0 };

  g_cancellable_cancel (cancellable);
  fetch (http, url, 5000, 1024, cancellable, &o);
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (o.calls, ==, 1);
  outcome_clear (&o);
}

static guint16
closed_port (void)
{
  g_autoptr(TestServer) server = test_server_new (SERVE_STALL, "", NULL);

  return server->port;
}

static void
test_refused_and_unresolvable (void)
{
  g_autoptr(GwHttp) http = gw_http_new (NULL);
  g_autofree char *refused = g_strdup_printf ("http://127.0.0.1:%u/", closed_port ());
  Outcome o = { 0 };

  fetch (http, refused, 5000, 1024, NULL, &o);
  g_assert_cmpint (o.response->error, ==, GW_HTTP_ERROR_CONNECT);
  g_assert_nonnull (o.response->error_text);
  outcome_clear (&o);

  o = (Outcome) { 0 };
  fetch (http, "http://gatewatch-test.invalid/", 5000, 1024, NULL, &o);
  g_assert_cmpint (o.response->error, ==, GW_HTTP_ERROR_DNS);
  outcome_clear (&o);
}

/* The captured headers are those of the final response, not of a redirect. */
static void
test_redirect_keeps_final_headers (void)
{
  g_autoptr(TestServer) target = test_server_new (SERVE_RESPONSE,
    "HTTP/1.1 200 OK\r\nServer: final\r\nContent-Length: 0\r\n\r\n", NULL);
  g_autofree char *location = server_url (target, "/landed");
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 302 Found\r\nServer: first\r\n"
                                           "CF-RAY: redirect-ray\r\nLocation: %s\r\n"
                                           "Content-Length: 0\r\n\r\n", location);
  g_autoptr(TestServer) server = test_server_new (SERVE_RESPONSE, head, NULL);
  g_autoptr(GwHttp) http = gw_http_new (NULL);
  g_autofree char *url = server_url (server, "/");
  Outcome o = { 0 };

  fetch (http, url, 5000, 1024, NULL, &o);
  g_assert_cmpint (o.response->error, ==, GW_HTTP_OK);
  g_assert_cmpuint (o.response->http_status, ==, 200);
  g_assert_cmpuint (o.response->redirects, ==, 1);
  g_assert_cmpstr (gw_http_response_get_header (o.response, GW_HTTP_HEADER_SERVER), ==, "final");
  g_assert_null (gw_http_response_get_header (o.response, GW_HTTP_HEADER_CF_RAY));
  outcome_clear (&o);
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gsize
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

static void
round_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GwRound **round = user_data;

  *round = gw_prober_run_finish (GW_PROBER (source), result, NULL);
  g_assert_nonnull (*round);
}

static void
run_round (GwProber            *prober,
           const GwProbeConfig *config)
{
  g_autoptr(GwRound) round = NULL;

  gw_prober_run_async (prober, config, NULL, round_done_cb, &round);
  while (round == NULL)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < GW_N_TARGETS; i++)
    g_assert_cmpint (round->probes[i].layer, ==, GW_LAYER_NONE);
}

/* 1,000 full rounds of four requests: open files and memory stay flat. */
static void
test_many_rounds_do_not_leak (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("NetworkManager is online\n", 25);
  g_autoptr(TestServer) server = test_server_new (SERVE_RESPONSE,
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 25\r\n\r\n", body);
  g_autoptr(GwProber) prober = gw_prober_new (NULL);
  g_autofree char *url = server_url (server, "/");
  GwProbeConfig config = { { url, url, "", url }, 5000 };
  guint fds_before, rounds = g_test_slow () ? 5000 : 1000;
  gsize rss_before, rss_after;

  /* Warm up: caches, the proxy resolver, curl's first-use allocations. */
  for (guint i = 0; i < 50; i++)
    run_round (prober, &config);
  fds_before = count_open_fds ();
  rss_before = resident_kib ();

  for (guint i = 0; i < rounds; i++)
    run_round (prober, &config);

  rss_after = resident_kib ();
  g_test_message ("%u rounds: RSS %" G_GSIZE_FORMAT " → %" G_GSIZE_FORMAT " KiB, fds %u → %u",
                  rounds, rss_before, rss_after, fds_before, count_open_fds ());
  g_assert_cmpuint (count_open_fds (), ==, fds_before);
#ifdef __SANITIZE_ADDRESS__
  /* ASan keeps freed memory in quarantine, so RSS says nothing here; its
   * leak checker at exit covers the same ground. */
  (void) rss_after;
#else
  g_assert_cmpuint (rss_after, <, rss_before + 1024);
#endif
  g_assert_cmpuint (server->requests, ==, (rounds + 50) * 3);
}

static void
cancelled_round_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Outcome *outcome = user_data;
  g_autoptr(GwRound) round = NULL;

  outcome->calls++;
  round = gw_prober_run_finish (GW_PROBER (source), result, &outcome->error);
  g_assert_null (round);
}

/* Cancelled while `web` waits to be retried (the pause has a cancellable
 * child source): the round ends cancelled, once, and nothing crashes. */
static void
test_cancel_during_retry_pause (void)
{
  g_autoptr(TestServer) server = test_server_new (SERVE_RESPONSE,
    "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n", NULL);
  g_autoptr(GwProber) prober = gw_prober_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = server_url (server, "/");
  GwProbeConfig config = { { url, NULL, NULL, NULL }, 5000 };
  Outcome o = { 0 };

  gw_prober_run_async (prober, &config, cancellable, cancelled_round_cb, &o);
  while (server->requests == 0)
    g_main_context_iteration (NULL, TRUE);
  /* The 502 arrives and the first pause (GW_RETRY_PAUSE_1_MS) begins. */
  g_timeout_add (GW_RETRY_PAUSE_1_MS / 4, cancel_when_body_arrives_cb, cancellable);
  run_until (&o);

  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (server->requests, ==, 1);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (o.calls, ==, 1);
  outcome_clear (&o);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/http/headers-and-timings", test_response_headers_and_timings);
  g_test_add_func ("/http/body-capped", test_body_is_capped);
  g_test_add_func ("/http/gzip-bomb-capped", test_gzip_bomb_is_capped);
  g_test_add_func ("/http/stall-times-out", test_stalled_server_times_out);
  g_test_add_func ("/http/cancel-mid-transfer", test_cancel_mid_transfer);
  g_test_add_func ("/http/cancel-before-start", test_cancel_before_start);
  g_test_add_func ("/http/refused-and-unresolvable", test_refused_and_unresolvable);
  g_test_add_func ("/http/redirect-final-headers", test_redirect_keeps_final_headers);
  g_test_add_func ("/prober/many-rounds-no-leak", test_many_rounds_do_not_leak);
  g_test_add_func ("/prober/cancel-during-retry-pause", test_cancel_during_retry_pause);
  return g_test_run ();
}
