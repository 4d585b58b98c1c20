/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-http"

#include "config.h"

#include "gw-proxy.h"

#include <string.h>

/* Returns the first non-empty value among names. */
static const char *
environ_first (const char * const *envp,
               const char * const *names)
{
  for (; *names != NULL; names++)
    {
      const char *value = g_environ_getenv ((char **) envp, *names);

      if (value != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

/* no_proxy: comma- or space-separated host names, "*" for every host; a name
 * matches itself and its subdomains, with or without a leading dot. */
static gboolean
host_in_no_proxy (const char *host,
                  const char *no_proxy)
{
  g_auto(GStrv) entries = g_strsplit_set (no_proxy, ", ", -1);
  gsize host_len = strlen (host);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      const char *entry = entries[i];
      gsize len;

      if (strcmp (entry, "*") == 0)
        return TRUE;
      if (*entry == '.')
        entry++;
      len = strlen (entry);
      if (len == 0 || len > host_len)
        continue;
      if (g_ascii_strcasecmp (host + host_len - len, entry) == 0 &&
          (len == host_len || host[host_len - len - 1] == '.'))
        return TRUE;
    }
  return FALSE;
}

char *
gw_proxy_from_environment (const char         *url,
                           const char * const *envp)
{
  /* Like curl: the upper-case HTTP_PROXY is ignored (CGI "httpoxy"). */
  static const char * const http_names[] = { "http_proxy", "all_proxy", "ALL_PROXY", NULL };
  static const char * const https_names[] = { "https_proxy", "HTTPS_PROXY",
                                              "all_proxy", "ALL_PROXY", NULL };
  static const char * const no_proxy_names[] = { "no_proxy", "NO_PROXY", NULL };
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *proxy, *no_proxy;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    proxy = environ_first (envp, https_names);
  else if (g_ascii_strcasecmp (scheme, "http") == 0)
    proxy = environ_first (envp, http_names);
  else
    return NULL;

  no_proxy = environ_first (envp, no_proxy_names);
  if (proxy == NULL || (no_proxy != NULL && host_in_no_proxy (g_uri_get_host (uri), no_proxy)))
    return NULL;

  /* A bare "host:port" means an HTTP proxy, as curl reads it. */
  if (strstr (proxy, "://") == NULL)
    return g_strconcat ("http://", proxy, NULL);
  return g_strdup (proxy);
}

/* GIO's "socks://" leaves the version open; curl wants it spelled out.
 * Returns NULL for schemes curl cannot use. */
static char *
curl_proxy_uri (const char *gio_uri)
{
  static const char * const schemes[] = { "http", "https", "socks4", "socks4a",
                                          "socks5", "socks5h", NULL };
  g_autofree char *scheme = g_uri_parse_scheme (gio_uri);
  g_autofree char *lower = NULL;

  if (scheme == NULL)
    return NULL;
  if (g_ascii_strcasecmp (scheme, "socks") == 0)
    return g_strconcat ("socks5", gio_uri + strlen (scheme), NULL);
  lower = g_ascii_strdown (scheme, -1);
  if (g_strv_contains (schemes, lower))
    return g_strdup (gio_uri);
  return NULL;
}

static void
resolver_lookup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) proxies = NULL;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_debug ("Proxy lookup failed, connecting directly: %s", error->message);

  for (guint i = 0; proxies != NULL && proxies[i] != NULL; i++)
    {
      char *uri;

      if (g_str_has_prefix (proxies[i], "direct://"))
        break;
      uri = curl_proxy_uri (proxies[i]);
      if (uri != NULL)
        {
          g_task_return_pointer (task, uri, g_free);
          return;
        }
    }
  g_task_return_pointer (task, NULL, NULL);
}

void
gw_proxy_lookup_async (const char          *url,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  char *proxy;

  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gw_proxy_lookup_async);

  proxy = gw_proxy_from_environment (url, (const char * const *) envp);
  if (proxy != NULL)
    {
      g_task_return_pointer (task, proxy, g_free);
      return;
    }

  g_proxy_resolver_lookup_async (g_proxy_resolver_get_default (), url, cancellable,
                                 resolver_lookup_cb, g_steal_pointer (&task));
}

char *
gw_proxy_lookup_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gw_proxy_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
