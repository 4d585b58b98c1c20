/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-autostart"

#include "config.h"

#include "gw-autostart.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

gboolean
gw_autostart_in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

char *
gw_autostart_entry_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/* The installed autostart variant of the desktop file, translated at build
 * time; from a build tree, the one its data folder holds. */
static char *
template_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *built = g_build_filename (dir, "..", "data", APP_ID "-autostart.desktop",
                                                 NULL);

      if (g_file_test (built, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&built);
    }
  return g_build_filename (PKGDATADIR, APP_ID "-autostart.desktop", NULL);
}

static gboolean
remove_entry (const char  *path,
              GError     **error)
{
  int saved = g_unlink (path) == 0 ? 0 : errno;

  if (saved != 0 && saved != ENOENT)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot remove %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_entry (gboolean   enabled,
             GError   **error)
{
  g_autofree char *path = gw_autostart_entry_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *template = template_path ();
  g_autofree char *contents = NULL;
  gsize length;

  if (!enabled)
    return remove_entry (path, error);

  if (!g_file_get_contents (template, &contents, &length, error))
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0644, error);
}

static void
portal_called_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_warning ("The Background portal refused: %s", error->message);
}

/* Asks the portal; its answer arrives as a Response signal we do not need:
 * the portal itself asks the user and remembers the choice. */
static gboolean
request_background (gboolean   enabled,
                    GError   **error)
{
  /* The application registered on this bus already: no connection is made. */
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  GVariantBuilder options;
  const char * const commandline[] = { "gatewatch", NULL };

  if (bus == NULL)
    return FALSE;
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Gatewatch checks ChatGPT in the background "
                                                 "and shows its state in the panel.")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (enabled));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, portal_called_cb, NULL);
  return TRUE;
}

gboolean
gw_autostart_set (gboolean   enabled,
                  GError   **error)
{
  if (gw_autostart_in_flatpak ())
    return request_background (enabled, error);
  return write_entry (enabled, error);
}
