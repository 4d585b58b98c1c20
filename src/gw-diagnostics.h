/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Facts about this computer that explain "it's me": proxy settings, VPN
 * interfaces, the resolver, connectivity and the installed browsers. The
 * parsers take file contents, directories and environment blocks as
 * parameters; the gatherers read the real ones. */

typedef enum
{
  GW_CONNECTIVITY_UNKNOWN,
  GW_CONNECTIVITY_LOCAL,      /* no network beyond this computer */
  GW_CONNECTIVITY_LIMITED,    /* a network, but no route to the internet */
  GW_CONNECTIVITY_PORTAL,     /* a captive portal wants a sign-in */
  GW_CONNECTIVITY_FULL,
} GwConnectivity;

typedef enum
{
  GW_RESOLVER_UNKNOWN,          /* /etc/resolv.conf could not be read */
  GW_RESOLVER_SYSTEMD_RESOLVED, /* the 127.0.0.53 stub, or resolve1 owns its bus name */
  GW_RESOLVER_DNSMASQ,          /* NetworkManager's dnsmasq on 127.0.1.1 or 127.0.0.1 */
  GW_RESOLVER_PLAIN,            /* glibc asks the listed name servers itself */
} GwResolverKind;

typedef enum
{
  GW_PROXY_MODE_UNKNOWN,        /* GNOME's proxy schema is not installed */
  GW_PROXY_MODE_NONE,
  GW_PROXY_MODE_MANUAL,
  GW_PROXY_MODE_AUTO,
} GwProxyMode;

typedef enum
{
  GW_VPN_KIND_TUN,
  GW_VPN_KIND_TAP,
  GW_VPN_KIND_WIREGUARD,
  GW_VPN_KIND_PPP,
  GW_VPN_KIND_IPSEC,
  GW_VPN_KIND_TUNNEL,           /* an IP-in-IP, GRE or SIT tunnel */
} GwVpnKind;

typedef enum
{
  GW_BROWSER_KIND_OTHER,
  GW_BROWSER_KIND_FIREFOX,      /* Firefox, LibreWolf: --private-window */
  GW_BROWSER_KIND_CHROMIUM,     /* Chrome, Chromium, Brave, Vivaldi: --incognito */
  GW_BROWSER_KIND_EDGE,         /* Microsoft Edge: --inprivate */
} GwBrowserKind;

typedef struct
{
  char *name;                   /* "https_proxy" */
  char *value;                  /* user name and password replaced by "<credentials>" */
} GwProxyVariable;

typedef struct
{
  char      *name;              /* "tun0" */
  GwVpnKind  kind;
} GwVpnInterface;

typedef struct
{
  char          *app_id;        /* the desktop id, "firefox.desktop" */
  char          *name;          /* "Firefox" */
  char          *executable;    /* as GIO reports it ("firefox", "/usr/bin/flatpak"); may be NULL */
  GStrv          command;       /* the Exec line as argv without field codes; NULL: executable */
  GwBrowserKind  kind;
} GwBrowser;

typedef struct
{
  GPtrArray      *proxy_variables;  /* of GwProxyVariable, never NULL */
  GwProxyMode     gnome_proxy_mode;
  char           *gnome_proxy;      /* manual: "host:port"; auto: the configuration URL; or NULL */
  GPtrArray      *vpn_interfaces;   /* of GwVpnInterface, the ones that are up, by name */
  GStrv           vpn_connections;  /* NetworkManager's active VPNs; NULL: not known */
  GwResolverKind  resolver;
  GStrv           nameservers;      /* as listed in resolv.conf, never NULL */
  GwConnectivity  connectivity;
  GPtrArray      *browsers;         /* of GwBrowser, by name, never NULL */
  GwBrowser      *default_browser;  /* for https: links, or NULL */
  char           *user_name;        /* for the report's redaction, or NULL */
  char           *home_dir;
} GwLocalFacts;

/* Where the gatherers look; NULL or 0 members mean the real system. */
typedef struct
{
  const char            *resolv_conf;    /* NULL: /etc/resolv.conf */
  const char            *sys_class_net;  /* NULL: /sys/class/net */
  const char * const    *envp;           /* NULL: this process's environment */
  GSettingsSchemaSource *schemas;        /* NULL: the default schema source */
  GDBusConnection       *system_bus;     /* NULL: the system bus (async gatherer only) */
  GwConnectivity         connectivity;   /* UNKNOWN: ask GIO's default network monitor */
} GwFactSources;

GwLocalFacts   *gw_local_facts_new                 (void);
void            gw_local_facts_free                (GwLocalFacts          *self);

/* Reads the cheap local facts at once: files, the environment, GSettings,
 * the desktop files. Nothing on D-Bus: vpn_connections stays NULL and the
 * resolver is judged from resolv.conf alone. */
GwLocalFacts   *gw_local_facts_gather              (const GwFactSources   *sources);
/* The same, plus what the system bus knows (systemd-resolved's name,
 * NetworkManager's active VPN connections), asynchronously. A bus that cannot
 * be reached only leaves those facts unknown: the task fails only when
 * cancelled. sources and what it points to must outlive the call. */
void            gw_local_facts_gather_async        (const GwFactSources   *sources,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
GwLocalFacts   *gw_local_facts_gather_finish       (GAsyncResult          *result,
                                                    GError               **error);

/* Parsers */

/* contents NULL: the file could not be read. nameservers (out, optional)
 * receives the valid nameserver lines, never NULL. */
GwResolverKind  gw_resolv_conf_parse               (const char            *contents,
                                                    gboolean               resolved_on_bus,
                                                    GStrv                 *nameservers);
/* The proxy variables curl and most programs read, with credentials hidden. */
GPtrArray      *gw_proxy_variables_from_environ    (const char * const    *envp);
/* "http://alice:pw@proxy:3128" → "http://<credentials>@proxy:3128"; also
 * without a scheme ("alice:pw@proxy:3128"). */
char           *gw_proxy_value_hide_credentials    (const char            *value);
/* The VPN-like interfaces that are up in a /sys/class/net-like directory:
 * names starting tun, tap, wg, ppp or ipsec, tun/tap devices, WireGuard,
 * and tunnel link types. Missing or unreadable directories give none. */
GPtrArray      *gw_vpn_interfaces_scan             (const char            *sys_class_net);
/* org.gnome.system.proxy's mode from source (NULL: the default source), or
 * UNKNOWN when the schema is not installed. detail (out, optional): the
 * manual proxy's host:port or the automatic configuration's URL. */
GwProxyMode     gw_gnome_proxy_mode_read           (GSettingsSchemaSource *source,
                                                    char                 **detail);
GwConnectivity  gw_connectivity_from_gio           (GNetworkConnectivity   connectivity);

GwBrowser      *gw_browser_new                     (const char            *app_id,
                                                    const char            *name,
                                                    const char            *executable,
                                                    const char * const    *command);
GwBrowser      *gw_browser_new_from_app_info       (GAppInfo              *info);
GwBrowser      *gw_browser_copy                    (const GwBrowser       *self);
void            gw_browser_free                    (GwBrowser             *self);
/* From the desktop id and the executable's name; Flatpak and Snap ids too. */
GwBrowserKind   gw_browser_kind_guess              (const char            *app_id,
                                                    const char            *executable);
/* The command-line flag that opens a private window, or NULL. */
const char     *gw_browser_kind_private_flag       (GwBrowserKind          kind);
/* argv that opens uri in a private window: the command, the flag, the uri
 * (to spawn as is, never through a shell); NULL when no flag is known. */
GStrv           gw_browser_private_argv            (const GwBrowser       *self,
                                                    const char            *uri);
/* A desktop file's Exec value as argv, without field codes (%u, %U, …) or
 * Flatpak's @@ markers; NULL when it does not parse. */
GStrv           gw_exec_to_argv                    (const char            *exec);
/* GwBrowser for each of infos that is not hidden, one per desktop id, by name. */
GPtrArray      *gw_browsers_from_app_infos         (GList                 *infos);

const char     *gw_connectivity_to_string          (GwConnectivity         connectivity);
const char     *gw_resolver_kind_to_string         (GwResolverKind         kind);
const char     *gw_proxy_mode_to_string            (GwProxyMode            mode);
const char     *gw_vpn_kind_to_string              (GwVpnKind              kind);
const char     *gw_browser_kind_to_string          (GwBrowserKind          kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwLocalFacts, gw_local_facts_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwBrowser, gw_browser_free)

G_END_DECLS
