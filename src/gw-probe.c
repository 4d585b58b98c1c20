/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-probe"

#include "config.h"

#include "gw-probe.h"

static const char * const target_names[GW_N_TARGETS] = {
  [GW_TARGET_WEB] = "web",
  [GW_TARGET_API] = "api",
  [GW_TARGET_STATUS] = "status",
  [GW_TARGET_CONTROL] = "control",
};

const char *
gw_target_to_string (GwTarget target)
{
  g_return_val_if_fail (target < GW_N_TARGETS, NULL);
  return target_names[target];
}

const char *
gw_layer_to_string (GwLayer layer)
{
  switch (layer)
    {
    case GW_LAYER_NONE: return "none";
    case GW_LAYER_DNS: return "dns";
    case GW_LAYER_CONNECT: return "connect";
    case GW_LAYER_TLS: return "tls";
    case GW_LAYER_HTTP: return "http";
    case GW_LAYER_TIMEOUT: return "timeout";
    case GW_LAYER_PROXY: return "proxy";
    default: g_return_val_if_reached (NULL);
    }
}

GwRound *
gw_round_new (void)
{
  GwRound *self = g_new0 (GwRound, 1);

  for (guint i = 0; i < GW_N_TARGETS; i++)
    self->probes[i].target = i;
  return self;
}

void
gw_probe_result_clear (GwProbeResult *probe)
{
  g_return_if_fail (probe != NULL);

  g_clear_pointer (&probe->url, g_free);
  g_clear_pointer (&probe->error, g_free);
  g_clear_pointer (&probe->response, gw_http_response_free);
  probe->layer = GW_LAYER_NONE;
  probe->attempts = probe->failed_attempts = 0;
}

void
gw_round_free (GwRound *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < GW_N_TARGETS; i++)
    gw_probe_result_clear (&self->probes[i]);
  g_clear_pointer (&self->status_page, gw_status_page_free);
  g_free (self->status_page_error);
  g_free (self);
}

void
gw_probe_result_copy_into (GwProbeResult       *dest,
                           const GwProbeResult *src)
{
  g_return_if_fail (dest != NULL && src != NULL && dest != src);

  gw_probe_result_clear (dest);
  *dest = *src;
  dest->url = g_strdup (src->url);
  dest->error = g_strdup (src->error);
  dest->response = src->response != NULL ? gw_http_response_copy (src->response) : NULL;
}

GwRound *
gw_round_copy (const GwRound *self)
{
  GwRound *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (GwRound, 1);
  copy->started_at = self->started_at;
  for (guint i = 0; i < GW_N_TARGETS; i++)
    gw_probe_result_copy_into (&copy->probes[i], &self->probes[i]);
  if (self->status_page != NULL)
    copy->status_page = gw_status_page_copy (self->status_page);
  copy->status_page_error = g_strdup (self->status_page_error);
  return copy;
}

gboolean
gw_probe_result_enabled (const GwProbeResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->url != NULL && self->url[0] != '\0';
}

gboolean
gw_probe_result_passed (const GwProbeResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->attempts > 0 && self->layer == GW_LAYER_NONE;
}

void
gw_probe_result_set_response (GwProbeResult  *self,
                              GwHttpResponse *response)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (response != NULL);

  g_clear_pointer (&self->response, gw_http_response_free);
  self->response = response;
  self->layer = gw_probe_layer_for_response (self->target, response);
}

gboolean
gw_response_is_challenge (const GwHttpResponse *response)
{
  const char *mitigated;

  g_return_val_if_fail (response != NULL, FALSE);

  mitigated = response->headers[GW_HTTP_HEADER_CF_MITIGATED];
  return (response->http_status == 403 || response->http_status == 429) &&
         mitigated != NULL && g_ascii_strcasecmp (mitigated, "challenge") == 0;
}

gboolean
gw_response_is_transient (const GwHttpResponse *response)
{
  g_return_val_if_fail (response != NULL, FALSE);

  switch (response->error)
    {
    case GW_HTTP_OK:
      return response->http_status >= 500 && response->http_status <= 599;
    case GW_HTTP_ERROR_TIMEOUT:
    case GW_HTTP_ERROR_CONNECT:
    case GW_HTTP_ERROR_BROKEN:
      return TRUE;
    case GW_HTTP_ERROR_DNS:
    case GW_HTTP_ERROR_TLS:
    case GW_HTTP_ERROR_PROXY:
    case GW_HTTP_ERROR_PROTOCOL:
    default:
      return FALSE;
    }
}

static GwLayer
layer_for_http_answer (GwTarget              target,
                       const GwHttpResponse *r)
{
  guint status = r->http_status;
  gboolean ok = status >= 200 && status <= 399;

  switch (target)
    {
    case GW_TARGET_WEB:
      ok = ok || gw_response_is_challenge (r);
      break;
    case GW_TARGET_API:
      /* Without a key the API answers 401; any answer below 500 is alive. */
      ok = status >= 200 && status <= 499;
      break;
    case GW_TARGET_STATUS:
      ok = status >= 200 && status <= 299;
      break;
    case GW_TARGET_CONTROL:
      ok = status >= 200 && status <= 299 &&
           gw_http_response_body_has_prefix (r, GW_CONTROL_EXPECTED_PREFIX);
      break;
    case GW_N_TARGETS:
    default:
      g_assert_not_reached ();
    }
  return ok ? GW_LAYER_NONE : GW_LAYER_HTTP;
}

GwLayer
gw_probe_layer_for_response (GwTarget              target,
                             const GwHttpResponse *response)
{
  g_return_val_if_fail (target < GW_N_TARGETS, GW_LAYER_NONE);
  g_return_val_if_fail (response != NULL, GW_LAYER_NONE);

  switch (response->error)
    {
    case GW_HTTP_OK: return layer_for_http_answer (target, response);
    case GW_HTTP_ERROR_DNS: return GW_LAYER_DNS;
    case GW_HTTP_ERROR_CONNECT: return GW_LAYER_CONNECT;
    case GW_HTTP_ERROR_TLS: return GW_LAYER_TLS;
    case GW_HTTP_ERROR_TIMEOUT: return GW_LAYER_TIMEOUT;
    case GW_HTTP_ERROR_PROXY: return GW_LAYER_PROXY;
    case GW_HTTP_ERROR_PROTOCOL:
    case GW_HTTP_ERROR_BROKEN: return GW_LAYER_HTTP;
    default: g_return_val_if_reached (GW_LAYER_HTTP);
    }
}
