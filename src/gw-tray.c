/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-tray"

#include "config.h"

#include "gw-tray.h"

#include "gw-format.h"

#include <glib/gi18n-lib.h>
#include <libayatana-appindicator/app-indicator.h>

/* The panel looks the icons up by name in its own icon theme. An uninstalled
 * run (tools/run, the tests) points it at the source tree's icons with this
 * variable; an installed or Flatpak run never passes a path. */
#define ICON_THEME_PATH_VARIABLE "GATEWATCH_ICON_THEME_PATH"
#define WATCHER_NAME "org.kde.StatusNotifierWatcher"

/* The check items, each following a stateful boolean app.* action. */
typedef enum
{
  CHECK_NOTIFY_WHEN_BACK,
  CHECK_PAUSE,
  CHECK_AUTOSTART,
  N_CHECKS
} Check;

static const char * const check_actions[N_CHECKS] = {
  [CHECK_NOTIFY_WHEN_BACK] = "notify-when-back",
  [CHECK_PAUSE] = "pause",
  [CHECK_AUTOSTART] = "autostart",
};

struct _GwTray
{
  GObject       parent_instance;

  GActionGroup *actions;          /* the application, which owns us: unowned */
  GwMonitor    *monitor;
  GSettings    *settings;
  AppIndicator *indicator;
  GtkWidget    *menu;             /* owned */
  GtkWidget    *summary_item;
  GtkWidget    *last_check_item;
  GtkWidget    *check_now_item;
  GtkWidget    *check_items[N_CHECKS];
  guint         watch_id;         /* of the StatusNotifierWatcher's name */
  guint         refresh_id;       /* one-shot: when "Check now" is allowed again */
  gboolean      has_host;
};

G_DEFINE_FINAL_TYPE (GwTray, gw_tray, G_TYPE_OBJECT)

enum { PROP_0, PROP_HAS_HOST, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void update (GwTray *self);

/* Installed hicolor icons, named by app ID: io.github.gatewatch.Gatewatch-outage. */
static char *
icon_name_for (GwState  state,
               gboolean monochrome)
{
  return g_strdup_printf ("%s-%s%s", APP_ID, gw_state_to_string (state),
                          monochrome ? "-symbolic" : "");
}

/* How long the web probe's answer took (first byte, else the whole answer),
 * or -1 when no answer came: a refused connection has no time worth showing. */
static gint64
web_time_us (const GwRound *round)
{
  const GwHttpResponse *web;

  if (round == NULL)
    return -1;
  web = round->probes[GW_TARGET_WEB].response;
  if (web == NULL || web->error != GW_HTTP_OK)
    return -1;
  return web->timings.first_byte_us >= 0 ? web->timings.first_byte_us : web->timings.total_us;
}

/* Every "updated" sets the same texts again: only changes go over D-Bus. */
static void
set_label (GtkWidget  *item,
           const char *label)
{
  if (g_strcmp0 (gtk_menu_item_get_label (GTK_MENU_ITEM (item)), label) != 0)
    gtk_menu_item_set_label (GTK_MENU_ITEM (item), label);
}

static void G_GNUC_PRINTF (2, 3)
append_item (GString    *text,
             const char *format,
             ...)
{
  va_list args;

  g_string_append (text, " · ");
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

/* "Last check 14:05 · 240 ms · next at 14:06": no countdown, so nothing has
 * to tick while the menu is closed. */
static char *
describe_last_check (GwMonitor *monitor)
{
  gint64 last = gw_monitor_get_last_check (monitor);
  gint64 next = gw_monitor_get_next_check (monitor);
  gint64 web_us = web_time_us (gw_monitor_get_round (monitor));
  GString *text;
  g_autofree char *last_text = NULL;

  if (gw_monitor_get_paused (monitor))
    /* Translators: the tray menu's status line while checks are paused */
    return g_strdup (_("Paused"));
  if (gw_monitor_is_running (monitor) || last == 0)
    /* Translators: the tray menu's status line while a check runs */
    return g_strdup (_("Checking…"));

  /* Whole items, each translated, joined with " · ". */
  last_text = gw_format_clock (last / G_USEC_PER_SEC, NULL);
  text = g_string_new (NULL);
  /* Translators: the tray menu's status line; %s is a time, "14:05" */
  g_string_printf (text, _("Last check %s"), last_text);
  if (web_us >= 0)
    /* Translators: how long ChatGPT took to answer, shown after "Last check 14:05 · " */
    append_item (text, _("%u ms"), (guint) MIN (web_us / 1000, G_MAXUINT));
  if (next > 0)
    {
      g_autofree char *next_text = gw_format_clock (next / G_USEC_PER_SEC, NULL);

      /* Translators: when the next check runs, shown after "Last check 14:05 · 240 ms · " */
      append_item (text, _("next at %s"), next_text);
    }
  return g_string_free (text, FALSE);
}

static gboolean
refresh_cb (gpointer user_data)
{
  GwTray *self = user_data;

  self->refresh_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

/* "Check now" says until when it is refused, and one timer puts the plain
 * label back when that time comes. */
static void
update_check_now (GwTray *self)
{
  gint64 at = gw_monitor_get_check_now_available_at (self->monitor);
  g_autofree char *at_text = NULL;
  g_autofree char *label = NULL;
  gint64 wait_s;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (at == 0)
    {
      /* Translators: tray menu item; the underscore marks the access key */
      set_label (self->check_now_item, _("_Check now"));
      return;
    }

  at_text = gw_format_clock (at / G_USEC_PER_SEC, NULL);
  /* Translators: tray menu item while "Check now" is rate limited; %s is a
   * time, "14:06". The underscore marks the access key. */
  label = g_strdup_printf (_("_Check now (available at %s)"), at_text);
  set_label (self->check_now_item, label);
  wait_s = (at - g_get_real_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
  self->refresh_id = g_timeout_add_seconds ((guint) CLAMP (wait_s, 1, GW_CHECK_NOW_MIN_GAP_S),
                                            refresh_cb, self);
}

static void
update_icon (GwTray          *self,
             const GwVerdict *verdict)
{
  g_autofree char *name = icon_name_for (verdict->state,
                                         g_settings_get_boolean (self->settings,
                                                                 "monochrome-icon"));

  /* The description is what screen readers say about the icon. */
  app_indicator_set_icon_full (self->indicator, name, verdict->summary);
}

static gboolean
shows_problem (GwState state)
{
  return state == GW_STATE_DEGRADED || state == GW_STATE_OUTAGE ||
         state == GW_STATE_LOCAL_PROBLEM;
}

static void
update (GwTray *self)
{
  const GwVerdict *verdict = gw_monitor_get_verdict (self->monitor);
  g_autofree char *last_check = describe_last_check (self->monitor);

  update_icon (self, verdict);
  set_label (self->summary_item, verdict->summary);
  set_label (self->last_check_item, last_check);
  update_check_now (self);
  /* Nothing to be notified about while nothing is wrong; a request made
   * stays visible until it is answered, so it can be taken back. */
  gtk_widget_set_visible (self->check_items[CHECK_NOTIFY_WHEN_BACK],
                          shows_problem (verdict->state) ||
                          gw_monitor_get_notify_when_back (self->monitor));
}

static void
monitor_updated_cb (GwMonitor *monitor,
                    GwTray    *self)
{
  update (self);
}

static void
monochrome_changed_cb (GSettings  *settings,
                       const char *key,
                       GwTray     *self)
{
  update_icon (self, gw_monitor_get_verdict (self->monitor));
}

static void
set_has_host (GwTray   *self,
              gboolean  has_host)
{
  if (self->has_host == has_host)
    return;
  self->has_host = has_host;
  g_debug ("Tray host %s", has_host ? "appeared" : "is gone");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_HOST]);
}

static void
watcher_appeared_cb (GDBusConnection *connection,
                     const char      *name,
                     const char      *owner,
                     gpointer         user_data)
{
  set_has_host (user_data, TRUE);
}

static void
watcher_vanished_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  set_has_host (user_data, FALSE);
}

/* An insensitive line of text: use_underline off, so "_" stays itself. */
static GtkWidget *
add_text_item (GtkWidget *menu)
{
  GtkWidget *item = gtk_menu_item_new_with_label ("");

  gtk_widget_set_sensitive (item, FALSE);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), item);
  return item;
}

/* An item that activates app.<action> and follows its enabled state. */
static GtkWidget *
add_action_item (GtkWidget  *menu,
                 const char *label,
                 const char *action)
{
  GtkWidget *item = gtk_menu_item_new_with_mnemonic (label);

  gtk_menu_shell_append (GTK_MENU_SHELL (menu), item);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (item), action);
  return item;
}

static void check_item_activate_cb (GtkCheckMenuItem *item,
                                    GwTray           *self);

/* Shows the action's state and whether it is enabled; libdbusmenu-gtk sends
 * the item's "active" to the panel as its toggle-state. */
static void
sync_check_item (GwTray *self,
                 Check   check)
{
  GtkCheckMenuItem *item = GTK_CHECK_MENU_ITEM (self->check_items[check]);
  g_autoptr(GVariant) state = g_action_group_get_action_state (self->actions,
                                                               check_actions[check]);
  gboolean active = state != NULL && g_variant_is_of_type (state, G_VARIANT_TYPE_BOOLEAN) &&
                    g_variant_get_boolean (state);

  gtk_widget_set_sensitive (GTK_WIDGET (item),
                            g_action_group_get_action_enabled (self->actions,
                                                               check_actions[check]));
  if (gtk_check_menu_item_get_active (item) == active)
    return;
  /* Setting "active" activates the item: that must not ask again. */
  g_signal_handlers_block_by_func (item, check_item_activate_cb, self);
  gtk_check_menu_item_set_active (item, active);
  g_signal_handlers_unblock_by_func (item, check_item_activate_cb, self);
}

/* GTK 3's GtkCheckMenuItem ticks itself before an action bound with
 * GtkActionable runs, and nothing unticks it when the action refuses (start
 * at login cannot be written, nothing to be notified about): so the check
 * items ask for the state they show and then show the state they got. */
static void
check_item_activate_cb (GtkCheckMenuItem *item,
                        GwTray           *self)
{
  gboolean wanted = gtk_check_menu_item_get_active (item);

  for (Check check = 0; check < N_CHECKS; check++)
    if (self->check_items[check] == GTK_WIDGET (item))
      {
        g_action_group_change_action_state (self->actions, check_actions[check],
                                            g_variant_new_boolean (wanted));
        sync_check_item (self, check);
      }
}

static void
sync_check_items_of (GwTray     *self,
                     const char *action)
{
  for (Check check = 0; check < N_CHECKS; check++)
    if (g_strcmp0 (action, check_actions[check]) == 0)
      sync_check_item (self, check);
}

static void
action_added_cb (GActionGroup *actions,
                 const char   *action,
                 GwTray       *self)
{
  sync_check_items_of (self, action);
}

static void
action_enabled_changed_cb (GActionGroup *actions,
                           const char   *action,
                           gboolean      enabled,
                           GwTray       *self)
{
  sync_check_items_of (self, action);
}

static void
action_state_changed_cb (GActionGroup *actions,
                         const char   *action,
                         GVariant     *state,
                         GwTray       *self)
{
  sync_check_items_of (self, action);
}

static GtkWidget *
add_check_item (GwTray     *self,
                const char *label,
                Check       check)
{
  GtkWidget *item = gtk_check_menu_item_new_with_mnemonic (label);

  self->check_items[check] = item;
  gtk_menu_shell_append (GTK_MENU_SHELL (self->menu), item);
  sync_check_item (self, check);
  g_signal_connect (item, "activate", G_CALLBACK (check_item_activate_cb), self);
  return item;
}

static void
build_menu (GwTray *self)
{
  GtkWidget *menu = gtk_menu_new ();

  self->menu = g_object_ref_sink (menu);
  /* Before any item names an action, so each finds the group at once. */
  gtk_widget_insert_action_group (menu, "app", self->actions);

  self->summary_item = add_text_item (menu);
  self->last_check_item = add_text_item (menu);
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), gtk_separator_menu_item_new ());
  self->check_now_item = add_action_item (menu, _("_Check now"), "app.check-now");
  /* Translators: tray menu items; the underscores mark the access keys */
  add_action_item (menu, _("_What can I do?…"), "app.fix");
  add_action_item (menu, _("_Peak hours…"), "app.peak-hours");
  add_action_item (menu, _("Open _status page"), "app.open-status-page");
  add_action_item (menu, _("_Open ChatGPT"), "app.open-chatgpt");
  gtk_menu_shell_append (GTK_MENU_SHELL (menu), gtk_separator_menu_item_new ());
  add_check_item (self, _("_Notify me when it's back"), CHECK_NOTIFY_WHEN_BACK);
  add_check_item (self, _("P_ause checks"), CHECK_PAUSE);
  add_check_item (self, _("Start at _login"), CHECK_AUTOSTART);
  add_action_item (menu, _("_Quit"), "app.quit");
  gtk_widget_show_all (menu);
}

static void
build_indicator (GwTray *self)
{
  const char *theme_path = g_getenv (ICON_THEME_PATH_VARIABLE);
  g_autofree char *icon = icon_name_for (GW_STATE_UNKNOWN, FALSE);

  self->indicator = app_indicator_new (APP_ID, icon, APP_INDICATOR_CATEGORY_APPLICATION_STATUS);
  if (theme_path != NULL && *theme_path != '\0')
    app_indicator_set_icon_theme_path (self->indicator, theme_path);
  /* Translators: the tray icon's title, which some panels show as a tooltip */
  app_indicator_set_title (self->indicator, _("ChatGPT status"));
  app_indicator_set_menu (self->indicator, GTK_MENU (self->menu));
  /* A middle click checks now. */
  app_indicator_set_secondary_activate_target (self->indicator, self->check_now_item);
  app_indicator_set_status (self->indicator, APP_INDICATOR_STATUS_ACTIVE);
}

gboolean
gw_tray_has_host (GwTray *self)
{
  g_return_val_if_fail (GW_IS_TRAY (self), FALSE);
  return self->has_host;
}

static void
gw_tray_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  GwTray *self = GW_TRAY (object);

  switch (prop_id)
    {
    case PROP_HAS_HOST:
      g_value_set_boolean (value, self->has_host);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gw_tray_dispose (GObject *object)
{
  GwTray *self = GW_TRAY (object);

  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->actions != NULL)
    g_signal_handlers_disconnect_by_data (self->actions, self);
  self->actions = NULL;
  g_clear_object (&self->indicator);
  if (self->menu != NULL)
    {
      /* The menu's action group is the application, which owns us. */
      gtk_widget_insert_action_group (self->menu, "app", NULL);
      gtk_widget_destroy (self->menu);
      g_clear_object (&self->menu);
    }
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (gw_tray_parent_class)->dispose (object);
}

static void
gw_tray_class_init (GwTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gw_tray_get_property;
  object_class->dispose = gw_tray_dispose;

  /* TRUE until the session bus says no watcher runs: a change notifies. */
  properties[PROP_HAS_HOST] =
    g_param_spec_boolean ("has-host", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gw_tray_init (GwTray *self)
{
  self->has_host = TRUE;
}

GwTray *
gw_tray_new (GtkApplication *app,
             GwMonitor      *monitor,
             GSettings      *settings)
{
  GwTray *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (GW_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GW_TYPE_TRAY, NULL);
  self->actions = G_ACTION_GROUP (app);
  self->monitor = g_object_ref (monitor);
  self->settings = g_object_ref (settings);
  build_menu (self);
  build_indicator (self);
  update (self);

  g_signal_connect (app, "action-added", G_CALLBACK (action_added_cb), self);
  g_signal_connect (app, "action-enabled-changed", G_CALLBACK (action_enabled_changed_cb), self);
  g_signal_connect (app, "action-state-changed", G_CALLBACK (action_state_changed_cb), self);
  g_signal_connect (monitor, "updated", G_CALLBACK (monitor_updated_cb), self);
  g_signal_connect (settings, "changed::monochrome-icon", G_CALLBACK (monochrome_changed_cb),
                    self);
  self->watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, WATCHER_NAME,
                                     G_BUS_NAME_WATCHER_FLAGS_NONE, watcher_appeared_cb,
                                     watcher_vanished_cb, self, NULL);
  return self;
}
