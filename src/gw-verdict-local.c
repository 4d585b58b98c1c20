/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-verdict"

#include "config.h"

#include "gw-verdict-private.h"

#include <glib/gi18n-lib.h>

/* Rule 2: it's this side. */


static void
add_interception (GwClassifier          *cx,
                  const GwProbeResult *probe)
{
  g_autofree char *host = gw_fact_host (probe);
  const char *issuer = probe->response != NULL ? probe->response->tls_issuer : NULL;
  char *text;
  char *summary;

  if (issuer != NULL && issuer[0] != '\0')
    {
      /* Translators: the first %s is a host name, the second a certificate issuer */
      text = g_strdup_printf (_("The certificate of %s does not verify: it was issued by “%s”, "
                                "so something on this network or computer inspects HTTPS traffic."),
                              host, issuer);
      /* Translators: %s is a certificate issuer, e.g. a company's firewall */
      summary = g_strdup_printf (_("It's your side: “%s” intercepts secure connections on this "
                                   "network or computer (HTTPS inspection)."), issuer);
    }
  else
    {
      /* Translators: %s is a host name */
      text = g_strdup_printf (_("The certificate of %s does not verify, so something on this "
                                "network or computer inspects HTTPS traffic."), host);
      summary = g_strdup (_("It's your side: something on this network or computer intercepts "
                            "secure connections (HTTPS inspection)."));
    }
  gw_classifier_add_reason (cx, probe, GW_CAUSE_TLS_INTERCEPTION, GW_STATE_LOCAL_PROBLEM, text, summary);
}

/* 2b: a certificate that normally verifies does not */
static void
rule_interception (GwClassifier *cx)
{
  static const GwTarget https_targets[] = { GW_TARGET_WEB, GW_TARGET_API, GW_TARGET_STATUS };

  for (guint i = 0; i < G_N_ELEMENTS (https_targets); i++)
    {
      const GwProbeResult *probe = cx->run[https_targets[i]];

      if (probe != NULL && gw_fact_intercepted (probe))
        add_interception (cx, probe);
    }
}

/* The proxy's address without user name or password, or NULL. */
static char *
proxy_display (const GwProbeResult *probe)
{
  g_autoptr(GUri) uri = NULL;

  if (probe->response == NULL || probe->response->proxy == NULL)
    return NULL;
  uri = g_uri_parse (probe->response->proxy, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;
  return g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
}

/* 2c: the proxy cannot be resolved, reached, or refuses */
static void
rule_proxy (GwClassifier *cx)
{
  const GwProbeResult *probes[] = { cx->primary, cx->control };

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      const GwProbeResult *probe = probes[i];
      g_autofree char *proxy = NULL;
      g_autofree char *host = NULL;
      char *text;

      if (probe == NULL || probe->layer != GW_LAYER_PROXY)
        continue;

      host = gw_fact_host (probe);
      proxy = proxy_display (probe);
      if (proxy != NULL)
        /* Translators: the first %s is a proxy address, the second a host name */
        text = g_strdup_printf (_("The proxy %s could not be reached or refused the connection "
                                  "to %s."), proxy, host);
      else
        /* Translators: %s is a host name */
        text = g_strdup_printf (_("The proxy could not be reached or refused the connection "
                                  "to %s."), host);
      gw_classifier_add_reason (cx, probe, GW_CAUSE_PROXY, GW_STATE_LOCAL_PROBLEM, text,
                  g_strdup (_("It's your side: the proxy cannot be reached or refuses the "
                              "connection — check the proxy settings.")));
    }
}

static char *
dns_summary (void)
{
  return g_strdup (_("It's your side: this computer can't resolve names (DNS)."));
}

static char *
offline_summary (void)
{
  return g_strdup (_("No internet connection: check the cable, Wi-Fi or mobile data — it's "
                     "your side."));
}

static void
add_captive_portal (GwClassifier *cx)
{
  const GwProbeResult *control = cx->control;
  const char *location = NULL;
  guint status = gw_fact_http_status (control);
  g_autofree char *host = gw_fact_host (control);
  char *text;
  char *summary;

  if (control->response != NULL && status >= 300 && status <= 399)
    location = gw_http_response_get_header (control->response, GW_HTTP_HEADER_LOCATION);

  if (location != NULL && location[0] != '\0')
    {
      /* Translators: the first %s is a host name, the second the address it was redirected to */
      text = g_strdup_printf (_("The connectivity check at %s was redirected to %s: a captive "
                                "portal wants you to sign in."), host, location);
      summary = g_strdup (_("Sign in to this network: it redirects to a login page "
                            "(captive portal)."));
    }
  else
    {
      if (status != 0)
        /* Translators: %s is a host name, %u an HTTP status code */
        text = g_strdup_printf (_("The connectivity check at %s got an unexpected answer "
                                  "(HTTP %u): a sign-in page or a filter is in the way."),
                                host, status);
      else
        /* Translators: the first %s is a host name, the second an error message */
        text = g_strdup_printf (_("The connectivity check at %s got a broken answer (%s): "
                                  "a sign-in page or a filter is in the way."),
                                host, gw_fact_error (control));
      summary = g_strdup (_("Sign in to this network: it shows a login page or a filter "
                            "instead of the internet (captive portal)."));
    }
  gw_classifier_add_reason (cx, control, GW_CAUSE_CAPTIVE_PORTAL, GW_STATE_LOCAL_PROBLEM, text, summary);
}

/* The control answered, but not as expected: a redirect, a sign-in or filter
 * page, or 511 Network Authentication Required. A 5xx or a broken answer is
 * the check's own server failing, not a portal. */
static gboolean
control_captive (const GwProbeResult *control)
{
  guint status = gw_fact_http_status (control);

  return control != NULL && control->layer == GW_LAYER_HTTP &&
         ((status >= 200 && status <= 499) || status == 511);
}

/* 2a: a captive portal or filter rewrites plain HTTP. It decides even when
 * ChatGPT answers, and before interception: a portal also explains why
 * certificates stop verifying. */
static void
rule_captive_portal (GwClassifier *cx)
{
  if (control_captive (cx->control))
    add_captive_portal (cx);
}

/* 2d: the control failed and ChatGPT gave no answer */
static void
rule_control_failed (GwClassifier *cx)
{
  const GwProbeResult *control = cx->control;
  g_autofree char *host = NULL;

  if (!cx->local_failure || control_captive (control))
    return;

  host = gw_fact_host (control);
  switch (control->layer)
    {
    case GW_LAYER_DNS:
      gw_classifier_add_reason (cx, control, GW_CAUSE_DNS, GW_STATE_LOCAL_PROBLEM,
                  g_strdup (_("This computer can't resolve names (DNS).")), dns_summary ());
      break;
    case GW_LAYER_CONNECT:
    case GW_LAYER_TIMEOUT:
    case GW_LAYER_HTTP:
      gw_classifier_add_reason (cx, control, GW_CAUSE_OFFLINE, GW_STATE_LOCAL_PROBLEM,
                  /* Translators: the first %s is a host name, the second an error message */
                  g_strdup_printf (_("No internet connection: the connectivity check at %s "
                                     "failed (%s)."), host, gw_fact_error (control)),
                  offline_summary ());
      break;
    case GW_LAYER_TLS:
      add_interception (cx, control);
      break;
    case GW_LAYER_PROXY: /* rule 2c */
    case GW_LAYER_NONE:
    default:
      break;
    }
}

/* 2e: no control: every target fails to resolve, or to connect */
static void
rule_no_control (GwClassifier *cx)
{
  static const GwTarget targets[] = { GW_TARGET_WEB, GW_TARGET_API, GW_TARGET_STATUS };
  guint n_run = 0, n_dns = 0, n_unreachable = 0;

  if (cx->control != NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      const GwProbeResult *probe = cx->run[targets[i]];

      n_run += probe != NULL;
      n_dns += probe != NULL && probe->layer == GW_LAYER_DNS;
      n_unreachable += probe != NULL && gw_fact_unreachable (probe);
    }

  for (guint i = 0; i < G_N_ELEMENTS (targets) && n_run > 0; i++)
    {
      const GwProbeResult *probe = cx->run[targets[i]];
      g_autofree char *host = probe != NULL ? gw_fact_host (probe) : NULL;

      if (probe == NULL)
        continue;
      if (n_dns == n_run)
        gw_classifier_add_reason (cx, probe, GW_CAUSE_DNS, GW_STATE_LOCAL_PROBLEM,
                    /* Translators: %s is a host name */
                    g_strdup_printf (_("%s could not be resolved (DNS)."), host), dns_summary ());
      else if (n_run >= 2 && n_unreachable == n_run)
        gw_classifier_add_reason (cx, probe, GW_CAUSE_OFFLINE, GW_STATE_LOCAL_PROBLEM,
                    /* Translators: the first %s is a host name, the second an error message */
                    g_strdup_printf (_("%s could not be reached (%s)."), host, gw_fact_error (probe)),
                    offline_summary ());
    }
}

/* 2f–h: the internet works, ChatGPT is blocked on this network */
static void
rule_blocked (GwClassifier *cx)
{
  const GwProbeResult *probe = cx->primary;
  gboolean control_passed = cx->control != NULL && cx->control->layer == GW_LAYER_NONE;
  guint status = gw_fact_http_status (probe);
  g_autofree char *host = NULL;
  char *text;
  char *summary;

  if (probe == NULL)
    return;
  host = gw_fact_host (probe);

  if (control_passed && probe->layer == GW_LAYER_DNS)
    /* Translators: %s is a host name */
    text = g_strdup_printf (_("%s does not resolve on this network, other names do: a DNS "
                              "filter may block it."), host);
  else if (control_passed && gw_fact_failed_every_attempt (probe) && probe->layer == GW_LAYER_TLS &&
           !gw_fact_intercepted (probe))
    /* Translators: %s is a host name */
    text = g_strdup_printf (_("The internet works but the secure connection to %s is cut: a "
                              "firewall or filter on this network may block it."), host);
  else if (control_passed && gw_fact_failed_every_attempt (probe) && gw_fact_connect_failed (probe))
    /* Translators: %s is a host name */
    text = g_strdup_printf (_("The internet works but the connection to %s is refused: a "
                              "firewall or filter on this network may block it."), host);
  else if (probe->layer == GW_LAYER_HTTP && (status == 403 || status == 451) &&
           !gw_fact_challenged (probe))
    /* Translators: %u is an HTTP status code, 403 or 451 */
    text = g_strdup_printf (_("ChatGPT refuses this connection (%u): your network, VPN or proxy "
                              "may be blocked."), status);
  else
    return;

  if (probe->layer == GW_LAYER_HTTP)
    /* Translators: %u is an HTTP status code, 403 or 451 */
    summary = g_strdup_printf (_("It's your side: ChatGPT refuses this connection (%u) — try "
                                 "without VPN or proxy, or on another network."), status);
  else
    /* Translators: %s is a host name */
    summary = g_strdup_printf (_("It's your network: it seems to block %s — try another "
                                 "network, or ask its administrator."), host);
  gw_classifier_add_reason (cx, probe, GW_CAUSE_BLOCKED, GW_STATE_LOCAL_PROBLEM, text, summary);
}

void
gw_verdict_classify_local (GwClassifier *cx)
{
  rule_captive_portal (cx);  /* 2a */
  rule_interception (cx);    /* 2b */
  rule_proxy (cx);           /* 2c */
  rule_control_failed (cx);  /* 2d */
  rule_no_control (cx);      /* 2e */
  rule_blocked (cx);         /* 2f, 2g, 2h */
}
