/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-http-response.h"
#include "gw-status-page.h"

G_BEGIN_DECLS

/* The results of one probe round, as plain data. */

typedef enum
{
  GW_TARGET_WEB,      /* chatgpt.com: edge and origin */
  GW_TARGET_API,      /* api.openai.com: 401 without a key means alive */
  GW_TARGET_STATUS,   /* the official status page's summary.json */
  GW_TARGET_CONTROL,  /* a plain-HTTP connectivity check */
  GW_N_TARGETS
} GwTarget;

typedef enum
{
  GW_LAYER_NONE,
  GW_LAYER_DNS,
  GW_LAYER_CONNECT,
  GW_LAYER_TLS,
  GW_LAYER_HTTP,
  GW_LAYER_TIMEOUT,
  GW_LAYER_PROXY,
} GwLayer;

#define GW_CONTROL_EXPECTED_PREFIX "NetworkManager is online"

typedef struct
{
  GwTarget        target;
  char           *url;              /* NULL: the probe is disabled */
  GwLayer         layer;            /* the failing layer of the last attempt */
  char           *error;            /* why it failed, untranslated; NULL when it passed */
  guint           attempts;         /* 0: not run */
  guint           failed_attempts;
  GwHttpResponse *response;         /* of the last attempt; NULL when not run */
} GwProbeResult;

typedef struct
{
  gint64         started_at;        /* unix microseconds (wall clock) */
  GwProbeResult  probes[GW_N_TARGETS];
  GwStatusPage  *status_page;       /* NULL when not fetched or unreadable */
  char          *status_page_error; /* why the page could not be read, or NULL */
} GwRound;

GwRound        *gw_round_new                   (void);
void            gw_round_free                  (GwRound              *self);
GwRound        *gw_round_copy                  (const GwRound        *self);
/* Frees what the result holds and leaves it empty (not run). */
void            gw_probe_result_clear          (GwProbeResult        *self);
/* Replaces dest with a deep copy of src. */
void            gw_probe_result_copy_into      (GwProbeResult        *dest,
                                                const GwProbeResult  *src);

gboolean        gw_probe_result_enabled        (const GwProbeResult  *self);
gboolean        gw_probe_result_passed         (const GwProbeResult  *self);
void            gw_probe_result_set_response   (GwProbeResult        *self,
                                                GwHttpResponse       *response);

/* Decides the failing layer of one response for the given target: transport
 * errors map to their layer; an HTTP answer fails with GW_LAYER_HTTP when the
 * target's rule rejects it (web: 4xx/5xx except a Cloudflare challenge;
 * api: 5xx; status: non-2xx; control: non-2xx or an unexpected body). */
GwLayer         gw_probe_layer_for_response    (GwTarget              target,
                                                const GwHttpResponse *response);
gboolean        gw_response_is_challenge       (const GwHttpResponse *response);
/* Worth a retry within the round: 5xx, timeout, connection failure. */
gboolean        gw_response_is_transient       (const GwHttpResponse *response);

const char     *gw_target_to_string            (GwTarget              target);
const char     *gw_layer_to_string             (GwLayer               layer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwRound, gw_round_free)

G_END_DECLS
