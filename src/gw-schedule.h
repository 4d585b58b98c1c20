/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-verdict.h"

G_BEGIN_DECLS

/* When to probe next, what to probe, and what to show and announce after
 * each round. Pure: no GObject, no I/O; every clock and random value is
 * passed in, so the monitor owns the timers and the tests own the time. */

#define GW_SCHEDULE_MIN_INTERVAL_S      5
#define GW_SCHEDULE_MAX_INTERVAL_S      3600
#define GW_SCHEDULE_JITTER_PERCENT      10
#define GW_RETRY_AFTER_MAX_S            3600  /* a longer Retry-After is cut to this */
#define GW_BACKOFF_MAX_S                300   /* backoff stretches a shorter interval up to this */
#define GW_NOTIFY_MIN_GAP_S             600   /* between two notifications of the same kind */
#define GW_LOCAL_PROBLEM_NOTIFY_AFTER_S 120   /* a local problem must last longer than this */

/* ---- Rounds ---- */

/* The delay before the next round, in milliseconds: interval_s (clamped to
 * GW_SCHEDULE_MIN_INTERVAL_S…GW_SCHEDULE_MAX_INTERVAL_S) ±10 %, spread
 * uniformly by random (the caller passes g_random_int ()): 0 gives
 * 0.9 × interval, G_MAXUINT32 gives 1.1 × interval. Never below one second.
 * resumed: after resume from suspend, when the network comes back or when
 * unpaused; the answer is then 0, probe at once. */
guint    gw_schedule_delay_ms        (guint     interval_s,
                                      guint32   random,
                                      gboolean  resumed);

/* Whether a round fetches the status page: every round while something is
 * open (the previous verdict was not operational, or the last status page
 * showed an open ChatGPT incident or a non-operational ChatGPT component),
 * else every second round. round_index counts rounds from 0, so the first
 * round always fetches; restart it at 0 after resume. */
gboolean gw_schedule_fetch_status    (guint     round_index,
                                      gboolean  something_open);

/* The interval, in seconds, to hand to gw_schedule_delay_ms () after a round.
 * prev_s: what this function answered last time (0 at first). state and
 * streak: the round's classified state and GwHysteresisResult.streak.
 * From the second local-problem round in a row the interval doubles from
 * prev_s up to MAX (GW_BACKOFF_MAX_S, interval_s); any other known state goes
 * straight back to interval_s; an unknown round keeps prev_s. Never shorter
 * than interval_s. The outage side is not backed off: people want to know
 * soon when ChatGPT is back, and Retry-After covers what its servers ask. */
guint    gw_schedule_next_interval_s (guint     interval_s,
                                      guint     prev_s,
                                      GwState   state,
                                      guint     streak);

/* MIN (prev_s × 2, max_s) + jitter_s, saturating; prev_s 0 counts as 1.
 * jitter_s: seconds the caller drew at random to keep clients apart, or 0
 * when the result goes through gw_schedule_delay_ms (), which jitters. */
guint    gw_backoff_next             (guint     prev_s,
                                      guint     max_s,
                                      guint     jitter_s);

/* ---- Retry-After (RFC 9110 §10.2.3) ---- */

/* Parses a Retry-After value: delta-seconds, or an HTTP-date in any of its
 * three forms (IMF-fixdate, RFC 850, asctime), with surrounding spaces.
 * *seconds: how long to wait from now_unix (Unix seconds), 0 for a date in
 * the past, at most GW_RETRY_AFTER_MAX_S. FALSE, and *seconds untouched, for
 * NULL or anything else. */
gboolean gw_retry_after_parse        (const char *value,
                                      gint64      now_unix,
                                      guint      *seconds);

/* The Unix time before which web must not be probed again, after web answered
 * http_status with that Retry-After value (NULL: none) at now_unix. Only 429
 * and 503 with a valid Retry-After ask us to wait; otherwise 0. */
gint64   gw_retry_after_not_before   (guint       http_status,
                                      const char *retry_after,
                                      gint64      now_unix);

/* Whether the round starting at now_unix leaves web out, given the last
 * gw_retry_after_not_before () answer (0: none). */
gboolean gw_schedule_skip_web        (gint64      now_unix,
                                      gint64      not_before_unix);

/* ---- Hysteresis: what to show and what to announce ---- */

typedef enum
{
  GW_NOTIFY_NONE,
  GW_NOTIFY_OUTAGE,
  GW_NOTIFY_LOCAL_PROBLEM,
  GW_NOTIFY_DEGRADED,
  GW_NOTIFY_BACK,
} GwNotifyKind;

#define GW_N_NOTIFY_KINDS (GW_NOTIFY_BACK + 1)

/* Fed each round's classified state, in order. Rules:
 *  - Display: a degraded, outage or local-problem round shows at once (the
 *    round's own retries already confirmed it) and opens a problem if none is
 *    open. Back to operational takes two operational rounds in a row; until
 *    then the problem state and its cause stay shown. With no problem open
 *    (at start, after resume) an operational round shows at once.
 *  - Problem notifications need two rounds in a row in that state: outage
 *    twice; degraded twice, where an outage round also counts as degraded;
 *    local problem twice and for longer than GW_LOCAL_PROBLEM_NOTIFY_AFTER_S
 *    since the first of them. The notification is always the round's state.
 *    Each kind is announced at most once per problem, and degraded not at all
 *    after outage was announced for that problem.
 *  - Back: when the display returns to operational, if a notification about
 *    that problem was sent or gw_hysteresis_notify_when_back () asked for it.
 *    down_for_s runs from the problem's first round to its first good round.
 *  - At most one notification per round, and none of a kind sent less than
 *    GW_NOTIFY_MIN_GAP_S earlier: a held-back problem notification comes
 *    later if the problem still holds; a held-back back one is dropped.
 *  - Unknown rounds change nothing: they neither confirm nor break a streak,
 *    nor count as good; the display stays. The caller shows paused and
 *    offline itself.
 * Times are Unix microseconds, like GwVerdict.checked_at. A zero-filled
 * struct is ready to use. Read displayed, cause and problem_since_us; the
 * rest is private. */
typedef struct
{
  GwState  displayed;
  GwCause  cause;
  gint64   problem_since_us;  /* first round of the open problem, or 0 */

  /*< private >*/
  gboolean problem_open;
  gboolean notify_when_back;
  gboolean sent_in_problem[GW_N_NOTIFY_KINDS];  /* during the open problem */
  GwState  last_state;        /* the last known round's */
  guint    streak;            /* known rounds in a row in last_state */
  guint    chatgpt_streak;    /* known rounds in a row degraded or outage */
  gint64   streak_since_us;   /* the first round of streak */
  gboolean ever_sent[GW_N_NOTIFY_KINDS];         /* last_sent_us is set */
  gint64   last_sent_us[GW_N_NOTIFY_KINDS];
} GwHysteresis;

typedef struct
{
  GwState      displayed;
  GwCause      cause;             /* the displayed state's */
  GwNotifyKind notify;
  /* the open problem's first round; on the round that closes it, the closed
   * one's; else 0 */
  gint64       problem_since_us;
  /* on the round that closes a problem: its first round → its first good
   * round, in seconds; else 0 */
  gint64       down_for_s;
  /* known rounds in a row in the last known state, this one included: for
   * gw_schedule_next_interval_s () */
  guint        streak;
} GwHysteresisResult;

/* Forgets everything, rate limits included, as if zero-filled. */
void         gw_hysteresis_reset          (GwHysteresis       *self);
void         gw_hysteresis_feed           (GwHysteresis       *self,
                                           gint64              now_us,
                                           GwState             state,
                                           GwCause             cause,
                                           GwHysteresisResult *result);
/* After resume from suspend or unpause: closes the open problem without a
 * notification or a duration, drops a pending "notify me when it's back" and
 * restarts the streaks, so the time asleep is never counted. The display is
 * unknown until the next round, which then shows as it is. Rate limits stay.
 * Not for the network coming back: that ends a real local problem. */
void         gw_hysteresis_resume         (GwHysteresis       *self);
/* "Notify me when it's back": a back notification when the open problem
 * ends. FALSE, and nothing asked, when no problem is open. */
gboolean     gw_hysteresis_notify_when_back (GwHysteresis     *self);

/* "outage", "local-problem", "degraded", "back" or "none": for logs and as a
 * stable notification id. */
const char  *gw_notify_kind_to_string     (GwNotifyKind        kind);

G_END_DECLS
