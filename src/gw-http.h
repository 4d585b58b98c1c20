/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-http-response.h"

G_BEGIN_DECLS

/* Asynchronous HTTP GET requests on the GLib main loop, each on a fresh
 * connection so that its DNS, TCP and TLS timings are real. Transport
 * failures are part of the response; only cancellation is an error. */

#define GW_TYPE_HTTP (gw_http_get_type ())
G_DECLARE_FINAL_TYPE (GwHttp, gw_http, GW, HTTP, GObject)

#define GW_HTTP_MAX_BODY (256 * 1024)

typedef struct
{
  const char *url;
  guint       timeout_ms;     /* for the whole request */
  guint       max_redirects;  /* 0: redirects are not followed */
  gsize       max_body;       /* bytes kept; the transfer stops there */
} GwHttpRequest;

GwHttp         *gw_http_new              (const char           *extra_ca_file);
const char     *gw_http_get_extra_ca_file (GwHttp              *self);

void            gw_http_request_async    (GwHttp               *self,
                                          const GwHttpRequest  *request,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GwHttpResponse *gw_http_request_finish   (GwHttp               *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
