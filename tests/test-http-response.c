/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-http-response.h"

#include <string.h>

static void
feed (GwHttpResponse *r,
      const char     *line)
{
  gw_http_response_feed_header_line (r, line, strlen (line));
}

static void
test_capture_case_insensitive (void)
{
  g_autoptr(GwHttpResponse) r = gw_http_response_new ();

  feed (r, "HTTP/2 403\r\n");
  feed (r, "Cf-Mitigated: challenge\r\n");
  feed (r, "SERVER:   cloudflare  \r\n");
  feed (r, "cf-ray: 9f8828b34b59811b-SIN\r\n");
  feed (r, "content-type: text/html; charset=UTF-8\r\n");
  feed (r, "x-other: ignored\r\n");
  feed (r, "\r\n");

  g_assert_cmpstr (gw_http_response_get_header (r, GW_HTTP_HEADER_CF_MITIGATED), ==, "challenge");
  g_assert_cmpstr (gw_http_response_get_header (r, GW_HTTP_HEADER_SERVER), ==, "cloudflare");
  g_assert_cmpstr (gw_http_response_get_header (r, GW_HTTP_HEADER_CF_RAY), ==, "9f8828b34b59811b-SIN");
  g_assert_cmpstr (gw_http_response_get_header (r, GW_HTTP_HEADER_CONTENT_TYPE), ==,
                   "text/html; charset=UTF-8");
  g_assert_null (gw_http_response_get_header (r, GW_HTTP_HEADER_RETRY_AFTER));
}

/* A new status line (after a redirect or a 100 Continue) forgets the headers. */
static void
test_status_line_resets (void)
{
  g_autoptr(GwHttpResponse) r = gw_http_response_new ();

  feed (r, "HTTP/1.1 301 Moved Permanently\r\n");
  feed (r, "Location: https://chatgpt.com/\r\n");
  feed (r, "Server: first\r\n");
  feed (r, "HTTP/1.1 200 OK\r\n");
  feed (r, "Server: second\r\n");
  g_assert_cmpstr (gw_http_response_get_header (r, GW_HTTP_HEADER_SERVER), ==, "second");
  g_assert_null (gw_http_response_get_header (r, GW_HTTP_HEADER_LOCATION));
}

static void
test_first_occurrence_wins (void)
{
  g_autoptr(GwHttpResponse) r = gw_http_response_new ();

  feed (r, "Retry-After: 120\r\n");
  feed (r, "Retry-After: 5\r\n");
  g_assert_cmpstr (gw_http_response_get_header (r, GW_HTTP_HEADER_RETRY_AFTER), ==, "120");
}

/* Hostile values: too long, control characters, invalid UTF-8, no colon,
 * an embedded NUL. Nothing crashes and what is kept is printable UTF-8. */
static void
test_hostile_values (void)
{
  g_autoptr(GwHttpResponse) r = gw_http_response_new ();
  g_autofree char *padding = g_strnfill (10000, 'A');
  g_autofree char *long_line = g_strconcat ("Server: ", padding, "\r\n", NULL);
  static const char binary[] = "CF-RAY: a\x01" "b\xff\xfe" "c\0d\r\n";
  const char *value;

  feed (r, long_line);
  value = gw_http_response_get_header (r, GW_HTTP_HEADER_SERVER);
  g_assert_cmpuint (strlen (value), ==, GW_HTTP_HEADER_MAX);

  gw_http_response_feed_header_line (r, binary, sizeof binary - 1);
  value = gw_http_response_get_header (r, GW_HTTP_HEADER_CF_RAY);
  g_assert_nonnull (value);
  g_assert_true (g_utf8_validate (value, -1, NULL));
  for (const char *p = value; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);

  feed (r, "no colon at all\r\n");
  feed (r, ":\r\n");
  feed (r, "");
  gw_http_response_feed_header_line (r, NULL, 0);
  feed (r, "Content-Type:\r\n");
  g_assert_cmpstr (gw_http_response_get_header (r, GW_HTTP_HEADER_CONTENT_TYPE), ==, "");
}

static void
test_body_helpers_and_copy (void)
{
  g_autoptr(GwHttpResponse) r = gw_http_response_new ();
  g_autoptr(GwHttpResponse) copy = NULL;
  static const char body[] = "NetworkManager is online\n";

  g_byte_array_append (r->body, (const guint8 *) body, sizeof body - 1);
  r->http_status = 200;
  r->tls_issuer = g_strdup ("CN=Test CA");
  gw_http_response_set_header (r, GW_HTTP_HEADER_SERVER, "nginx");

  g_assert_true (gw_http_response_body_has_prefix (r, "NetworkManager is online"));
  g_assert_false (gw_http_response_body_has_prefix (r, "NetworkManager is online and more text"));
  g_assert_true (gw_http_response_body_contains (r, "is online"));
  g_assert_false (gw_http_response_body_contains (r, "offline"));

  copy = gw_http_response_copy (r);
  g_assert_cmpuint (copy->body->len, ==, r->body->len);
  g_assert_true (copy->body != r->body);
  g_assert_cmpstr (copy->tls_issuer, ==, "CN=Test CA");
  g_assert_cmpstr (gw_http_response_get_header (copy, GW_HTTP_HEADER_SERVER), ==, "nginx");
  g_assert_cmpint (copy->timings.total_us, ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/http-response/capture", test_capture_case_insensitive);
  g_test_add_func ("/http-response/status-line-resets", test_status_line_resets);
  g_test_add_func ("/http-response/first-wins", test_first_occurrence_wins);
  g_test_add_func ("/http-response/hostile-values", test_hostile_values);
  g_test_add_func ("/http-response/body-and-copy", test_body_helpers_and_copy);
  return g_test_run ();
}
