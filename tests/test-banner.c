/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-banner"

#include "config.h"

#include "gw-banner.h"

#include <string.h>

#define T0        G_GINT64_CONSTANT (1790000000)   /* 2026-09-21 14:13:20 UTC */
#define MINUTE    (60 * G_USEC_PER_SEC)

/* A round whose web probe answered http after first_byte_us (0: no answer,
 * refused) and whose connectivity check passed or failed. */
static GwRound *
make_round (guint    http,
            gint64   first_byte_us,
            gboolean control_ok)
{
  GwRound *round = gw_round_new ();
  GwHttpResponse *web = gw_http_response_new ();
  GwHttpResponse *control = gw_http_response_new ();

  round->started_at = T0 * G_USEC_PER_SEC;
  round->probes[GW_TARGET_WEB].url = g_strdup ("https://chatgpt.com/");
  if (first_byte_us > 0)
    {
      web->http_status = http;
      web->timings.first_byte_us = first_byte_us;
    }
  else
    web->error = GW_HTTP_ERROR_CONNECT;
  gw_probe_result_set_response (&round->probes[GW_TARGET_WEB], web);
  round->probes[GW_TARGET_WEB].attempts = 1;

  round->probes[GW_TARGET_CONTROL].url = g_strdup ("http://nmcheck.gnome.org/check_network_status.txt");
  if (control_ok)
    {
      control->http_status = 200;
      g_byte_array_append (control->body, (const guint8 *) GW_CONTROL_EXPECTED_PREFIX "\n",
                           strlen (GW_CONTROL_EXPECTED_PREFIX) + 1);
    }
  else
    control->error = GW_HTTP_ERROR_CONNECT;
  gw_probe_result_set_response (&round->probes[GW_TARGET_CONTROL], control);
  round->probes[GW_TARGET_CONTROL].attempts = 1;
  return round;
}

static GwBanner *
banner_for (const GwRound *round,
            gint64         problem_since_us,
            gint64         usual_ms)
{
  g_autoptr(GwVerdict) verdict = gw_verdict_classify (round, NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GwBannerInput in = {
    .verdict = verdict,
    .round = round,
    .problem_since_us = problem_since_us,
    .usual_first_byte_ms = usual_ms,
    .now_us = T0 * G_USEC_PER_SEC,
    .tz = utc,
  };

  return gw_banner_build (&in);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” lacks “%s”", text, part);
}

static void
test_outage (void)
{
  g_autoptr(GwRound) round = make_round (502, 30000, TRUE);
  g_autoptr(GwBanner) banner = banner_for (round, (T0 - 11 * 60) * G_USEC_PER_SEC, -1);

  g_assert_cmpint (banner->state, ==, GW_STATE_OUTAGE);
  g_assert_cmpstr (banner->icon_name, ==, APP_ID "-outage");
  g_assert_cmpstr (banner->title, ==, "It's not you: ChatGPT is down");
  assert_contains (banner->summary, "502 Bad Gateway");
  g_assert_true (g_str_has_prefix (banner->detail, "Since 14:02 — 11 minutes. "));
  assert_contains (banner->detail, "Nothing to fix on your side");
}

static void
test_slow_with_usual (void)
{
  g_autoptr(GwRound) round = make_round (200, 4200 * 1000, TRUE);
  g_autoptr(GwBanner) with_usual = banner_for (round, (T0 - 90) * G_USEC_PER_SEC, 420);
  g_autoptr(GwBanner) without = banner_for (round, (T0 - 90) * G_USEC_PER_SEC, -1);

  g_assert_cmpint (with_usual->state, ==, GW_STATE_DEGRADED);
  g_assert_cmpstr (with_usual->icon_name, ==, APP_ID "-degraded");
  assert_contains (with_usual->detail, "Since 14:11 — 1 minute. ");
  assert_contains (with_usual->detail, "First byte after 4.2 s; usually 420 ms at this hour.");
  assert_contains (without->detail, "First byte after 4.2 s.");
  g_assert_null (strstr (without->detail, "usually"));
}

static void
test_local_tells_other_sites (void)
{
  /* ChatGPT refused while the connectivity check passed, then both failing. */
  g_autoptr(GwRound) blocked = make_round (0, 0, TRUE);
  g_autoptr(GwRound) offline = make_round (0, 0, FALSE);
  g_autoptr(GwBanner) b1 = banner_for (blocked, T0 * G_USEC_PER_SEC, -1);
  g_autoptr(GwBanner) b2 = banner_for (offline, T0 * G_USEC_PER_SEC, -1);

  g_assert_cmpint (b1->state, ==, GW_STATE_LOCAL_PROBLEM);
  g_assert_cmpint (b2->state, ==, GW_STATE_LOCAL_PROBLEM);
  g_assert_cmpstr (b1->title, ==, "It's your side: ChatGPT can't be reached from here");
  assert_contains (b1->detail, "Other sites work");
  assert_contains (b2->detail, "Other sites fail too.");
  assert_contains (b2->detail, "Since 14:13 — 0 seconds.");
}

static void
test_operational_and_unknown (void)
{
  g_autoptr(GwRound) round = make_round (200, 380 * 1000, TRUE);
  g_autoptr(GwBanner) fine = banner_for (round, 0, 400);
  GwBannerInput nothing = { .now_us = T0 * G_USEC_PER_SEC };
  g_autoptr(GwBanner) unknown = gw_banner_build (&nothing);

  g_assert_cmpint (fine->state, ==, GW_STATE_OPERATIONAL);
  g_assert_null (strstr (fine->detail, "Since"));
  assert_contains (fine->detail, "First byte after 380 ms; usually 400 ms at this hour.");
  g_assert_cmpint (unknown->state, ==, GW_STATE_UNKNOWN);
  g_assert_cmpstr (unknown->icon_name, ==, APP_ID "-unknown");
  g_assert_cmpstr (unknown->summary, ==, "Gatewatch has not checked ChatGPT yet.");
  g_assert_cmpstr (fine->title, ==, "ChatGPT is working");
}

static void
test_checks_line (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 now = T0 * G_USEC_PER_SEC;
  struct { gint64 last, next; gboolean paused, running; const char *expected; } cases[] = {
    { 0, 0, FALSE, TRUE, "Not checked yet · checking now…" },
    { now - MINUTE, now + 4 * MINUTE, FALSE, FALSE, "Last checked at 14:12 · next check in 4 minutes" },
    { now - MINUTE, now + 4 * MINUTE - G_USEC_PER_SEC, FALSE, FALSE, "Last checked at 14:12 · next check in 4 minutes" },
    { now - MINUTE, now + 42 * G_USEC_PER_SEC, FALSE, FALSE, "Last checked at 14:12 · next check in 42 seconds" },
    { now - MINUTE, now - G_USEC_PER_SEC, FALSE, FALSE, "Last checked at 14:12 · next check in 0 seconds" },
    { now - MINUTE, 0, TRUE, FALSE, "Last checked at 14:12 · checks are paused" },
    { now - MINUTE, 0, FALSE, FALSE, "Last checked at 14:12 · no check scheduled" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = gw_banner_checks_line (cases[i].last, cases[i].next, cases[i].paused,
                                                     cases[i].running, now, utc);
      g_assert_cmpstr (line, ==, cases[i].expected);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/banner/outage", test_outage);
  g_test_add_func ("/banner/slow", test_slow_with_usual);
  g_test_add_func ("/banner/local", test_local_tells_other_sites);
  g_test_add_func ("/banner/operational-unknown", test_operational_and_unknown);
  g_test_add_func ("/banner/checks-line", test_checks_line);
  return g_test_run ();
}
