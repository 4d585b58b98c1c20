/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-monitor"

#include "config.h"

#include "gw-monitor.h"
#include "gw-incidents.h"
#include "gw-prober.h"

#include <glib/gi18n-lib.h>

struct _GwMonitor
{
  GObject          parent_instance;

  GwConfig        *config;
  GwHistory       *history;          /* NULL: no history */
  GwProber        *prober;
  GCancellable    *cancellable;      /* of the running round, or NULL */
  guint            timer_id;         /* the one timer between rounds */

  GwHysteresis     hysteresis;
  GwVerdict       *verdict;          /* shown */
  GwRound         *round;            /* the last one */
  gint64           last_check;       /* unix µs */
  gint64           last_manual;      /* of the last "Check now", unix µs */
  gint64           next_check;
  guint            round_index;      /* since start or resume */
  guint            interval_s;       /* with backoff */
  gint64           web_not_before;   /* Retry-After, unix s on the schedule clock */
  GwProbeResult    last_web;         /* the last answer of chatgpt.com, while it holds us back */
  gboolean         web_held;         /* this round leaves chatgpt.com alone */
  gint64           epoch_us;         /* the schedule clock's origin, unix µs */
  gboolean         something_open;   /* a problem or an official incident */

  gboolean         started;
  gboolean         paused;
  gboolean         offline;
  gboolean         metered;
  gboolean         asleep;
  gboolean         notify_when_back;

  GNetworkMonitor *network;
  GDBusConnection *system_bus;
  guint            sleep_subscription;
  GCancellable    *lifetime;         /* bus and incident requests */
  gint64           pruned_at;        /* unix s */
  gint64           prune_before;     /* unix s, while prune_id runs */
  guint            prune_id;         /* a step of retention per idle moment */
  gboolean         importing;
  guint            history_errors;   /* bit per GwHistoryError already said */
};

G_DEFINE_FINAL_TYPE (GwMonitor, gw_monitor, G_TYPE_OBJECT)

enum { SIGNAL_UPDATED, SIGNAL_TRANSITION, SIGNAL_HISTORY_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void start_round (GwMonitor *self);

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Milliseconds in one second of the schedule: 1000, shorter in fast tests. */
static guint
tick_ms (GwMonitor *self)
{
  return self->config->tick_ms != 0 ? self->config->tick_ms : 1000;
}

/* The schedule's clock (unix µs) at the real time real_us: the real clock,
 * unless the config shortens the second; then it runs that much faster from
 * the monitor's creation. Backoff, Retry-After and hysteresis run on it. */
static gint64
schedule_time_us (GwMonitor *self,
                  gint64     real_us)
{
  return self->epoch_us + (real_us - self->epoch_us) * 1000 / tick_ms (self);
}

static gint64
schedule_now_s (GwMonitor *self)
{
  return schedule_time_us (self, g_get_real_time ()) / G_USEC_PER_SEC;
}

static void
show (GwMonitor *self,
      GwVerdict *verdict)
{
  g_clear_pointer (&self->verdict, gw_verdict_free);
  self->verdict = verdict;
}

/* What is shown while no round can run: paused, offline, asleep. */
static void
show_idle (GwMonitor *self)
{
  GwVerdict *verdict;

  if (self->offline)
    {
      verdict = gw_verdict_new_unknown (GW_CAUSE_OFFLINE,
                                        _("This computer is offline: no network connection."));
      verdict->state = GW_STATE_LOCAL_PROBLEM;
    }
  else if (self->paused)
    verdict = gw_verdict_new_unknown (GW_CAUSE_NONE, _("Checks are paused."));
  else if (self->metered)
    verdict = gw_verdict_new_unknown (GW_CAUSE_NONE,
                                      _("Checks are paused: the connection is metered."));
  else
    return;
  verdict->checked_at = g_get_real_time ();
  show (self, verdict);
}

static gboolean
can_run (GwMonitor *self)
{
  return self->started && !self->paused && !self->offline && !self->metered && !self->asleep;
}

static gboolean
timer_cb (gpointer user_data)
{
  GwMonitor *self = user_data;

  self->timer_id = 0;
  self->next_check = 0;
  start_round (self);
  return G_SOURCE_REMOVE;
}

/* The one timer between rounds: seconds-scale, so GLib may align wakeups. */
static void
schedule (GwMonitor *self,
          gboolean   now)
{
  guint delay_ms;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->next_check = 0;
  if (!can_run (self) || self->cancellable != NULL)
    return;

  delay_ms = gw_schedule_delay_ms (self->interval_s, g_random_int (), now);
  delay_ms = (guint) ((guint64) delay_ms * tick_ms (self) / 1000);
  self->next_check = g_get_real_time () + (gint64) delay_ms * 1000;
  if (delay_ms == 0)
    self->timer_id = g_idle_add (timer_cb, self);
  else if (tick_ms (self) < 1000)
    self->timer_id = g_timeout_add (delay_ms, timer_cb, self);
  else
    self->timer_id = g_timeout_add_seconds (MAX (delay_ms / 1000, 1), timer_cb, self);
}

static void
stop_round (GwMonitor *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->next_check = 0;
}

/* Each kind of history failure is said once; writing is retried each round. */
static void
report_history_error (GwMonitor    *self,
                      const GError *error)
{
  guint bit = 1u << (error->domain == GW_HISTORY_ERROR ? MIN (error->code, 30) : 31);

  if (self->history_errors & bit)
    return;
  self->history_errors |= bit;
  g_warning ("The history is not being written: %s", error->message);
}

static void
incidents_fetched_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GwMonitor) self = user_data;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;

  self->importing = FALSE;
  incidents = gw_incidents_fetch_finish (GW_HTTP (source), result, &error);
  if (incidents != NULL && self->history != NULL &&
      gw_history_import_incidents (self->history, incidents, &error))
    g_signal_emit (self, signals[SIGNAL_HISTORY_CHANGED], 0);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Official incidents not imported: %s", error->message);
}

/* One short transaction at a time, so that the main loop never waits for a
 * whole day of rows to go. */
static gboolean
prune_step_cb (gpointer user_data)
{
  GwMonitor *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = TRUE;

  if (self->history != NULL &&
      !gw_history_prune_step (self->history, self->prune_before, GW_HISTORY_PRUNE_BATCH, &done,
                              &error))
    report_history_error (self, error);
  if (!done)
    return G_SOURCE_CONTINUE;
  self->prune_id = 0;
  return G_SOURCE_REMOVE;
}

/* Daily chores of the history: retention, and the official incidents. */
static void
maintain_history (GwMonitor *self)
{
  const char *status_url = self->config->urls[GW_TARGET_STATUS];
  gint64 now = now_s ();

  if (self->history == NULL || gw_history_is_read_only (self->history))
    return;
  if (now - self->pruned_at >= 24 * 3600 || now < self->pruned_at)
    {
      self->pruned_at = now;
      self->prune_before = now - (gint64) self->config->history_days * 24 * 3600;
      if (self->prune_id == 0)
        self->prune_id = g_idle_add_full (G_PRIORITY_LOW, prune_step_cb, self, NULL);
    }
  if (!self->importing && status_url != NULL && *status_url != '\0' &&
      gw_incidents_due (gw_history_get_incidents_imported_at (self->history), now))
    {
      self->importing = TRUE;
      gw_incidents_fetch_async (gw_prober_get_http (self->prober), status_url,
                                self->config->timeout_s * 1000, self->lifetime,
                                incidents_fetched_cb, g_object_ref (self));
    }
}

/* An open ChatGPT incident or a non-operational ChatGPT component keeps the
 * status page fetched every round. */
static gboolean
page_reports_trouble (const GwRound *round)
{
  GwComponentStatus status;

  if (round->status_page == NULL)
    return FALSE;
  status = gw_status_page_chatgpt_status (round->status_page);
  return status != GW_COMPONENT_OPERATIONAL && status != GW_COMPONENT_UNKNOWN;
}

static void
remember_retry_after (GwMonitor     *self,
                      const GwRound *round)
{
  const GwHttpResponse *web = round->probes[GW_TARGET_WEB].response;

  if (web == NULL)
    return;
  self->web_not_before = gw_retry_after_not_before (
    web->http_status, gw_http_response_get_header (web, GW_HTTP_HEADER_RETRY_AFTER),
    schedule_now_s (self));
}

/* Hysteresis decides what is shown and what is worth a notification. */
static void
apply_verdict (GwMonitor *self,
               GwVerdict *verdict)
{
  GwHysteresisResult result;

  gw_hysteresis_feed (&self->hysteresis, schedule_time_us (self, verdict->checked_at),
                      verdict->state, verdict->cause, &result);
  self->interval_s = gw_schedule_next_interval_s (self->config->interval_s, self->interval_s,
                                                  verdict->state, result.streak);
  /* While a problem is confirmed gone, the problem's verdict stays shown. */
  if (result.displayed == verdict->state || self->verdict == NULL ||
      self->verdict->state == GW_STATE_UNKNOWN)
    show (self, verdict);
  else
    gw_verdict_free (verdict);

  self->notify_when_back = self->hysteresis.notify_when_back;
  if (result.notify != GW_NOTIFY_NONE)
    g_signal_emit (self, signals[SIGNAL_TRANSITION], 0, result.notify, result.down_for_s);
}

/* While Retry-After holds chatgpt.com back, its last answer still stands:
 * the verdict reads it (rate limited), not the API alone, which would call
 * ChatGPT fine. The history stores the round as it ran. */
static GwVerdict *
classify (GwMonitor               *self,
          const GwRound           *round,
          const GwClassifyOptions *options)
{
  g_autoptr(GwRound) seen = NULL;

  if (gw_probe_result_enabled (&round->probes[GW_TARGET_WEB]))
    gw_probe_result_copy_into (&self->last_web, &round->probes[GW_TARGET_WEB]);
  if (!self->web_held || self->last_web.url == NULL)
    return gw_verdict_classify (round, options);
  seen = gw_round_copy (round);
  gw_probe_result_copy_into (&seen->probes[GW_TARGET_WEB], &self->last_web);
  return gw_verdict_classify (seen, options);
}

static void
round_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GwMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  GwRound *round;
  GwVerdict *verdict;
  GwClassifyOptions options;

  round = gw_prober_run_finish (GW_PROBER (source), result, &error);
  if (round == NULL)
    return;   /* cancelled: whoever cancelled already rescheduled */

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->round, gw_round_free);
  self->round = round;
  self->round_index++;

  options.slow_first_byte_us = (gint64) self->config->slow_threshold_ms * tick_ms (self);
  verdict = classify (self, round, &options);
  if (self->history != NULL && !gw_history_record_round (self->history, round, verdict, &error))
    report_history_error (self, error);
  remember_retry_after (self, round);
  apply_verdict (self, verdict);
  self->something_open = self->verdict->state != GW_STATE_OPERATIONAL ||
                         page_reports_trouble (round);

  maintain_history (self);
  schedule (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
  g_signal_emit (self, signals[SIGNAL_HISTORY_CHANGED], 0);
}

static void
start_round (GwMonitor *self)
{
  GwProbeConfig probe = {
    .timeout_ms = self->config->timeout_s * tick_ms (self),
    .tick_ms = tick_ms (self),
  };

  if (!can_run (self) || self->cancellable != NULL)
    return;

  for (guint i = 0; i < GW_N_TARGETS; i++)
    probe.urls[i] = self->config->urls[i];
  /* The status page has no ETag: every 2nd round unless something is open. */
  if (!gw_schedule_fetch_status (self->round_index, self->something_open))
    probe.urls[GW_TARGET_STATUS] = NULL;
  /* A 429 asked us to wait before asking chatgpt.com again. */
  self->web_held = probe.urls[GW_TARGET_WEB] != NULL && *probe.urls[GW_TARGET_WEB] != '\0' &&
                   gw_schedule_skip_web (schedule_now_s (self), self->web_not_before);
  if (self->web_held)
    probe.urls[GW_TARGET_WEB] = NULL;

  self->cancellable = g_cancellable_new ();
  self->last_check = g_get_real_time ();
  gw_prober_run_async (self->prober, &probe, self->cancellable, round_done_cb,
                       g_object_ref (self));
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
}

/* Time paused, offline or asleep is never counted as an outage. */
static void
resume (GwMonitor *self)
{
  gw_hysteresis_resume (&self->hysteresis);
  self->round_index = 0;
  self->interval_s = self->config->interval_s;
  if (can_run (self))
    {
      g_clear_pointer (&self->verdict, gw_verdict_free);
      self->verdict = gw_verdict_new_unknown (GW_CAUSE_NO_EVIDENCE, _("Checking ChatGPT…"));
      schedule (self, TRUE);
    }
  else
    show_idle (self);
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
}

static void
suspend (GwMonitor *self)
{
  stop_round (self);
  show_idle (self);
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
}

static void
network_changed_cb (GNetworkMonitor *network,
                    gboolean         available,
                    GwMonitor       *self)
{
  gboolean offline = !g_network_monitor_get_network_available (network);
  gboolean metered = self->config->pause_on_metered &&
                     g_network_monitor_get_network_metered (network);

  /* Route changes that change neither are not news. */
  if (offline == self->offline && metered == self->metered)
    return;
  self->offline = offline;
  self->metered = metered;
  if (can_run (self))
    resume (self);
  else
    suspend (self);
}

static void
prepare_for_sleep_cb (GDBusConnection *bus,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  GwMonitor *self = user_data;
  gboolean going_to_sleep = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &going_to_sleep);
  self->asleep = going_to_sleep;
  if (going_to_sleep)
    suspend (self);
  else
    resume (self);
}

static void
system_bus_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GwMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->system_bus = g_bus_get_finish (result, &error);
  if (self->system_bus == NULL)
    {
      g_debug ("No system bus, no suspend notice: %s", error->message);
      return;
    }
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, prepare_for_sleep_cb,
                                        self, NULL);
}

void
gw_monitor_start (GwMonitor *self)
{
  g_return_if_fail (GW_IS_MONITOR (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->network = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network, "network-changed", G_CALLBACK (network_changed_cb),
                           self, 0);
  self->offline = !g_network_monitor_get_network_available (self->network);
  self->metered = self->config->pause_on_metered &&
                  g_network_monitor_get_network_metered (self->network);
  g_bus_get (G_BUS_TYPE_SYSTEM, self->lifetime, system_bus_cb, g_object_ref (self));
  resume (self);
}

const GwVerdict *
gw_monitor_get_verdict (GwMonitor *self)
{
  g_return_val_if_fail (GW_IS_MONITOR (self), NULL);
  return self->verdict;
}

const GwRound *
gw_monitor_get_round (GwMonitor *self)
{
  g_return_val_if_fail (GW_IS_MONITOR (self), NULL);
  return self->round;
}

gint64
gw_monitor_get_last_check (GwMonitor *self)
{
  g_return_val_if_fail (GW_IS_MONITOR (self), 0);
  return self->last_check;
}

gint64
gw_monitor_get_next_check (GwMonitor *self)
{
  g_return_val_if_fail (GW_IS_MONITOR (self), 0);
  return self->next_check;
}

gboolean
gw_monitor_is_running (GwMonitor *self)
{
  g_return_val_if_fail (GW_IS_MONITOR (self), FALSE);
  return self->cancellable != NULL;
}

gint64
gw_monitor_get_problem_since (GwMonitor *self)
{
  g_return_val_if_fail (GW_IS_MONITOR (self), 0);
  return self->hysteresis.problem_since_us;
}

gint64
gw_monitor_get_check_now_available_at (GwMonitor *self)
{
  gint64 at;

  g_return_val_if_fail (GW_IS_MONITOR (self), 0);

  at = self->last_manual + (gint64) GW_CHECK_NOW_MIN_GAP_S * G_USEC_PER_SEC;
  return self->last_manual > 0 && at > g_get_real_time () ? at : 0;
}

gboolean
gw_monitor_check_now (GwMonitor *self,
                      gint64    *available_at)
{
  gint64 at;

  g_return_val_if_fail (GW_IS_MONITOR (self), FALSE);

  /* Refreshing nonstop does not help: at most one check a minute. */
  at = gw_monitor_get_check_now_available_at (self);
  if (available_at != NULL)
    *available_at = at;
  if (at != 0 || !can_run (self))
    return FALSE;
  self->last_manual = g_get_real_time ();
  if (self->cancellable == NULL)
    {
      g_clear_handle_id (&self->timer_id, g_source_remove);
      start_round (self);
    }
  return TRUE;
}

void
gw_monitor_set_paused (GwMonitor *self,
                       gboolean   paused)
{
  g_return_if_fail (GW_IS_MONITOR (self));

  if (self->paused == !!paused)
    return;
  self->paused = !!paused;
  if (paused)
    suspend (self);
  else
    resume (self);
}

gboolean
gw_monitor_get_paused (GwMonitor *self)
{
  g_return_val_if_fail (GW_IS_MONITOR (self), FALSE);
  return self->paused;
}

gboolean
gw_monitor_set_notify_when_back (GwMonitor *self,
                                 gboolean   notify)
{
  g_return_val_if_fail (GW_IS_MONITOR (self), FALSE);

  if (notify)
    self->notify_when_back = gw_hysteresis_notify_when_back (&self->hysteresis);
  else
    self->notify_when_back = self->hysteresis.notify_when_back = FALSE;
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
  return self->notify_when_back == !!notify;
}

gboolean
gw_monitor_get_notify_when_back (GwMonitor *self)
{
  g_return_val_if_fail (GW_IS_MONITOR (self), FALSE);
  return self->notify_when_back;
}

static void
gw_monitor_dispose (GObject *object)
{
  GwMonitor *self = GW_MONITOR (object);

  stop_round (self);
  g_clear_handle_id (&self->prune_id, g_source_remove);
  g_cancellable_cancel (self->lifetime);
  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);
  g_clear_object (&self->network);
  g_clear_object (&self->prober);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (gw_monitor_parent_class)->dispose (object);
}

static void
gw_monitor_finalize (GObject *object)
{
  GwMonitor *self = GW_MONITOR (object);

  g_clear_object (&self->lifetime);
  g_clear_pointer (&self->verdict, gw_verdict_free);
  g_clear_pointer (&self->round, gw_round_free);
  gw_probe_result_clear (&self->last_web);
  g_clear_pointer (&self->config, gw_config_free);
  G_OBJECT_CLASS (gw_monitor_parent_class)->finalize (object);
}

static void
gw_monitor_class_init (GwMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gw_monitor_dispose;
  object_class->finalize = gw_monitor_finalize;

  signals[SIGNAL_UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_TRANSITION] = g_signal_new ("transition", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
  signals[SIGNAL_HISTORY_CHANGED] = g_signal_new ("history-changed", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 0);
}

static void
gw_monitor_init (GwMonitor *self)
{
  self->lifetime = g_cancellable_new ();
  self->verdict = gw_verdict_new_unknown (GW_CAUSE_NO_EVIDENCE, NULL);
}

GwMonitor *
gw_monitor_new (const GwConfig *config,
                GwHistory      *history)
{
  GwMonitor *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (history == NULL || GW_IS_HISTORY (history), NULL);

  self = g_object_new (GW_TYPE_MONITOR, NULL);
  self->config = gw_config_copy (config);
  self->history = history ? g_object_ref (history) : NULL;
  self->prober = gw_prober_new (config->ca_file);
  self->interval_s = config->interval_s;
  self->epoch_us = g_get_real_time ();
  return self;
}
