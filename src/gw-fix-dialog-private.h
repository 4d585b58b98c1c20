/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-checklist.h"
#include "gw-fix-dialog.h"
#include "gw-peak.h"

G_BEGIN_DECLS

struct _GwFixDialog
{
  GtkApplicationWindow  parent_instance;

  GwMonitor            *monitor;
  GwHistory            *history;       /* NULL: no history */
  GwWeekGrid           *grid;          /* the peak hours last read, or NULL */
  GwLocalFacts         *facts;         /* NULL until first gathered */
  GCancellable         *cancellable;   /* of the facts being gathered */
  GwChecklist          *checklist;     /* shown */
  char                 *layout_key;    /* the steps' order and folding shown */
  gboolean              done[GW_N_STEPS];      /* ticked steps, by GwStepId */
  guint                 tick_id;
  guint                 toast_id;

  /* template */
  GtkWidget            *stack;
  GtkWidget            *toast_revealer;
  GtkWidget            *toast_label;
  GtkWidget            *banner_icon;
  GtkWidget            *banner_title;
  GtkWidget            *banner_summary;
  GtkWidget            *banner_detail;
  GtkWidget            *checks_label;
  GtkWidget            *notify_box;
  GtkWidget            *notify_switch;
  GtkWidget            *lead_list;
  GtkWidget            *fold_expander;
  GtkWidget            *fold_list;
  GtkWidget            *windows_label;
  GtkWidget            *errors_toggle;
  GtkWidget            *latency_toggle;
  GtkWidget            *heatmap;
  GtkWidget            *basis_label;
  GtkWidget            *official_heading;
  GtkWidget            *official_list;
  GtkWidget            *outages_list;
};

/* gw-fix-dialog-history.c: the Peak hours and Outages pages. */
void gw_fix_dialog_refresh_history (GwFixDialog *self);
/* The median first byte of this hour of the week, -1 when not known. */
gint64 gw_fix_dialog_usual_first_byte_ms (GwFixDialog *self,
                                          gint64       now_unix);
/* A gtk_list_box_set_header_func () drawing lines between rows. */
void gw_fix_dialog_separate_rows (GtkListBoxRow *row,
                                  GtkListBoxRow *before,
                                  gpointer       user_data);
/* A list box's row holding one wrapped line, for the history lists. */
GtkWidget *gw_fix_dialog_text_row (const char *text);

G_END_DECLS
