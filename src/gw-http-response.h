/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one HTTP request observed, as plain data: no curl types, so the
 * classifier and the tests can build one by hand. */

#define GW_HTTP_HEADER_MAX 256  /* longest header value kept, in bytes */

typedef enum
{
  GW_HTTP_HEADER_SERVER,
  GW_HTTP_HEADER_CF_RAY,
  GW_HTTP_HEADER_CF_MITIGATED,
  GW_HTTP_HEADER_RETRY_AFTER,
  GW_HTTP_HEADER_CONTENT_TYPE,
  GW_HTTP_HEADER_LOCATION,
  GW_N_HTTP_HEADERS
} GwHttpHeader;

typedef enum
{
  GW_HTTP_OK,             /* a response arrived (any HTTP status) */
  GW_HTTP_ERROR_DNS,      /* the host name did not resolve */
  GW_HTTP_ERROR_CONNECT,  /* TCP connection refused or unreachable */
  GW_HTTP_ERROR_TLS,      /* handshake or certificate failure */
  GW_HTTP_ERROR_TIMEOUT,  /* the time limit ran out */
  GW_HTTP_ERROR_PROXY,    /* the proxy could not be resolved, reached or refused the tunnel */
  GW_HTTP_ERROR_PROTOCOL, /* the server broke HTTP: garbage, bad encoding, redirect loop */
  GW_HTTP_ERROR_BROKEN,   /* the connection broke: reset, closed early, empty reply */
} GwHttpError;

/* Phase timings in microseconds; -1 when the phase did not happen.
 * dns, connect and tls are the durations of those phases; first_byte and
 * total are measured from the start of the request. */
typedef struct
{
  gint64 dns_us;
  gint64 connect_us;
  gint64 tls_us;
  gint64 first_byte_us;
  gint64 total_us;
} GwTimings;

typedef struct
{
  GwHttpError  error;
  char        *error_text;       /* curl's wording, untranslated; NULL on success */
  guint        http_status;      /* 0 when no response */
  guint        proxy_status;     /* status the proxy gave to CONNECT, 0 if none */
  char        *headers[GW_N_HTTP_HEADERS]; /* of the last response, or NULL */
  GwTimings    timings;
  GByteArray  *body;             /* at most the requested cap; never NULL */
  gboolean     body_truncated;   /* the server sent more than the cap */
  char        *proxy;            /* proxy URI used, NULL for a direct connection */
  gboolean     tls_verify_failed;/* the peer's certificate did not verify */
  char        *tls_issuer;       /* issuer of the peer's certificate, when known */
  guint        redirects;
} GwHttpResponse;

GwHttpResponse *gw_http_response_new               (void);
void            gw_http_response_free              (GwHttpResponse *self);
GwHttpResponse *gw_http_response_copy              (const GwHttpResponse *self);

const char     *gw_http_response_get_header        (const GwHttpResponse *self,
                                                    GwHttpHeader          header);
void            gw_http_response_set_header        (GwHttpResponse       *self,
                                                    GwHttpHeader          header,
                                                    const char           *value);
/* Feeds one raw header line as the server sent it (with or without CRLF);
 * a status line starts a new response and forgets the previous headers. */
void            gw_http_response_feed_header_line  (GwHttpResponse       *self,
                                                    const char           *line,
                                                    gsize                 len);
gboolean        gw_http_response_body_has_prefix   (const GwHttpResponse *self,
                                                    const char           *prefix);
gboolean        gw_http_response_body_contains     (const GwHttpResponse *self,
                                                    const char           *needle);
const char     *gw_http_header_to_string           (GwHttpHeader          header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwHttpResponse, gw_http_response_free)

G_END_DECLS
