/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "gw-probe.h"
#include "gw-verdict.h"

G_BEGIN_DECLS

/* The fix window's first words: who is at fault and what to do, in plain
 * language, from the verdict shown and a few facts around it. Pure. */

typedef struct
{
  const GwVerdict *verdict;             /* the verdict shown; NULL: not checked yet */
  const GwRound   *round;               /* its round, or NULL */
  gint64           problem_since_us;    /* unix µs; 0: no problem shown */
  gint64           usual_first_byte_ms; /* the median at this hour of the week; < 0: unknown */
  gint64           now_us;              /* unix µs */
  GTimeZone       *tz;                  /* NULL: local time */
} GwBannerInput;

typedef struct
{
  GwState  state;
  char    *icon_name;   /* the installed state icon: "<app id>-outage" */
  char    *title;       /* who is at fault, in a few words */
  char    *summary;     /* the verdict's sentence */
  char    *detail;      /* since when, and what to do; never NULL */
} GwBanner;

GwBanner *gw_banner_build (const GwBannerInput *input);
void      gw_banner_free  (GwBanner            *self);

/* "Last checked at 14:03 · next check in 4 minutes", or why none is
 * coming (paused, a round running, none scheduled while offline). */
char     *gw_banner_checks_line (gint64     last_check_us,
                                 gint64     next_check_us,
                                 gboolean   paused,
                                 gboolean   running,
                                 gint64     now_us,
                                 GTimeZone *tz);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwBanner, gw_banner_free)

G_END_DECLS
