/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-probe"

#include "config.h"

#include "gw-prober.h"
#include "gw-http.h"

struct _GwProber
{
  GObject  parent_instance;

  GwHttp  *http;
};

G_DEFINE_FINAL_TYPE (GwProber, gw_prober, G_TYPE_OBJECT)

#define WEB_ATTEMPTS 3
#define MIN_ATTEMPT_MS 1000

/* Bandwidth is part of the design: web and api stop after what recognises
 * an error or challenge page, the control needs a few bytes. */
static const gsize target_max_body[GW_N_TARGETS] = {
  [GW_TARGET_WEB] = 16 * 1024,
  [GW_TARGET_API] = 16 * 1024,
  [GW_TARGET_STATUS] = GW_HTTP_MAX_BODY,
  [GW_TARGET_CONTROL] = 4 * 1024,
};

/* The control must not follow redirects: a redirect is a captive portal. */
static const guint target_max_redirects[GW_N_TARGETS] = {
  [GW_TARGET_WEB] = 3,
  [GW_TARGET_API] = 3,
  [GW_TARGET_STATUS] = 3,
  [GW_TARGET_CONTROL] = 0,
};

typedef struct
{
  GwRound *round;
  guint    pending;       /* targets not finished yet */
  guint    timeout_ms;
  guint    tick_ms;       /* one second of pauses and slack */
  gint64   deadline;      /* monotonic µs: no attempt runs past it */
  GSource *retry_source;
} RoundData;

typedef struct
{
  GTask    *task;
  GwTarget  target;
} Attempt;

static void start_attempt (GTask *task, GwTarget target);

/* A duration of the round's own timing, on its clock. */
static guint
ticks_ms (const RoundData *d,
          guint            ms)
{
  return (guint) ((guint64) ms * d->tick_ms / 1000);
}

static void
round_data_free (RoundData *d)
{
  g_assert (d->retry_source == NULL);
  g_clear_pointer (&d->round, gw_round_free);
  g_free (d);
}

static void
target_done (GTask *task)
{
  RoundData *d = g_task_get_task_data (task);

  g_assert (d->pending > 0);
  if (--d->pending > 0)
    return;
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&d->round), (GDestroyNotify) gw_round_free);
}

static char *
describe_failure (const GwProbeResult *probe)
{
  const GwHttpResponse *r = probe->response;

  if (r->error != GW_HTTP_OK)
    return g_strdup (r->error_text);
  if (probe->target == GW_TARGET_CONTROL && r->http_status >= 200 && r->http_status <= 299)
    return g_strdup_printf ("HTTP %u without the expected “%s”", r->http_status,
                            GW_CONTROL_EXPECTED_PREFIX);
  return g_strdup_printf ("HTTP %u", r->http_status);
}

static void
read_status_page (GwRound *round)
{
  GwProbeResult *probe = &round->probes[GW_TARGET_STATUS];
  GByteArray *body = probe->response->body;
  g_autoptr(GError) error = NULL;

  if (probe->response->body_truncated)
    g_set_error (&error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                 "status page larger than %u KiB", GW_HTTP_MAX_BODY / 1024);
  else
    round->status_page = gw_status_page_parse ((const char *) body->data, body->len, &error);

  if (error != NULL)
    {
      probe->layer = GW_LAYER_HTTP;
      probe->failed_attempts++;
      probe->error = g_strdup (error->message);
      round->status_page_error = g_strdup (error->message);
    }
}

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  RoundData *d = g_task_get_task_data (task);

  g_clear_pointer (&d->retry_source, g_source_unref);
  if (g_task_get_cancellable (task) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    target_done (task);
  else
    start_attempt (task, GW_TARGET_WEB);
  return G_SOURCE_REMOVE;
}

/* A child source is dispatched as well as its parent: GCancellableSource
 * calls its callback without checking it, so it needs one. */
static gboolean
wake_cb (GCancellable *cancellable,
         gpointer      user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Schedules another `web` attempt when it still fits in the round. */
static gboolean
schedule_retry (GTask *task)
{
  RoundData *d = g_task_get_task_data (task);
  GwProbeResult *web = &d->round->probes[GW_TARGET_WEB];
  guint pause_ms = ticks_ms (d, web->attempts == 1 ? GW_RETRY_PAUSE_1_MS : GW_RETRY_PAUSE_2_MS);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (web->attempts >= WEB_ATTEMPTS || !gw_response_is_transient (web->response) ||
      g_get_monotonic_time () + (gint64) (pause_ms + ticks_ms (d, MIN_ATTEMPT_MS)) * 1000 >
      d->deadline)
    return FALSE;

  d->retry_source = g_timeout_source_new (pause_ms);
  if (cancellable != NULL)
    {
      /* Cancelling wakes the pause at once. */
      g_autoptr(GSource) wake = g_cancellable_source_new (cancellable);

      g_source_set_callback (wake, G_SOURCE_FUNC (wake_cb), NULL, NULL);
      g_source_add_child_source (d->retry_source, wake);
    }
  g_source_set_callback (d->retry_source, retry_cb, g_object_ref (task), g_object_unref);
  g_source_attach (d->retry_source, g_task_get_context (task));
  return TRUE;
}

static void
attempt_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Attempt *attempt = user_data;
  g_autoptr(GTask) task = attempt->task;
  GwTarget target = attempt->target;
  RoundData *d = g_task_get_task_data (task);
  GwProbeResult *probe = &d->round->probes[target];
  GwHttpResponse *response;

  g_free (attempt);
  response = gw_http_request_finish (GW_HTTP (source), result, NULL);
  if (response == NULL)   /* cancelled */
    {
      target_done (task);
      return;
    }

  probe->attempts++;
  gw_probe_result_set_response (probe, response);
  g_clear_pointer (&probe->error, g_free);
  if (probe->layer != GW_LAYER_NONE)
    {
      probe->failed_attempts++;
      probe->error = describe_failure (probe);
      if (target == GW_TARGET_WEB && schedule_retry (task))
        return;
    }
  else if (target == GW_TARGET_STATUS)
    read_status_page (d->round);

  target_done (task);
}

static void
start_attempt (GTask    *task,
               GwTarget  target)
{
  GwProber *self = g_task_get_source_object (task);
  RoundData *d = g_task_get_task_data (task);
  gint64 left_ms = (d->deadline - g_get_monotonic_time ()) / 1000;
  Attempt *attempt = g_new0 (Attempt, 1);
  GwHttpRequest request = {
    .url = d->round->probes[target].url,
    .timeout_ms = CLAMP (left_ms, ticks_ms (d, MIN_ATTEMPT_MS), (gint64) d->timeout_ms),
    .max_redirects = target_max_redirects[target],
    .max_body = target_max_body[target],
  };

  attempt->task = g_object_ref (task);
  attempt->target = target;
  gw_http_request_async (self->http, &request, g_task_get_cancellable (task),
                         attempt_cb, attempt);
}

void
gw_prober_run_async (GwProber            *self,
                     const GwProbeConfig *config,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RoundData *d;

  g_return_if_fail (GW_IS_PROBER (self));
  g_return_if_fail (config != NULL && config->timeout_ms > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gw_prober_run_async);

  d = g_new0 (RoundData, 1);
  d->round = gw_round_new ();
  d->round->started_at = g_get_real_time ();
  d->timeout_ms = config->timeout_ms;
  d->tick_ms = config->tick_ms != 0 ? config->tick_ms : 1000;
  d->deadline = g_get_monotonic_time () +
                (gint64) (config->timeout_ms + ticks_ms (d, GW_ROUND_SLACK_MS)) * 1000;
  g_task_set_task_data (task, d, (GDestroyNotify) round_data_free);

  /* Count first: a request may finish before the next one starts. */
  for (guint i = 0; i < GW_N_TARGETS; i++)
    if (config->urls[i] != NULL && config->urls[i][0] != '\0')
      {
        d->round->probes[i].url = g_strdup (config->urls[i]);
        d->pending++;
      }

  if (d->pending == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&d->round), (GDestroyNotify) gw_round_free);
      return;
    }
  for (guint i = 0; i < GW_N_TARGETS; i++)
    if (d->round->probes[i].url != NULL)
      start_attempt (task, i);
}

GwRound *
gw_prober_run_finish (GwProber      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (GW_IS_PROBER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gw_prober_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gw_prober_finalize (GObject *object)
{
  GwProber *self = GW_PROBER (object);

  g_clear_object (&self->http);
  G_OBJECT_CLASS (gw_prober_parent_class)->finalize (object);
}

static void
gw_prober_class_init (GwProberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gw_prober_finalize;
}

static void
gw_prober_init (GwProber *self)
{
}

GwProber *
gw_prober_new (const char *extra_ca_file)
{
  GwProber *self = g_object_new (GW_TYPE_PROBER, NULL);

  self->http = gw_http_new (extra_ca_file);
  return self;
}

GwHttp *
gw_prober_get_http (GwProber *self)
{
  g_return_val_if_fail (GW_IS_PROBER (self), NULL);
  return self->http;
}
