/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-http"

#include "config.h"

#include "gw-http-response.h"

#include <string.h>

static const char * const header_names[GW_N_HTTP_HEADERS] = {
  [GW_HTTP_HEADER_SERVER] = "server",
  [GW_HTTP_HEADER_CF_RAY] = "cf-ray",
  [GW_HTTP_HEADER_CF_MITIGATED] = "cf-mitigated",
  [GW_HTTP_HEADER_RETRY_AFTER] = "retry-after",
  [GW_HTTP_HEADER_CONTENT_TYPE] = "content-type",
  [GW_HTTP_HEADER_LOCATION] = "location",
};

GwHttpResponse *
gw_http_response_new (void)
{
  GwHttpResponse *self = g_new0 (GwHttpResponse, 1);

  self->body = g_byte_array_new ();
  self->timings = (GwTimings) { -1, -1, -1, -1, -1 };
  return self;
}

void
gw_http_response_free (GwHttpResponse *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < GW_N_HTTP_HEADERS; i++)
    g_free (self->headers[i]);
  g_free (self->error_text);
  g_byte_array_unref (self->body);
  g_free (self->proxy);
  g_free (self->tls_issuer);
  g_free (self);
}

GwHttpResponse *
gw_http_response_copy (const GwHttpResponse *self)
{
  GwHttpResponse *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  for (guint i = 0; i < GW_N_HTTP_HEADERS; i++)
    copy->headers[i] = g_strdup (self->headers[i]);
  copy->error_text = g_strdup (self->error_text);
  copy->body = g_byte_array_sized_new (self->body->len);
  g_byte_array_append (copy->body, self->body->data, self->body->len);
  copy->proxy = g_strdup (self->proxy);
  copy->tls_issuer = g_strdup (self->tls_issuer);
  return copy;
}

const char *
gw_http_header_to_string (GwHttpHeader header)
{
  g_return_val_if_fail (header < GW_N_HTTP_HEADERS, NULL);
  return header_names[header];
}

const char *
gw_http_response_get_header (const GwHttpResponse *self,
                             GwHttpHeader          header)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (header < GW_N_HTTP_HEADERS, NULL);
  return self->headers[header];
}

/* Keeps at most GW_HTTP_HEADER_MAX bytes of valid UTF-8 without control
 * characters: header values come from the network and end up on screen. */
static char *
sanitize_value (const char *value,
                gsize       len)
{
  g_autofree char *valid = NULL;
  char *p;

  while (len > 0 && (*value == ' ' || *value == '\t'))
    {
      value++;
      len--;
    }
  len = MIN (len, GW_HTTP_HEADER_MAX);
  valid = g_utf8_make_valid (value, len);
  /* Each invalid byte became a 3-byte U+FFFD: cut again, at a character
   * boundary, so the value stays within GW_HTTP_HEADER_MAX bytes. */
  if (strlen (valid) > GW_HTTP_HEADER_MAX)
    {
      p = valid + GW_HTTP_HEADER_MAX;
      while (p > valid && ((guchar) *p & 0xc0) == 0x80)
        p--;
      *p = '\0';
    }
  for (p = valid; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return g_strstrip (g_steal_pointer (&valid));
}

void
gw_http_response_set_header (GwHttpResponse *self,
                             GwHttpHeader    header,
                             const char     *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (header < GW_N_HTTP_HEADERS);

  g_free (self->headers[header]);
  self->headers[header] = value ? sanitize_value (value, strlen (value)) : NULL;
}

static gboolean
is_status_line (const char *line,
                gsize       len)
{
  return len >= 5 && memcmp (line, "HTTP/", 5) == 0;
}

void
gw_http_response_feed_header_line (GwHttpResponse *self,
                                   const char     *line,
                                   gsize           len)
{
  const char *colon;
  gsize name_len;

  g_return_if_fail (self != NULL);
  g_return_if_fail (line != NULL || len == 0);

  while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
    len--;
  if (len == 0)
    return;

  if (is_status_line (line, len))
    {
      for (guint i = 0; i < GW_N_HTTP_HEADERS; i++)
        g_clear_pointer (&self->headers[i], g_free);
      return;
    }

  colon = memchr (line, ':', len);
  if (colon == NULL)
    return;
  name_len = colon - line;

  for (guint i = 0; i < GW_N_HTTP_HEADERS; i++)
    {
      const char *value = colon + 1;
      gsize value_len = len - name_len - 1;

      if (strlen (header_names[i]) != name_len ||
          g_ascii_strncasecmp (line, header_names[i], name_len) != 0)
        continue;

      /* The first occurrence wins; repeated headers are not merged. */
      if (self->headers[i] == NULL)
        self->headers[i] = sanitize_value (value, value_len);
      return;
    }
}

gboolean
gw_http_response_body_has_prefix (const GwHttpResponse *self,
                                  const char           *prefix)
{
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  len = strlen (prefix);
  return self->body->len >= len && memcmp (self->body->data, prefix, len) == 0;
}

gboolean
gw_http_response_body_contains (const GwHttpResponse *self,
                                const char           *needle)
{
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  len = strlen (needle);
  if (len == 0)
    return TRUE;
  for (gsize i = 0; i + len <= self->body->len; i++)
    if (memcmp (self->body->data + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}
