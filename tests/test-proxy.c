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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/proxy/environment/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_environment);
    }
  g_test_add_func ("/proxy/lookup-cancelled", test_lookup_cancelled);
  return g_test_run ();
}
