/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-report"

#include "config.h"

#include "gw-report.h"
#include "gw-json.h"

#include <glib/gi18n-lib.h>

static void
add_ms (JsonBuilder *b,
        const char  *name,
        gint64       us)
{
  json_builder_set_member_name (b, name);
  if (us >= 0)
    json_builder_add_double_value (b, (double) us / 1000.0);
  else
    json_builder_add_null_value (b);
}

static void
add_timings (JsonBuilder     *b,
             const GwTimings *t)
{
  json_builder_set_member_name (b, "timings_ms");
  json_builder_begin_object (b);
  add_ms (b, "dns", t ? t->dns_us : -1);
  add_ms (b, "connect", t ? t->connect_us : -1);
  add_ms (b, "tls", t ? t->tls_us : -1);
  add_ms (b, "first_byte", t ? t->first_byte_us : -1);
  add_ms (b, "total", t ? t->total_us : -1);
  json_builder_end_object (b);
}

static void
add_headers (JsonBuilder          *b,
             const GwHttpResponse *r)
{
  json_builder_set_member_name (b, "headers");
  json_builder_begin_object (b);
  for (guint i = 0; r != NULL && i < GW_N_HTTP_HEADERS; i++)
    if (r->headers[i] != NULL)
      {
        json_builder_set_member_name (b, gw_http_header_to_string (i));
        json_builder_add_string_value (b, r->headers[i]);
      }
  json_builder_end_object (b);
}

static void
add_probe (JsonBuilder         *b,
           const GwProbeResult *p)
{
  const GwHttpResponse *r = p->response;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, gw_target_to_string (p->target));
  gw_json_add_string_or_null (b, "url", p->url);
  json_builder_set_member_name (b, "enabled");
  json_builder_add_boolean_value (b, gw_probe_result_enabled (p));
  json_builder_set_member_name (b, "layer");
  json_builder_add_string_value (b, gw_layer_to_string (p->layer));
  json_builder_set_member_name (b, "http_status");
  json_builder_add_int_value (b, r ? r->http_status : 0);
  gw_json_add_string_or_null (b, "error", p->error);
  add_timings (b, r ? &r->timings : NULL);
  json_builder_set_member_name (b, "attempts");
  json_builder_add_int_value (b, p->attempts);
  json_builder_set_member_name (b, "failed_attempts");
  json_builder_add_int_value (b, p->failed_attempts);
  gw_json_add_string_or_null (b, "proxy", r ? r->proxy : NULL);
  gw_json_add_string_or_null (b, "tls_issuer", r ? r->tls_issuer : NULL);
  json_builder_set_member_name (b, "body_truncated");
  json_builder_add_boolean_value (b, r && r->body_truncated);
  add_headers (b, r);
  json_builder_end_object (b);
}

static void
add_components (JsonBuilder        *b,
                const GwStatusPage *page)
{
  json_builder_set_member_name (b, "components");
  json_builder_begin_array (b);
  for (guint i = 0; page->components != NULL && i < page->components->len; i++)
    {
      const GwComponent *c = g_ptr_array_index (page->components, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, c->name);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, gw_component_status_to_string (c->status));
      json_builder_set_member_name (b, "chatgpt");
      json_builder_add_boolean_value (b, c->chatgpt);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_incidents (JsonBuilder        *b,
               const GwStatusPage *page)
{
  json_builder_set_member_name (b, "incidents");
  json_builder_begin_array (b);
  for (guint i = 0; page->incidents != NULL && i < page->incidents->len; i++)
    {
      const GwIncident *inc = g_ptr_array_index (page->incidents, i);
      g_autofree char *started = inc->started_at > 0 ?
                                 gw_json_format_utc (inc->started_at) : NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, inc->name);
      gw_json_add_string_or_null (b, "status", inc->status);
      json_builder_set_member_name (b, "impact");
      json_builder_add_string_value (b, gw_impact_to_string (inc->impact));
      gw_json_add_string_or_null (b, "started_at", started);
      gw_json_add_string_or_null (b, "shortlink", inc->shortlink);
      json_builder_set_member_name (b, "chatgpt");
      json_builder_add_boolean_value (b, inc->chatgpt);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_status_page (JsonBuilder   *b,
                 const GwRound *round)
{
  const GwStatusPage *page = round->status_page;

  json_builder_set_member_name (b, "status_page");
  if (page == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "indicator");
  json_builder_add_string_value (b, gw_indicator_to_string (page->indicator));
  gw_json_add_string_or_null (b, "description", page->description);
  json_builder_set_member_name (b, "chatgpt_status");
  json_builder_add_string_value (b, gw_component_status_to_string (gw_status_page_chatgpt_status (page)));
  add_components (b, page);
  add_incidents (b, page);
  json_builder_end_object (b);
}

static void
add_reasons (JsonBuilder     *b,
             const GwVerdict *verdict)
{
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_array (b);
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const GwReason *reason = g_ptr_array_index (verdict->reasons, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "cause");
      json_builder_add_string_value (b, gw_cause_to_string (reason->cause));
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, gw_state_to_string (reason->state));
      gw_json_add_string_or_null (b, "probe", reason->target >= 0 ? gw_target_to_string (reason->target) : NULL);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, reason->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
gw_report_to_json (const GwRound   *round,
                   const GwVerdict *verdict)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *checked = NULL;

  g_return_val_if_fail (round != NULL && verdict != NULL, NULL);

  checked = gw_json_format_utc (round->started_at / G_USEC_PER_SEC);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, gw_state_to_string (verdict->state));
  json_builder_set_member_name (b, "cause");
  json_builder_add_string_value (b, gw_cause_to_string (verdict->cause));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, verdict->summary);
  gw_json_add_string_or_null (b, "checked_at", checked);
  add_reasons (b, verdict);
  json_builder_set_member_name (b, "probes");
  json_builder_begin_array (b);
  for (guint i = 0; i < GW_N_TARGETS; i++)
    add_probe (b, &round->probes[i]);
  json_builder_end_array (b);
  add_status_page (b, round);
  gw_json_add_string_or_null (b, "status_page_error", round->status_page_error);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static char *
describe_probe (const GwProbeResult *p)
{
  const GwHttpResponse *r = p->response;
  const char *outcome;
  g_autofree char *timing = NULL;

  if (!gw_probe_result_enabled (p))
    return g_strdup (_("disabled"));
  if (r == NULL)
    return g_strdup (_("not checked"));

  /* Translators: "passed" or "failed (dns)" etc., then the details. */
  outcome = p->layer == GW_LAYER_NONE ? _("passed") : _("failed");
  if (r->timings.total_us >= 0)
    /* Translators: a duration in milliseconds. */
    timing = g_strdup_printf (_("%.0f ms"), (double) r->timings.total_us / 1000.0);

  if (p->layer == GW_LAYER_NONE)
    /* Translators: "passed: HTTP 200, 35 ms". */
    return g_strdup_printf (_("%s: HTTP %u, %s"), outcome, r->http_status,
                            timing ? timing : "–");
  /* Translators: "failed (http): HTTP 502, 3 attempts". */
  return g_strdup_printf (ngettext ("%s (%s): %s, %u attempt", "%s (%s): %s, %u attempts",
                                    p->attempts),
                          outcome, gw_layer_to_string (p->layer),
                          p->error ? p->error : "", p->attempts);
}

char *
gw_report_to_text (const GwRound   *round,
                   const GwVerdict *verdict)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (round != NULL && verdict != NULL, NULL);

  dt = g_date_time_new_from_unix_local (round->started_at / G_USEC_PER_SEC);
  when = dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");

  g_string_append_printf (out, "%s\n\n", verdict->summary);
  /* Translators: "Checked 2026-11-21 14:05:03 — state: outage". */
  g_string_append_printf (out, _("Checked %s — state: %s\n"), when,
                          gw_state_to_string (verdict->state));
  for (guint i = 0; i < GW_N_TARGETS; i++)
    {
      g_autofree char *line = describe_probe (&round->probes[i]);

      g_string_append_printf (out, "  %-8s %s\n", gw_target_to_string (i), line);
    }
  if (round->status_page != NULL && round->status_page->description != NULL)
    /* Translators: what the official status page says, e.g. "All Systems Operational". */
    g_string_append_printf (out, _("  Status page: %s\n"), round->status_page->description);

  if (verdict->reasons->len > 0)
    g_string_append_printf (out, "\n%s\n", _("Why:"));
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const GwReason *reason = g_ptr_array_index (verdict->reasons, i);

      g_string_append_printf (out, "  • %s\n", reason->text);
    }
  return g_string_free (out, FALSE);
}
