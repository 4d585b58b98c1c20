/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-schedule"

#include "config.h"

#include "gw-schedule.h"

#include <string.h>

#define UNIX_EPOCH_JULIAN 719163  /* GDate's Julian day of 1970-01-01 */
#define SECONDS_PER_DAY   86400

/* ---- Rounds ---- */

static guint
clamp_interval (guint interval_s)
{
  return CLAMP (interval_s, GW_SCHEDULE_MIN_INTERVAL_S, GW_SCHEDULE_MAX_INTERVAL_S);
}

guint
gw_schedule_delay_ms (guint    interval_s,
                      guint32  random,
                      gboolean resumed)
{
  guint interval_ms, low, span, offset;

  if (resumed)
    return 0;

  interval_ms = clamp_interval (interval_s) * 1000;
  low = interval_ms - interval_ms * GW_SCHEDULE_JITTER_PERCENT / 100;
  span = interval_ms * 2 * GW_SCHEDULE_JITTER_PERCENT / 100;
  /* random / 2³² of [0, span]: 0 → 0, G_MAXUINT32 → span */
  offset = (guint) (((guint64) random * (span + 1)) >> 32);
  return MAX (1000, low + offset);
}

gboolean
gw_schedule_fetch_status (guint    round_index,
                          gboolean something_open)
{
  return something_open || round_index % 2 == 0;
}

guint
gw_backoff_next (guint prev_s,
                 guint max_s,
                 guint jitter_s)
{
  guint next;

  prev_s = MAX (prev_s, 1);
  next = prev_s > G_MAXUINT / 2 ? G_MAXUINT : prev_s * 2;
  next = MIN (next, max_s);
  return next > G_MAXUINT - jitter_s ? G_MAXUINT : next + jitter_s;
}

guint
gw_schedule_next_interval_s (guint   interval_s,
                             guint   prev_s,
                             GwState state,
                             guint   streak)
{
  guint interval = clamp_interval (interval_s);
  guint max_s = MAX (GW_BACKOFF_MAX_S, interval);
  guint prev = CLAMP (prev_s, interval, max_s);

  switch (state)
    {
    case GW_STATE_UNKNOWN:
      return prev;
    case GW_STATE_LOCAL_PROBLEM:
      return streak >= 2 ? gw_backoff_next (prev, max_s, 0) : interval;
    case GW_STATE_OPERATIONAL:
    case GW_STATE_DEGRADED:
    case GW_STATE_OUTAGE:
      return interval;
    default:
      g_return_val_if_reached (interval);
    }
}

/* ---- Retry-After ---- */

static const char * const day_names[] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};
static const char * const long_day_names[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* HTTP-date is case-sensitive. */
static gboolean
eat (const char **p,
     const char  *literal)
{
  gsize len = strlen (literal);

  if (strncmp (*p, literal, len) != 0)
    return FALSE;
  *p += len;
  return TRUE;
}

static gboolean
eat_digits (const char **p,
            guint        n_digits,
            guint       *value)
{
  guint v = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + (guint) g_ascii_digit_value ((*p)[i]);
    }
  *p += n_digits;
  *value = v;
  return TRUE;
}

/* One of names; found: its 0-based position. */
static gboolean
eat_name (const char         **p,
          const char * const  *names,
          guint                n_names,
          guint               *found)
{
  for (guint i = 0; i < n_names; i++)
    if (eat (p, names[i]))
      {
        *found = i;
        return TRUE;
      }
  return FALSE;
}

typedef struct
{
  guint year, month, day;  /* month 1–12 */
  guint hour, minute, second;
} HttpDate;

static gboolean
eat_time_of_day (const char **p,
                 HttpDate    *d)
{
  return eat_digits (p, 2, &d->hour) && eat (p, ":")
         && eat_digits (p, 2, &d->minute) && eat (p, ":")
         && eat_digits (p, 2, &d->second);
}

static gboolean
eat_month (const char **p,
           HttpDate    *d)
{
  if (!eat_name (p, month_names, G_N_ELEMENTS (month_names), &d->month))
    return FALSE;
  d->month++;
  return TRUE;
}

/* Sun, 06 Nov 1994 08:49:37 GMT */
static gboolean
parse_imf_fixdate (const char *p,
                   HttpDate   *d)
{
  guint wday;

  return eat_name (&p, day_names, G_N_ELEMENTS (day_names), &wday)
         && eat (&p, ", ") && eat_digits (&p, 2, &d->day)
         && eat (&p, " ") && eat_month (&p, d)
         && eat (&p, " ") && eat_digits (&p, 4, &d->year)
         && eat (&p, " ") && eat_time_of_day (&p, d)
         && eat (&p, " GMT") && *p == '\0';
}

/* Sunday, 06-Nov-94 08:49:37 GMT; the century is settled by the caller. */
static gboolean
parse_rfc850_date (const char *p,
                   HttpDate   *d)
{
  guint wday;

  return eat_name (&p, long_day_names, G_N_ELEMENTS (long_day_names), &wday)
         && eat (&p, ", ") && eat_digits (&p, 2, &d->day)
         && eat (&p, "-") && eat_month (&p, d)
         && eat (&p, "-") && eat_digits (&p, 2, &d->year)
         && eat (&p, " ") && eat_time_of_day (&p, d)
         && eat (&p, " GMT") && *p == '\0';
}

/* Sun Nov  6 08:49:37 1994 */
static gboolean
parse_asctime_date (const char *p,
                    HttpDate   *d)
{
  guint wday;

  if (!eat_name (&p, day_names, G_N_ELEMENTS (day_names), &wday)
      || !eat (&p, " ") || !eat_month (&p, d) || !eat (&p, " "))
    return FALSE;
  if (!eat_digits (&p, 2, &d->day)
      && !(eat (&p, " ") && eat_digits (&p, 1, &d->day)))
    return FALSE;
  return eat (&p, " ") && eat_time_of_day (&p, d)
         && eat (&p, " ") && eat_digits (&p, 4, &d->year)
         && *p == '\0';
}

static guint
year_of_unix (gint64 unix_s)
{
  GDate date;
  gint64 days = unix_s >= 0 ? unix_s / SECONDS_PER_DAY : 0;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (UNIX_EPOCH_JULIAN + days));
  return g_date_get_year (&date);
}

/* RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is in the past. */
static guint
rfc850_year (guint  yy,
             gint64 now_unix)
{
  guint now_year = year_of_unix (now_unix);
  guint year = now_year - now_year % 100 + yy;

  return year > now_year + 50 ? year - 100 : year;
}

static gboolean
http_date_to_unix (const HttpDate *d,
                   gint64         *unix_s)
{
  GDate date;

  if (!g_date_valid_dmy (d->day, d->month, d->year)
      || d->hour > 23 || d->minute > 59 || d->second > 60)  /* 60: a leap second */
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d->day, d->month, d->year);
  *unix_s = ((gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN) * SECONDS_PER_DAY
            + d->hour * 3600 + d->minute * 60 + d->second;
  return TRUE;
}

static gboolean
parse_http_date (const char *value,
                 gint64      now_unix,
                 gint64     *unix_s)
{
  HttpDate d = { 0 };

  if (parse_rfc850_date (value, &d))
    d.year = rfc850_year (d.year, now_unix);
  else if (!parse_imf_fixdate (value, &d) && !parse_asctime_date (value, &d))
    return FALSE;
  return http_date_to_unix (&d, unix_s);
}

/* 1*DIGIT, saturating above the cap. */
static gboolean
parse_delta_seconds (const char *value,
                     guint      *seconds)
{
  guint v = 0;

  if (*value == '\0')
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      v = MIN (v * 10 + (guint) g_ascii_digit_value (*p), GW_RETRY_AFTER_MAX_S + 1);
    }
  *seconds = MIN (v, GW_RETRY_AFTER_MAX_S);
  return TRUE;
}

gboolean
gw_retry_after_parse (const char *value,
                      gint64      now_unix,
                      guint      *seconds)
{
  g_autofree char *trimmed = NULL;
  gint64 when;

  g_return_val_if_fail (seconds != NULL, FALSE);

  if (value == NULL)
    return FALSE;

  trimmed = g_strdup (value);
  g_strstrip (trimmed);  /* also takes HTAB, which OWS allows */
  if (g_ascii_isdigit (trimmed[0]))
    return parse_delta_seconds (trimmed, seconds);
  if (!parse_http_date (trimmed, now_unix, &when))
    return FALSE;
  *seconds = (guint) CLAMP (when - now_unix, 0, GW_RETRY_AFTER_MAX_S);
  return TRUE;
}

gint64
gw_retry_after_not_before (guint       http_status,
                           const char *retry_after,
                           gint64      now_unix)
{
  guint seconds;

  if (http_status != 429 && http_status != 503)
    return 0;
  if (!gw_retry_after_parse (retry_after, now_unix, &seconds))
    return 0;
  return now_unix + seconds;
}

gboolean
gw_schedule_skip_web (gint64 now_unix,
                      gint64 not_before_unix)
{
  return now_unix < not_before_unix;
}

/* ---- Hysteresis ---- */

static gboolean
is_problem (GwState state)
{
  return state == GW_STATE_DEGRADED || state == GW_STATE_OUTAGE
         || state == GW_STATE_LOCAL_PROBLEM;
}

void
gw_hysteresis_reset (GwHysteresis *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->displayed = GW_STATE_UNKNOWN;
  self->last_state = GW_STATE_UNKNOWN;
  self->cause = GW_CAUSE_NONE;
}

void
gw_hysteresis_resume (GwHysteresis *self)
{
  g_return_if_fail (self != NULL);

  self->displayed = GW_STATE_UNKNOWN;
  self->cause = GW_CAUSE_NONE;
  self->problem_since_us = 0;
  self->problem_open = FALSE;
  self->notify_when_back = FALSE;
  memset (self->sent_in_problem, 0, sizeof self->sent_in_problem);
  self->last_state = GW_STATE_UNKNOWN;
  self->streak = 0;
  self->chatgpt_streak = 0;
  self->streak_since_us = 0;
}

gboolean
gw_hysteresis_notify_when_back (GwHysteresis *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->problem_open)
    return FALSE;
  self->notify_when_back = TRUE;
  return TRUE;
}

static void
count_streaks (GwHysteresis *self,
               gint64        now_us,
               GwState       state)
{
  if (state == self->last_state)
    self->streak++;
  else
    {
      self->streak = 1;
      self->streak_since_us = now_us;
    }
  if (state == GW_STATE_DEGRADED || state == GW_STATE_OUTAGE)
    self->chatgpt_streak++;
  else
    self->chatgpt_streak = 0;
  self->last_state = state;
}

/* Sends kind unless one of it went out less than GW_NOTIFY_MIN_GAP_S ago. A
 * clock that went back does not hold notifications up. */
static GwNotifyKind
rate_limited (GwHysteresis *self,
              gint64        now_us,
              GwNotifyKind  kind)
{
  gint64 since_last;

  g_assert (kind > GW_NOTIFY_NONE && kind < GW_N_NOTIFY_KINDS);

  since_last = now_us - self->last_sent_us[kind];
  if (self->ever_sent[kind]
      && since_last >= 0 && since_last < GW_NOTIFY_MIN_GAP_S * G_USEC_PER_SEC)
    return GW_NOTIFY_NONE;

  self->ever_sent[kind] = TRUE;
  self->last_sent_us[kind] = now_us;
  self->sent_in_problem[kind] = TRUE;
  return kind;
}

static gboolean
problem_confirmed (const GwHysteresis *self,
                   gint64              now_us,
                   GwState             state)
{
  switch (state)
    {
    case GW_STATE_OUTAGE:
      return self->streak >= 2;
    case GW_STATE_DEGRADED:
      return self->chatgpt_streak >= 2;
    case GW_STATE_LOCAL_PROBLEM:
      return self->streak >= 2
             && now_us - self->streak_since_us > GW_LOCAL_PROBLEM_NOTIFY_AFTER_S * G_USEC_PER_SEC;
    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

static GwNotifyKind
notify_kind_for (GwState state)
{
  switch (state)
    {
    case GW_STATE_OUTAGE: return GW_NOTIFY_OUTAGE;
    case GW_STATE_DEGRADED: return GW_NOTIFY_DEGRADED;
    case GW_STATE_LOCAL_PROBLEM: return GW_NOTIFY_LOCAL_PROBLEM;
    default: g_assert_not_reached (); return GW_NOTIFY_NONE;
    }
}

static GwNotifyKind
feed_problem (GwHysteresis *self,
              gint64        now_us,
              GwState       state,
              GwCause       cause)
{
  GwNotifyKind kind = notify_kind_for (state);

  if (!self->problem_open)
    {
      self->problem_open = TRUE;
      self->problem_since_us = now_us;
      memset (self->sent_in_problem, 0, sizeof self->sent_in_problem);
    }
  self->displayed = state;
  self->cause = cause;

  if (!problem_confirmed (self, now_us, state) || self->sent_in_problem[kind])
    return GW_NOTIFY_NONE;
  /* a step down from an announced outage is no news */
  if (kind == GW_NOTIFY_DEGRADED && self->sent_in_problem[GW_NOTIFY_OUTAGE])
    return GW_NOTIFY_NONE;
  return rate_limited (self, now_us, kind);
}

static GwNotifyKind
feed_operational (GwHysteresis       *self,
                  gint64              now_us,
                  GwCause             cause,
                  GwHysteresisResult *result)
{
  gboolean wanted;

  if (self->problem_open && self->streak < 2)
    return GW_NOTIFY_NONE;  /* keep showing the problem */

  self->displayed = GW_STATE_OPERATIONAL;
  self->cause = cause;
  if (!self->problem_open)
    return GW_NOTIFY_NONE;

  /* streak_since_us is the problem's first good round */
  result->problem_since_us = self->problem_since_us;
  result->down_for_s = MAX (0, self->streak_since_us - self->problem_since_us) / G_USEC_PER_SEC;
  wanted = self->notify_when_back
           || self->sent_in_problem[GW_NOTIFY_OUTAGE]
           || self->sent_in_problem[GW_NOTIFY_LOCAL_PROBLEM]
           || self->sent_in_problem[GW_NOTIFY_DEGRADED];
  self->problem_open = FALSE;
  self->problem_since_us = 0;
  memset (self->sent_in_problem, 0, sizeof self->sent_in_problem);
  self->notify_when_back = FALSE;
  return wanted ? rate_limited (self, now_us, GW_NOTIFY_BACK) : GW_NOTIFY_NONE;
}

void
gw_hysteresis_feed (GwHysteresis       *self,
                    gint64              now_us,
                    GwState             state,
                    GwCause             cause,
                    GwHysteresisResult *result)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (state == GW_STATE_UNKNOWN || state == GW_STATE_OPERATIONAL
                    || is_problem (state));

  memset (result, 0, sizeof *result);
  result->notify = GW_NOTIFY_NONE;

  /* an unknown round changes nothing */
  if (state == GW_STATE_OPERATIONAL)
    {
      count_streaks (self, now_us, state);
      result->notify = feed_operational (self, now_us, cause, result);
    }
  else if (is_problem (state))
    {
      count_streaks (self, now_us, state);
      result->notify = feed_problem (self, now_us, state, cause);
    }

  result->displayed = self->displayed;
  result->cause = self->cause;
  if (self->problem_open)
    result->problem_since_us = self->problem_since_us;
  result->streak = self->streak;
}

const char *
gw_notify_kind_to_string (GwNotifyKind kind)
{
  switch (kind)
    {
    case GW_NOTIFY_NONE: return "none";
    case GW_NOTIFY_OUTAGE: return "outage";
    case GW_NOTIFY_LOCAL_PROBLEM: return "local-problem";
    case GW_NOTIFY_DEGRADED: return "degraded";
    case GW_NOTIFY_BACK: return "back";
    default: g_return_val_if_reached (NULL);
    }
}
