/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-application.h"
#include "gw-autostart.h"
#include "gw-config.h"
#include "gw-history.h"
#include "gw-monitor.h"
#include "gw-notifier.h"
#include "gw-tray.h"

G_BEGIN_DECLS

struct _GwApplication
{
  GtkApplication  parent_instance;

  gboolean        options_parsed;
  gboolean        activated;
  const char     *pending_action;   /* --fix or --check-now on the first instance */
  GSettings      *settings;
  GwConfig       *config;
  GwHistory      *history;          /* NULL when none could be opened */
  GwMonitor      *monitor;
  GwNotifier     *notifier;
  GwTray         *tray;
  GtkWidget      *window;           /* the fix / peak hours window, while open */
};

/* gw-application-actions.c: the app.* actions. */
void gw_application_add_actions (GwApplication *self);

G_END_DECLS
