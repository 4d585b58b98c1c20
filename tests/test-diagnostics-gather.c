/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-diagnostics-gather"

#include "config.h"

#include "gw-diagnostics.h"

#include <string.h>

#include <glib/gstdio.h>

/* The gatherers on a fake /sys/class/net, resolv.conf fixtures, desktop
 * files in the isolated data folder, and a private bus with a fake
 * NetworkManager. The parsers underneath are in test-diagnostics.c. */

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* A WireGuard interface that is up, two browsers, Chrome the default. */
typedef struct
{
  char *sys_dir;
} TreeFixture;

static void
tree_setup (TreeFixture   *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wg0 = NULL;
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);

  fixture->sys_dir = g_dir_make_tmp ("gw-sys-class-net-XXXXXX", &error);
  g_assert_no_error (error);
  wg0 = g_build_filename (fixture->sys_dir, "wg0", NULL);
  write_file (wg0, "type", "65534\n");
  write_file (wg0, "operstate", "unknown\n");
  write_file (wg0, "flags", "0x91\n");
  write_file (wg0, "uevent", "DEVTYPE=wireguard\nINTERFACE=wg0\n");

  write_file (apps, "gwtest-firefox.desktop",
              "[Desktop Entry]\nType=Application\nName=Firefox\n"
              "Exec=true firefox %u\nMimeType=x-scheme-handler/https;\n");
  write_file (apps, "gwtest-chrome.desktop",
              "[Desktop Entry]\nType=Application\nName=Google Chrome\n"
              "Exec=true --google-chrome %U\nMimeType=x-scheme-handler/https;\n");
  /* GIO finds handlers through the cache update-desktop-database writes. */
  write_file (apps, "mimeinfo.cache",
              "[MIME Cache]\nx-scheme-handler/https=gwtest-firefox.desktop;"
              "gwtest-chrome.desktop;\n");
  write_file (g_get_user_config_dir (), "mimeapps.list",
              "[Default Applications]\nx-scheme-handler/https=gwtest-chrome.desktop\n");
}

static void
tree_teardown (TreeFixture   *fixture,
               gconstpointer  data)
{
  remove_tree (fixture->sys_dir);
  g_free (fixture->sys_dir);
}

/* The synchronous gatherer */

static GwFactSources *
fixture_sources (const char *resolv_fixture,
                 const char *sys_dir)
{
  static const char * const envp[] = { "https_proxy=http://alice:s3cret@proxy.example:3128",
                                       NULL };
  g_autofree char *file = g_strconcat ("resolv.conf.", resolv_fixture, NULL);
  GwFactSources *sources = g_new0 (GwFactSources, 1);

  sources->resolv_conf = g_test_build_filename (G_TEST_DIST, "data", file, NULL);
  sources->sys_class_net = sys_dir;
  sources->envp = envp;
  sources->connectivity = GW_CONNECTIVITY_LIMITED;
  return sources;
}

static void
sources_free (GwFactSources *sources)
{
  g_free ((char *) sources->resolv_conf);
  g_free (sources);
}

static void
check_gathered (const GwLocalFacts *facts)
{
  const GwProxyVariable *v;
  const GwVpnInterface *vpn;

  g_assert_cmpuint (facts->proxy_variables->len, ==, 1);
  v = g_ptr_array_index (facts->proxy_variables, 0);
  g_assert_cmpstr (v->value, ==, "http://<credentials>@proxy.example:3128");
  g_assert_cmpuint (facts->vpn_interfaces->len, ==, 1);
  vpn = g_ptr_array_index (facts->vpn_interfaces, 0);
  g_assert_cmpstr (vpn->name, ==, "wg0");
  g_assert_cmpint (vpn->kind, ==, GW_VPN_KIND_WIREGUARD);
  g_assert_cmpint (facts->connectivity, ==, GW_CONNECTIVITY_LIMITED);
  g_assert_cmpint (facts->gnome_proxy_mode, ==, GW_PROXY_MODE_UNKNOWN);
  g_assert_cmpstr (facts->user_name, ==, g_get_user_name ());
  g_assert_cmpstr (facts->home_dir, ==, g_get_home_dir ());
  g_assert_cmpuint (facts->browsers->len, ==, 2);
  g_assert_nonnull (facts->default_browser);
  g_assert_cmpstr (facts->default_browser->app_id, ==, "gwtest-chrome.desktop");
  g_assert_cmpint (facts->default_browser->kind, ==, GW_BROWSER_KIND_CHROMIUM);
}

static void
test_gather (TreeFixture   *fixture,
             gconstpointer  data)
{
  GwFactSources *sources = fixture_sources ("plain", fixture->sys_dir);
  g_autoptr(GwLocalFacts) facts = NULL;
  g_autoptr(GwLocalFacts) missing = NULL;
  g_autoptr(GwLocalFacts) empty = gw_local_facts_new ();

  facts = gw_local_facts_gather (sources);
  check_gathered (facts);
  g_assert_cmpint (facts->resolver, ==, GW_RESOLVER_PLAIN);
  g_assert_cmpstr (facts->nameservers[0], ==, "1.1.1.1");
  g_assert_null (facts->vpn_connections);

  g_free ((char *) sources->resolv_conf);
  sources->resolv_conf = g_strdup ("/nonexistent/resolv.conf");
  missing = gw_local_facts_gather (sources);
  g_assert_cmpint (missing->resolver, ==, GW_RESOLVER_UNKNOWN);
  g_assert_cmpuint (g_strv_length (missing->nameservers), ==, 0);

  g_assert_nonnull (empty->nameservers);
  g_assert_cmpuint (empty->browsers->len, ==, 0);
  gw_local_facts_free (NULL);
  sources_free (sources);
}

/* The asynchronous gatherer against a private bus with a fake
 * NetworkManager and a name for systemd-resolved. */

typedef struct
{
  const char *path;
  const char *id;
  const char *type;
  gboolean    vpn;
} FakeActive;

static const FakeActive fake_actives[] = {
  { "/org/freedesktop/NetworkManager/ActiveConnection/1", "Home Wi-Fi", "802-11-wireless", FALSE },
  { "/org/freedesktop/NetworkManager/ActiveConnection/2", "Office VPN", "vpn", TRUE },
  { "/org/freedesktop/NetworkManager/ActiveConnection/3", "wg-home", "wireguard", FALSE },
};

static const char nm_xml[] =
  "<node>"
  " <interface name='org.freedesktop.NetworkManager'>"
  "  <property name='ActiveConnections' type='ao' access='read'/>"
  " </interface>"
  " <interface name='org.freedesktop.NetworkManager.Connection.Active'>"
  "  <property name='Id' type='s' access='read'/>"
  "  <property name='Type' type='s' access='read'/>"
  "  <property name='Vpn' type='b' access='read'/>"
  " </interface>"
  "</node>";

static GVariant *
fake_nm_get_property (GDBusConnection *connection,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *property,
                      GError         **error,
                      gpointer         user_data)
{
  if (strcmp (property, "ActiveConnections") == 0)
    {
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("ao"));
      for (guint i = 0; i < G_N_ELEMENTS (fake_actives); i++)
        g_variant_builder_add (&builder, "o", fake_actives[i].path);
      return g_variant_builder_end (&builder);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fake_actives); i++)
    {
      const FakeActive *a = &fake_actives[i];

      if (strcmp (path, a->path) != 0)
        continue;
      if (strcmp (property, "Id") == 0)
        return g_variant_new_string (a->id);
      if (strcmp (property, "Type") == 0)
        return g_variant_new_string (a->type);
      return g_variant_new_boolean (a->vpn);
    }
  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT, "no %s", path);
  return NULL;
}

/* One private bus for every test that needs one, started before any
 * thread exists: GTestDBus forks a watcher process when it first starts. */
static GTestDBus *test_bus;

typedef struct
{
  TreeFixture      tree;
  GDBusConnection *bus;
  GDBusNodeInfo   *node;
  GArray          *registrations;
  guint            owner_ids[2];
  guint            acquired;
} BusFixture;

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  guint *acquired = user_data;

  (*acquired)++;
}

static void
export_fake_nm (BusFixture *fixture)
{
  static const GDBusInterfaceVTable vtable = { NULL, fake_nm_get_property, NULL, { NULL } };
  guint id;

  id = g_dbus_connection_register_object (fixture->bus, "/org/freedesktop/NetworkManager",
                                          fixture->node->interfaces[0], &vtable, NULL, NULL, NULL);
  g_assert_cmpuint (id, >, 0);
  g_array_append_val (fixture->registrations, id);
  for (guint i = 0; i < G_N_ELEMENTS (fake_actives); i++)
    {
      id = g_dbus_connection_register_object (fixture->bus, fake_actives[i].path,
                                              fixture->node->interfaces[1], &vtable,
                                              NULL, NULL, NULL);
      g_assert_cmpuint (id, >, 0);
      g_array_append_val (fixture->registrations, id);
    }
  fixture->owner_ids[0] = g_bus_own_name_on_connection (fixture->bus,
                                                        "org.freedesktop.NetworkManager",
                                                        G_BUS_NAME_OWNER_FLAGS_NONE,
                                                        name_acquired_cb, NULL,
                                                        &fixture->acquired, NULL);
  fixture->owner_ids[1] = g_bus_own_name_on_connection (fixture->bus, "org.freedesktop.resolve1",
                                                        G_BUS_NAME_OWNER_FLAGS_NONE,
                                                        name_acquired_cb, NULL,
                                                        &fixture->acquired, NULL);
  while (fixture->acquired < 2)
    g_main_context_iteration (NULL, TRUE);
}

static void
bus_setup (BusFixture    *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->bus = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (test_bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->node = g_dbus_node_info_new_for_xml (nm_xml, &error);
  g_assert_no_error (error);
  fixture->registrations = g_array_new (FALSE, FALSE, sizeof (guint));
  tree_setup (&fixture->tree, data);
}

static void
bus_teardown (BusFixture    *fixture,
              gconstpointer  data)
{
  for (guint i = 0; i < fixture->registrations->len; i++)
    g_dbus_connection_unregister_object (fixture->bus,
                                         g_array_index (fixture->registrations, guint, i));
  for (guint i = 0; i < G_N_ELEMENTS (fixture->owner_ids); i++)
    if (fixture->owner_ids[i] != 0)
      g_bus_unown_name (fixture->owner_ids[i]);
  /* A round trip after the releases: the next test sees the names free. */
  g_dbus_connection_flush_sync (fixture->bus, NULL, NULL);
  g_variant_unref (g_dbus_connection_call_sync (fixture->bus, "org.freedesktop.DBus",
                                                "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                                "GetId", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                                                NULL, NULL));
  g_array_unref (fixture->registrations);
  g_dbus_node_info_unref (fixture->node);
  g_dbus_connection_close_sync (fixture->bus, NULL, NULL);
  g_object_unref (fixture->bus);
  tree_teardown (&fixture->tree, data);
}

typedef struct
{
  GwLocalFacts *facts;
  GError       *error;
  gboolean      done;
} GatherResult;

static void
gathered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GatherResult *r = user_data;

  g_assert_null (source);
  r->facts = gw_local_facts_gather_finish (result, &r->error);
  r->done = TRUE;
}

static void
gather_async (const GwFactSources *sources,
              GCancellable        *cancellable,
              GatherResult        *r)
{
  gw_local_facts_gather_async (sources, cancellable, gathered_cb, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_gather_async (BusFixture    *fixture,
                   gconstpointer  data)
{
  GwFactSources *sources = fixture_sources ("plain", fixture->tree.sys_dir);
  GatherResult r = { NULL };
  g_autoptr(GwLocalFacts) facts = NULL;

  export_fake_nm (fixture);
  sources->system_bus = fixture->bus;
  gather_async (sources, NULL, &r);
  g_assert_no_error (r.error);
  facts = r.facts;

  check_gathered (facts);
  /* resolv.conf lists plain servers, but resolved runs: nss-resolve asks it. */
  g_assert_cmpint (facts->resolver, ==, GW_RESOLVER_SYSTEMD_RESOLVED);
  g_assert_cmpstr (facts->nameservers[0], ==, "1.1.1.1");
  g_assert_nonnull (facts->vpn_connections);
  g_assert_cmpuint (g_strv_length (facts->vpn_connections), ==, 2);
  g_assert_cmpstr (facts->vpn_connections[0], ==, "Office VPN");
  g_assert_cmpstr (facts->vpn_connections[1], ==, "wg-home");
  sources_free (sources);
}

/* A bus without NetworkManager or resolved leaves those facts unknown. */
static void
test_gather_async_empty_bus (BusFixture    *fixture,
                             gconstpointer  data)
{
  GwFactSources *sources = fixture_sources ("networkmanager-dnsmasq", fixture->tree.sys_dir);
  GatherResult r = { NULL };
  g_autoptr(GwLocalFacts) facts = NULL;

  sources->system_bus = fixture->bus;
  gather_async (sources, NULL, &r);
  g_assert_no_error (r.error);
  facts = r.facts;
  g_assert_cmpint (facts->resolver, ==, GW_RESOLVER_DNSMASQ);
  g_assert_null (facts->vpn_connections);
  g_assert_cmpuint (facts->vpn_interfaces->len, ==, 1);
  sources_free (sources);
}

static void
test_gather_async_cancelled (BusFixture    *fixture,
                             gconstpointer  data)
{
  GwFactSources *sources = fixture_sources ("plain", fixture->tree.sys_dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GatherResult r = { NULL };

  export_fake_nm (fixture);
  sources->system_bus = fixture->bus;
  g_cancellable_cancel (cancellable);
  gather_async (sources, cancellable, &r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r.facts);
  g_clear_error (&r.error);
  sources_free (sources);
}

static void
test_no_dbus_daemon (void)
{
  g_test_skip ("needs dbus-daemon for a private bus");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/diagnostics/gather/sync", TreeFixture, NULL, tree_setup, test_gather,
              tree_teardown);
  if (dbus_daemon == NULL)
    {
      g_test_add_func ("/diagnostics/gather/async", test_no_dbus_daemon);
      return g_test_run ();
    }
  g_test_add ("/diagnostics/gather/async", BusFixture, NULL, bus_setup, test_gather_async,
              bus_teardown);
  g_test_add ("/diagnostics/gather/async-empty-bus", BusFixture, NULL, bus_setup,
              test_gather_async_empty_bus, bus_teardown);
  g_test_add ("/diagnostics/gather/async-cancelled", BusFixture, NULL, bus_setup,
              test_gather_async_cancelled, bus_teardown);
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  status = g_test_run ();
  g_test_dbus_down (test_bus);
  g_clear_object (&test_bus);
  return status;
}
