/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-checklist"

#include "config.h"

#include "gw-checklist-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

/* Steps 1–6: is it them, and if it's this side, which part of the network. */

#define DEFAULT_STATUS_URL "https://status.openai.com/"
#define DEFAULT_PORTAL_URL "http://nmcheck.gnome.org/"
#define SLOW_DNS_US (1 * G_USEC_PER_SEC)
#define MAX_INCIDENTS 5

/* Results combine: a problem beats a pass, a pass beats "can't tell". */
static void
raise_result (GwStep       *step,
              GwStepResult  result)
{
  static const int rank[] = {
    [GW_STEP_RESULT_UP_TO_YOU] = 0,
    [GW_STEP_RESULT_CANT_CHECK] = 1,
    [GW_STEP_RESULT_PASSED] = 2,
    [GW_STEP_RESULT_PROBLEM] = 3,
  };

  if (rank[result] > rank[step->result])
    step->result = result;
}

/* 1. Is it just you? */

static const char *
component_status_label (GwComponentStatus status)
{
  switch (status)
    {
    case GW_COMPONENT_OPERATIONAL: return _("operational");
    case GW_COMPONENT_UNDER_MAINTENANCE: return _("under maintenance");
    case GW_COMPONENT_DEGRADED_PERFORMANCE: return _("degraded performance");
    case GW_COMPONENT_PARTIAL_OUTAGE: return _("partial outage");
    case GW_COMPONENT_MAJOR_OUTAGE: return _("major outage");
    case GW_COMPONENT_UNKNOWN:
    default: return _("unknown");
    }
}

/* The status page for people: the status probe's scheme and host. */
static char *
status_page_url (const GwChecklistInput *in)
{
  const char *url = in->round != NULL ? in->round->probes[GW_TARGET_STATUS].url : NULL;
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return g_strdup (DEFAULT_STATUS_URL);
  return g_strdup_printf ("%s://%s/", g_uri_get_scheme (uri), g_uri_get_host (uri));
}

static void
add_page_facts (GwStep             *step,
                const GwStatusPage *page)
{
  if (page->description != NULL)
    /* Translators: %s is what the official status page says, e.g. "All Systems Operational" */
    gw_step_add_factf (step, _("The status page says: “%s”."), page->description);

  for (guint i = 0; page->components != NULL && i < page->components->len; i++)
    {
      const GwComponent *c = g_ptr_array_index (page->components, i);

      if (c->chatgpt && c->status != GW_COMPONENT_OPERATIONAL &&
          c->status != GW_COMPONENT_UNKNOWN)
        /* Translators: a ChatGPT component on the status page and its status,
         * e.g. "Conversations: partial outage" */
        gw_step_add_factf (step, _("%s: %s"), c->name, component_status_label (c->status));
    }

  for (guint i = 0; page->incidents != NULL && i < MIN (page->incidents->len, MAX_INCIDENTS); i++)
    {
      const GwIncident *inc = g_ptr_array_index (page->incidents, i);
      GwAction *action;
      g_autofree char *label = NULL;

      if (inc->status != NULL)
        /* Translators: an open incident on the status page: its name, then its status
         * as served (investigating, identified, monitoring…) */
        gw_step_add_factf (step, _("Open incident: %s (%s)."), inc->name, inc->status);
      else
        /* Translators: %s is the name of an open incident on the status page */
        gw_step_add_factf (step, _("Open incident: %s."), inc->name);
      if (inc->shortlink == NULL)
        continue;
      /* Translators: a button; %s is the name of an incident */
      label = g_strdup_printf (_("Open “%s”"), inc->name);
      action = gw_step_add_action (step, GW_ACTION_OPEN_URI, label);
      action->uri = g_strdup (inc->shortlink);
    }
}

static void
add_disagreement (GwStep                 *step,
                  const GwChecklistInput *in,
                  gboolean                page_green,
                  gboolean                page_problem)
{
  gboolean them = in->state == GW_STATE_OUTAGE || in->state == GW_STATE_DEGRADED;

  if (them && page_green && in->cause != GW_CAUSE_STATUS_PAGE)
    gw_step_add_fact (step, g_strdup (_("Gatewatch sees a problem, but the status page still "
                                        "shows green: it often lags minutes behind.")));
  else if (page_problem && in->state == GW_STATE_OPERATIONAL)
    gw_step_add_fact (step, g_strdup (_("The status page reports a problem, but ChatGPT answers "
                                        "Gatewatch normally: it may hit only some people or "
                                        "features.")));
  else if (page_green && in->state == GW_STATE_LOCAL_PROBLEM)
    gw_step_add_fact (step, g_strdup (_("The status page shows ChatGPT working: the problem is "
                                        "on your side.")));
}

GwStep *
gw_step_build_just_you (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_JUST_YOU, _("Is it just you?"),
                              _("When ChatGPT is down for everyone, nothing on your side will "
                                "fix it: waiting will."));
  const GwStatusPage *page = in->round != NULL ? in->round->status_page : NULL;
  GwComponentStatus status = page != NULL ? gw_status_page_chatgpt_status (page)
                                          : GW_COMPONENT_UNKNOWN;
  gboolean page_green = page != NULL &&
                        (status == GW_COMPONENT_OPERATIONAL ||
                         (status == GW_COMPONENT_UNKNOWN && page->indicator == GW_INDICATOR_NONE));
  gboolean page_problem = page != NULL && status != GW_COMPONENT_OPERATIONAL &&
                          status != GW_COMPONENT_UNKNOWN;
  g_autofree char *url = status_page_url (in);
  GwAction *action;

  if (page != NULL)
    add_page_facts (step, page);
  else if (in->round != NULL && in->round->status_page_error != NULL)
    /* Translators: %s says why, untranslated */
    gw_step_add_factf (step, _("The status page could not be read: %s."),
                       in->round->status_page_error);
  else
    gw_step_add_fact (step, g_strdup (_("Gatewatch has not read the status page.")));

  if (in->verdict != NULL)
    /* Translators: %s is Gatewatch's verdict, one sentence */
    gw_step_add_factf (step, _("Gatewatch's own check: %s"), in->verdict->summary);
  add_disagreement (step, in, page_green, page_problem);

  if (in->state == GW_STATE_OUTAGE || in->state == GW_STATE_DEGRADED || page_problem)
    step->result = GW_STEP_RESULT_PROBLEM;
  else if (in->state == GW_STATE_OPERATIONAL ||
           (in->state == GW_STATE_LOCAL_PROBLEM && page_green))
    step->result = GW_STEP_RESULT_PASSED;
  else
    step->result = GW_STEP_RESULT_CANT_CHECK;

  /* Translators: a button */
  action = gw_step_add_action (step, GW_ACTION_OPEN_URI, _("Open the status page"));
  action->uri = g_steal_pointer (&url);
  return step;
}

/* 2. Refresh, but not nonstop */

static guint
seconds_until (gint64 from_us,
               gint64 to_us)
{
  gint64 us = to_us - from_us;

  return us <= 0 ? 0 : (guint) MIN ((us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, G_MAXUINT);
}

static void
add_next_check (GwStep                 *step,
                const GwChecklistInput *in)
{
  guint seconds = seconds_until (in->now_us, in->next_check_us);

  if (in->next_check_us <= 0)
    gw_step_add_fact (step, g_strdup (_("No automatic check is scheduled.")));
  else if (seconds == 0)
    gw_step_add_fact (step, g_strdup (_("The next automatic check is due now.")));
  else if (seconds < 60)
    gw_step_add_factf (step, ngettext ("The next automatic check is in %u second.",
                                       "The next automatic check is in %u seconds.", seconds),
                       seconds);
  else
    gw_step_add_factf (step, ngettext ("The next automatic check is in %u minute.",
                                       "The next automatic check is in %u minutes.",
                                       (seconds + 59) / 60),
                       (seconds + 59) / 60);
}

static void
add_retry_after (GwStep                 *step,
                 const GwChecklistInput *in)
{
  const GwProbeResult *web = gw_checklist_ran (in, GW_TARGET_WEB);
  const char *value = web != NULL ? gw_http_response_get_header (web->response,
                                                                 GW_HTTP_HEADER_RETRY_AFTER)
                                  : NULL;
  guint64 seconds;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 24 * 3600, &seconds, NULL))
    return;
  gw_step_add_factf (step, ngettext ("ChatGPT asked to wait %u second before trying again.",
                                     "ChatGPT asked to wait %u seconds before trying again.",
                                     (gulong) seconds),
                     (guint) seconds);
}

GwStep *
gw_step_build_refresh (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_REFRESH, _("Refresh, but not nonstop"),
                              _("A reload can clear a one-off error; reloading over and over "
                                "only adds load while ChatGPT struggles."));
  guint wait = seconds_until (in->now_us, in->check_now_at_us);
  GwAction *action;

  add_next_check (step, in);
  add_retry_after (step, in);
  if (in->state == GW_STATE_OUTAGE)
    gw_step_add_fact (step, g_strdup (_("While ChatGPT is down, wait a few minutes between "
                                        "reloads.")));

  /* Translators: a button that probes ChatGPT at once */
  action = gw_step_add_action (step, GW_ACTION_CHECK_NOW, _("Check now"));
  action->available_at_us = in->check_now_at_us;
  action->enabled = wait == 0;
  if (!action->enabled)
    action->disabled_reason =
      g_strdup_printf (ngettext ("Gatewatch checks at most once a minute: you can check again "
                                 "in %u second.",
                                 "Gatewatch checks at most once a minute: you can check again "
                                 "in %u seconds.", wait), wait);
  step->result = GW_STEP_RESULT_UP_TO_YOU;
  return step;
}

/* 3. Internet connection */

static GwStepResult
add_control_facts (GwStep                 *step,
                   const GwChecklistInput *in,
                   gboolean               *portal)
{
  const GwProbeResult *control = gw_checklist_ran (in, GW_TARGET_CONTROL);
  g_autofree char *host = NULL;

  if (control == NULL)
    {
      if (in->round != NULL && !gw_probe_result_enabled (&in->round->probes[GW_TARGET_CONTROL]))
        gw_step_add_fact (step, g_strdup (_("Gatewatch's connectivity check is turned off.")));
      else
        gw_step_add_fact (step, g_strdup (_("Gatewatch's connectivity check has not run yet.")));
      return GW_STEP_RESULT_CANT_CHECK;
    }

  host = gw_checklist_host (control);
  if (in->cause == GW_CAUSE_CAPTIVE_PORTAL)
    {
      *portal = TRUE;
      /* Translators: %s is a host name */
      gw_step_add_factf (step, _("The connectivity check at %s got a sign-in page or a filter "
                                 "instead of its answer."), host);
      return GW_STEP_RESULT_PROBLEM;
    }
  switch (control->layer)
    {
    case GW_LAYER_NONE:
      /* Translators: %s is a host name */
      gw_step_add_factf (step, _("The connectivity check at %s answered normally."), host);
      return GW_STEP_RESULT_PASSED;
    case GW_LAYER_DNS:
      /* Translators: %s is a host name */
      gw_step_add_factf (step, _("The connectivity check could not run: %s does not resolve "
                                 "(see DNS)."), host);
      return GW_STEP_RESULT_CANT_CHECK;
    default:
      /* Translators: the first %s is a host name, the second an error, untranslated */
      gw_step_add_factf (step, _("The connectivity check at %s failed: %s."), host,
                         control->error != NULL ? control->error
                                                : gw_layer_to_string (control->layer));
      return GW_STEP_RESULT_PROBLEM;
    }
}

static GwStepResult
add_connectivity_fact (GwStep         *step,
                       GwConnectivity  connectivity,
                       gboolean       *portal)
{
  switch (connectivity)
    {
    case GW_CONNECTIVITY_FULL:
      gw_step_add_fact (step, g_strdup (_("The system reports full internet access.")));
      return GW_STEP_RESULT_PASSED;
    case GW_CONNECTIVITY_LIMITED:
      gw_step_add_fact (step, g_strdup (_("The system reports a network without internet "
                                          "access.")));
      return GW_STEP_RESULT_PROBLEM;
    case GW_CONNECTIVITY_LOCAL:
      gw_step_add_fact (step, g_strdup (_("The system reports no network connection.")));
      return GW_STEP_RESULT_PROBLEM;
    case GW_CONNECTIVITY_PORTAL:
      *portal = TRUE;
      gw_step_add_fact (step, g_strdup (_("The system reports a sign-in page on this network "
                                          "(a captive portal).")));
      return GW_STEP_RESULT_PROBLEM;
    case GW_CONNECTIVITY_UNKNOWN:
    default:
      return GW_STEP_RESULT_CANT_CHECK;
    }
}

/* A plain-HTTP page for the portal to intercept: the control's, or GNOME's. */
static char *
portal_url (const GwChecklistInput *in)
{
  const char *url = in->round != NULL ? in->round->probes[GW_TARGET_CONTROL].url : NULL;

  if (url != NULL && g_str_has_prefix (url, "http://"))
    return g_strdup (url);
  return g_strdup (DEFAULT_PORTAL_URL);
}

GwStep *
gw_step_build_connection (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_CONNECTION, _("Check your internet connection"),
                              _("If other websites don't load either, the problem is the "
                                "connection, not ChatGPT."));
  gboolean portal = FALSE;

  step->result = GW_STEP_RESULT_CANT_CHECK;
  raise_result (step, add_control_facts (step, in, &portal));
  if (in->facts != NULL)
    raise_result (step, add_connectivity_fact (step, in->facts->connectivity, &portal));
  if (in->cause == GW_CAUSE_OFFLINE)
    raise_result (step, GW_STEP_RESULT_PROBLEM);

  if (portal)
    {
      /* Translators: a button that opens a captive portal's login page */
      GwAction *action = gw_step_add_action (step, GW_ACTION_OPEN_PORTAL,
                                             _("Open the sign-in page"));

      action->uri = portal_url (in);
    }
  else if (step->result == GW_STEP_RESULT_PROBLEM)
    gw_step_add_fact (step, g_strdup (_("Check the cable or Wi-Fi, and whether other websites "
                                        "load.")));
  return step;
}

/* 4. DNS */

static GwStepResult
add_lookup_facts (GwStep                 *step,
                  const GwChecklistInput *in)
{
  const GwProbeResult *web = gw_checklist_ran (in, GW_TARGET_WEB);
  const GwProbeResult *control = gw_checklist_ran (in, GW_TARGET_CONTROL);
  GwStepResult result = GW_STEP_RESULT_CANT_CHECK;
  g_autofree char *host = web != NULL ? gw_checklist_host (web) : NULL;

  if (web == NULL)
    gw_step_add_fact (step, g_strdup (_("Gatewatch has not looked up chatgpt.com yet.")));
  else if (web->layer == GW_LAYER_DNS)
    {
      /* Translators: the first %s is a host name, the second an error, untranslated */
      gw_step_add_factf (step, _("%s did not resolve: %s."), host,
                         web->error != NULL ? web->error : "dns");
      result = GW_STEP_RESULT_PROBLEM;
    }
  else if (web->response->proxy != NULL)
    /* Translators: %s is a host name */
    gw_step_add_factf (step, _("Gatewatch reaches %s through a proxy, which looks the name up "
                               "itself."), host);
  else if (web->response->timings.dns_us >= 0)
    {
      g_autofree char *took = gw_format_timing (web->response->timings.dns_us);

      /* Translators: %s is a host name, then a duration ("12 ms") */
      gw_step_add_factf (step, _("%s resolved in %s."), host, took);
      result = GW_STEP_RESULT_PASSED;
      if (web->response->timings.dns_us > SLOW_DNS_US)
        {
          gw_step_add_fact (step, g_strdup (_("That is slow: the name server takes long to "
                                              "answer.")));
          result = GW_STEP_RESULT_PROBLEM;
        }
    }

  if (control != NULL && control->layer == GW_LAYER_DNS)
    {
      g_autofree char *other = gw_checklist_host (control);

      /* Translators: %s is a host name */
      gw_step_add_factf (step, _("Other names (%s) do not resolve either."), other);
      result = GW_STEP_RESULT_PROBLEM;
    }
  if (in->cause == GW_CAUSE_DNS)
    result = GW_STEP_RESULT_PROBLEM;
  return result;
}

static void
add_resolver_facts (GwStep             *step,
                    const GwLocalFacts *facts)
{
  const char *flush = NULL;
  GwAction *action;

  switch (facts->resolver)
    {
    case GW_RESOLVER_SYSTEMD_RESOLVED:
      gw_step_add_fact (step, g_strdup (_("This computer looks names up with systemd-resolved.")));
      flush = "resolvectl flush-caches";
      break;
    case GW_RESOLVER_DNSMASQ:
      gw_step_add_fact (step, g_strdup (_("This computer looks names up with NetworkManager's "
                                          "dnsmasq.")));
      flush = "sudo killall -HUP dnsmasq";
      break;
    case GW_RESOLVER_PLAIN:
      if (facts->nameservers[0] != NULL)
        {
          g_autofree char *servers = g_strjoinv (", ", facts->nameservers);

          /* Translators: %s lists IP addresses */
          gw_step_add_factf (step, _("This computer asks its name servers directly: %s."),
                             servers);
        }
      else
        gw_step_add_fact (step, g_strdup (_("/etc/resolv.conf lists no name server.")));
      gw_step_add_fact (step, g_strdup (_("It keeps no DNS cache to flush: restart the browser, "
                                          "which keeps its own.")));
      return;
    case GW_RESOLVER_UNKNOWN:
    default:
      gw_step_add_fact (step, g_strdup (_("Gatewatch could not read /etc/resolv.conf.")));
      return;
    }

  /* Translators: %s is a command; Gatewatch never runs it itself */
  gw_step_add_factf (step, _("To flush its cache, paste this into a terminal: %s"), flush);
  /* Translators: a button that copies a command to the clipboard */
  action = gw_step_add_action (step, GW_ACTION_COPY_TEXT, _("Copy the command"));
  action->text = g_strdup (flush);
}

GwStep *
gw_step_build_dns (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_DNS, _("Check DNS"),
                              _("DNS turns chatgpt.com into an address: when it fails, nothing "
                                "loads."));

  step->result = add_lookup_facts (step, in);
  if (in->facts != NULL)
    add_resolver_facts (step, in->facts);
  return step;
}

/* 5. VPN or proxy */

static char *
proxy_used (const GwChecklistInput *in)
{
  for (guint i = 0; i < GW_N_TARGETS; i++)
    {
      const GwProbeResult *probe = gw_checklist_ran (in, i);

      if (probe != NULL && probe->response->proxy != NULL)
        return gw_proxy_value_hide_credentials (probe->response->proxy);
    }
  return NULL;
}

static gboolean
add_proxy_facts (GwStep                 *step,
                 const GwChecklistInput *in)
{
  const GwLocalFacts *facts = in->facts;
  g_autofree char *used = proxy_used (in);
  gboolean found = used != NULL;

  if (used != NULL)
    /* Translators: %s is a proxy's address */
    gw_step_add_factf (step, _("Gatewatch's requests go through the proxy %s."), used);
  if (facts == NULL)
    return found;

  for (guint i = 0; i < facts->proxy_variables->len; i++)
    {
      const GwProxyVariable *v = g_ptr_array_index (facts->proxy_variables, i);

      /* Translators: an environment variable's name and value, e.g. "https_proxy is set to …" */
      gw_step_add_factf (step, _("%s is set to %s."), v->name, v->value);
      found |= g_ascii_strcasecmp (v->name, "no_proxy") != 0;
    }
  switch (facts->gnome_proxy_mode)
    {
    case GW_PROXY_MODE_MANUAL:
    case GW_PROXY_MODE_AUTO:
      found = TRUE;
      if (facts->gnome_proxy != NULL)
        /* Translators: %s is a proxy's address or a configuration URL */
        gw_step_add_factf (step, facts->gnome_proxy_mode == GW_PROXY_MODE_MANUAL ?
                           _("GNOME's proxy setting is manual: %s.") :
                           _("GNOME's proxy setting is automatic: %s."), facts->gnome_proxy);
      else
        gw_step_add_fact (step, g_strdup (facts->gnome_proxy_mode == GW_PROXY_MODE_MANUAL ?
                                          _("GNOME's proxy setting is manual.") :
                                          _("GNOME's proxy setting is automatic.")));
      break;
    case GW_PROXY_MODE_NONE:
      gw_step_add_fact (step, g_strdup (_("GNOME's proxy setting is off.")));
      break;
    case GW_PROXY_MODE_UNKNOWN:
    default:
      break;
    }
  return found;
}

static gboolean
add_vpn_facts (GwStep             *step,
               const GwLocalFacts *facts)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean found = FALSE;

  for (guint i = 0; i < facts->vpn_interfaces->len; i++)
    {
      const GwVpnInterface *vpn = g_ptr_array_index (facts->vpn_interfaces, i);

      g_ptr_array_add (names, vpn->name);
    }
  g_ptr_array_add (names, NULL);
  if (facts->vpn_interfaces->len > 0)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) names->pdata);

      /* Translators: %s lists network interface names, e.g. "tun0, wg0" */
      gw_step_add_factf (step, ngettext ("A VPN-like network interface is up: %s.",
                                         "VPN-like network interfaces are up: %s.",
                                         facts->vpn_interfaces->len), joined);
      found = TRUE;
    }
  if (facts->vpn_connections != NULL && facts->vpn_connections[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", facts->vpn_connections);
      guint n = g_strv_length (facts->vpn_connections);

      /* Translators: %s lists NetworkManager's connection names */
      gw_step_add_factf (step, ngettext ("NetworkManager has a VPN connection active: %s.",
                                         "NetworkManager has VPN connections active: %s.", n),
                         joined);
      found = TRUE;
    }
  return found;
}

GwStep *
gw_step_build_vpn_proxy (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_VPN_PROXY, _("Check VPN and proxy"),
                              _("A VPN or proxy can be slow, broken, or blocked by ChatGPT: "
                                "trying without it tells."));
  gboolean proxy = add_proxy_facts (step, in);
  gboolean vpn = in->facts != NULL && add_vpn_facts (step, in->facts);

  if (vpn)
    gw_step_add_fact (step, g_strdup (_("Try once with the VPN switched off, or through another "
                                        "server: ChatGPT refuses some VPN addresses.")));
  if (proxy)
    gw_step_add_fact (step, g_strdup (_("If your network requires this proxy, keep it and ask its "
                                        "administrator to let chatgpt.com through; otherwise try "
                                        "once without it.")));
  if (!vpn && !proxy && in->facts != NULL)
    gw_step_add_fact (step, g_strdup (_("Gatewatch found no proxy and no VPN.")));

  if (in->cause == GW_CAUSE_PROXY)
    step->result = GW_STEP_RESULT_PROBLEM;
  else if ((vpn || proxy) && in->state != GW_STATE_OPERATIONAL)
    step->result = GW_STEP_RESULT_UP_TO_YOU;
  else if (in->facts == NULL && !proxy)
    step->result = GW_STEP_RESULT_CANT_CHECK;
  else
    step->result = GW_STEP_RESULT_PASSED;
  return step;
}

/* 6. Firewall, antivirus, HTTPS inspection */

static const GwProbeResult *
intercepted_probe (const GwChecklistInput *in)
{
  for (guint i = 0; i < GW_N_TARGETS; i++)
    {
      const GwProbeResult *probe = gw_checklist_ran (in, i);

      if (probe != NULL && probe->response->tls_verify_failed)
        return probe;
    }
  return NULL;
}

static void
add_interception_facts (GwStep              *step,
                        const GwProbeResult *probe)
{
  g_autofree char *host = gw_checklist_host (probe);
  const char *issuer = probe->response->tls_issuer;

  if (issuer != NULL && *issuer != '\0')
    /* Translators: the first %s is a host name, the second a certificate issuer */
    gw_step_add_factf (step, _("The certificate %s presented was issued by “%s”, not by a "
                               "public certificate authority."), host, issuer);
  else
    /* Translators: %s is a host name */
    gw_step_add_factf (step, _("The certificate %s presented does not verify."), host);
  gw_step_add_fact (step, g_strdup (_("So a firewall, antivirus or company network opens secure "
                                      "connections to inspect them: browsers that trust it may "
                                      "still work, other apps fail.")));
  gw_step_add_fact (step, g_strdup (_("Turn off HTTPS scanning for chatgpt.com and openai.com in "
                                      "the antivirus, or ask the network's administrator.")));
}

GwStep *
gw_step_build_firewall (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_FIREWALL, _("Firewall, antivirus and HTTPS inspection"),
                              _("Security software and company networks can intercept secure "
                                "connections, which breaks or slows ChatGPT."));
  const GwProbeResult *intercepted = intercepted_probe (in);
  const GwProbeResult *web = gw_checklist_ran (in, GW_TARGET_WEB);
  g_autofree char *host = web != NULL ? gw_checklist_host (web) : NULL;

  if (intercepted != NULL)
    {
      add_interception_facts (step, intercepted);
      step->result = GW_STEP_RESULT_PROBLEM;
    }
  else if (web != NULL && web->layer == GW_LAYER_TLS)
    {
      /* Translators: %s is a host name */
      gw_step_add_factf (step, _("The secure connection to %s was cut during the handshake: a "
                                 "firewall may block it."), host);
      step->result = GW_STEP_RESULT_PROBLEM;
    }
  else if (web != NULL && g_str_has_prefix (web->url, "https:") &&
           (web->layer == GW_LAYER_NONE || web->layer == GW_LAYER_HTTP))
    {
      /* Translators: %s is a host name */
      gw_step_add_factf (step, _("Secure connections to %s verify normally: nothing inspects "
                                 "them."), host);
      if (web->response->tls_issuer != NULL)
        /* Translators: %s is a certificate issuer */
        gw_step_add_factf (step, _("Its certificate was issued by “%s”."),
                           web->response->tls_issuer);
      step->result = GW_STEP_RESULT_PASSED;
    }
  else
    {
      gw_step_add_fact (step, g_strdup (_("Gatewatch has no secure connection to ChatGPT to "
                                          "check.")));
      step->result = GW_STEP_RESULT_CANT_CHECK;
    }
  return step;
}
