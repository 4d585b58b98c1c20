/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-verdict.h"

G_BEGIN_DECLS

/* Shared by gw-verdict.c (the verdict type) and gw-verdict-rules.c (the
 * classifier's rules). */

void     gw_reason_free          (gpointer                 reason);
gpointer gw_reason_copy          (gconstpointer            reason,
                                  gpointer                 user_data);
/* Walks every rule over round and fills verdict's state, cause, summary and
 * reasons. */
void     gw_verdict_apply_rules  (GwVerdict               *verdict,
                                  const GwRound           *round,
                                  const GwClassifyOptions *options);

/* The classifier's state while it walks the rules. */
typedef struct
{
  const GwRound       *round;
  gint64               slow_us;             /* <= 0: no slowness rule */
  const GwProbeResult *run[GW_N_TARGETS];   /* enabled and run, else NULL */
  const GwProbeResult *primary;             /* speaks for ChatGPT: web, else api; may be NULL */
  const GwProbeResult *control;
  gboolean             local_failure;       /* the control failed and ChatGPT gave no answer */
  GwComponentStatus    page_status;         /* ChatGPT's, UNKNOWN without a page */
  GwVerdict           *verdict;
} GwClassifier;

/* Facts about one probe (NULL-safe) */
guint       gw_fact_http_status           (const GwProbeResult *probe);
gint64      gw_fact_timing                (const GwProbeResult *probe);
char *      gw_fact_host                  (const GwProbeResult *probe);
const char *gw_fact_error                 (const GwProbeResult *probe);
guint       gw_fact_failures              (const GwProbeResult *probe);
gboolean    gw_fact_failed_every_attempt  (const GwProbeResult *probe);
gboolean    gw_fact_intercepted           (const GwProbeResult *probe);
gboolean    gw_fact_connect_failed        (const GwProbeResult *probe);
gboolean    gw_fact_unreachable           (const GwProbeResult *probe);
gboolean    gw_fact_answered              (const GwProbeResult *probe);
gboolean    gw_fact_challenged            (const GwProbeResult *probe);

/* Adds a reason about probe (NULL: the status page's own report), taking text
 * and summary. A reason with a summary may decide the verdict: the first one
 * does and goes first; one without a summary is informational only. */
void        gw_classifier_add_reason (GwClassifier        *cx,
                                      const GwProbeResult *probe,
                                      GwCause              cause,
                                      GwState              state,
                                      char                *text,
                                      char                *summary);
gboolean    gw_classifier_decided    (const GwClassifier  *cx);
/* Rule 2: it's this side (gw-verdict-local.c). */
void        gw_verdict_classify_local (GwClassifier       *cx);

G_END_DECLS
