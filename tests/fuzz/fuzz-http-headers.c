/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "gw-http-response.h"
#include "gw-probe.h"
#include "gw-schedule.h"

/* The header capture on a raw response head as a server sends it: lines up
 * to the first empty one are fed one by one to
 * gw_http_response_feed_header_line () (a status line there starts a new
 * response), the rest is the body. Then everything that reads the captured
 * headers: Retry-After, the challenge and per-target rules, the copy. */

#define NOW ((gint64) 1790000000)          /* unix seconds */
#define BODY_CAP (16 * 1024)               /* what web and api keep of a body */

/* The status code of a status line "HTTP/1.1 503 …", as curl clamps it. */
static void
read_status_line (GwHttpResponse *response,
                  const char     *line,
                  gsize           len)
{
  g_autofree char *text = g_strndup (line, len);
  const char *space = strchr (text, ' ');

  if (!g_str_has_prefix (text, "HTTP/") || space == NULL)
    return;
  response->http_status = (guint) MIN (g_ascii_strtoull (space + 1, NULL, 10), 999);
}

/* Feeds the head; returns where the body starts. */
static gsize
feed_head (GwHttpResponse *response,
           const char     *data,
           gsize           size)
{
  gsize pos = 0;

  while (pos < size)
    {
      const char *nl = memchr (data + pos, '\n', size - pos);
      gsize end = nl != NULL ? (gsize) (nl - data) + 1 : size;
      gsize len = end - pos;
      gboolean blank = len <= 2 && (len == 0 || data[pos] == '\r' || data[pos] == '\n');

      /* curl hands the callback each line with its line ending. */
      gw_http_response_feed_header_line (response, data + pos, len);
      read_status_line (response, data + pos, len);
      pos = end;
      if (blank)
        break;
    }
  return pos;
}

static void
check_header (const char *value)
{
  gsize len;

  if (value == NULL)
    return;
  gw_fuzz_assert_text (value, FALSE);
  len = strlen (value);
  g_assert_cmpuint (len, <=, GW_HTTP_HEADER_MAX);
  for (gsize i = 0; i < len; i++)
    g_assert_true ((guchar) value[i] >= 0x20 && value[i] != 0x7f);
  if (len > 0)
    {
      g_assert_false (g_ascii_isspace (value[0]));
      g_assert_false (g_ascii_isspace (value[len - 1]));
    }
}

/* Retry-After: bounded, blind to surrounding white space, and only 429 and
 * 503 ask to wait. */
static void
check_retry_after (const char *value,
                   guint       http_status)
{
  g_autofree char *padded = NULL;
  guint seconds = G_MAXUINT, padded_seconds = G_MAXUINT;
  gboolean valid = gw_retry_after_parse (value, NOW, &seconds);
  gint64 not_before;

  if (value == NULL)
    {
      g_assert_false (valid);
      g_assert_cmpint (gw_retry_after_not_before (http_status, NULL, NOW), ==, 0);
      return;
    }
  padded = g_strdup_printf (" \t%s \t", value);
  g_assert_cmpint (gw_retry_after_parse (padded, NOW, &padded_seconds), ==, valid);
  if (valid)
    {
      g_assert_cmpuint (seconds, <=, GW_RETRY_AFTER_MAX_S);
      g_assert_cmpuint (padded_seconds, ==, seconds);
    }
  else
    {
      g_assert_cmpuint (seconds, ==, G_MAXUINT);
    }

  not_before = gw_retry_after_not_before (http_status, value, NOW);
  if (valid && (http_status == 429 || http_status == 503))
    g_assert_cmpint (not_before, ==, NOW + seconds);
  else
    g_assert_cmpint (not_before, ==, 0);
  g_assert_cmpint (gw_schedule_skip_web (NOW, not_before), ==, valid && seconds > 0 && not_before != 0);
}

static void
check_response (const GwHttpResponse *response)
{
  g_autoptr(GwHttpResponse) copy = gw_http_response_copy (response);

  for (GwHttpHeader h = 0; h < GW_N_HTTP_HEADERS; h++)
    {
      check_header (gw_http_response_get_header (response, h));
      g_assert_cmpstr (gw_http_response_get_header (copy, h), ==,
                       gw_http_response_get_header (response, h));
    }
  check_retry_after (response->headers[GW_HTTP_HEADER_RETRY_AFTER], response->http_status);

  for (GwTarget t = 0; t < GW_N_TARGETS; t++)
    {
      GwLayer layer = gw_probe_layer_for_response (t, response);

      g_assert_true (layer == GW_LAYER_NONE || layer == GW_LAYER_HTTP);
      g_assert_cmpint (gw_probe_layer_for_response (t, copy), ==, layer);
    }
  if (gw_response_is_challenge (response))
    g_assert_cmpint (gw_probe_layer_for_response (GW_TARGET_WEB, response), ==, GW_LAYER_NONE);
  g_assert_cmpint (gw_response_is_transient (response), ==,
                   response->http_status >= 500 && response->http_status <= 599);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GwHttpResponse) response = NULL;
  g_autofree char *first_line = NULL;
  const char *text = (const char *) data;
  const char *nl;
  gsize body;

  gw_fuzz_init ();

  response = gw_http_response_new ();
  body = feed_head (response, text, size);
  g_byte_array_append (response->body, data + body, MIN (size - body, BODY_CAP));
  response->body_truncated = size - body > BODY_CAP;
  check_response (response);

  /* The Retry-After parser also on the raw first line, unsanitised. */
  nl = memchr (text, '\n', size);
  first_line = g_strndup (text, nl != NULL ? (gsize) (nl - text) : size);
  check_retry_after (first_line, 429);
  return 0;
}
