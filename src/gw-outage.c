/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-peak"

#include "config.h"

#include "gw-peak.h"

#include "gw-format.h"
#include "gw-peak-private.h"

#include <glib/gi18n-lib.h>

GwOutage *
gw_outage_new (void)
{
  return g_new0 (GwOutage, 1);
}

void
gw_outage_free (GwOutage *outage)
{
  if (outage == NULL)
    return;
  g_free (outage->incident_id);
  g_free (outage->incident_name);
  g_free (outage);
}

GwOutage *
gw_outage_copy (const GwOutage *outage)
{
  GwOutage *copy;

  g_return_val_if_fail (outage != NULL, NULL);

  copy = g_memdup2 (outage, sizeof *outage);
  copy->incident_id = g_strdup (outage->incident_id);
  copy->incident_name = g_strdup (outage->incident_name);
  return copy;
}

/* The end of [start, end): open outages last for ever, and one that ended
 * where it started still covers its second. */
static gint64
outage_end (const GwOutage *outage)
{
  if (outage->end == 0)
    return G_MAXINT64;
  return MAX (outage->end, outage->start + 1);
}

const GwOutage *
gw_outage_find_official (const GwOutage *own,
                         GPtrArray      *outages)
{
  const GwOutage *found = NULL;

  g_return_val_if_fail (own != NULL, NULL);

  if (outages == NULL || own->source != GW_OUTAGE_SOURCE_PROBES)
    return NULL;
  for (guint i = 0; i < outages->len; i++)
    {
      const GwOutage *o = g_ptr_array_index (outages, i);

      if (o == NULL || o->source != GW_OUTAGE_SOURCE_STATUS_PAGE)
        continue;
      if (o->start >= outage_end (own) || own->start >= outage_end (o))
        continue;
      if (found == NULL || o->start < found->start)
        found = o;
    }
  return found;
}

static const char *
cause_phrase (GwCause cause)
{
  /* Short enough to follow "outage: " */
  static const char * const phrases[] = {
    [GW_CAUSE_NONE] = NULL,
    [GW_CAUSE_OFFLINE] = N_("no internet connection"),
    [GW_CAUSE_DNS] = N_("names do not resolve"),
    [GW_CAUSE_CAPTIVE_PORTAL] = N_("a captive portal"),
    [GW_CAUSE_PROXY] = N_("the proxy fails"),
    [GW_CAUSE_TLS_INTERCEPTION] = N_("intercepted certificates"),
    [GW_CAUSE_BLOCKED] = N_("blocked on this network"),
    [GW_CAUSE_SERVER_ERROR] = N_("server errors"),
    [GW_CAUSE_TIMEOUT] = N_("no answer in time"),
    [GW_CAUSE_STATUS_PAGE] = N_("reported by the status page"),
    [GW_CAUSE_INTERMITTENT] = N_("intermittent failures"),
    [GW_CAUSE_RATE_LIMITED] = N_("rate limited"),
    [GW_CAUSE_SLOW] = N_("slow answers"),
    [GW_CAUSE_API_FAILING] = N_("the API fails"),
    [GW_CAUSE_UNEXPECTED] = N_("unexpected answers"),
    [GW_CAUSE_NO_EVIDENCE] = N_("no evidence"),
    [GW_CAUSE_STATUS_PAGE_UNREADABLE] = N_("the status page is unreadable"),
    [GW_CAUSE_CONTROL_FAILED] = N_("the control check failed"),
  };

  if ((guint) cause >= G_N_ELEMENTS (phrases) || phrases[cause] == NULL)
    return NULL;
  return _(phrases[cause]);
}

/* "outage: 502 Bad Gateway", "degraded: slow answers", or "outage". */
static char *
describe_what (const GwOutage *outage,
               gboolean        with_cause)
{
  const char *state;
  g_autofree char *cause = NULL;

  /* Translators: the worst state during an outage, as in "outage: 502 Bad Gateway" */
  state = outage->worst == GW_STATE_DEGRADED ? C_("outage state", "degraded")
                                             : C_("outage state", "outage");
  if (!with_cause)
    return g_strdup (state);
  /* A status explains the trouble only when it is an error: a slow 200 is
   * "slow answers". */
  if (outage->http_status >= 400)
    cause = gw_http_status_phrase (outage->http_status) != NULL ?
            g_strdup (gw_http_status_phrase (outage->http_status)) :
            /* Translators: an HTTP status code without a name, "HTTP 418" */
            g_strdup_printf (_("HTTP %u"), outage->http_status);
  else if (cause_phrase (outage->cause) != NULL)
    cause = g_strdup (cause_phrase (outage->cause));

  if (cause == NULL)
    return g_strdup (state);
  /* Translators: the worst state and its cause, "outage: 502 Bad Gateway" */
  return g_strdup_printf (_("%s: %s"), state, cause);
}

/* "Tue 14 Nov 14:02" in tz; only the time when on the same local day as
 * same_day_as (unix seconds, or 0). */
static char *
format_start (gint64     t,
              gint64     same_day_as,
              GTimeZone *tz)
{
  g_autofree char *day = NULL;
  g_autofree char *other_day = NULL;

  /* Translators: a strftime () date format (see g_date_time_format ()) for
   * the day an outage started, "Tue 14 Nov" */
  day = gw_peak_format_time (t, tz, C_("outage day", "%a %-d %b"));
  if (same_day_as != 0)
    {
      other_day = gw_peak_format_time (same_day_as, tz, C_("outage day", "%a %-d %b"));
      if (g_strcmp0 (day, other_day) == 0)
        return gw_peak_format_time (t, tz, "%H:%M");
    }
  /* Translators: a strftime () date and time format for the start of an
   * outage, "Tue 14 Nov 14:02" */
  return gw_peak_format_time (t, tz, C_("outage start", "%a %-d %b %H:%M"));
}

char *
gw_outage_describe (const GwOutage *outage,
                    const GwOutage *official,
                    gint64          now,
                    GTimeZone      *tz)
{
  g_autofree char *when = NULL;
  g_autofree char *length = NULL;
  g_autofree char *span = NULL;
  g_autofree char *what = NULL;
  g_autofree char *official_when = NULL;

  g_return_val_if_fail (outage != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  when = format_start (outage->start, 0, tz);
  length = gw_format_duration ((outage->end != 0 ? outage->end : now) - outage->start);
  /* Translators: an outage that has not ended, "ongoing for 23 minutes" */
  span = outage->end != 0 ? g_strdup (length) : g_strdup_printf (_("ongoing for %s"), length);
  /* The status page's own title says more than its cause would. */
  what = describe_what (outage, outage->source != GW_OUTAGE_SOURCE_STATUS_PAGE);

  if (outage->source == GW_OUTAGE_SOURCE_STATUS_PAGE)
    {
      if (outage->incident_name == NULL || *outage->incident_name == '\0')
        /* Translators: start, duration, state: "Tue 14 Nov 14:19, 40 minutes — degraded" */
        return g_strdup_printf (_("%s, %s — %s (status page)"), when, span, what);
      /* Translators: start, duration, state, then the incident's title */
      return g_strdup_printf (_("%s, %s — %s (status page: %s)"), when, span, what,
                              outage->incident_name);
    }
  if (official == NULL)
    /* Translators: start, duration, state and cause, "Tue 14 Nov 14:02,
     * 23 minutes — outage: 502 Bad Gateway" */
    return g_strdup_printf (_("%s, %s — %s (your own checks)"), when, span, what);

  official_when = format_start (official->start, outage->start, tz);
  /* Translators: start, duration, state and cause as measured here, then when
   * the official status page started reporting it ("14:19", or a date and
   * time on another day) */
  return g_strdup_printf (_("%s, %s — %s (your own checks); the status page reported from %s"),
                          when, span, what, official_when);
}
