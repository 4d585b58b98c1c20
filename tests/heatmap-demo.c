/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shows the peak-hours heatmap on a synthetic but realistic week, for
 * looking at it and for screenshots:
 *
 *   heatmap-demo [--latency] [--dark] [--empty] [--width N] [--height N] [--now UNIX]
 *                [--keys Right,Right,Down] [--screenshot FILE.png]
 *
 * With --screenshot it writes the window to FILE once drawn and quits, so no
 * window manager is needed. --keys sends key presses to the heatmap first. */
#include "config.h"

#include "gw-heatmap.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

typedef struct
{
  GtkWidget  *window;
  GtkWidget  *heatmap;
  char      **keys;
  const char *screenshot;
  int         status;
} Demo;

/* Expected error rate and median latency of an hour, for a weekday (1–7). */
static void
profile (GDateWeekday  day,
         guint         hour,
         double       *rate,
         double       *median_ms)
{
  gboolean weekend = day >= G_DATE_SATURDAY;
  double afternoon = 1.0 - ABS ((int) hour - 16) / 4.0;  /* 1 at 16:00, 0.25 at 13:00 and 19:00 */

  *rate = 0.02;
  *median_ms = 420;
  if (hour < 7)
    {
      *rate = 0.002;
      *median_ms = 270;
    }
  else if (hour < 12)
    {
      *rate = 0.015;
      *median_ms = 380;
    }
  else if (hour >= 13 && hour < 20)
    {
      *rate = 0.05 + 0.05 * afternoon;
      *median_ms = 450 + 450 * afternoon;
    }
  if (weekend)
    {
      *rate /= 3.0;
      *median_ms *= 0.7;
    }
  if (day == G_DATE_MONDAY && hour >= 15 && hour < 17)
    *median_ms = 2300;  /* a slow Monday afternoon */
}

/* How many checks four weeks of a laptop that sleeps at night give. */
static guint32
checks_at (GRand        *rand,
           GDateWeekday  day,
           guint         hour)
{
  gboolean weekend = day >= G_DATE_SATURDAY;

  if (day == G_DATE_SUNDAY && hour >= 3 && hour < 6)
    return 0;                                         /* never on */
  if (weekend && hour < 9)
    return g_rand_int_range (rand, 2, 11);            /* too few */
  if (hour < 6)
    return g_rand_int_range (rand, 20, 60);
  if (hour == 6)
    return g_rand_int_range (rand, 4, 10);            /* too few */
  return weekend ? g_rand_int_range (rand, 40, 120) : g_rand_int_range (rand, 150, 241);
}

static GwWeekGrid *
make_grid (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240603);
  GwWeekGrid *grid = g_new0 (GwWeekGrid, 1);

  grid->first_weekday = gw_locale_first_weekday ();
  grid->min_samples = GW_DEFAULT_MIN_SAMPLES;
  grid->first_hour = 1714953600;    /* 2024-05-06 */
  grid->last_hour = 1717369200;
  for (guint row = 0; row < 7; row++)
    for (guint hour = 0; hour < 24; hour++)
      {
        GwGridCell *cell = &grid->cells[row][hour];
        double rate, median;

        profile (gw_week_grid_row_weekday (grid, row), hour, &rate, &median);
        cell->checks = checks_at (rand, gw_week_grid_row_weekday (grid, row), hour);
        rate *= g_rand_double_range (rand, 0.8, 1.15);
        cell->failures = (guint32) (rate * cell->checks + 0.5);
        cell->error_rate = cell->checks ? (double) cell->failures / cell->checks : 0.0;
        cell->median_ms = cell->checks ? (gint64) (median * g_rand_double_range (rand, 0.85, 1.2))
                                       : -1;
        cell->enough = cell->checks >= grid->min_samples;
        grid->total_checks += cell->checks;
      }
  return grid;
}

static gboolean
mode_from_active (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_enum (to, g_value_get_boolean (from) ? GW_HEATMAP_LATENCY : GW_HEATMAP_ERRORS);
  return TRUE;
}

static gboolean
active_from_mode (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == GW_HEATMAP_LATENCY);
  return TRUE;
}

static void
send_key (GtkWidget *window,
          guint      keyval)
{
  GdkEvent *event = gdk_event_new (GDK_KEY_PRESS);
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (window));

  event->key.window = g_object_ref (gtk_widget_get_window (window));
  event->key.send_event = TRUE;
  event->key.time = GDK_CURRENT_TIME;
  event->key.keyval = keyval;
  gdk_event_set_device (event, gdk_seat_get_keyboard (seat));
  gtk_main_do_event (event);
  gdk_event_free (event);
}

static gboolean
screenshot_cb (gpointer user_data)
{
  Demo *demo = user_data;
  GdkWindow *window = gtk_widget_get_window (demo->window);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = gdk_pixbuf_get_from_window (window, 0, 0, gdk_window_get_width (window),
                                       gdk_window_get_height (window));
  if (pixbuf == NULL || !gdk_pixbuf_save (pixbuf, demo->screenshot, "png", &error, NULL))
    {
      g_printerr ("Cannot write %s: %s\n", demo->screenshot, error ? error->message : "no pixels");
      demo->status = 1;
    }
  gtk_main_quit ();
  return G_SOURCE_REMOVE;
}

static gboolean
keys_cb (gpointer user_data)
{
  Demo *demo = user_data;

  gtk_widget_grab_focus (demo->heatmap);
  gtk_window_set_focus_visible (GTK_WINDOW (demo->window), TRUE);
  for (guint i = 0; demo->keys != NULL && demo->keys[i] != NULL; i++)
    {
      guint keyval = gdk_keyval_from_name (demo->keys[i]);

      if (keyval == GDK_KEY_VoidSymbol)
        g_printerr ("Unknown key %s\n", demo->keys[i]);
      else
        send_key (demo->window, keyval);
    }
  if (demo->screenshot != NULL)
    g_timeout_add (600, screenshot_cb, demo);
  return G_SOURCE_REMOVE;
}

static GtkWidget *
build_window (Demo                *demo,
              const GwWeekGrid    *grid,
              const GwPeakWindows *windows,
              int                  width,
              int                  height)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *toggle_label = gtk_label_new_with_mnemonic ("Show median _latency");
  g_autofree char *sentence = gw_peak_windows_describe (windows);
  GtkWidget *summary = gtk_label_new (sentence);

  demo->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_title (GTK_WINDOW (demo->window), "Peak hours");
  gtk_window_set_default_size (GTK_WINDOW (demo->window), width, height);
  g_signal_connect (demo->window, "destroy", G_CALLBACK (gtk_main_quit), NULL);
  g_object_set (box, "margin", 12, NULL);

  demo->heatmap = gw_heatmap_new ();
  gtk_widget_set_vexpand (demo->heatmap, TRUE);
  gw_heatmap_set_data (GW_HEATMAP (demo->heatmap), grid, windows);

  gtk_label_set_mnemonic_widget (GTK_LABEL (toggle_label), toggle);
  gtk_widget_set_halign (toggle_label, GTK_ALIGN_END);
  gtk_widget_set_hexpand (toggle_label, TRUE);
  gtk_box_pack_start (GTK_BOX (row), toggle_label, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (row), toggle, FALSE, FALSE, 0);
  g_object_bind_property_full (toggle, "active", demo->heatmap, "mode",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               mode_from_active, active_from_mode, NULL, NULL);

  gtk_label_set_line_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0.0);

  gtk_box_pack_start (GTK_BOX (box), demo->heatmap, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (box), row, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box), summary, FALSE, FALSE, 0);
  gtk_container_add (GTK_CONTAINER (demo->window), box);
  return demo->window;
}

int
main (int   argc,
      char *argv[])
{
  gboolean latency = FALSE, dark = FALSE, empty = FALSE;
  int width = 640, height = -1;
  gint64 now = 0;
  char *keys = NULL;
  Demo demo = { 0 };
  GOptionEntry entries[] = {
    { "latency", 0, 0, G_OPTION_ARG_NONE, &latency, "Colour by median latency", NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Prefer the dark theme", NULL },
    { "empty", 0, 0, G_OPTION_ARG_NONE, &empty, "No data yet", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width (640)", "N" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height (natural)", "N" },
    { "now", 0, 0, G_OPTION_ARG_INT64, &now, "The current time, unix seconds", "UNIX" },
    { "keys", 0, 0, G_OPTION_ARG_STRING, &keys, "Key presses for the heatmap", "Right,Down" },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &demo.screenshot, "Write a PNG and quit", "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GwWeekGrid) grid = NULL;
  GwPeakWindows windows;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (!gtk_init_with_args (&argc, &argv, NULL, entries, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (dark)
    g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);

  grid = make_grid ();
  gw_peak_windows_find (grid, &windows);
  build_window (&demo, grid, &windows, width, height);
  if (now != 0)
    gw_heatmap_set_now (GW_HEATMAP (demo.heatmap), now, NULL);
  if (empty)
    gw_heatmap_set_data (GW_HEATMAP (demo.heatmap), NULL, NULL);
  if (latency)
    gw_heatmap_set_mode (GW_HEATMAP (demo.heatmap), GW_HEATMAP_LATENCY);
  gtk_widget_show_all (demo.window);
  gtk_window_present (GTK_WINDOW (demo.window));

  demo.keys = keys ? g_strsplit (keys, ",", -1) : NULL;
  if (demo.keys != NULL)
    g_timeout_add (400, keys_cb, &demo);
  else if (demo.screenshot != NULL)
    g_timeout_add (400, screenshot_cb, &demo);
  gtk_main ();
  g_strfreev (demo.keys);
  g_free (keys);
  return demo.status;
}
