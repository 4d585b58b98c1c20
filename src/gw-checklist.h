/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-diagnostics.h"
#include "gw-probe.h"
#include "gw-verdict.h"

G_BEGIN_DECLS

/* The troubleshooting checklist as a model: which steps, in which order,
 * what Gatewatch already found out for each, and what each lets you do. A
 * pure function of the verdict, the round, the local facts and the clock;
 * the fix dialog only renders it. */

typedef enum
{
  GW_STEP_JUST_YOU,         /* Is it just you? */
  GW_STEP_REFRESH,          /* Refresh, but not nonstop */
  GW_STEP_CONNECTION,       /* Internet connection */
  GW_STEP_DNS,
  GW_STEP_VPN_PROXY,
  GW_STEP_FIREWALL,         /* firewall, antivirus, HTTPS inspection */
  GW_STEP_OTHER_BROWSER,
  GW_STEP_PRIVATE_WINDOW,
  GW_STEP_CLEAR_CACHE,
  GW_STEP_SHORTER_PROMPT,   /* only when ChatGPT is degraded or slow */
  GW_STEP_RESTART_ROUTER,   /* only for problems on this side */
  GW_STEP_UPDATE_BROWSER,
  GW_STEP_CONTACT_SUPPORT,
  GW_N_STEPS
} GwStepId;

typedef enum
{
  GW_STEP_RESULT_PASSED,      /* checked: nothing wrong here */
  GW_STEP_RESULT_PROBLEM,     /* checked: this is (part of) the problem */
  GW_STEP_RESULT_CANT_CHECK,  /* Gatewatch could not tell */
  GW_STEP_RESULT_UP_TO_YOU,   /* nothing to check automatically: try it */
} GwStepResult;

typedef enum
{
  GW_ACTION_OPEN_URI,         /* uri, in the default browser */
  GW_ACTION_OPEN_PORTAL,      /* uri: a plain-HTTP page a captive portal will intercept */
  GW_ACTION_LAUNCH_BROWSER,   /* app_id, with uri */
  GW_ACTION_LAUNCH_PRIVATE,   /* app_id; argv: spawn as is, never through a shell */
  GW_ACTION_COPY_TEXT,        /* text, to the clipboard */
  GW_ACTION_CHECK_NOW,        /* run a probe round now */
} GwActionKind;

typedef struct
{
  GwActionKind  kind;
  char         *label;            /* translated: "Open in Firefox" */
  char         *uri;              /* OPEN_URI, OPEN_PORTAL, LAUNCH_*; else NULL */
  char         *app_id;           /* LAUNCH_*: the desktop id; else NULL */
  GStrv         argv;             /* LAUNCH_PRIVATE: command, flag, uri; else NULL */
  char         *text;             /* COPY_TEXT; else NULL */
  gboolean      enabled;          /* FALSE: show it insensitive, with disabled_reason */
  char         *disabled_reason;  /* translated, or NULL */
  gint64        available_at_us;  /* CHECK_NOW: when it may run again (the caller's clock) */
} GwAction;

typedef struct
{
  GwStepId      id;
  char         *title;            /* translated */
  char         *why;              /* translated: one line on why this step helps */
  GwStepResult  result;
  GPtrArray    *facts;            /* of char *: translated lines, what Gatewatch found */
  GPtrArray    *actions;          /* of GwAction */
  gboolean      folded;           /* under "Other things you could try" */
} GwStep;

typedef struct
{
  GwState    state;               /* the verdict's, UNKNOWN without one */
  GwCause    cause;
  GPtrArray *steps;               /* of GwStep: every unfolded step first, in order */
} GwChecklist;

/* verdict, round and facts may each be NULL (not checked yet, facts still
 * being gathered): the steps then say they cannot tell. now_us,
 * next_check_us (0: no automatic check scheduled) and
 * check_now_available_at_us are read on one clock, the caller's. */
GwChecklist   *gw_checklist_build               (const GwVerdict    *verdict,
                                                 const GwRound      *round,
                                                 const GwLocalFacts *facts,
                                                 gint64              now_us,
                                                 gint64              next_check_us,
                                                 gint64              check_now_available_at_us);
void           gw_checklist_free                (GwChecklist        *self);
/* The step with id, or NULL when this diagnosis leaves it out. */
const GwStep  *gw_checklist_get_step            (const GwChecklist  *self,
                                                 GwStepId            id);
/* The first action of kind in step, or NULL. */
const GwAction *gw_step_find_action             (const GwStep       *step,
                                                 GwActionKind        kind);

const char    *gw_step_id_to_string             (GwStepId            id);
const char    *gw_step_result_to_string         (GwStepResult        result);
const char    *gw_action_kind_to_string         (GwActionKind        kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwChecklist, gw_checklist_free)

G_END_DECLS
