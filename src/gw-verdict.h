/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-probe.h"

G_BEGIN_DECLS

/* ChatGPT's health as decided from one round: a pure function, no I/O. */

typedef enum
{
  GW_STATE_UNKNOWN,
  GW_STATE_OPERATIONAL,
  GW_STATE_DEGRADED,
  GW_STATE_OUTAGE,
  GW_STATE_LOCAL_PROBLEM,
} GwState;

typedef enum
{
  GW_CAUSE_NONE,
  /* this side */
  GW_CAUSE_OFFLINE,             /* the control cannot connect: no internet */
  GW_CAUSE_DNS,                 /* names do not resolve */
  GW_CAUSE_CAPTIVE_PORTAL,      /* the control answered, but not as expected */
  GW_CAUSE_PROXY,               /* the proxy cannot be reached or refuses */
  GW_CAUSE_TLS_INTERCEPTION,    /* certificates that normally verify do not */
  GW_CAUSE_BLOCKED,             /* the internet works but ChatGPT is blocked on this network */
  /* their side */
  GW_CAUSE_SERVER_ERROR,        /* 5xx from ChatGPT's edge */
  GW_CAUSE_TIMEOUT,             /* ChatGPT does not answer in time */
  GW_CAUSE_STATUS_PAGE,         /* the official status page reports a problem */
  GW_CAUSE_INTERMITTENT,        /* some attempts failed, a retry passed */
  GW_CAUSE_RATE_LIMITED,        /* 429 Too Many Requests */
  GW_CAUSE_SLOW,                /* first byte slower than the threshold */
  GW_CAUSE_API_FAILING,         /* the API fails while the web edge answers */
  GW_CAUSE_UNEXPECTED,          /* an answer that fits no rule */
  /* neither */
  GW_CAUSE_NO_EVIDENCE,         /* every probe disabled, or not checked yet */
  GW_CAUSE_STATUS_PAGE_UNREADABLE, /* informational only */
  GW_CAUSE_CONTROL_FAILED,      /* informational: the control failed but ChatGPT answered */
} GwCause;

typedef struct
{
  GwCause   cause;
  GwState   state;        /* the state this piece of evidence points to */
  int       target;       /* a GwTarget, or -1 for the status page's own report */
  GwLayer   layer;
  guint     http_status;
  gint64    timing_us;    /* the timing the reason is about, or -1 */
  char     *text;         /* one translated sentence */
} GwReason;

typedef struct
{
  GwState    state;
  GwCause    cause;       /* the decisive reason's cause */
  char      *summary;     /* one translated sentence */
  GPtrArray *reasons;     /* of GwReason, the decisive one first */
  gint64     checked_at;  /* unix microseconds, from the round */
} GwVerdict;

typedef struct
{
  gint64 slow_first_byte_us;  /* web slower than this is degraded */
} GwClassifyOptions;

#define GW_DEFAULT_SLOW_FIRST_BYTE_US (3 * G_USEC_PER_SEC)

GwVerdict  *gw_verdict_classify        (const GwRound           *round,
                                        const GwClassifyOptions *options);
GwVerdict  *gw_verdict_new_unknown     (GwCause                  cause,
                                        const char              *summary);
void        gw_verdict_free            (GwVerdict               *self);
GwVerdict  *gw_verdict_copy            (const GwVerdict         *self);

/* The process exit status of `gatewatch --once`: 0, 1, 2 or 3. */
int         gw_state_exit_code         (GwState                  state);
const char *gw_state_to_string         (GwState                  state);
const char *gw_cause_to_string         (GwCause                  cause);
/* "502 Bad Gateway", "524 A Timeout Occurred"… or NULL for codes we do not name. */
const char *gw_http_status_phrase      (guint                    status);
/* What a 5xx means, for people; NULL for codes we do not explain. */
const char *gw_http_status_explanation (guint                    status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwVerdict, gw_verdict_free)

G_END_DECLS
