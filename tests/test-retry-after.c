/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Retry-After (RFC 9110 §10.2.3) as gw-schedule reads it. */
#define G_LOG_DOMAIN "test-schedule"

#include "config.h"

#include "gw-schedule.h"

#define T0        G_GINT64_CONSTANT (1790000000)  /* Unix seconds */
#define RFC_NOW   G_GINT64_CONSTANT (784111777)   /* Sun, 06 Nov 1994 08:49:37 GMT */
#define Y2029_NOW G_GINT64_CONSTANT (1893455900)  /* Mon, 31 Dec 2029 23:58:20 GMT */

/* ---- Retry-After ---- */

typedef struct
{
  gint64      now;
  const char *value;
  gboolean    ok;
  guint       seconds;
} RetryCase;

static const RetryCase retry_cases[] = {
  /* delta-seconds */
  { RFC_NOW, "120", TRUE, 120 },
  { RFC_NOW, "0", TRUE, 0 },
  { RFC_NOW, "007", TRUE, 7 },
  { RFC_NOW, "  30\t", TRUE, 30 },
  { RFC_NOW, "3600", TRUE, 3600 },
  { RFC_NOW, "3601", TRUE, 3600 },
  { RFC_NOW, "99999999999999999999999999999", TRUE, 3600 },
  /* the three HTTP-date forms */
  { RFC_NOW, "Sun, 06 Nov 1994 08:51:07 GMT", TRUE, 90 },
  { RFC_NOW, "Sunday, 06-Nov-94 08:51:07 GMT", TRUE, 90 },
  { RFC_NOW, "Sun Nov  6 08:51:07 1994", TRUE, 90 },
  { RFC_NOW, " Sun, 06 Nov 1994 08:51:07 GMT ", TRUE, 90 },
  { RFC_NOW, "Sun, 06 Nov 1994 08:50:60 GMT", TRUE, 83 },  /* a leap second */
  { RFC_NOW, "Sun, 06 Nov 1994 09:49:36 GMT", TRUE, 3599 },
  { RFC_NOW, "Sun, 06 Nov 1994 09:49:37 GMT", TRUE, 3600 },
  { RFC_NOW, "Mon, 07 Nov 1994 08:49:37 GMT", TRUE, 3600 },  /* a day: capped */
  { RFC_NOW, "Fri, 31 Dec 9999 23:59:59 GMT", TRUE, 3600 },
  /* now and the past: no wait */
  { RFC_NOW, "Sun, 06 Nov 1994 08:49:37 GMT", TRUE, 0 },
  { RFC_NOW, "Sat, 05 Nov 1994 08:49:37 GMT", TRUE, 0 },
  { RFC_NOW, "Thu, 01 Jan 1970 00:00:00 GMT", TRUE, 0 },
  /* RFC 850's two-digit year: more than 50 years ahead means the past */
  { Y2029_NOW, "Tuesday, 01-Jan-30 00:00:00 GMT", TRUE, 100 },
  { Y2029_NOW, "Sunday, 31-Dec-79 00:00:00 GMT", TRUE, 3600 },
  { Y2029_NOW, "Wednesday, 31-Dec-80 00:00:00 GMT", TRUE, 0 },
  { Y2029_NOW, "Thursday, 01-Jan-99 00:00:00 GMT", TRUE, 0 },
  /* garbage */
  { RFC_NOW, NULL, FALSE, 0 },
  { RFC_NOW, "", FALSE, 0 },
  { RFC_NOW, "   ", FALSE, 0 },
  { RFC_NOW, "soon", FALSE, 0 },
  { RFC_NOW, "-1", FALSE, 0 },
  { RFC_NOW, "+5", FALSE, 0 },
  { RFC_NOW, "1.5", FALSE, 0 },
  { RFC_NOW, "12 s", FALSE, 0 },
  { RFC_NOW, "1 2", FALSE, 0 },
  { RFC_NOW, "0x10", FALSE, 0 },
  { RFC_NOW, "\xd9\xa1\xd9\xa2", FALSE, 0 },                   /* Arabic-Indic digits */
  { RFC_NOW, "Sun, 06 Nov 1994 08:49:37 UTC", FALSE, 0 },
  { RFC_NOW, "sun, 06 Nov 1994 08:49:37 GMT", FALSE, 0 },      /* case-sensitive */
  { RFC_NOW, "Sun, 06 nov 1994 08:49:37 GMT", FALSE, 0 },
  { RFC_NOW, "Sun, 6 Nov 1994 08:49:37 GMT", FALSE, 0 },
  { RFC_NOW, "Sun, 06 Nov 94 08:49:37 GMT", FALSE, 0 },
  { RFC_NOW, "Sun, 06 Nov 1994 08:49 GMT", FALSE, 0 },
  { RFC_NOW, "Sun, 06 Nov 1994 08:49:37 GMT junk", FALSE, 0 },
  { RFC_NOW, "Sun, 06 Nov 1994 08:49:37", FALSE, 0 },
  { RFC_NOW, "Sun, 31 Feb 1994 08:49:37 GMT", FALSE, 0 },
  { RFC_NOW, "Sun, 06 Nov 1994 24:00:00 GMT", FALSE, 0 },
  { RFC_NOW, "Sun, 06 Nov 1994 08:60:00 GMT", FALSE, 0 },
  { RFC_NOW, "Sun, 06 Nov 1994 08:49:61 GMT", FALSE, 0 },
  { RFC_NOW, "Sun, 01 Jan 0000 00:00:00 GMT", FALSE, 0 },
  { RFC_NOW, "Sun, 06-Nov-94 08:49:37 GMT", FALSE, 0 },        /* RFC 850 wants a long day */
  { RFC_NOW, "Sun Nov 6 08:49:37 1994", FALSE, 0 },            /* asctime pads with a space */
  { RFC_NOW, "Sun Nov  6 08:49:37 1994 GMT", FALSE, 0 },
};

static void
test_retry_after_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (retry_cases); i++)
    {
      const RetryCase *c = &retry_cases[i];
      guint seconds = 12345;
      gboolean ok = gw_retry_after_parse (c->value, c->now, &seconds);

      g_test_message ("Retry-After: %s", c->value ? c->value : "(null)");
      g_assert_cmpint (ok, ==, c->ok);
      g_assert_cmpuint (seconds, ==, c->ok ? c->seconds : 12345);
    }
}

static void
test_retry_after_not_before (void)
{
  const gint64 now = T0;

  g_assert_cmpint (gw_retry_after_not_before (429, "120", now), ==, now + 120);
  g_assert_cmpint (gw_retry_after_not_before (503, "120", now), ==, now + 120);
  g_assert_cmpint (gw_retry_after_not_before (429, "86400", now), ==, now + 3600);
  g_assert_cmpint (gw_retry_after_not_before (503, "Sun, 06 Nov 1994 08:51:07 GMT", RFC_NOW),
                   ==, RFC_NOW + 90);
  g_assert_cmpint (gw_retry_after_not_before (429, "0", now), ==, now);
  /* nothing to wait for */
  g_assert_cmpint (gw_retry_after_not_before (502, "120", now), ==, 0);
  g_assert_cmpint (gw_retry_after_not_before (200, "120", now), ==, 0);
  g_assert_cmpint (gw_retry_after_not_before (429, NULL, now), ==, 0);
  g_assert_cmpint (gw_retry_after_not_before (429, "soon", now), ==, 0);
}

static void
test_skip_web (void)
{
  const gint64 now = T0;

  g_assert_true (gw_schedule_skip_web (now, now + 1));
  g_assert_true (gw_schedule_skip_web (now + 119, now + 120));
  g_assert_false (gw_schedule_skip_web (now + 120, now + 120));
  g_assert_false (gw_schedule_skip_web (now + 121, now + 120));
  g_assert_false (gw_schedule_skip_web (now, now));
  g_assert_false (gw_schedule_skip_web (now, 0));

  /* a 429 asking for ten minutes at a 60 s interval: web sits out nine rounds */
  {
    gint64 not_before = gw_retry_after_not_before (429, "600", now);
    guint skipped = 0;

    for (gint64 t = now + 60; t <= now + 660; t += 60)
      skipped += gw_schedule_skip_web (t, not_before) ? 1 : 0;
    g_assert_cmpuint (skipped, ==, 9);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/schedule/retry-after/parse", test_retry_after_parse);
  g_test_add_func ("/schedule/retry-after/not-before", test_retry_after_not_before);
  g_test_add_func ("/schedule/retry-after/skip-web", test_skip_web);
  return g_test_run ();
}
