/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-probe.h"

#include <string.h>

typedef struct
{
  const char  *name;
  GwTarget     target;
  GwHttpError  error;
  guint        status;
  const char  *mitigated;   /* cf-mitigated header, or NULL */
  const char  *body;
  GwLayer      layer;
  gboolean     transient;
} LayerCase;

static const LayerCase cases[] = {
  { "web-200", GW_TARGET_WEB, GW_HTTP_OK, 200, NULL, "<html>", GW_LAYER_NONE, FALSE },
  { "web-302", GW_TARGET_WEB, GW_HTTP_OK, 302, NULL, "", GW_LAYER_NONE, FALSE },
  { "web-399", GW_TARGET_WEB, GW_HTTP_OK, 399, NULL, "", GW_LAYER_NONE, FALSE },
  { "web-challenge-403", GW_TARGET_WEB, GW_HTTP_OK, 403, "challenge", "", GW_LAYER_NONE, FALSE },
  { "web-challenge-429", GW_TARGET_WEB, GW_HTTP_OK, 429, "Challenge", "", GW_LAYER_NONE, FALSE },
  { "web-plain-403", GW_TARGET_WEB, GW_HTTP_OK, 403, NULL, "", GW_LAYER_HTTP, FALSE },
  { "web-403-other-mitigation", GW_TARGET_WEB, GW_HTTP_OK, 403, "block", "", GW_LAYER_HTTP, FALSE },
  { "web-challenge-on-200-is-200", GW_TARGET_WEB, GW_HTTP_OK, 200, "challenge", "", GW_LAYER_NONE, FALSE },
  { "web-challenge-on-503", GW_TARGET_WEB, GW_HTTP_OK, 503, "challenge", "", GW_LAYER_HTTP, TRUE },
  { "web-429", GW_TARGET_WEB, GW_HTTP_OK, 429, NULL, "", GW_LAYER_HTTP, FALSE },
  { "web-499", GW_TARGET_WEB, GW_HTTP_OK, 499, NULL, "", GW_LAYER_HTTP, FALSE },
  { "web-500", GW_TARGET_WEB, GW_HTTP_OK, 500, NULL, "", GW_LAYER_HTTP, TRUE },
  { "web-502-plain", GW_TARGET_WEB, GW_HTTP_OK, 502, NULL, "error code: 502", GW_LAYER_HTTP, TRUE },
  { "web-530", GW_TARGET_WEB, GW_HTTP_OK, 530, NULL, "", GW_LAYER_HTTP, TRUE },
  { "web-599", GW_TARGET_WEB, GW_HTTP_OK, 599, NULL, "", GW_LAYER_HTTP, TRUE },
  { "web-600", GW_TARGET_WEB, GW_HTTP_OK, 600, NULL, "", GW_LAYER_HTTP, FALSE },
  { "web-dns", GW_TARGET_WEB, GW_HTTP_ERROR_DNS, 0, NULL, "", GW_LAYER_DNS, FALSE },
  { "web-connect", GW_TARGET_WEB, GW_HTTP_ERROR_CONNECT, 0, NULL, "", GW_LAYER_CONNECT, TRUE },
  { "web-tls", GW_TARGET_WEB, GW_HTTP_ERROR_TLS, 0, NULL, "", GW_LAYER_TLS, FALSE },
  { "web-timeout", GW_TARGET_WEB, GW_HTTP_ERROR_TIMEOUT, 0, NULL, "", GW_LAYER_TIMEOUT, TRUE },
  { "web-proxy", GW_TARGET_WEB, GW_HTTP_ERROR_PROXY, 0, NULL, "", GW_LAYER_PROXY, FALSE },
  { "web-protocol", GW_TARGET_WEB, GW_HTTP_ERROR_PROTOCOL, 0, NULL, "", GW_LAYER_HTTP, FALSE },
  { "web-broken", GW_TARGET_WEB, GW_HTTP_ERROR_BROKEN, 200, NULL, "", GW_LAYER_HTTP, TRUE },
  { "api-401", GW_TARGET_API, GW_HTTP_OK, 401, NULL, "{}", GW_LAYER_NONE, FALSE },
  { "api-404", GW_TARGET_API, GW_HTTP_OK, 404, NULL, "", GW_LAYER_NONE, FALSE },
  { "api-500", GW_TARGET_API, GW_HTTP_OK, 500, NULL, "", GW_LAYER_HTTP, TRUE },
  { "status-200", GW_TARGET_STATUS, GW_HTTP_OK, 200, NULL, "{}", GW_LAYER_NONE, FALSE },
  { "status-304", GW_TARGET_STATUS, GW_HTTP_OK, 304, NULL, "", GW_LAYER_HTTP, FALSE },
  { "status-404", GW_TARGET_STATUS, GW_HTTP_OK, 404, NULL, "", GW_LAYER_HTTP, FALSE },
  { "control-online", GW_TARGET_CONTROL, GW_HTTP_OK, 200, NULL, "NetworkManager is online\n",
    GW_LAYER_NONE, FALSE },
  { "control-login-page", GW_TARGET_CONTROL, GW_HTTP_OK, 200, NULL, "<html>Sign in</html>",
    GW_LAYER_HTTP, FALSE },
  { "control-prefix-later", GW_TARGET_CONTROL, GW_HTTP_OK, 200, NULL,
    " NetworkManager is online", GW_LAYER_HTTP, FALSE },
  { "control-redirect", GW_TARGET_CONTROL, GW_HTTP_OK, 302, NULL, "", GW_LAYER_HTTP, FALSE },
  { "control-204-empty", GW_TARGET_CONTROL, GW_HTTP_OK, 204, NULL, "", GW_LAYER_HTTP, FALSE },
  { "control-dns", GW_TARGET_CONTROL, GW_HTTP_ERROR_DNS, 0, NULL, "", GW_LAYER_DNS, FALSE },
};

static void
test_layer (gconstpointer data)
{
  const LayerCase *c = data;
  g_autoptr(GwRound) round = gw_round_new ();
  GwProbeResult *probe = &round->probes[c->target];
  GwHttpResponse *r = gw_http_response_new ();

  r->error = c->error;
  r->http_status = c->status;
  if (c->mitigated != NULL)
    gw_http_response_set_header (r, GW_HTTP_HEADER_CF_MITIGATED, c->mitigated);
  g_byte_array_append (r->body, (const guint8 *) c->body, strlen (c->body));

  g_assert_cmpint (gw_probe_layer_for_response (c->target, r), ==, c->layer);
  g_assert_cmpint (gw_response_is_transient (r), ==, c->transient);

  probe->url = g_strdup ("https://example.invalid/");
  probe->attempts = 1;
  gw_probe_result_set_response (probe, r);
  g_assert_cmpint (probe->layer, ==, c->layer);
  g_assert_cmpint (gw_probe_result_passed (probe), ==, c->layer == GW_LAYER_NONE);
}

static void
test_round_copy (void)
{
  g_autoptr(GwRound) round = gw_round_new ();
  g_autoptr(GwRound) copy = NULL;

  round->started_at = G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC;
  round->probes[GW_TARGET_WEB].url = g_strdup ("https://chatgpt.com/");
  round->probes[GW_TARGET_WEB].attempts = 3;
  round->probes[GW_TARGET_WEB].error = g_strdup ("HTTP 502");
  gw_probe_result_set_response (&round->probes[GW_TARGET_WEB], gw_http_response_new ());
  round->status_page_error = g_strdup ("status page is empty");

  copy = gw_round_copy (round);
  g_assert_cmpint (copy->started_at, ==, round->started_at);
  g_assert_cmpstr (copy->probes[GW_TARGET_WEB].url, ==, "https://chatgpt.com/");
  g_assert_true (copy->probes[GW_TARGET_WEB].url != round->probes[GW_TARGET_WEB].url);
  g_assert_true (copy->probes[GW_TARGET_WEB].response != round->probes[GW_TARGET_WEB].response);
  g_assert_cmpuint (copy->probes[GW_TARGET_WEB].attempts, ==, 3);
  g_assert_cmpstr (copy->status_page_error, ==, "status page is empty");
  g_assert_null (copy->probes[GW_TARGET_API].url);
  g_assert_false (gw_probe_result_enabled (&copy->probes[GW_TARGET_API]));
  g_assert_cmpint (copy->probes[GW_TARGET_CONTROL].target, ==, GW_TARGET_CONTROL);
}

static void
test_names (void)
{
  static const char * const targets[] = { "web", "api", "status", "control" };
  static const char * const layers[] = { "none", "dns", "connect", "tls", "http", "timeout", "proxy" };

  for (guint i = 0; i < GW_N_TARGETS; i++)
    g_assert_cmpstr (gw_target_to_string (i), ==, targets[i]);
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    g_assert_cmpstr (gw_layer_to_string (i), ==, layers[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/probe/layer/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_layer);
    }
  g_test_add_func ("/probe/round-copy", test_round_copy);
  g_test_add_func ("/probe/names", test_names);
  return g_test_run ();
}
