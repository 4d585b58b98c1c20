/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-redact"

#include "config.h"

#include "gw-redact.h"

#include <string.h>

#define USER "alice"
#define HOME "/home/alice"

/* One line in, one line out. */
typedef struct
{
  const char *in;
  const char *out;
} RedactCase;

static const RedactCase cases[] = {
  /* the home folder, as a whole path */
  { "db: /home/alice/.local/share/gatewatch/history.sqlite3",
    "db: ~/.local/share/gatewatch/history.sqlite3" },
  { "cd /home/alice", "cd ~" },
  { "file:///home/alice/report.txt", "file://~/report.txt" },
  { "/home/alice2/x", "/home/alice2/x" },
  { "/var/home/alice/x", "/var/home/<user>/x" },
  /* the user name, as a whole word, any case */
  { "alice@alice-laptop (Alice)", "<user>@<user>-laptop (<user>)" },
  { "malice, alicia, alice_b, alice2, palaces", "malice, alicia, alice_b, alice2, palaces" },
  /* credentials */
  { "proxy http://bob:hunter2@proxy.example:3128/",
    "proxy http://<credentials>@proxy.example:3128/" },
  { "socks5h://carol@socks.example:1080", "socks5h://<credentials>@socks.example:1080" },
  { "https_proxy=dave:pa55w0rd@proxy.example:8080",
    "https_proxy=<credentials>@proxy.example:8080" },
  { "https://u:p@[2001:db8::7]:8443/x", "https://<credentials>@[<IPv6>]:8443/x" },
  { "mail bob@example.com", "mail bob@example.com" },
  { "https://chatgpt.com/c/abc@def", "https://chatgpt.com/c/abc@def" },
  /* MAC addresses */
  { "ether 00:1a:2b:3c:4d:5e brd ff:ff:ff:ff:ff:ff", "ether <MAC> brd <MAC>" },
  { "hw 00-1A-2B-3C-4D-5F.", "hw <MAC>." },
  { "cisco 001a.2b3c.4d60", "cisco <MAC>" },
  { "iface enx001a2b3c4d61 up", "iface enx<MAC> up" },
  { "eui64 02:1a:2b:ff:fe:3c:4d:5e", "eui64 <MAC>" },
  /* IPv4 */
  { "lan 192.168.1.23, wan 8.8.8.8:53, doc 203.0.113.7.",
    "lan <private IPv4>, wan <IPv4>:53, doc <IPv4>." },
  { "ip=10.1.2.3;cgnat=100.64.0.1;ll=169.254.10.20;b=172.16.5.4/12",
    "ip=<private IPv4>;cgnat=<private IPv4>;ll=<link-local IPv4>;b=<private IPv4>/12" },
  { "inet addr:192.168.0.7 Bcast", "inet addr:<private IPv4> Bcast" },
  { "172.32.0.1 100.128.0.1", "<IPv4> <IPv4>" },
  /* loopback and unspecified stay */
  { "nameserver 127.0.0.53 127.0.1.1 0.0.0.0 ::1 [::]:80",
    "nameserver 127.0.0.53 127.0.1.1 0.0.0.0 ::1 [::]:80" },
  /* IPv6: full, compressed, zone, embedded IPv4, private, in URLs */
  { "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "<IPv6>" },
  { "via 2a00:1450:4001:82b::200e.", "via <IPv6>." },
  { "gw fe80::1ff:fe23:4567:890a%wlp3s0 dev", "gw <link-local IPv6> dev" },
  { "http://[fe80::1%25eth0]:80/", "http://[<link-local IPv6>]:80/" },
  { "ula fd12:3456:789a::1", "ula <private IPv6>" },
  { "mapped ::ffff:198.51.100.9", "mapped <IPv6>" },
  { "[2606:4700::6810:84e5]:443", "[<IPv6>]:443" },
  { "end 2001:db8::1:", "end <IPv6>:" },
  /* what stays */
  { "Checked 2026-11-21 14:05:03 UTC, took 12:30", "Checked 2026-11-21 14:05:03 UTC, took 12:30" },
  { "chatgpt.com api.openai.com status.openai.com",
    "chatgpt.com api.openai.com status.openai.com" },
  { "Gatewatch 0.1.0, curl 7.81.0, Chrome 120.0.6099.109, 1.2.3.4.5",
    "Gatewatch 0.1.0, curl 7.81.0, Chrome 120.0.6099.109, 1.2.3.4.5" },
  { "cf-ray: 8c1f2a3b4d5e6f70-AMS; std::string; deadbeef; ab:cd; 10:05",
    "cf-ray: 8c1f2a3b4d5e6f70-AMS; std::string; deadbeef; ab:cd; 10:05" },
  { "HTTP 502, DNS 12 ms, total 1.5 s", "HTTP 502, DNS 12 ms, total 1.5 s" },
  /* a dotted quad of bytes is an address, even when it was a version */
  { "version 1.2.3.4", "version <IPv4>" },
  { "", "" },
};

static void
test_case (gconstpointer data)
{
  const RedactCase *c = data;
  g_autofree char *out = gw_redact (c->in, USER, HOME);

  g_assert_cmpstr (out, ==, c->out);
}

/* Every secret planted in a realistic report goes; everything else stays. */
static void
test_planted (void)
{
  static const char report[] =
    "Gatewatch 0.1.0 diagnostic report\n\n"
    "State: local-problem (proxy)\n"
    "Checked: 2026-11-21 14:05:03 UTC\n"
    "  • [proxy] The proxy proxy.example:3128 could not be reached.\n"
    "Probes:\n"
    "  web: https://chatgpt.com/\n"
    "    Failed at proxy: HTTP 0, 1 of 1 attempt failed\n"
    "    Proxy: http://alice:Tr0ub4dor@proxy.example:3128\n"
    "    Timings: DNS 12 ms, connect 30 ms\n"
    "This computer:\n"
    "  Name servers: 192.168.178.1, fe80::1%wlp3s0, 2a02:8109:b6c0:1::1\n"
    "  Proxy variables: https_proxy=alice:Tr0ub4dor@10.20.30.40:3128\n"
    "  Local address: 2a02:8109:b6c0:1:a1b2:c3d4:e5f6:7788 "
    "(2A02:8109:B6C0:0001:A1B2:C3D4:E5F6:7789)\n"
    "  Router: 00:1a:2b:3c:4d:5e / 00-1A-2B-3C-4D-5E\n"
    "  Public: 93.184.216.34\n"
    "  Log: /home/alice/.cache/gatewatch/log, host ALICE-ThinkPad\n"
    "  Words: malice palace chalice alicebot\n";
  static const char * const secrets[] = {
    "Tr0ub4dor", "alice:", "/home/alice", "ALICE", "192.168.178.1", "fe80::1",
    "wlp3s0", "2a02:8109", "2A02:8109", "10.20.30.40", "00:1a:2b", "00-1A-2B",
    "93.184.216.34", "a1b2:c3d4",
  };
  static const char * const kept[] = {
    "chatgpt.com", "proxy.example:3128", "2026-11-21 14:05:03", "Gatewatch 0.1.0", "12 ms",
    "malice palace chalice alicebot", "~/.cache/gatewatch/log", "<user>-ThinkPad",
    "http://<credentials>@proxy.example:3128", "https_proxy=<credentials>@<private IPv4>:3128",
    "<link-local IPv6>", "<MAC> / <MAC>", "Public: <IPv4>",
  };
  g_autofree char *out = gw_redact (report, USER, HOME);

  g_test_message ("%s", out);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (out, secrets[i]));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_nonnull (strstr (out, kept[i]));
}

static void
test_names_left_alone (void)
{
  g_autofree char *short_name = gw_redact ("al is a word at al-host", "al", "/home/al");
  g_autofree char *root = gw_redact ("the root certificate, /root/x", "root", "/root");
  g_autofree char *none = gw_redact ("alice at /home/alice, 10.0.0.1", NULL, NULL);
  g_autofree char *slash = gw_redact ("at /home/bob/x and /home/bob", "bob", "/home/bob/");
  g_autofree char *marker = gw_redact ("user 10.0.0.1", "user", "/home/user");
  g_autofree char *unicode = gw_redact ("josé at josé-pc and josébot", "josé", "/home/josé");

  /* Too short to identify anyone, and "al" is in ordinary words. */
  g_assert_cmpstr (short_name, ==, "al is a word at al-host");
  /* The home folder still goes. */
  g_assert_cmpstr (root, ==, "the root certificate, ~/x");
  g_assert_cmpstr (none, ==, "alice at /home/alice, <private IPv4>");
  g_assert_cmpstr (slash, ==, "at ~/x and ~");
  /* A user called "user" does not eat the markers. */
  g_assert_cmpstr (marker, ==, "<user> <private IPv4>");
  g_assert_cmpstr (unicode, ==, "<user> at <user>-pc and josébot");
}

/* Hostile input: long runs that look almost like addresses, credentials or
 * MACs, which a backtracking pattern would choke on. */
static void
test_linear (void)
{
  static const char * const units[] = { "1:", "a.", "ab:", "1.2.", "x:y", "::", "00:1", "%" };
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      GString *text = g_string_new ("x ");
      g_autofree char *out = NULL;

      for (guint j = 0; j < 50000; j++)
        g_string_append (text, units[i]);
      g_string_append (text, "@host 10.0.0.1");
      out = gw_redact (text->str, "alice", "/home/alice");
      g_assert_true (g_str_has_suffix (out, "<private IPv4>"));
      g_string_free (text, TRUE);
    }
  g_test_message ("%.2f s", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
}

/* The report */

static GwHttpResponse *
response (guint       status,
          GwHttpError error)
{
  GwHttpResponse *r = gw_http_response_new ();

  r->error = error;
  r->http_status = status;
  r->timings.dns_us = 12000;
  r->timings.connect_us = 30000;
  r->timings.tls_us = 45000;
  r->timings.first_byte_us = 300000;
  r->timings.total_us = 310000;
  gw_http_response_set_header (r, GW_HTTP_HEADER_CF_RAY, "8c1f2a3b4d5e6f70-AMS");
  return r;
}

static GwLocalFacts *
planted_facts (void)
{
  GwLocalFacts *facts = gw_local_facts_new ();
  GwProxyVariable *variable = g_new0 (GwProxyVariable, 1);
  GwVpnInterface *vpn = g_new0 (GwVpnInterface, 1);
  const char * const servers[] = { "192.168.178.1", "fe80::1%wlp3s0", NULL };

  variable->name = g_strdup ("https_proxy");
  variable->value = g_strdup ("http://<credentials>@10.20.30.40:3128");
  g_ptr_array_add (facts->proxy_variables, variable);
  vpn->name = g_strdup ("tun0");
  vpn->kind = GW_VPN_KIND_TUN;
  g_ptr_array_add (facts->vpn_interfaces, vpn);
  g_strfreev (facts->nameservers);
  facts->nameservers = g_strdupv ((char **) servers);
  facts->resolver = GW_RESOLVER_PLAIN;
  facts->connectivity = GW_CONNECTIVITY_FULL;
  facts->gnome_proxy_mode = GW_PROXY_MODE_MANUAL;
  facts->gnome_proxy = g_strdup ("proxy.alice.example:3128");
  g_ptr_array_add (facts->browsers, gw_browser_new ("firefox.desktop", "Firefox", "firefox", NULL));
  facts->default_browser = gw_browser_new ("firefox.desktop", "Firefox", "firefox", NULL);
  facts->user_name = g_strdup (USER);
  facts->home_dir = g_strdup (HOME);
  return facts;
}

static void
test_report (void)
{
  g_autoptr(GwRound) round = gw_round_new ();
  g_autoptr(GwVerdict) verdict = NULL;
  g_autoptr(GwLocalFacts) facts = planted_facts ();
  g_autofree char *report = NULL;
  GwHttpResponse *web = response (502, GW_HTTP_OK);
  GwHttpResponse *control = response (200, GW_HTTP_OK);
  static const char * const has[] = {
    "Gatewatch " PACKAGE_VERSION " diagnostic report", "State: outage (server-error)",
    "Checked: 2026-", "web: https://chatgpt.com/",
    "Failed at http: HTTP 502, 3 of 3 attempts failed",
    "DNS 12 ms, connect 30 ms, TLS 45 ms, first byte 300 ms, total 310 ms",
    "cf-ray: 8c1f2a3b4d5e6f70-AMS", "api: disabled", "Status page:",
    "Proxy: http://<credentials>@<private IPv4>:3128", "Resolver: plain",
    "Name servers: <private IPv4>, <link-local IPv6>",
    "https_proxy=http://<credentials>@<private IPv4>:3128",
    "GNOME proxy mode: manual (proxy.<user>.example:3128)", "VPN interfaces up: tun0 (tun)",
    "NetworkManager VPN connections: not asked or not reachable",
    "Browsers: Firefox (firefox.desktop, firefox)", "Default browser: firefox.desktop",
  };

  round->started_at = G_GINT64_CONSTANT (1790000000000000);
  round->probes[GW_TARGET_WEB].url = g_strdup ("https://chatgpt.com/");
  web->proxy = g_strdup ("http://alice:s3cret@10.20.30.40:3128");
  gw_probe_result_set_response (&round->probes[GW_TARGET_WEB], web);
  round->probes[GW_TARGET_WEB].attempts = 3;
  round->probes[GW_TARGET_WEB].failed_attempts = 3;
  round->probes[GW_TARGET_WEB].error = g_strdup ("HTTP 502 from 104.18.32.47");
  g_byte_array_append (control->body, (const guint8 *) GW_CONTROL_EXPECTED_PREFIX "\n",
                       strlen (GW_CONTROL_EXPECTED_PREFIX) + 1);
  round->probes[GW_TARGET_CONTROL].url =
    g_strdup ("http://nmcheck.gnome.org/check_network_status.txt");
  gw_probe_result_set_response (&round->probes[GW_TARGET_CONTROL], control);
  round->probes[GW_TARGET_CONTROL].attempts = 1;
  round->status_page_error = g_strdup ("status page not fetched");
  verdict = gw_verdict_classify (round, NULL);

  report = gw_diagnostic_report (verdict, round, facts);
  g_test_message ("%s", report);
  for (guint i = 0; i < G_N_ELEMENTS (has); i++)
    g_assert_nonnull (strstr (report, has[i]));
  g_assert_null (strstr (report, "s3cret"));
  g_assert_null (strstr (report, "10.20.30.40"));
  g_assert_null (strstr (report, "104.18.32.47"));
  g_assert_null (strstr (report, "alice"));
  g_assert_null (strstr (report, "192.168.178.1"));
}

static void
test_report_empty (void)
{
  g_autofree char *report = gw_diagnostic_report (NULL, NULL, NULL);
  g_autoptr(GwLocalFacts) facts = gw_local_facts_new ();
  g_autofree char *no_names = gw_diagnostic_report (NULL, NULL, facts);

  g_assert_true (g_str_has_prefix (report, "Gatewatch "));
  g_assert_nonnull (strstr (report, "No verdict yet."));
  g_assert_nonnull (strstr (no_names, "Resolver: unknown"));
  g_assert_nonnull (strstr (no_names, "Name servers: none"));
  g_assert_nonnull (strstr (no_names, "Default browser: unknown"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/redact/case/%u", i);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/redact/planted", test_planted);
  g_test_add_func ("/redact/names-left-alone", test_names_left_alone);
  g_test_add_func ("/redact/linear", test_linear);
  g_test_add_func ("/redact/report", test_report);
  g_test_add_func ("/redact/report-empty", test_report_empty);
  return g_test_run ();
}
