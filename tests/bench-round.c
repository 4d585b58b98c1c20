/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs many probe rounds in one process against the given targets and prints
 * the CPU and wall time per round. Driven by tools/bench-round, which starts
 * the loopback servers. Not a test: it asserts nothing, it measures. */
#include "config.h"

#include "gw-prober.h"

#include <stdlib.h>
#include <sys/resource.h>

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
round_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GwRound **round = user_data;
  g_autoptr(GError) error = NULL;

  *round = gw_prober_run_finish (GW_PROBER (source), result, &error);
  if (*round == NULL)
    g_error ("round failed: %s", error->message);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *web = NULL, *api = NULL, *status = NULL, *control = NULL, *cacert = NULL;
  int rounds = 200;
  const GOptionEntry entries[] = {
    { "web-url", 0, 0, G_OPTION_ARG_STRING, &web, "web target", "URL" },
    { "api-url", 0, 0, G_OPTION_ARG_STRING, &api, "api target", "URL" },
    { "status-url", 0, 0, G_OPTION_ARG_STRING, &status, "status target", "URL" },
    { "control-url", 0, 0, G_OPTION_ARG_STRING, &control, "control target", "URL" },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, &cacert, "extra CA bundle", "FILE" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "rounds to run", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— probe rounds per second");
  g_autoptr(GError) error = NULL;
  g_autoptr(GwProber) prober = NULL;
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  GwProbeConfig config = { .timeout_ms = 10000 };
  double cpu_start, cpu_total, wall_total = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1)
    {
      g_printerr ("%s\n", error ? error->message : "--rounds must be positive");
      return EXIT_FAILURE;
    }
  config.urls[GW_TARGET_WEB] = web;
  config.urls[GW_TARGET_API] = api;
  config.urls[GW_TARGET_STATUS] = status;
  config.urls[GW_TARGET_CONTROL] = control;
  prober = gw_prober_new (cacert);

  cpu_start = cpu_seconds ();
  for (int i = 0; i < rounds; i++)
    {
      g_autoptr(GwRound) round = NULL;
      gint64 start = g_get_monotonic_time ();
      double wall;

      gw_prober_run_async (prober, &config, NULL, round_done_cb, &round);
      while (round == NULL)
        g_main_context_iteration (NULL, TRUE);
      wall = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (walls, wall);
      wall_total += wall;
      for (guint t = 0; t < GW_N_TARGETS; t++)
        if (gw_probe_result_enabled (&round->probes[t]) && round->probes[t].layer != GW_LAYER_NONE)
          g_error ("the %s probe failed: %s", gw_target_to_string (t), round->probes[t].error);
    }
  cpu_total = cpu_seconds () - cpu_start;

  g_array_sort (walls, compare_doubles);
  g_print ("rounds %d\ncpu_ms_per_round %.2f\nwall_ms_mean %.2f\nwall_ms_median %.2f\n",
           rounds, cpu_total * 1000 / rounds, wall_total / rounds,
           g_array_index (walls, double, walls->len / 2));
  return EXIT_SUCCESS;
}
