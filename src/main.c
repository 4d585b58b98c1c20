/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `gatewatch`: the command-line modes that need no display run here, without
 * loading GTK; everything else hands over to the applet (gatewatch-applet),
 * which takes the same command line. */
#include "config.h"

#include "gw-cli.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

typedef struct
{
  char     **argv;     /* as given, for the applet */
  gboolean   parsed;
} Launch;

/* Next to this program in a build tree, else in libexecdir. */
static char *
applet_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *sibling = g_build_filename (dir, "gatewatch-applet", NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
    }
  return g_build_filename (LIBEXECDIR, "gatewatch-applet", NULL);
}

static int
handle_local_options_cb (GApplication *app,
                         GVariantDict *options,
                         Launch       *launch)
{
  g_autoptr(GwConfig) config = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *applet = NULL;
  int status;

  launch->parsed = TRUE;
  status = gw_cli_handle_options (options, &config, &settings);
  if (status >= 0)
    return status;

  applet = applet_path ();
  execv (applet, launch->argv);
  g_printerr (_("Cannot start the applet %s: %s\n"), applet, g_strerror (errno));
  return GW_EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;
  g_auto(GStrv) original = g_strdupv (argv);
  Launch launch = { original, FALSE };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Never registered: every mode either finishes or becomes the applet
   * before GApplication would own the name. */
  app = g_application_new (APP_ID, G_APPLICATION_FLAGS_NONE);
  gw_cli_add_options (app);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (handle_local_options_cb), &launch);
  status = g_application_run (app, argc, argv);

  /* GApplication answers a parse error with 1, which means "degraded" here. */
  if (!launch.parsed && status != 0)
    status = GW_EXIT_USAGE;
  return status;
}
