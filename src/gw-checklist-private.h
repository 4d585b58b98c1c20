/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-checklist.h"
#include "gw-format.h"

G_BEGIN_DECLS

/* Shared by gw-checklist.c (the model and the order), gw-checklist-network.c
 * (the steps about the network) and gw-checklist-browser.c (the steps about
 * the browser and beyond). */

#define GW_CHECKLIST_DEFAULT_WEB_URL "https://chatgpt.com/"

/* What every step builder reads. */
typedef struct
{
  const GwVerdict    *verdict;        /* may be NULL */
  const GwRound      *round;          /* may be NULL */
  const GwLocalFacts *facts;          /* may be NULL */
  GwState             state;          /* the verdict's, or UNKNOWN */
  GwCause             cause;
  gint64              now_us;
  gint64              next_check_us;
  gint64              check_now_at_us;
  const char         *web_url;        /* what the browser actions open */
} GwChecklistInput;

typedef GwStep *(*GwStepBuilder) (const GwChecklistInput *in);

GwStep        *gw_step_new             (GwStepId                id,
                                        const char             *title,
                                        const char             *why);
void           gw_step_free            (gpointer                step);
/* Takes fact. */
void           gw_step_add_fact        (GwStep                 *step,
                                        char                   *fact);
void           gw_step_add_factf       (GwStep                 *step,
                                        const char             *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* The new action, owned by step; only kind, label and enabled are set. */
GwAction      *gw_step_add_action      (GwStep                 *step,
                                        GwActionKind            kind,
                                        const char             *label);

/* The probe of target when it ran, else NULL. */
const GwProbeResult *gw_checklist_ran  (const GwChecklistInput *in,
                                        GwTarget                target);
/* The host of a probe's URL, or the URL itself. */
char          *gw_checklist_host       (const GwProbeResult    *probe);

/* gw-checklist-network.c */
GwStep *gw_step_build_just_you        (const GwChecklistInput *in);
GwStep *gw_step_build_refresh         (const GwChecklistInput *in);
GwStep *gw_step_build_connection      (const GwChecklistInput *in);
GwStep *gw_step_build_dns             (const GwChecklistInput *in);
GwStep *gw_step_build_vpn_proxy       (const GwChecklistInput *in);
GwStep *gw_step_build_firewall        (const GwChecklistInput *in);

/* gw-checklist-browser.c */
GwStep *gw_step_build_other_browser   (const GwChecklistInput *in);
GwStep *gw_step_build_private_window  (const GwChecklistInput *in);
GwStep *gw_step_build_clear_cache     (const GwChecklistInput *in);
GwStep *gw_step_build_shorter_prompt  (const GwChecklistInput *in);
GwStep *gw_step_build_restart_router  (const GwChecklistInput *in);
GwStep *gw_step_build_update_browser  (const GwChecklistInput *in);
GwStep *gw_step_build_contact_support (const GwChecklistInput *in);

G_END_DECLS
