/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-step-row"

#include "config.h"

#include "gw-step-row.h"

#include <glib/gi18n-lib.h>

struct _GwStepRow
{
  GtkListBoxRow  parent_instance;

  GwStepId       id;
  GtkWidget     *result_icon;
  GtkWidget     *result_label;
  GtkWidget     *title;
  GtkWidget     *done;
  GtkWidget     *why;
  GtkWidget     *facts;
  GtkWidget     *buttons;
  GtkWidget     *disabled_reason;
  char          *buttons_key;   /* the kinds and labels the buttons were made for */
};

G_DEFINE_FINAL_TYPE (GwStepRow, gw_step_row, GTK_TYPE_LIST_BOX_ROW)

enum { PROP_0, PROP_DONE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_ACTION, N_SIGNALS };
static guint signals[N_SIGNALS];

static const struct
{
  const char *icon;
  const char *style;
  const char *text;
} results[] = {
  [GW_STEP_RESULT_PASSED] = { "emblem-ok-symbolic", "gw-result-passed", N_("Passed") },
  [GW_STEP_RESULT_PROBLEM] = { "dialog-warning-symbolic", "gw-result-problem", N_("Problem found") },
  [GW_STEP_RESULT_CANT_CHECK] = { "dialog-question-symbolic", "gw-result-unknown", N_("Can't check") },
  [GW_STEP_RESULT_UP_TO_YOU] = { "go-next-symbolic", "gw-result-yours", N_("Up to you") },
};

static GtkWidget *
wrapped_label (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), style);
  return label;
}

static void
set_result (GwStepRow    *self,
            GwStepResult  result)
{
  GtkWidget *coloured[] = { self->result_label, self->result_icon };

  g_assert (result < G_N_ELEMENTS (results));
  for (guint w = 0; w < G_N_ELEMENTS (coloured); w++)
    {
      GtkStyleContext *context = gtk_widget_get_style_context (coloured[w]);

      for (guint i = 0; i < G_N_ELEMENTS (results); i++)
        gtk_style_context_remove_class (context, results[i].style);
      gtk_style_context_add_class (context, results[result].style);
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (self->result_icon), results[result].icon,
                                GTK_ICON_SIZE_LARGE_TOOLBAR);
  gtk_label_set_text (GTK_LABEL (self->result_label), _(results[result].text));
}

static void
set_facts (GwStepRow    *self,
           const GwStep *step)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < step->facts->len; i++)
    g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (step->facts, i));
  gtk_label_set_text (GTK_LABEL (self->facts), text->str);
  gtk_widget_set_visible (self->facts, text->len > 0);
}

static void
button_clicked_cb (GtkButton *button,
                   GwStepRow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "gw-action-index"));

  g_signal_emit (self, signals[SIGNAL_ACTION], 0, index);
}

static char *
buttons_key (const GwStep *step)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < step->actions->len; i++)
    {
      const GwAction *action = g_ptr_array_index (step->actions, i);

      g_string_append_printf (key, "%d:%s\n", action->kind, action->label);
    }
  return g_string_free (key, FALSE);
}

static void
make_buttons (GwStepRow    *self,
              const GwStep *step)
{
  g_autoptr(GList) old = gtk_container_get_children (GTK_CONTAINER (self->buttons));

  for (GList *l = old; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  for (guint i = 0; i < step->actions->len; i++)
    {
      const GwAction *action = g_ptr_array_index (step->actions, i);
      GtkWidget *button = gtk_button_new_with_label (action->label);

      g_object_set_data (G_OBJECT (button), "gw-action-index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (button_clicked_cb), self);
      gtk_widget_show (button);
      gtk_container_add (GTK_CONTAINER (self->buttons), button);
      /* Tab goes to the button, not to the flow box's wrapper around it. */
      gtk_widget_set_can_focus (gtk_widget_get_parent (button), FALSE);
    }
}

/* Sensitivity and the reason a button is off, without rebuilding them. */
static void
update_buttons (GwStepRow    *self,
                const GwStep *step)
{
  g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (self->buttons));
  g_autofree char *key = buttons_key (step);
  const char *reason = NULL;
  guint i = 0;

  if (g_strcmp0 (key, self->buttons_key) != 0)
    {
      make_buttons (self, step);
      g_free (self->buttons_key);
      self->buttons_key = g_steal_pointer (&key);
      g_clear_pointer (&children, g_list_free);
      children = gtk_container_get_children (GTK_CONTAINER (self->buttons));
    }
  for (GList *l = children; l != NULL; l = l->next, i++)
    {
      const GwAction *action = g_ptr_array_index (step->actions, i);
      GtkWidget *button = gtk_bin_get_child (l->data);

      gtk_widget_set_sensitive (button, action->enabled);
      gtk_widget_set_tooltip_text (button, action->enabled ? NULL : action->disabled_reason);
      if (!action->enabled && action->disabled_reason != NULL)
        reason = action->disabled_reason;
    }
  gtk_widget_set_visible (self->buttons, step->actions->len > 0);
  gtk_label_set_text (GTK_LABEL (self->disabled_reason), reason ? reason : "");
  gtk_widget_set_visible (self->disabled_reason, reason != NULL);
}

void
gw_step_row_update (GwStepRow    *self,
                    const GwStep *step)
{
  AtkObject *accessible;
  g_autofree char *done_name = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (GW_IS_STEP_ROW (self));
  g_return_if_fail (step != NULL);

  self->id = step->id;
  gtk_label_set_text (GTK_LABEL (self->title), step->title);
  gtk_label_set_text (GTK_LABEL (self->why), step->why);
  set_result (self, step->result);
  set_facts (self, step);
  update_buttons (self, step);

  /* A screen reader hears the step's title, then its result. */
  accessible = gtk_widget_get_accessible (GTK_WIDGET (self));
  atk_object_set_name (accessible, step->title);
  /* Translators: a step's accessible description: "Problem found. <why>" */
  description = g_strdup_printf (_("%s. %s"), _(results[step->result].text), step->why);
  atk_object_set_description (accessible, description);
  /* Translators: the accessible name of a step's tick; %s is the step's title */
  done_name = g_strdup_printf (_("Mark “%s” as done"), step->title);
  atk_object_set_name (gtk_widget_get_accessible (self->done), done_name);
}

GwStepId
gw_step_row_get_id (GwStepRow *self)
{
  g_return_val_if_fail (GW_IS_STEP_ROW (self), GW_N_STEPS);
  return self->id;
}

gboolean
gw_step_row_get_done (GwStepRow *self)
{
  g_return_val_if_fail (GW_IS_STEP_ROW (self), FALSE);
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->done));
}

void
gw_step_row_set_done (GwStepRow *self,
                      gboolean   done)
{
  g_return_if_fail (GW_IS_STEP_ROW (self));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->done), done);
}

static void
done_toggled_cb (GtkToggleButton *button,
                 GwStepRow       *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (self->title);

  if (gtk_toggle_button_get_active (button))
    gtk_style_context_add_class (context, "dim-label");
  else
    gtk_style_context_remove_class (context, "dim-label");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

static void
gw_step_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GwStepRow *self = GW_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_DONE:
      g_value_set_boolean (value, gw_step_row_get_done (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_step_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GwStepRow *self = GW_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_DONE:
      gw_step_row_set_done (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_step_row_finalize (GObject *object)
{
  GwStepRow *self = GW_STEP_ROW (object);

  g_free (self->buttons_key);
  G_OBJECT_CLASS (gw_step_row_parent_class)->finalize (object);
}

static void
gw_step_row_class_init (GwStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gw_step_row_get_property;
  object_class->set_property = gw_step_row_set_property;
  object_class->finalize = gw_step_row_finalize;

  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ACTION] =
    g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

/* Icon | title, result label, tick
 *      | why
 *      | facts
 *      | buttons
 *      | why a button is off */
static void
gw_step_row_init (GwStepRow *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  g_object_set (grid, "margin", 12, NULL);

  self->result_icon = gtk_image_new ();
  gtk_widget_set_valign (self->result_icon, GTK_ALIGN_START);
  self->title = wrapped_label (NULL);
  gtk_widget_set_hexpand (self->title, TRUE);
  {
    PangoAttrList *bold = pango_attr_list_new ();

    pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    gtk_label_set_attributes (GTK_LABEL (self->title), bold);
    pango_attr_list_unref (bold);
  }
  self->result_label = gtk_label_new (NULL);
  gtk_style_context_add_class (gtk_widget_get_style_context (self->result_label), "gw-result");
  /* Translators: a tick beside a troubleshooting step the user has tried */
  self->done = gtk_check_button_new_with_label (_("Done"));
  self->why = wrapped_label ("dim-label");
  self->facts = wrapped_label (NULL);
  self->buttons = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->buttons), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->buttons), 6);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->buttons), FALSE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->buttons), 4);
  gtk_widget_set_halign (self->buttons, GTK_ALIGN_START);
  self->disabled_reason = wrapped_label ("dim-label");

  gtk_box_pack_start (GTK_BOX (heading), self->title, TRUE, TRUE, 0);
  gtk_box_pack_start (GTK_BOX (heading), self->result_label, FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (heading), self->done, FALSE, FALSE, 0);
  gtk_grid_attach (GTK_GRID (grid), self->result_icon, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), heading, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->why, 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->facts, 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->buttons, 1, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->disabled_reason, 1, 4, 1, 1);
  gtk_widget_show_all (grid);
  gtk_container_add (GTK_CONTAINER (self), grid);
  g_signal_connect (self->done, "toggled", G_CALLBACK (done_toggled_cb), self);
}

GtkWidget *
gw_step_row_new (const GwStep *step)
{
  GwStepRow *self = g_object_new (GW_TYPE_STEP_ROW, NULL);

  gw_step_row_update (self, step);
  return GTK_WIDGET (self);
}
