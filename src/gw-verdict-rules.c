/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-verdict"

#include "config.h"

#include "gw-verdict-private.h"

#include <glib/gi18n-lib.h>

/* The classifier walks the rules in a fixed order (see gw_verdict_apply_rules ()):
 * every rule that applies adds a reason, and the first one that applies
 * decides the state, the cause and the summary. The rules about this side
 * are in gw-verdict-local.c. */

typedef struct
{
  GwComponentStatus  status;
  GwState            state;
  const char        *text;
  const char        *summary;
} PageReport;

/* In each, %s lists the affected ChatGPT components or incidents. */
static const PageReport page_reports[] = {
  { GW_COMPONENT_MAJOR_OUTAGE, GW_STATE_OUTAGE,
    /* Translators: %s lists the affected ChatGPT components or incidents */
    N_("The status page reports a major outage of ChatGPT: %s."),
    /* Translators: %s lists the affected ChatGPT components or incidents */
    N_("ChatGPT is down, says its status page (%s) — it's not you.") },
  { GW_COMPONENT_PARTIAL_OUTAGE, GW_STATE_DEGRADED,
    /* Translators: %s lists the affected ChatGPT components or incidents */
    N_("The status page reports a partial outage of ChatGPT: %s."),
    /* Translators: %s lists the affected ChatGPT components or incidents */
    N_("ChatGPT is partly down, says its status page (%s).") },
  { GW_COMPONENT_DEGRADED_PERFORMANCE, GW_STATE_DEGRADED,
    /* Translators: %s lists the affected ChatGPT components or incidents */
    N_("The status page reports degraded performance of ChatGPT: %s."),
    /* Translators: %s lists the affected ChatGPT components or incidents */
    N_("ChatGPT is slow or erratic, says its status page (%s).") },
  { GW_COMPONENT_UNDER_MAINTENANCE, GW_STATE_DEGRADED,
    /* Translators: %s lists the affected ChatGPT components or incidents */
    N_("The status page reports maintenance of ChatGPT: %s."),
    /* Translators: %s lists the affected ChatGPT components or incidents */
    N_("ChatGPT is under maintenance, says its status page (%s).") },
};

/* Small facts about one probe */

guint
gw_fact_http_status (const GwProbeResult *probe)
{
  return probe != NULL && probe->response != NULL ? probe->response->http_status : 0;
}

/* The timing a reason about @probe is about: the phase that failed, the first
 * byte of an answer, or the whole request when it ran out of time. */
gint64
gw_fact_timing (const GwProbeResult *probe)
{
  const GwTimings *t;

  if (probe == NULL || probe->response == NULL)
    return -1;

  t = &probe->response->timings;
  switch (probe->layer)
    {
    case GW_LAYER_DNS: return t->dns_us;
    case GW_LAYER_CONNECT: return t->connect_us;
    case GW_LAYER_TLS: return t->tls_us;
    case GW_LAYER_NONE:
    case GW_LAYER_HTTP: return t->first_byte_us;
    case GW_LAYER_TIMEOUT:
    case GW_LAYER_PROXY:
    default: return t->total_us;
    }
}

char *
gw_fact_host (const GwProbeResult *probe)
{
  g_autoptr(GUri) uri = g_uri_parse (probe->url, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0')
    return g_strdup (g_uri_get_host (uri));
  return g_strdup (probe->url);
}

/* Why it failed, untranslated, never NULL. */
const char *
gw_fact_error (const GwProbeResult *probe)
{
  if (probe->error != NULL)
    return probe->error;
  if (probe->response != NULL && probe->response->error_text != NULL)
    return probe->response->error_text;
  return gw_layer_to_string (probe->layer);
}

/* Failed attempts, counting a failing last attempt even when the prober did not. */
guint
gw_fact_failures (const GwProbeResult *probe)
{
  if (probe->layer != GW_LAYER_NONE)
    return MAX (probe->failed_attempts, 1);
  return probe->failed_attempts;
}

gboolean
gw_fact_failed_every_attempt (const GwProbeResult *probe)
{
  return probe->layer != GW_LAYER_NONE && gw_fact_failures (probe) >= probe->attempts;
}

gboolean
gw_fact_intercepted (const GwProbeResult *probe)
{
  return probe->layer == GW_LAYER_TLS && probe->response != NULL &&
         probe->response->tls_verify_failed;
}

/* A refused connection or a handshake cut short, not a certificate that fails. */
gboolean
gw_fact_connect_failed (const GwProbeResult *probe)
{
  return probe->layer == GW_LAYER_CONNECT ||
         (probe->layer == GW_LAYER_TLS && !gw_fact_intercepted (probe));
}

gboolean
gw_fact_unreachable (const GwProbeResult *probe)
{
  return probe->layer == GW_LAYER_DNS || probe->layer == GW_LAYER_TIMEOUT ||
         gw_fact_connect_failed (probe);
}

/* An HTTP answer, good or bad (a broken one included, as layer http). */
gboolean
gw_fact_answered (const GwProbeResult *probe)
{
  return probe != NULL && (probe->layer == GW_LAYER_NONE || probe->layer == GW_LAYER_HTTP);
}

gboolean
gw_fact_challenged (const GwProbeResult *probe)
{
  return probe->response != NULL && gw_response_is_challenge (probe->response);
}

static double
seconds (gint64 us)
{
  return (double) us / G_USEC_PER_SEC;
}

/* Reasons */

/* Adds a reason about @probe (NULL: the status page's own report), taking
 * @text and @summary. A reason with a summary may decide the verdict: the first
 * one does and goes first; one without a summary is informational only. */
void
gw_classifier_add_reason (GwClassifier          *cx,
            const GwProbeResult *probe,
            GwCause              cause,
            GwState              state,
            char                *text,
            char                *summary)
{
  GwVerdict *verdict = cx->verdict;
  GwReason *reason = g_new0 (GwReason, 1);

  reason->cause = cause;
  reason->state = state;
  reason->target = probe != NULL ? (int) probe->target : -1;
  reason->layer = probe != NULL ? probe->layer : GW_LAYER_NONE;
  reason->http_status = gw_fact_http_status (probe);
  reason->timing_us = gw_fact_timing (probe);
  reason->text = text;

  if (summary != NULL && verdict->summary == NULL)
    {
      verdict->state = state;
      verdict->cause = cause;
      verdict->summary = summary;
      g_ptr_array_insert (verdict->reasons, 0, reason);
    }
  else
    {
      g_free (summary);
      g_ptr_array_add (verdict->reasons, reason);
    }
}

gboolean
gw_classifier_decided (const GwClassifier *cx)
{
  return cx->verdict->summary != NULL;
}

/* Rules 3 and 4: it's them */

static char *
page_affected (const GwStatusPage *page,
               GwComponentStatus   status)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; page->components != NULL && i < page->components->len; i++)
    {
      const GwComponent *component = g_ptr_array_index (page->components, i);

      if (component->chatgpt && component->status == status &&
          !g_ptr_array_find_with_equal_func (names, component->name, g_str_equal, NULL))
        g_ptr_array_add (names, component->name);
    }

  for (guint i = 0; names->len == 0 && page->incidents != NULL && i < page->incidents->len; i++)
    {
      const GwIncident *incident = g_ptr_array_index (page->incidents, i);

      if (incident->chatgpt && !incident->resolved)
        g_ptr_array_add (names, incident->name);
    }

  if (names->len == 0)
    return g_strdup ("ChatGPT");

  g_ptr_array_add (names, NULL);
  /* Translators: separates the names in a list of components */
  return g_strjoinv (C_("list separator", ", "), (char **) names->pdata);
}

/* 3c and 4d: what the official page says about ChatGPT */
static void
rule_status_page (GwClassifier *cx,
                  GwState     state)
{
  const GwStatusPage *page = cx->round->status_page;

  if (page == NULL || cx->local_failure)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (page_reports); i++)
    {
      const PageReport *report = &page_reports[i];
      g_autofree char *affected = NULL;

      if (report->status != cx->page_status || report->state != state)
        continue;

      affected = page_affected (page, report->status);
      gw_classifier_add_reason (cx, NULL, GW_CAUSE_STATUS_PAGE, state,
                  g_strdup_printf (_(report->text), affected),
                  g_strdup_printf (_(report->summary), affected));
    }
}

static char *
server_error_summary (guint status)
{
  const char *phrase = gw_http_status_phrase (status);
  const char *explanation = gw_http_status_explanation (status);

  if (phrase != NULL && explanation != NULL)
    /* Translators: the first %s is an HTTP status line ("502 Bad Gateway"), the second
     * explains it ("its gateway got no valid answer from its servers") */
    return g_strdup_printf (_("ChatGPT is down: %s — %s."), phrase, explanation);

  /* Translators: %u is an HTTP status code from 500 to 599 */
  return g_strdup_printf (_("ChatGPT is down: its servers answer HTTP %u — it's not you."), status);
}

/* A transfer cut off (closed or reset), even after a status line. */
static gboolean
transfer_broke (const GwProbeResult *probe)
{
  return probe->response != NULL && probe->response->error == GW_HTTP_ERROR_BROKEN;
}

/* 3a: a 5xx on every attempt, or a connection the edge accepted and broke */
static void
rule_server_error (GwClassifier *cx)
{
  const GwProbeResult *probe = cx->primary;
  g_autofree char *host = NULL;
  guint status;

  if (probe == NULL || cx->local_failure || probe->layer != GW_LAYER_HTTP ||
      !gw_fact_failed_every_attempt (probe))
    return;

  host = gw_fact_host (probe);
  status = gw_fact_http_status (probe);
  /* A 200 whose body is cut off is a broken connection, not an answer. */
  if (status == 0 || (transfer_broke (probe) && (status < 500 || status > 599)))
    gw_classifier_add_reason (cx, probe, GW_CAUSE_SERVER_ERROR, GW_STATE_OUTAGE,
                /* Translators: %s is an error message */
                g_strdup_printf (_("ChatGPT's servers broke the connection on every attempt "
                                   "(%s)."), gw_fact_error (probe)),
                g_strdup (_("ChatGPT is down: its servers broke the connection — it's not "
                            "you.")));
  else if (status >= 500 && status <= 599)
    gw_classifier_add_reason (cx, probe, GW_CAUSE_SERVER_ERROR, GW_STATE_OUTAGE,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: %1$s is a host name, %2$u an
                                               * HTTP status, %3$u a number of attempts */
                                              "%1$s answered HTTP %2$u on %3$u attempt.",
                                              "%1$s answered HTTP %2$u on all %3$u attempts.",
                                              probe->attempts),
                                 host, status, probe->attempts),
                server_error_summary (status));
}

/* 3b: no answer in time, on every attempt */
static void
rule_timeout (GwClassifier *cx)
{
  const GwProbeResult *probe = cx->primary;
  g_autofree char *host = NULL;

  if (probe == NULL || cx->local_failure || probe->layer != GW_LAYER_TIMEOUT ||
      !gw_fact_failed_every_attempt (probe))
    return;

  host = gw_fact_host (probe);
  gw_classifier_add_reason (cx, probe, GW_CAUSE_TIMEOUT, GW_STATE_OUTAGE,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: %1$s is a host name, %2$u a
                                             * number of attempts */
                                            "%1$s did not answer in time on %2$u attempt.",
                                            "%1$s did not answer in time on any of %2$u attempts.",
                                            probe->attempts),
                               host, probe->attempts),
              g_strdup (_("ChatGPT is down: it does not answer in time — it's not you.")));
}

/* 4a: some attempts failed, others passed */
static void
rule_intermittent (GwClassifier *cx)
{
  const GwProbeResult *probe = cx->primary;
  g_autofree char *host = NULL;
  guint failures;

  if (probe == NULL || cx->local_failure)
    return;
  failures = gw_fact_failures (probe);
  if (failures == 0 || failures >= probe->attempts)
    return;

  host = gw_fact_host (probe);
  gw_classifier_add_reason (cx, probe, GW_CAUSE_INTERMITTENT, GW_STATE_DEGRADED,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: %1$s is a host name, %2$u the
                                             * failed attempts out of %3$u */
                                            "%1$s failed %2$u of %3$u attempt.",
                                            "%1$s failed %2$u of %3$u attempts.",
                                            probe->attempts),
                               host, failures, probe->attempts),
              g_strdup (_("ChatGPT is unstable: some requests fail, retrying helps.")));
}

/* 4b: 429 Too Many Requests, not a challenge */
static void
rule_rate_limited (GwClassifier *cx)
{
  const GwProbeResult *probe = cx->primary;
  g_autofree char *host = NULL;

  if (probe == NULL || probe->layer != GW_LAYER_HTTP || gw_fact_http_status (probe) != 429 ||
      gw_fact_challenged (probe))
    return;

  host = gw_fact_host (probe);
  gw_classifier_add_reason (cx, probe, GW_CAUSE_RATE_LIMITED, GW_STATE_DEGRADED,
              /* Translators: %s is a host name */
              g_strdup_printf (_("%s answered 429 Too Many Requests: it limits requests from "
                                 "this address."), host),
              g_strdup (_("ChatGPT limits requests from this address (429 Too Many Requests) — "
                          "wait a few minutes.")));
}

/* 4c: the first byte came later than the threshold */
static void
rule_slow (GwClassifier *cx)
{
  const GwProbeResult *probe = cx->primary;
  g_autofree char *host = NULL;
  gint64 first_byte_us;

  if (probe == NULL || cx->local_failure || probe->layer != GW_LAYER_NONE ||
      probe->response == NULL || cx->slow_us <= 0)
    return;
  first_byte_us = probe->response->timings.first_byte_us;
  if (first_byte_us <= cx->slow_us)
    return;

  host = gw_fact_host (probe);
  gw_classifier_add_reason (cx, probe, GW_CAUSE_SLOW, GW_STATE_DEGRADED,
              /* Translators: %s is a host name, the numbers are seconds */
              g_strdup_printf (_("%s sent its first byte after %.1f s (more than %.1f s)."),
                               host, seconds (first_byte_us), seconds (cx->slow_us)),
              /* Translators: %.1f is a number of seconds */
              g_strdup_printf (_("ChatGPT is slow: first byte after %.1f s."),
                               seconds (first_byte_us)));
}

/* 4e: the web passes only through a challenge, which proves the edge, not the
 * origin, and the API fails */
static void
rule_api_failing (GwClassifier *cx)
{
  const GwProbeResult *web = cx->run[GW_TARGET_WEB];
  const GwProbeResult *api = cx->run[GW_TARGET_API];
  g_autofree char *web_host = NULL;
  g_autofree char *api_host = NULL;
  char *text;

  if (web == NULL || api == NULL || cx->local_failure || web->layer != GW_LAYER_NONE ||
      !gw_fact_challenged (web) || (api->layer != GW_LAYER_HTTP && api->layer != GW_LAYER_TIMEOUT))
    return;

  web_host = gw_fact_host (web);
  api_host = gw_fact_host (api);
  if (api->layer == GW_LAYER_TIMEOUT)
    /* Translators: both %s are host names: the API's, then ChatGPT's */
    text = g_strdup_printf (_("%s does not answer in time, and %s only answers with a "
                              "Cloudflare challenge."), api_host, web_host);
  else
    /* Translators: %1$s is the API's host name, %2$u an HTTP status, %3$s ChatGPT's host name */
    text = g_strdup_printf (_("%1$s fails (HTTP %2$u), and %3$s only answers with a "
                              "Cloudflare challenge."), api_host, gw_fact_http_status (api),
                            web_host);
  gw_classifier_add_reason (cx, api, GW_CAUSE_API_FAILING, GW_STATE_DEGRADED, text,
              g_strdup (_("ChatGPT may be partly down: its API fails and its website only "
                          "shows a security check.")));
}

/* 4f: an answer that fits no other rule (404 and other 4xx, or no 4xx/5xx at all) */
static void
rule_unexpected (GwClassifier *cx)
{
  const GwProbeResult *probe = cx->primary;
  g_autofree char *host = NULL;
  guint status = gw_fact_http_status (probe);

  if (probe == NULL || probe->layer != GW_LAYER_HTTP || status == 0 || transfer_broke (probe) ||
      (status >= 500 && status <= 599) || status == 403 || status == 451 || status == 429)
    return;

  host = gw_fact_host (probe);
  gw_classifier_add_reason (cx, probe, GW_CAUSE_UNEXPECTED, GW_STATE_DEGRADED,
              /* Translators: %s is a host name, %u an HTTP status code */
              g_strdup_printf (_("%s gave an unexpected answer (HTTP %u)."), host, status),
              /* Translators: %u is an HTTP status code */
              g_strdup_printf (_("ChatGPT gave an unexpected answer (HTTP %u)."), status));
}

/* Rule 5: it works */

static void
rule_operational (GwClassifier *cx)
{
  const GwProbeResult *probe = cx->primary;
  g_autofree char *host = NULL;
  char *text;

  if (probe == NULL)
    {
      if (cx->page_status == GW_COMPONENT_OPERATIONAL && !cx->local_failure)
        gw_classifier_add_reason (cx, NULL, GW_CAUSE_NONE, GW_STATE_OPERATIONAL,
                    g_strdup (_("Only the status page was checked: it shows ChatGPT as "
                                "operational.")),
                    g_strdup (_("ChatGPT works, says its status page (nothing else is "
                                "checked).")));
      return;
    }
  if (probe->layer != GW_LAYER_NONE)
    return;

  host = gw_fact_host (probe);
  if (probe->target == GW_TARGET_API)
    /* Translators: %s is a host name, %u an HTTP status code */
    text = g_strdup_printf (_("Only %s was checked (HTTP %u): its API answering is weaker "
                              "evidence than chatgpt.com itself."),
                            host, gw_fact_http_status (probe));
  else if (gw_fact_challenged (probe))
    /* Translators: %s is a host name, %u an HTTP status code */
    text = g_strdup_printf (_("%s answered with a Cloudflare challenge (HTTP %u): its edge "
                              "works, the challenge hides whether the rest does."),
                            host, gw_fact_http_status (probe));
  else
    /* Translators: %s is a host name, %u an HTTP status code */
    text = g_strdup_printf (_("%s answered normally (HTTP %u)."), host, gw_fact_http_status (probe));

  gw_classifier_add_reason (cx, probe, GW_CAUSE_NONE, GW_STATE_OPERATIONAL, text,
              probe->target == GW_TARGET_API ?
              g_strdup (_("ChatGPT works, judging by its API (the website is not checked).")) :
              g_strdup (_("ChatGPT works.")));
}

/* Nothing gw_classifier_decided: not enough evidence, or a failure no rule places */
static void
rule_fallback (GwClassifier *cx)
{
  const GwProbeResult *probe = cx->primary;
  g_autofree char *host = NULL;

  if (gw_classifier_decided (cx))
    return;

  if (probe == NULL)
    {
      gw_classifier_add_reason (cx, NULL, GW_CAUSE_NO_EVIDENCE, GW_STATE_UNKNOWN,
                  g_strdup (_("Neither chatgpt.com nor its API was checked, and the status page "
                              "does not tell how ChatGPT is.")),
                  g_strdup (_("Can't tell whether ChatGPT works: not enough evidence.")));
      return;
    }

  host = gw_fact_host (probe);
  gw_classifier_add_reason (cx, probe, GW_CAUSE_UNEXPECTED, GW_STATE_UNKNOWN,
              /* Translators: the first %s is a host name, the second an error message */
              g_strdup_printf (_("%s failed (%s)."), host, gw_fact_error (probe)),
              /* Translators: %s is a host name */
              g_strdup_printf (_("Can't tell whether it's ChatGPT or your side: %s failed, and "
                                 "nothing shows whether the internet works."), host));
}

/* Evidence that never decides */
static void
rule_informational (GwClassifier *cx)
{
  const GwRound *round = cx->round;
  const GwProbeResult *status = cx->run[GW_TARGET_STATUS];
  const GwProbeResult *control = cx->control;
  const char *error = round->status_page_error;

  if (error == NULL && status != NULL && status->layer != GW_LAYER_NONE)
    error = gw_fact_error (status);
  if (gw_probe_result_enabled (&round->probes[GW_TARGET_STATUS]) &&
      round->status_page == NULL && (status != NULL || error != NULL))
    gw_classifier_add_reason (cx, status, GW_CAUSE_STATUS_PAGE_UNREADABLE, GW_STATE_UNKNOWN,
                error != NULL ?
                /* Translators: %s is an error message */
                g_strdup_printf (_("The status page could not be read: %s."), error) :
                g_strdup (_("The status page could not be read.")),
                NULL);

  if (control != NULL && control->layer != GW_LAYER_NONE && control->layer != GW_LAYER_PROXY &&
      !cx->local_failure)
    {
      g_autofree char *host = gw_fact_host (control);

      gw_classifier_add_reason (cx, control, GW_CAUSE_CONTROL_FAILED, GW_STATE_LOCAL_PROBLEM,
                  /* Translators: the first %s is a host name, the second an error message */
                  g_strdup_printf (_("The connectivity check at %s failed (%s), but ChatGPT "
                                     "answered, so the internet works."), host,
                                   gw_fact_error (control)),
                  NULL);
    }

  if (cx->verdict->state == GW_STATE_OUTAGE && cx->verdict->cause != GW_CAUSE_STATUS_PAGE &&
      cx->page_status == GW_COMPONENT_OPERATIONAL)
    gw_classifier_add_reason (cx, NULL, GW_CAUSE_STATUS_PAGE, GW_STATE_OPERATIONAL,
                g_strdup (_("The status page still shows ChatGPT as operational.")), NULL);
}

static void
classifier_init (GwClassifier              *cx,
                 const GwRound           *round,
                 const GwClassifyOptions *options)
{
  *cx = (GwClassifier) { .round = round };
  cx->slow_us = options != NULL ? options->slow_first_byte_us : GW_DEFAULT_SLOW_FIRST_BYTE_US;

  for (guint i = 0; i < GW_N_TARGETS; i++)
    {
      const GwProbeResult *probe = &round->probes[i];

      if (gw_probe_result_enabled (probe) && probe->attempts > 0)
        cx->run[i] = probe;
    }

  cx->primary = cx->run[GW_TARGET_WEB] != NULL ? cx->run[GW_TARGET_WEB] : cx->run[GW_TARGET_API];
  cx->control = cx->run[GW_TARGET_CONTROL];
  cx->local_failure = cx->control != NULL && cx->control->layer != GW_LAYER_NONE &&
                      !gw_fact_answered (cx->primary);
  cx->page_status = round->status_page != NULL ?
                    gw_status_page_chatgpt_status (round->status_page) : GW_COMPONENT_UNKNOWN;
}


static void
classify_outage (GwClassifier *cx)
{
  rule_server_error (cx);                    /* 3a */
  rule_timeout (cx);                         /* 3b */
  rule_status_page (cx, GW_STATE_OUTAGE);    /* 3c */
}

static void
classify_degraded (GwClassifier *cx)
{
  rule_intermittent (cx);                    /* 4a */
  rule_rate_limited (cx);                    /* 4b */
  rule_slow (cx);                            /* 4c */
  rule_status_page (cx, GW_STATE_DEGRADED);  /* 4d */
  rule_api_failing (cx);                     /* 4e */
  rule_unexpected (cx);                      /* 4f */
}

void
gw_verdict_apply_rules (GwVerdict               *verdict,
                        const GwRound           *round,
                        const GwClassifyOptions *options)
{
  GwClassifier cx;

  classifier_init (&cx, round, options);
  cx.verdict = verdict;
  gw_verdict_classify_local (&cx);
  classify_outage (&cx);
  classify_degraded (&cx);
  rule_operational (&cx);
  rule_fallback (&cx);
  rule_informational (&cx);
}
