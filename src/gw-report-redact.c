/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-report"

#include "config.h"

#include "gw-redact.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

/* The redaction is a chain of hand-written scanners, each linear in the
 * text: no regular expression, so nothing can backtrack. */

#define MAX_IPV6_RUN 64

static const char * const markers[] = {
  "<user>", "<credentials>", "<MAC>",
  "<IPv4>", "<private IPv4>", "<link-local IPv4>",
  "<IPv6>", "<private IPv6>", "<link-local IPv6>",
};

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

static gboolean
is_path_byte (char c)
{
  return is_word_byte (c) || c == '.' || c == '-' || c == '/' || c == '~';
}

/* The home folder */

static char *
redact_home (const char *text,
             const char *home_dir)
{
  g_autofree char *home = g_strdup (home_dir != NULL ? home_dir : "");
  GString *out = g_string_new (NULL);
  const char *p = text;
  gsize len;

  len = strlen (home);
  while (len > 1 && home[len - 1] == '/')
    home[--len] = '\0';
  if (len < 2)
    return g_string_free (g_string_append (out, text), FALSE);

  for (const char *hit = strstr (p, home); hit != NULL; hit = strstr (p, home))
    {
      gboolean starts = hit == text || !is_path_byte (hit[-1]) ||
                        (hit - text >= 7 && strncmp (hit - 7, "file://", 7) == 0);
      gboolean ends = hit[len] == '\0' || hit[len] == '/' || !is_path_byte (hit[len]);

      g_string_append_len (out, p, hit - p);
      g_string_append (out, starts && ends ? "~" : home);
      p = hit + len;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* Credentials */

static gboolean
is_userinfo_byte (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-._~!$&'()*+,;=%:", c) != NULL);
}

/* In a URL's authority (after "://"): the last '@' before the path, or NULL. */
static const char *
url_userinfo_end (const char *authority)
{
  const char *at = NULL;

  for (const char *q = authority; *q != '\0' && strchr ("/?#\"'<> \t\r\n", *q) == NULL; q++)
    if (*q == '@')
      at = q;
  return at;
}

/* A bare "user:password@host": the '@', or NULL. */
static const char *
bare_userinfo_end (const char *word)
{
  const char *q = word;
  gboolean colon = FALSE;

  while (is_userinfo_byte (*q))
    colon |= *q++ == ':';
  if (*q != '@' || !colon || *word == ':' || !(g_ascii_isalnum (q[1]) || q[1] == '['))
    return NULL;
  return q;
}

static char *
redact_credentials (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *at = NULL;

      if (p > text && g_ascii_isalpha (p[-1]) && g_str_has_prefix (p, "://"))
        {
          g_string_append (out, "://");
          p += 3;
          at = url_userinfo_end (p);
        }
      else if (p == text || strchr (" \t\r\n=\"'(,[<;", p[-1]) != NULL)
        {
          at = bare_userinfo_end (p);
          /* "name=user:password@host": the name stays. */
          for (const char *q = p; at != NULL && q < at && *q != ':'; q++)
            if (*q == '=')
              {
                g_string_append_len (out, p, q + 1 - p);
                p = q + 1;
                break;
              }
        }

      if (at != NULL)
        {
          g_string_append (out, "<credentials>");
          p = at;
        }
      else if (*p != '\0')
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* MAC addresses */

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/* Groups of two hex digits joined by sep, at least six of them: the length,
 * or 0. */
static gsize
mac_length_colon (const char *p)
{
  char sep = p[0] != '\0' && p[1] != '\0' ? p[2] : '\0';
  gsize len = 0;
  guint groups = 0;

  if (sep != ':' && sep != '-')
    return 0;
  while (hex_value (p[len]) >= 0 && hex_value (p[len + 1]) >= 0)
    {
      groups++;
      len += 2;
      if (p[len] != sep || hex_value (p[len + 1]) < 0)
        break;
      len++;
    }
  if (groups < 6 || is_word_byte (p[len]))
    return 0;
  return len;
}

/* Cisco's aabb.ccdd.eeff */
static gsize
mac_length_dotted (const char *p)
{
  for (guint i = 0; i < 14; i++)
    {
      gboolean dot = i == 4 || i == 9;

      if (dot ? p[i] != '.' : hex_value (p[i]) < 0)
        return 0;
    }
  return is_word_byte (p[14]) || (p[14] == '.' && is_word_byte (p[15])) ? 0 : 14;
}

static char *
redact_macs (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      gboolean boundary = p == text || (!is_word_byte (p[-1]) && strchr (":-.", p[-1]) == NULL);
      gsize len = 0;

      /* Predictable interface names carry the MAC: enx001122334455 */
      if (boundary && g_str_has_prefix (p, "enx"))
        {
          guint n = 0;

          while (hex_value (p[3 + n]) >= 0)
            n++;
          if (n == 12 && !is_word_byte (p[15]))
            {
              g_string_append (out, "enx<MAC>");
              p += 15;
              continue;
            }
        }
      if (boundary)
        len = mac_length_colon (p);
      if (boundary && len == 0)
        len = mac_length_dotted (p);
      if (len > 0)
        {
          g_string_append (out, "<MAC>");
          p += len;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* IP addresses */

/* A dotted quad at p of numbers up to 255 (leading zeros allowed), not
 * followed by a fifth part: its length, or 0; the value in *addr. */
static gsize
ipv4_length (const char *p,
             guint32    *addr)
{
  gsize len = 0;

  *addr = 0;
  for (guint part = 0; part < 4; part++)
    {
      guint value = 0, digits = 0;

      if (part > 0 && p[len++] != '.')
        return 0;
      while (g_ascii_isdigit (p[len]) && digits < 4)
        {
          value = value * 10 + (p[len++] - '0');
          digits++;
        }
      if (digits == 0 || digits > 3 || value > 255)
        return 0;
      *addr = (*addr << 8) | value;
    }
  if (is_word_byte (p[len]) || (p[len] == '.' && g_ascii_isdigit (p[len + 1])))
    return 0;
  return len;
}

static const char *
ipv4_marker (guint32 a)
{
  if ((a >> 24) == 127 || a == 0)
    return NULL;
  if ((a >> 24) == 10 || (a >> 20) == (172u << 4 | 1) || (a >> 16) == (192u << 8 | 168) ||
      (a >> 22) == (100u << 2 | 1))
    return "<private IPv4>";
  if ((a >> 16) == (169u << 8 | 254))
    return "<link-local IPv4>";
  return "<IPv4>";
}

static const char *
ipv6_marker (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);

  if (g_inet_address_get_is_loopback (address) || g_inet_address_get_is_any (address))
    return NULL;
  if (g_inet_address_get_is_link_local (address))
    return "<link-local IPv6>";
  if ((bytes[0] & 0xfe) == 0xfc || g_inet_address_get_is_site_local (address))
    return "<private IPv6>";
  return "<IPv6>";
}

/* An IPv6 address among the first len bytes at p, shortened from the end
 * past stray dots and colons ("fe80::1:" ends a sentence): its length, or 0. */
static gsize
ipv6_length (const char    *p,
             gsize          len,
             GInetAddress **address)
{
  /* The longest form, with an embedded IPv4 address, has 45 characters. */
  if (len > MAX_IPV6_RUN)
    return 0;
  for (; len > 1; len--)
    {
      g_autofree char *candidate = g_strndup (p, len);
      g_autoptr(GInetAddress) parsed = g_inet_address_new_from_string (candidate);

      if (parsed != NULL && g_inet_address_get_family (parsed) == G_SOCKET_FAMILY_IPV6)
        {
          *address = g_steal_pointer (&parsed);
          return len;
        }
      if (p[len - 1] != '.' && p[len - 1] != ':')
        return 0;
    }
  return 0;
}

/* A zone id after an IPv6 address: "%eth0", or "%25eth0" in a URL. */
static gsize
zone_length (const char *p)
{
  gsize len = 1;

  if (*p != '%')
    return 0;
  while (g_ascii_isalnum (p[len]) || p[len] == '_' || p[len] == '.' || p[len] == '-')
    len++;
  return len > 1 ? len : 0;
}

/* Replaces the address at p, if there is one: the bytes consumed, or 0. */
static gsize
redact_address_at (GString    *out,
                   const char *p)
{
  gsize run = strspn (p, "0123456789abcdefABCDEF:.");
  const char *marker;
  gsize len;
  guint32 v4;

  if (memchr (p, ':', run) != NULL)
    {
      g_autoptr(GInetAddress) v6 = NULL;

      len = ipv6_length (p, run, &v6);
      if (len > 0)
        {
          len += zone_length (p + len);
          if (is_word_byte (p[len]))
            return 0;
          marker = ipv6_marker (v6);
          if (marker != NULL)
            g_string_append (out, marker);
          else
            g_string_append_len (out, p, len);
          return len;
        }
    }

  len = ipv4_length (p, &v4);
  if (len == 0)
    return 0;
  marker = ipv4_marker (v4);
  if (marker != NULL)
    g_string_append (out, marker);
  else
    g_string_append_len (out, p, len);
  return len;
}

static char *
redact_addresses (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      gsize run = strspn (p, "0123456789abcdefABCDEF:.");
      gsize len = 0;

      if (run > 0 && (p == text || (!is_word_byte (p[-1]) && p[-1] != '.')))
        {
          len = redact_address_at (out, p);
          if (len == 0)
            {
              /* Not an address: skip the whole run, never restart inside it. */
              g_string_append_len (out, p, run);
              len = run;
            }
          p += len;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* The user name */

static gsize
marker_length (const char *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (g_str_has_prefix (p, markers[i]))
      return strlen (markers[i]);
  return 0;
}

static char *
redact_user (const char *text,
             const char *user_name)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  gsize len = user_name != NULL ? strlen (user_name) : 0;

  if (len < 3 || strcmp (user_name, "root") == 0)
    return g_string_free (g_string_append (out, text), FALSE);

  while (*p != '\0')
    {
      gsize skip = marker_length (p);

      if (skip > 0)
        {
          g_string_append_len (out, p, skip);
          p += skip;
        }
      else if ((p == text || !is_word_byte (p[-1])) &&
               g_ascii_strncasecmp (p, user_name, len) == 0 && !is_word_byte (p[len]))
        {
          g_string_append (out, "<user>");
          p += len;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

char *
gw_redact (const char *text,
           const char *user_name,
           const char *home_dir)
{
  g_autofree char *no_home = NULL;
  g_autofree char *no_credentials = NULL;
  g_autofree char *no_macs = NULL;
  g_autofree char *no_addresses = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  no_home = redact_home (text, home_dir);
  no_credentials = redact_credentials (no_home);
  no_macs = redact_macs (no_credentials);
  no_addresses = redact_addresses (no_macs);
  return redact_user (no_addresses, user_name);
}

/* The report */

static void
append_ms (GString    *out,
           const char *phase,
           gint64      us)
{
  double ms = (double) us / 1000.0;

  if (us < 0)
    return;
  if (out->len > 0)
    g_string_append (out, ", ");
  /* Translators: a phase of an HTTP request and how long it took, e.g. "DNS 12 ms" */
  g_string_append_printf (out, _("%s %.*f ms"), phase, ms < 10.0 ? 1 : 0, ms);
}

static char *
format_timings (const GwTimings *t)
{
  GString *out = g_string_new (NULL);

  /* Translators: the phases of an HTTP request in the diagnostic report */
  append_ms (out, _("DNS"), t->dns_us);
  append_ms (out, _("connect"), t->connect_us);
  append_ms (out, _("TLS"), t->tls_us);
  append_ms (out, _("first byte"), t->first_byte_us);
  append_ms (out, _("total"), t->total_us);
  return g_string_free (out, FALSE);
}

static void
append_headers (GString              *out,
                const GwHttpResponse *r)
{
  gboolean any = FALSE;

  for (guint i = 0; i < GW_N_HTTP_HEADERS; i++)
    {
      if (r->headers[i] == NULL)
        continue;
      if (!any)
        /* Translators: a label in the diagnostic report, followed by HTTP headers */
        g_string_append_printf (out, "    %s ", _("Headers:"));
      g_string_append_printf (out, "%s%s: %s", any ? "; " : "",
                              gw_http_header_to_string (i), r->headers[i]);
      any = TRUE;
    }
  if (any)
    g_string_append_c (out, '\n');
}

static void
append_response (GString              *out,
                 const GwHttpResponse *r)
{
  g_autofree char *timings = format_timings (&r->timings);

  if (*timings != '\0')
    /* Translators: a label in the diagnostic report */
    g_string_append_printf (out, "    %s %s\n", _("Timings:"), timings);
  if (r->proxy != NULL)
    /* Translators: a label in the diagnostic report, followed by a proxy's address */
    g_string_append_printf (out, "    %s %s\n", _("Proxy:"), r->proxy);
  if (r->tls_verify_failed)
    g_string_append_printf (out, "    %s\n", _("TLS: the certificate did not verify"));
  if (r->tls_issuer != NULL)
    /* Translators: a label in the diagnostic report, followed by a certificate issuer */
    g_string_append_printf (out, "    %s %s\n", _("Certificate issuer:"), r->tls_issuer);
  if (r->redirects > 0)
    /* Translators: a label in the diagnostic report, followed by a number */
    g_string_append_printf (out, "    %s %u\n", _("Redirects:"), r->redirects);
  append_headers (out, r);
}

static void
append_probe (GString             *out,
              const GwProbeResult *p)
{
  const GwHttpResponse *r = p->response;
  const char *target = gw_target_to_string (p->target);

  if (!gw_probe_result_enabled (p))
    {
      /* Translators: a probe in the diagnostic report that is turned off */
      g_string_append_printf (out, "  %s: %s\n", target, _("disabled"));
      return;
    }
  g_string_append_printf (out, "  %s: %s\n", target, p->url);
  if (r == NULL)
    {
      g_string_append_printf (out, "    %s\n", _("Not checked."));
      return;
    }
  g_string_append (out, "    ");
  if (p->layer == GW_LAYER_NONE)
    /* Translators: in the diagnostic report; %u is an HTTP status code */
    g_string_append_printf (out, _("Passed: HTTP %u"), r->http_status);
  else
    /* Translators: in the diagnostic report; %s is a layer (dns, connect, tls,
     * http, timeout, proxy), %u an HTTP status code, 0 when there was no answer */
    g_string_append_printf (out, _("Failed at %s: HTTP %u"), gw_layer_to_string (p->layer),
                            r->http_status);
  g_string_append (out, ", ");
  /* Translators: follows "Failed at http: HTTP 502, "; the numbers count attempts */
  g_string_append_printf (out, ngettext ("%u of %u attempt failed",
                                         "%u of %u attempts failed", p->attempts),
                          p->failed_attempts, p->attempts);
  g_string_append_c (out, '\n');
  if (p->error != NULL)
    /* Translators: a label in the diagnostic report, followed by an error message */
    g_string_append_printf (out, "    %s %s\n", _("Error:"), p->error);
  append_response (out, r);
}

static void
append_status_page (GString       *out,
                    const GwRound *round)
{
  const GwStatusPage *page = round->status_page;

  g_string_append_printf (out, "\n%s\n", _("Status page:"));
  if (page == NULL)
    {
      g_string_append_printf (out, "  %s\n", round->status_page_error != NULL ?
                              round->status_page_error : _("not read"));
      return;
    }
  g_string_append_printf (out, "  %s %s (%s)\n", _("Indicator:"),
                          gw_indicator_to_string (page->indicator),
                          page->description != NULL ? page->description : "–");
  g_string_append_printf (out, "  %s %s\n", _("ChatGPT:"),
                          gw_component_status_to_string (gw_status_page_chatgpt_status (page)));
  for (guint i = 0; page->components != NULL && i < page->components->len; i++)
    {
      const GwComponent *c = g_ptr_array_index (page->components, i);

      if (c->status != GW_COMPONENT_OPERATIONAL)
        g_string_append_printf (out, "  • %s: %s\n", c->name,
                                gw_component_status_to_string (c->status));
    }
  for (guint i = 0; page->incidents != NULL && i < page->incidents->len; i++)
    {
      const GwIncident *inc = g_ptr_array_index (page->incidents, i);

      g_string_append (out, "  ");
      /* Translators: an open incident in the diagnostic report: its name, status, impact */
      g_string_append_printf (out, _("Incident: %s (%s, impact %s)"), inc->name,
                              inc->status != NULL ? inc->status : "?",
                              gw_impact_to_string (inc->impact));
      if (inc->shortlink != NULL)
        g_string_append_printf (out, " %s", inc->shortlink);
      g_string_append_c (out, '\n');
    }
}

static void
append_list (GString    *out,
             const char *label,
             GPtrArray  *lines)
{
  g_ptr_array_add (lines, NULL);
  if (lines->len > 1)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) lines->pdata);

      g_string_append_printf (out, "  %s %s\n", label, joined);
    }
  else
    /* Translators: in the diagnostic report, after a label: the list is empty */
    g_string_append_printf (out, "  %s %s\n", label, _("none"));
}

static void
append_facts (GString            *out,
              const GwLocalFacts *facts)
{
  g_autoptr(GPtrArray) proxies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) vpns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) browsers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *nameservers = g_strjoinv (", ", facts->nameservers);

  g_string_append_printf (out, "\n%s\n", _("This computer:"));
  g_string_append_printf (out, "  %s %s\n", _("Connectivity:"),
                          gw_connectivity_to_string (facts->connectivity));
  g_string_append_printf (out, "  %s %s\n", _("Resolver:"),
                          gw_resolver_kind_to_string (facts->resolver));
  g_string_append_printf (out, "  %s %s\n", _("Name servers:"),
                          *nameservers != '\0' ? nameservers : _("none"));

  for (guint i = 0; i < facts->proxy_variables->len; i++)
    {
      const GwProxyVariable *v = g_ptr_array_index (facts->proxy_variables, i);

      g_ptr_array_add (proxies, g_strdup_printf ("%s=%s", v->name, v->value));
    }
  append_list (out, _("Proxy variables:"), proxies);
  g_string_append_printf (out, "  %s %s%s%s%s\n", _("GNOME proxy mode:"),
                          gw_proxy_mode_to_string (facts->gnome_proxy_mode),
                          facts->gnome_proxy != NULL ? " (" : "",
                          facts->gnome_proxy != NULL ? facts->gnome_proxy : "",
                          facts->gnome_proxy != NULL ? ")" : "");

  for (guint i = 0; i < facts->vpn_interfaces->len; i++)
    {
      const GwVpnInterface *vpn = g_ptr_array_index (facts->vpn_interfaces, i);

      g_ptr_array_add (vpns, g_strdup_printf ("%s (%s)", vpn->name,
                                              gw_vpn_kind_to_string (vpn->kind)));
    }
  append_list (out, _("VPN interfaces up:"), vpns);
  if (facts->vpn_connections != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", facts->vpn_connections);

      g_string_append_printf (out, "  %s %s\n", _("NetworkManager VPN connections:"),
                              *joined != '\0' ? joined : _("none"));
    }
  else
    g_string_append_printf (out, "  %s %s\n", _("NetworkManager VPN connections:"),
                            _("not asked or not reachable"));

  for (guint i = 0; i < facts->browsers->len; i++)
    {
      const GwBrowser *b = g_ptr_array_index (facts->browsers, i);

      g_ptr_array_add (browsers, g_strdup_printf ("%s (%s, %s)", b->name, b->app_id,
                                                  gw_browser_kind_to_string (b->kind)));
    }
  append_list (out, _("Browsers:"), browsers);
  g_string_append_printf (out, "  %s %s\n", _("Default browser:"),
                          facts->default_browser != NULL ? facts->default_browser->app_id
                                                         : _("unknown"));
}

static void
append_verdict (GString         *out,
                const GwVerdict *verdict)
{
  g_string_append_printf (out, "%s %s (%s)\n", _("State:"), gw_state_to_string (verdict->state),
                          gw_cause_to_string (verdict->cause));
  g_string_append_printf (out, "%s %s\n", _("Summary:"), verdict->summary);
  if (verdict->checked_at > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (verdict->checked_at /
                                                                G_USEC_PER_SEC);
      g_autofree char *when = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S UTC")
                                         : NULL;

      if (when != NULL)
        g_string_append_printf (out, "%s %s\n", _("Checked:"), when);
    }
  for (guint i = 0; i < verdict->reasons->len; i++)
    {
      const GwReason *reason = g_ptr_array_index (verdict->reasons, i);

      g_string_append_printf (out, "  • [%s] %s\n", gw_cause_to_string (reason->cause),
                              reason->text);
    }
}

char *
gw_diagnostic_report (const GwVerdict    *verdict,
                      const GwRound      *round,
                      const GwLocalFacts *facts)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *user_name = facts != NULL ? facts->user_name : NULL;
  const char *home_dir = facts != NULL ? facts->home_dir : NULL;

  /* Translators: the first line of the diagnostic report; %s is Gatewatch's version */
  g_string_append_printf (out, _("Gatewatch %s diagnostic report"), PACKAGE_VERSION);
  g_string_append (out, "\n\n");

  if (verdict != NULL)
    append_verdict (out, verdict);
  else
    g_string_append_printf (out, "%s\n", _("No verdict yet."));

  if (round != NULL)
    {
      g_string_append_printf (out, "\n%s\n", _("Probes:"));
      for (guint i = 0; i < GW_N_TARGETS; i++)
        append_probe (out, &round->probes[i]);
      append_status_page (out, round);
    }
  if (facts != NULL)
    append_facts (out, facts);

  /* Redact with too much rather than too little: the process's own names
   * when the facts do not say. */
  if (user_name == NULL)
    user_name = g_get_user_name ();
  if (home_dir == NULL)
    home_dir = g_get_home_dir ();
  return gw_redact (out->str, user_name, home_dir);
}
