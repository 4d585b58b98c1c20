/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-format"

#include "config.h"

#include "gw-format.h"

#include <glib/gi18n-lib.h>

char *
gw_format_duration (gint64 seconds)
{
  guint64 s = (guint64) MAX (seconds, 0);
  guint64 minutes = s / 60;

  if (s < 60)
    return g_strdup_printf (ngettext ("%u second", "%u seconds", (gulong) s), (guint) s);
  if (minutes < 60)
    return g_strdup_printf (ngettext ("%u minute", "%u minutes", (gulong) minutes),
                            (guint) minutes);
  if (minutes < 48 * 60)
    /* Translators: a duration in hours and minutes, "1 h 05 min" */
    return g_strdup_printf (_("%u h %02u min"), (guint) (minutes / 60), (guint) (minutes % 60));
  /* Past two days, minutes are noise. */
  return g_strdup_printf (ngettext ("%u day", "%u days", (gulong) MIN (minutes / (24 * 60), G_MAXULONG)),
                          (guint) MIN (minutes / (24 * 60), G_MAXUINT));
}

char *
gw_format_timing (gint64 us)
{
  if (us < G_USEC_PER_SEC)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%.0f ms"), (double) MAX (us, 0) / 1000.0);
  /* Translators: a duration in seconds, with one decimal */
  return g_strdup_printf (_("%.1f s"), (double) us / G_USEC_PER_SEC);
}

char *
gw_format_clock (gint64     t,
                 GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GTimeZone) local = tz == NULL ? g_time_zone_new_local () : NULL;
  g_autoptr(GDateTime) when = NULL;
  char *text;

  if (utc == NULL)
    return g_strdup ("?");
  when = g_date_time_to_timezone (utc, tz != NULL ? tz : local);
  /* Translators: a time of day as a strftime () format, "14:05"; use
   * "%l:%M %p" for a 12-hour clock. */
  text = g_date_time_format (when, _("%H:%M"));
  return text != NULL ? text : g_date_time_format (when, "%H:%M");
}
