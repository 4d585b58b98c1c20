/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-verdict"

#include "config.h"

#include "gw-verdict-private.h"

#include <glib/gi18n-lib.h>


static const char * const state_names[] = {
  [GW_STATE_UNKNOWN] = "unknown",
  [GW_STATE_OPERATIONAL] = "operational",
  [GW_STATE_DEGRADED] = "degraded",
  [GW_STATE_OUTAGE] = "outage",
  [GW_STATE_LOCAL_PROBLEM] = "local-problem",
};

static const char * const cause_names[] = {
  [GW_CAUSE_NONE] = "none",
  [GW_CAUSE_OFFLINE] = "offline",
  [GW_CAUSE_DNS] = "dns",
  [GW_CAUSE_CAPTIVE_PORTAL] = "captive-portal",
  [GW_CAUSE_PROXY] = "proxy",
  [GW_CAUSE_TLS_INTERCEPTION] = "tls-interception",
  [GW_CAUSE_BLOCKED] = "blocked",
  [GW_CAUSE_SERVER_ERROR] = "server-error",
  [GW_CAUSE_TIMEOUT] = "timeout",
  [GW_CAUSE_STATUS_PAGE] = "status-page",
  [GW_CAUSE_INTERMITTENT] = "intermittent",
  [GW_CAUSE_RATE_LIMITED] = "rate-limited",
  [GW_CAUSE_SLOW] = "slow",
  [GW_CAUSE_API_FAILING] = "api-failing",
  [GW_CAUSE_UNEXPECTED] = "unexpected",
  [GW_CAUSE_NO_EVIDENCE] = "no-evidence",
  [GW_CAUSE_STATUS_PAGE_UNREADABLE] = "status-page-unreadable",
  [GW_CAUSE_CONTROL_FAILED] = "control-failed",
};

typedef struct
{
  guint       status;
  const char *phrase;       /* context "HTTP status" */
  const char *explanation;  /* context "HTTP status explanation"; NULL below 500 */
} StatusInfo;

/* The explanations end the sentence "ChatGPT is down: 502 Bad Gateway — …". */
static const StatusInfo status_infos[] = {
  /* Translators: the "HTTP status" strings are HTTP status lines: keep the number in front */
  { 403, NC_("HTTP status", "403 Forbidden"), NULL },
  { 404, NC_("HTTP status", "404 Not Found"), NULL },
  { 429, NC_("HTTP status", "429 Too Many Requests"), NULL },
  { 451, NC_("HTTP status", "451 Unavailable For Legal Reasons"), NULL },
  { 500, NC_("HTTP status", "500 Internal Server Error"),
    /* Translators: the "HTTP status explanation" strings end the sentence "ChatGPT is
     * down: 502 Bad Gateway — …", so they start in lower case, have no final full stop,
     * and "its" is ChatGPT */
    NC_("HTTP status explanation", "its servers hit an internal error") },
  { 502, NC_("HTTP status", "502 Bad Gateway"),
    NC_("HTTP status explanation", "its gateway got no valid answer from its servers") },
  { 503, NC_("HTTP status", "503 Service Unavailable"),
    NC_("HTTP status explanation", "its servers are overloaded or down for maintenance") },
  { 504, NC_("HTTP status", "504 Gateway Timeout"),
    NC_("HTTP status explanation", "its gateway waited too long for its servers") },
  { 520, NC_("HTTP status", "520 Web Server Returned an Unknown Error"),
    NC_("HTTP status explanation", "its servers sent Cloudflare an empty or unknown answer") },
  { 521, NC_("HTTP status", "521 Web Server Is Down"),
    NC_("HTTP status explanation", "its servers refuse Cloudflare's connections") },
  { 522, NC_("HTTP status", "522 Connection Timed Out"),
    NC_("HTTP status explanation", "Cloudflare could not connect to its servers in time") },
  { 523, NC_("HTTP status", "523 Origin Is Unreachable"),
    NC_("HTTP status explanation", "Cloudflare cannot find a route to its servers") },
  { 524, NC_("HTTP status", "524 A Timeout Occurred"),
    NC_("HTTP status explanation",
        "Cloudflare reached its servers but they took too long to answer") },
  { 525, NC_("HTTP status", "525 SSL Handshake Failed"),
    NC_("HTTP status explanation",
        "the secure handshake between Cloudflare and its servers failed") },
  { 526, NC_("HTTP status", "526 Invalid SSL Certificate"),
    NC_("HTTP status explanation", "Cloudflare could not verify its servers' certificate") },
  { 530, NC_("HTTP status", "530 Origin Unreachable"),
    NC_("HTTP status explanation", "Cloudflare could not resolve or reach its servers") },
};

/* Reasons and verdicts */

void
gw_reason_free (gpointer data)
{
  GwReason *reason = data;

  g_free (reason->text);
  g_free (reason);
}

gpointer
gw_reason_copy (gconstpointer src,
             gpointer      user_data)
{
  const GwReason *reason = src;
  GwReason *copy = g_memdup2 (reason, sizeof *reason);

  copy->text = g_strdup (reason->text);
  return copy;
}

static GwVerdict *
verdict_new (GwState     state,
             GwCause     cause,
             const char *summary,
             gint64      checked_at)
{
  GwVerdict *self = g_new0 (GwVerdict, 1);

  self->state = state;
  self->cause = cause;
  self->summary = g_strdup (summary);
  self->reasons = g_ptr_array_new_with_free_func (gw_reason_free);
  self->checked_at = checked_at;
  return self;
}

/**
 * gw_verdict_classify:
 * @round: the results of one probe round
 * @options: (nullable): thresholds, or %NULL for the defaults
 *
 * Decides ChatGPT's health from @round alone, in this order: no probe ran
 * (unknown); this side (captive portal, interception, proxy, failing
 * control, no control and nothing reachable, blocked); ChatGPT's side (5xx
 * or broken connections on every attempt, timeouts, a major outage on the
 * status page); degraded (intermittent, rate limited, slow, the status page,
 * API failing behind a challenge, unexpected answers); operational. A
 * slow_first_byte_us of 0 or less turns the slowness rule off.
 *
 * Returns: (transfer full): the verdict; its reasons are empty only when no
 *   probe ran
 */
GwVerdict *
gw_verdict_classify (const GwRound           *round,
                     const GwClassifyOptions *options)
{
  GwVerdict *verdict;
  gboolean any_enabled = FALSE, any_run = FALSE;

  g_return_val_if_fail (round != NULL, NULL);

  for (guint i = 0; i < GW_N_TARGETS; i++)
    {
      gboolean enabled = gw_probe_result_enabled (&round->probes[i]);

      any_enabled |= enabled;
      any_run |= enabled && round->probes[i].attempts > 0;
    }
  if (!any_run)
    return verdict_new (GW_STATE_UNKNOWN, GW_CAUSE_NO_EVIDENCE,
                        any_enabled ? _("ChatGPT has not been checked yet.") :
                                      _("ChatGPT is not checked: every check is disabled."),
                        round->started_at);

  verdict = verdict_new (GW_STATE_UNKNOWN, GW_CAUSE_NONE, NULL, round->started_at);
  gw_verdict_apply_rules (verdict, round, options);
  return verdict;
}

/**
 * gw_verdict_new_unknown:
 * @cause: why nothing is known, e.g. %GW_CAUSE_NO_EVIDENCE
 * @summary: (nullable): the sentence to show, or %NULL for "not checked yet"
 *
 * A verdict for before the first round, or while paused: no reasons, and
 * checked_at 0 (never).
 */
GwVerdict *
gw_verdict_new_unknown (GwCause     cause,
                        const char *summary)
{
  return verdict_new (GW_STATE_UNKNOWN, cause,
                      summary != NULL ? summary : _("ChatGPT has not been checked yet."), 0);
}

void
gw_verdict_free (GwVerdict *self)
{
  if (self == NULL)
    return;

  g_free (self->summary);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_free (self);
}

GwVerdict *
gw_verdict_copy (const GwVerdict *self)
{
  GwVerdict *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = verdict_new (self->state, self->cause, self->summary, self->checked_at);
  for (guint i = 0; self->reasons != NULL && i < self->reasons->len; i++)
    g_ptr_array_add (copy->reasons, gw_reason_copy (g_ptr_array_index (self->reasons, i), NULL));
  return copy;
}

int
gw_state_exit_code (GwState state)
{
  switch (state)
    {
    case GW_STATE_OPERATIONAL: return 0;
    case GW_STATE_DEGRADED: return 1;
    case GW_STATE_OUTAGE: return 2;
    case GW_STATE_LOCAL_PROBLEM:
    case GW_STATE_UNKNOWN:
    default: return 3;
    }
}

const char *
gw_state_to_string (GwState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

const char *
gw_cause_to_string (GwCause cause)
{
  g_return_val_if_fail ((guint) cause < G_N_ELEMENTS (cause_names), NULL);
  return cause_names[cause];
}

static const StatusInfo *
status_info_lookup (guint status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_infos); i++)
    if (status_infos[i].status == status)
      return &status_infos[i];
  return NULL;
}

const char *
gw_http_status_phrase (guint status)
{
  const StatusInfo *info = status_info_lookup (status);

  return info != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "HTTP status", info->phrase) : NULL;
}

const char *
gw_http_status_explanation (guint status)
{
  const StatusInfo *info = status_info_lookup (status);

  if (info == NULL || info->explanation == NULL)
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, "HTTP status explanation", info->explanation);
}
