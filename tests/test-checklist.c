/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-checklist"

#include "config.h"

#include "gw-checklist.h"

#include <string.h>

#define WEB_URL     "https://chatgpt.com/"
#define STATUS_URL  "https://status.openai.com/api/v2/summary.json"
#define CONTROL_URL "http://nmcheck.gnome.org/check_network_status.txt"
#define STARTED_AT  G_GINT64_CONSTANT (1790000000000000)
#define NOW         (STARTED_AT + 5 * G_USEC_PER_SEC)

/* Rounds, compactly */

typedef struct
{
  gboolean     enabled;
  GwHttpError  error;
  guint        http;
  guint        attempts;        /* 0: one */
  gboolean     verify_failed;
  const char  *issuer;
  const char  *proxy;
  const char  *location;
  gint64       first_byte_us;   /* 0: 0.25 s */
} ProbeSpec;

typedef struct
{
  const char        *name;
  GwComponentStatus  status;
} ComponentSpec;

typedef struct
{
  gboolean       present;
  ComponentSpec  components[2];
  const char    *incident;      /* its name; it gets a shortlink */
} PageSpec;

#define ON(...)       { .enabled = TRUE, __VA_ARGS__ }
#define OK            .http = 200
#define FAIL(kind)    .error = GW_HTTP_ERROR_##kind

static GwHttpResponse *
response_from_spec (GwTarget         target,
                    const ProbeSpec *spec)
{
  GwHttpResponse *r = gw_http_response_new ();

  r->error = spec->error;
  r->http_status = spec->error == GW_HTTP_OK ? spec->http : 0;
  r->timings.dns_us = spec->error == GW_HTTP_ERROR_DNS ? -1 : 15000;
  if (spec->error == GW_HTTP_OK)
    {
      r->timings.first_byte_us = spec->first_byte_us ? spec->first_byte_us : 250000;
      r->timings.total_us = r->timings.first_byte_us + 1000;
    }
  r->tls_verify_failed = spec->verify_failed;
  r->tls_issuer = g_strdup (spec->issuer);
  r->proxy = g_strdup (spec->proxy);
  gw_http_response_set_header (r, GW_HTTP_HEADER_LOCATION, spec->location);
  if (target == GW_TARGET_CONTROL && spec->http == 200)
    g_byte_array_append (r->body, (const guint8 *) GW_CONTROL_EXPECTED_PREFIX "\n",
                         strlen (GW_CONTROL_EXPECTED_PREFIX) + 1);
  return r;
}

static void
probe_from_spec (GwProbeResult   *probe,
                 const char      *url,
                 const ProbeSpec *spec)
{
  if (!spec->enabled)
    return;
  probe->url = g_strdup (url);
  gw_probe_result_set_response (probe, response_from_spec (probe->target, spec));
  probe->attempts = spec->attempts ? spec->attempts : 1;
  probe->failed_attempts = probe->layer != GW_LAYER_NONE ? probe->attempts : 0;
  if (probe->layer != GW_LAYER_NONE)
    probe->error = g_strdup ("it failed");
}

static void
component_free (gpointer data)
{
  GwComponent *component = data;

  g_free (component->name);
  g_free (component);
}

static GwStatusPage *
page_from_spec (const PageSpec *spec)
{
  GwStatusPage *page = g_new0 (GwStatusPage, 1);
  gboolean all_ok = TRUE;

  page->components = g_ptr_array_new_with_free_func (component_free);
  page->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_incident_free);
  for (guint i = 0; i < G_N_ELEMENTS (spec->components) && spec->components[i].name; i++)
    {
      GwComponent *c = g_new0 (GwComponent, 1);

      c->name = g_strdup (spec->components[i].name);
      c->status = spec->components[i].status;
      c->chatgpt = gw_status_page_is_chatgpt_component (c->name);
      all_ok &= c->status == GW_COMPONENT_OPERATIONAL;
      g_ptr_array_add (page->components, c);
    }
  if (spec->incident != NULL)
    {
      GwIncident *inc = g_new0 (GwIncident, 1);

      inc->name = g_strdup (spec->incident);
      inc->status = g_strdup ("investigating");
      inc->shortlink = g_strdup ("https://stspg.io/abc123");
      inc->impact = GW_IMPACT_MINOR;
      inc->chatgpt = gw_status_page_mentions_chatgpt (inc->name);
      g_ptr_array_add (page->incidents, inc);
      all_ok = FALSE;
    }
  page->indicator = all_ok ? GW_INDICATOR_NONE : GW_INDICATOR_MINOR;
  page->description = g_strdup (all_ok ? "All Systems Operational" : "Partial System Outage");
  return page;
}

/* The facts every case starts from */

static GwLocalFacts *
standard_facts (GwConnectivity connectivity)
{
  GwLocalFacts *facts = gw_local_facts_new ();
  const char * const servers[] = { "127.0.0.53", NULL };

  g_strfreev (facts->nameservers);
  facts->nameservers = g_strdupv ((char **) servers);
  facts->resolver = GW_RESOLVER_SYSTEMD_RESOLVED;
  facts->connectivity = connectivity;
  facts->gnome_proxy_mode = GW_PROXY_MODE_NONE;
  g_ptr_array_add (facts->browsers, gw_browser_new ("firefox.desktop", "Firefox", "firefox", NULL));
  g_ptr_array_add (facts->browsers, gw_browser_new ("google-chrome.desktop", "Google Chrome",
                                                    "/usr/bin/google-chrome-stable", NULL));
  g_ptr_array_add (facts->browsers, gw_browser_new ("org.gnome.Epiphany.desktop", "Web",
                                                    "epiphany", NULL));
  facts->default_browser = gw_browser_new ("firefox.desktop", "Firefox", "firefox", NULL);
  facts->user_name = g_strdup ("alice");
  facts->home_dir = g_strdup ("/home/alice");
  return facts;
}

/* The cases */

/* Step lists hold S (step), the id plus one, so that 0 ends them. */
#define S(step) (GW_STEP_##step + 1)

typedef struct
{
  int          id;
  GwStepResult result;
} ResultSpec;

typedef struct
{
  GwStepId    id;
  const char *text;
} FactSpec;

typedef struct
{
  const char     *name;
  ProbeSpec       web, status, control;
  PageSpec        page;
  GwConnectivity  connectivity;   /* 0: unknown */
  GwState         state;          /* what the round must classify as */
  GwCause         cause;
  GwStepId        first[3];
  ResultSpec      results[7];
  int             folded[5];
  int             absent[3];
  FactSpec        facts[4];
  int             portal;         /* the step with an OPEN_PORTAL action, or 0 */
} Case;

#define STEPS(a, b, c)        { GW_STEP_##a, GW_STEP_##b, GW_STEP_##c }
#define R(step, r)            { S (step), GW_STEP_RESULT_##r }
#define FACT(step, text)      { GW_STEP_##step, text }
#define CONTROL_OK            .control = ON (OK)
#define STATUS_OK             .status = ON (OK)
#define PAGE_GREEN            .page = { TRUE, { { "Conversations", GW_COMPONENT_OPERATIONAL } } }

static const Case cases[] = {
  { "outage", .web = ON (.http = 502, .attempts = 3), STATUS_OK, PAGE_GREEN, CONTROL_OK,
    .connectivity = GW_CONNECTIVITY_FULL,
    .state = GW_STATE_OUTAGE, .cause = GW_CAUSE_SERVER_ERROR,
    .first = STEPS (JUST_YOU, REFRESH, CONNECTION),
    .results = { R (JUST_YOU, PROBLEM), R (REFRESH, UP_TO_YOU), R (CONNECTION, PASSED),
                 R (DNS, PASSED), R (VPN_PROXY, PASSED), R (FIREWALL, PASSED) },
    .folded = { S (CONNECTION), S (DNS), S (VPN_PROXY), S (CONTACT_SUPPORT) },
    .absent = { S (SHORTER_PROMPT), S (RESTART_ROUTER) },
    .facts = { FACT (JUST_YOU, "the status page still shows green"),
               FACT (JUST_YOU, "All Systems Operational"),
               FACT (REFRESH, "wait a few minutes") },
  },
  { "degraded", .web = ON (OK), STATUS_OK, CONTROL_OK,
    .page = { TRUE, { { "Conversations", GW_COMPONENT_PARTIAL_OUTAGE } },
              "Elevated errors in ChatGPT" },
    .state = GW_STATE_DEGRADED, .cause = GW_CAUSE_STATUS_PAGE,
    .first = STEPS (JUST_YOU, REFRESH, SHORTER_PROMPT),
    .results = { R (JUST_YOU, PROBLEM), R (SHORTER_PROMPT, UP_TO_YOU),
                 R (FIREWALL, PASSED) },
    .folded = { S (CONNECTION), S (FIREWALL), S (UPDATE_BROWSER) },
    .absent = { S (RESTART_ROUTER) },
    .facts = { FACT (JUST_YOU, "Conversations: partial outage"),
               FACT (JUST_YOU, "Open incident: Elevated errors in ChatGPT (investigating).") },
  },
  { "slow", .web = ON (OK, .first_byte_us = 5 * G_USEC_PER_SEC), CONTROL_OK,
    .connectivity = GW_CONNECTIVITY_FULL,
    .state = GW_STATE_DEGRADED, .cause = GW_CAUSE_SLOW,
    .first = STEPS (JUST_YOU, REFRESH, SHORTER_PROMPT),
    .results = { R (JUST_YOU, PROBLEM), R (CONNECTION, PASSED) },
    .folded = { S (DNS) },
    .absent = { S (RESTART_ROUTER) },
    .facts = { FACT (SHORTER_PROMPT, "took 5.0 s to start answering"),
               FACT (JUST_YOU, "Gatewatch has not read the status page.") },
  },
  { "captive-portal", .web = ON (FAIL (CONNECT)),
    .control = ON (.http = 302, .location = "http://login.hotel.example/"),
    .connectivity = GW_CONNECTIVITY_PORTAL,
    .state = GW_STATE_LOCAL_PROBLEM, .cause = GW_CAUSE_CAPTIVE_PORTAL,
    .first = STEPS (CONNECTION, DNS, VPN_PROXY),
    .results = { R (CONNECTION, PROBLEM), R (JUST_YOU, CANT_CHECK) },
    .folded = { S (RESTART_ROUTER), S (JUST_YOU), S (FIREWALL) },
    .absent = { S (SHORTER_PROMPT) },
    .facts = { FACT (CONNECTION, "sign-in page or a filter"),
               FACT (CONNECTION, "captive portal") },
    .portal = S (CONNECTION) },
  { "dns", .web = ON (FAIL (DNS)), .control = ON (FAIL (DNS)),
    .connectivity = GW_CONNECTIVITY_LIMITED,
    .state = GW_STATE_LOCAL_PROBLEM, .cause = GW_CAUSE_DNS,
    .first = STEPS (CONNECTION, DNS, VPN_PROXY),
    .results = { R (DNS, PROBLEM), R (CONNECTION, PROBLEM), R (RESTART_ROUTER, UP_TO_YOU),
                 R (FIREWALL, CANT_CHECK) },
    .folded = { S (FIREWALL), S (JUST_YOU) },
    .absent = { S (SHORTER_PROMPT) },
    .facts = { FACT (DNS, "chatgpt.com did not resolve"),
               FACT (DNS, "resolvectl flush-caches"),
               FACT (RESTART_ROUTER, "modem first") },
  },
  { "offline", .web = ON (FAIL (CONNECT), .attempts = 3), .control = ON (FAIL (CONNECT)),
    .connectivity = GW_CONNECTIVITY_LOCAL,
    .state = GW_STATE_LOCAL_PROBLEM, .cause = GW_CAUSE_OFFLINE,
    .first = STEPS (CONNECTION, DNS, VPN_PROXY),
    .results = { R (CONNECTION, PROBLEM), R (DNS, PASSED) },
    .folded = { S (JUST_YOU) },
    .facts = { FACT (CONNECTION, "no network connection"),
               FACT (CONNECTION, "Check the cable or Wi-Fi") },
  },
  { "proxy", .web = ON (FAIL (PROXY), .proxy = "http://alice:s3cret@proxy.example:3128"),
    CONTROL_OK,
    .state = GW_STATE_LOCAL_PROBLEM, .cause = GW_CAUSE_PROXY,
    .first = STEPS (VPN_PROXY, CONNECTION, DNS),
    .results = { R (VPN_PROXY, PROBLEM), R (CONNECTION, PASSED) },
    .folded = { S (FIREWALL), S (RESTART_ROUTER) },
    .facts = { FACT (VPN_PROXY, "go through the proxy http://<credentials>@proxy.example:3128"),
               FACT (VPN_PROXY, "keep it and ask its administrator"),
               FACT (DNS, "through a proxy") },
  },
  { "tls-interception",
    .web = ON (FAIL (TLS), .verify_failed = TRUE, .issuer = "Contoso Inspection CA"), CONTROL_OK,
    .state = GW_STATE_LOCAL_PROBLEM, .cause = GW_CAUSE_TLS_INTERCEPTION,
    .first = STEPS (FIREWALL, VPN_PROXY, CONNECTION),
    .results = { R (FIREWALL, PROBLEM), R (CONNECTION, PASSED), R (DNS, PASSED) },
    .folded = { S (DNS), S (RESTART_ROUTER) },
    .facts = { FACT (FIREWALL, "issued by “Contoso Inspection CA”"),
               FACT (FIREWALL, "inspect") },
  },
  { "operational", .web = ON (OK, .issuer = "WE1"), STATUS_OK, PAGE_GREEN, CONTROL_OK,
    .connectivity = GW_CONNECTIVITY_FULL,
    .state = GW_STATE_OPERATIONAL, .cause = GW_CAUSE_NONE,
    .first = STEPS (JUST_YOU, REFRESH, PRIVATE_WINDOW),
    .results = { R (JUST_YOU, PASSED), R (CONNECTION, PASSED), R (DNS, PASSED),
                 R (VPN_PROXY, PASSED), R (FIREWALL, PASSED), R (PRIVATE_WINDOW, UP_TO_YOU) },
    .folded = { S (CONNECTION), S (DNS), S (VPN_PROXY), S (FIREWALL) },
    .absent = { S (SHORTER_PROMPT), S (RESTART_ROUTER) },
    .facts = { FACT (FIREWALL, "verify normally"), FACT (FIREWALL, "“WE1”"),
               FACT (DNS, "chatgpt.com resolved in 15 ms.") },
  },
  { "not-checked", .state = GW_STATE_UNKNOWN, .cause = GW_CAUSE_NO_EVIDENCE,
    .first = STEPS (JUST_YOU, CONNECTION, DNS),
    .results = { R (JUST_YOU, CANT_CHECK), R (CONNECTION, CANT_CHECK), R (DNS, CANT_CHECK),
                 R (FIREWALL, CANT_CHECK) },
    .folded = { S (FIREWALL), S (CONTACT_SUPPORT) },
    .absent = { S (SHORTER_PROMPT), S (RESTART_ROUTER) },
    .facts = { FACT (CONNECTION, "turned off") },
  },
};

static GwRound *
round_from_case (const Case *c)
{
  GwRound *round = gw_round_new ();

  round->started_at = STARTED_AT;
  probe_from_spec (&round->probes[GW_TARGET_WEB], WEB_URL, &c->web);
  probe_from_spec (&round->probes[GW_TARGET_STATUS], STATUS_URL, &c->status);
  probe_from_spec (&round->probes[GW_TARGET_CONTROL], CONTROL_URL, &c->control);
  if (c->page.present)
    round->status_page = page_from_spec (&c->page);
  return round;
}

/* Checks every checklist must pass */

static gboolean
has_fact (const GwStep *step,
          const char   *text)
{
  for (guint i = 0; i < step->facts->len; i++)
    if (strstr (g_ptr_array_index (step->facts, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
check_action (const GwAction *action)
{
  g_assert_nonnull (action->label);
  g_assert_cmpstr (action->label, !=, "");
  g_assert_nonnull (gw_action_kind_to_string (action->kind));
  switch (action->kind)
    {
    case GW_ACTION_OPEN_URI:
    case GW_ACTION_OPEN_PORTAL:
      g_assert_nonnull (action->uri);
      g_assert_true (g_uri_is_valid (action->uri, G_URI_FLAGS_NONE, NULL));
      break;
    case GW_ACTION_LAUNCH_BROWSER:
      g_assert_nonnull (action->app_id);
      g_assert_cmpstr (action->uri, ==, WEB_URL);
      break;
    case GW_ACTION_LAUNCH_PRIVATE:
      g_assert_nonnull (action->app_id);
      g_assert_nonnull (action->argv);
      g_assert_cmpuint (g_strv_length (action->argv), >=, 3);
      g_assert_cmpstr (action->argv[g_strv_length (action->argv) - 1], ==, WEB_URL);
      break;
    case GW_ACTION_COPY_TEXT:
      g_assert_nonnull (action->text);
      break;
    case GW_ACTION_CHECK_NOW:
      g_assert_true (action->enabled == (action->disabled_reason == NULL));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
check_well_formed (const GwChecklist *list)
{
  gboolean seen[GW_N_STEPS] = { FALSE };
  gboolean folding = FALSE;

  g_assert_cmpuint (list->steps->len, >, 0);
  for (guint i = 0; i < list->steps->len; i++)
    {
      const GwStep *step = g_ptr_array_index (list->steps, i);

      g_assert_cmpint (step->id, <, GW_N_STEPS);
      g_assert_false (seen[step->id]);
      seen[step->id] = TRUE;
      g_assert_nonnull (gw_step_id_to_string (step->id));
      g_assert_nonnull (gw_step_result_to_string (step->result));
      g_assert_nonnull (step->title);
      g_assert_cmpstr (step->title, !=, "");
      g_assert_nonnull (step->why);
      g_assert_true (g_str_has_suffix (step->why, "."));
      /* Every unfolded step comes before every folded one. */
      if (step->folded)
        folding = TRUE;
      g_assert_true (step->folded || !folding);
      for (guint j = 0; j < step->facts->len; j++)
        {
          const char *fact = g_ptr_array_index (step->facts, j);

          g_assert_true (g_utf8_validate (fact, -1, NULL));
          g_assert_cmpstr (fact, !=, "");
          g_assert_null (strstr (fact, "%"));
        }
      for (guint j = 0; j < step->actions->len; j++)
        check_action (g_ptr_array_index (step->actions, j));
    }
  /* These are always there, wherever they are. */
  g_assert_true (seen[GW_STEP_JUST_YOU] && seen[GW_STEP_REFRESH] && seen[GW_STEP_CONNECTION]);
  g_assert_true (seen[GW_STEP_DNS] && seen[GW_STEP_VPN_PROXY] && seen[GW_STEP_FIREWALL]);
  g_assert_true (seen[GW_STEP_PRIVATE_WINDOW] && seen[GW_STEP_CONTACT_SUPPORT]);
  g_assert_true (seen[GW_STEP_SHORTER_PROMPT] == (list->state == GW_STATE_DEGRADED));
  g_assert_true (seen[GW_STEP_RESTART_ROUTER] == (list->state == GW_STATE_LOCAL_PROBLEM));
}

static const GwStep *
step_at (const GwChecklist *list,
         guint              i)
{
  g_assert_cmpuint (i, <, list->steps->len);
  return g_ptr_array_index (list->steps, i);
}

static const GwStep *
get_step (const GwChecklist *list,
          GwStepId           id)
{
  const GwStep *step = gw_checklist_get_step (list, id);

  g_assert_nonnull (step);
  return step;
}

static void
log_checklist (const GwChecklist *list)
{
  for (guint i = 0; i < list->steps->len; i++)
    {
      const GwStep *step = step_at (list, i);

      g_test_message ("%s%s [%s] %s", step->folded ? "  (folded) " : "",
                      gw_step_id_to_string (step->id), gw_step_result_to_string (step->result),
                      step->title);
      for (guint j = 0; j < step->facts->len; j++)
        g_test_message ("      • %s", (char *) g_ptr_array_index (step->facts, j));
    }
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GwRound) round = round_from_case (c);
  g_autoptr(GwVerdict) verdict = gw_verdict_classify (round, NULL);
  g_autoptr(GwLocalFacts) facts = standard_facts (c->connectivity);
  g_autoptr(GwChecklist) list = gw_checklist_build (verdict, round, facts, NOW,
                                                    NOW + 4 * 60 * G_USEC_PER_SEC, NOW);

  log_checklist (list);
  g_assert_cmpstr (gw_state_to_string (verdict->state), ==, gw_state_to_string (c->state));
  g_assert_cmpstr (gw_cause_to_string (verdict->cause), ==, gw_cause_to_string (c->cause));
  g_assert_cmpint (list->state, ==, c->state);
  check_well_formed (list);

  for (guint i = 0; i < G_N_ELEMENTS (c->first); i++)
    g_assert_cmpstr (gw_step_id_to_string (step_at (list, i)->id), ==,
                     gw_step_id_to_string (c->first[i]));
  for (guint i = 0; i < G_N_ELEMENTS (c->results) && c->results[i].id != 0; i++)
    g_assert_cmpstr (gw_step_result_to_string (get_step (list, c->results[i].id - 1)->result),
                     ==, gw_step_result_to_string (c->results[i].result));
  for (guint i = 0; i < G_N_ELEMENTS (c->folded) && c->folded[i] != 0; i++)
    g_assert_true (get_step (list, c->folded[i] - 1)->folded);
  /* The first step never folds. */
  g_assert_false (step_at (list, 0)->folded);
  for (guint i = 0; i < G_N_ELEMENTS (c->absent) && c->absent[i] != 0; i++)
    g_assert_null (gw_checklist_get_step (list, c->absent[i] - 1));
  for (guint i = 0; i < G_N_ELEMENTS (c->facts) && c->facts[i].text != NULL; i++)
    {
      g_test_message ("looking for “%s” in %s", c->facts[i].text,
                      gw_step_id_to_string (c->facts[i].id));
      g_assert_true (has_fact (get_step (list, c->facts[i].id), c->facts[i].text));
    }
  for (guint id = 0; id < GW_N_STEPS; id++)
    {
      const GwStep *step = gw_checklist_get_step (list, id);

      if (step != NULL)
        g_assert_true ((gw_step_find_action (step, GW_ACTION_OPEN_PORTAL) != NULL) ==
                       ((int) id + 1 == c->portal));
    }
}

/* Other tests */

static GwChecklist *
build_for (const char         *name,
           const GwLocalFacts *facts,
           gint64              next_check_us,
           gint64              available_at_us)
{
  g_autoptr(GwRound) round = NULL;
  g_autoptr(GwVerdict) verdict = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (strcmp (cases[i].name, name) == 0)
      round = round_from_case (&cases[i]);
  g_assert_nonnull (round);
  verdict = gw_verdict_classify (round, NULL);
  return gw_checklist_build (verdict, round, facts, NOW, next_check_us, available_at_us);
}

static void
assert_argv (char * const *argv,
             const char   *a,
             const char   *b,
             const char   *c)
{
  g_assert_nonnull (argv);
  g_assert_cmpuint (g_strv_length ((char **) argv), ==, 3);
  g_assert_cmpstr (argv[0], ==, a);
  g_assert_cmpstr (argv[1], ==, b);
  g_assert_cmpstr (argv[2], ==, c);
}

static void
test_browser_actions (void)
{
  g_autoptr(GwLocalFacts) facts = standard_facts (GW_CONNECTIVITY_FULL);
  g_autoptr(GwChecklist) list = build_for ("operational", facts, 0, NOW);
  const GwStep *private_window = get_step (list, GW_STEP_PRIVATE_WINDOW);
  const GwStep *other = get_step (list, GW_STEP_OTHER_BROWSER);
  const GwAction *action;

  /* The default browser first, then the others that take a flag. */
  g_assert_cmpuint (private_window->actions->len, ==, 2);
  action = g_ptr_array_index (private_window->actions, 0);
  g_assert_cmpint (action->kind, ==, GW_ACTION_LAUNCH_PRIVATE);
  g_assert_cmpstr (action->app_id, ==, "firefox.desktop");
  g_assert_cmpstr (action->label, ==, "Private window in Firefox");
  assert_argv (action->argv, "firefox", "--private-window", WEB_URL);
  action = g_ptr_array_index (private_window->actions, 1);
  g_assert_cmpstr (action->app_id, ==, "google-chrome.desktop");
  assert_argv (action->argv, "/usr/bin/google-chrome-stable", "--incognito", WEB_URL);
  g_assert_true (has_fact (private_window, "In Web, open a private window from its menu."));

  /* Another browser: every one but the default. */
  g_assert_cmpuint (other->actions->len, ==, 2);
  action = g_ptr_array_index (other->actions, 0);
  g_assert_cmpint (action->kind, ==, GW_ACTION_LAUNCH_BROWSER);
  g_assert_cmpstr (action->label, ==, "Open in Google Chrome");
  g_assert_cmpstr (action->app_id, ==, "google-chrome.desktop");
  g_assert_cmpstr (action->uri, ==, WEB_URL);
  action = g_ptr_array_index (other->actions, 1);
  g_assert_cmpstr (action->app_id, ==, "org.gnome.Epiphany.desktop");
  g_assert_true (has_fact (other, "Your default browser is Firefox."));
  g_assert_true (has_fact (get_step (list, GW_STEP_UPDATE_BROWSER), "cannot tell its version"));
  g_assert_true (has_fact (get_step (list, GW_STEP_CLEAR_CACHE),
                           "In Firefox: press Ctrl+Shift+Delete"));
}

static void
test_clear_cache_per_browser (void)
{
  static const struct { const char *app_id, *name, *exec, *fact; } browsers[] = {
    { "google-chrome.desktop", "Google Chrome", "google-chrome-stable", "“Delete data”" },
    { "com.brave.Browser.desktop", "Brave", "/usr/bin/flatpak", "“Delete data”" },
    { "firefox.desktop", "Firefox", "firefox", "“Temporary cached files and pages”" },
    { "microsoft-edge.desktop", "Microsoft Edge", "microsoft-edge", "“Clear now”" },
    { "org.gnome.Epiphany.desktop", "Web", "epiphany", "the browser's settings" },
    { NULL, NULL, NULL, "the browser's settings" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (browsers); i++)
    {
      g_autoptr(GwLocalFacts) facts = standard_facts (GW_CONNECTIVITY_FULL);
      g_autoptr(GwChecklist) list = NULL;

      g_clear_pointer (&facts->default_browser, gw_browser_free);
      if (browsers[i].app_id != NULL)
        facts->default_browser = gw_browser_new (browsers[i].app_id, browsers[i].name,
                                                 browsers[i].exec, NULL);
      list = build_for ("operational", facts, 0, NOW);
      g_assert_true (has_fact (get_step (list, GW_STEP_CLEAR_CACHE), browsers[i].fact));
      if (browsers[i].app_id == NULL)
        g_assert_true (has_fact (get_step (list, GW_STEP_OTHER_BROWSER),
                                 "could not tell which browser"));
    }
}

static void
test_check_now (void)
{
  g_autoptr(GwLocalFacts) facts = standard_facts (GW_CONNECTIVITY_FULL);
  g_autoptr(GwChecklist) soon = build_for ("outage", facts, NOW + 30 * G_USEC_PER_SEC,
                                           NOW + 41500000);
  g_autoptr(GwChecklist) later = build_for ("outage", facts, NOW + 61 * G_USEC_PER_SEC, NOW - 1);
  g_autoptr(GwChecklist) due = build_for ("outage", facts, NOW - 1, NOW + 1);
  g_autoptr(GwChecklist) unscheduled = build_for ("outage", facts, 0, 0);
  const GwStep *step;
  const GwAction *action;

  step = get_step (soon, GW_STEP_REFRESH);
  action = gw_step_find_action (step, GW_ACTION_CHECK_NOW);
  g_assert_nonnull (action);
  g_assert_false (action->enabled);
  g_assert_cmpint (action->available_at_us, ==, NOW + 41500000);
  g_assert_cmpstr (action->disabled_reason, ==,
                   "Gatewatch checks at most once a minute: you can check again in 42 seconds.");
  g_assert_true (has_fact (step, "The next automatic check is in 30 seconds."));

  step = get_step (later, GW_STEP_REFRESH);
  action = gw_step_find_action (step, GW_ACTION_CHECK_NOW);
  g_assert_true (action->enabled);
  g_assert_null (action->disabled_reason);
  g_assert_true (has_fact (step, "The next automatic check is in 2 minutes."));

  step = get_step (due, GW_STEP_REFRESH);
  action = gw_step_find_action (step, GW_ACTION_CHECK_NOW);
  g_assert_cmpstr (action->disabled_reason, ==,
                   "Gatewatch checks at most once a minute: you can check again in 1 second.");
  g_assert_true (has_fact (step, "The next automatic check is due now."));

  step = get_step (unscheduled, GW_STEP_REFRESH);
  g_assert_true (gw_step_find_action (step, GW_ACTION_CHECK_NOW)->enabled);
  g_assert_true (has_fact (step, "No automatic check is scheduled."));
}

static void
test_dns_flush (void)
{
  static const struct { GwResolverKind kind; const char *command; const char *fact; } kinds[] = {
    { GW_RESOLVER_SYSTEMD_RESOLVED, "resolvectl flush-caches", "systemd-resolved" },
    { GW_RESOLVER_DNSMASQ, "sudo killall -HUP dnsmasq", "dnsmasq" },
    { GW_RESOLVER_PLAIN, NULL, "restart the browser" },
    { GW_RESOLVER_UNKNOWN, NULL, "could not read /etc/resolv.conf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GwLocalFacts) facts = standard_facts (GW_CONNECTIVITY_FULL);
      g_autoptr(GwChecklist) list = NULL;
      const GwStep *dns;
      const GwAction *copy;

      facts->resolver = kinds[i].kind;
      list = build_for ("dns", facts, 0, NOW);
      dns = get_step (list, GW_STEP_DNS);
      copy = gw_step_find_action (dns, GW_ACTION_COPY_TEXT);
      g_assert_true (has_fact (dns, kinds[i].fact));
      if (kinds[i].command == NULL)
        g_assert_null (copy);
      else
        {
          g_assert_nonnull (copy);
          g_assert_cmpstr (copy->text, ==, kinds[i].command);
          g_assert_true (has_fact (dns, kinds[i].command));
        }
    }
}

static void
add_vpn (GwLocalFacts *facts,
         const char   *name,
         GwVpnKind     kind)
{
  GwVpnInterface *vpn = g_new0 (GwVpnInterface, 1);

  vpn->name = g_strdup (name);
  vpn->kind = kind;
  g_ptr_array_add (facts->vpn_interfaces, vpn);
}

static void
test_vpn_and_proxy_facts (void)
{
  g_autoptr(GwLocalFacts) facts = standard_facts (GW_CONNECTIVITY_FULL);
  g_autoptr(GwChecklist) local = NULL;
  g_autoptr(GwChecklist) works = NULL;
  GwProxyVariable *variable = g_new0 (GwProxyVariable, 1);
  const char * const connections[] = { "Office VPN", NULL };
  const GwStep *step;

  add_vpn (facts, "tun0", GW_VPN_KIND_TUN);
  add_vpn (facts, "wg0", GW_VPN_KIND_WIREGUARD);
  facts->vpn_connections = g_strdupv ((char **) connections);
  variable->name = g_strdup ("https_proxy");
  variable->value = g_strdup ("http://<credentials>@proxy.example:3128");
  g_ptr_array_add (facts->proxy_variables, variable);
  facts->gnome_proxy_mode = GW_PROXY_MODE_AUTO;
  facts->gnome_proxy = g_strdup ("http://wpad.example/wpad.dat");

  local = build_for ("dns", facts, 0, NOW);
  step = get_step (local, GW_STEP_VPN_PROXY);
  g_assert_cmpint (step->result, ==, GW_STEP_RESULT_UP_TO_YOU);
  g_assert_true (has_fact (step, "VPN-like network interfaces are up: tun0, wg0."));
  g_assert_true (has_fact (step, "NetworkManager has a VPN connection active: Office VPN."));
  g_assert_true (has_fact (step, "https_proxy is set to http://<credentials>@proxy.example:3128."));
  g_assert_true (has_fact (step, "GNOME's proxy setting is automatic: "
                                 "http://wpad.example/wpad.dat."));
  g_assert_true (has_fact (step, "If your network requires this proxy, keep it and ask its "
                                 "administrator"));
  g_assert_true (has_fact (step, "with the VPN switched off"));

  /* ChatGPT works through them: nothing to fix there. */
  works = build_for ("operational", facts, 0, NOW);
  step = get_step (works, GW_STEP_VPN_PROXY);
  g_assert_cmpint (step->result, ==, GW_STEP_RESULT_PASSED);
  g_assert_true (step->folded);
}

static void
test_support_report (void)
{
  g_autoptr(GwLocalFacts) facts = standard_facts (GW_CONNECTIVITY_FULL);
  g_autoptr(GwChecklist) list = build_for ("proxy", facts, 0, NOW);
  const GwStep *step = get_step (list, GW_STEP_CONTACT_SUPPORT);
  const GwAction *copy = gw_step_find_action (step, GW_ACTION_COPY_TEXT);
  const GwAction *help = gw_step_find_action (step, GW_ACTION_OPEN_URI);

  g_assert_nonnull (copy);
  g_assert_cmpstr (copy->label, ==, "Copy diagnostic report");
  g_assert_nonnull (strstr (copy->text, "State: local-problem (proxy)"));
  g_assert_nonnull (strstr (copy->text, "proxy.example:3128"));
  g_assert_null (strstr (copy->text, "s3cret"));
  g_assert_null (strstr (copy->text, "alice"));
  g_assert_nonnull (help);
  g_assert_cmpstr (help->label, ==, "Open help center");
  g_assert_cmpstr (help->uri, ==, "https://help.openai.com/");
}

static void
test_incident_links (void)
{
  g_autoptr(GwLocalFacts) facts = standard_facts (GW_CONNECTIVITY_FULL);
  g_autoptr(GwChecklist) list = build_for ("degraded", facts, 0, NOW);
  const GwStep *step = get_step (list, GW_STEP_JUST_YOU);
  const GwAction *incident = g_ptr_array_index (step->actions, 0);
  const GwAction *page = g_ptr_array_index (step->actions, 1);

  g_assert_cmpuint (step->actions->len, ==, 2);
  g_assert_cmpint (incident->kind, ==, GW_ACTION_OPEN_URI);
  g_assert_cmpstr (incident->label, ==, "Open “Elevated errors in ChatGPT”");
  g_assert_cmpstr (incident->uri, ==, "https://stspg.io/abc123");
  g_assert_cmpstr (page->uri, ==, "https://status.openai.com/");
}

/* Before the first round, with the facts still coming. */
static void
test_nothing_yet (void)
{
  g_autoptr(GwChecklist) list = gw_checklist_build (NULL, NULL, NULL, NOW, 0, 0);
  const GwStep *step;

  log_checklist (list);
  check_well_formed (list);
  g_assert_cmpint (list->state, ==, GW_STATE_UNKNOWN);
  g_assert_cmpint (get_step (list, GW_STEP_JUST_YOU)->result, ==, GW_STEP_RESULT_CANT_CHECK);
  g_assert_cmpint (get_step (list, GW_STEP_CONNECTION)->result, ==, GW_STEP_RESULT_CANT_CHECK);
  g_assert_cmpint (get_step (list, GW_STEP_VPN_PROXY)->result, ==, GW_STEP_RESULT_CANT_CHECK);
  step = get_step (list, GW_STEP_PRIVATE_WINDOW);
  g_assert_cmpuint (step->actions->len, ==, 0);
  step = get_step (list, GW_STEP_CONTACT_SUPPORT);
  g_assert_nonnull (gw_step_find_action (step, GW_ACTION_COPY_TEXT)->text);
  gw_checklist_free (NULL);
}

static void
test_strings (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint id = 0; id < GW_N_STEPS; id++)
    g_assert_true (g_hash_table_add (seen, (gpointer) gw_step_id_to_string (id)));
  g_assert_cmpstr (gw_step_id_to_string (GW_STEP_JUST_YOU), ==, "just-you");
  g_assert_cmpstr (gw_step_id_to_string (GW_STEP_CONTACT_SUPPORT), ==, "contact-support");
  g_assert_cmpstr (gw_step_result_to_string (GW_STEP_RESULT_CANT_CHECK), ==, "cant-check");
  g_assert_cmpstr (gw_action_kind_to_string (GW_ACTION_LAUNCH_PRIVATE), ==, "launch-private");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/checklist/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/checklist/browser-actions", test_browser_actions);
  g_test_add_func ("/checklist/clear-cache-per-browser", test_clear_cache_per_browser);
  g_test_add_func ("/checklist/check-now", test_check_now);
  g_test_add_func ("/checklist/dns-flush", test_dns_flush);
  g_test_add_func ("/checklist/vpn-and-proxy", test_vpn_and_proxy_facts);
  g_test_add_func ("/checklist/support-report", test_support_report);
  g_test_add_func ("/checklist/incident-links", test_incident_links);
  g_test_add_func ("/checklist/nothing-yet", test_nothing_yet);
  g_test_add_func ("/checklist/strings", test_strings);
  return g_test_run ();
}
