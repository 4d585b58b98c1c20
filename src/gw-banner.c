/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-banner"

#include "config.h"

#include "gw-banner.h"

#include "gw-format.h"
#include "gw-http-response.h"

#include <glib/gi18n-lib.h>

/* The web probe's first byte when it answered, else -1. */
static gint64
web_first_byte_us (const GwRound *round)
{
  const GwProbeResult *web = round != NULL ? &round->probes[GW_TARGET_WEB] : NULL;

  if (web == NULL || !gw_probe_result_enabled (web) || web->response == NULL)
    return -1;
  return web->response->timings.first_byte_us;
}

/* Whether the connectivity check ran, and how it went. */
static gboolean
control_ran (const GwRound *round,
             gboolean      *passed)
{
  const GwProbeResult *control = round != NULL ? &round->probes[GW_TARGET_CONTROL] : NULL;

  if (control == NULL || !gw_probe_result_enabled (control) || control->attempts == 0)
    return FALSE;
  *passed = gw_probe_result_passed (control);
  return TRUE;
}

/* Sentences are whole translated strings, joined here. */
static void
add_sentence (GString    *detail,
              const char *sentence)
{
  if (detail->len > 0)
    g_string_append_c (detail, ' ');
  g_string_append (detail, sentence);
}

static void
append_since (GString             *detail,
              const GwBannerInput *in)
{
  g_autofree char *clock = NULL;
  g_autofree char *length = NULL;
  g_autofree char *since = NULL;

  if (in->problem_since_us <= 0)
    return;
  clock = gw_format_clock (in->problem_since_us / G_USEC_PER_SEC, in->tz);
  length = gw_format_duration ((in->now_us - in->problem_since_us) / G_USEC_PER_SEC);
  /* Translators: when the problem began and how long it lasts: "Since 14:02 — 11 minutes." */
  since = g_strdup_printf (_("Since %s — %s."), clock, length);
  add_sentence (detail, since);
}

static void
append_speed (GString             *detail,
              const GwBannerInput *in)
{
  gint64 first_byte = web_first_byte_us (in->round);
  g_autofree char *now = NULL;
  g_autofree char *usual = NULL;
  g_autofree char *sentence = NULL;

  if (first_byte < 0)
    return;
  now = gw_format_timing (first_byte);
  if (in->usual_first_byte_ms < 0)
    /* Translators: %s is a time, "4.2 s" */
    sentence = g_strdup_printf (_("First byte after %s."), now);
  else
    {
      usual = gw_format_timing (in->usual_first_byte_ms * 1000);
      /* Translators: "First byte after 4.2 s; usually 0.4 s at this hour." */
      sentence = g_strdup_printf (_("First byte after %s; usually %s at this hour."), now, usual);
    }
  add_sentence (detail, sentence);
}

static void
append_local (GString             *detail,
              const GwBannerInput *in)
{
  gboolean control_passed = FALSE;

  if (control_ran (in->round, &control_passed))
    add_sentence (detail, control_passed
                  ? _("Other sites work: something between this computer and ChatGPT "
                      "is in the way.")
                  : _("Other sites fail too."));
  add_sentence (detail, _("The steps below start with what to check here."));
}

static char *
build_detail (const GwBannerInput *in,
              GwState              state)
{
  GString *detail = g_string_new (NULL);

  if (state != GW_STATE_OPERATIONAL && state != GW_STATE_UNKNOWN)
    append_since (detail, in);
  switch (state)
    {
    case GW_STATE_OUTAGE:
      add_sentence (detail, _("Nothing to fix on your side: Gatewatch keeps checking and can "
                              "tell you when it's back."));
      break;
    case GW_STATE_DEGRADED:
      if (in->verdict->cause == GW_CAUSE_SLOW)
        append_speed (detail, in);
      add_sentence (detail, _("Some requests may fail or take long; short prompts and a "
                              "retry in a few minutes have the best chance."));
      break;
    case GW_STATE_LOCAL_PROBLEM:
      append_local (detail, in);
      break;
    case GW_STATE_OPERATIONAL:
      append_speed (detail, in);
      add_sentence (detail, _("If ChatGPT still fails in your browser, the steps below can "
                              "help."));
      break;
    case GW_STATE_UNKNOWN:
    default:
      add_sentence (detail, _("Gatewatch can't tell yet; the steps below help either way."));
      break;
    }
  return g_string_free (detail, FALSE);
}

static const char *
state_title (GwState state)
{
  switch (state)
    {
    case GW_STATE_OPERATIONAL:
      return _("ChatGPT is working");
    case GW_STATE_DEGRADED:
      return _("It's not you: ChatGPT is having trouble");
    case GW_STATE_OUTAGE:
      return _("It's not you: ChatGPT is down");
    case GW_STATE_LOCAL_PROBLEM:
      return _("It's your side: ChatGPT can't be reached from here");
    case GW_STATE_UNKNOWN:
    default:
      return _("Not known yet");
    }
}

GwBanner *
gw_banner_build (const GwBannerInput *input)
{
  GwBanner *self;

  g_return_val_if_fail (input != NULL, NULL);

  self = g_new0 (GwBanner, 1);
  self->state = input->verdict != NULL ? input->verdict->state : GW_STATE_UNKNOWN;
  self->icon_name = g_strdup_printf ("%s-%s", APP_ID, gw_state_to_string (self->state));
  self->title = g_strdup (state_title (self->state));
  self->summary = g_strdup (input->verdict != NULL && input->verdict->summary != NULL
                            ? input->verdict->summary
                            : _("Gatewatch has not checked ChatGPT yet."));
  self->detail = build_detail (input, self->state);
  return self;
}

void
gw_banner_free (GwBanner *self)
{
  if (self == NULL)
    return;
  g_free (self->icon_name);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->detail);
  g_free (self);
}

static char *
format_next (gint64 next_check_us,
             gint64 now_us)
{
  gint64 seconds = MAX (next_check_us - now_us, 0) / G_USEC_PER_SEC;

  if (seconds < 60)
    return g_strdup_printf (ngettext ("next check in %u second", "next check in %u seconds",
                                      (gulong) seconds), (guint) seconds);
  return g_strdup_printf (ngettext ("next check in %u minute", "next check in %u minutes",
                                    (gulong) (seconds + 59) / 60), (guint) (seconds + 59) / 60);
}

char *
gw_banner_checks_line (gint64     last_check_us,
                       gint64     next_check_us,
                       gboolean   paused,
                       gboolean   running,
                       gint64     now_us,
                       GTimeZone *tz)
{
  g_autofree char *last = NULL;
  g_autofree char *next = NULL;

  if (paused)
    next = g_strdup (_("checks are paused"));
  else if (running)
    next = g_strdup (_("checking now…"));
  else if (next_check_us > 0)
    next = format_next (next_check_us, now_us);
  else
    next = g_strdup (_("no check scheduled"));

  if (last_check_us <= 0)
    /* Translators: the start of the window's status line, before any check */
    return g_strdup_printf (_("Not checked yet · %s"), next);
  last = gw_format_clock (last_check_us / G_USEC_PER_SEC, tz);
  /* Translators: "Last checked at 14:03 · next check in 4 minutes" */
  return g_strdup_printf (_("Last checked at %s · %s"), last, next);
}
