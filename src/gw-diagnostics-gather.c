/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-diagnostics"

#include "config.h"

#include "gw-diagnostics.h"

#include <string.h>

/* Reads the local facts from the real system (or the sources a test names):
 * small files and GSettings at once, the system bus asynchronously. */

#define DBUS_TIMEOUT_MS 2000
#define NM_NAME "org.freedesktop.NetworkManager"
#define NM_PATH "/org/freedesktop/NetworkManager"
#define NM_ACTIVE_INTERFACE "org.freedesktop.NetworkManager.Connection.Active"
#define HTTPS_HANDLER "x-scheme-handler/https"

static void
gather_browsers (GwLocalFacts *facts)
{
  GList *infos = g_app_info_get_all_for_type (HTTPS_HANDLER);
  g_autoptr(GAppInfo) default_info = g_app_info_get_default_for_type (HTTPS_HANDLER, FALSE);

  g_clear_pointer (&facts->browsers, g_ptr_array_unref);
  facts->browsers = gw_browsers_from_app_infos (infos);
  g_list_free_full (infos, g_object_unref);
  if (default_info != NULL)
    facts->default_browser = gw_browser_new_from_app_info (default_info);
}

/* Fills facts from sources; returns resolv.conf's text (NULL when unreadable)
 * so that the bus's answer can refine the resolver later. */
static char *
gather_local (GwLocalFacts        *facts,
              const GwFactSources *sources)
{
  static const GwFactSources defaults = { NULL };
  const char *resolv_conf;
  g_autofree char *contents = NULL;
  g_auto(GStrv) own_environ = NULL;
  const char * const *envp;

  if (sources == NULL)
    sources = &defaults;

  resolv_conf = sources->resolv_conf != NULL ? sources->resolv_conf : "/etc/resolv.conf";
  if (!g_file_get_contents (resolv_conf, &contents, NULL, NULL))
    g_clear_pointer (&contents, g_free);
  g_clear_pointer (&facts->nameservers, g_strfreev);
  facts->resolver = gw_resolv_conf_parse (contents, FALSE, &facts->nameservers);

  envp = sources->envp;
  if (envp == NULL)
    envp = (const char * const *) (own_environ = g_get_environ ());
  g_clear_pointer (&facts->proxy_variables, g_ptr_array_unref);
  facts->proxy_variables = gw_proxy_variables_from_environ (envp);
  facts->gnome_proxy_mode = gw_gnome_proxy_mode_read (sources->schemas, &facts->gnome_proxy);

  g_clear_pointer (&facts->vpn_interfaces, g_ptr_array_unref);
  facts->vpn_interfaces = gw_vpn_interfaces_scan (sources->sys_class_net != NULL ?
                                                  sources->sys_class_net : "/sys/class/net");

  /* The application's monitor exists already: this asks nothing new. */
  facts->connectivity = sources->connectivity;
  if (facts->connectivity == GW_CONNECTIVITY_UNKNOWN)
    {
      GNetworkMonitor *monitor = g_network_monitor_get_default ();

      facts->connectivity = gw_connectivity_from_gio (g_network_monitor_get_connectivity (monitor));
    }

  gather_browsers (facts);
  facts->user_name = g_strdup (g_get_user_name ());
  facts->home_dir = g_strdup (g_get_home_dir ());
  return g_steal_pointer (&contents);
}

/**
 * gw_local_facts_gather:
 * @sources: (nullable): where to look, or %NULL for the real system
 *
 * Returns: (transfer full): the local facts, without the system bus's
 */
GwLocalFacts *
gw_local_facts_gather (const GwFactSources *sources)
{
  GwLocalFacts *facts = gw_local_facts_new ();

  g_free (gather_local (facts, sources));
  return facts;
}

/* The asynchronous gatherer */

typedef struct
{
  GwLocalFacts *facts;
  char         *resolv_conf;      /* its text, or NULL */
  gboolean      resolved_on_bus;
  GPtrArray    *vpn_connections;  /* of char *; NULL: NetworkManager not reached */
  guint         pending;          /* bus calls not answered yet */
} GatherData;

static void
gather_data_free (GatherData *d)
{
  gw_local_facts_free (d->facts);
  g_free (d->resolv_conf);
  g_clear_pointer (&d->vpn_connections, g_ptr_array_unref);
  g_free (d);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(char * const *) a, *(char * const *) b);
}

static void
gather_complete (GTask *task)
{
  GatherData *d = g_task_get_task_data (task);
  GwLocalFacts *facts;

  if (g_task_return_error_if_cancelled (task))
    return;

  facts = g_steal_pointer (&d->facts);
  facts->resolver = gw_resolv_conf_parse (d->resolv_conf, d->resolved_on_bus, NULL);
  if (d->vpn_connections != NULL)
    {
      g_ptr_array_sort (d->vpn_connections, compare_strings);
      g_ptr_array_add (d->vpn_connections, NULL);
      facts->vpn_connections = (GStrv) g_ptr_array_free (g_steal_pointer (&d->vpn_connections),
                                                         FALSE);
    }
  g_task_return_pointer (task, facts, (GDestroyNotify) gw_local_facts_free);
}

static void
call_done (GTask *task)
{
  GatherData *d = g_task_get_task_data (task);

  g_assert (d->pending > 0);
  if (--d->pending == 0)
    gather_complete (task);
}

static void
log_bus_error (const char   *what,
               const GError *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("%s: %s", what, error->message);
}

static void
has_owner_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GatherData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &d->resolved_on_bus);
  else
    log_bus_error ("Cannot ask for systemd-resolved", error);
  call_done (task);
}

static gboolean
active_connection_is_vpn (GVariant *properties)
{
  gboolean vpn = FALSE;
  const char *type = NULL;

  g_variant_lookup (properties, "Vpn", "b", &vpn);
  g_variant_lookup (properties, "Type", "&s", &type);
  return vpn || g_strcmp0 (type, "vpn") == 0 || g_strcmp0 (type, "wireguard") == 0;
}

static void
active_connection_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GatherData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) properties = NULL;
  const char *id = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    log_bus_error ("Cannot read an active connection", error);
  else
    {
      properties = g_variant_get_child_value (reply, 0);
      if (active_connection_is_vpn (properties) &&
          g_variant_lookup (properties, "Id", "&s", &id) && d->vpn_connections != NULL)
        g_ptr_array_add (d->vpn_connections, g_strdup (id));
    }
  call_done (task);
}

static void
active_connections_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GatherData *d = g_task_get_task_data (task);
  GDBusConnection *bus = G_DBUS_CONNECTION (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) paths = NULL;
  GVariantIter iter;
  const char *path;

  reply = g_dbus_connection_call_finish (bus, result, &error);
  if (reply == NULL)
    {
      log_bus_error ("Cannot ask NetworkManager for VPN connections", error);
      call_done (task);
      return;
    }

  g_variant_get (reply, "(v)", &paths);
  if (!g_variant_is_of_type (paths, G_VARIANT_TYPE_OBJECT_PATH_ARRAY))
    {
      g_debug ("NetworkManager's ActiveConnections is %s, not ao",
               g_variant_get_type_string (paths));
      call_done (task);
      return;
    }

  d->vpn_connections = g_ptr_array_new_with_free_func (g_free);
  g_variant_iter_init (&iter, paths);
  while (g_variant_iter_next (&iter, "&o", &path))
    {
      d->pending++;
      g_dbus_connection_call (bus, NM_NAME, path, "org.freedesktop.DBus.Properties", "GetAll",
                              g_variant_new ("(s)", NM_ACTIVE_INTERFACE),
                              G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                              DBUS_TIMEOUT_MS, g_task_get_cancellable (task),
                              active_connection_cb, g_object_ref (task));
    }
  call_done (task);
}

static void
ask_bus (GTask           *task,
         GDBusConnection *bus)
{
  GatherData *d = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  d->pending = 2;
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", "org.freedesktop.resolve1"),
                          G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, DBUS_TIMEOUT_MS,
                          cancellable, has_owner_cb, g_object_ref (task));
  g_dbus_connection_call (bus, NM_NAME, NM_PATH, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", NM_NAME, "ActiveConnections"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          DBUS_TIMEOUT_MS, cancellable, active_connections_cb,
                          g_object_ref (task));
}

static void
bus_get_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      log_bus_error ("No system bus", error);
      gather_complete (task);
      return;
    }
  ask_bus (task, bus);
}

/**
 * gw_local_facts_gather_async:
 * @sources: (nullable): where to look, or %NULL for the real system
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the facts are in
 * @user_data: for @callback
 *
 * Gathers what gw_local_facts_gather () does, then asks the system bus
 * whether systemd-resolved runs and which VPN connections NetworkManager has
 * active, each call limited to two seconds.
 */
void
gw_local_facts_gather_async (const GwFactSources *sources,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GatherData *d;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gw_local_facts_gather_async);
  d = g_new0 (GatherData, 1);
  g_task_set_task_data (task, d, (GDestroyNotify) gather_data_free);

  d->facts = gw_local_facts_new ();
  d->resolv_conf = gather_local (d->facts, sources);

  if (sources != NULL && sources->system_bus != NULL)
    ask_bus (task, sources->system_bus);
  else
    g_bus_get (G_BUS_TYPE_SYSTEM, cancellable, bus_get_cb, g_object_ref (task));
}

GwLocalFacts *
gw_local_facts_gather_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gw_local_facts_gather_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
