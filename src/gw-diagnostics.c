/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-diagnostics"

#include "config.h"

#include "gw-diagnostics.h"

#include <string.h>

/* The parsers behind the local facts: each takes what it reads as a
 * parameter. The gatherers are in gw-diagnostics-gather.c. */

#define MAX_NAMESERVERS 8
/* /sys/class/net/<name>/flags */
#define GW_IFF_UP 0x1
/* /sys/class/net/<name>/tun_flags */
#define GW_IFF_TUN 0x1
#define GW_IFF_TAP 0x2

static const char * const connectivity_names[] = {
  [GW_CONNECTIVITY_UNKNOWN] = "unknown",
  [GW_CONNECTIVITY_LOCAL] = "local",
  [GW_CONNECTIVITY_LIMITED] = "limited",
  [GW_CONNECTIVITY_PORTAL] = "portal",
  [GW_CONNECTIVITY_FULL] = "full",
};

static const char * const resolver_names[] = {
  [GW_RESOLVER_UNKNOWN] = "unknown",
  [GW_RESOLVER_SYSTEMD_RESOLVED] = "systemd-resolved",
  [GW_RESOLVER_DNSMASQ] = "dnsmasq",
  [GW_RESOLVER_PLAIN] = "plain",
};

static const char * const proxy_mode_names[] = {
  [GW_PROXY_MODE_UNKNOWN] = "unknown",
  [GW_PROXY_MODE_NONE] = "none",
  [GW_PROXY_MODE_MANUAL] = "manual",
  [GW_PROXY_MODE_AUTO] = "auto",
};

static const char * const vpn_kind_names[] = {
  [GW_VPN_KIND_TUN] = "tun",
  [GW_VPN_KIND_TAP] = "tap",
  [GW_VPN_KIND_WIREGUARD] = "wireguard",
  [GW_VPN_KIND_PPP] = "ppp",
  [GW_VPN_KIND_IPSEC] = "ipsec",
  [GW_VPN_KIND_TUNNEL] = "tunnel",
};

static const char * const browser_kind_names[] = {
  [GW_BROWSER_KIND_OTHER] = "other",
  [GW_BROWSER_KIND_FIREFOX] = "firefox",
  [GW_BROWSER_KIND_CHROMIUM] = "chromium",
  [GW_BROWSER_KIND_EDGE] = "edge",
};

#define NAME_OF(table, value) \
  ((guint) (value) < G_N_ELEMENTS (table) ? table[(value)] : NULL)

const char *
gw_connectivity_to_string (GwConnectivity connectivity)
{
  return NAME_OF (connectivity_names, connectivity);
}

const char *
gw_resolver_kind_to_string (GwResolverKind kind)
{
  return NAME_OF (resolver_names, kind);
}

const char *
gw_proxy_mode_to_string (GwProxyMode mode)
{
  return NAME_OF (proxy_mode_names, mode);
}

const char *
gw_vpn_kind_to_string (GwVpnKind kind)
{
  return NAME_OF (vpn_kind_names, kind);
}

const char *
gw_browser_kind_to_string (GwBrowserKind kind)
{
  return NAME_OF (browser_kind_names, kind);
}

/* The facts */

static void
proxy_variable_free (gpointer data)
{
  GwProxyVariable *variable = data;

  g_free (variable->name);
  g_free (variable->value);
  g_free (variable);
}

static void
vpn_interface_free (gpointer data)
{
  GwVpnInterface *vpn = data;

  g_free (vpn->name);
  g_free (vpn);
}

GwLocalFacts *
gw_local_facts_new (void)
{
  GwLocalFacts *self = g_new0 (GwLocalFacts, 1);

  self->proxy_variables = g_ptr_array_new_with_free_func (proxy_variable_free);
  self->vpn_interfaces = g_ptr_array_new_with_free_func (vpn_interface_free);
  self->nameservers = g_new0 (char *, 1);
  self->browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_browser_free);
  return self;
}

void
gw_local_facts_free (GwLocalFacts *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->proxy_variables, g_ptr_array_unref);
  g_free (self->gnome_proxy);
  g_clear_pointer (&self->vpn_interfaces, g_ptr_array_unref);
  g_strfreev (self->vpn_connections);
  g_strfreev (self->nameservers);
  g_clear_pointer (&self->browsers, g_ptr_array_unref);
  gw_browser_free (self->default_browser);
  g_free (self->user_name);
  g_free (self->home_dir);
  g_free (self);
}

/* resolv.conf */

/* A nameserver value: an IPv4 or IPv6 address, the latter maybe with a zone. */
static gboolean
is_nameserver_address (const char *value)
{
  g_autofree char *address = g_strndup (value, strcspn (value, "%"));
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

  return inet != NULL;
}

static gboolean
has_nameserver (const char * const *nameservers,
                const char         *address)
{
  return g_strv_contains (nameservers, address);
}

/**
 * gw_resolv_conf_parse:
 * @contents: (nullable): the file's text, or %NULL when it could not be read
 * @resolved_on_bus: org.freedesktop.resolve1 has an owner on the system bus
 * @nameservers: (out) (optional): the valid nameserver addresses, in order
 *
 * Tells which resolver answers this computer's lookups. glibc reads only
 * lines that start with the keyword, so indented ones are accepted the same
 * way; comments start with '#' or ';'. systemd-resolved wins when
 * resolv.conf points at its stub, says it is managed by it, or resolve1 is on
 * the bus (nss-resolve then asks it before resolv.conf matters); an explicit
 * dnsmasq address wins over a running resolved.
 *
 * Returns: the resolver kind
 */
GwResolverKind
gw_resolv_conf_parse (const char *contents,
                      gboolean    resolved_on_bus,
                      GStrv      *nameservers)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) servers = NULL;
  gboolean by_networkmanager = FALSE, by_resolved = FALSE;
  guint n_servers = 0;
  GwResolverKind kind;

  lines = g_strsplit (contents != NULL ? contents : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i] + strspn (lines[i], " \t\r");
      g_autofree char *value = NULL;

      if (*line == '#' || *line == ';')
        {
          by_networkmanager |= strstr (line, "Generated by NetworkManager") != NULL;
          by_resolved |= strstr (line, "systemd-resolved") != NULL;
          continue;
        }
      if (!g_str_has_prefix (line, "nameserver") ||
          (line[10] != ' ' && line[10] != '\t'))
        continue;

      line += 10 + strspn (line + 10, " \t");
      value = g_strndup (line, strcspn (line, " \t\r#;"));
      if (n_servers < MAX_NAMESERVERS && is_nameserver_address (value))
        {
          g_strv_builder_add (builder, value);
          n_servers++;
        }
    }
  servers = g_strv_builder_end (builder);

  if (contents == NULL)
    kind = resolved_on_bus ? GW_RESOLVER_SYSTEMD_RESOLVED : GW_RESOLVER_UNKNOWN;
  else if (has_nameserver ((const char * const *) servers, "127.0.0.53") ||
           has_nameserver ((const char * const *) servers, "127.0.0.54"))
    kind = GW_RESOLVER_SYSTEMD_RESOLVED;
  else if (has_nameserver ((const char * const *) servers, "127.0.1.1") ||
           (by_networkmanager && has_nameserver ((const char * const *) servers, "127.0.0.1")))
    kind = GW_RESOLVER_DNSMASQ;
  else if (by_resolved || resolved_on_bus)
    kind = GW_RESOLVER_SYSTEMD_RESOLVED;
  else
    kind = GW_RESOLVER_PLAIN;

  if (nameservers != NULL)
    *nameservers = g_steal_pointer (&servers);
  return kind;
}

/* Proxy variables */

char *
gw_proxy_value_hide_credentials (const char *value)
{
  const char *authority, *at = NULL;
  gsize authority_len;

  g_return_val_if_fail (value != NULL, NULL);

  authority = strstr (value, "://");
  authority = authority != NULL ? authority + 3 : value;
  authority_len = strcspn (authority, "/?#");
  for (gsize i = 0; i < authority_len; i++)
    if (authority[i] == '@')
      at = authority + i;

  if (at == NULL)
    return g_strdup (value);
  return g_strdup_printf ("%.*s<credentials>%s", (int) (authority - value), value, at);
}

GPtrArray *
gw_proxy_variables_from_environ (const char * const *envp)
{
  /* What curl, GIO's environment resolver and most programs read. */
  static const char * const names[] = {
    "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
    "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
  };
  GPtrArray *variables = g_ptr_array_new_with_free_func (proxy_variable_free);

  for (guint i = 0; envp != NULL && i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_environ_getenv ((char **) envp, names[i]);
      GwProxyVariable *variable;

      if (value == NULL || *value == '\0')
        continue;
      variable = g_new0 (GwProxyVariable, 1);
      variable->name = g_strdup (names[i]);
      variable->value = gw_proxy_value_hide_credentials (value);
      g_ptr_array_add (variables, variable);
    }
  return variables;
}

/* VPN interfaces */

/* The first line of dir/name/file, or NULL. */
static char *
read_attribute (const char *dir,
                const char *name,
                const char *file)
{
  g_autofree char *path = g_build_filename (dir, name, file, NULL);
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  contents[strcspn (contents, "\n")] = '\0';
  return g_strstrip (g_steal_pointer (&contents));
}

static gboolean
read_number (const char *dir,
             const char *name,
             const char *file,
             guint64    *number)
{
  g_autofree char *text = read_attribute (dir, name, file);
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *number = g_ascii_strtoull (text, &end, 0);
  return end != NULL && *end == '\0';
}

/* Administratively up and not known to be down. tun and WireGuard devices
 * report "unknown" while they carry traffic, so only the explicit down
 * states count against them. */
static gboolean
interface_is_up (const char *dir,
                 const char *name)
{
  static const char * const down_states[] = { "down", "lowerlayerdown", "notpresent", NULL };
  g_autofree char *operstate = read_attribute (dir, name, "operstate");
  guint64 flags = 0;

  if (operstate != NULL && g_strv_contains (down_states, operstate))
    return FALSE;
  if (read_number (dir, name, "flags", &flags))
    return (flags & GW_IFF_UP) != 0;
  return operstate != NULL && (strcmp (operstate, "up") == 0 || strcmp (operstate, "unknown") == 0);
}

static gboolean
kind_from_name (const char *name,
                GwVpnKind  *kind)
{
  static const struct { const char *prefix; GwVpnKind kind; } prefixes[] = {
    { "tun", GW_VPN_KIND_TUN },
    { "tap", GW_VPN_KIND_TAP },
    { "wg", GW_VPN_KIND_WIREGUARD },
    { "ppp", GW_VPN_KIND_PPP },
    { "ipsec", GW_VPN_KIND_IPSEC },
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (name, prefixes[i].prefix))
      {
        *kind = prefixes[i].kind;
        return TRUE;
      }
  return FALSE;
}

/* ARPHRD_* link types of tunnels: ppp, none (tun, WireGuard, xfrm), ipip,
 * ip6tnl, sit, gre, ip6gre. */
static gboolean
kind_from_type (guint64    type,
                GwVpnKind *kind)
{
  switch (type)
    {
    case 512: *kind = GW_VPN_KIND_PPP; return TRUE;
    case 65534: *kind = GW_VPN_KIND_TUN; return TRUE;
    case 768: case 769: case 776: case 778: case 823:
      *kind = GW_VPN_KIND_TUNNEL;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
vpn_kind_of (const char *dir,
             const char *name,
             GwVpnKind  *kind)
{
  g_autofree char *uevent_path = g_build_filename (dir, name, "uevent", NULL);
  g_autofree char *uevent = NULL;
  guint64 number = 0;

  if (g_file_get_contents (uevent_path, &uevent, NULL, NULL) &&
      strstr (uevent, "DEVTYPE=wireguard") != NULL)
    {
      *kind = GW_VPN_KIND_WIREGUARD;
      return TRUE;
    }
  if (read_number (dir, name, "tun_flags", &number))
    {
      *kind = (number & GW_IFF_TAP) != 0 ? GW_VPN_KIND_TAP : GW_VPN_KIND_TUN;
      return TRUE;
    }
  if (kind_from_name (name, kind))
    return TRUE;
  return read_number (dir, name, "type", &number) && kind_from_type (number, kind);
}

static int
compare_vpn_interfaces (gconstpointer a,
                        gconstpointer b)
{
  const GwVpnInterface *x = *(GwVpnInterface * const *) a;
  const GwVpnInterface *y = *(GwVpnInterface * const *) b;

  return strcmp (x->name, y->name);
}

GPtrArray *
gw_vpn_interfaces_scan (const char *sys_class_net)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (vpn_interface_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_return_val_if_fail (sys_class_net != NULL, found);

  dir = g_dir_open (sys_class_net, 0, &error);
  if (dir == NULL)
    {
      g_debug ("Cannot list network interfaces: %s", error->message);
      return found;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      GwVpnKind kind;
      GwVpnInterface *vpn;

      if (!vpn_kind_of (sys_class_net, name, &kind) || !interface_is_up (sys_class_net, name))
        continue;
      vpn = g_new0 (GwVpnInterface, 1);
      vpn->name = g_strdup (name);
      vpn->kind = kind;
      g_ptr_array_add (found, vpn);
    }
  g_ptr_array_sort (found, compare_vpn_interfaces);
  return found;
}

/* GNOME's proxy settings */

static GSettings *
settings_for (GSettingsSchemaSource *source,
              const char            *id)
{
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, id, TRUE);

  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

/* "host:port" of org.gnome.system.proxy.<child>, or NULL when unset. */
static char *
manual_proxy (GSettingsSchemaSource *source,
              const char            *child)
{
  g_autofree char *id = g_strconcat ("org.gnome.system.proxy.", child, NULL);
  g_autoptr(GSettings) settings = settings_for (source, id);
  g_autofree char *host = NULL;

  if (settings == NULL)
    return NULL;
  host = g_settings_get_string (settings, "host");
  if (host == NULL || *host == '\0')
    return NULL;
  return g_strdup_printf ("%s:%d", host, g_settings_get_int (settings, "port"));
}

GwProxyMode
gw_gnome_proxy_mode_read (GSettingsSchemaSource *source,
                          char                 **detail)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *found = NULL;
  GwProxyMode result = GW_PROXY_MODE_UNKNOWN;

  if (detail != NULL)
    *detail = NULL;
  if (source == NULL)
    source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.system.proxy", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "mode"))
    return GW_PROXY_MODE_UNKNOWN;

  settings = g_settings_new_full (schema, NULL, NULL);
  mode = g_settings_get_string (settings, "mode");
  if (g_strcmp0 (mode, "none") == 0)
    result = GW_PROXY_MODE_NONE;
  else if (g_strcmp0 (mode, "manual") == 0)
    {
      result = GW_PROXY_MODE_MANUAL;
      found = manual_proxy (source, "https");
      if (found == NULL)
        found = manual_proxy (source, "http");
      if (found == NULL)
        found = manual_proxy (source, "socks");
    }
  else if (g_strcmp0 (mode, "auto") == 0)
    {
      result = GW_PROXY_MODE_AUTO;
      if (g_settings_schema_has_key (schema, "autoconfig-url"))
        found = g_settings_get_string (settings, "autoconfig-url");
    }

  if (found != NULL && *found != '\0' && detail != NULL)
    *detail = gw_proxy_value_hide_credentials (found);
  return result;
}

GwConnectivity
gw_connectivity_from_gio (GNetworkConnectivity connectivity)
{
  switch (connectivity)
    {
    case G_NETWORK_CONNECTIVITY_LOCAL: return GW_CONNECTIVITY_LOCAL;
    case G_NETWORK_CONNECTIVITY_LIMITED: return GW_CONNECTIVITY_LIMITED;
    case G_NETWORK_CONNECTIVITY_PORTAL: return GW_CONNECTIVITY_PORTAL;
    case G_NETWORK_CONNECTIVITY_FULL: return GW_CONNECTIVITY_FULL;
    default: return GW_CONNECTIVITY_UNKNOWN;
    }
}

/* Browsers */

static GwBrowserKind
kind_from_text (const char *text)
{
  static const struct { const char *needle; GwBrowserKind kind; } needles[] = {
    /* Edge first: its ids say nothing of Chromium. */
    { "microsoft-edge", GW_BROWSER_KIND_EDGE },
    { "microsoft.edge", GW_BROWSER_KIND_EDGE },
    { "msedge", GW_BROWSER_KIND_EDGE },
    { "firefox", GW_BROWSER_KIND_FIREFOX },
    { "librewolf", GW_BROWSER_KIND_FIREFOX },
    { "chromium", GW_BROWSER_KIND_CHROMIUM },
    { "chrome", GW_BROWSER_KIND_CHROMIUM },
    { "brave", GW_BROWSER_KIND_CHROMIUM },
    { "vivaldi", GW_BROWSER_KIND_CHROMIUM },
  };
  g_autofree char *lower = NULL;

  if (text == NULL)
    return GW_BROWSER_KIND_OTHER;
  lower = g_ascii_strdown (text, -1);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    if (strstr (lower, needles[i].needle) != NULL)
      return needles[i].kind;
  return GW_BROWSER_KIND_OTHER;
}

GwBrowserKind
gw_browser_kind_guess (const char *app_id,
                       const char *executable)
{
  g_autofree char *base = executable != NULL ? g_path_get_basename (executable) : NULL;
  GwBrowserKind kind = kind_from_text (app_id);

  return kind != GW_BROWSER_KIND_OTHER ? kind : kind_from_text (base);
}

const char *
gw_browser_kind_private_flag (GwBrowserKind kind)
{
  switch (kind)
    {
    case GW_BROWSER_KIND_FIREFOX: return "--private-window";
    case GW_BROWSER_KIND_CHROMIUM: return "--incognito";
    case GW_BROWSER_KIND_EDGE: return "--inprivate";
    case GW_BROWSER_KIND_OTHER:
    default: return NULL;
    }
}

GwBrowser *
gw_browser_new (const char         *app_id,
                const char         *name,
                const char         *executable,
                const char * const *command)
{
  GwBrowser *self;

  g_return_val_if_fail (app_id != NULL, NULL);

  self = g_new0 (GwBrowser, 1);
  self->app_id = g_strdup (app_id);
  self->name = g_strdup (name != NULL && *name != '\0' ? name : app_id);
  self->executable = g_strdup (executable);
  self->command = g_strdupv ((char **) command);
  self->kind = gw_browser_kind_guess (app_id, executable);
  /* Wrappers (env, flatpak) hide the browser: its own command may tell. */
  for (guint i = 0; self->kind == GW_BROWSER_KIND_OTHER && command != NULL && command[i]; i++)
    self->kind = gw_browser_kind_guess (command[i], NULL);
  return self;
}

GwBrowser *
gw_browser_copy (const GwBrowser *self)
{
  GwBrowser *copy;

  if (self == NULL)
    return NULL;
  copy = gw_browser_new (self->app_id, self->name, self->executable,
                         (const char * const *) self->command);
  copy->kind = self->kind;
  return copy;
}

void
gw_browser_free (GwBrowser *self)
{
  if (self == NULL)
    return;
  g_free (self->app_id);
  g_free (self->name);
  g_free (self->executable);
  g_strfreev (self->command);
  g_free (self);
}

static gboolean
is_field_code (const char *arg)
{
  static const char * const markers[] = { "@@", "@@u", "@@f", NULL };

  if (g_strv_contains (markers, arg))
    return TRUE;
  for (const char *p = strchr (arg, '%'); p != NULL; p = strchr (p + 2, '%'))
    {
      if (p[1] != '%')
        return TRUE;
    }
  return FALSE;
}

/* Unescapes "%%" to "%". */
static char *
unescape_percent (const char *arg)
{
  GString *out = g_string_new (NULL);

  for (const char *p = arg; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (p[0] == '%' && p[1] == '%')
        p++;
    }
  return g_string_free (out, FALSE);
}

GStrv
gw_exec_to_argv (const char *exec)
{
  g_auto(GStrv) parsed = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n = 0;

  if (exec == NULL || !g_shell_parse_argv (exec, NULL, &parsed, NULL))
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; parsed[i] != NULL; i++)
    {
      g_autofree char *arg = NULL;

      if (is_field_code (parsed[i]))
        continue;
      arg = unescape_percent (parsed[i]);
      g_strv_builder_add (builder, arg);
      n++;
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

GStrv
gw_browser_private_argv (const GwBrowser *self,
                         const char      *uri)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  const char *flag;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  flag = gw_browser_kind_private_flag (self->kind);
  if (flag == NULL || (self->command == NULL && self->executable == NULL))
    return NULL;

  builder = g_strv_builder_new ();
  if (self->command != NULL)
    g_strv_builder_addv (builder, (const char **) self->command);
  else
    g_strv_builder_add (builder, self->executable);
  g_strv_builder_add (builder, flag);
  g_strv_builder_add (builder, uri);
  return g_strv_builder_end (builder);
}

GwBrowser *
gw_browser_new_from_app_info (GAppInfo *info)
{
  g_auto(GStrv) command = NULL;
  const char *app_id;

  g_return_val_if_fail (G_IS_APP_INFO (info), NULL);

  app_id = g_app_info_get_id (info);
  if (app_id == NULL)
    return NULL;
  command = gw_exec_to_argv (g_app_info_get_commandline (info));
  return gw_browser_new (app_id, g_app_info_get_name (info), g_app_info_get_executable (info),
                         (const char * const *) command);
}

static int
compare_browsers (gconstpointer a,
                  gconstpointer b)
{
  const GwBrowser *x = *(GwBrowser * const *) a;
  const GwBrowser *y = *(GwBrowser * const *) b;
  int by_name = g_utf8_collate (x->name, y->name);

  return by_name != 0 ? by_name : strcmp (x->app_id, y->app_id);
}

GPtrArray *
gw_browsers_from_app_infos (GList *infos)
{
  GPtrArray *browsers = g_ptr_array_new_with_free_func ((GDestroyNotify) gw_browser_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (GList *l = infos; l != NULL; l = l->next)
    {
      GAppInfo *info = l->data;
      GwBrowser *browser;

      if (!g_app_info_should_show (info))
        continue;
      browser = gw_browser_new_from_app_info (info);
      if (browser == NULL)
        continue;
      if (!g_hash_table_add (seen, browser->app_id))
        {
          gw_browser_free (browser);
          continue;
        }
      g_ptr_array_add (browsers, browser);
    }
  g_ptr_array_sort (browsers, compare_browsers);
  return browsers;
}
