/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-report.h"

#include <string.h>
#include <json-glib/json-glib.h>

/* A round: web failed three times with a 502 from Cloudflare, api answered
 * 401, the status page was read, the control is disabled. */
static GwRound *
make_round (void)
{
  GwRound *round = gw_round_new ();
  GwProbeResult *web = &round->probes[GW_TARGET_WEB];
  GwProbeResult *api = &round->probes[GW_TARGET_API];
  GwProbeResult *status = &round->probes[GW_TARGET_STATUS];
  GwHttpResponse *r;
  g_autofree char *page = NULL;
  gsize len;

  round->started_at = G_GINT64_CONSTANT (1795273503) * G_USEC_PER_SEC;  /* 2026-11-21T15:05:03Z */

  web->url = g_strdup ("https://chatgpt.com/");
  r = gw_http_response_new ();
  r->http_status = 502;
  r->timings = (GwTimings) { 1500, 2500, 9000, 120000, 125500 };
  gw_http_response_set_header (r, GW_HTTP_HEADER_SERVER, "cloudflare");
  gw_http_response_set_header (r, GW_HTTP_HEADER_CF_RAY, "8a1b2c3d-FRA");
  web->attempts = web->failed_attempts = 3;
  web->error = g_strdup ("HTTP 502");
  gw_probe_result_set_response (web, r);

  api->url = g_strdup ("https://api.openai.com/v1/models");
  r = gw_http_response_new ();
  r->http_status = 401;
  api->attempts = 1;
  gw_probe_result_set_response (api, r);

  status->url = g_strdup ("https://status.openai.com/api/v2/summary.json");
  r = gw_http_response_new ();
  r->http_status = 200;
  status->attempts = 1;
  gw_probe_result_set_response (status, r);
  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data",
                                      "summary.2026-09-29.degraded-with-incidents.json", NULL),
                                      &page, &len, NULL));
  round->status_page = gw_status_page_parse (page, len, NULL);
  g_assert_nonnull (round->status_page);
  return round;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_timings (JsonObject *probe,
                gboolean    known)
{
  static const char * const phases[] = { "dns", "connect", "tls", "first_byte", "total" };
  JsonObject *timings = json_object_get_object_member (probe, "timings_ms");

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      JsonNode *value = json_object_get_member (timings, phases[i]);

      g_assert_nonnull (value);
      g_assert_cmpint (JSON_NODE_HOLDS_NULL (value), ==, !known);
    }
}

static void
test_json_contract (void)
{
  g_autoptr(GwRound) round = make_round ();
  g_autoptr(GwVerdict) verdict = gw_verdict_classify (round, &(GwClassifyOptions) {
                                                        GW_DEFAULT_SLOW_FIRST_BYTE_US });
  g_autofree char *text = gw_report_to_json (round, verdict);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_object (parser, text);
  JsonArray *probes;
  JsonObject *web, *control, *page, *timings;
  static const char * const names[] = { "web", "api", "status", "control" };

  g_assert_cmpstr (json_object_get_string_member (root, "state"), ==, "outage");
  g_assert_cmpstr (json_object_get_string_member (root, "summary"), ==, verdict->summary);
  g_assert_cmpstr (json_object_get_string_member (root, "checked_at"), ==, "2026-11-21T15:05:03Z");
  g_assert_true (json_object_get_array_member (root, "reasons") != NULL);

  probes = json_object_get_array_member (root, "probes");
  g_assert_cmpuint (json_array_get_length (probes), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (probes, i), "name"),
                     ==, names[i]);

  web = json_array_get_object_element (probes, 0);
  g_assert_cmpstr (json_object_get_string_member (web, "url"), ==, "https://chatgpt.com/");
  g_assert_cmpstr (json_object_get_string_member (web, "layer"), ==, "http");
  g_assert_cmpint (json_object_get_int_member (web, "http_status"), ==, 502);
  g_assert_cmpstr (json_object_get_string_member (web, "error"), ==, "HTTP 502");
  g_assert_cmpint (json_object_get_int_member (web, "attempts"), ==, 3);
  assert_timings (web, TRUE);
  timings = json_object_get_object_member (web, "timings_ms");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "dns"), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (timings, "total"), 125.5, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (web, "headers"),
                                                  "cf-ray"), ==, "8a1b2c3d-FRA");

  control = json_array_get_object_element (probes, 3);
  g_assert_true (json_object_get_null_member (control, "url"));
  g_assert_false (json_object_get_boolean_member (control, "enabled"));
  g_assert_cmpstr (json_object_get_string_member (control, "layer"), ==, "none");
  g_assert_cmpint (json_object_get_int_member (control, "http_status"), ==, 0);
  g_assert_true (json_object_get_null_member (control, "error"));
  assert_timings (control, FALSE);

  page = json_object_get_object_member (root, "status_page");
  g_assert_cmpstr (json_object_get_string_member (page, "indicator"), ==, "minor");
  g_assert_cmpstr (json_object_get_string_member (page, "description"), ==,
                   "Partial System Degradation");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "components")), ==, 25);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "incidents")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (page, "incidents"), 0),
                     "started_at"), ==, "2026-09-29T17:52:52Z");
}

static void
test_json_without_status_page (void)
{
  g_autoptr(GwRound) round = make_round ();
  g_autoptr(GwVerdict) verdict = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_clear_pointer (&round->status_page, gw_status_page_free);
  round->status_page_error = g_strdup ("status page is not JSON: unexpected end");
  verdict = gw_verdict_classify (round, &(GwClassifyOptions) { GW_DEFAULT_SLOW_FIRST_BYTE_US });
  text = gw_report_to_json (round, verdict);
  root = parse_object (parser, text);

  g_assert_true (json_object_get_null_member (root, "status_page"));
  g_assert_cmpstr (json_object_get_string_member (root, "status_page_error"), ==,
                   "status page is not JSON: unexpected end");
}

static void
test_text_report (void)
{
  g_autoptr(GwRound) round = make_round ();
  g_autoptr(GwVerdict) verdict = gw_verdict_classify (round, &(GwClassifyOptions) {
                                                        GW_DEFAULT_SLOW_FIRST_BYTE_US });
  g_autofree char *text = gw_report_to_text (round, verdict);

  g_assert_true (g_str_has_prefix (text, verdict->summary));
  g_assert_nonnull (strstr (text, "outage"));
  g_assert_nonnull (strstr (text, "web "));
  g_assert_nonnull (strstr (text, "HTTP 502"));
  g_assert_nonnull (strstr (text, "3 attempts"));
  g_assert_nonnull (strstr (text, "control  disabled"));
  g_assert_nonnull (strstr (text, "Partial System Degradation"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/json-contract", test_json_contract);
  g_test_add_func ("/report/json-without-status-page", test_json_without_status_page);
  g_test_add_func ("/report/text", test_text_report);
  return g_test_run ();
}
