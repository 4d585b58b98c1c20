/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-verdict"

#include "config.h"

#include "gw-verdict.h"

#include <string.h>

#define WEB_URL     "https://chatgpt.com/"
#define API_URL     "https://api.openai.com/v1/models"
#define STATUS_URL  "https://status.openai.com/api/v2/summary.json"
#define CONTROL_URL "http://nmcheck.gnome.org/check_network_status.txt"
#define STARTED_AT  G_GINT64_CONSTANT (1790000000000000)

/* One probe, compactly. url NULL: disabled. */
typedef struct
{
  const char  *url;
  gboolean     not_run;
  GwHttpError  error;
  guint        http;            /* the HTTP status, with GW_HTTP_OK */
  guint        attempts;        /* 0: one attempt, failed unless it passes */
  guint        failed;          /* with attempts */
  const char  *mitigated;       /* cf-mitigated */
  const char  *location;
  const char  *body;            /* NULL: a control's expected body */
  gboolean     verify_failed;
  const char  *issuer;
  gint64       first_byte_us;   /* 0: 0.25 s */
  const char  *proxy;
} ProbeSpec;

typedef struct
{
  const char        *name;
  GwComponentStatus  status;
} ComponentSpec;

typedef struct
{
  const char *name;
  GwImpact    impact;
} IncidentSpec;

typedef struct
{
  gboolean       present;
  const char    *error;         /* status_page_error when not present */
  ComponentSpec  components[4];
  IncidentSpec   incidents[2];
} PageSpec;

typedef struct
{
  const char *name;
  ProbeSpec   web, api, status, control;
  PageSpec    page;
  GwState     state;
  GwCause     cause;
  int         exit_code;
  const char *summary_has;      /* a substring of the summary, or NULL */
  const char *text_has;         /* a substring of the decisive reason, or NULL */
  int         also;             /* ALSO (cause): another reason has that cause; 0: unchecked */
} Case;

#define WEB(...)      { .url = WEB_URL, __VA_ARGS__ }
#define API(...)      { .url = API_URL, __VA_ARGS__ }
#define STATUS(...)   { .url = STATUS_URL, __VA_ARGS__ }
#define CONTROL(...)  { .url = CONTROL_URL, __VA_ARGS__ }
#define OK            .http = 200
#define FAIL(kind)    .error = GW_HTTP_ERROR_##kind
#define TRIES(n, f)   .attempts = (n), .failed = (f)
#define CHALLENGE     .mitigated = "challenge"
#define CONTROL_OK    .control = CONTROL (OK)
#define WEB_OK        .web = WEB (OK)
#define PAGE(...)     .status = STATUS (OK), .page = { .present = TRUE, __VA_ARGS__ }
#define ALSO(c)       .also = GW_CAUSE_##c + 1
#define EXPECT(s, c, e) .state = GW_STATE_##s, .cause = GW_CAUSE_##c, .exit_code = (e)

#define C_MAJOR       GW_COMPONENT_MAJOR_OUTAGE
#define C_PARTIAL     GW_COMPONENT_PARTIAL_OUTAGE
#define C_DEGRADED    GW_COMPONENT_DEGRADED_PERFORMANCE
#define C_MAINTENANCE GW_COMPONENT_UNDER_MAINTENANCE
#define C_OK          GW_COMPONENT_OPERATIONAL
#define C_UNKNOWN     GW_COMPONENT_UNKNOWN

static const Case cases[] = {
  /* 1: no evidence */
  { "all-disabled", EXPECT (UNKNOWN, NO_EVIDENCE, 3), .summary_has = "disabled" },
  { "none-run", .web = WEB (.not_run = TRUE), .control = CONTROL (.not_run = TRUE),
    EXPECT (UNKNOWN, NO_EVIDENCE, 3), .summary_has = "not been checked yet" },
  { "empty-url-is-disabled", .web = { .url = "", .http = 502, TRIES (3, 3) },
    EXPECT (UNKNOWN, NO_EVIDENCE, 3), .summary_has = "disabled" },

  /* 2a: interception beats everything */
  { "tls-interception-web",
    .web = WEB (FAIL (TLS), .verify_failed = TRUE, .issuer = "Contoso Inspection CA"), CONTROL_OK,
    EXPECT (LOCAL_PROBLEM, TLS_INTERCEPTION, 3), .summary_has = "Contoso Inspection CA",
    .text_has = "Contoso Inspection CA" },
  { "tls-interception-no-issuer", .web = WEB (FAIL (TLS), .verify_failed = TRUE), CONTROL_OK,
    EXPECT (LOCAL_PROBLEM, TLS_INTERCEPTION, 3), .summary_has = "intercepts" },
  { "tls-interception-api-beats-web-ok", WEB_OK,
    .api = API (FAIL (TLS), .verify_failed = TRUE), CONTROL_OK,
    EXPECT (LOCAL_PROBLEM, TLS_INTERCEPTION, 3), .text_has = "api.openai.com", ALSO (NONE) },
  { "tls-interception-status-beats-502",
    .web = WEB (.http = 502, TRIES (3, 3)), .status = STATUS (FAIL (TLS), .verify_failed = TRUE),
    CONTROL_OK, EXPECT (LOCAL_PROBLEM, TLS_INTERCEPTION, 3), ALSO (SERVER_ERROR) },
  { "tls-interception-beats-offline-control",
    .web = WEB (FAIL (TLS), .verify_failed = TRUE), .control = CONTROL (FAIL (CONNECT)),
    EXPECT (LOCAL_PROBLEM, TLS_INTERCEPTION, 3), ALSO (OFFLINE) },
  { "tls-interception-beats-proxy",
    .web = WEB (FAIL (TLS), .verify_failed = TRUE), .control = CONTROL (FAIL (PROXY)),
    EXPECT (LOCAL_PROBLEM, TLS_INTERCEPTION, 3), ALSO (PROXY) },
  { "tls-interception-beats-status-major",
    .web = WEB (FAIL (TLS), .verify_failed = TRUE), CONTROL_OK,
    PAGE (.components = { { "Conversations", C_MAJOR } }),
    EXPECT (LOCAL_PROBLEM, TLS_INTERCEPTION, 3), ALSO (STATUS_PAGE) },
  { "tls-reset-is-not-interception", .web = WEB (FAIL (TLS), TRIES (3, 3)), CONTROL_OK,
    EXPECT (LOCAL_PROBLEM, BLOCKED, 3), .text_has = "secure connection to chatgpt.com is cut" },
  { "tls-reset-control-dns", .web = WEB (FAIL (TLS)), .control = CONTROL (FAIL (DNS)),
    EXPECT (LOCAL_PROBLEM, DNS, 3) },

  /* 2b: proxy */
  { "proxy-web", .web = WEB (FAIL (PROXY), .proxy = "http://proxy.example:3128"), CONTROL_OK,
    EXPECT (LOCAL_PROBLEM, PROXY, 3), .summary_has = "proxy settings",
    .text_has = "http://proxy.example:3128" },
  { "proxy-control", .web = WEB (FAIL (DNS)), .control = CONTROL (FAIL (PROXY)),
    EXPECT (LOCAL_PROBLEM, PROXY, 3), .text_has = "nmcheck.gnome.org" },
  { "proxy-beats-status-major", .web = WEB (FAIL (PROXY)), CONTROL_OK,
    PAGE (.components = { { "Conversations", C_MAJOR } }),
    EXPECT (LOCAL_PROBLEM, PROXY, 3), ALSO (STATUS_PAGE) },

  /* 2c: the control failed and ChatGPT gave no answer */
  { "control-dns", .web = WEB (FAIL (DNS)), .control = CONTROL (FAIL (DNS)),
    EXPECT (LOCAL_PROBLEM, DNS, 3), .summary_has = "can't resolve names (DNS)" },
  { "control-connect", .web = WEB (FAIL (CONNECT), TRIES (3, 3)),
    .control = CONTROL (FAIL (CONNECT)), EXPECT (LOCAL_PROBLEM, OFFLINE, 3),
    .summary_has = "No internet connection", .text_has = "No internet connection" },
  { "control-timeout-beats-web-timeout", .web = WEB (FAIL (TIMEOUT), TRIES (3, 3)),
    .control = CONTROL (FAIL (TIMEOUT)), EXPECT (LOCAL_PROBLEM, OFFLINE, 3) },
  { "control-dns-web-disabled", .control = CONTROL (FAIL (DNS)), EXPECT (LOCAL_PROBLEM, DNS, 3) },
  { "control-dns-api-only", .api = API (FAIL (DNS)), .control = CONTROL (FAIL (DNS)),
    EXPECT (LOCAL_PROBLEM, DNS, 3) },
  { "captive-portal-redirect", .web = WEB (FAIL (CONNECT)),
    .control = CONTROL (.http = 302, .location = "http://login.hotel.example/portal", .body = ""),
    EXPECT (LOCAL_PROBLEM, CAPTIVE_PORTAL, 3), .summary_has = "redirects to a login page",
    .text_has = "http://login.hotel.example/portal" },
  { "captive-portal-redirect-without-location", .web = WEB (FAIL (CONNECT)),
    .control = CONTROL (.http = 302, .body = ""),
    EXPECT (LOCAL_PROBLEM, CAPTIVE_PORTAL, 3), .summary_has = "shows a login page",
    .text_has = "(HTTP 302)" },
  { "captive-portal-login-page", .web = WEB (FAIL (TIMEOUT), TRIES (3, 3)),
    .control = CONTROL (OK, .body = "<html><title>Welcome to Hotel Wi-Fi</title></html>"),
    EXPECT (LOCAL_PROBLEM, CAPTIVE_PORTAL, 3), .summary_has = "shows a login page" },
  /* A broken answer or a 5xx is the check's own server failing, not a portal. */
  { "control-broken-is-not-a-portal", .web = WEB (FAIL (DNS)), .control = CONTROL (FAIL (BROKEN)),
    EXPECT (LOCAL_PROBLEM, OFFLINE, 3) },
  { "control-503-is-not-a-portal", .web = WEB (FAIL (TIMEOUT), TRIES (3, 3)),
    .control = CONTROL (.http = 503, .body = ""), EXPECT (LOCAL_PROBLEM, OFFLINE, 3) },
  { "control-503-web-ok", WEB_OK, .control = CONTROL (.http = 503, .body = ""),
    EXPECT (OPERATIONAL, NONE, 0), ALSO (CONTROL_FAILED) },
  { "captive-portal-511", .web = WEB (FAIL (CONNECT)), .control = CONTROL (.http = 511, .body = ""),
    EXPECT (LOCAL_PROBLEM, CAPTIVE_PORTAL, 3) },
  /* A portal rewriting plain HTTP is this side even when ChatGPT answers… */
  { "captive-portal-beats-web-ok", WEB_OK,
    .control = CONTROL (OK, .body = "<html>Sign in to continue</html>"),
    EXPECT (LOCAL_PROBLEM, CAPTIVE_PORTAL, 3) },
  /* …and it explains certificates that stop verifying (hotel portals hijack HTTPS). */
  { "captive-portal-beats-interception", .web = WEB (FAIL (TLS), .verify_failed = TRUE),
    .control = CONTROL (.http = 302, .location = "http://login.hotel.example/", .body = ""),
    EXPECT (LOCAL_PROBLEM, CAPTIVE_PORTAL, 3), ALSO (TLS_INTERCEPTION) },
  { "control-tls", .web = WEB (FAIL (CONNECT)),
    .control = { .url = "https://connectivity.example/", FAIL (TLS) },
    EXPECT (LOCAL_PROBLEM, TLS_INTERCEPTION, 3), .text_has = "connectivity.example" },

  /* 2d: no control */
  { "no-control-web-dns", .web = WEB (FAIL (DNS)), EXPECT (LOCAL_PROBLEM, DNS, 3) },
  { "no-control-all-dns", .web = WEB (FAIL (DNS)), .api = API (FAIL (DNS)),
    .status = STATUS (FAIL (DNS)), EXPECT (LOCAL_PROBLEM, DNS, 3) },
  { "no-control-all-unreachable", .web = WEB (FAIL (CONNECT), TRIES (3, 3)),
    .api = API (FAIL (TIMEOUT)), .status = STATUS (FAIL (DNS)),
    EXPECT (LOCAL_PROBLEM, OFFLINE, 3) },
  { "no-control-two-timeouts", .web = WEB (FAIL (TIMEOUT), TRIES (3, 3)),
    .api = API (FAIL (TIMEOUT)), EXPECT (LOCAL_PROBLEM, OFFLINE, 3) },
  { "no-control-not-run", .web = WEB (FAIL (DNS)), .control = CONTROL (.not_run = TRUE),
    EXPECT (LOCAL_PROBLEM, DNS, 3) },
  { "no-control-web-connect-alone", .web = WEB (FAIL (CONNECT), TRIES (3, 3)),
    EXPECT (UNKNOWN, UNEXPECTED, 3), .summary_has = "Can't tell" },
  { "no-control-web-dns-api-ok", .web = WEB (FAIL (DNS)), .api = API (.http = 401),
    EXPECT (UNKNOWN, UNEXPECTED, 3) },
  { "no-control-web-timeout-alone", .web = WEB (FAIL (TIMEOUT), TRIES (3, 3)),
    EXPECT (OUTAGE, TIMEOUT, 2) },

  /* 2e–g: blocked */
  { "blocked-dns", .web = WEB (FAIL (DNS)), CONTROL_OK, EXPECT (LOCAL_PROBLEM, BLOCKED, 3),
    .text_has = "chatgpt.com does not resolve on this network, other names do" },
  { "blocked-connect-every-attempt", .web = WEB (FAIL (CONNECT), TRIES (3, 3)), CONTROL_OK,
    EXPECT (LOCAL_PROBLEM, BLOCKED, 3), .text_has = "connection to chatgpt.com is refused" },
  { "connect-not-every-attempt", .web = WEB (FAIL (CONNECT), TRIES (3, 2)), CONTROL_OK,
    EXPECT (DEGRADED, INTERMITTENT, 1) },
  { "blocked-403", .web = WEB (.http = 403), CONTROL_OK, EXPECT (LOCAL_PROBLEM, BLOCKED, 3),
    .summary_has = "(403)", .text_has = "ChatGPT refuses this connection (403)" },
  { "blocked-451", .web = WEB (.http = 451), CONTROL_OK, EXPECT (LOCAL_PROBLEM, BLOCKED, 3),
    .summary_has = "(451)" },
  { "blocked-403-no-control", .web = WEB (.http = 403), EXPECT (LOCAL_PROBLEM, BLOCKED, 3) },
  { "blocked-403-control-failed", .web = WEB (.http = 403), .control = CONTROL (FAIL (CONNECT)),
    EXPECT (LOCAL_PROBLEM, BLOCKED, 3), ALSO (CONTROL_FAILED) },
  { "challenge-403-works", .web = WEB (.http = 403, CHALLENGE), CONTROL_OK,
    EXPECT (OPERATIONAL, NONE, 0), .summary_has = "ChatGPT works", .text_has = "challenge" },
  { "challenge-429-works", .web = WEB (.http = 429, CHALLENGE), CONTROL_OK,
    EXPECT (OPERATIONAL, NONE, 0) },
  { "non-challenge-mitigation-403", .web = WEB (.http = 403, .mitigated = "block"), CONTROL_OK,
    EXPECT (LOCAL_PROBLEM, BLOCKED, 3) },

  /* 3a: server errors */
  { "502-every-attempt", .web = WEB (.http = 502, TRIES (3, 3)), CONTROL_OK,
    EXPECT (OUTAGE, SERVER_ERROR, 2),
    .summary_has = "ChatGPT is down: 502 Bad Gateway — "
                   "its gateway got no valid answer from its servers." },
  { "500-every-attempt", .web = WEB (.http = 500, TRIES (3, 3)), CONTROL_OK,
    EXPECT (OUTAGE, SERVER_ERROR, 2), .summary_has = "500 Internal Server Error" },
  { "599-every-attempt", .web = WEB (.http = 599, TRIES (3, 3)), CONTROL_OK,
    EXPECT (OUTAGE, SERVER_ERROR, 2), .summary_has = "HTTP 599" },
  { "600-is-unexpected", .web = WEB (.http = 600), CONTROL_OK,
    EXPECT (DEGRADED, UNEXPECTED, 1), .summary_has = "(HTTP 600)" },
  { "499-is-unexpected", .web = WEB (.http = 499), CONTROL_OK,
    EXPECT (DEGRADED, UNEXPECTED, 1), .summary_has = "(HTTP 499)" },
  { "522-plain-body", .web = WEB (.http = 522, TRIES (3, 3), .body = "error code: 522"),
    CONTROL_OK, EXPECT (OUTAGE, SERVER_ERROR, 2), .summary_has = "522 Connection Timed Out" },
  { "530-every-attempt", .web = WEB (.http = 530, TRIES (2, 2)), CONTROL_OK,
    EXPECT (OUTAGE, SERVER_ERROR, 2), .summary_has = "530" },
  { "502-single-attempt", .web = WEB (.http = 502), CONTROL_OK, EXPECT (OUTAGE, SERVER_ERROR, 2) },
  { "502-attempts-minus-one", .web = WEB (.http = 502, TRIES (3, 2)), CONTROL_OK,
    EXPECT (DEGRADED, INTERMITTENT, 1) },
  { "502-then-200", .web = WEB (OK, TRIES (3, 2)), CONTROL_OK, EXPECT (DEGRADED, INTERMITTENT, 1),
    .summary_has = "unstable", .text_has = "2 of 3 attempts" },
  { "broken-every-attempt", .web = WEB (FAIL (BROKEN), TRIES (3, 3)), CONTROL_OK,
    EXPECT (OUTAGE, SERVER_ERROR, 2), .summary_has = "broke the connection",
    .text_has = "ChatGPT's servers broke the connection" },
  { "200-then-cut-off-every-attempt", .web = WEB (FAIL (BROKEN), .http = 200, TRIES (3, 3)),
    CONTROL_OK, EXPECT (OUTAGE, SERVER_ERROR, 2), .summary_has = "broke the connection" },
  { "protocol-error-every-attempt", .web = WEB (FAIL (PROTOCOL), TRIES (2, 2)), CONTROL_OK,
    EXPECT (OUTAGE, SERVER_ERROR, 2) },
  { "broken-then-200", .web = WEB (OK, TRIES (2, 1)), CONTROL_OK,
    EXPECT (DEGRADED, INTERMITTENT, 1) },
  { "502-control-failed", .web = WEB (.http = 502, TRIES (3, 3)),
    .control = CONTROL (FAIL (CONNECT)), EXPECT (OUTAGE, SERVER_ERROR, 2),
    ALSO (CONTROL_FAILED) },
  { "502-no-control", .web = WEB (.http = 502, TRIES (3, 3)), EXPECT (OUTAGE, SERVER_ERROR, 2) },
  { "502-page-still-green", .web = WEB (.http = 502, TRIES (3, 3)), CONTROL_OK,
    PAGE (.components = { { "Conversations", C_OK }, { "Login", C_OK } }),
    EXPECT (OUTAGE, SERVER_ERROR, 2), ALSO (STATUS_PAGE) },

  /* 3b: timeouts */
  { "timeout-every-attempt", .web = WEB (FAIL (TIMEOUT), TRIES (3, 3)), CONTROL_OK,
    EXPECT (OUTAGE, TIMEOUT, 2), .summary_has = "does not answer in time" },
  { "timeout-attempts-minus-one", .web = WEB (FAIL (TIMEOUT), TRIES (3, 2)), CONTROL_OK,
    EXPECT (DEGRADED, INTERMITTENT, 1) },

  /* 3c: the status page reports a major outage */
  { "page-major-component", WEB_OK, CONTROL_OK,
    PAGE (.components = { { "Conversations", C_MAJOR }, { "Login", C_OK },
                          { "Chat Completions", C_OK } }),
    EXPECT (OUTAGE, STATUS_PAGE, 2), .summary_has = "Conversations", ALSO (NONE) },
  { "page-major-incident", WEB_OK, CONTROL_OK,
    PAGE (.components = { { "Conversations", C_OK } },
          .incidents = { { "ChatGPT unavailable for all users", GW_IMPACT_CRITICAL } }),
    EXPECT (OUTAGE, STATUS_PAGE, 2), .summary_has = "ChatGPT unavailable for all users" },
  { "page-major-two-components", .web = WEB (.http = 503, TRIES (3, 3)), CONTROL_OK,
    PAGE (.components = { { "Conversations", C_MAJOR }, { "Login", C_MAJOR },
                          { "Login", C_MAJOR } }),
    EXPECT (OUTAGE, SERVER_ERROR, 2), ALSO (STATUS_PAGE) },
  { "page-major-offline", .web = WEB (FAIL (CONNECT)), .control = CONTROL (FAIL (CONNECT)),
    PAGE (.components = { { "Conversations", C_MAJOR } }), EXPECT (LOCAL_PROBLEM, OFFLINE, 3) },

  /* 4a–c: intermittent, rate limited, slow */
  { "intermittent", .web = WEB (OK, TRIES (2, 1)), CONTROL_OK, EXPECT (DEGRADED, INTERMITTENT, 1) },
  { "intermittent-and-slow", .web = WEB (OK, TRIES (2, 1), .first_byte_us = 5000000), CONTROL_OK,
    EXPECT (DEGRADED, INTERMITTENT, 1), ALSO (SLOW) },
  { "intermittent-control-failed", .web = WEB (OK, TRIES (3, 1)),
    .control = CONTROL (FAIL (TIMEOUT)), EXPECT (DEGRADED, INTERMITTENT, 1),
    ALSO (CONTROL_FAILED) },
  { "rate-limited", .web = WEB (.http = 429), CONTROL_OK, EXPECT (DEGRADED, RATE_LIMITED, 1),
    .summary_has = "429 Too Many Requests" },
  { "slow-at-threshold", .web = WEB (OK, .first_byte_us = GW_DEFAULT_SLOW_FIRST_BYTE_US),
    CONTROL_OK,
    EXPECT (OPERATIONAL, NONE, 0) },
  { "slow-1us-over", .web = WEB (OK, .first_byte_us = GW_DEFAULT_SLOW_FIRST_BYTE_US + 1),
    CONTROL_OK, EXPECT (DEGRADED, SLOW, 1), .summary_has = "first byte after 3.0 s" },
  { "slow-4.2s", .web = WEB (OK, .first_byte_us = 4200000), CONTROL_OK, EXPECT (DEGRADED, SLOW, 1),
    .summary_has = "ChatGPT is slow: first byte after 4.2 s." },
  { "slow-challenge", .web = WEB (.http = 403, CHALLENGE, .first_byte_us = 9000000), CONTROL_OK,
    EXPECT (DEGRADED, SLOW, 1) },

  /* 4d: the status page reports a problem short of a major outage */
  { "page-partial", WEB_OK, CONTROL_OK, PAGE (.components = { { "Voice mode", C_PARTIAL } }),
    EXPECT (DEGRADED, STATUS_PAGE, 1), .summary_has = "Voice mode" },
  { "page-degraded", WEB_OK, CONTROL_OK,
    PAGE (.components = { { "Conversations", C_DEGRADED }, { "Login", C_OK } }),
    EXPECT (DEGRADED, STATUS_PAGE, 1), .text_has = "degraded performance" },
  { "page-maintenance", WEB_OK, CONTROL_OK,
    PAGE (.components = { { "Login", C_MAINTENANCE } }), EXPECT (DEGRADED, STATUS_PAGE, 1),
    .text_has = "maintenance" },
  { "page-minor-incident", WEB_OK, CONTROL_OK,
    PAGE (.incidents = { { "Elevated errors in ChatGPT", GW_IMPACT_MINOR } }),
    EXPECT (DEGRADED, STATUS_PAGE, 1), .summary_has = "Elevated errors in ChatGPT" },
  { "page-unknown", WEB_OK, CONTROL_OK, PAGE (.components = { { "Conversations", C_UNKNOWN } }),
    EXPECT (OPERATIONAL, NONE, 0) },
  { "page-api-only-degraded", WEB_OK, CONTROL_OK,
    PAGE (.components = { { "Chat Completions", C_MAJOR }, { "Files", C_PARTIAL },
                          { "Conversations", C_OK } },
          .incidents = { { "Elevated errors on the Responses API", GW_IMPACT_MAJOR } }),
    EXPECT (OPERATIONAL, NONE, 0) },
  { "slow-beats-page-partial", .web = WEB (OK, .first_byte_us = 5000000), CONTROL_OK,
    PAGE (.components = { { "Conversations", C_PARTIAL } }),
    EXPECT (DEGRADED, SLOW, 1), ALSO (STATUS_PAGE) },

  /* 4e, 4f */
  { "api-failing-behind-challenge", .web = WEB (.http = 403, CHALLENGE),
    .api = API (.http = 503), CONTROL_OK, EXPECT (DEGRADED, API_FAILING, 1),
    .text_has = "(HTTP 503)" },
  { "api-timeout-behind-challenge", .web = WEB (.http = 403, CHALLENGE),
    .api = API (FAIL (TIMEOUT)), CONTROL_OK, EXPECT (DEGRADED, API_FAILING, 1) },
  { "api-failing-web-ok", WEB_OK, .api = API (.http = 503), CONTROL_OK,
    EXPECT (OPERATIONAL, NONE, 0) },
  { "api-401-behind-challenge", .web = WEB (.http = 403, CHALLENGE), .api = API (.http = 401),
    CONTROL_OK, EXPECT (OPERATIONAL, NONE, 0) },
  { "unexpected-404", .web = WEB (.http = 404), CONTROL_OK, EXPECT (DEGRADED, UNEXPECTED, 1),
    .summary_has = "unexpected answer (HTTP 404)" },
  { "unexpected-400", .web = WEB (.http = 400), CONTROL_OK, EXPECT (DEGRADED, UNEXPECTED, 1) },

  /* 5: operational */
  { "works", WEB_OK, CONTROL_OK, EXPECT (OPERATIONAL, NONE, 0), .summary_has = "ChatGPT works." },
  { "works-redirect", .web = WEB (.http = 308), CONTROL_OK, EXPECT (OPERATIONAL, NONE, 0) },
  { "works-no-control", WEB_OK, EXPECT (OPERATIONAL, NONE, 0) },
  { "works-everything", WEB_OK, .api = API (.http = 401), CONTROL_OK,
    PAGE (.components = { { "Conversations", C_OK } }), EXPECT (OPERATIONAL, NONE, 0) },
  { "works-control-failed", WEB_OK, .control = CONTROL (FAIL (DNS)),
    EXPECT (OPERATIONAL, NONE, 0), ALSO (CONTROL_FAILED) },
  { "api-only-works", .api = API (.http = 401), CONTROL_OK, EXPECT (OPERATIONAL, NONE, 0),
    .summary_has = "API", .text_has = "weaker evidence" },
  { "api-only-web-not-run", .web = WEB (.not_run = TRUE), .api = API (.http = 401), CONTROL_OK,
    EXPECT (OPERATIONAL, NONE, 0), .text_has = "weaker evidence" },
  { "api-only-502", .api = API (.http = 502, TRIES (2, 2)), CONTROL_OK,
    EXPECT (OUTAGE, SERVER_ERROR, 2) },
  { "api-only-dns", .api = API (FAIL (DNS)), CONTROL_OK, EXPECT (LOCAL_PROBLEM, BLOCKED, 3),
    .text_has = "api.openai.com does not resolve" },
  { "page-only-operational", .control = CONTROL (OK),
    PAGE (.components = { { "Conversations", C_OK }, { "Login", C_OK } }),
    EXPECT (OPERATIONAL, NONE, 0), .summary_has = "status page" },
  { "page-only-unknown", CONTROL_OK, PAGE (.components = { { "Chat Completions", C_OK } }),
    EXPECT (UNKNOWN, NO_EVIDENCE, 3) },
  { "page-only-major", CONTROL_OK, PAGE (.components = { { "Conversations", C_MAJOR } }),
    EXPECT (OUTAGE, STATUS_PAGE, 2) },
  { "page-only-partial", PAGE (.components = { { "Conversations", C_PARTIAL } }),
    EXPECT (DEGRADED, STATUS_PAGE, 1) },
  { "page-only-unreadable", CONTROL_OK, .status = STATUS (.http = 503),
    .page = { .error = "status page answered HTTP 503" },
    EXPECT (UNKNOWN, NO_EVIDENCE, 3), ALSO (STATUS_PAGE_UNREADABLE) },

  /* informational */
  { "status-page-unreadable", WEB_OK, CONTROL_OK, .status = STATUS (OK),
    .page = { .error = "status page is HTML, not JSON" }, EXPECT (OPERATIONAL, NONE, 0),
    ALSO (STATUS_PAGE_UNREADABLE) },
  { "status-page-probe-failed", WEB_OK, CONTROL_OK, .status = STATUS (FAIL (TIMEOUT)),
    EXPECT (OPERATIONAL, NONE, 0), ALSO (STATUS_PAGE_UNREADABLE) },
};

/* Building rounds */

static void
component_free (gpointer data)
{
  GwComponent *component = data;

  g_free (component->id);
  g_free (component->name);
  g_free (component->raw_status);
  g_free (component);
}

static GwStatusPage *
page_from_spec (const PageSpec *spec)
{
  GwStatusPage *page = g_new0 (GwStatusPage, 1);

  page->components = g_ptr_array_new_with_free_func (component_free);
  page->incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_incident_free);

  for (guint i = 0; i < G_N_ELEMENTS (spec->components) && spec->components[i].name; i++)
    {
      GwComponent *component = g_new0 (GwComponent, 1);

      component->name = g_strdup (spec->components[i].name);
      component->status = spec->components[i].status;
      component->chatgpt = gw_status_page_is_chatgpt_component (component->name);
      g_ptr_array_add (page->components, component);
    }

  for (guint i = 0; i < G_N_ELEMENTS (spec->incidents) && spec->incidents[i].name; i++)
    {
      GwIncident *incident = g_new0 (GwIncident, 1);

      incident->name = g_strdup (spec->incidents[i].name);
      incident->status = g_strdup ("investigating");
      incident->impact = spec->incidents[i].impact;
      incident->chatgpt = gw_status_page_mentions_chatgpt (incident->name);
      g_ptr_array_add (page->incidents, incident);
    }

  return page;
}

static const char *
error_text (GwHttpError error)
{
  switch (error)
    {
    case GW_HTTP_ERROR_DNS: return "Could not resolve host";
    case GW_HTTP_ERROR_CONNECT: return "Connection refused";
    case GW_HTTP_ERROR_TLS: return "SSL certificate problem";
    case GW_HTTP_ERROR_TIMEOUT: return "Operation timed out";
    case GW_HTTP_ERROR_PROXY: return "Could not resolve proxy";
    case GW_HTTP_ERROR_PROTOCOL: return "Weird server reply";
    case GW_HTTP_ERROR_BROKEN: return "Empty reply from server";
    case GW_HTTP_OK:
    default: return NULL;
    }
}

static GwHttpResponse *
response_from_spec (GwTarget         target,
                    const ProbeSpec *spec)
{
  GwHttpResponse *response = gw_http_response_new ();
  const char *body = spec->body;

  response->error = spec->error;
  response->error_text = g_strdup (error_text (spec->error));
  /* A status line before the transfer broke. */
  if (spec->error != GW_HTTP_OK)
    response->http_status = spec->http;
  if (spec->error == GW_HTTP_OK)
    {
      response->http_status = spec->http;
      gw_http_response_set_header (response, GW_HTTP_HEADER_CF_RAY, "8c1f2a3b4d5e6f70-AMS");
      gw_http_response_set_header (response, GW_HTTP_HEADER_CF_MITIGATED, spec->mitigated);
      gw_http_response_set_header (response, GW_HTTP_HEADER_LOCATION, spec->location);
      response->timings.first_byte_us = spec->first_byte_us ? spec->first_byte_us : 250000;
      response->timings.total_us = response->timings.first_byte_us + 1000;
    }
  if (body == NULL && target == GW_TARGET_CONTROL)
    body = GW_CONTROL_EXPECTED_PREFIX "\n";
  if (body != NULL)
    g_byte_array_append (response->body, (const guint8 *) body, strlen (body));
  response->timings.dns_us = spec->error == GW_HTTP_ERROR_DNS ? 5000 : 1000;
  response->tls_verify_failed = spec->verify_failed;
  response->tls_issuer = g_strdup (spec->issuer);
  response->proxy = g_strdup (spec->proxy);
  return response;
}

static void
probe_from_spec (GwProbeResult   *probe,
                 const ProbeSpec *spec)
{
  if (spec->url == NULL)
    return;

  probe->url = g_strdup (spec->url);
  if (spec->not_run)
    return;

  gw_probe_result_set_response (probe, response_from_spec (probe->target, spec));
  if (spec->attempts > 0)
    {
      probe->attempts = spec->attempts;
      probe->failed_attempts = spec->failed;
    }
  else
    {
      probe->attempts = 1;
      probe->failed_attempts = probe->layer != GW_LAYER_NONE;
    }
  if (probe->layer != GW_LAYER_NONE)
    probe->error = g_strdup (probe->response->error_text ? probe->response->error_text
                                                         : "unexpected answer");
}

static GwRound *
round_from_case (const Case *c)
{
  GwRound *round = gw_round_new ();

  round->started_at = STARTED_AT;
  probe_from_spec (&round->probes[GW_TARGET_WEB], &c->web);
  probe_from_spec (&round->probes[GW_TARGET_API], &c->api);
  probe_from_spec (&round->probes[GW_TARGET_STATUS], &c->status);
  probe_from_spec (&round->probes[GW_TARGET_CONTROL], &c->control);
  if (c->page.present)
    round->status_page = page_from_spec (&c->page);
  round->status_page_error = g_strdup (c->page.error);
  return round;
}

/* Checks */

static gboolean
has_reason (const GwVerdict *verdict,
            GwCause          cause,
            guint            from)
{
  for (guint i = from; i < verdict->reasons->len; i++)
    if (((GwReason *) g_ptr_array_index (verdict->reasons, i))->cause == cause)
      return TRUE;
  return FALSE;
}

static void
check_well_formed (const GwVerdict *verdict)
{
  g_assert_nonnull (verdict->summary);
  g_assert_cmpstr (verdict->summary, !=, "");
  g_assert_true (g_utf8_validate (verdict->summary, -1, NULL));
  g_assert_null (strchr (verdict->summary, '%'));
  g_assert_cmpint (verdict->checked_at, ==, STARTED_AT);
  g_assert_nonnull (verdict->reasons);

  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const GwReason *reason = g_ptr_array_index (verdict->reasons, i);

      g_assert_nonnull (reason->text);
      g_assert_cmpstr (reason->text, !=, "");
      g_assert_true (g_utf8_validate (reason->text, -1, NULL));
      g_assert_null (strchr (reason->text, '%'));
      g_assert_cmpint (reason->target, >=, -1);
      g_assert_cmpint (reason->target, <, GW_N_TARGETS);
      g_assert_nonnull (gw_cause_to_string (reason->cause));
      g_assert_nonnull (gw_state_to_string (reason->state));
    }

  if (verdict->reasons->len > 0)
    {
      const GwReason *decisive = g_ptr_array_index (verdict->reasons, 0);

      g_assert_cmpint (decisive->cause, ==, verdict->cause);
      g_assert_cmpint (decisive->state, ==, verdict->state);
    }
}

static void
check_copy (const GwVerdict *verdict)
{
  g_autoptr(GwVerdict) copy = gw_verdict_copy (verdict);

  g_assert_cmpint (copy->state, ==, verdict->state);
  g_assert_cmpint (copy->cause, ==, verdict->cause);
  g_assert_cmpstr (copy->summary, ==, verdict->summary);
  g_assert_cmpint (copy->checked_at, ==, verdict->checked_at);
  g_assert_cmpuint (copy->reasons->len, ==, verdict->reasons->len);
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const GwReason *a = g_ptr_array_index (verdict->reasons, i);
      const GwReason *b = g_ptr_array_index (copy->reasons, i);

      g_assert_true (a != b);
      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpint (a->cause, ==, b->cause);
      g_assert_cmpint (a->timing_us, ==, b->timing_us);
    }
}

static void
test_classify_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GwRound) round = round_from_case (c);
  GwClassifyOptions options = { GW_DEFAULT_SLOW_FIRST_BYTE_US };
  g_autoptr(GwVerdict) verdict = gw_verdict_classify (round, &options);

  g_test_message ("summary: %s", verdict->summary);
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const GwReason *reason = g_ptr_array_index (verdict->reasons, i);

      g_test_message ("reason %u: %s/%s: %s", i, gw_state_to_string (reason->state),
                      gw_cause_to_string (reason->cause), reason->text);
    }

  g_assert_cmpstr (gw_state_to_string (verdict->state), ==, gw_state_to_string (c->state));
  g_assert_cmpstr (gw_cause_to_string (verdict->cause), ==, gw_cause_to_string (c->cause));
  g_assert_cmpint (gw_state_exit_code (verdict->state), ==, c->exit_code);
  check_well_formed (verdict);
  check_copy (verdict);

  if (c->summary_has != NULL)
    g_assert_nonnull (strstr (verdict->summary, c->summary_has));
  if (c->text_has != NULL)
    {
      const GwReason *decisive = g_ptr_array_index (verdict->reasons, 0);

      g_assert_cmpuint (verdict->reasons->len, >, 0);
      g_assert_nonnull (strstr (decisive->text, c->text_has));
    }
  if (c->also != 0)
    g_assert_true (has_reason (verdict, c->also - 1, 1));
}

/* Other tests */

static GwRound *
round_with_web (guint  status,
                gint64 first_byte_us)
{
  const Case c = { .web = WEB (.http = status, .first_byte_us = first_byte_us), CONTROL_OK };

  return round_from_case (&c);
}

static void
test_options (void)
{
  g_autoptr(GwRound) round = round_with_web (200, 4 * G_USEC_PER_SEC);
  GwClassifyOptions off = { 0 };
  GwClassifyOptions strict = { G_USEC_PER_SEC };
  g_autoptr(GwVerdict) by_default = gw_verdict_classify (round, NULL);
  g_autoptr(GwVerdict) not_slow = gw_verdict_classify (round, &off);
  g_autoptr(GwRound) quick = round_with_web (200, 1500000);
  g_autoptr(GwVerdict) quick_default = gw_verdict_classify (quick, NULL);
  g_autoptr(GwVerdict) quick_strict = gw_verdict_classify (quick, &strict);

  g_assert_cmpint (by_default->cause, ==, GW_CAUSE_SLOW);
  g_assert_cmpint (not_slow->state, ==, GW_STATE_OPERATIONAL);
  g_assert_cmpint (quick_default->state, ==, GW_STATE_OPERATIONAL);
  g_assert_cmpint (quick_strict->cause, ==, GW_CAUSE_SLOW);
  g_assert_nonnull (strstr (quick_strict->summary, "1.5 s"));
}

static void
test_reason_fields (void)
{
  const Case slow = { .web = WEB (OK, .first_byte_us = 4200000), CONTROL_OK,
                      .page = { .error = "boom" }, .status = STATUS (OK) };
  const Case dns = { .web = WEB (FAIL (DNS)), .control = CONTROL (FAIL (DNS)) };
  g_autoptr(GwRound) slow_round = round_from_case (&slow);
  g_autoptr(GwRound) dns_round = round_from_case (&dns);
  g_autoptr(GwVerdict) slow_verdict = gw_verdict_classify (slow_round, NULL);
  g_autoptr(GwVerdict) dns_verdict = gw_verdict_classify (dns_round, NULL);
  const GwReason *reason;

  reason = g_ptr_array_index (slow_verdict->reasons, 0);
  g_assert_cmpint (reason->cause, ==, GW_CAUSE_SLOW);
  g_assert_cmpint (reason->target, ==, GW_TARGET_WEB);
  g_assert_cmpint (reason->layer, ==, GW_LAYER_NONE);
  g_assert_cmpuint (reason->http_status, ==, 200);
  g_assert_cmpint (reason->timing_us, ==, 4200000);
  reason = g_ptr_array_index (slow_verdict->reasons, slow_verdict->reasons->len - 1);
  g_assert_cmpint (reason->cause, ==, GW_CAUSE_STATUS_PAGE_UNREADABLE);
  g_assert_cmpint (reason->target, ==, GW_TARGET_STATUS);
  g_assert_cmpstr (reason->text, ==, "The status page could not be read: boom.");

  reason = g_ptr_array_index (dns_verdict->reasons, 0);
  g_assert_cmpint (reason->cause, ==, GW_CAUSE_DNS);
  g_assert_cmpint (reason->target, ==, GW_TARGET_CONTROL);
  g_assert_cmpint (reason->layer, ==, GW_LAYER_DNS);
  g_assert_cmpuint (reason->http_status, ==, 0);
  g_assert_cmpint (reason->timing_us, ==, 5000);
  g_assert_cmpstr (dns_verdict->summary, ==,
                   "It's your side: this computer can't resolve names (DNS).");
}

static void
test_proxy_credentials_hidden (void)
{
  const Case c = { .web = WEB (FAIL (PROXY), .proxy = "http://alice:s3cret@proxy.example:3128"),
                   CONTROL_OK };
  g_autoptr(GwRound) round = round_from_case (&c);
  g_autoptr(GwVerdict) verdict = gw_verdict_classify (round, NULL);
  const GwReason *reason = g_ptr_array_index (verdict->reasons, 0);

  g_assert_cmpint (verdict->cause, ==, GW_CAUSE_PROXY);
  g_assert_nonnull (strstr (reason->text, "proxy.example:3128"));
  g_assert_null (strstr (reason->text, "s3cret"));
  g_assert_null (strstr (reason->text, "alice"));
  g_assert_null (strstr (verdict->summary, "s3cret"));
}

static void
test_pure (void)
{
  g_autoptr(GwRound) round = round_with_web (502, 0);
  g_autoptr(GwRound) before = NULL;
  g_autoptr(GwVerdict) first = NULL;
  g_autoptr(GwVerdict) second = NULL;

  round->probes[GW_TARGET_WEB].attempts = 3;
  round->probes[GW_TARGET_WEB].failed_attempts = 3;
  before = gw_round_copy (round);
  first = gw_verdict_classify (round, NULL);
  second = gw_verdict_classify (round, NULL);

  g_assert_cmpstr (first->summary, ==, second->summary);
  g_assert_cmpuint (first->reasons->len, ==, second->reasons->len);
  g_assert_cmpint (round->probes[GW_TARGET_WEB].layer, ==, before->probes[GW_TARGET_WEB].layer);
  g_assert_cmpuint (round->probes[GW_TARGET_WEB].attempts, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/verdict/classify/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_classify_case);
    }
  g_test_add_func ("/verdict/options", test_options);
  g_test_add_func ("/verdict/reason-fields", test_reason_fields);
  g_test_add_func ("/verdict/proxy-credentials-hidden", test_proxy_credentials_hidden);
  g_test_add_func ("/verdict/pure", test_pure);

  return g_test_run ();
}
