/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-incidents"

#include "config.h"

#include "gw-incidents.h"
#include "gw-status-page.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#define SUMMARY_NAME "summary.json"

char *
gw_incidents_url_for (const char *summary_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) incidents = NULL;
  const char *path;
  g_autofree char *dir = NULL;
  g_autofree char *new_path = NULL;

  g_return_val_if_fail (summary_url != NULL, NULL);

  uri = g_uri_parse (summary_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;
  path = g_uri_get_path (uri);
  if (!g_str_has_suffix (path, "/" SUMMARY_NAME))
    return NULL;

  dir = g_strndup (path, strlen (path) - strlen (SUMMARY_NAME));
  new_path = g_strconcat (dir, "incidents.json", NULL);
  /* The query and fragment of the summary's address do not carry over. */
  incidents = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                           g_uri_get_host (uri), g_uri_get_port (uri), new_path, NULL, NULL);
  return g_uri_to_string (incidents);
}

gboolean
gw_incidents_due (gint64 imported_at,
                  gint64 now)
{
  /* A clock set back makes the last import look in the future: fetch again. */
  return imported_at <= 0 || now < imported_at || now - imported_at >= GW_INCIDENTS_INTERVAL_S;
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GwHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *incidents;

  response = gw_http_request_finish (GW_HTTP (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (response->error != GW_HTTP_OK || response->http_status < 200 || response->http_status > 299)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The status page’s incident history could not be fetched: %s"),
                               response->error_text ? response->error_text : "HTTP error");
      return;
    }
  if (response->body_truncated)
    {
      g_task_return_new_error (task, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                               _("The status page’s incident history is larger than %u KiB"),
                               GW_HTTP_MAX_BODY / 1024);
      return;
    }

  incidents = gw_status_page_parse_incidents ((const char *) response->body->data,
                                              response->body->len, &error);
  if (incidents == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, incidents, (GDestroyNotify) g_ptr_array_unref);
}

void
gw_incidents_fetch_async (GwHttp              *http,
                          const char          *summary_url,
                          guint                timeout_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  GwHttpRequest request = { NULL, timeout_ms, 3, GW_HTTP_MAX_BODY };

  g_return_if_fail (GW_IS_HTTP (http));
  g_return_if_fail (summary_url != NULL);

  task = g_task_new (http, cancellable, callback, user_data);
  g_task_set_source_tag (task, gw_incidents_fetch_async);

  url = gw_incidents_url_for (summary_url);
  if (url == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("No incident history next to %s"), summary_url);
      return;
    }
  request.url = url;
  gw_http_request_async (http, &request, cancellable, fetched_cb, g_steal_pointer (&task));
}

GPtrArray *
gw_incidents_fetch_finish (GwHttp        *http,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, http), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gw_incidents_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
