/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-checklist"

#include "config.h"

#include "gw-checklist-private.h"

#include <glib/gi18n-lib.h>

/* The order follows the diagnosis: for an outage, "Is it just you?" and
 * "Refresh" lead and the local steps fold away; for a problem on this side,
 * the connection, DNS and VPN/proxy lead (the decisive one first); when
 * ChatGPT works for Gatewatch, the browser steps lead. */

typedef struct
{
  GwStepId id;
  gboolean folded;
} PlanEntry;

#define LEAD(step) { GW_STEP_##step, FALSE }
#define FOLD(step) { GW_STEP_##step, TRUE }
#define END        { GW_N_STEPS, FALSE }

static const PlanEntry plan_outage[] = {
  LEAD (JUST_YOU), LEAD (REFRESH),
  FOLD (CONNECTION), FOLD (DNS), FOLD (VPN_PROXY), FOLD (FIREWALL), FOLD (OTHER_BROWSER),
  FOLD (PRIVATE_WINDOW), FOLD (CLEAR_CACHE), FOLD (UPDATE_BROWSER), FOLD (CONTACT_SUPPORT),
  END
};

static const PlanEntry plan_degraded[] = {
  LEAD (JUST_YOU), LEAD (REFRESH), LEAD (SHORTER_PROMPT), LEAD (PRIVATE_WINDOW),
  LEAD (CLEAR_CACHE), LEAD (OTHER_BROWSER), LEAD (CONTACT_SUPPORT),
  FOLD (CONNECTION), FOLD (DNS), FOLD (VPN_PROXY), FOLD (FIREWALL), FOLD (UPDATE_BROWSER),
  END
};

static const PlanEntry plan_operational[] = {
  LEAD (JUST_YOU), LEAD (REFRESH), LEAD (PRIVATE_WINDOW), LEAD (CLEAR_CACHE),
  LEAD (OTHER_BROWSER), LEAD (UPDATE_BROWSER), LEAD (CONTACT_SUPPORT),
  FOLD (CONNECTION), FOLD (DNS), FOLD (VPN_PROXY), FOLD (FIREWALL),
  END
};

/* Offline, DNS, captive portal, blocked: the router leads only for the first two. */
static const PlanEntry plan_local[] = {
  LEAD (CONNECTION), LEAD (DNS), LEAD (VPN_PROXY), LEAD (RESTART_ROUTER),
  FOLD (FIREWALL), FOLD (JUST_YOU), FOLD (REFRESH), FOLD (OTHER_BROWSER),
  FOLD (PRIVATE_WINDOW), FOLD (CLEAR_CACHE), FOLD (UPDATE_BROWSER), FOLD (CONTACT_SUPPORT),
  END
};

static const PlanEntry plan_local_proxy[] = {
  LEAD (VPN_PROXY), LEAD (CONNECTION), LEAD (DNS),
  FOLD (FIREWALL), FOLD (RESTART_ROUTER), FOLD (JUST_YOU), FOLD (REFRESH),
  FOLD (OTHER_BROWSER), FOLD (PRIVATE_WINDOW), FOLD (CLEAR_CACHE), FOLD (UPDATE_BROWSER),
  FOLD (CONTACT_SUPPORT),
  END
};

static const PlanEntry plan_local_tls[] = {
  LEAD (FIREWALL), LEAD (VPN_PROXY), LEAD (CONNECTION),
  FOLD (DNS), FOLD (RESTART_ROUTER), FOLD (JUST_YOU), FOLD (REFRESH), FOLD (OTHER_BROWSER),
  FOLD (PRIVATE_WINDOW), FOLD (CLEAR_CACHE), FOLD (UPDATE_BROWSER), FOLD (CONTACT_SUPPORT),
  END
};

static const PlanEntry plan_unknown[] = {
  LEAD (JUST_YOU), LEAD (CONNECTION), LEAD (DNS), LEAD (VPN_PROXY), LEAD (REFRESH),
  FOLD (FIREWALL), FOLD (OTHER_BROWSER), FOLD (PRIVATE_WINDOW), FOLD (CLEAR_CACHE),
  FOLD (UPDATE_BROWSER), FOLD (CONTACT_SUPPORT),
  END
};

static const GwStepBuilder builders[GW_N_STEPS] = {
  [GW_STEP_JUST_YOU] = gw_step_build_just_you,
  [GW_STEP_REFRESH] = gw_step_build_refresh,
  [GW_STEP_CONNECTION] = gw_step_build_connection,
  [GW_STEP_DNS] = gw_step_build_dns,
  [GW_STEP_VPN_PROXY] = gw_step_build_vpn_proxy,
  [GW_STEP_FIREWALL] = gw_step_build_firewall,
  [GW_STEP_OTHER_BROWSER] = gw_step_build_other_browser,
  [GW_STEP_PRIVATE_WINDOW] = gw_step_build_private_window,
  [GW_STEP_CLEAR_CACHE] = gw_step_build_clear_cache,
  [GW_STEP_SHORTER_PROMPT] = gw_step_build_shorter_prompt,
  [GW_STEP_RESTART_ROUTER] = gw_step_build_restart_router,
  [GW_STEP_UPDATE_BROWSER] = gw_step_build_update_browser,
  [GW_STEP_CONTACT_SUPPORT] = gw_step_build_contact_support,
};

static const char * const step_names[] = {
  [GW_STEP_JUST_YOU] = "just-you",
  [GW_STEP_REFRESH] = "refresh",
  [GW_STEP_CONNECTION] = "connection",
  [GW_STEP_DNS] = "dns",
  [GW_STEP_VPN_PROXY] = "vpn-proxy",
  [GW_STEP_FIREWALL] = "firewall",
  [GW_STEP_OTHER_BROWSER] = "other-browser",
  [GW_STEP_PRIVATE_WINDOW] = "private-window",
  [GW_STEP_CLEAR_CACHE] = "clear-cache",
  [GW_STEP_SHORTER_PROMPT] = "shorter-prompt",
  [GW_STEP_RESTART_ROUTER] = "restart-router",
  [GW_STEP_UPDATE_BROWSER] = "update-browser",
  [GW_STEP_CONTACT_SUPPORT] = "contact-support",
};

static const char * const result_names[] = {
  [GW_STEP_RESULT_PASSED] = "passed",
  [GW_STEP_RESULT_PROBLEM] = "problem",
  [GW_STEP_RESULT_CANT_CHECK] = "cant-check",
  [GW_STEP_RESULT_UP_TO_YOU] = "up-to-you",
};

static const char * const action_names[] = {
  [GW_ACTION_OPEN_URI] = "open-uri",
  [GW_ACTION_OPEN_PORTAL] = "open-portal",
  [GW_ACTION_LAUNCH_BROWSER] = "launch-browser",
  [GW_ACTION_LAUNCH_PRIVATE] = "launch-private",
  [GW_ACTION_COPY_TEXT] = "copy-text",
  [GW_ACTION_CHECK_NOW] = "check-now",
};

const char *
gw_step_id_to_string (GwStepId id)
{
  g_return_val_if_fail ((guint) id < G_N_ELEMENTS (step_names), NULL);
  return step_names[id];
}

const char *
gw_step_result_to_string (GwStepResult result)
{
  g_return_val_if_fail ((guint) result < G_N_ELEMENTS (result_names), NULL);
  return result_names[result];
}

const char *
gw_action_kind_to_string (GwActionKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (action_names), NULL);
  return action_names[kind];
}

/* Steps and actions */

static void
action_free (gpointer data)
{
  GwAction *action = data;

  g_free (action->label);
  g_free (action->uri);
  g_free (action->app_id);
  g_strfreev (action->argv);
  g_free (action->text);
  g_free (action->disabled_reason);
  g_free (action);
}

GwStep *
gw_step_new (GwStepId    id,
             const char *title,
             const char *why)
{
  GwStep *step = g_new0 (GwStep, 1);

  step->id = id;
  step->title = g_strdup (title);
  step->why = g_strdup (why);
  step->result = GW_STEP_RESULT_UP_TO_YOU;
  step->facts = g_ptr_array_new_with_free_func (g_free);
  step->actions = g_ptr_array_new_with_free_func (action_free);
  return step;
}

void
gw_step_free (gpointer data)
{
  GwStep *step = data;

  if (step == NULL)
    return;
  g_free (step->title);
  g_free (step->why);
  g_ptr_array_unref (step->facts);
  g_ptr_array_unref (step->actions);
  g_free (step);
}

void
gw_step_add_fact (GwStep *step,
                  char   *fact)
{
  g_assert (step != NULL);
  g_assert (fact != NULL);

  g_ptr_array_add (step->facts, fact);
}

void
gw_step_add_factf (GwStep     *step,
                   const char *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  gw_step_add_fact (step, g_strdup_vprintf (format, args));
  va_end (args);
}

GwAction *
gw_step_add_action (GwStep       *step,
                    GwActionKind  kind,
                    const char   *label)
{
  GwAction *action = g_new0 (GwAction, 1);

  g_assert (step != NULL);

  action->kind = kind;
  action->label = g_strdup (label);
  action->enabled = TRUE;
  g_ptr_array_add (step->actions, action);
  return action;
}

const GwAction *
gw_step_find_action (const GwStep *step,
                     GwActionKind  kind)
{
  g_return_val_if_fail (step != NULL, NULL);

  for (guint i = 0; i < step->actions->len; i++)
    {
      const GwAction *action = g_ptr_array_index (step->actions, i);

      if (action->kind == kind)
        return action;
    }
  return NULL;
}

/* Small helpers for the builders */

const GwProbeResult *
gw_checklist_ran (const GwChecklistInput *in,
                  GwTarget                target)
{
  const GwProbeResult *probe;

  if (in->round == NULL)
    return NULL;
  probe = &in->round->probes[target];
  return gw_probe_result_enabled (probe) && probe->response != NULL ? probe : NULL;
}

char *
gw_checklist_host (const GwProbeResult *probe)
{
  g_autoptr(GUri) uri = g_uri_parse (probe->url, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0')
    return g_strdup (g_uri_get_host (uri));
  return g_strdup (probe->url);
}

/* The checklist */

static const GwProbeResult *
primary_probe (const GwChecklistInput *in)
{
  const GwProbeResult *web = gw_checklist_ran (in, GW_TARGET_WEB);

  return web != NULL ? web : gw_checklist_ran (in, GW_TARGET_API);
}

static const PlanEntry *
choose_plan (const GwChecklistInput *in)
{
  const GwProbeResult *primary = primary_probe (in);

  switch (in->state)
    {
    case GW_STATE_OUTAGE:
      return plan_outage;
    case GW_STATE_DEGRADED:
      return plan_degraded;
    case GW_STATE_OPERATIONAL:
      return plan_operational;
    case GW_STATE_LOCAL_PROBLEM:
      if (in->cause == GW_CAUSE_PROXY)
        return plan_local_proxy;
      if (in->cause == GW_CAUSE_TLS_INTERCEPTION ||
          (in->cause == GW_CAUSE_BLOCKED && primary != NULL && primary->layer == GW_LAYER_TLS))
        return plan_local_tls;
      return plan_local;
    case GW_STATE_UNKNOWN:
    default:
      return plan_unknown;
    }
}

static gboolean
entry_folded (const GwChecklistInput *in,
              const PlanEntry        *entry)
{
  /* Restarting the router fixes a dead connection, not a hotel's portal. */
  if (entry->id == GW_STEP_RESTART_ROUTER)
    return in->cause != GW_CAUSE_OFFLINE && in->cause != GW_CAUSE_DNS;
  return entry->folded;
}

static const char *
web_url (const GwRound *round)
{
  const char *url = round != NULL ? round->probes[GW_TARGET_WEB].url : NULL;

  return url != NULL && *url != '\0' ? url : GW_CHECKLIST_DEFAULT_WEB_URL;
}

/**
 * gw_checklist_build:
 * @verdict: (nullable): the latest verdict
 * @round: (nullable): the round it was decided from
 * @facts: (nullable): the local facts
 * @now_us: the time now
 * @next_check_us: when the next automatic check runs, or 0 when none is scheduled
 * @check_now_available_at_us: when "Check now" may run again
 *
 * Returns: (transfer full): the steps for this diagnosis, in order
 */
GwChecklist *
gw_checklist_build (const GwVerdict    *verdict,
                    const GwRound      *round,
                    const GwLocalFacts *facts,
                    gint64              now_us,
                    gint64              next_check_us,
                    gint64              check_now_available_at_us)
{
  GwChecklist *self = g_new0 (GwChecklist, 1);
  GwChecklistInput in = {
    .verdict = verdict,
    .round = round,
    .facts = facts,
    .state = verdict != NULL ? verdict->state : GW_STATE_UNKNOWN,
    .cause = verdict != NULL ? verdict->cause : GW_CAUSE_NO_EVIDENCE,
    .now_us = now_us,
    .next_check_us = next_check_us,
    .check_now_at_us = check_now_available_at_us,
    .web_url = web_url (round),
  };
  const PlanEntry *plan = choose_plan (&in);

  self->state = in.state;
  self->cause = in.cause;
  self->steps = g_ptr_array_new_with_free_func (gw_step_free);

  /* Unfolded steps first, then the folded ones, each in the plan's order. */
  for (guint pass = 0; pass < 2; pass++)
    for (const PlanEntry *entry = plan; entry->id != GW_N_STEPS; entry++)
      {
        gboolean folded = entry_folded (&in, entry);
        GwStep *step;

        if (folded != (pass == 1))
          continue;
        step = builders[entry->id] (&in);
        step->folded = folded;
        g_ptr_array_add (self->steps, step);
      }
  return self;
}

void
gw_checklist_free (GwChecklist *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_free (self);
}

const GwStep *
gw_checklist_get_step (const GwChecklist *self,
                       GwStepId           id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->steps->len; i++)
    {
      const GwStep *step = g_ptr_array_index (self->steps, i);

      if (step->id == id)
        return step;
    }
  return NULL;
}
