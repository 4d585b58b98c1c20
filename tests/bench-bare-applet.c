/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The smallest tray applet GTK3 and libayatana-appindicator make: plain
 * gtk_init, one indicator with an icon name and a one-item menu, gtk_main.
 * The baseline that tools/bench-applet measures Gatewatch against. Not a
 * test: it asserts nothing. */
#include <gtk/gtk.h>
#include <libayatana-appindicator/app-indicator.h>

int
main (int   argc,
      char *argv[])
{
  AppIndicator *indicator;
  GtkWidget *menu;
  GtkWidget *item;

  gtk_init (&argc, &argv);

  menu = gtk_menu_new ();
  item = gtk_menu_item_new_with_label ("Quit");
  g_signal_connect (item, "activate", G_CALLBACK (gtk_main_quit), NULL);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), item);
  gtk_widget_show_all (menu);

  indicator = app_indicator_new ("bench-bare-applet", "dialog-information",
                                 APP_INDICATOR_CATEGORY_APPLICATION_STATUS);
  app_indicator_set_menu (indicator, GTK_MENU (menu));
  app_indicator_set_status (indicator, APP_INDICATOR_STATUS_ACTIVE);

  gtk_main ();

  g_object_unref (indicator);
  return 0;
}
