/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `gatewatch-applet`: the tray applet and its windows (GTK). `gatewatch`
 * starts it with the same command line. */
#include "config.h"

#include "gw-application.h"

#include <locale.h>
#include <glib/gi18n.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GwApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = gw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
