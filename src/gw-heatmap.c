/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-heatmap"

#include "config.h"

#include "gw-heatmap.h"

#include <glib/gi18n-lib.h>

#define MIN_WIDTH      480
#define NATURAL_WIDTH  640
#define MIN_HEIGHT     200
#define NATURAL_HEIGHT 240

#define HATCH_SPACING  5.0   /* between the diagonal lines of "not enough data" */
#define FOCUS_GROW     3.0   /* the focus ring's distance around the selected cell */

struct _GwHeatmap
{
  GtkDrawingArea   parent_instance;

  GwWeekGrid      *grid;          /* own copy; NULL: no data yet */
  GwPeakWindows    windows;
  GwHeatmapMode    mode;
  GwHeatmapLayout *layout;        /* for the current size, data and mode */

  PangoLayout     *text;          /* labels, in the small font; NULL after a style change */
  int              label_width;
  int              label_height;

  gboolean         now_set;       /* set_now () was called: else read the clock on set_data () */
  gint64           now;
  GTimeZone       *tz;
  int              current_row;   /* -1: now is not in the grid */
  int              current_hour;

  int              selected_row;  /* the keyboard's cell; -1: none yet */
  int              selected_hour;
  gboolean         announce_cell; /* the accessible description is the selected cell's */
  GtkWidget       *popover;       /* the selected cell's sentence, after a key press */
  GtkWidget       *popover_label;
};

G_DEFINE_FINAL_TYPE (GwHeatmap, gw_heatmap, GTK_TYPE_DRAWING_AREA)

enum
{
  PROP_0,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
gw_heatmap_mode_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { GW_HEATMAP_ERRORS, "GW_HEATMAP_ERRORS", "errors" },
        { GW_HEATMAP_LATENCY, "GW_HEATMAP_LATENCY", "latency" },
        { 0, NULL, NULL },
      };
      GType id = g_enum_register_static (g_intern_static_string ("GwHeatmapMode"), values);

      g_once_init_leave (&type_id, id);
    }
  return type_id;
}

/* Text metrics the layout needs: the widest weekday label and a line's height. */
static void
ensure_text (GwHeatmap *self)
{
  PangoAttrList *attrs;
  int width, height;

  if (self->text != NULL)
    return;

  self->text = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (self->text, attrs);
  pango_attr_list_unref (attrs);

  self->label_width = 0;
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    {
      g_autofree char *name = gw_heatmap_weekday_label (day);

      pango_layout_set_text (self->text, name, -1);
      pango_layout_get_pixel_size (self->text, &width, NULL);
      self->label_width = MAX (self->label_width, width);
    }
  pango_layout_set_text (self->text, "0123456789 %", -1);
  pango_layout_get_pixel_size (self->text, NULL, &height);
  self->label_height = height;
}

static void
relayout (GwHeatmap *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  ensure_text (self);
  g_clear_pointer (&self->layout, gw_heatmap_layout_free);
  self->layout = gw_heatmap_layout_compute (self->grid, self->mode,
                                            gtk_widget_get_allocated_width (widget),
                                            gtk_widget_get_allocated_height (widget),
                                            self->label_width, self->label_height,
                                            self->current_row, self->current_hour);
  gtk_widget_queue_draw (widget);
}

static void
update_current (GwHeatmap *self)
{
  gint64 now = self->now_set ? self->now : g_get_real_time () / G_USEC_PER_SEC;

  if (self->grid == NULL
      || !gw_heatmap_locate_now (self->grid, now, self->tz, &self->current_row,
                                 &self->current_hour))
    self->current_row = self->current_hour = -1;
}

static gboolean
has_selection (GwHeatmap *self)
{
  return self->grid != NULL && self->selected_row >= 0 && self->selected_hour >= 0;
}

/* The tooltip's sentence, also read to screen reader users. */
static char *
describe_cell (GwHeatmap *self,
               int        row,
               int        hour)
{
  g_autofree char *text = gw_heatmap_cell_describe (self->grid, row, hour);

  if (row != self->current_row || hour != self->current_hour)
    return g_steal_pointer (&text);
  /* Translators: a cell of the peak-hours heatmap, "Tuesdays 14:00–15:00: …",
   * when it is the current hour */
  return g_strdup_printf (_("%s (now)"), text);
}

static void
update_accessible (GwHeatmap *self)
{
  AtkObject *accessible = gtk_widget_get_accessible (GTK_WIDGET (self));
  g_autofree char *text = NULL;

  if (self->grid == NULL)
    text = g_strdup (_("No checks recorded yet"));
  else if (self->announce_cell && has_selection (self))
    text = describe_cell (self, self->selected_row, self->selected_hour);
  else
    text = gw_peak_windows_describe (&self->windows);
  atk_object_set_description (accessible, text);
}

static void
hide_popover (GwHeatmap *self)
{
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static GdkRectangle
cell_area (GwHeatmap *self,
           int        row,
           int        hour)
{
  const GwHeatmapRect *r = &self->layout->cells[row][hour].rect;

  return (GdkRectangle) { (int) r->x, (int) r->y, (int) (r->width + 0.5), (int) (r->height + 0.5) };
}

/* What a tooltip would say, for keyboard users, beside the selected cell. */
static void
show_popover (GwHeatmap  *self,
              const char *text)
{
  GdkRectangle area = cell_area (self, self->selected_row, self->selected_hour);

  if (self->popover == NULL)
    {
      self->popover = g_object_ref_sink (gtk_popover_new (GTK_WIDGET (self)));
      gtk_popover_set_modal (GTK_POPOVER (self->popover), FALSE);
      gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
      self->popover_label = gtk_label_new (NULL);
      g_object_set (self->popover_label, "margin", 6, NULL);
      gtk_container_add (GTK_CONTAINER (self->popover), self->popover_label);
      gtk_widget_show (self->popover_label);
    }
  gtk_label_set_text (GTK_LABEL (self->popover_label), text);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &area);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
select_cell (GwHeatmap *self,
             int        row,
             int        hour,
             gboolean   by_keyboard)
{
  self->selected_row = CLAMP (row, 0, GW_HEATMAP_ROWS - 1);
  self->selected_hour = CLAMP (hour, 0, GW_HEATMAP_HOURS - 1);
  self->announce_cell = by_keyboard;
  update_accessible (self);
  if (by_keyboard && self->layout != NULL)
    {
      g_autofree char *text = describe_cell (self, self->selected_row, self->selected_hour);

      show_popover (self, text);
    }
  else
    hide_popover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Painting: everything comes from the layout. */

static void
paint_hatch (cairo_t             *cr,
             const GwHeatmapRect *r,
             const GdkRGBA       *fg)
{
  double bottom = r->y + r->height;

  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.6);
  cairo_set_line_width (cr, 1.0);
  /* Lines x + y = d, on one pattern across the widget, so neighbours line up. */
  for (double d = (int) ((r->x + r->y) / HATCH_SPACING) * HATCH_SPACING;
       d < r->x + r->width + bottom; d += HATCH_SPACING)
    {
      cairo_move_to (cr, d - bottom, bottom);
      cairo_line_to (cr, d - r->y, r->y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
paint_box (cairo_t              *cr,
           const GwHeatmapRect  *r,
           const GwHeatmapColor *fill,
           gboolean              hatched,
           const GdkRGBA        *fg)
{
  if (fill->alpha > 0.0)
    {
      cairo_set_source_rgba (cr, fill->red, fill->green, fill->blue, fill->alpha);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_fill (cr);
      return;
    }
  /* The neutral look: a faint plate with a faint edge, in the text colour. */
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.06);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * 0.25);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, r->x + 0.5, r->y + 0.5,
                   MAX (r->width - 1.0, 0.0), MAX (r->height - 1.0, 0.0));
  cairo_stroke (cr);
  if (hatched)
    paint_hatch (cr, r, fg);
}

static void
paint_label (GwHeatmap            *self,
             cairo_t              *cr,
             const GwHeatmapLabel *label,
             const GdkRGBA        *fg)
{
  PangoRectangle logical;

  if (label->text == NULL)
    return;
  pango_layout_set_text (self->text, label->text, -1);
  pango_layout_set_width (self->text, label->max_width > 0.0 ? label->max_width * PANGO_SCALE : -1);
  pango_layout_set_ellipsize (self->text, label->max_width > 0.0 ? PANGO_ELLIPSIZE_END
                                                                 : PANGO_ELLIPSIZE_NONE);
  pango_layout_get_pixel_extents (self->text, NULL, &logical);
  cairo_move_to (cr, (int) (label->x - logical.width * label->xalign - logical.x),
                 (int) (label->y - logical.height * label->yalign));
  gdk_cairo_set_source_rgba (cr, fg);
  pango_cairo_show_layout (cr, self->text);
}

/* The keyboard's cell: a dashed ring in the text colour on a halo of the
 * opposite lightness, so that it shows on every colour of the scale and
 * stays apart from the current hour's solid outline. */
static void
paint_focus (cairo_t             *cr,
             const GwHeatmapRect *r,
             const GdkRGBA       *fg)
{
  static const double dashes[] = { 4.0, 2.0 };

  cairo_save (cr);
  cairo_rectangle (cr, r->x - FOCUS_GROW, r->y - FOCUS_GROW,
                   r->width + 2 * FOCUS_GROW, r->height + 2 * FOCUS_GROW);
  cairo_set_source_rgba (cr, 1.0 - fg->red, 1.0 - fg->green, 1.0 - fg->blue, 0.9);
  cairo_set_line_width (cr, 4.0);
  cairo_stroke_preserve (cr);
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The no-data message, on a plate of the window's colour over the blank cells. */
static void
paint_message (GwHeatmap       *self,
               cairo_t         *cr,
               GtkStyleContext *context,
               const GdkRGBA   *fg)
{
  const GwHeatmapLabel *label = &self->layout->message;
  PangoRectangle logical;
  GdkRGBA bg;

  if (label->text == NULL)
    return;
  if (!gtk_style_context_lookup_color (context, "theme_bg_color", &bg))
    bg = (GdkRGBA) { 1.0 - fg->red, 1.0 - fg->green, 1.0 - fg->blue, 1.0 };
  pango_layout_set_text (self->text, label->text, -1);
  pango_layout_set_width (self->text, -1);
  pango_layout_get_pixel_extents (self->text, NULL, &logical);
  gdk_cairo_set_source_rgba (cr, &bg);
  cairo_rectangle (cr, (int) (label->x - logical.width / 2.0) - 8,
                   (int) (label->y - logical.height / 2.0) - 4,
                   logical.width + 16, logical.height + 8);
  cairo_fill (cr);
  paint_label (self, cr, label, fg);
}

static void
paint_marks (GwHeatmap     *self,
             cairo_t       *cr,
             const GdkRGBA *fg)
{
  const GwHeatmapLayout *layout = self->layout;

  if (layout->has_current)
    {
      const GwHeatmapRect *r = &layout->current;

      gdk_cairo_set_source_rgba (cr, fg);
      cairo_set_line_width (cr, 2.0);
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      cairo_stroke (cr);
    }
  if (has_selection (self) && gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    paint_focus (cr, &layout->cells[self->selected_row][self->selected_hour].rect, fg);
}

static gboolean
gw_heatmap_draw (GtkWidget *widget,
                 cairo_t   *cr)
{
  GwHeatmap *self = GW_HEATMAP (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  const GwHeatmapLayout *layout = self->layout;
  GdkRGBA fg;

  gtk_render_background (context, cr, 0, 0, gtk_widget_get_allocated_width (widget),
                         gtk_widget_get_allocated_height (widget));
  if (layout == NULL || self->text == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_style_context_get_color (context, gtk_style_context_get_state (context), &fg);

  for (guint row = 0; row < GW_HEATMAP_ROWS; row++)
    for (guint hour = 0; hour < GW_HEATMAP_HOURS; hour++)
      paint_box (cr, &layout->cells[row][hour].rect, &layout->cells[row][hour].fill,
                 layout->cells[row][hour].hatched, &fg);
  for (guint i = 0; i < GW_HEATMAP_N_SWATCHES; i++)
    {
      paint_box (cr, &layout->legend[i].rect, &layout->legend[i].fill,
                 layout->legend[i].kind == GW_HEATMAP_SWATCH_NOT_ENOUGH, &fg);
      paint_label (self, cr, &layout->legend[i].label, &fg);
    }
  for (guint row = 0; row < GW_HEATMAP_ROWS; row++)
    paint_label (self, cr, &layout->row_labels[row], &fg);
  for (guint i = 0; i < GW_HEATMAP_N_HOUR_LABELS; i++)
    paint_label (self, cr, &layout->hour_labels[i], &fg);
  paint_marks (self, cr, &fg);
  paint_message (self, cr, context, &fg);
  return GDK_EVENT_PROPAGATE;
}

/* Events */

static gboolean
gw_heatmap_key_press_event (GtkWidget   *widget,
                            GdkEventKey *event)
{
  GwHeatmap *self = GW_HEATMAP (widget);
  gboolean ctrl = (event->state & GDK_CONTROL_MASK) != 0;
  int row = MAX (self->selected_row, 0);
  int hour = MAX (self->selected_hour, 0);

  if (self->grid == NULL)
    return GTK_WIDGET_CLASS (gw_heatmap_parent_class)->key_press_event (widget, event);

  switch (event->keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      hour--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      hour++;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      row--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      row++;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      hour = 0;
      row = ctrl ? 0 : row;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      hour = GW_HEATMAP_HOURS - 1;
      row = ctrl ? GW_HEATMAP_ROWS - 1 : row;
      break;
    case GDK_KEY_Escape:
      if (self->popover == NULL || !gtk_widget_get_visible (self->popover))
        return GTK_WIDGET_CLASS (gw_heatmap_parent_class)->key_press_event (widget, event);
      hide_popover (self);
      return GDK_EVENT_STOP;
    default:
      return GTK_WIDGET_CLASS (gw_heatmap_parent_class)->key_press_event (widget, event);
    }
  select_cell (self, row, hour, TRUE);
  return GDK_EVENT_STOP;
}

static gboolean
gw_heatmap_button_press_event (GtkWidget      *widget,
                               GdkEventButton *event)
{
  GwHeatmap *self = GW_HEATMAP (widget);
  int row, hour;

  if (!gtk_widget_has_focus (widget))
    gtk_widget_grab_focus (widget);
  if (self->grid != NULL && self->layout != NULL
      && gw_heatmap_layout_hit (self->layout, event->x, event->y, &row, &hour))
    select_cell (self, row, hour, FALSE);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
gw_heatmap_motion_notify_event (GtkWidget      *widget,
                                GdkEventMotion *event)
{
  hide_popover (GW_HEATMAP (widget));
  return GDK_EVENT_PROPAGATE;
}

static gboolean
gw_heatmap_focus_in_event (GtkWidget     *widget,
                           GdkEventFocus *event)
{
  GwHeatmap *self = GW_HEATMAP (widget);

  if (self->grid != NULL && self->selected_row < 0)
    {
      self->selected_row = MAX (self->current_row, 0);
      self->selected_hour = MAX (self->current_hour, 0);
    }
  gtk_widget_queue_draw (widget);
  return GTK_WIDGET_CLASS (gw_heatmap_parent_class)->focus_in_event (widget, event);
}

static gboolean
gw_heatmap_focus_out_event (GtkWidget     *widget,
                            GdkEventFocus *event)
{
  GwHeatmap *self = GW_HEATMAP (widget);

  hide_popover (self);
  self->announce_cell = FALSE;
  update_accessible (self);
  gtk_widget_queue_draw (widget);
  return GTK_WIDGET_CLASS (gw_heatmap_parent_class)->focus_out_event (widget, event);
}

static gboolean
gw_heatmap_query_tooltip (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip)
{
  GwHeatmap *self = GW_HEATMAP (widget);
  g_autofree char *text = NULL;
  GdkRectangle area;
  int row, hour;

  if (self->grid == NULL || self->layout == NULL)
    return FALSE;
  if (keyboard_mode)
    {
      /* The keyboard's tooltip mode (Ctrl+F1): the selected cell, unless the popover says it. */
      if (!has_selection (self) || (self->popover && gtk_widget_get_visible (self->popover)))
        return FALSE;
      row = self->selected_row;
      hour = self->selected_hour;
    }
  else if (!gw_heatmap_layout_hit (self->layout, x, y, &row, &hour))
    return FALSE;

  text = describe_cell (self, row, hour);
  gtk_tooltip_set_text (tooltip, text);
  area = cell_area (self, row, hour);
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

static void
gw_heatmap_size_allocate (GtkWidget     *widget,
                          GtkAllocation *allocation)
{
  GwHeatmap *self = GW_HEATMAP (widget);

  GTK_WIDGET_CLASS (gw_heatmap_parent_class)->size_allocate (widget, allocation);
  relayout (self);
  /* The cells moved: the popover follows its cell. */
  if (self->popover != NULL && gtk_widget_get_visible (self->popover) && has_selection (self))
    {
      GdkRectangle area = cell_area (self, self->selected_row, self->selected_hour);

      gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &area);
    }
}

static void
gw_heatmap_style_updated (GtkWidget *widget)
{
  GwHeatmap *self = GW_HEATMAP (widget);

  GTK_WIDGET_CLASS (gw_heatmap_parent_class)->style_updated (widget);
  g_clear_object (&self->text);
  relayout (self);
}

static void
gw_heatmap_get_preferred_width (GtkWidget *widget,
                                int       *minimum,
                                int       *natural)
{
  *minimum = MIN_WIDTH;
  *natural = NATURAL_WIDTH;
}

static void
gw_heatmap_get_preferred_height (GtkWidget *widget,
                                 int       *minimum,
                                 int       *natural)
{
  *minimum = MIN_HEIGHT;
  *natural = NATURAL_HEIGHT;
}

/* GObject */

static void
gw_heatmap_dispose (GObject *object)
{
  GwHeatmap *self = GW_HEATMAP (object);

  if (self->popover != NULL)
    gtk_widget_destroy (self->popover);
  g_clear_object (&self->popover);
  self->popover_label = NULL;
  g_clear_object (&self->text);
  g_clear_pointer (&self->layout, gw_heatmap_layout_free);
  g_clear_pointer (&self->grid, g_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (gw_heatmap_parent_class)->dispose (object);
}

static void
gw_heatmap_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GwHeatmap *self = GW_HEATMAP (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_heatmap_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GwHeatmap *self = GW_HEATMAP (object);

  switch (prop_id)
    {
    case PROP_MODE:
      gw_heatmap_set_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_heatmap_class_init (GwHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gw_heatmap_dispose;
  object_class->get_property = gw_heatmap_get_property;
  object_class->set_property = gw_heatmap_set_property;

  widget_class->draw = gw_heatmap_draw;
  widget_class->size_allocate = gw_heatmap_size_allocate;
  widget_class->style_updated = gw_heatmap_style_updated;
  widget_class->get_preferred_width = gw_heatmap_get_preferred_width;
  widget_class->get_preferred_height = gw_heatmap_get_preferred_height;
  widget_class->key_press_event = gw_heatmap_key_press_event;
  widget_class->button_press_event = gw_heatmap_button_press_event;
  widget_class->motion_notify_event = gw_heatmap_motion_notify_event;
  widget_class->focus_in_event = gw_heatmap_focus_in_event;
  widget_class->focus_out_event = gw_heatmap_focus_out_event;
  widget_class->query_tooltip = gw_heatmap_query_tooltip;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", "Mode", "What the colours show",
                       GW_TYPE_HEATMAP_MODE, GW_HEATMAP_ERRORS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, ATK_ROLE_CHART);
}

static void
gw_heatmap_init (GwHeatmap *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->tz = g_time_zone_new_local ();
  self->current_row = self->current_hour = -1;
  self->selected_row = self->selected_hour = -1;

  gtk_widget_set_can_focus (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_add_events (widget, GDK_BUTTON_PRESS_MASK | GDK_POINTER_MOTION_MASK
                                 | GDK_KEY_PRESS_MASK | GDK_FOCUS_CHANGE_MASK);
  /* Translators: what screen readers call the peak-hours chart */
  atk_object_set_name (gtk_widget_get_accessible (widget), _("Peak hours heatmap"));
  update_accessible (self);
}

GtkWidget *
gw_heatmap_new (void)
{
  return g_object_new (GW_TYPE_HEATMAP, NULL);
}

void
gw_heatmap_set_data (GwHeatmap           *self,
                     const GwWeekGrid    *grid,
                     const GwPeakWindows *windows)
{
  g_return_if_fail (GW_IS_HEATMAP (self));

  /* GwWeekGrid holds no pointers: a flat copy is a full one. */
  g_clear_pointer (&self->grid, g_free);
  self->windows = (GwPeakWindows) { 0 };
  if (grid != NULL)
    {
      self->grid = g_memdup2 (grid, sizeof *grid);
      if (windows != NULL)
        self->windows = *windows;
      else
        gw_peak_windows_find (grid, &self->windows);
    }
  hide_popover (self);
  update_current (self);
  relayout (self);
  update_accessible (self);
}

GwHeatmapMode
gw_heatmap_get_mode (GwHeatmap *self)
{
  g_return_val_if_fail (GW_IS_HEATMAP (self), GW_HEATMAP_ERRORS);

  return self->mode;
}

void
gw_heatmap_set_mode (GwHeatmap     *self,
                     GwHeatmapMode  mode)
{
  g_return_if_fail (GW_IS_HEATMAP (self));
  g_return_if_fail (mode == GW_HEATMAP_ERRORS || mode == GW_HEATMAP_LATENCY);

  if (self->mode == mode)
    return;
  self->mode = mode;
  relayout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

void
gw_heatmap_set_now (GwHeatmap *self,
                    gint64     now_unix,
                    GTimeZone *tz)
{
  g_return_if_fail (GW_IS_HEATMAP (self));

  self->now_set = TRUE;
  self->now = now_unix;
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  update_current (self);
  relayout (self);
}
