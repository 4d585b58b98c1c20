/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Which proxy a request for a URL goes through: the environment's
 * http_proxy/https_proxy/all_proxy/no_proxy (as curl reads them) first, then
 * GIO's GProxyResolver (GNOME's proxy settings, the portal in Flatpak). */

/* The environment's proxy for url as a URI, or NULL for a direct connection.
 * envp is an environment block (g_get_environ ()). */
char *gw_proxy_from_environment (const char          *url,
                                 const char * const  *envp);

void  gw_proxy_lookup_async     (const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* Returns the proxy URI, or NULL (without error) for a direct connection. */
char *gw_proxy_lookup_finish    (GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
