/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <curl/curl.h>

G_BEGIN_DECLS

/* A GSource that drives one curl multi handle from the GLib main loop: curl's
 * sockets become the source's unix fds, curl's timer its ready time. After
 * every dispatch it calls its callback (a GSourceFunc) so the owner can read
 * curl_multi_info_read (). */
GSource *gw_curl_source_new       (void);
CURLM   *gw_curl_source_get_multi (GSource *source);

G_END_DECLS
