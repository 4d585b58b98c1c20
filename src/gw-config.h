/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-probe.h"

G_BEGIN_DECLS

/* The effective settings of one run: GSettings, then the command line's
 * overrides, which apply to this run only and are never saved. */

typedef struct
{
  char  *urls[GW_N_TARGETS];   /* "" disables a target */
  char  *ca_file;              /* extra CA bundle, or NULL */
  guint  timeout_s;
  guint  interval_s;
  guint  slow_threshold_ms;
  guint  history_days;
  gboolean pause_on_metered;
  /* Milliseconds in one second of the schedule (interval, timeouts, retry
   * pauses, backoff, Retry-After, hysteresis): 1000 from GSettings; shorter
   * only in tests that run the real schedule faster (tests/soak.c). 0 counts
   * as 1000. */
  guint  tick_ms;
} GwConfig;

GwConfig *gw_config_new_from_settings (GSettings    *settings);
/* Applies the options of the command-line contract found in options
 * (web-url, api-url, status-url, control-url, cacert, timeout, interval). */
gboolean  gw_config_apply_options     (GwConfig     *self,
                                       GSettings    *settings,
                                       GVariantDict *options,
                                       GError      **error);
GwConfig *gw_config_copy              (const GwConfig *self);
void      gw_config_free              (GwConfig     *self);

/* The application's GSettings, or NULL with an error when the schema is not
 * installed. */
GSettings *gw_config_open_settings    (GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwConfig, gw_config_free)

G_END_DECLS
