/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-schedule"

#include "config.h"

#include "gw-schedule.h"

#define T0        G_GINT64_CONSTANT (1790000000)  /* Unix seconds */
#define RFC_NOW   G_GINT64_CONSTANT (784111777)   /* Sun, 06 Nov 1994 08:49:37 GMT */
#define Y2029_NOW G_GINT64_CONSTANT (1893455900)  /* Mon, 31 Dec 2029 23:58:20 GMT */

/* ---- Rounds ---- */

typedef struct
{
  guint    interval_s;
  guint32  random;
  gboolean resumed;
  guint    delay_ms;
} DelayCase;

static const DelayCase delay_cases[] = {
  { 60, 0, FALSE, 54000 },
  { 60, G_MAXUINT32, FALSE, 66000 },
  { 60, G_MAXUINT32 - 1, FALSE, 66000 },
  { 60, 1u << 31, FALSE, 60000 },
  { 5, 0, FALSE, 4500 },
  { 5, G_MAXUINT32, FALSE, 5500 },
  { 3600, 0, FALSE, 3240000 },
  { 3600, G_MAXUINT32, FALSE, 3960000 },
  /* out of range: clamped */
  { 0, 0, FALSE, 4500 },
  { 1, G_MAXUINT32, FALSE, 5500 },
  { 100000, 0, FALSE, 3240000 },
  { G_MAXUINT, G_MAXUINT32, FALSE, 3960000 },
  /* resume, network back, unpause: at once */
  { 60, 12345, TRUE, 0 },
  { 3600, G_MAXUINT32, TRUE, 0 },
};

static void
test_delay_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (delay_cases); i++)
    {
      const DelayCase *c = &delay_cases[i];

      g_assert_cmpuint (gw_schedule_delay_ms (c->interval_s, c->random, c->resumed), ==,
                        c->delay_ms);
    }
}

static void
test_delay_bounds (void)
{
  static const guint intervals[] = { 0, 5, 6, 7, 59, 60, 61, 300, 3599, 3600, 3601 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    {
      guint interval_ms = CLAMP (intervals[i], 5, 3600) * 1000;
      guint lowest = G_MAXUINT, highest = 0;

      for (guint n = 0; n < 2000; n++)
        {
          guint ms = gw_schedule_delay_ms (intervals[i], g_rand_int (rand), FALSE);

          g_assert_cmpuint (ms, >=, interval_ms / 10 * 9);
          g_assert_cmpuint (ms, <=, interval_ms / 10 * 11);
          g_assert_cmpuint (ms, >=, 1000);
          lowest = MIN (lowest, ms);
          highest = MAX (highest, ms);
        }
      /* the spread is used, on both sides */
      g_assert_cmpuint (lowest, <, interval_ms - interval_ms / 20);
      g_assert_cmpuint (highest, >, interval_ms + interval_ms / 20);
    }
}

static void
test_fetch_status (void)
{
  static const struct { guint round; gboolean open; gboolean fetch; } cases[] = {
    { 0, FALSE, TRUE },
    { 1, FALSE, FALSE },
    { 2, FALSE, TRUE },
    { 3, FALSE, FALSE },
    { 0, TRUE, TRUE },
    { 1, TRUE, TRUE },
    { 3, TRUE, TRUE },
    { G_MAXUINT - 1, FALSE, TRUE },
    { G_MAXUINT, FALSE, FALSE },
    { G_MAXUINT, TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (gw_schedule_fetch_status (cases[i].round, cases[i].open), ==,
                     cases[i].fetch);
}

static void
test_backoff_next (void)
{
  static const struct { guint prev, max, jitter, next; } cases[] = {
    { 60, 300, 0, 120 },
    { 120, 300, 0, 240 },
    { 240, 300, 0, 300 },
    { 300, 300, 0, 300 },
    { 0, 300, 0, 2 },              /* 0 counts as 1 */
    { 1, 300, 0, 2 },
    { 60, 300, 7, 127 },
    { 300, 300, 7, 307 },
    { 307, 300, 7, 307 },          /* a jittered prev does not creep up */
    { 600, 300, 0, 300 },          /* the cap is the cap */
    { 2000000000u, G_MAXUINT, 0, 4000000000u },
    { 3000000000u, G_MAXUINT, 0, G_MAXUINT },
    { G_MAXUINT, G_MAXUINT, 5, G_MAXUINT },
    { 10, 100, G_MAXUINT, G_MAXUINT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (gw_backoff_next (cases[i].prev, cases[i].max, cases[i].jitter), ==,
                      cases[i].next);
}

static void
test_next_interval (void)
{
  static const struct { guint interval, prev; GwState state; guint streak, next; } cases[] = {
    { 60, 0, GW_STATE_OPERATIONAL, 1, 60 },
    { 60, 60, GW_STATE_LOCAL_PROBLEM, 1, 60 },      /* the first local round: no backoff yet */
    { 60, 60, GW_STATE_LOCAL_PROBLEM, 2, 120 },
    { 60, 120, GW_STATE_LOCAL_PROBLEM, 3, 240 },
    { 60, 240, GW_STATE_LOCAL_PROBLEM, 4, 300 },
    { 60, 300, GW_STATE_LOCAL_PROBLEM, 5, 300 },
    { 60, 300, GW_STATE_OPERATIONAL, 1, 60 },       /* back to normal on the first good round */
    { 60, 300, GW_STATE_DEGRADED, 1, 60 },
    { 60, 300, GW_STATE_OUTAGE, 9, 60 },            /* outages are not backed off */
    { 60, 240, GW_STATE_UNKNOWN, 0, 240 },          /* unknown keeps it */
    { 60, 0, GW_STATE_UNKNOWN, 0, 60 },
    { 60, 9999, GW_STATE_UNKNOWN, 0, 300 },
    { 3600, 3600, GW_STATE_LOCAL_PROBLEM, 5, 3600 }, /* never shorter than the interval */
    { 600, 600, GW_STATE_LOCAL_PROBLEM, 2, 600 },
    { 200, 200, GW_STATE_LOCAL_PROBLEM, 2, 300 },
    { 1, 0, GW_STATE_OPERATIONAL, 1, 5 },           /* clamped */
    { 9999, 0, GW_STATE_OPERATIONAL, 1, 3600 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (gw_schedule_next_interval_s (cases[i].interval, cases[i].prev,
                                                   cases[i].state, cases[i].streak), ==,
                      cases[i].next);
}

/* ---- Hysteresis: sequences ---- */

typedef enum
{
  END,
  ROUND,
  RESUME,
  ASK_BACK,           /* gw_hysteresis_notify_when_back () answers TRUE */
  ASK_BACK_REFUSED,   /* … FALSE */
} Act;

#define NO (-1)  /* no problem open: problem_since_us is 0 */

typedef struct
{
  Act          act;
  gint64       t;       /* seconds after T0 */
  GwState      state;
  GwState      shown;
  GwNotifyKind notify;
  gint64       since;   /* expected problem_since, seconds after T0, or NO */
  gint64       down;    /* expected down_for_s */
} Step;

typedef struct
{
  const char *name;
  Step        steps[24];
} SequenceCase;

#define R(t_, s_, shown_, n_, since_) \
  { ROUND, (t_), GW_STATE_##s_, GW_STATE_##shown_, GW_NOTIFY_##n_, (since_), 0 }
/* the second good round: the problem closes */
#define CLOSE(t_, n_, since_, down_) \
  { ROUND, (t_), GW_STATE_OPERATIONAL, GW_STATE_OPERATIONAL, GW_NOTIFY_##n_, (since_), (down_) }
#define DO(act_) { act_, 0, 0, 0, 0, 0, 0 }

static const SequenceCase sequences[] = {
  { "single-bad-round", {
    R (0, OPERATIONAL, OPERATIONAL, NONE, NO),
    R (60, OUTAGE, OUTAGE, NONE, 60),             /* shown at once, not announced */
    R (120, OPERATIONAL, OUTAGE, NONE, 60),       /* one good round: still shown */
    CLOSE (180, NONE, 60, 60),                    /* nothing was announced: no back */
    R (240, OPERATIONAL, OPERATIONAL, NONE, NO),
  } },
  { "two-bad-rounds", {
    R (0, OPERATIONAL, OPERATIONAL, NONE, NO),
    R (60, OUTAGE, OUTAGE, NONE, 60),
    R (120, OUTAGE, OUTAGE, OUTAGE, 60),
    R (180, OUTAGE, OUTAGE, NONE, 60),
    R (240, OPERATIONAL, OUTAGE, NONE, 60),
    CLOSE (300, BACK, 60, 180),                   /* 60 → first good round 240 */
    R (360, OPERATIONAL, OPERATIONAL, NONE, NO),
  } },
  { "first-round-outage", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, OUTAGE, OUTAGE, OUTAGE, 0),
    R (120, OPERATIONAL, OUTAGE, NONE, 0),
    CLOSE (180, BACK, 0, 120),
  } },
  { "flapping", {
    R (0, OPERATIONAL, OPERATIONAL, NONE, NO),
    R (60, OUTAGE, OUTAGE, NONE, 60),
    R (120, OPERATIONAL, OUTAGE, NONE, 60),
    R (180, OUTAGE, OUTAGE, NONE, 60),            /* the good round broke the streak */
    R (240, OPERATIONAL, OUTAGE, NONE, 60),
    R (300, OUTAGE, OUTAGE, NONE, 60),
    R (360, OUTAGE, OUTAGE, OUTAGE, 60),
    R (420, OPERATIONAL, OUTAGE, NONE, 60),
    R (480, OUTAGE, OUTAGE, NONE, 60),
    R (540, OUTAGE, OUTAGE, NONE, 60),            /* announced already, same problem */
    R (600, OPERATIONAL, OUTAGE, NONE, 60),
    CLOSE (660, BACK, 60, 540),
  } },
  { "rate-limit", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, OUTAGE, OUTAGE, OUTAGE, 0),
    R (120, OPERATIONAL, OUTAGE, NONE, 0),
    CLOSE (180, BACK, 0, 120),
    R (240, OUTAGE, OUTAGE, NONE, 240),
    R (300, OUTAGE, OUTAGE, NONE, 240),           /* outage announced 240 s ago */
    R (600, OUTAGE, OUTAGE, NONE, 240),           /* 540 s ago */
    R (660, OUTAGE, OUTAGE, OUTAGE, 240),         /* 600 s ago: held back, now sent */
    R (720, OUTAGE, OUTAGE, NONE, 240),
    R (780, OPERATIONAL, OUTAGE, NONE, 240),
    CLOSE (840, BACK, 240, 540),                  /* back sent 660 s ago */
  } },
  { "rate-limit-problem-ends-unannounced", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, OUTAGE, OUTAGE, OUTAGE, 0),
    R (120, OPERATIONAL, OUTAGE, NONE, 0),
    CLOSE (180, BACK, 0, 120),
    R (240, OUTAGE, OUTAGE, NONE, 240),
    R (300, OUTAGE, OUTAGE, NONE, 240),           /* held back */
    R (360, OPERATIONAL, OUTAGE, NONE, 240),
    CLOSE (420, NONE, 240, 120),                  /* never announced: no back */
    R (480, OUTAGE, OUTAGE, NONE, 480),
    R (540, OUTAGE, OUTAGE, NONE, 480),           /* 480 s after the first: still held */
  } },
  { "rate-limit-back", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, OUTAGE, OUTAGE, OUTAGE, 0),
    R (120, OPERATIONAL, OUTAGE, NONE, 0),
    CLOSE (180, BACK, 0, 120),
    R (240, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 240),
    R (300, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 240),
    R (360, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 240),
    R (420, LOCAL_PROBLEM, LOCAL_PROBLEM, LOCAL_PROBLEM, 240),  /* another kind: not limited */
    R (480, OPERATIONAL, LOCAL_PROBLEM, NONE, 240),
    CLOSE (540, NONE, 240, 240),                  /* back sent 360 s ago: dropped */
  } },
  { "local-problem-short", {
    R (0, OPERATIONAL, OPERATIONAL, NONE, NO),
    R (60, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 60),
    R (120, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 60),   /* two rounds, 60 s */
    R (180, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 60),   /* 120 s is not over 2 minutes */
    R (200, OPERATIONAL, LOCAL_PROBLEM, NONE, 60),
    CLOSE (260, NONE, 60, 140),
  } },
  { "local-problem-long", {
    R (0, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 0),
    R (60, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 0),
    R (180, LOCAL_PROBLEM, LOCAL_PROBLEM, LOCAL_PROBLEM, 0),
    R (420, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 0),
    R (720, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 0),
    R (780, OPERATIONAL, LOCAL_PROBLEM, NONE, 0),
    CLOSE (840, BACK, 0, 780),
  } },
  { "local-problem-two-rounds-over-2-minutes", {
    R (0, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 0),
    R (121, LOCAL_PROBLEM, LOCAL_PROBLEM, LOCAL_PROBLEM, 0),
  } },
  { "notify-when-back", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    DO (ASK_BACK),
    R (60, OPERATIONAL, OUTAGE, NONE, 0),
    CLOSE (120, BACK, 0, 60),                     /* asked for, no outage announced */
    R (900, OUTAGE, OUTAGE, NONE, 900),
    R (960, OPERATIONAL, OUTAGE, NONE, 900),
    CLOSE (1020, NONE, 900, 60),                  /* the request was used up */
  } },
  { "notify-when-back-after-a-good-round", {
    R (0, DEGRADED, DEGRADED, NONE, 0),
    R (60, OPERATIONAL, DEGRADED, NONE, 0),
    DO (ASK_BACK),                                /* still shown: still open */
    CLOSE (120, BACK, 0, 60),
  } },
  { "notify-when-back-refused", {
    DO (ASK_BACK_REFUSED),
    R (0, OPERATIONAL, OPERATIONAL, NONE, NO),
    DO (ASK_BACK_REFUSED),
    R (60, OUTAGE, OUTAGE, NONE, 60),
    R (120, OPERATIONAL, OUTAGE, NONE, 60),
    CLOSE (180, NONE, 60, 60),                    /* nothing was stored */
  } },
  { "escalation", {
    R (0, OPERATIONAL, OPERATIONAL, NONE, NO),
    R (60, DEGRADED, DEGRADED, NONE, 60),
    R (120, DEGRADED, DEGRADED, DEGRADED, 60),
    R (180, OUTAGE, OUTAGE, NONE, 60),
    R (240, OUTAGE, OUTAGE, OUTAGE, 60),
    R (300, OUTAGE, OUTAGE, NONE, 60),
    R (360, DEGRADED, DEGRADED, NONE, 60),        /* announced already */
    R (420, DEGRADED, DEGRADED, NONE, 60),
    R (480, OPERATIONAL, DEGRADED, NONE, 60),
    CLOSE (540, BACK, 60, 420),                   /* one problem, from its first round */
  } },
  { "step-down-after-outage", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, OUTAGE, OUTAGE, OUTAGE, 0),
    R (120, DEGRADED, DEGRADED, NONE, 0),         /* a step down is no news */
    R (180, DEGRADED, DEGRADED, NONE, 0),
    R (240, OPERATIONAL, DEGRADED, NONE, 0),
    CLOSE (300, BACK, 0, 240),
  } },
  { "outage-rounds-count-as-degraded", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, DEGRADED, DEGRADED, DEGRADED, 0),
    R (120, OUTAGE, OUTAGE, NONE, 0),             /* one outage round in a row */
    R (180, DEGRADED, DEGRADED, NONE, 0),
    R (240, OUTAGE, OUTAGE, NONE, 0),
    R (300, OUTAGE, OUTAGE, OUTAGE, 0),
  } },
  { "sides-do-not-mix", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 0),
    R (120, OUTAGE, OUTAGE, NONE, 0),
    R (300, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 0),
    R (360, DEGRADED, DEGRADED, NONE, 0),
    R (420, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 0),
  } },
  { "resume-after-sleep", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, OUTAGE, OUTAGE, OUTAGE, 0),
    DO (RESUME),
    R (7260, OPERATIONAL, OPERATIONAL, NONE, NO), /* shown at once; no back, no duration */
    R (7320, OPERATIONAL, OPERATIONAL, NONE, NO),
  } },
  { "resume-offline-while-asleep", {
    R (0, OPERATIONAL, OPERATIONAL, NONE, NO),
    R (60, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 60),
    DO (RESUME),
    R (3600, UNKNOWN, UNKNOWN, NONE, NO),         /* nothing shown until a round says */
    R (3601, OPERATIONAL, OPERATIONAL, NONE, NO),
    R (3660, OPERATIONAL, OPERATIONAL, NONE, NO),
  } },
  { "resume-still-down", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, OUTAGE, OUTAGE, OUTAGE, 0),
    DO (RESUME),
    R (7200, OUTAGE, OUTAGE, NONE, 7200),         /* the problem restarts at resume */
    R (7260, OUTAGE, OUTAGE, OUTAGE, 7200),
    R (7320, OPERATIONAL, OUTAGE, NONE, 7200),
    CLOSE (7380, BACK, 7200, 120),                /* the sleep is not counted */
  } },
  { "resume-keeps-rate-limits", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    R (60, OUTAGE, OUTAGE, OUTAGE, 0),
    DO (RESUME),
    R (180, OUTAGE, OUTAGE, NONE, 180),
    R (240, OUTAGE, OUTAGE, NONE, 180),           /* announced 180 s ago */
    R (660, OUTAGE, OUTAGE, OUTAGE, 180),
  } },
  { "resume-drops-notify-when-back", {
    R (0, OUTAGE, OUTAGE, NONE, 0),
    DO (ASK_BACK),
    DO (RESUME),
    DO (ASK_BACK_REFUSED),
    R (3600, OPERATIONAL, OPERATIONAL, NONE, NO),
    R (4000, OUTAGE, OUTAGE, NONE, 4000),
    R (4060, OPERATIONAL, OUTAGE, NONE, 4000),
    CLOSE (4120, NONE, 4000, 60),
  } },
  { "unknown-rounds", {
    R (0, UNKNOWN, UNKNOWN, NONE, NO),
    R (60, OUTAGE, OUTAGE, NONE, 60),
    R (120, UNKNOWN, OUTAGE, NONE, 60),
    R (180, OUTAGE, OUTAGE, OUTAGE, 60),          /* the unknown round broke nothing */
    R (240, OPERATIONAL, OUTAGE, NONE, 60),
    R (300, UNKNOWN, OUTAGE, NONE, 60),           /* nor counts as good */
    CLOSE (360, BACK, 60, 180),
    R (420, UNKNOWN, OPERATIONAL, NONE, NO),
  } },
  { "unknown-rounds-and-local-time", {
    R (0, LOCAL_PROBLEM, LOCAL_PROBLEM, NONE, 0),
    R (60, UNKNOWN, LOCAL_PROBLEM, NONE, 0),
    R (130, LOCAL_PROBLEM, LOCAL_PROBLEM, LOCAL_PROBLEM, 0),  /* two rounds, 130 s */
  } },
  { "clock-went-back", {
    R (1000, OUTAGE, OUTAGE, NONE, 1000),
    R (1060, OUTAGE, OUTAGE, OUTAGE, 1000),
    R (1120, OPERATIONAL, OUTAGE, NONE, 1000),
    CLOSE (1180, BACK, 1000, 120),
    R (100, OUTAGE, OUTAGE, NONE, 100),
    R (160, OUTAGE, OUTAGE, OUTAGE, 100),         /* an earlier clock holds nothing up */
    R (220, OPERATIONAL, OUTAGE, NONE, 100),
    CLOSE (280, BACK, 100, 120),
  } },
};

static GwCause
cause_for (GwState state)
{
  switch (state)
    {
    case GW_STATE_OPERATIONAL: return GW_CAUSE_NONE;
    case GW_STATE_DEGRADED: return GW_CAUSE_SLOW;
    case GW_STATE_OUTAGE: return GW_CAUSE_SERVER_ERROR;
    case GW_STATE_LOCAL_PROBLEM: return GW_CAUSE_OFFLINE;
    case GW_STATE_UNKNOWN: return GW_CAUSE_NO_EVIDENCE;
    default: g_assert_not_reached (); return GW_CAUSE_NONE;
    }
}

static const char *
state_name (GwState state)
{
  static const char * const names[] = {
    "unknown", "operational", "degraded", "outage", "local-problem",
  };

  g_assert_cmpuint (state, <, G_N_ELEMENTS (names));
  return names[state];
}

/* One line per round, so that a failure names the round and shows it all.
 * since_us: Unix microseconds, shown in seconds after T0. */
static char *
describe (guint         i,
          gint64        t,
          GwState       shown,
          GwCause       cause,
          GwNotifyKind  notify,
          gint64        since_us,
          gint64        down)
{
  g_autofree char *since = since_us == 0
    ? g_strdup ("none")
    : g_strdup_printf ("+%" G_GINT64_FORMAT " s", since_us / G_USEC_PER_SEC - T0);

  return g_strdup_printf ("step %u (+%" G_GINT64_FORMAT " s): shown %s cause %d notify %s "
                          "since %s down %" G_GINT64_FORMAT " s",
                          i, t, state_name (shown), cause, gw_notify_kind_to_string (notify),
                          since, down);
}

static void
run_round (GwHysteresis *h,
           guint         i,
           const Step   *step)
{
  GwHysteresisResult r;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  /* unknown is shown only until the first known round, with no cause */
  GwCause cause = step->shown == GW_STATE_UNKNOWN ? GW_CAUSE_NONE : cause_for (step->shown);
  gint64 since_s = step->since == NO ? 0 : T0 + step->since;

  gw_hysteresis_feed (h, (T0 + step->t) * G_USEC_PER_SEC, step->state, cause_for (step->state), &r);

  expected = describe (i, step->t, step->shown, cause, step->notify,
                       since_s * G_USEC_PER_SEC, step->down);
  actual = describe (i, step->t, r.displayed, r.cause, r.notify, r.problem_since_us,
                     r.down_for_s);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpint (h->displayed, ==, r.displayed);
  g_assert_cmpint (h->cause, ==, r.cause);
}

static void
test_sequence (gconstpointer data)
{
  const SequenceCase *c = data;
  GwHysteresis h = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (c->steps) && c->steps[i].act != END; i++)
    {
      const Step *step = &c->steps[i];

      switch (step->act)
        {
        case ROUND:
          run_round (&h, i, step);
          break;
        case RESUME:
          gw_hysteresis_resume (&h);
          g_assert_cmpint (h.displayed, ==, GW_STATE_UNKNOWN);
          g_assert_cmpint (h.problem_since_us, ==, 0);
          break;
        case ASK_BACK:
          g_assert_true (gw_hysteresis_notify_when_back (&h));
          break;
        case ASK_BACK_REFUSED:
          g_assert_false (gw_hysteresis_notify_when_back (&h));
          break;
        case END:
        default:
          g_assert_not_reached ();
        }
    }
}

/* ---- Hysteresis: the rest ---- */

static void
feed (GwHysteresis       *h,
      gint64              t,
      GwState             state,
      GwCause             cause,
      GwHysteresisResult *r)
{
  gw_hysteresis_feed (h, (T0 + t) * G_USEC_PER_SEC, state, cause, r);
}

static void
test_cause (void)
{
  GwHysteresis h = { 0 };
  GwHysteresisResult r;

  feed (&h, 0, GW_STATE_OUTAGE, GW_CAUSE_SERVER_ERROR, &r);
  g_assert_cmpint (r.cause, ==, GW_CAUSE_SERVER_ERROR);
  feed (&h, 60, GW_STATE_OUTAGE, GW_CAUSE_TIMEOUT, &r);
  g_assert_cmpint (r.cause, ==, GW_CAUSE_TIMEOUT);          /* the latest one */
  feed (&h, 120, GW_STATE_OPERATIONAL, GW_CAUSE_NONE, &r);
  g_assert_cmpint (r.displayed, ==, GW_STATE_OUTAGE);
  g_assert_cmpint (r.cause, ==, GW_CAUSE_TIMEOUT);          /* kept with the state */
  feed (&h, 180, GW_STATE_UNKNOWN, GW_CAUSE_NO_EVIDENCE, &r);
  g_assert_cmpint (r.cause, ==, GW_CAUSE_TIMEOUT);
  feed (&h, 240, GW_STATE_OPERATIONAL, GW_CAUSE_CONTROL_FAILED, &r);
  g_assert_cmpint (r.displayed, ==, GW_STATE_OPERATIONAL);
  g_assert_cmpint (r.cause, ==, GW_CAUSE_CONTROL_FAILED);
}

static void
test_streak (void)
{
  static const struct { GwState state; guint streak; } rounds[] = {
    { GW_STATE_UNKNOWN, 0 },
    { GW_STATE_LOCAL_PROBLEM, 1 },
    { GW_STATE_LOCAL_PROBLEM, 2 },
    { GW_STATE_UNKNOWN, 2 },
    { GW_STATE_LOCAL_PROBLEM, 3 },
    { GW_STATE_OPERATIONAL, 1 },
    { GW_STATE_OPERATIONAL, 2 },
    { GW_STATE_DEGRADED, 1 },
  };
  GwHysteresis h = { 0 };
  GwHysteresisResult r;

  for (guint i = 0; i < G_N_ELEMENTS (rounds); i++)
    {
      feed (&h, i * 60, rounds[i].state, cause_for (rounds[i].state), &r);
      g_assert_cmpuint (r.streak, ==, rounds[i].streak);
    }
  gw_hysteresis_resume (&h);
  feed (&h, 3600, GW_STATE_DEGRADED, GW_CAUSE_SLOW, &r);
  g_assert_cmpuint (r.streak, ==, 1);
}

static void
test_reset (void)
{
  GwHysteresis h = { 0 };
  GwHysteresis zero = { 0 };
  GwHysteresisResult r;

  feed (&h, 0, GW_STATE_OUTAGE, GW_CAUSE_SERVER_ERROR, &r);
  feed (&h, 60, GW_STATE_OUTAGE, GW_CAUSE_SERVER_ERROR, &r);
  g_assert_cmpint (r.notify, ==, GW_NOTIFY_OUTAGE);
  g_assert_true (gw_hysteresis_notify_when_back (&h));

  gw_hysteresis_reset (&h);
  g_assert_cmpmem (&h, sizeof h, &zero, sizeof zero);

  /* rate limits are gone too */
  feed (&h, 120, GW_STATE_OUTAGE, GW_CAUSE_SERVER_ERROR, &r);
  g_assert_cmpint (r.notify, ==, GW_NOTIFY_NONE);
  feed (&h, 180, GW_STATE_OUTAGE, GW_CAUSE_SERVER_ERROR, &r);
  g_assert_cmpint (r.notify, ==, GW_NOTIFY_OUTAGE);
}

/* The monitor's loop for a long offline spell: backoff and hysteresis together. */
static void
test_backoff_while_offline (void)
{
  static const struct { GwState state; gint64 t; GwState shown; GwNotifyKind notify; } rounds[] = {
    { GW_STATE_LOCAL_PROBLEM, 0, GW_STATE_LOCAL_PROBLEM, GW_NOTIFY_NONE },
    { GW_STATE_LOCAL_PROBLEM, 60, GW_STATE_LOCAL_PROBLEM, GW_NOTIFY_NONE },
    { GW_STATE_LOCAL_PROBLEM, 180, GW_STATE_LOCAL_PROBLEM, GW_NOTIFY_LOCAL_PROBLEM },
    { GW_STATE_LOCAL_PROBLEM, 420, GW_STATE_LOCAL_PROBLEM, GW_NOTIFY_NONE },
    { GW_STATE_LOCAL_PROBLEM, 720, GW_STATE_LOCAL_PROBLEM, GW_NOTIFY_NONE },
    { GW_STATE_LOCAL_PROBLEM, 1020, GW_STATE_LOCAL_PROBLEM, GW_NOTIFY_NONE },
    { GW_STATE_OPERATIONAL, 1320, GW_STATE_LOCAL_PROBLEM, GW_NOTIFY_NONE },
    { GW_STATE_OPERATIONAL, 1380, GW_STATE_OPERATIONAL, GW_NOTIFY_BACK },
    { GW_STATE_OPERATIONAL, 1440, GW_STATE_OPERATIONAL, GW_NOTIFY_NONE },
  };
  GwHysteresis h = { 0 };
  GwHysteresisResult r;
  guint interval_s = 0;
  gint64 t = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rounds); i++)
    {
      g_assert_cmpint (t, ==, rounds[i].t);
      feed (&h, t, rounds[i].state, cause_for (rounds[i].state), &r);
      g_assert_cmpint (r.displayed, ==, rounds[i].shown);
      g_assert_cmpint (r.notify, ==, rounds[i].notify);
      if (r.notify == GW_NOTIFY_BACK)
        g_assert_cmpint (r.down_for_s, ==, 1320);
      interval_s = gw_schedule_next_interval_s (60, interval_s, rounds[i].state, r.streak);
      t += interval_s;
    }
}

static void
test_notify_kind_strings (void)
{
  g_assert_cmpstr (gw_notify_kind_to_string (GW_NOTIFY_NONE), ==, "none");
  g_assert_cmpstr (gw_notify_kind_to_string (GW_NOTIFY_OUTAGE), ==, "outage");
  g_assert_cmpstr (gw_notify_kind_to_string (GW_NOTIFY_LOCAL_PROBLEM), ==, "local-problem");
  g_assert_cmpstr (gw_notify_kind_to_string (GW_NOTIFY_DEGRADED), ==, "degraded");
  g_assert_cmpstr (gw_notify_kind_to_string (GW_NOTIFY_BACK), ==, "back");
}

static void
test_guards (void)
{
  if (g_test_subprocess ())
    {
      GwHysteresis h = { 0 };
      GwHysteresisResult r;

      gw_hysteresis_feed (&h, T0 * G_USEC_PER_SEC, (GwState) 99, GW_CAUSE_NONE, &r);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*gw_hysteresis_feed*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/schedule/delay/table", test_delay_table);
  g_test_add_func ("/schedule/delay/bounds", test_delay_bounds);
  g_test_add_func ("/schedule/fetch-status", test_fetch_status);
  g_test_add_func ("/schedule/backoff/next", test_backoff_next);
  g_test_add_func ("/schedule/backoff/interval", test_next_interval);
  g_test_add_func ("/schedule/backoff/while-offline", test_backoff_while_offline);
  for (guint i = 0; i < G_N_ELEMENTS (sequences); i++)
    {
      g_autofree char *path = g_strdup_printf ("/schedule/hysteresis/%s", sequences[i].name);

      g_test_add_data_func (path, &sequences[i], test_sequence);
    }
  g_test_add_func ("/schedule/hysteresis/cause", test_cause);
  g_test_add_func ("/schedule/hysteresis/streak", test_streak);
  g_test_add_func ("/schedule/hysteresis/reset", test_reset);
  g_test_add_func ("/schedule/hysteresis/guards", test_guards);
  g_test_add_func ("/schedule/notify-kind-strings", test_notify_kind_strings);

  return g_test_run ();
}
