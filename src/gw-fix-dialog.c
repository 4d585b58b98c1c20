/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-fix-dialog"

#include "config.h"

#include "gw-fix-dialog.h"

#include "gw-banner.h"
#include "gw-fix-dialog-private.h"
#include "gw-heatmap.h"
#include "gw-step-actions.h"
#include "gw-step-row.h"

#include <glib/gi18n-lib.h>

G_DEFINE_FINAL_TYPE (GwFixDialog, gw_fix_dialog, GTK_TYPE_APPLICATION_WINDOW)

#define TOAST_SECONDS 4

/* The real system: the gatherers read /etc, /sys, the environment and the buses. */
static const GwFactSources real_system = { 0 };

static void refresh_fix_page (GwFixDialog *self);

static gboolean
hide_toast_cb (gpointer user_data)
{
  GwFixDialog *self = user_data;

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->toast_revealer), FALSE);
  self->toast_id = 0;
  return G_SOURCE_REMOVE;
}

static void
show_toast (GwFixDialog *self,
            const char  *text)
{
  AtkObject *accessible = gtk_widget_get_accessible (self->toast_label);

  gtk_label_set_text (GTK_LABEL (self->toast_label), text);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->toast_revealer), TRUE);
  /* Screen readers announce a live region's changes. */
  atk_object_notify_state_change (accessible, ATK_STATE_SHOWING, TRUE);
  g_clear_handle_id (&self->toast_id, g_source_remove);
  self->toast_id = g_timeout_add_seconds (TOAST_SECONDS, hide_toast_cb, self);
}

static void
step_action_cb (GwStepRow   *row,
                guint        index,
                GwFixDialog *self)
{
  const GwStep *step = gw_checklist_get_step (self->checklist, gw_step_row_get_id (row));
  g_autofree char *feedback = NULL;
  g_autoptr(GError) error = NULL;

  if (step == NULL || index >= step->actions->len)
    return;
  if (!gw_step_action_run (g_ptr_array_index (step->actions, index), GTK_WINDOW (self),
                           &feedback, &error))
    {
      g_autofree char *message = g_strdup_printf (_("That did not work: %s"), error->message);

      g_warning ("Step action failed: %s", error->message);
      show_toast (self, message);
      return;
    }
  if (feedback != NULL)
    show_toast (self, feedback);
}

static void
step_done_cb (GwStepRow   *row,
              GParamSpec  *pspec,
              GwFixDialog *self)
{
  GwStepId id = gw_step_row_get_id (row);

  if (id < GW_N_STEPS)
    self->done[id] = gw_step_row_get_done (row);
}

static GtkWidget *
make_row (GwFixDialog  *self,
          const GwStep *step)
{
  GtkWidget *row = gw_step_row_new (step);

  gw_step_row_set_done (GW_STEP_ROW (row), self->done[step->id]);
  g_signal_connect (row, "action", G_CALLBACK (step_action_cb), self);
  g_signal_connect (row, "notify::done", G_CALLBACK (step_done_cb), self);
  gtk_widget_show (row);
  return row;
}

/* The steps' order and folding: when it stays, the rows are updated in
 * place and keep the keyboard focus. */
static char *
layout_key (const GwChecklist *checklist)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < checklist->steps->len; i++)
    {
      const GwStep *step = g_ptr_array_index (checklist->steps, i);

      g_string_append_printf (key, "%d%c", step->id, step->folded ? 'f' : 'l');
    }
  return g_string_free (key, FALSE);
}

static void
update_rows (GtkWidget         *list,
             const GwChecklist *checklist)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (list));

  for (GList *l = rows; l != NULL; l = l->next)
    {
      const GwStep *step = gw_checklist_get_step (checklist, gw_step_row_get_id (l->data));

      if (step != NULL)
        gw_step_row_update (l->data, step);
    }
}

static void
rebuild_rows (GwFixDialog *self)
{
  g_autoptr(GList) lead = gtk_container_get_children (GTK_CONTAINER (self->lead_list));
  g_autoptr(GList) fold = gtk_container_get_children (GTK_CONTAINER (self->fold_list));
  gboolean any_folded = FALSE;

  for (GList *l = lead; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  for (GList *l = fold; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  for (guint i = 0; i < self->checklist->steps->len; i++)
    {
      const GwStep *step = g_ptr_array_index (self->checklist->steps, i);

      gtk_container_add (GTK_CONTAINER (step->folded ? self->fold_list : self->lead_list),
                         make_row (self, step));
      any_folded |= step->folded;
    }
  gtk_widget_set_visible (self->fold_expander, any_folded);
}

static void
update_checklist (GwFixDialog *self,
                  gint64       now_us)
{
  const GwVerdict *verdict = gw_monitor_get_verdict (self->monitor);
  g_autofree char *key = NULL;

  g_clear_pointer (&self->checklist, gw_checklist_free);
  self->checklist = gw_checklist_build (verdict, gw_monitor_get_round (self->monitor), self->facts,
                                        now_us, gw_monitor_get_next_check (self->monitor),
                                        gw_monitor_get_check_now_available_at (self->monitor));
  key = layout_key (self->checklist);
  if (g_strcmp0 (key, self->layout_key) == 0)
    {
      update_rows (self->lead_list, self->checklist);
      update_rows (self->fold_list, self->checklist);
      return;
    }
  g_free (self->layout_key);
  self->layout_key = g_steal_pointer (&key);
  rebuild_rows (self);
}

static void
update_banner (GwFixDialog *self,
               gint64       now_us)
{
  const GwVerdict *verdict = gw_monitor_get_verdict (self->monitor);
  GwBannerInput input = {
    .verdict = verdict,
    .round = gw_monitor_get_round (self->monitor),
    .problem_since_us = gw_monitor_get_problem_since (self->monitor),
    .usual_first_byte_ms = gw_fix_dialog_usual_first_byte_ms (self, now_us / G_USEC_PER_SEC),
    .now_us = now_us,
  };
  g_autoptr(GwBanner) banner = gw_banner_build (&input);
  g_autofree char *checks = gw_banner_checks_line (gw_monitor_get_last_check (self->monitor),
                                                   gw_monitor_get_next_check (self->monitor),
                                                   gw_monitor_get_paused (self->monitor),
                                                   gw_monitor_is_running (self->monitor),
                                                   now_us, NULL);
  AtkObject *icon = gtk_widget_get_accessible (self->banner_icon);

  gtk_image_set_from_icon_name (GTK_IMAGE (self->banner_icon), banner->icon_name,
                                GTK_ICON_SIZE_DIALOG);
  atk_object_set_name (icon, banner->title);
  gtk_label_set_text (GTK_LABEL (self->banner_title), banner->title);
  gtk_label_set_text (GTK_LABEL (self->banner_summary), banner->summary);
  gtk_label_set_text (GTK_LABEL (self->banner_detail), banner->detail);
  gtk_label_set_text (GTK_LABEL (self->checks_label), checks);
  gtk_widget_set_visible (self->notify_box, banner->state != GW_STATE_OPERATIONAL &&
                                            banner->state != GW_STATE_UNKNOWN);
}

static void
refresh_fix_page (GwFixDialog *self)
{
  gint64 now_us = g_get_real_time ();

  update_banner (self, now_us);
  update_checklist (self, now_us);
}

static void
facts_gathered_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GwLocalFacts) facts = gw_local_facts_gather_finish (result, NULL);
  GwFixDialog *self;

  if (facts == NULL)   /* cancelled: the window is gone */
    return;
  self = GW_FIX_DIALOG (user_data);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->facts, gw_local_facts_free);
  self->facts = g_steal_pointer (&facts);
  refresh_fix_page (self);
}

/* The local facts change rarely: read again at most once per round. */
static void
gather_facts (GwFixDialog *self)
{
  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  gw_local_facts_gather_async (&real_system, self->cancellable, facts_gathered_cb, self);
}

static void
monitor_updated_cb (GwMonitor   *monitor,
                    GwFixDialog *self)
{
  refresh_fix_page (self);
}

/* After a round (or an import of official incidents): new history, and the
 * local facts may have changed too. */
static void
history_changed_cb (GwMonitor   *monitor,
                    GwFixDialog *self)
{
  gw_fix_dialog_refresh_history (self);
  gather_facts (self);
}

/* Countdowns move once a second, while the window is on screen. */
static gboolean
tick_cb (gpointer user_data)
{
  refresh_fix_page (user_data);
  return G_SOURCE_CONTINUE;
}

static void
gw_fix_dialog_map (GtkWidget *widget)
{
  GwFixDialog *self = GW_FIX_DIALOG (widget);

  GTK_WIDGET_CLASS (gw_fix_dialog_parent_class)->map (widget);
  refresh_fix_page (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

static void
gw_fix_dialog_unmap (GtkWidget *widget)
{
  GwFixDialog *self = GW_FIX_DIALOG (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (gw_fix_dialog_parent_class)->unmap (widget);
}

static void
mode_toggled_cb (GwFixDialog *self)
{
  gboolean latency = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->latency_toggle));

  gw_heatmap_set_mode (GW_HEATMAP (self->heatmap),
                       latency ? GW_HEATMAP_LATENCY : GW_HEATMAP_ERRORS);
}

void
gw_fix_dialog_show_page (GwFixDialog *self,
                         const char  *page)
{
  g_return_if_fail (GW_IS_FIX_DIALOG (self));
  g_return_if_fail (page != NULL);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
}

static void
gw_fix_dialog_dispose (GObject *object)
{
  GwFixDialog *self = GW_FIX_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->toast_id, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (gw_fix_dialog_parent_class)->dispose (object);
}

static void
gw_fix_dialog_finalize (GObject *object)
{
  GwFixDialog *self = GW_FIX_DIALOG (object);

  g_clear_pointer (&self->grid, gw_week_grid_free);
  g_clear_pointer (&self->facts, gw_local_facts_free);
  g_clear_pointer (&self->checklist, gw_checklist_free);
  g_free (self->layout_key);
  G_OBJECT_CLASS (gw_fix_dialog_parent_class)->finalize (object);
}

static void
gw_fix_dialog_class_init (GwFixDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_fix_dialog_dispose;
  object_class->finalize = gw_fix_dialog_finalize;
  widget_class->map = gw_fix_dialog_map;
  widget_class->unmap = gw_fix_dialog_unmap;

  g_type_ensure (GW_TYPE_HEATMAP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gatewatch/Gatewatch/gw-fix-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GwFixDialog, name)
  BIND (stack);
  BIND (toast_revealer);
  BIND (toast_label);
  BIND (banner_icon);
  BIND (banner_title);
  BIND (banner_summary);
  BIND (banner_detail);
  BIND (checks_label);
  BIND (notify_box);
  BIND (notify_switch);
  BIND (lead_list);
  BIND (fold_expander);
  BIND (fold_list);
  BIND (windows_label);
  BIND (errors_toggle);
  BIND (latency_toggle);
  BIND (heatmap);
  BIND (basis_label);
  BIND (official_heading);
  BIND (official_list);
  BIND (outages_list);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
}

static void
add_styles (GtkWidget *widget)
{
  static GtkCssProvider *provider;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (provider, "/io/github/gatewatch/Gatewatch/style.css");
    }
  gtk_style_context_add_provider_for_screen (gtk_widget_get_screen (widget),
                                             GTK_STYLE_PROVIDER (provider),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
gw_fix_dialog_init (GwFixDialog *self)
{
  GtkWidget *lists[4];

  gtk_widget_init_template (GTK_WIDGET (self));
  add_styles (GTK_WIDGET (self));
  lists[0] = self->lead_list;
  lists[1] = self->fold_list;
  lists[2] = self->official_list;
  lists[3] = self->outages_list;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    gtk_list_box_set_header_func (GTK_LIST_BOX (lists[i]), gw_fix_dialog_separate_rows, NULL,
                                  NULL);
  atk_object_set_name (gtk_widget_get_accessible (self->notify_switch),
                       _("Notify me when it's back"));
  atk_object_set_name (gtk_widget_get_accessible (self->lead_list), _("Steps to try"));
  atk_object_set_name (gtk_widget_get_accessible (self->fold_list),
                       _("Other things you could try"));
  atk_object_set_name (gtk_widget_get_accessible (self->outages_list), _("Outages"));
  atk_object_set_name (gtk_widget_get_accessible (self->official_list),
                       _("Reported by the status page"));
}

GtkWidget *
gw_fix_dialog_new (GtkApplication *app,
                   GwMonitor      *monitor,
                   GwHistory      *history)
{
  GwFixDialog *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (GW_IS_MONITOR (monitor), NULL);

  self = g_object_new (GW_TYPE_FIX_DIALOG, "application", app, NULL);
  self->monitor = g_object_ref (monitor);
  self->history = history != NULL ? g_object_ref (history) : NULL;
  g_signal_connect (monitor, "updated", G_CALLBACK (monitor_updated_cb), self);
  g_signal_connect (monitor, "history-changed", G_CALLBACK (history_changed_cb), self);
  gw_fix_dialog_refresh_history (self);
  gather_facts (self);
  refresh_fix_page (self);
  return GTK_WIDGET (self);
}
