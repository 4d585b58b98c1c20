/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-http.h"
#include "gw-probe.h"

G_BEGIN_DECLS

/* One probe round: the four targets at once, `web` retried to confirm a
 * failure, the status page parsed. */

#define GW_TYPE_PROBER (gw_prober_get_type ())
G_DECLARE_FINAL_TYPE (GwProber, gw_prober, GW, PROBER, GObject)

typedef struct
{
  const char *urls[GW_N_TARGETS];  /* NULL or "": the target is disabled */
  guint       timeout_ms;          /* per request */
  /* Milliseconds in one second of the retry pauses and the round's slack
   * (tests run the schedule faster); 0 counts as 1000. */
  guint       tick_ms;
} GwProbeConfig;

/* Pauses before the second and third `web` attempts. */
#define GW_RETRY_PAUSE_1_MS 1000
#define GW_RETRY_PAUSE_2_MS 3000
/* A round never takes longer than the request timeout plus this. */
#define GW_ROUND_SLACK_MS 5000

GwProber *gw_prober_new        (const char          *extra_ca_file);
/* The HTTP engine the rounds use, for other requests of the same run. */
GwHttp   *gw_prober_get_http   (GwProber            *self);
void      gw_prober_run_async  (GwProber            *self,
                                const GwProbeConfig *config,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
GwRound  *gw_prober_run_finish (GwProber            *self,
                                GAsyncResult        *result,
                                GError             **error);

G_END_DECLS
