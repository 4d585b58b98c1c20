/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-http"

#include "config.h"

#include "gw-http.h"
#include "gw-curl-source.h"
#include "gw-proxy.h"

#include <string.h>
#include <curl/curl.h>

struct _GwHttp
{
  GObject  parent_instance;

  GSource *source;         /* drives the multi handle */
  char    *extra_ca_file;
  GBytes  *ca_blob;        /* system roots + extra CA, when curl has no CA path */
};

G_DEFINE_FINAL_TYPE (GwHttp, gw_http, G_TYPE_OBJECT)

typedef struct
{
  GwHttp         *http;             /* unowned: the task holds a reference */
  GTask          *task;             /* unowned: owns this struct */
  GwHttpRequest   request;
  char           *url;
  CURL           *easy;             /* non-NULL while in the multi handle */
  GwHttpResponse *response;
  char            error_buffer[CURL_ERROR_SIZE];
  gulong          cancelled_id;
} Transfer;

static void
transfer_free (Transfer *t)
{
  g_assert (t->easy == NULL);
  g_free (t->url);
  g_clear_pointer (&t->response, gw_http_response_free);
  g_free (t);
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  Transfer *t = user_data;
  GByteArray *body = t->response->body;
  gsize len = size * nmemb;
  gsize room = t->request.max_body - body->len;

  if (len > room)
    {
      /* Keep what fits and stop the transfer: never buffer a body whole. */
      g_byte_array_append (body, (const guint8 *) data, room);
      t->response->body_truncated = TRUE;
      return 0;
    }
  g_byte_array_append (body, (const guint8 *) data, len);
  return len;
}

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  nmemb,
           void   *user_data)
{
  Transfer *t = user_data;

  gw_http_response_feed_header_line (t->response, data, size * nmemb);
  return size * nmemb;
}

static void
configure_ca (GwHttp *self,
              CURL   *easy)
{
  if (self->ca_blob != NULL)
    {
      struct curl_blob blob = {
        .data = (void *) g_bytes_get_data (self->ca_blob, NULL),
        .len = g_bytes_get_size (self->ca_blob),
        .flags = CURL_BLOB_COPY,
      };
      curl_easy_setopt (easy, CURLOPT_CAINFO_BLOB, &blob);
    }
  else if (self->extra_ca_file != NULL)
    {
      /* curl keeps its default CA path next to this file: both are trusted. */
      curl_easy_setopt (easy, CURLOPT_CAINFO, self->extra_ca_file);
    }
}

static void
configure_protocols (CURL       *easy,
                     const char *url)
{
  /* Never follow an https address to plain http. */
  gboolean secure = g_ascii_strncasecmp (url, "https:", 6) == 0;

#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt (easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (easy, CURLOPT_REDIR_PROTOCOLS_STR, secure ? "https" : "http,https");
#else
  curl_easy_setopt (easy, CURLOPT_PROTOCOLS, (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS));
  curl_easy_setopt (easy, CURLOPT_REDIR_PROTOCOLS,
                    (long) (secure ? CURLPROTO_HTTPS : CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
}

static CURL *
create_easy (GwHttp   *self,
             Transfer *t)
{
  CURL *easy = curl_easy_init ();

  if (easy == NULL)
    return NULL;

  curl_easy_setopt (easy, CURLOPT_URL, t->url);
  curl_easy_setopt (easy, CURLOPT_PRIVATE, t);
  curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, t->error_buffer);
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (easy, CURLOPT_WRITEDATA, t);
  curl_easy_setopt (easy, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (easy, CURLOPT_HEADERDATA, t);
  curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (easy, CURLOPT_USERAGENT, "Gatewatch/" PACKAGE_VERSION);
  curl_easy_setopt (easy, CURLOPT_ACCEPT_ENCODING, "");
  /* A fresh connection and a fresh name lookup: the timings must be real. */
  curl_easy_setopt (easy, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt (easy, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt (easy, CURLOPT_DNS_CACHE_TIMEOUT, 0L);
  curl_easy_setopt (easy, CURLOPT_TIMEOUT_MS, (long) t->request.timeout_ms);
  curl_easy_setopt (easy, CURLOPT_CONNECTTIMEOUT_MS, (long) t->request.timeout_ms);
  curl_easy_setopt (easy, CURLOPT_FOLLOWLOCATION, t->request.max_redirects > 0 ? 1L : 0L);
  curl_easy_setopt (easy, CURLOPT_MAXREDIRS, (long) t->request.max_redirects);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (easy, CURLOPT_CERTINFO, 1L);
  curl_easy_setopt (easy, CURLOPT_PROXY, t->response->proxy ? t->response->proxy : "");
  curl_easy_setopt (easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
#if LIBCURL_VERSION_NUM >= 0x075700
  /* A name lookup that outlives its timeout must not block the main loop
   * while curl waits for its resolver thread. */
  curl_easy_setopt (easy, CURLOPT_QUICK_EXIT, 1L);
#endif
  configure_protocols (easy, t->url);
  configure_ca (self, easy);
  return easy;
}

static gboolean
is_tls_error (CURLcode code)
{
  switch (code)
    {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
      return TRUE;
    default:
      return FALSE;
    }
}

static GwHttpError
classify_curl_code (CURLcode              code,
                    const GwHttpResponse *r)
{
  gboolean proxied = r->proxy != NULL;

  if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && r->body_truncated))
    return GW_HTTP_OK;
  if (proxied && r->proxy_status >= 300)
    return GW_HTTP_ERROR_PROXY;   /* the proxy refused the tunnel */
  if (is_tls_error (code))
    return GW_HTTP_ERROR_TLS;

  switch (code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
      return GW_HTTP_ERROR_DNS;
    case CURLE_COULDNT_RESOLVE_PROXY:
#if LIBCURL_VERSION_NUM >= 0x074900
    case CURLE_PROXY:
#endif
      return GW_HTTP_ERROR_PROXY;
    case CURLE_COULDNT_CONNECT:
      return proxied ? GW_HTTP_ERROR_PROXY : GW_HTTP_ERROR_CONNECT;
    case CURLE_OPERATION_TIMEDOUT:
      /* Out of time before a name resolved is a DNS failure. */
      if (r->timings.connect_us < 0 && r->timings.dns_us < 0)
        return proxied ? GW_HTTP_ERROR_PROXY : GW_HTTP_ERROR_DNS;
      return GW_HTTP_ERROR_TIMEOUT;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return GW_HTTP_ERROR_BROKEN;
    default:
      return GW_HTTP_ERROR_PROTOCOL;
    }
}

static gint64
info_time (CURL     *easy,
           CURLINFO  info)
{
  curl_off_t value = 0;

  if (curl_easy_getinfo (easy, info, &value) != CURLE_OK)
    return 0;
  return value;
}

static void
read_timings (CURL      *easy,
              GwTimings *timings)
{
  gint64 lookup = info_time (easy, CURLINFO_NAMELOOKUP_TIME_T);
  gint64 connect = info_time (easy, CURLINFO_CONNECT_TIME_T);
  gint64 tls = info_time (easy, CURLINFO_APPCONNECT_TIME_T);
  gint64 first = info_time (easy, CURLINFO_STARTTRANSFER_TIME_T);

  /* curl's times are cumulative from the start, 0 for a phase never reached. */
  timings->dns_us = connect > 0 || lookup > 0 ? lookup : -1;
  timings->connect_us = connect > 0 ? connect - lookup : -1;
  timings->tls_us = tls > 0 ? tls - connect : -1;
  timings->first_byte_us = first > 0 ? first : -1;
  timings->total_us = info_time (easy, CURLINFO_TOTAL_TIME_T);
}

/* The issuer of the peer's own certificate, from curl's certificate info,
 * which OpenSSL fills in before the verification verdict. */
static char *
read_tls_issuer (CURL *easy)
{
  struct curl_certinfo *info = NULL;

  if (curl_easy_getinfo (easy, CURLINFO_CERTINFO, &info) != CURLE_OK ||
      info == NULL || info->num_of_certs < 1)
    return NULL;

  for (struct curl_slist *item = info->certinfo[0]; item != NULL; item = item->next)
    if (g_str_has_prefix (item->data, "Issuer:"))
      return g_utf8_make_valid (g_strstrip (item->data + strlen ("Issuer:")), -1);
  return NULL;
}

static void
read_response (Transfer *t,
               CURLcode  code)
{
  GwHttpResponse *r = t->response;
  long status = 0, connect_code = 0, redirects = 0, verify = 0;

  curl_easy_getinfo (t->easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo (t->easy, CURLINFO_HTTP_CONNECTCODE, &connect_code);
  curl_easy_getinfo (t->easy, CURLINFO_REDIRECT_COUNT, &redirects);
  curl_easy_getinfo (t->easy, CURLINFO_SSL_VERIFYRESULT, &verify);
  r->http_status = CLAMP (status, 0, 999);
  r->proxy_status = CLAMP (connect_code, 0, 999);
  r->redirects = CLAMP (redirects, 0, G_MAXINT);
  read_timings (t->easy, &r->timings);
  r->error = classify_curl_code (code, r);
  r->tls_verify_failed = code == CURLE_PEER_FAILED_VERIFICATION ||
                         (r->error == GW_HTTP_ERROR_TLS && verify != 0);
  if (r->error == GW_HTTP_ERROR_TLS)
    r->tls_issuer = read_tls_issuer (t->easy);
  if (r->error != GW_HTTP_OK)
    r->error_text = g_utf8_make_valid (t->error_buffer[0] != '\0' ? t->error_buffer
                                                                  : curl_easy_strerror (code), -1);
}

/* Takes the transfer out of curl and drops the reference the multi handle
 * held; the caller holds its own and then returns the task. */
static void
transfer_detach (GTask *task)
{
  Transfer *t = g_task_get_task_data (task);
  GwHttp *self = t->http;

  g_assert (t->easy != NULL);
  curl_multi_remove_handle (gw_curl_source_get_multi (self->source), t->easy);
  g_clear_pointer (&t->easy, curl_easy_cleanup);
  g_cancellable_disconnect (g_task_get_cancellable (task), t->cancelled_id);
  t->cancelled_id = 0;
  g_object_unref (task);
}

static gboolean
cancel_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  Transfer *t = g_task_get_task_data (task);

  /* The transfer may have finished between the signal and now. */
  if (t->easy != NULL)
    {
      transfer_detach (task);
      g_task_return_error_if_cancelled (task);
    }
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              GTask        *task)
{
  g_autoptr(GSource) idle = g_idle_source_new ();

  /* Never touch curl or return the task from inside the signal. */
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, cancel_idle_cb, g_object_ref (task), g_object_unref);
  g_source_attach (idle, g_task_get_context (task));
}

/* Called by the curl source after each dispatch. */
static gboolean
transfers_done_cb (gpointer user_data)
{
  GwHttp *self = user_data;
  CURLM *multi = gw_curl_source_get_multi (self->source);
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_object_unref);
  CURLMsg *msg;
  int left;

  while ((msg = curl_multi_info_read (multi, &left)) != NULL)
    {
      Transfer *t = NULL;

      if (msg->msg != CURLMSG_DONE)
        continue;
      curl_easy_getinfo (msg->easy_handle, CURLINFO_PRIVATE, (char **) &t);
      read_response (t, msg->data.result);
      g_ptr_array_add (done, g_object_ref (t->task));
    }

  /* Return the tasks only now: their callbacks may start new transfers. */
  for (guint i = 0; i < done->len; i++)
    {
      GTask *task = g_ptr_array_index (done, i);
      Transfer *t = g_task_get_task_data (task);

      transfer_detach (task);
      g_task_return_pointer (task, g_steal_pointer (&t->response),
                             (GDestroyNotify) gw_http_response_free);
    }
  return G_SOURCE_CONTINUE;
}

static void
proxy_lookup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Transfer *t = g_task_get_task_data (task);
  GwHttp *self = t->http;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  CURLMcode mcode;

  t->response->proxy = gw_proxy_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  t->easy = create_easy (self, t);
  if (t->easy == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "curl_easy_init failed");
      return;
    }

  mcode = curl_multi_add_handle (gw_curl_source_get_multi (self->source), t->easy);
  if (mcode != CURLM_OK)
    {
      g_clear_pointer (&t->easy, curl_easy_cleanup);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "curl_multi_add_handle: %s", curl_multi_strerror (mcode));
      return;
    }

  /* If already cancelled, the handler runs now and queues the removal. */
  if (cancellable != NULL)
    t->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), task, NULL);
  /* The multi handle owns this reference until transfer_detach (). */
  g_steal_pointer (&task);
}

void
gw_http_request_async (GwHttp              *self,
                       const GwHttpRequest *request,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Transfer *t;

  g_return_if_fail (GW_IS_HTTP (self));
  g_return_if_fail (request != NULL && request->url != NULL);
  g_return_if_fail (request->max_body <= GW_HTTP_MAX_BODY);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gw_http_request_async);

  t = g_new0 (Transfer, 1);
  t->http = self;
  t->task = task;
  t->request = *request;
  t->url = g_strdup (request->url);
  t->request.url = t->url;
  t->response = gw_http_response_new ();
  g_task_set_task_data (task, t, (GDestroyNotify) transfer_free);

  gw_proxy_lookup_async (t->url, cancellable, proxy_lookup_cb, g_steal_pointer (&task));
}

GwHttpResponse *
gw_http_request_finish (GwHttp        *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (GW_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gw_http_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* When curl knows a CA file but no CA directory, a file of our own would
 * replace the system roots: hand curl both in one blob instead. */
static GBytes *
load_ca_blob (const char *extra_ca_file)
{
  const curl_version_info_data *info = curl_version_info (CURLVERSION_NOW);
  g_autofree char *system_roots = NULL, *extra = NULL;
  gsize system_len = 0, extra_len = 0;
  g_autoptr(GError) error = NULL;
  GByteArray *blob;

  if (info->capath != NULL || info->cainfo == NULL)
    return NULL;
  if (!g_file_get_contents (info->cainfo, &system_roots, &system_len, &error) ||
      !g_file_get_contents (extra_ca_file, &extra, &extra_len, &error))
    {
      g_warning ("Cannot combine CA bundles, using %s alone: %s", extra_ca_file, error->message);
      return NULL;
    }

  blob = g_byte_array_sized_new (system_len + extra_len + 1);
  g_byte_array_append (blob, (const guint8 *) system_roots, system_len);
  g_byte_array_append (blob, (const guint8 *) "\n", 1);
  g_byte_array_append (blob, (const guint8 *) extra, extra_len);
  return g_byte_array_free_to_bytes (blob);
}

static void
gw_http_dispose (GObject *object)
{
  GwHttp *self = GW_HTTP (object);

  /* Every task holds a reference on us: no transfer is left in curl here. */
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  G_OBJECT_CLASS (gw_http_parent_class)->dispose (object);
}

static void
gw_http_finalize (GObject *object)
{
  GwHttp *self = GW_HTTP (object);

  g_free (self->extra_ca_file);
  g_clear_pointer (&self->ca_blob, g_bytes_unref);
  G_OBJECT_CLASS (gw_http_parent_class)->finalize (object);
}

static void
gw_http_class_init (GwHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gw_http_dispose;
  object_class->finalize = gw_http_finalize;
  curl_global_init (CURL_GLOBAL_DEFAULT);
}

static void
gw_http_init (GwHttp *self)
{
  self->source = gw_curl_source_new ();
  g_source_set_callback (self->source, transfers_done_cb, self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());
}

GwHttp *
gw_http_new (const char *extra_ca_file)
{
  GwHttp *self = g_object_new (GW_TYPE_HTTP, NULL);

  if (extra_ca_file != NULL)
    {
      self->extra_ca_file = g_strdup (extra_ca_file);
      self->ca_blob = load_ca_blob (extra_ca_file);
    }
  return self;
}

const char *
gw_http_get_extra_ca_file (GwHttp *self)
{
  g_return_val_if_fail (GW_IS_HTTP (self), NULL);
  return self->extra_ca_file;
}
