/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gw-incidents.h"

static void
test_url_for (void)
{
  static const struct { const char *summary; const char *incidents; } cases[] = {
    { "https://status.openai.com/api/v2/summary.json",
      "https://status.openai.com/api/v2/incidents.json" },
    { "http://127.0.0.1:8080/api/v2/summary.json?x=1#top",
      "http://127.0.0.1:8080/api/v2/incidents.json" },
    { "https://status.example/summary.json", "https://status.example/incidents.json" },
    { "https://status.example/api/v2/status.json", NULL },
    { "https://status.example/api/v2/not-summary.json", NULL },
    { "not a url", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = gw_incidents_url_for (cases[i].summary);

      g_assert_cmpstr (url, ==, cases[i].incidents);
    }
}

static void
test_due (void)
{
  gint64 now = 1795273503;

  g_assert_true (gw_incidents_due (0, now));
  g_assert_false (gw_incidents_due (now - 60, now));
  g_assert_false (gw_incidents_due (now - GW_INCIDENTS_INTERVAL_S + 1, now));
  g_assert_true (gw_incidents_due (now - GW_INCIDENTS_INTERVAL_S, now));
  /* A clock set back: the last import looks in the future, fetch again. */
  g_assert_true (gw_incidents_due (now + 3600, now));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/incidents/url-for", test_url_for);
  g_test_add_func ("/incidents/due", test_due);
  return g_test_run ();
}
