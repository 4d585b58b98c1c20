/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gw-status-page.h"
#include "gw-test-util.h"

#include <string.h>

#define OPERATIONAL_CAPTURE "summary.2026-07-09.operational.json"
#define DEGRADED_CAPTURE    "summary.2026-09-29.degraded-with-incidents.json"

/* Helpers */


static GwStatusPage *
parse_file (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GwStatusPage *page;
  gsize len;

  data = gw_test_load_data (name, &len);
  page = gw_status_page_parse (data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_nonnull (page->components);
  g_assert_nonnull (page->incidents);

  return page;
}

static GPtrArray *
parse_incidents_file (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GPtrArray *incidents;
  gsize len;

  data = gw_test_load_data (name, &len);
  incidents = gw_status_page_parse_incidents (data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (incidents);

  return incidents;
}

static GwStatusPage *
parse_string (const char *json)
{
  g_autoptr(GError) error = NULL;
  GwStatusPage *page = gw_status_page_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);

  return page;
}

/* The @nth (from 0) component called @name, or NULL. */
static const GwComponent *
find_component (const GwStatusPage *page,
                const char         *name,
                guint               nth)
{
  for (guint i = 0; i < page->components->len; i++)
    {
      const GwComponent *component = g_ptr_array_index (page->components, i);

      if (g_strcmp0 (component->name, name) == 0 && nth-- == 0)
        return component;
    }

  return NULL;
}

static const GwIncident *
find_incident (GPtrArray  *incidents,
               const char *id)
{
  for (guint i = 0; i < incidents->len; i++)
    {
      const GwIncident *incident = g_ptr_array_index (incidents, i);

      if (g_strcmp0 (incident->id, id) == 0)
        return incident;
    }

  return NULL;
}

static guint
count_chatgpt_components (const GwStatusPage *page)
{
  guint n = 0;

  for (guint i = 0; i < page->components->len; i++)
    n += ((const GwComponent *) g_ptr_array_index (page->components, i))->chatgpt ? 1 : 0;

  return n;
}

/* The real captures */

static void
test_capture_operational (void)
{
  g_autoptr(GwStatusPage) page = parse_file (OPERATIONAL_CAPTURE);
  const GwComponent *images;
  const char * const chatgpt[] = {
    "Login", "Search", "Agent", "Deep Research", "Connectors/Apps",
    "Codex in ChatGPT Desktop", "File uploads", "Voice mode", "ChatGPT Atlas",
  };
  const char * const not_chatgpt[] = {
    "Images", "Audio", "Files", "FedRAMP", "Sora", "Ads API", "Fine-tuning", "Realtime",
    "Compliance API", "Codex Web", "Codex API", "Batch", "Embeddings", "Moderations",
    "VS Code extension", "Sites",
  };

  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_NONE);
  g_assert_cmpstr (page->description, ==, "All Systems Operational");
  g_assert_cmpuint (page->components->len, ==, 25);
  g_assert_cmpuint (page->incidents->len, ==, 0);
  g_assert_null (find_component (page, "Conversations", 0));

  images = g_ptr_array_index (page->components, 0);
  g_assert_cmpstr (images->name, ==, "Images");
  g_assert_cmpstr (images->id, ==, "01JMXBRMFE4MAP2BHSJNZ787WX");
  g_assert_cmpstr (images->raw_status, ==, "operational");
  g_assert_cmpint (images->status, ==, GW_COMPONENT_OPERATIONAL);

  for (guint i = 0; i < G_N_ELEMENTS (chatgpt); i++)
    {
      const GwComponent *component = find_component (page, chatgpt[i], 0);

      g_assert_nonnull (component);
      g_assert_true (component->chatgpt);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_chatgpt); i++)
    {
      const GwComponent *component = find_component (page, not_chatgpt[i], 0);

      g_assert_nonnull (component);
      g_assert_false (component->chatgpt);
    }
  g_assert_cmpuint (count_chatgpt_components (page), ==, G_N_ELEMENTS (chatgpt));

  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==, GW_COMPONENT_OPERATIONAL);
}

static void
test_capture_degraded (void)
{
  g_autoptr(GwStatusPage) page = parse_file (DEGRADED_CAPTURE);
  const GwIncident *incident;
  const GwComponent *component;

  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_MINOR);
  g_assert_cmpstr (page->description, ==, "Partial System Degradation");
  g_assert_cmpuint (page->components->len, ==, 25);
  g_assert_cmpuint (page->incidents->len, ==, 2);

  incident = g_ptr_array_index (page->incidents, 0);
  g_assert_cmpstr (incident->id, ==, "01M3Q4RK1SM4EMK445GGPG7C0N");
  g_assert_cmpstr (incident->name, ==,
                   "Elevated errors across ChatGPT, Codex, and the API including the Agents API");
  g_assert_cmpstr (incident->status, ==, "investigating");
  g_assert_null (incident->shortlink);
  g_assert_cmpint (incident->impact, ==, GW_IMPACT_MINOR);
  g_assert_cmpint (incident->started_at, ==, 1790704372);  /* created_at 17:52:52Z */
  g_assert_cmpint (incident->resolved_at, ==, 0);
  g_assert_false (incident->resolved);
  g_assert_true (incident->chatgpt);

  incident = g_ptr_array_index (page->incidents, 1);
  g_assert_cmpstr (incident->name, ==, "Support chat unavailable");
  g_assert_cmpint (incident->impact, ==, GW_IMPACT_NONE);
  g_assert_cmpint (incident->started_at, ==, 1790704145);
  g_assert_false (incident->chatgpt);

  component = find_component (page, "Chat Completions", 0);
  g_assert_nonnull (component);
  g_assert_false (component->chatgpt);
  g_assert_cmpint (component->status, ==, GW_COMPONENT_DEGRADED_PERFORMANCE);

  component = find_component (page, "ChatGPT Work", 0);
  g_assert_nonnull (component);
  g_assert_true (component->chatgpt);

  component = find_component (page, "Conversations", 0);
  g_assert_nonnull (component);
  g_assert_true (component->chatgpt);
  g_assert_cmpint (component->status, ==, GW_COMPONENT_DEGRADED_PERFORMANCE);

  g_assert_false (find_component (page, "Agents", 0)->chatgpt);
  g_assert_true (find_component (page, "Agent", 0)->chatgpt);
  g_assert_false (find_component (page, "CLI", 0)->chatgpt);

  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==,
                   GW_COMPONENT_DEGRADED_PERFORMANCE);
}

static void
test_capture_copy (void)
{
  g_autoptr(GwStatusPage) page = parse_file (DEGRADED_CAPTURE);
  g_autoptr(GwStatusPage) copy = gw_status_page_copy (page);

  g_assert_true (copy != page);
  g_assert_cmpint (copy->indicator, ==, page->indicator);
  g_assert_cmpstr (copy->description, ==, page->description);
  g_assert_true (copy->description != page->description);
  g_assert_cmpuint (copy->components->len, ==, page->components->len);
  g_assert_cmpuint (copy->incidents->len, ==, page->incidents->len);

  for (guint i = 0; i < page->components->len; i++)
    {
      const GwComponent *a = g_ptr_array_index (page->components, i);
      const GwComponent *b = g_ptr_array_index (copy->components, i);

      g_assert_true (a != b);
      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->raw_status, ==, b->raw_status);
      g_assert_cmpint (a->status, ==, b->status);
      g_assert_cmpint (a->chatgpt, ==, b->chatgpt);
    }
  for (guint i = 0; i < page->incidents->len; i++)
    {
      const GwIncident *a = g_ptr_array_index (page->incidents, i);
      const GwIncident *b = g_ptr_array_index (copy->incidents, i);

      g_assert_true (a->name != b->name);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->status, ==, b->status);
      g_assert_cmpint (a->started_at, ==, b->started_at);
      g_assert_cmpint (a->chatgpt, ==, b->chatgpt);
    }

  /* The copy outlives its original. */
  g_clear_pointer (&page, gw_status_page_free);
  g_assert_cmpint (gw_status_page_chatgpt_status (copy), ==,
                   GW_COMPONENT_DEGRADED_PERFORMANCE);
}

/* Variants */

static void
test_variant_full_outage (void)
{
  g_autoptr(GwStatusPage) page = parse_file ("status-full-outage.json");
  const GwComponent *conversations = find_component (page, "Conversations", 0);
  const GwComponent *login1 = find_component (page, "Login", 0);
  const GwComponent *login2 = find_component (page, "Login", 1);

  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_CRITICAL);
  g_assert_cmpuint (page->components->len, ==, 4);

  g_assert_cmpint (conversations->status, ==, GW_COMPONENT_MAJOR_OUTAGE);
  g_assert_cmpstr (conversations->raw_status, ==, "full_outage");

  /* Two components share a name: both are kept, in served order. */
  g_assert_nonnull (login1);
  g_assert_nonnull (login2);
  g_assert_cmpstr (login1->id, ==, "c2");
  g_assert_cmpstr (login2->id, ==, "c3");
  g_assert_cmpint (login2->status, ==, GW_COMPONENT_PARTIAL_OUTAGE);
  g_assert_true (login1->chatgpt && login2->chatgpt);

  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==, GW_COMPONENT_MAJOR_OUTAGE);
}

static void
test_variant_unknown_status (void)
{
  g_autoptr(GwStatusPage) page = parse_file ("status-unknown-status.json");
  const GwComponent *conversations = find_component (page, "Conversations", 0);
  const GwComponent *voice = find_component (page, "Voice mode", 0);
  const GwComponent *search = find_component (page, "Search", 0);

  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_UNKNOWN);
  g_assert_cmpstr (page->description, ==, "Something new");

  g_assert_cmpint (conversations->status, ==, GW_COMPONENT_UNKNOWN);
  g_assert_cmpstr (conversations->raw_status, ==, "on_fire");
  g_assert_cmpint (voice->status, ==, GW_COMPONENT_UNKNOWN);
  g_assert_null (voice->raw_status);
  g_assert_cmpint (search->status, ==, GW_COMPONENT_UNKNOWN);
  g_assert_null (search->raw_status);

  /* Only unknown ChatGPT components; the API's outage says nothing. */
  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==, GW_COMPONENT_UNKNOWN);
}

static void
test_variant_unknown_and_known (void)
{
  g_autoptr(GwStatusPage) page = parse_file ("status-unknown-and-known.json");

  g_assert_cmpint (find_component (page, "Conversations", 0)->status, ==, GW_COMPONENT_UNKNOWN);
  /* The worst known status wins; the unknown one is left out. */
  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==, GW_COMPONENT_UNDER_MAINTENANCE);
}

static void
test_variant_api_only (void)
{
  g_autoptr(GwStatusPage) page = parse_file ("status-api-only.json");

  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_MAJOR);
  g_assert_cmpuint (page->components->len, ==, 7);
  g_assert_cmpuint (count_chatgpt_components (page), ==, 0);
  g_assert_cmpuint (page->incidents->len, ==, 1);
  g_assert_false (((GwIncident *) g_ptr_array_index (page->incidents, 0))->chatgpt);
  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==, GW_COMPONENT_UNKNOWN);
}

static void
test_variant_missing_arrays (void)
{
  g_autoptr(GwStatusPage) page = parse_file ("status-missing-arrays.json");

  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_MAJOR);
  g_assert_null (page->description);
  g_assert_cmpuint (page->components->len, ==, 0);
  g_assert_cmpuint (page->incidents->len, ==, 0);
  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==, GW_COMPONENT_UNKNOWN);
}

static void
test_variant_wrong_types (void)
{
  g_autoptr(GwStatusPage) page = parse_file ("status-wrong-types.json");
  const GwComponent *login;
  const GwComponent *search;
  const GwIncident *incident;

  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_UNKNOWN);
  g_assert_null (page->description);

  /* Nameless components and elements that are not objects are skipped. */
  g_assert_cmpuint (page->components->len, ==, 2);
  login = g_ptr_array_index (page->components, 0);
  g_assert_cmpstr (login->name, ==, "Login");
  g_assert_null (login->id);
  g_assert_null (login->raw_status);
  g_assert_cmpint (login->status, ==, GW_COMPONENT_UNKNOWN);
  search = g_ptr_array_index (page->components, 1);
  g_assert_cmpstr (search->name, ==, "Search");  /* trimmed */
  g_assert_cmpstr (search->id, ==, "c6");
  g_assert_true (search->chatgpt);

  g_assert_cmpuint (page->incidents->len, ==, 1);
  incident = g_ptr_array_index (page->incidents, 0);
  g_assert_cmpstr (incident->name, ==, "ChatGPT is slow");
  g_assert_null (incident->id);
  g_assert_null (incident->status);
  g_assert_null (incident->shortlink);
  g_assert_cmpint (incident->impact, ==, GW_IMPACT_UNKNOWN);
  g_assert_cmpint (incident->started_at, ==, 0);
  g_assert_cmpint (incident->resolved_at, ==, 0);
  g_assert_false (incident->resolved);
  g_assert_true (incident->chatgpt);

  /* Search is operational, but an open ChatGPT incident is a problem. */
  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==,
                   GW_COMPONENT_DEGRADED_PERFORMANCE);
}

static void
test_variant_components_object (void)
{
  g_autoptr(GwStatusPage) page = parse_file ("status-components-object.json");

  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_UNKNOWN);
  g_assert_cmpuint (page->components->len, ==, 0);
  g_assert_cmpuint (page->incidents->len, ==, 0);
  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==, GW_COMPONENT_UNKNOWN);
}

static void
test_variant_incidents_filtered (void)
{
  g_autoptr(GwStatusPage) page = parse_file ("status-incidents.json");
  const GwIncident *open_chatgpt;
  const GwIncident *open_api;

  /* resolved, postmortem, completed, and resolved_at set: all left out. */
  g_assert_cmpuint (page->incidents->len, ==, 2);
  open_chatgpt = find_incident (page->incidents, "o1");
  open_api = find_incident (page->incidents, "o2");
  g_assert_nonnull (open_chatgpt);
  g_assert_nonnull (open_api);

  g_assert_true (open_chatgpt->chatgpt);
  g_assert_cmpint (open_chatgpt->impact, ==, GW_IMPACT_MAJOR);
  g_assert_cmpint (open_chatgpt->started_at, ==, 1790700300);  /* started_at, not created_at */
  g_assert_cmpint (open_chatgpt->resolved_at, ==, 0);
  g_assert_cmpstr (open_chatgpt->shortlink, ==, "https://status.openai.com/incidents/o1");
  g_assert_false (open_api->chatgpt);

  /* Components operational; the open major incident makes it a partial outage.
   * The critical incident about Fine-tuning does not count. */
  g_assert_cmpint (gw_status_page_chatgpt_status (page), ==, GW_COMPONENT_PARTIAL_OUTAGE);
}

static void
test_variant_bom (void)
{
  g_autoptr(GwStatusPage) page =
    parse_string ("\xEF\xBB\xBF {\"status\": {\"indicator\": \"maintenance\"}}");

  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_MAINTENANCE);
}

/* incidents.json */

static void
test_incidents_list (void)
{
  g_autoptr(GPtrArray) incidents = parse_incidents_file ("incidents.json");
  const GwIncident *incident;

  g_assert_cmpuint (incidents->len, ==, 7);

  incident = find_incident (incidents, "inc-open-chatgpt");
  g_assert_false (incident->resolved);
  g_assert_cmpint (incident->resolved_at, ==, 0);
  g_assert_true (incident->chatgpt);
  g_assert_cmpint (incident->impact, ==, GW_IMPACT_CRITICAL);
  g_assert_cmpint (incident->started_at, ==, 1790704145);
  g_assert_cmpstr (incident->shortlink, ==,
                   "https://status.openai.com/incidents/inc-open-chatgpt");

  incident = find_incident (incidents, "inc-open-api");
  g_assert_false (incident->resolved);
  g_assert_false (incident->chatgpt);
  g_assert_cmpint (incident->impact, ==, GW_IMPACT_MINOR);
  g_assert_cmpint (incident->started_at, ==, 1790704145);  /* from created_at */
  g_assert_cmpstr (incident->status, ==, "monitoring");

  incident = find_incident (incidents, "inc-resolved-chatgpt");
  g_assert_true (incident->resolved);
  g_assert_cmpint (incident->resolved_at, ==, 1790595000);
  g_assert_cmpint (incident->started_at, ==, 1790589300);
  g_assert_true (incident->chatgpt);  /* lowercase "chatgpt" */

  incident = find_incident (incidents, "inc-postmortem");
  g_assert_true (incident->resolved);
  g_assert_cmpint (incident->resolved_at, ==, 1790499600);  /* falls back to updated_at */

  incident = find_incident (incidents, "inc-maintenance");
  g_assert_true (incident->resolved);
  g_assert_cmpint (incident->impact, ==, GW_IMPACT_UNKNOWN);
  g_assert_cmpint (incident->resolved_at, ==, 1790384400);  /* +02:00 honoured */

  incident = find_incident (incidents, "inc-resolved-at-only");
  g_assert_true (incident->resolved);
  g_assert_cmpstr (incident->status, ==, "identified");
  g_assert_cmpint (incident->resolved_at, ==, 1790341200);

  incident = find_incident (incidents, "inc-not-a-word");
  g_assert_false (incident->chatgpt);
}

static void
test_incidents_from_captures (void)
{
  g_autoptr(GPtrArray) none = parse_incidents_file (OPERATIONAL_CAPTURE);
  g_autoptr(GPtrArray) two = parse_incidents_file (DEGRADED_CAPTURE);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (two->len, ==, 2);
}

/* ChatGPT status from hand-built pages */

typedef struct
{
  int               component;  /* GwComponentStatus of the one ChatGPT component, -1: none */
  int               impact;     /* GwImpact of the one open ChatGPT incident, -1: none */
  GwComponentStatus expect;
} ChatgptCase;

static const ChatgptCase chatgpt_cases[] = {
  { -1, -1, GW_COMPONENT_UNKNOWN },
  { GW_COMPONENT_UNKNOWN, -1, GW_COMPONENT_UNKNOWN },
  { GW_COMPONENT_OPERATIONAL, -1, GW_COMPONENT_OPERATIONAL },
  { GW_COMPONENT_UNDER_MAINTENANCE, -1, GW_COMPONENT_UNDER_MAINTENANCE },
  { GW_COMPONENT_MAJOR_OUTAGE, -1, GW_COMPONENT_MAJOR_OUTAGE },
  { -1, GW_IMPACT_CRITICAL, GW_COMPONENT_MAJOR_OUTAGE },
  { -1, GW_IMPACT_MAJOR, GW_COMPONENT_PARTIAL_OUTAGE },
  { -1, GW_IMPACT_MINOR, GW_COMPONENT_DEGRADED_PERFORMANCE },
  { -1, GW_IMPACT_NONE, GW_COMPONENT_DEGRADED_PERFORMANCE },
  { -1, GW_IMPACT_UNKNOWN, GW_COMPONENT_DEGRADED_PERFORMANCE },
  { GW_COMPONENT_UNKNOWN, GW_IMPACT_NONE, GW_COMPONENT_DEGRADED_PERFORMANCE },
  { GW_COMPONENT_OPERATIONAL, GW_IMPACT_MINOR, GW_COMPONENT_DEGRADED_PERFORMANCE },
  { GW_COMPONENT_UNDER_MAINTENANCE, GW_IMPACT_NONE, GW_COMPONENT_DEGRADED_PERFORMANCE },
  { GW_COMPONENT_PARTIAL_OUTAGE, GW_IMPACT_MINOR, GW_COMPONENT_PARTIAL_OUTAGE },
  { GW_COMPONENT_DEGRADED_PERFORMANCE, GW_IMPACT_CRITICAL, GW_COMPONENT_MAJOR_OUTAGE },
  { GW_COMPONENT_MAJOR_OUTAGE, GW_IMPACT_MINOR, GW_COMPONENT_MAJOR_OUTAGE },
};

static void
test_chatgpt_status_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (chatgpt_cases); i++)
    {
      const ChatgptCase *tc = &chatgpt_cases[i];
      GwComponent api = { .name = (char *) "Chat Completions",
                          .status = GW_COMPONENT_MAJOR_OUTAGE };
      GwComponent ours = { .name = (char *) "Conversations", .status = tc->component,
                           .chatgpt = TRUE };
      GwIncident other = { .name = (char *) "Batch delayed", .impact = GW_IMPACT_CRITICAL };
      GwIncident incident = { .name = (char *) "ChatGPT errors", .impact = tc->impact,
                              .chatgpt = TRUE };
      g_autoptr(GPtrArray) components = g_ptr_array_new ();
      g_autoptr(GPtrArray) incidents = g_ptr_array_new ();
      GwStatusPage page = { .indicator = GW_INDICATOR_MINOR, .components = components,
                            .incidents = incidents };

      g_ptr_array_add (components, &api);
      g_ptr_array_add (incidents, &other);
      if (tc->component >= 0)
        g_ptr_array_add (components, &ours);
      if (tc->impact >= 0)
        g_ptr_array_add (incidents, &incident);

      g_test_message ("case %u", i);
      g_assert_cmpstr (gw_component_status_to_string (gw_status_page_chatgpt_status (&page)), ==,
                       gw_component_status_to_string (tc->expect));
    }
}

static void
test_chatgpt_status_null_arrays (void)
{
  GwStatusPage page = { .indicator = GW_INDICATOR_NONE };
  g_autoptr(GwStatusPage) copy = gw_status_page_copy (&page);

  g_assert_cmpint (gw_status_page_chatgpt_status (&page), ==, GW_COMPONENT_UNKNOWN);
  g_assert_cmpint (gw_status_page_chatgpt_status (copy), ==, GW_COMPONENT_UNKNOWN);
}

/* Status strings as served */

typedef struct
{
  const char        *raw;
  GwComponentStatus  expect;
} StatusCase;

static const StatusCase status_cases[] = {
  { "operational", GW_COMPONENT_OPERATIONAL },
  { "under_maintenance", GW_COMPONENT_UNDER_MAINTENANCE },
  { "degraded_performance", GW_COMPONENT_DEGRADED_PERFORMANCE },
  { "partial_outage", GW_COMPONENT_PARTIAL_OUTAGE },
  { "major_outage", GW_COMPONENT_MAJOR_OUTAGE },
  { "full_outage", GW_COMPONENT_MAJOR_OUTAGE },
  { "Major_Outage", GW_COMPONENT_MAJOR_OUTAGE },
  { "", GW_COMPONENT_UNKNOWN },
  { "operational ", GW_COMPONENT_UNKNOWN },
  { "outage", GW_COMPONENT_UNKNOWN },
};

static void
test_component_status_strings (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *json =
        g_strdup_printf ("{\"components\":[{\"name\":\"Login\",\"status\":\"%s\"}]}",
                         status_cases[i].raw);
      g_autoptr(GwStatusPage) page = parse_string (json);
      const GwComponent *component = g_ptr_array_index (page->components, 0);

      g_test_message ("status \"%s\"", status_cases[i].raw);
      g_assert_cmpint (component->status, ==, status_cases[i].expect);
      g_assert_cmpstr (component->raw_status, ==, status_cases[i].raw);
    }
}

/* Names */

typedef struct
{
  const char *text;
  gboolean    expect;
} MatchCase;

static const MatchCase component_cases[] = {
  { "Conversations", TRUE }, { "  conversations\t", TRUE }, { "LOGIN", TRUE },
  { "Voice mode", TRUE }, { "File uploads", TRUE }, { "Search", TRUE }, { "GPTs", TRUE },
  { "Image Generation", TRUE }, { "Deep Research", TRUE }, { "Agent", TRUE },
  { "Connectors/Apps", TRUE }, { "ChatGPT Work", TRUE }, { "ChatGPT Atlas", TRUE },
  { "chatgpt", TRUE }, { "Codex in ChatGPT Desktop", TRUE }, { "Chat Completions", FALSE },
  { "Responses", FALSE }, { "Embeddings", FALSE }, { "Fine-tuning", FALSE },
  { "Batch", FALSE }, { "Moderations", FALSE }, { "Realtime", FALSE }, { "Audio", FALSE },
  { "Files", FALSE }, { "Images", FALSE }, { "Agents", FALSE }, { "Compliance API", FALSE },
  { "Ads API", FALSE }, { "Codex API", FALSE }, { "Codex Web", FALSE }, { "FedRAMP", FALSE },
  { "Sora", FALSE }, { "Login page", FALSE }, { "Web Search", FALSE }, { "", FALSE },
  { NULL, FALSE },
};

static const MatchCase mention_cases[] = {
  { "ChatGPT", TRUE }, { "chatgpt is down", TRUE },
  { "Elevated errors across ChatGPT, Codex, and the API", TRUE },
  { "Problems with ChatGPT's voice mode", TRUE }, { "Errors (CHATGPT)", TRUE },
  { "chatgpt.com unreachable", TRUE },
  { "ChatGPT\xe2\x80\x94login", TRUE },        /* em dash */
  { "\xff" "ChatGPT", TRUE },                  /* invalid byte before */
  { "MyChatGPTClone errors", FALSE }, { "ChatGPTs", FALSE }, { "chatgpt_web", FALSE },
  { "\xc3\x89" "ChatGPT", FALSE },             /* É then ChatGPT */
  { "Chat GPT", FALSE }, { "ChatGP", FALSE }, { "Support chat unavailable", FALSE },
  { "", FALSE }, { NULL, FALSE },
};

static void
test_match_component_names (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (component_cases); i++)
    {
      g_test_message ("component \"%s\"", component_cases[i].text);
      g_assert_cmpint (gw_status_page_is_chatgpt_component (component_cases[i].text), ==,
                       component_cases[i].expect);
    }
}

static void
test_match_mentions (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (mention_cases); i++)
    {
      g_test_message ("mention case %u", i);
      g_assert_cmpint (gw_status_page_mentions_chatgpt (mention_cases[i].text), ==,
                       mention_cases[i].expect);
    }
}

/* Machine names */

static void
test_to_string (void)
{
  /* Indexed by enum value. */
  static const char * const components[] = {
    "unknown", "operational", "under_maintenance", "degraded_performance", "partial_outage",
    "major_outage",
  };
  static const char * const indicators[] = {
    "unknown", "none", "minor", "major", "critical", "maintenance",
  };
  static const char * const impacts[] = { "unknown", "none", "minor", "major", "critical" };

  g_assert_cmpint (GW_COMPONENT_MAJOR_OUTAGE + 1, ==, G_N_ELEMENTS (components));
  g_assert_cmpint (GW_INDICATOR_MAINTENANCE + 1, ==, G_N_ELEMENTS (indicators));
  g_assert_cmpint (GW_IMPACT_CRITICAL + 1, ==, G_N_ELEMENTS (impacts));

  for (guint i = 0; i < G_N_ELEMENTS (components); i++)
    g_assert_cmpstr (gw_component_status_to_string (i), ==, components[i]);
  for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
    g_assert_cmpstr (gw_indicator_to_string (i), ==, indicators[i]);
  for (guint i = 0; i < G_N_ELEMENTS (impacts); i++)
    g_assert_cmpstr (gw_impact_to_string (i), ==, impacts[i]);

  g_assert_cmpstr (gw_component_status_to_string (99), ==, "unknown");
  g_assert_cmpstr (gw_indicator_to_string (99), ==, "unknown");
  g_assert_cmpstr (gw_impact_to_string (99), ==, "unknown");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/status-page/capture/operational", test_capture_operational);
  g_test_add_func ("/status-page/capture/degraded", test_capture_degraded);
  g_test_add_func ("/status-page/capture/copy", test_capture_copy);

  g_test_add_func ("/status-page/variant/full-outage", test_variant_full_outage);
  g_test_add_func ("/status-page/variant/unknown-status", test_variant_unknown_status);
  g_test_add_func ("/status-page/variant/unknown-and-known", test_variant_unknown_and_known);
  g_test_add_func ("/status-page/variant/api-only", test_variant_api_only);
  g_test_add_func ("/status-page/variant/missing-arrays", test_variant_missing_arrays);
  g_test_add_func ("/status-page/variant/wrong-types", test_variant_wrong_types);
  g_test_add_func ("/status-page/variant/components-object", test_variant_components_object);
  g_test_add_func ("/status-page/variant/incidents-filtered", test_variant_incidents_filtered);
  g_test_add_func ("/status-page/variant/bom", test_variant_bom);

  g_test_add_func ("/status-page/incidents/list", test_incidents_list);
  g_test_add_func ("/status-page/incidents/from-captures", test_incidents_from_captures);

  g_test_add_func ("/status-page/chatgpt/status-table", test_chatgpt_status_table);
  g_test_add_func ("/status-page/chatgpt/null-arrays", test_chatgpt_status_null_arrays);
  g_test_add_func ("/status-page/component-status-strings", test_component_status_strings);
  g_test_add_func ("/status-page/match/component-names", test_match_component_names);
  g_test_add_func ("/status-page/match/mentions", test_match_mentions);
  g_test_add_func ("/status-page/to-string", test_to_string);

  return g_test_run ();
}
