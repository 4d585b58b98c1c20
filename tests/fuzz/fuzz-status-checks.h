/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fuzz-common.h"
#include "gw-status-page.h"

/* What every parsed component and incident promises, whatever the input. */

/* Non-empty, valid UTF-8, no surrounding ASCII white space. */
static inline void
gw_fuzz_assert_trimmed_name (const char *name)
{
  gsize len;

  gw_fuzz_assert_text (name, TRUE);
  len = strlen (name);
  g_assert_false (g_ascii_isspace (name[0]));
  g_assert_false (g_ascii_isspace (name[len - 1]));
}

static inline void
gw_fuzz_check_component (const GwComponent *component)
{
  gw_fuzz_assert_trimmed_name (component->name);
  gw_fuzz_assert_optional_text (component->id);
  gw_fuzz_assert_optional_text (component->raw_status);
  g_assert_cmpint (component->status, >=, GW_COMPONENT_UNKNOWN);
  g_assert_cmpint (component->status, <=, GW_COMPONENT_MAJOR_OUTAGE);
  g_assert_nonnull (gw_component_status_to_string (component->status));
  if (component->raw_status == NULL)
    g_assert_cmpint (component->status, ==, GW_COMPONENT_UNKNOWN);
  g_assert_cmpint (component->chatgpt, ==, gw_status_page_is_chatgpt_component (component->name));
}

static inline void
gw_fuzz_check_incident (const GwIncident *incident)
{
  gw_fuzz_assert_trimmed_name (incident->name);
  gw_fuzz_assert_optional_text (incident->id);
  gw_fuzz_assert_optional_text (incident->status);
  gw_fuzz_assert_optional_text (incident->shortlink);
  g_assert_cmpint (incident->impact, >=, GW_IMPACT_UNKNOWN);
  g_assert_cmpint (incident->impact, <=, GW_IMPACT_CRITICAL);
  g_assert_nonnull (gw_impact_to_string (incident->impact));
  if (incident->resolved_at != 0)
    g_assert_true (incident->resolved);
  g_assert_cmpint (incident->chatgpt, ==, gw_status_page_mentions_chatgpt (incident->name));
}
