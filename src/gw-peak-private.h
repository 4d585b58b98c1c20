/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-peak.h"

G_BEGIN_DECLS

/* Shared by gw-peak.c, gw-peak-windows.c, gw-outage.c and gw-peak-report.c. */

/* The weekday's name in the locale (LC_TIME): "Monday", or "Mon" when
 * abbreviated. */
char        *gw_peak_weekday_name     (GDateWeekday      weekday,
                                       gboolean          abbreviated);
/* "monday" … "sunday", for machines. */
const char  *gw_peak_weekday_id       (GDateWeekday      weekday);
/* t (unix seconds) in tz, through g_date_time_format (). */
char        *gw_peak_format_time      (gint64            t,
                                       GTimeZone        *tz,
                                       const char       *format);
/* On how many local dates there were checks: weeks without any do not count. */
guint        gw_week_grid_days_of_data (const GwWeekGrid *grid);

G_END_DECLS
