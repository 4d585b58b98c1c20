/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-proxy.h"

typedef struct
{
  const char *name;
  const char *url;
  const char *env[6];      /* NAME=value, NULL-terminated */
  const char *expected;    /* NULL: direct */
} ProxyCase;

static const ProxyCase cases[] = {
  { "none", "https://chatgpt.com/", { NULL }, NULL },
  { "https-lower", "https://chatgpt.com/", { "https_proxy=http://proxy:3128", NULL },
    "http://proxy:3128" },
  { "https-upper", "https://chatgpt.com/", { "HTTPS_PROXY=http://proxy:3128", NULL },
    "http://proxy:3128" },
  { "http-lower", "http://nmcheck.gnome.org/", { "http_proxy=http://proxy:8080", NULL },
    "http://proxy:8080" },
  /* Upper-case HTTP_PROXY is ignored, as by curl (httpoxy). */
  { "http-upper-ignored", "http://nmcheck.gnome.org/", { "HTTP_PROXY=http://evil:1", NULL }, NULL },
  { "http-proxy-not-for-https", "https://chatgpt.com/", { "http_proxy=http://proxy:8080", NULL },
    NULL },
  { "all-proxy", "https://chatgpt.com/", { "all_proxy=socks5h://socks:1080", NULL },
    "socks5h://socks:1080" },
  { "specific-beats-all", "https://chatgpt.com/",
    { "ALL_PROXY=socks5://a:1", "https_proxy=http://b:2", NULL }, "http://b:2" },
  { "bare-host-port", "https://chatgpt.com/", { "https_proxy=proxy:3128", NULL },
    "http://proxy:3128" },
  { "empty-is-unset", "https://chatgpt.com/", { "https_proxy=", NULL }, NULL },
  { "no-proxy-exact", "https://chatgpt.com/",
    { "https_proxy=http://p:1", "no_proxy=chatgpt.com", NULL }, NULL },
  { "no-proxy-suffix", "https://api.openai.com/",
    { "https_proxy=http://p:1", "NO_PROXY=localhost, .openai.com", NULL }, NULL },
  { "no-proxy-suffix-without-dot", "https://api.openai.com/",
    { "https_proxy=http://p:1", "no_proxy=openai.com", NULL }, NULL },
  { "no-proxy-not-a-substring", "https://notopenai.com/",
    { "https_proxy=http://p:1", "no_proxy=openai.com", NULL }, "http://p:1" },
  { "no-proxy-star", "https://chatgpt.com/",
    { "https_proxy=http://p:1", "no_proxy=*", NULL }, NULL },
  { "no-proxy-other-host", "https://chatgpt.com/",
    { "https_proxy=http://p:1", "no_proxy=example.org", NULL }, "http://p:1" },
  { "not-a-url", "chatgpt.com", { "https_proxy=http://p:1", NULL }, NULL },
};

static void
test_environment (gconstpointer data)
{
  const ProxyCase *c = data;
  g_autofree char *proxy = gw_proxy_from_environment (c->url, c->env);

  g_assert_cmpstr (proxy, ==, c->expected);
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  g_autofree char *proxy = gw_proxy_lookup_finish (result, error);

  if (*error == NULL)
    g_assert_null (proxy);
}

/* A cancelled lookup ends with G_IO_ERROR_CANCELLED, whatever resolver GIO
 * has here. */
static void
test_lookup_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;

  g_cancellable_cancel (cancellable);
  gw_proxy_lookup_async ("https://chatgpt.com/", cancellable, lookup_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_error_free (error);
}

typedef struct
{
  char     *proxy;
  gboolean  done;
} Lookup;

static void
lookup_proxy_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  lookup->proxy = gw_proxy_lookup_finish (result, &error);
  g_assert_no_error (error);
  lookup->done = TRUE;
}

static char *
lookup (const char *url)
{
  Lookup result = { NULL, FALSE };

  gw_proxy_lookup_async (url, NULL, lookup_proxy_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  return result.proxy;
}

/* GNOME's proxy settings reach the requests through GIO's resolver (the
 * real one from glib-networking, reading org.gnome.system.proxy from the
 * in-memory GSettings backend), and the environment still wins over them. */
static void
test_gnome_settings (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) proxy = NULL;
  g_autoptr(GSettings) https = NULL;
  g_autoptr(GSettings) socks = NULL;
  g_autofree char *via_https = NULL, *via_socks = NULL, *ignored = NULL, *direct = NULL;
  g_autofree char *from_env = NULL;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            "org.gnome.system.proxy", TRUE);
  if (schema == NULL || !g_file_test (GIO_MODULE_DIR "/libgiognomeproxy.so", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("needs gsettings-desktop-schemas and glib-networking's GNOME proxy resolver");
      return;
    }

  proxy = g_settings_new ("org.gnome.system.proxy");
  https = g_settings_get_child (proxy, "https");
  socks = g_settings_get_child (proxy, "socks");
  g_settings_set_string (https, "host", "proxy.example");
  g_settings_set_int (https, "port", 3128);
  g_settings_set_strv (proxy, "ignore-hosts", (const char * const[]) { "*.internal", NULL });
  g_settings_set_enum (proxy, "mode", 1 /* manual */);

  via_https = lookup ("https://chatgpt.com/");
  g_assert_cmpstr (via_https, ==, "http://proxy.example:3128");
  ignored = lookup ("https://intranet.internal/");
  g_assert_null (ignored);

  g_settings_set_string (https, "host", "");
  g_settings_set_string (socks, "host", "socks.example");
  g_settings_set_int (socks, "port", 1080);
  via_socks = lookup ("https://chatgpt.com/");
  g_assert_cmpstr (via_socks, ==, "socks5://socks.example:1080");

  g_setenv ("https_proxy", "http://env.example:8080", TRUE);
  from_env = lookup ("https://chatgpt.com/");
  g_assert_cmpstr (from_env, ==, "http://env.example:8080");
  g_unsetenv ("https_proxy");

  g_settings_set_enum (proxy, "mode", 0 /* none */);
  direct = lookup ("https://chatgpt.com/");
  g_assert_null (direct);
}

int
main (int   argc,
      char *argv[])
{
  /* The real GNOME resolver, not libproxy's, whatever the desktop. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "gnome", TRUE);
  g_setenv ("XDG_CURRENT_DESKTOP", "GNOME", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* GNOME's schemas, not the build's: test dirs hide the system ones. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", SYSTEM_SCHEMA_DIR, TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proxy/environment/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_environment);
    }
  g_test_add_func ("/proxy/lookup-cancelled", test_lookup_cancelled);
  g_test_add_func ("/proxy/gnome-settings", test_gnome_settings);
  return g_test_run ();
}
