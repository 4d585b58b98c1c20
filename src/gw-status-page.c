/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-status-page"

#include "config.h"

#include "gw-status-page.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

/* Statuspage's summary.json is about 10 KiB; anything this large is not one. */
#define MAX_PAGE_SIZE  (4 * 1024 * 1024)
/* json-glib parses recursively: deeper input could overflow the stack. */
#define MAX_PAGE_DEPTH 64

/* Components that belong to ChatGPT (the product), matched against the whole
 * trimmed name, ignoring ASCII case.  Any name that mentions "ChatGPT" as a
 * word ("ChatGPT Work", "ChatGPT Atlas", "Codex in ChatGPT Desktop") belongs to
 * ChatGPT as well, so it need not be listed.  The API's counterparts ("Images",
 * "Files", "Agents", "Chat Completions", …) are deliberately absent, as are
 * separate products ("Sora", "Codex Web", "CLI", "VS Code extension"). */
static const char * const chatgpt_component_names[] = {
  "Conversations",
  "Login",
  "Voice mode",
  "File uploads",
  "Search",
  "GPTs",
  "Image Generation",
  "Deep Research",
  "Agent",
  "Connectors/Apps",
};

G_DEFINE_QUARK (gw-status-page-error-quark, gw_status_page_error)

/* Typed getters: a member of the wrong type is treated as missing. */

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
member_array (JsonObject *obj,
              const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

/* A copy we own; NULL stays NULL.  json-glib already refuses broken escapes,
 * this is a second line of defence for whoever displays the text. */
static char *
dup_text (const char *str)
{
  if (str == NULL)
    return NULL;

  if (!g_utf8_validate (str, -1, NULL))
    return g_utf8_make_valid (str, -1);

  return g_strdup (str);
}

static gint64
parse_time (const char *str)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (str == NULL || *str == '\0')
    return 0;

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (str, utc);
  if (dt == NULL)
    return 0;

  return g_date_time_to_unix (dt);
}

static GwComponentStatus
component_status_from_string (const char *str)
{
  static const struct {
    const char        *name;
    GwComponentStatus  status;
  } map[] = {
    { "operational", GW_COMPONENT_OPERATIONAL },
    { "under_maintenance", GW_COMPONENT_UNDER_MAINTENANCE },
    { "degraded_performance", GW_COMPONENT_DEGRADED_PERFORMANCE },
    { "partial_outage", GW_COMPONENT_PARTIAL_OUTAGE },
    { "major_outage", GW_COMPONENT_MAJOR_OUTAGE },
    { "full_outage", GW_COMPONENT_MAJOR_OUTAGE },   /* incident.io's word */
  };

  if (str == NULL)
    return GW_COMPONENT_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_ascii_strcasecmp (str, map[i].name) == 0)
      return map[i].status;

  return GW_COMPONENT_UNKNOWN;
}

static GwIndicator
indicator_from_string (const char *str)
{
  for (GwIndicator i = GW_INDICATOR_NONE; str != NULL && i <= GW_INDICATOR_MAINTENANCE; i++)
    if (g_ascii_strcasecmp (str, gw_indicator_to_string (i)) == 0)
      return i;

  return GW_INDICATOR_UNKNOWN;
}

/* Statuspage also serves "maintenance" as an impact; we have no such value,
 * so it stays unknown like any other word we do not know. */
static GwImpact
impact_from_string (const char *str)
{
  for (GwImpact i = GW_IMPACT_NONE; str != NULL && i <= GW_IMPACT_CRITICAL; i++)
    if (g_ascii_strcasecmp (str, gw_impact_to_string (i)) == 0)
      return i;

  return GW_IMPACT_UNKNOWN;
}

/* Input checks, before json-glib sees a byte */

static gsize
skip_bom_and_space (const char *data,
                    gsize       len)
{
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;

  while (i < len && g_ascii_isspace (data[i]))
    i++;

  return i;
}

/* One linear pass; brackets inside strings do not count.  Over-counting on
 * input that is not JSON at all is harmless: the parser would refuse it. */
static gboolean
nests_too_deep (const char *data,
                gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_PAGE_DEPTH)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}

static gboolean
check_bytes (const char  *data,
             gsize        len,
             GError     **error)
{
  gsize start;

  if (len > MAX_PAGE_SIZE)
    {
      g_set_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                   _("status page is larger than 4 MiB (%lu bytes)"), (gulong) len);
      return FALSE;
    }

  start = skip_bom_and_space (data, len);
  if (start == len)
    {
      g_set_error_literal (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                           _("status page is empty"));
      return FALSE;
    }

  /* Before the UTF-8 check: an error page in Latin-1 is still HTML. */
  if (data[start] == '<')
    {
      g_set_error_literal (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                           _("status page is HTML, not JSON"));
      return FALSE;
    }

  /* With a length, g_utf8_validate() refuses NUL bytes too. */
  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error_literal (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                           _("status page is not valid UTF-8 text"));
      return FALSE;
    }

  if (nests_too_deep (data, len))
    {
      g_set_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                   _("status page nests deeper than %d levels"), MAX_PAGE_DEPTH);
      return FALSE;
    }

  return TRUE;
}

static void
set_not_object_error (JsonNode  *root,
                      GError   **error)
{
  const char *message;
  GType type = JSON_NODE_HOLDS_VALUE (root) ? json_node_get_value_type (root) : G_TYPE_INVALID;

  if (JSON_NODE_HOLDS_NULL (root))
    message = _("status page is not a JSON object but null");
  else if (JSON_NODE_HOLDS_ARRAY (root))
    message = _("status page is not a JSON object but an array");
  else if (type == G_TYPE_STRING)
    message = _("status page is not a JSON object but a string");
  else if (type == G_TYPE_BOOLEAN)
    message = _("status page is not a JSON object but a boolean");
  else
    message = _("status page is not a JSON object but a number");

  g_set_error_literal (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID, message);
}

/* The root object, borrowed from @parser. */
static JsonObject *
load_root_object (JsonParser  *parser,
                  const char  *data,
                  gsize        len,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!check_bytes (data, len, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      /* json-glib quotes the offending token, which may be a broken
       * character (a lone \ud800 escape decodes to invalid UTF-8). */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                   _("status page is not JSON: %s"), reason);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                           _("status page is empty"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_not_object_error (root, error);
      return NULL;
    }

  return json_node_get_object (root);
}

/* Components */

static void
component_free (GwComponent *component)
{
  if (component == NULL)
    return;

  g_free (component->id);
  g_free (component->name);
  g_free (component->raw_status);
  g_free (component);
}

static gpointer
component_copy (gconstpointer src,
                gpointer      user_data)
{
  const GwComponent *component = src;
  GwComponent *copy = g_new0 (GwComponent, 1);

  copy->id = g_strdup (component->id);
  copy->name = g_strdup (component->name);
  copy->raw_status = g_strdup (component->raw_status);
  copy->status = component->status;
  copy->chatgpt = component->chatgpt;

  return copy;
}

static GwComponent *
component_new_from_json (JsonObject *obj)
{
  g_autofree char *name = dup_text (member_string (obj, "name"));
  GwComponent *component;

  if (name == NULL || *g_strstrip (name) == '\0')
    return NULL;

  component = g_new0 (GwComponent, 1);
  component->id = dup_text (member_string (obj, "id"));
  component->raw_status = dup_text (member_string (obj, "status"));
  component->status = component_status_from_string (component->raw_status);
  component->chatgpt = gw_status_page_is_chatgpt_component (name);
  component->name = g_steal_pointer (&name);

  return component;
}

static GPtrArray *
parse_components (JsonObject *root)
{
  GPtrArray *components = g_ptr_array_new_with_free_func ((GDestroyNotify) component_free);
  JsonArray *array = member_array (root, "components");
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      GwComponent *component;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      component = component_new_from_json (json_node_get_object (node));
      if (component != NULL)
        g_ptr_array_add (components, component);
    }

  return components;
}

/* Incidents */

void
gw_incident_free (GwIncident *incident)
{
  if (incident == NULL)
    return;

  g_free (incident->id);
  g_free (incident->name);
  g_free (incident->status);
  g_free (incident->shortlink);
  g_free (incident);
}

static gpointer
incident_copy (gconstpointer src,
               gpointer      user_data)
{
  const GwIncident *incident = src;
  GwIncident *copy = g_new0 (GwIncident, 1);

  *copy = *incident;
  copy->id = g_strdup (incident->id);
  copy->name = g_strdup (incident->name);
  copy->status = g_strdup (incident->status);
  copy->shortlink = g_strdup (incident->shortlink);

  return copy;
}

static gboolean
status_is_final (const char *status)
{
  static const char * const final[] = { "resolved", "completed", "postmortem" };

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (final); i++)
    if (g_ascii_strcasecmp (status, final[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Resolved when its status says so or it carries a resolved_at string (even
 * one we cannot read).  The time falls back to updated_at, else stays 0. */
static void
incident_read_resolution (GwIncident *incident,
                          JsonObject *obj)
{
  const char *resolved_at = member_string (obj, "resolved_at");

  if (resolved_at != NULL && *resolved_at == '\0')
    resolved_at = NULL;

  incident->resolved = resolved_at != NULL || status_is_final (incident->status);
  if (!incident->resolved)
    return;

  incident->resolved_at = parse_time (resolved_at);
  if (incident->resolved_at == 0)
    incident->resolved_at = parse_time (member_string (obj, "updated_at"));
}

/* Incidents without a name are skipped: nothing could show or place them. */
static GwIncident *
incident_new_from_json (JsonObject *obj)
{
  g_autofree char *name = dup_text (member_string (obj, "name"));
  GwIncident *incident;

  if (name == NULL || *g_strstrip (name) == '\0')
    return NULL;

  incident = g_new0 (GwIncident, 1);
  incident->id = dup_text (member_string (obj, "id"));
  incident->status = dup_text (member_string (obj, "status"));
  incident->shortlink = dup_text (member_string (obj, "shortlink"));
  incident->impact = impact_from_string (member_string (obj, "impact"));
  incident->started_at = parse_time (member_string (obj, "started_at"));
  if (incident->started_at == 0)
    incident->started_at = parse_time (member_string (obj, "created_at"));
  incident->chatgpt = gw_status_page_mentions_chatgpt (name);
  incident->name = g_steal_pointer (&name);
  incident_read_resolution (incident, obj);

  return incident;
}

static GPtrArray *
parse_incident_array (JsonObject *root,
                      gboolean    unresolved_only)
{
  GPtrArray *incidents = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_incident_free);
  JsonArray *array = member_array (root, "incidents");
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      GwIncident *incident;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      incident = incident_new_from_json (json_node_get_object (node));
      if (incident == NULL)
        continue;

      if (unresolved_only && incident->resolved)
        gw_incident_free (incident);
      else
        g_ptr_array_add (incidents, incident);
    }

  return incidents;
}

/* Public API */

GwStatusPage *
gw_status_page_parse (const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GwStatusPage) page = NULL;
  JsonObject *root;
  JsonObject *status;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  root = load_root_object (parser, data, len, error);
  if (root == NULL)
    return NULL;
  /* Every member is optional, but an object with none of them (an API
   * error, a misconfigured address) is not a status page at all. */
  if (!json_object_has_member (root, "status") &&
      !json_object_has_member (root, "components") &&
      !json_object_has_member (root, "incidents"))
    {
      g_set_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID,
                   _("status page has no status, components or incidents: "
                     "it is not a Statuspage summary"));
      return NULL;
    }

  page = g_new0 (GwStatusPage, 1);
  status = member_object (root, "status");
  if (status != NULL)
    {
      page->indicator = indicator_from_string (member_string (status, "indicator"));
      page->description = dup_text (member_string (status, "description"));
    }
  page->components = parse_components (root);
  page->incidents = parse_incident_array (root, TRUE);

  return g_steal_pointer (&page);
}

GPtrArray *
gw_status_page_parse_incidents (const char  *data,
                                gsize        len,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  root = load_root_object (parser, data, len, error);
  if (root == NULL)
    return NULL;

  return parse_incident_array (root, FALSE);
}

void
gw_status_page_free (GwStatusPage *self)
{
  if (self == NULL)
    return;

  g_free (self->description);
  g_clear_pointer (&self->components, g_ptr_array_unref);
  g_clear_pointer (&self->incidents, g_ptr_array_unref);
  g_free (self);
}

GwStatusPage *
gw_status_page_copy (const GwStatusPage *self)
{
  GwStatusPage *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (GwStatusPage, 1);
  copy->indicator = self->indicator;
  copy->description = g_strdup (self->description);
  if (self->components != NULL)
    copy->components = g_ptr_array_copy (self->components, component_copy, NULL);
  if (self->incidents != NULL)
    copy->incidents = g_ptr_array_copy (self->incidents, incident_copy, NULL);

  return copy;
}

/* ChatGPT */

/* Higher is worse; UNKNOWN has no rank and is handled by the caller. */
static int
status_rank (GwComponentStatus status)
{
  switch (status)
    {
    case GW_COMPONENT_OPERATIONAL:          return 0;
    case GW_COMPONENT_UNDER_MAINTENANCE:    return 1;
    case GW_COMPONENT_DEGRADED_PERFORMANCE: return 2;
    case GW_COMPONENT_PARTIAL_OUTAGE:       return 3;
    case GW_COMPONENT_MAJOR_OUTAGE:         return 4;
    case GW_COMPONENT_UNKNOWN:
    default:                                return -1;
    }
}

/* An open incident about ChatGPT is a problem even when its impact is
 * "none" or unreadable: such incidents count as degraded performance. */
static GwComponentStatus
impact_to_component_status (GwImpact impact)
{
  switch (impact)
    {
    case GW_IMPACT_CRITICAL: return GW_COMPONENT_MAJOR_OUTAGE;
    case GW_IMPACT_MAJOR:    return GW_COMPONENT_PARTIAL_OUTAGE;
    case GW_IMPACT_MINOR:
    case GW_IMPACT_NONE:
    case GW_IMPACT_UNKNOWN:
    default:                 return GW_COMPONENT_DEGRADED_PERFORMANCE;
    }
}

static GwComponentStatus
worse (GwComponentStatus a,
       GwComponentStatus b)
{
  return status_rank (b) > status_rank (a) ? b : a;
}

/* ChatGPT components of unknown status are left out when others are known:
 * the verdict then rests on what the page does say.  With nothing known at
 * all (no ChatGPT component, or only unknown ones, and no open ChatGPT
 * incident) the answer is UNKNOWN, never OPERATIONAL. */
GwComponentStatus
gw_status_page_chatgpt_status (const GwStatusPage *self)
{
  GwComponentStatus result = GW_COMPONENT_UNKNOWN;

  g_return_val_if_fail (self != NULL, GW_COMPONENT_UNKNOWN);

  for (guint i = 0; self->components != NULL && i < self->components->len; i++)
    {
      const GwComponent *component = g_ptr_array_index (self->components, i);

      if (component->chatgpt)
        result = worse (result, component->status);
    }

  for (guint i = 0; self->incidents != NULL && i < self->incidents->len; i++)
    {
      const GwIncident *incident = g_ptr_array_index (self->incidents, i);

      /* resolved_at too, for pages built by hand without the flag. */
      if (incident->chatgpt && !incident->resolved && incident->resolved_at == 0)
        result = worse (result, impact_to_component_status (incident->impact));
    }

  return result;
}

gboolean
gw_status_page_is_chatgpt_component (const char *name)
{
  g_autofree char *trimmed = NULL;

  if (name == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (name));
  for (guint i = 0; i < G_N_ELEMENTS (chatgpt_component_names); i++)
    if (g_ascii_strcasecmp (trimmed, chatgpt_component_names[i]) == 0)
      return TRUE;

  return gw_status_page_mentions_chatgpt (trimmed);
}

/* Letters, digits and '_' make words; invalid UTF-8 does not. */
static gboolean
is_word_char (gunichar c)
{
  if (c > 0x10FFFF)
    return FALSE;

  return c == '_' || g_unichar_isalnum (c);
}

static gunichar
char_before (const char *text,
             const char *pos)
{
  const char *prev = g_utf8_find_prev_char (text, pos);

  if (prev == NULL)
    return 0;

  return g_utf8_get_char_validated (prev, pos - prev);
}

/* "ChatGPT" as a word, ignoring ASCII case: "ChatGPT's app" and
 * "(chatgpt)" mention it, "MyChatGPTClone" does not. */
gboolean
gw_status_page_mentions_chatgpt (const char *text)
{
  static const char needle[] = "chatgpt";
  const gsize n = sizeof needle - 1;

  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, needle, n) != 0)
        continue;
      if (p > text && is_word_char (char_before (text, p)))
        continue;
      if (is_word_char (g_utf8_get_char_validated (p + n, -1)))
        continue;
      return TRUE;
    }

  return FALSE;
}

/* Stable machine names */

const char *
gw_component_status_to_string (GwComponentStatus status)
{
  switch (status)
    {
    case GW_COMPONENT_OPERATIONAL:          return "operational";
    case GW_COMPONENT_UNDER_MAINTENANCE:    return "under_maintenance";
    case GW_COMPONENT_DEGRADED_PERFORMANCE: return "degraded_performance";
    case GW_COMPONENT_PARTIAL_OUTAGE:       return "partial_outage";
    case GW_COMPONENT_MAJOR_OUTAGE:         return "major_outage";
    case GW_COMPONENT_UNKNOWN:
    default:                                return "unknown";
    }
}

const char *
gw_indicator_to_string (GwIndicator indicator)
{
  switch (indicator)
    {
    case GW_INDICATOR_NONE:        return "none";
    case GW_INDICATOR_MINOR:       return "minor";
    case GW_INDICATOR_MAJOR:       return "major";
    case GW_INDICATOR_CRITICAL:    return "critical";
    case GW_INDICATOR_MAINTENANCE: return "maintenance";
    case GW_INDICATOR_UNKNOWN:
    default:                       return "unknown";
    }
}

const char *
gw_impact_to_string (GwImpact impact)
{
  switch (impact)
    {
    case GW_IMPACT_NONE:     return "none";
    case GW_IMPACT_MINOR:    return "minor";
    case GW_IMPACT_MAJOR:    return "major";
    case GW_IMPACT_CRITICAL: return "critical";
    case GW_IMPACT_UNKNOWN:
    default:                 return "unknown";
    }
}
