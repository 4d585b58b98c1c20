/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-config"

#include "config.h"

#include "gw-config.h"

#include <glib/gi18n-lib.h>

/* GSettings keys and command-line options of the targets, by GwTarget. */
static const char * const url_keys[GW_N_TARGETS] = {
  [GW_TARGET_WEB] = "web-url",
  [GW_TARGET_API] = "api-url",
  [GW_TARGET_STATUS] = "status-url",
  [GW_TARGET_CONTROL] = "control-url",
};

GSettings *
gw_config_open_settings (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The settings schema %s is not installed. Install Gatewatch, or point "
                     "GSETTINGS_SCHEMA_DIR at the build’s data folder."), APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

GwConfig *
gw_config_new_from_settings (GSettings *settings)
{
  GwConfig *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_new0 (GwConfig, 1);
  for (guint i = 0; i < GW_N_TARGETS; i++)
    self->urls[i] = g_settings_get_string (settings, url_keys[i]);
  self->timeout_s = g_settings_get_uint (settings, "timeout-seconds");
  self->interval_s = g_settings_get_uint (settings, "interval-seconds");
  self->slow_threshold_ms = g_settings_get_uint (settings, "slow-threshold-ms");
  self->history_days = g_settings_get_uint (settings, "history-days");
  self->pause_on_metered = g_settings_get_boolean (settings, "pause-on-metered");
  self->tick_ms = 1000;
  return self;
}

/* Reads an integer option and checks it against the range of its key in the
 * schema, so the limits live in one place. */
static gboolean
lookup_seconds (GVariantDict *options,
                const char   *name,
                GSettings    *settings,
                const char   *key,
                guint        *out,
                GError      **error)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) candidate = NULL;
  const char *text;
  guint64 value = 0;
  gboolean number;

  /* A string, not an int option: GApplication drops an int option of 0 as if
   * it were not given, and "--timeout 0" must be refused, not ignored. */
  if (!g_variant_dict_lookup (options, name, "&s", &text))
    return TRUE;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  number = g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL);
  candidate = g_variant_ref_sink (g_variant_new_uint32 ((guint32) value));
  if (!number || !g_settings_schema_key_range_check (schema_key, candidate))
    {
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (schema_key);
      g_autoptr(GVariant) limits = NULL;
      guint32 min = 0, max = 0;

      g_variant_get (range, "(&sv)", NULL, &limits);
      g_variant_get (limits, "(uu)", &min, &max);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--%s must be between %u and %u seconds"), name, min, max);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
check_url (const char  *name,
           const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (*url == '\0')
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL || g_uri_get_host (uri) == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--%s needs an http:// or https:// address, not “%s”"), name, url);
      return FALSE;
    }
  return TRUE;
}

gboolean
gw_config_apply_options (GwConfig      *self,
                         GSettings     *settings,
                         GVariantDict  *options,
                         GError       **error)
{
  const char *value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  for (guint i = 0; i < GW_N_TARGETS; i++)
    if (g_variant_dict_lookup (options, url_keys[i], "&s", &value))
      {
        if (!check_url (url_keys[i], value, error))
          return FALSE;
        g_free (self->urls[i]);
        self->urls[i] = g_strdup (value);
      }

  if (g_variant_dict_lookup (options, "cacert", "^&ay", &value))
    {
      if (!g_file_test (value, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--cacert: “%s” is not a readable file"), value);
          return FALSE;
        }
      g_free (self->ca_file);
      self->ca_file = g_strdup (value);
    }

  return lookup_seconds (options, "timeout", settings, "timeout-seconds", &self->timeout_s, error) &&
         lookup_seconds (options, "interval", settings, "interval-seconds", &self->interval_s, error);
}

GwConfig *
gw_config_copy (const GwConfig *self)
{
  GwConfig *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  for (guint i = 0; i < GW_N_TARGETS; i++)
    copy->urls[i] = g_strdup (self->urls[i]);
  copy->ca_file = g_strdup (self->ca_file);
  return copy;
}

void
gw_config_free (GwConfig *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < GW_N_TARGETS; i++)
    g_free (self->urls[i]);
  g_free (self->ca_file);
  g_free (self);
}
