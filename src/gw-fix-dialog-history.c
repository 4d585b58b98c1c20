/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-fix-dialog"

#include "config.h"

#include "gw-fix-dialog-private.h"
#include "gw-heatmap.h"

#include <glib/gi18n-lib.h>

#define OUTAGES_SHOWN   100
#define OFFICIAL_SHOWN  5

GtkWidget *
gw_fix_dialog_text_row (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  g_object_set (label, "margin", 12, NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_container_add (GTK_CONTAINER (row), label);
  atk_object_set_name (gtk_widget_get_accessible (row), text);
  gtk_widget_show_all (row);
  return row;
}

/* Lines between the rows of a boxed list. */
void
gw_fix_dialog_separate_rows (GtkListBoxRow *row,
                             GtkListBoxRow *before,
                             gpointer       user_data)
{
  if (before != NULL && gtk_list_box_row_get_header (row) == NULL)
    gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  else if (before == NULL)
    gtk_list_box_row_set_header (row, NULL);
}

static void
clear_list (GtkWidget *list)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (list));

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}

static void
set_placeholder (GtkWidget  *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  g_object_set (label, "margin", 12, NULL);
  gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  gtk_widget_show (label);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), label);
}

static void
fill_outages (GwFixDialog *self,
              GPtrArray   *outages,
              gint64       now,
              GTimeZone   *tz)
{
  guint official = 0;

  clear_list (self->outages_list);
  clear_list (self->official_list);
  for (guint i = 0; outages != NULL && i < outages->len; i++)
    {
      const GwOutage *outage = g_ptr_array_index (outages, i);
      g_autofree char *line = gw_outage_describe (outage, gw_outage_find_official (outage, outages),
                                                  now, tz);

      gtk_container_add (GTK_CONTAINER (self->outages_list), gw_fix_dialog_text_row (line));
      if (outage->source == GW_OUTAGE_SOURCE_STATUS_PAGE && official++ < OFFICIAL_SHOWN)
        gtk_container_add (GTK_CONTAINER (self->official_list), gw_fix_dialog_text_row (line));
    }
}

static void
fill_peak_hours (GwFixDialog *self,
                 GTimeZone   *tz,
                 gint64       now)
{
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *windows_text = NULL;
  g_autofree char *basis = NULL;
  GwPeakWindows windows;

  stats = gw_history_hour_stats (self->history, 0, G_MAXINT64, &error);
  if (stats == NULL)
    g_warning ("Peak hours not read: %s", error->message);
  g_clear_pointer (&self->grid, gw_week_grid_free);
  self->grid = gw_week_grid_build (stats ? (const GwHourStats *) stats->data : NULL,
                                   stats ? stats->len : 0, tz, gw_locale_first_weekday (),
                                   GW_DEFAULT_MIN_SAMPLES);
  gw_peak_windows_find (self->grid, &windows);
  gw_heatmap_set_now (GW_HEATMAP (self->heatmap), now, tz);
  gw_heatmap_set_data (GW_HEATMAP (self->heatmap), self->grid, &windows);
  windows_text = gw_peak_windows_describe (&windows);
  gtk_label_set_text (GTK_LABEL (self->windows_label), windows_text);
  basis = gw_week_grid_describe_basis (self->grid);
  gtk_label_set_text (GTK_LABEL (self->basis_label), basis);
}

void
gw_fix_dialog_refresh_history (GwFixDialog *self)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GPtrArray) outages = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  set_placeholder (self->outages_list, _("No outages recorded yet."));
  set_placeholder (self->official_list, _("No incidents from the status page yet."));
  if (self->history == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->windows_label),
                          _("No history: Gatewatch could not open its history file."));
      gtk_label_set_text (GTK_LABEL (self->basis_label), "");
      gw_heatmap_set_data (GW_HEATMAP (self->heatmap), NULL, NULL);
      return;
    }
  fill_peak_hours (self, tz, now);
  outages = gw_history_outages (self->history, OUTAGES_SHOWN, &error);
  if (outages == NULL)
    g_warning ("Outages not read: %s", error->message);
  fill_outages (self, outages, now, tz);
}

gint64
gw_fix_dialog_usual_first_byte_ms (GwFixDialog *self,
                                   gint64       now_unix)
{
  int row, hour;

  if (self->grid == NULL || !gw_heatmap_locate_now (self->grid, now_unix, NULL, &row, &hour))
    return -1;
  return self->grid->cells[row][hour].enough ? self->grid->cells[row][hour].median_ms : -1;
}
