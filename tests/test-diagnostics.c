/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-diagnostics"
#define _GNU_SOURCE  /* unshare () */

#include "config.h"

#include "gw-diagnostics.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <linux/if_tun.h>
#include <net/if.h>

#define WEB_URL "https://chatgpt.com/"

/* resolv.conf */

typedef struct
{
  const char     *fixture;      /* tests/data/resolv.conf.<fixture>; NULL: unreadable */
  gboolean        on_bus;
  GwResolverKind  kind;
  const char     *servers[4];
} ResolvCase;

static const ResolvCase resolv_cases[] = {
  { "systemd-resolved", FALSE, GW_RESOLVER_SYSTEMD_RESOLVED, { "127.0.0.53" } },
  { "resolved-uplink", FALSE, GW_RESOLVER_SYSTEMD_RESOLVED, { "192.168.1.1", "fd00::1" } },
  { "networkmanager-dnsmasq", FALSE, GW_RESOLVER_DNSMASQ, { "127.0.1.1" } },
  { "networkmanager-localhost", FALSE, GW_RESOLVER_DNSMASQ, { "127.0.0.1" } },
  { "networkmanager-plain", FALSE, GW_RESOLVER_PLAIN, { "192.168.1.1", "fe80::1%wlp3s0" } },
  { "plain", FALSE, GW_RESOLVER_PLAIN, { "1.1.1.1", "9.9.9.9" } },
  { "empty", FALSE, GW_RESOLVER_PLAIN, { NULL } },
  { "garbage", FALSE, GW_RESOLVER_PLAIN, { "8.8.4.4" } },
  { NULL, FALSE, GW_RESOLVER_UNKNOWN, { NULL } },
  /* nss-resolve asks a running resolved before resolv.conf matters… */
  { NULL, TRUE, GW_RESOLVER_SYSTEMD_RESOLVED, { NULL } },
  { "plain", TRUE, GW_RESOLVER_SYSTEMD_RESOLVED, { "1.1.1.1", "9.9.9.9" } },
  /* …but a dnsmasq that resolv.conf names is what glibc asks. */
  { "networkmanager-dnsmasq", TRUE, GW_RESOLVER_DNSMASQ, { "127.0.1.1" } },
};

static char *
load_fixture (const char *name)
{
  g_autofree char *file = g_strconcat ("resolv.conf.", name, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", file, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_resolv_conf (gconstpointer data)
{
  const ResolvCase *c = data;
  g_autofree char *contents = c->fixture != NULL ? load_fixture (c->fixture) : NULL;
  g_auto(GStrv) servers = NULL;
  GwResolverKind kind = gw_resolv_conf_parse (contents, c->on_bus, &servers);
  guint n = 0;

  g_assert_cmpstr (gw_resolver_kind_to_string (kind), ==, gw_resolver_kind_to_string (c->kind));
  g_assert_nonnull (servers);
  while (c->servers[n] != NULL)
    n++;
  g_assert_cmpuint (g_strv_length (servers), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (servers[i], ==, c->servers[i]);
  /* The out parameter is optional. */
  g_assert_cmpint (gw_resolv_conf_parse (contents, c->on_bus, NULL), ==, c->kind);
}

/* VPN interfaces */

typedef struct
{
  char *dir;
} SysFixture;

static void
write_attribute (const char *dir,
                 const char *name,
                 const char *file,
                 const char *value)
{
  g_autofree char *iface = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (iface, file, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (iface, 0755), ==, 0);
  g_file_set_contents (path, value, -1, &error);
  g_assert_no_error (error);
}

typedef struct
{
  const char *name;
  const char *type;
  const char *operstate;
  const char *flags;       /* NULL: no flags file */
  const char *tun_flags;   /* NULL: not a tun/tap device */
  const char *uevent;
} FakeInterface;

static void
make_interfaces (const char          *dir,
                 const FakeInterface *ifaces,
                 gsize                n)
{
  for (gsize i = 0; i < n; i++)
    {
      const FakeInterface *f = &ifaces[i];

      write_attribute (dir, f->name, "type", f->type);
      if (f->operstate != NULL)
        write_attribute (dir, f->name, "operstate", f->operstate);
      if (f->flags != NULL)
        write_attribute (dir, f->name, "flags", f->flags);
      if (f->tun_flags != NULL)
        write_attribute (dir, f->name, "tun_flags", f->tun_flags);
      write_attribute (dir, f->name, "uevent", f->uevent != NULL ? f->uevent : "");
    }
}

static void
sys_setup (SysFixture    *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gw-sys-class-net-XXXXXX", &error);
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

static void
sys_teardown (SysFixture    *fixture,
              gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
vpn_list (GPtrArray *vpns)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < vpns->len; i++)
    {
      const GwVpnInterface *vpn = g_ptr_array_index (vpns, i);

      g_string_append_printf (out, "%s%s:%s", i > 0 ? " " : "", vpn->name,
                              gw_vpn_kind_to_string (vpn->kind));
    }
  return g_string_free (out, FALSE);
}

/* The tree the issue describes: lo, eth0 up, tun0 up, wg0 down, tap1 up. */
static void
test_vpn_basic (SysFixture    *fixture,
                gconstpointer  data)
{
  static const FakeInterface ifaces[] = {
    { "lo", "772", "unknown", "0x9", NULL, NULL },
    { "eth0", "1", "up", "0x1003", NULL, "INTERFACE=eth0\nIFINDEX=2\n" },
    { "tun0", "65534", "unknown", "0x1091", "0x1001", "INTERFACE=tun0\n" },
    { "wg0", "65534", "down", "0x90", NULL, "DEVTYPE=wireguard\nINTERFACE=wg0\n" },
    { "tap1", "1", "up", "0x1003", "0x1002", NULL },
  };
  g_autoptr(GPtrArray) vpns = NULL;
  g_autofree char *list = NULL;

  make_interfaces (fixture->dir, ifaces, G_N_ELEMENTS (ifaces));
  vpns = gw_vpn_interfaces_scan (fixture->dir);
  list = vpn_list (vpns);
  g_assert_cmpstr (list, ==, "tap1:tap tun0:tun");
}

/* Detection by device type, link type and name; up by flags or operstate. */
static void
test_vpn_kinds (SysFixture    *fixture,
                gconstpointer  data)
{
  static const FakeInterface ifaces[] = {
    /* WireGuard under any name */
    { "office", "65534", "unknown", "0x91", NULL, "DEVTYPE=wireguard\nINTERFACE=office\n" },
    /* a tun device (Tailscale, Cloudflare WARP) */
    { "tailscale0", "65534", "unknown", "0x11", NULL, NULL },
    { "ppp0", "512", "unknown", "0x10d1", NULL, NULL },
    { "gre1", "778", "unknown", "0x91", NULL, NULL },
    { "ipsec0", "65534", "unknown", "0xc1", NULL, NULL },
    /* only operstate: up and unknown count */
    { "tun5", "65534", "unknown", NULL, NULL, NULL },
    { "tun6", "65534", "up", NULL, NULL, NULL },
    /* administratively down, or down though flagged up */
    { "tun7", "65534", "unknown", "0x1090", NULL, NULL },
    { "tun8", "65534", "lowerlayerdown", "0x1091", NULL, NULL },
    { "ip6tnl0", "769", "down", "0x88", NULL, NULL },
    /* neither a VPN by name nor by type */
    { "wlp3s0", "1", "up", "0x1003", NULL, "DEVTYPE=wlan\n" },
    { "docker0", "1", "up", "0x1003", NULL, "DEVTYPE=bridge\n" },
    { "wlan0", "1", "up", "0x1003", NULL, NULL },
    /* no state at all: not known to be up */
    { "tun9", "65534", NULL, NULL, NULL, NULL },
  };
  g_autoptr(GPtrArray) vpns = NULL;
  g_autofree char *list = NULL;

  make_interfaces (fixture->dir, ifaces, G_N_ELEMENTS (ifaces));
  vpns = gw_vpn_interfaces_scan (fixture->dir);
  list = vpn_list (vpns);
  g_assert_cmpstr (list, ==, "gre1:tunnel ipsec0:ipsec office:wireguard ppp0:ppp "
                             "tailscale0:tun tun5:tun tun6:tun");
}

static void
test_vpn_missing_dir (void)
{
  g_autoptr(GPtrArray) vpns = gw_vpn_interfaces_scan ("/nonexistent/gatewatch/sys/class/net");

  g_assert_nonnull (vpns);
  g_assert_cmpuint (vpns->len, ==, 0);
}

/* A real tun and tap device in a network namespace of their own, seen
 * through a sysfs mounted for that namespace: root only. */

static gboolean
can_unshare (void)
{
  pid_t pid;
  int status = 0;

  if (geteuid () != 0 || !g_file_test ("/dev/net/tun", G_FILE_TEST_EXISTS))
    return FALSE;
  pid = fork ();
  if (pid == 0)
    _exit (unshare (CLONE_NEWNET | CLONE_NEWNS) == 0 ? 0 : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) &&
         WEXITSTATUS (status) == 0;
}

static int
open_tun (const char *name,
          short       mode,
          gboolean    up)
{
  struct ifreq ifr;
  int fd = open ("/dev/net/tun", O_RDWR | O_CLOEXEC);
  int sock;

  g_assert_cmpint (fd, >=, 0);
  memset (&ifr, 0, sizeof ifr);
  ifr.ifr_flags = mode | IFF_NO_PI;
  g_strlcpy (ifr.ifr_name, name, IFNAMSIZ);
  g_assert_cmpint (ioctl (fd, TUNSETIFF, &ifr), ==, 0);
  if (!up)
    return fd;

  sock = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (sock, >=, 0);
  g_assert_cmpint (ioctl (sock, SIOCGIFFLAGS, &ifr), ==, 0);
  ifr.ifr_flags |= IFF_UP;
  g_assert_cmpint (ioctl (sock, SIOCSIFFLAGS, &ifr), ==, 0);
  close (sock);
  return fd;
}

static void
run_in_namespace (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *net = NULL;
  g_autoptr(GPtrArray) vpns = NULL;
  g_autofree char *list = NULL;
  int fds[3];

  g_assert_cmpint (unshare (CLONE_NEWNET | CLONE_NEWNS), ==, 0);
  /* Nothing mounted here may reach the parent's namespace. */
  g_assert_cmpint (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), ==, 0);
  dir = g_dir_make_tmp ("gw-sysfs-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mount ("sysfs", dir, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL), ==, 0);

  fds[0] = open_tun ("gwvpn0", IFF_TUN, TRUE);
  fds[1] = open_tun ("gwtap0", IFF_TAP, TRUE);
  fds[2] = open_tun ("gwidle0", IFF_TUN, FALSE);

  net = g_build_filename (dir, "class", "net", NULL);
  vpns = gw_vpn_interfaces_scan (net);
  list = vpn_list (vpns);
  g_test_message ("in the namespace: %s", list);
  g_assert_cmpstr (list, ==, "gwtap0:tap gwvpn0:tun");

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    close (fds[i]);
  g_assert_cmpint (umount (dir), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_vpn_real_namespace (void)
{
  if (g_test_subprocess ())
    {
      run_in_namespace ();
      return;
    }
  if (!can_unshare ())
    {
      g_test_skip ("needs root, /dev/net/tun and network namespaces");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Proxy variables */

static void
test_proxy_environment (void)
{
  const char * const envp[] = {
    "PATH=/usr/bin",
    "http_proxy=http://alice:s3cret@proxy.example:3128",
    "HTTP_PROXY=",
    "HTTPS_PROXY=proxy2.example:8080",
    "ALL_PROXY=socks5h://bob@socks.example:1080",
    "no_proxy=localhost,.internal",
    "FTP_PROXY=ftp://carol:pw@ftp.example",
    NULL
  };
  static const char * const expected[][2] = {
    { "http_proxy", "http://<credentials>@proxy.example:3128" },
    { "HTTPS_PROXY", "proxy2.example:8080" },
    { "ALL_PROXY", "socks5h://<credentials>@socks.example:1080" },
    { "no_proxy", "localhost,.internal" },
  };
  g_autoptr(GPtrArray) variables = gw_proxy_variables_from_environ (envp);
  g_autoptr(GPtrArray) none = gw_proxy_variables_from_environ (NULL);

  g_assert_cmpuint (variables->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < variables->len; i++)
    {
      const GwProxyVariable *v = g_ptr_array_index (variables, i);

      g_assert_cmpstr (v->name, ==, expected[i][0]);
      g_assert_cmpstr (v->value, ==, expected[i][1]);
      g_assert_null (strstr (v->value, "s3cret"));
    }
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_hide_credentials (void)
{
  static const char * const cases[][2] = {
    { "http://alice:s3cret@proxy:3128", "http://<credentials>@proxy:3128" },
    { "http://alice@proxy:3128/", "http://<credentials>@proxy:3128/" },
    { "alice:s3cret@proxy:3128", "<credentials>@proxy:3128" },
    /* a sloppy password with an @: everything up to the last one goes */
    { "http://alice:p@ss@proxy:3128", "http://<credentials>@proxy:3128" },
    { "http://proxy:3128/path@x", "http://proxy:3128/path@x" },
    { "http://proxy:3128", "http://proxy:3128" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hidden = gw_proxy_value_hide_credentials (cases[i][0]);

      g_assert_cmpstr (hidden, ==, cases[i][1]);
    }
}

/* GNOME's proxy settings */

static void
test_gnome_proxy_missing_schema (void)
{
  g_autoptr(GSettingsSchemaSource) own = NULL;
  g_autoptr(GError) error = NULL;
  char *detail = (char *) "not set";
  const char *dir = g_getenv ("GSETTINGS_SCHEMA_DIR");

  /* The tests' default source holds only Gatewatch's schema. */
  g_assert_cmpint (gw_gnome_proxy_mode_read (NULL, &detail), ==, GW_PROXY_MODE_UNKNOWN);
  g_assert_null (detail);
  g_assert_cmpint (gw_gnome_proxy_mode_read (NULL, NULL), ==, GW_PROXY_MODE_UNKNOWN);

  if (dir == NULL)
    return;
  own = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gw_gnome_proxy_mode_read (own, NULL), ==, GW_PROXY_MODE_UNKNOWN);
}

static GSettings *
system_settings (GSettingsSchemaSource *source,
                 const char            *id)
{
  g_autoptr(GSettingsSchema) schema = g_settings_schema_source_lookup (source, id, FALSE);

  g_assert_nonnull (schema);
  return g_settings_new_full (schema, NULL, NULL);
}

static void
test_gnome_proxy_modes (void)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) proxy = NULL;
  g_autoptr(GSettings) https = NULL;
  g_autoptr(GSettings) http = NULL;
  g_autofree char *manual = NULL, *manual_http = NULL, *automatic = NULL, *off = NULL;
  g_autofree char *schema_file = g_build_filename (SYSTEM_SCHEMA_DIR, "gschemas.compiled", NULL);

  if (!g_file_test (schema_file, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no compiled system schemas");
      return;
    }
  source = g_settings_schema_source_new_from_directory (SYSTEM_SCHEMA_DIR, NULL, FALSE, NULL);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.system.proxy", FALSE);
  if (schema == NULL)
    {
      g_test_skip ("needs gsettings-desktop-schemas");
      return;
    }

  proxy = system_settings (source, "org.gnome.system.proxy");
  https = system_settings (source, "org.gnome.system.proxy.https");
  http = system_settings (source, "org.gnome.system.proxy.http");

  g_settings_set_string (proxy, "mode", "manual");
  g_settings_set_string (https, "host", "proxy.example");
  g_settings_set_int (https, "port", 3128);
  g_assert_cmpint (gw_gnome_proxy_mode_read (source, &manual), ==, GW_PROXY_MODE_MANUAL);
  g_assert_cmpstr (manual, ==, "proxy.example:3128");

  g_settings_set_string (https, "host", "");
  g_settings_set_string (http, "host", "web-proxy.example");
  g_settings_set_int (http, "port", 8080);
  g_assert_cmpint (gw_gnome_proxy_mode_read (source, &manual_http), ==, GW_PROXY_MODE_MANUAL);
  g_assert_cmpstr (manual_http, ==, "web-proxy.example:8080");

  g_settings_set_string (proxy, "mode", "auto");
  g_settings_set_string (proxy, "autoconfig-url", "http://wpad.example/wpad.dat");
  g_assert_cmpint (gw_gnome_proxy_mode_read (source, &automatic), ==, GW_PROXY_MODE_AUTO);
  g_assert_cmpstr (automatic, ==, "http://wpad.example/wpad.dat");

  g_settings_set_string (proxy, "mode", "none");
  g_assert_cmpint (gw_gnome_proxy_mode_read (source, &off), ==, GW_PROXY_MODE_NONE);
  g_assert_null (off);
}

static void
test_connectivity (void)
{
  g_assert_cmpint (gw_connectivity_from_gio (G_NETWORK_CONNECTIVITY_LOCAL), ==,
                   GW_CONNECTIVITY_LOCAL);
  g_assert_cmpint (gw_connectivity_from_gio (G_NETWORK_CONNECTIVITY_LIMITED), ==,
                   GW_CONNECTIVITY_LIMITED);
  g_assert_cmpint (gw_connectivity_from_gio (G_NETWORK_CONNECTIVITY_PORTAL), ==,
                   GW_CONNECTIVITY_PORTAL);
  g_assert_cmpint (gw_connectivity_from_gio (G_NETWORK_CONNECTIVITY_FULL), ==,
                   GW_CONNECTIVITY_FULL);
  g_assert_cmpint (gw_connectivity_from_gio (99), ==, GW_CONNECTIVITY_UNKNOWN);
  g_assert_cmpstr (gw_connectivity_to_string (GW_CONNECTIVITY_PORTAL), ==, "portal");
  g_assert_cmpstr (gw_resolver_kind_to_string (GW_RESOLVER_DNSMASQ), ==, "dnsmasq");
  g_assert_cmpstr (gw_proxy_mode_to_string (GW_PROXY_MODE_AUTO), ==, "auto");
  g_assert_cmpstr (gw_vpn_kind_to_string (GW_VPN_KIND_WIREGUARD), ==, "wireguard");
  g_assert_cmpstr (gw_browser_kind_to_string (GW_BROWSER_KIND_EDGE), ==, "edge");
  g_assert_null (gw_connectivity_to_string (99));
}

/* Browsers */

typedef struct
{
  const char    *app_id;
  const char    *executable;
  GwBrowserKind  kind;
  const char    *flag;
} KindCase;

static const KindCase kind_cases[] = {
  { "firefox.desktop", "firefox", GW_BROWSER_KIND_FIREFOX, "--private-window" },
  { "firefox-esr.desktop", "/usr/lib/firefox-esr/firefox-esr", GW_BROWSER_KIND_FIREFOX,
    "--private-window" },
  { "org.mozilla.firefox.desktop", "/usr/bin/flatpak", GW_BROWSER_KIND_FIREFOX,
    "--private-window" },
  { "firefox_firefox.desktop", "env", GW_BROWSER_KIND_FIREFOX, "--private-window" },
  { "librewolf.desktop", "librewolf", GW_BROWSER_KIND_FIREFOX, "--private-window" },
  { "google-chrome.desktop", "/usr/bin/google-chrome-stable", GW_BROWSER_KIND_CHROMIUM,
    "--incognito" },
  { "com.google.Chrome.desktop", "/usr/bin/flatpak", GW_BROWSER_KIND_CHROMIUM, "--incognito" },
  { "chromium-browser.desktop", "chromium-browser", GW_BROWSER_KIND_CHROMIUM, "--incognito" },
  { "org.chromium.Chromium.desktop", "/usr/bin/flatpak", GW_BROWSER_KIND_CHROMIUM,
    "--incognito" },
  { "brave-browser.desktop", "/usr/bin/brave-browser-stable", GW_BROWSER_KIND_CHROMIUM,
    "--incognito" },
  { "com.brave.Browser.desktop", "/usr/bin/flatpak", GW_BROWSER_KIND_CHROMIUM, "--incognito" },
  { "vivaldi-stable.desktop", "/usr/bin/vivaldi-stable", GW_BROWSER_KIND_CHROMIUM,
    "--incognito" },
  { "microsoft-edge.desktop", "/usr/bin/microsoft-edge-stable", GW_BROWSER_KIND_EDGE,
    "--inprivate" },
  { "com.microsoft.Edge.desktop", "/usr/bin/flatpak", GW_BROWSER_KIND_EDGE, "--inprivate" },
  { "custom.desktop", "/opt/firefox/firefox", GW_BROWSER_KIND_FIREFOX, "--private-window" },
  { "org.gnome.Epiphany.desktop", "epiphany", GW_BROWSER_KIND_OTHER, NULL },
  { "org.qutebrowser.qutebrowser.desktop", "qutebrowser", GW_BROWSER_KIND_OTHER, NULL },
  { "xdg-open.desktop", NULL, GW_BROWSER_KIND_OTHER, NULL },
};

static void
test_browser_kind (gconstpointer data)
{
  const KindCase *c = data;
  GwBrowserKind kind = gw_browser_kind_guess (c->app_id, c->executable);

  g_assert_cmpstr (gw_browser_kind_to_string (kind), ==, gw_browser_kind_to_string (c->kind));
  g_assert_cmpstr (gw_browser_kind_private_flag (kind), ==, c->flag);
}

typedef struct
{
  const char *exec;
  const char *argv[10];   /* { NULL }: parsing gives NULL */
} ExecCase;

static const ExecCase exec_cases[] = {
  { "firefox %u", { "firefox" } },
  { "/usr/bin/google-chrome-stable %U", { "/usr/bin/google-chrome-stable" } },
  { "/usr/bin/flatpak run --branch=stable --arch=x86_64 --command=firefox --file-forwarding "
    "org.mozilla.firefox @@u %u @@",
    { "/usr/bin/flatpak", "run", "--branch=stable", "--arch=x86_64", "--command=firefox",
      "--file-forwarding", "org.mozilla.firefox" } },
  { "env BAMF_DESKTOP_FILE_HINT=/var/lib/snapd/desktop/applications/firefox_firefox.desktop "
    "/snap/bin/firefox %u",
    { "env", "BAMF_DESKTOP_FILE_HINT=/var/lib/snapd/desktop/applications/firefox_firefox.desktop",
      "/snap/bin/firefox" } },
  { "\"/opt/My Browser/browser\" --flag %U", { "/opt/My Browser/browser", "--flag" } },
  { "browser --name=%c --title=100%% %i %k", { "browser", "--title=100%" } },
  { "%u", { NULL } },
  { "", { NULL } },
  { "\"unterminated", { NULL } },
};

static void
test_exec_to_argv (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (exec_cases); i++)
    {
      const ExecCase *c = &exec_cases[i];
      g_auto(GStrv) argv = gw_exec_to_argv (c->exec);

      g_test_message ("Exec=%s", c->exec);
      if (c->argv[0] == NULL)
        {
          g_assert_null (argv);
          continue;
        }
      g_assert_nonnull (argv);
      g_assert_cmpuint (g_strv_length (argv), ==, g_strv_length ((char **) c->argv));
      for (guint j = 0; argv[j] != NULL; j++)
        g_assert_cmpstr (argv[j], ==, c->argv[j]);
    }
  g_assert_null (gw_exec_to_argv (NULL));
}

static void
assert_strv (char * const *actual,
             const char   *first,
             ...)
{
  va_list args;
  const char *expected = first;
  guint i = 0;

  va_start (args, first);
  for (; expected != NULL; expected = va_arg (args, const char *), i++)
    {
      g_assert_nonnull (actual[i]);
      g_assert_cmpstr (actual[i], ==, expected);
    }
  va_end (args);
  g_assert_null (actual[i]);
}

static void
test_private_argv (void)
{
  const char * const flatpak[] = { "/usr/bin/flatpak", "run", "--command=firefox",
                                   "org.mozilla.firefox", NULL };
  g_autoptr(GwBrowser) firefox = gw_browser_new ("firefox.desktop", "Firefox", "firefox", NULL);
  g_autoptr(GwBrowser) flat = gw_browser_new ("org.mozilla.firefox.desktop", "Firefox",
                                              "/usr/bin/flatpak", flatpak);
  g_autoptr(GwBrowser) edge = gw_browser_new ("microsoft-edge.desktop", "Microsoft Edge",
                                              "/usr/bin/microsoft-edge-stable", NULL);
  g_autoptr(GwBrowser) web = gw_browser_new ("org.gnome.Epiphany.desktop", "Web", "epiphany",
                                             NULL);
  g_autoptr(GwBrowser) nameless = gw_browser_new ("chromium.desktop", NULL, NULL, NULL);
  g_autoptr(GwBrowser) copy = gw_browser_copy (flat);
  g_auto(GStrv) a = gw_browser_private_argv (firefox, WEB_URL);
  g_auto(GStrv) b = gw_browser_private_argv (flat, WEB_URL);
  g_auto(GStrv) c = gw_browser_private_argv (edge, WEB_URL);
  g_auto(GStrv) d = gw_browser_private_argv (web, WEB_URL);
  g_auto(GStrv) e = gw_browser_private_argv (nameless, WEB_URL);
  g_auto(GStrv) f = gw_browser_private_argv (copy, WEB_URL);

  assert_strv (a, "firefox", "--private-window", WEB_URL, NULL);
  assert_strv (b, "/usr/bin/flatpak", "run", "--command=firefox", "org.mozilla.firefox",
               "--private-window", WEB_URL, NULL);
  assert_strv (c, "/usr/bin/microsoft-edge-stable", "--inprivate", WEB_URL, NULL);
  g_assert_null (d);
  /* No command, no executable: nothing to run. */
  g_assert_null (e);
  g_assert_cmpstr (nameless->name, ==, "chromium.desktop");
  assert_strv (f, "/usr/bin/flatpak", "run", "--command=firefox", "org.mozilla.firefox",
               "--private-window", WEB_URL, NULL);
  g_assert_cmpint (copy->kind, ==, GW_BROWSER_KIND_FIREFOX);
}

/* Desktop files in the isolated XDG_DATA_HOME */

static void
write_desktop_file (const char *id,
                    const char *contents)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *path = g_build_filename (dir, id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
install_browsers (void)
{
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autoptr(GError) error = NULL;

  write_desktop_file ("gwtest-firefox.desktop",
                      "[Desktop Entry]\nType=Application\nName=Firefox\n"
                      "Exec=true firefox %u\nMimeType=x-scheme-handler/https;\n");
  write_desktop_file ("org.mozilla.firefox.desktop",
                      "[Desktop Entry]\nType=Application\nName=Firefox (Flatpak)\n"
                      "Exec=true run --command=firefox org.mozilla.firefox @@u %u @@\n"
                      "MimeType=x-scheme-handler/https;\n");
  write_desktop_file ("gwtest-chrome.desktop",
                      "[Desktop Entry]\nType=Application\nName=Google Chrome\n"
                      "Exec=true --google-chrome %U\nMimeType=x-scheme-handler/https;\n");
  write_desktop_file ("gwtest-hidden.desktop",
                      "[Desktop Entry]\nType=Application\nName=Hidden\nNoDisplay=true\n"
                      "Exec=true %u\nMimeType=x-scheme-handler/https;\n");
  write_desktop_file ("gwtest-editor.desktop",
                      "[Desktop Entry]\nType=Application\nName=Editor\n"
                      "Exec=true %f\nMimeType=text/plain;\n");
  /* GIO finds handlers through the cache update-desktop-database writes. */
  write_desktop_file ("mimeinfo.cache",
                      "[MIME Cache]\nx-scheme-handler/https=gwtest-firefox.desktop;"
                      "org.mozilla.firefox.desktop;gwtest-chrome.desktop;gwtest-hidden.desktop;\n"
                      "text/plain=gwtest-editor.desktop;\n");
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0755), ==, 0);
  g_file_set_contents (config, "[Default Applications]\n"
                       "x-scheme-handler/https=gwtest-chrome.desktop\n", -1, &error);
  g_assert_no_error (error);
}

static void
test_browsers_from_app_infos (void)
{
  GList *infos = NULL;
  g_autoptr(GPtrArray) browsers = NULL;
  const GwBrowser *b;

  install_browsers ();
  infos = g_app_info_get_all_for_type ("x-scheme-handler/https");
  /* The same app twice counts once. */
  if (infos != NULL)
    infos = g_list_append (infos, g_object_ref (infos->data));
  browsers = gw_browsers_from_app_infos (infos);
  g_list_free_full (infos, g_object_unref);

  g_assert_cmpuint (browsers->len, ==, 3);
  b = g_ptr_array_index (browsers, 0);
  g_assert_cmpstr (b->name, ==, "Firefox");
  g_assert_cmpstr (b->app_id, ==, "gwtest-firefox.desktop");
  g_assert_cmpint (b->kind, ==, GW_BROWSER_KIND_FIREFOX);
  assert_strv (b->command, "true", "firefox", NULL);
  b = g_ptr_array_index (browsers, 1);
  g_assert_cmpstr (b->app_id, ==, "org.mozilla.firefox.desktop");
  g_assert_cmpint (b->kind, ==, GW_BROWSER_KIND_FIREFOX);
  assert_strv (b->command, "true", "run", "--command=firefox", "org.mozilla.firefox", NULL);
  b = g_ptr_array_index (browsers, 2);
  g_assert_cmpstr (b->name, ==, "Google Chrome");
  g_assert_cmpint (b->kind, ==, GW_BROWSER_KIND_CHROMIUM);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (resolv_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/diagnostics/resolv-conf/%s%s",
                                               resolv_cases[i].fixture ? resolv_cases[i].fixture
                                                                       : "unreadable",
                                               resolv_cases[i].on_bus ? "+resolve1" : "");

      g_test_add_data_func (path, &resolv_cases[i], test_resolv_conf);
    }
  g_test_add ("/diagnostics/vpn/basic", SysFixture, NULL, sys_setup, test_vpn_basic,
              sys_teardown);
  g_test_add ("/diagnostics/vpn/kinds", SysFixture, NULL, sys_setup, test_vpn_kinds,
              sys_teardown);
  g_test_add_func ("/diagnostics/vpn/missing-dir", test_vpn_missing_dir);
  g_test_add_func ("/diagnostics/vpn/real-namespace", test_vpn_real_namespace);
  g_test_add_func ("/diagnostics/proxy/environment", test_proxy_environment);
  g_test_add_func ("/diagnostics/proxy/hide-credentials", test_hide_credentials);
  g_test_add_func ("/diagnostics/proxy/gnome-missing-schema", test_gnome_proxy_missing_schema);
  g_test_add_func ("/diagnostics/proxy/gnome-modes", test_gnome_proxy_modes);
  g_test_add_func ("/diagnostics/connectivity", test_connectivity);
  for (guint i = 0; i < G_N_ELEMENTS (kind_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/diagnostics/browser/kind/%s",
                                               kind_cases[i].app_id);

      g_test_add_data_func (path, &kind_cases[i], test_browser_kind);
    }
  g_test_add_func ("/diagnostics/browser/exec-to-argv", test_exec_to_argv);
  g_test_add_func ("/diagnostics/browser/private-argv", test_private_argv);
  g_test_add_func ("/diagnostics/browser/from-app-infos", test_browsers_from_app_infos);
  return g_test_run ();
}
