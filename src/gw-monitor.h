/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "gw-config.h"
#include "gw-history.h"
#include "gw-schedule.h"
#include "gw-verdict.h"

G_BEGIN_DECLS

/* The applet's schedule: a round every interval (±10 %), one timer between
 * rounds and nothing else; hysteresis before the state shown changes and
 * before anything is notified; network and suspend awareness; pause; every
 * round recorded in the history. */

#define GW_TYPE_MONITOR (gw_monitor_get_type ())
G_DECLARE_FINAL_TYPE (GwMonitor, gw_monitor, GW, MONITOR, GObject)

/* "Check now" runs at most once in this many seconds. */
#define GW_CHECK_NOW_MIN_GAP_S 60

/* history may be NULL (no history available). */
GwMonitor       *gw_monitor_new                  (const GwConfig *config,
                                                  GwHistory      *history);
/* Starts probing (the first round at once). */
void             gw_monitor_start                (GwMonitor      *self);

/* The verdict shown: after hysteresis, so it can be an earlier round's while
 * a problem is confirmed gone. Never NULL. */
const GwVerdict *gw_monitor_get_verdict          (GwMonitor      *self);
/* The last round, or NULL before the first. */
const GwRound   *gw_monitor_get_round            (GwMonitor      *self);
/* Unix microseconds: the last round's start, 0 before the first; the next
 * round's, 0 when none is scheduled (paused, offline, a round running). */
gint64           gw_monitor_get_last_check       (GwMonitor      *self);
gint64           gw_monitor_get_next_check       (GwMonitor      *self);
gboolean         gw_monitor_is_running           (GwMonitor      *self);
/* Since when the shown problem lasts (unix µs), 0 when there is none. */
gint64           gw_monitor_get_problem_since    (GwMonitor      *self);

/* Runs a round now unless "Check now" ran less than GW_CHECK_NOW_MIN_GAP_S
 * seconds ago (then returns FALSE and sets *available_at, unix µs), or checks
 * cannot run (paused, offline). */
gboolean         gw_monitor_check_now            (GwMonitor      *self,
                                                  gint64         *available_at);
/* When "Check now" is allowed again (unix µs); 0 if it is now. */
gint64           gw_monitor_get_check_now_available_at (GwMonitor *self);

void             gw_monitor_set_paused           (GwMonitor      *self,
                                                  gboolean        paused);
gboolean         gw_monitor_get_paused           (GwMonitor      *self);
/* "Notify me when it's back": FALSE when nothing is wrong. */
gboolean         gw_monitor_set_notify_when_back (GwMonitor      *self,
                                                  gboolean        notify);
gboolean         gw_monitor_get_notify_when_back (GwMonitor      *self);

/* Signals:
 *   "updated" (void): the shown verdict, the last/next check or the pause
 *     changed; a round finished.
 *   "transition" (GwNotifyKind kind, gint64 down_for_s): a confirmed change
 *     worth a notification (at most one per transition, rate limited).
 *   "history-changed" (void): a round was recorded, or official incidents
 *     were imported: views of the history may read it again. */

G_END_DECLS
