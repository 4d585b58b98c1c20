/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-fuzz"

#include "config.h"

#include <json-glib/json-glib.h>

#include "fuzz-common.h"
#include "fuzz-reader.h"
#include "gw-probe.h"
#include "gw-report.h"
#include "gw-status-page.h"
#include "gw-verdict.h"

/* The classifier on arbitrary probe results, then the --json and text
 * reports of its verdict. The input decodes into a GwRound (see
 * make-verdict-seeds.py, which writes the seeds in the same layout):
 *
 *   i64 started_at; u8 options (bit 0: i64 slow_first_byte_us follows)
 *   per target, web api status control:
 *     u8 flags: 1 url, 2 response, 4 forced layer, 8 body truncated,
 *               16 TLS verification failed
 *     [str url] u8 attempts, u8 failed attempts, str error
 *     [response: u8 error, str error text, u16 HTTP status, u16 proxy
 *      status, 6 × str header (server, cf-ray, cf-mitigated, retry-after,
 *      content-type, location), 5 × i64 timings (dns, connect, tls, first
 *      byte, total; negative: did not happen), str body, str proxy,
 *      str TLS issuer, u8 redirects]
 *     [u8 forced layer]
 *   u8 status page: 1 the rest is summary.json, 2 the rest is why it could
 *     not be read, else none
 *
 * str: u16 n, 0 for NULL, else n - 1 bytes. Fields keep the ranges the
 * prober can produce (enums, HTTP statuses up to 999, failed ≤ attempts)
 * and are otherwise arbitrary. */

#define N_LAYERS  (GW_LAYER_PROXY + 1)
#define N_ERRORS  (GW_HTTP_ERROR_BROKEN + 1)
#define N_CAUSES  (GW_CAUSE_CONTROL_FAILED + 1)
#define BODY_CAP  (16 * 1024)

enum {
  FLAG_URL = 1 << 0,
  FLAG_RESPONSE = 1 << 1,
  FLAG_LAYER = 1 << 2,
  FLAG_TRUNCATED = 1 << 3,
  FLAG_TLS_FAILED = 1 << 4,
};

static GwHttpResponse *
read_response (GwFuzzReader *r,
               guint8        flags)
{
  GwHttpResponse *response = gw_http_response_new ();
  gint64 *timings[] = {
    &response->timings.dns_us, &response->timings.connect_us, &response->timings.tls_us,
    &response->timings.first_byte_us, &response->timings.total_us,
  };
  g_autofree char *body = NULL;
  gsize body_len;

  response->error = gw_fuzz_read_u8 (r) % N_ERRORS;
  response->error_text = gw_fuzz_read_text (r);
  response->http_status = gw_fuzz_read_u16 (r) % 1000;
  response->proxy_status = gw_fuzz_read_u16 (r) % 1000;
  for (GwHttpHeader h = 0; h < GW_N_HTTP_HEADERS; h++)
    {
      g_autofree char *value = gw_fuzz_read_bytes (r, NULL);

      gw_http_response_set_header (response, h, value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (timings); i++)
    {
      gint64 t = gw_fuzz_read_i64 (r);

      *timings[i] = t < 0 ? -1 : t;
    }
  body = gw_fuzz_read_bytes (r, &body_len);
  g_byte_array_append (response->body, (const guint8 *) body, MIN (body_len, BODY_CAP));
  response->body_truncated = (flags & FLAG_TRUNCATED) != 0 || body_len > BODY_CAP;
  response->proxy = gw_fuzz_read_text (r);
  response->tls_verify_failed = (flags & FLAG_TLS_FAILED) != 0;
  response->tls_issuer = gw_fuzz_read_text (r);
  response->redirects = gw_fuzz_read_u8 (r);
  return response;
}

static void
read_probe (GwFuzzReader  *r,
            GwProbeResult *probe)
{
  guint8 flags = gw_fuzz_read_u8 (r);

  if (flags & FLAG_URL)
    probe->url = gw_fuzz_read_text (r);
  probe->attempts = gw_fuzz_read_u8 (r);
  probe->failed_attempts = gw_fuzz_read_u8 (r) % (probe->attempts + 1);
  probe->error = gw_fuzz_read_text (r);
  /* As the prober does: the layer follows from the response... */
  if (flags & FLAG_RESPONSE)
    gw_probe_result_set_response (probe, read_response (r, flags));
  /* ...unless the input says otherwise. */
  if (flags & FLAG_LAYER)
    probe->layer = gw_fuzz_read_u8 (r) % N_LAYERS;
}

static void
read_status_page (GwFuzzReader *r,
                  GwRound      *round)
{
  guint8 kind = gw_fuzz_read_u8 (r);
  g_autoptr(GError) error = NULL;
  const char *rest;
  gsize len;

  rest = gw_fuzz_read_rest (r, &len);
  if (kind == 1)
    {
      round->status_page = gw_status_page_parse (rest, len, &error);
      if (round->status_page == NULL)
        round->status_page_error = g_strdup (error->message);
    }
  else if (kind == 2)
    {
      round->status_page_error = g_utf8_make_valid (rest, len);
    }
}

static GwRound *
read_round (GwFuzzReader      *r,
            GwClassifyOptions *options,
            gboolean          *use_options)
{
  GwRound *round = gw_round_new ();

  round->started_at = gw_fuzz_read_i64 (r);
  *use_options = (gw_fuzz_read_u8 (r) & 1) != 0;
  if (*use_options)
    options->slow_first_byte_us = gw_fuzz_read_i64 (r);
  for (GwTarget t = 0; t < GW_N_TARGETS; t++)
    read_probe (r, &round->probes[t]);
  read_status_page (r, round);
  return round;
}

static gboolean
any_probe_ran (const GwRound *round)
{
  for (GwTarget t = 0; t < GW_N_TARGETS; t++)
    if (gw_probe_result_enabled (&round->probes[t]) && round->probes[t].attempts > 0)
      return TRUE;
  return FALSE;
}

static void
check_reason (const GwReason *reason)
{
  g_assert_cmpint (reason->cause, >=, 0);
  g_assert_cmpint (reason->cause, <, N_CAUSES);
  g_assert_cmpint (reason->state, >=, GW_STATE_UNKNOWN);
  g_assert_cmpint (reason->state, <=, GW_STATE_LOCAL_PROBLEM);
  g_assert_cmpint (reason->target, >=, -1);
  g_assert_cmpint (reason->target, <, GW_N_TARGETS);
  g_assert_cmpint (reason->layer, >=, GW_LAYER_NONE);
  g_assert_cmpint (reason->layer, <, N_LAYERS);
  gw_fuzz_assert_text (reason->text, TRUE);
}

static void
check_verdict (const GwVerdict *verdict,
               const GwRound   *round)
{
  int exit_code;

  g_assert_nonnull (verdict);
  g_assert_cmpint (verdict->state, >=, GW_STATE_UNKNOWN);
  g_assert_cmpint (verdict->state, <=, GW_STATE_LOCAL_PROBLEM);
  g_assert_cmpint (verdict->cause, >=, 0);
  g_assert_cmpint (verdict->cause, <, N_CAUSES);
  g_assert_nonnull (gw_state_to_string (verdict->state));
  g_assert_nonnull (gw_cause_to_string (verdict->cause));
  gw_fuzz_assert_text (verdict->summary, TRUE);
  g_assert_cmpint (verdict->checked_at, ==, round->started_at);
  exit_code = gw_state_exit_code (verdict->state);
  g_assert_cmpint (exit_code, >=, 0);
  g_assert_cmpint (exit_code, <=, 3);

  g_assert_nonnull (verdict->reasons);
  /* Reasons are empty only when no probe ran. */
  g_assert_cmpint (verdict->reasons->len > 0, ==, any_probe_ran (round));
  for (guint i = 0; i < verdict->reasons->len; i++)
    check_reason (g_ptr_array_index (verdict->reasons, i));
}

static void
check_same_verdict (const GwVerdict *a,
                    const GwVerdict *b)
{
  g_assert_cmpint (a->state, ==, b->state);
  g_assert_cmpint (a->cause, ==, b->cause);
  g_assert_cmpstr (a->summary, ==, b->summary);
  g_assert_cmpint (a->checked_at, ==, b->checked_at);
  g_assert_cmpuint (a->reasons->len, ==, b->reasons->len);
  for (guint i = 0; i < a->reasons->len; i++)
    g_assert_cmpstr (((GwReason *) g_ptr_array_index (a->reasons, i))->text, ==,
                     ((GwReason *) g_ptr_array_index (b->reasons, i))->text);
}

/* The --json object parses back and says what the verdict says. */
static void
check_reports (const GwRound   *round,
               const GwVerdict *verdict)
{
  g_autofree char *json = gw_report_to_json (round, verdict);
  g_autofree char *text = gw_report_to_text (round, verdict);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  gw_fuzz_assert_text (text, TRUE);
  gw_fuzz_assert_text (json, TRUE);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "state"), ==,
                   gw_state_to_string (verdict->state));
  g_assert_cmpstr (json_object_get_string_member (root, "summary"), ==, verdict->summary);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GwFuzzReader reader = { data, size, 0 };
  GwClassifyOptions options = { GW_DEFAULT_SLOW_FIRST_BYTE_US };
  gboolean use_options;
  g_autoptr(GwRound) round = NULL;
  g_autoptr(GwRound) round_copy = NULL;
  g_autoptr(GwVerdict) verdict = NULL;
  g_autoptr(GwVerdict) again = NULL;
  g_autoptr(GwVerdict) verdict_copy = NULL;

  gw_fuzz_init ();

  round = read_round (&reader, &options, &use_options);
  verdict = gw_verdict_classify (round, use_options ? &options : NULL);
  check_verdict (verdict, round);

  /* A pure function: the same round, copied, gives the same verdict. */
  round_copy = gw_round_copy (round);
  again = gw_verdict_classify (round_copy, use_options ? &options : NULL);
  check_same_verdict (verdict, again);
  verdict_copy = gw_verdict_copy (verdict);
  check_same_verdict (verdict, verdict_copy);

  check_reports (round, verdict);
  return 0;
}
