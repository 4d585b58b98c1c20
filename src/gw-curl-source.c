/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-http"

#include "config.h"

#include "gw-curl-source.h"

typedef struct
{
  GSource     source;
  CURLM      *multi;
  GHashTable *sockets;   /* curl_socket_t → fd tag of g_source_add_unix_fd () */
} GwCurlSource;

typedef struct
{
  curl_socket_t fd;
  int           events;
} Ready;

static GIOCondition
condition_for_action (int what)
{
  switch (what)
    {
    case CURL_POLL_IN: return G_IO_IN;
    case CURL_POLL_OUT: return G_IO_OUT;
    case CURL_POLL_INOUT: return G_IO_IN | G_IO_OUT;
    default: return 0;
    }
}

/* CURLMOPT_SOCKETFUNCTION: only bookkeeping, no libcurl calls. */
static int
socket_cb (CURL          *easy,
           curl_socket_t  fd,
           int            what,
           void          *user_data,
           void          *socket_data)
{
  GwCurlSource *self = user_data;
  gpointer tag = g_hash_table_lookup (self->sockets, GINT_TO_POINTER (fd));

  if (what == CURL_POLL_REMOVE)
    {
      if (tag != NULL)
        g_source_remove_unix_fd (&self->source, tag);
      g_hash_table_remove (self->sockets, GINT_TO_POINTER (fd));
    }
  else if (tag != NULL)
    g_source_modify_unix_fd (&self->source, tag, condition_for_action (what));
  else
    {
      tag = g_source_add_unix_fd (&self->source, fd, condition_for_action (what));
      g_hash_table_insert (self->sockets, GINT_TO_POINTER (fd), tag);
    }
  return 0;
}

/* CURLMOPT_TIMERFUNCTION: curl's one timer is the source's ready time. */
static int
timer_cb (CURLM *multi,
          long   timeout_ms,
          void  *user_data)
{
  GwCurlSource *self = user_data;

  g_source_set_ready_time (&self->source,
                           timeout_ms < 0 ? -1 :
                           g_get_monotonic_time () + (gint64) timeout_ms * 1000);
  return 0;
}

static int
curl_events_for (GIOCondition condition)
{
  int events = 0;

  if (condition & (G_IO_IN | G_IO_HUP))
    events |= CURL_CSELECT_IN;
  if (condition & G_IO_OUT)
    events |= CURL_CSELECT_OUT;
  if (condition & (G_IO_ERR | G_IO_NVAL))
    events |= CURL_CSELECT_ERR;
  return events;
}

static gboolean
gw_curl_source_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  GwCurlSource *self = (GwCurlSource *) source;
  g_autoptr(GArray) ready = g_array_new (FALSE, FALSE, sizeof (Ready));
  GHashTableIter iter;
  gpointer key, tag;
  gint64 ready_time = g_source_get_ready_time (source);
  int running;

  /* Collect first: socket_action may add or remove sockets. */
  g_hash_table_iter_init (&iter, self->sockets);
  while (g_hash_table_iter_next (&iter, &key, &tag))
    {
      GIOCondition condition = g_source_query_unix_fd (source, tag);

      if (condition != 0)
        g_array_append_val (ready, ((Ready) { GPOINTER_TO_INT (key), curl_events_for (condition) }));
    }

  for (guint i = 0; i < ready->len; i++)
    {
      const Ready *r = &g_array_index (ready, Ready, i);

      curl_multi_socket_action (self->multi, r->fd, r->events, &running);
    }

  if (ready_time >= 0 && ready_time <= g_source_get_time (source))
    {
      g_source_set_ready_time (source, -1);
      curl_multi_socket_action (self->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    }

  if (callback != NULL)
    return callback (user_data);
  return G_SOURCE_CONTINUE;
}

static void
gw_curl_source_finalize (GSource *source)
{
  GwCurlSource *self = (GwCurlSource *) source;

  /* The owner removed every easy handle before dropping the source. */
  curl_multi_cleanup (self->multi);
  g_hash_table_unref (self->sockets);
}

static GSourceFuncs gw_curl_source_funcs = {
  .dispatch = gw_curl_source_dispatch,
  .finalize = gw_curl_source_finalize,
};

GSource *
gw_curl_source_new (void)
{
  GSource *source = g_source_new (&gw_curl_source_funcs, sizeof (GwCurlSource));
  GwCurlSource *self = (GwCurlSource *) source;

  g_source_set_name (source, "GwCurlSource");
  self->sockets = g_hash_table_new (NULL, NULL);
  self->multi = curl_multi_init ();
  curl_multi_setopt (self->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
  curl_multi_setopt (self->multi, CURLMOPT_SOCKETDATA, self);
  curl_multi_setopt (self->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
  curl_multi_setopt (self->multi, CURLMOPT_TIMERDATA, self);
  return source;
}

CURLM *
gw_curl_source_get_multi (GSource *source)
{
  g_return_val_if_fail (source != NULL, NULL);
  return ((GwCurlSource *) source)->multi;
}
