/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Durations and times for people, translated, in one place so the panel,
 * the notifications and the window say them alike. */

/* "45 seconds", "23 minutes", "1 h 05 min", past two days "53 days";
 * whole units, rounded down. */
char *gw_format_duration (gint64     seconds);
/* A probe timing: "420 ms" under a second, "4.2 s" above. */
char *gw_format_timing   (gint64     us);
/* The time of day of unix seconds t in tz (NULL: local): "14:05". */
char *gw_format_clock    (gint64     t,
                          GTimeZone *tz);

G_END_DECLS
