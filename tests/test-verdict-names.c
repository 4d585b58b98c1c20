/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The verdict's names, exit codes, HTTP status phrases and unknown verdicts:
 * the parts of gw-verdict that need no round. */
#define G_LOG_DOMAIN "test-verdict"

#include "config.h"

#include "gw-verdict.h"

#include <string.h>

static void
test_strings (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (int s = GW_STATE_UNKNOWN; s <= GW_STATE_LOCAL_PROBLEM; s++)
    {
      const char *name = gw_state_to_string (s);

      g_assert_nonnull (name);
      g_assert_cmpuint (strspn (name, "abcdefghijklmnopqrstuvwxyz-"), ==, strlen (name));
      g_assert_true (g_hash_table_add (seen, (gpointer) name));
    }
  g_assert_cmpstr (gw_state_to_string (GW_STATE_OPERATIONAL), ==, "operational");
  g_assert_cmpstr (gw_state_to_string (GW_STATE_DEGRADED), ==, "degraded");
  g_assert_cmpstr (gw_state_to_string (GW_STATE_OUTAGE), ==, "outage");
  g_assert_cmpstr (gw_state_to_string (GW_STATE_LOCAL_PROBLEM), ==, "local-problem");
  g_assert_cmpstr (gw_state_to_string (GW_STATE_UNKNOWN), ==, "unknown");

  g_hash_table_remove_all (seen);
  for (int c = GW_CAUSE_NONE; c <= GW_CAUSE_CONTROL_FAILED; c++)
    {
      const char *name = gw_cause_to_string (c);

      g_assert_nonnull (name);
      g_assert_cmpuint (strlen (name), >, 0);
      g_assert_cmpuint (strspn (name, "abcdefghijklmnopqrstuvwxyz-"), ==, strlen (name));
      g_assert_true (g_hash_table_add (seen, (gpointer) name));
    }
  g_assert_cmpstr (gw_cause_to_string (GW_CAUSE_SERVER_ERROR), ==, "server-error");
  g_assert_cmpstr (gw_cause_to_string (GW_CAUSE_TLS_INTERCEPTION), ==, "tls-interception");
  g_assert_cmpstr (gw_cause_to_string (GW_CAUSE_CAPTIVE_PORTAL), ==, "captive-portal");
  g_assert_cmpstr (gw_cause_to_string (GW_CAUSE_NO_EVIDENCE), ==, "no-evidence");
}

static void
test_strings_out_of_range (void)
{
  if (g_test_subprocess ())
    {
      g_assert_null (gw_cause_to_string (GW_CAUSE_CONTROL_FAILED + 1));
      g_assert_null (gw_state_to_string (GW_STATE_LOCAL_PROBLEM + 1));
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*gw_cause_to_string*");
}

static void
test_exit_codes (void)
{
  g_assert_cmpint (gw_state_exit_code (GW_STATE_OPERATIONAL), ==, 0);
  g_assert_cmpint (gw_state_exit_code (GW_STATE_DEGRADED), ==, 1);
  g_assert_cmpint (gw_state_exit_code (GW_STATE_OUTAGE), ==, 2);
  g_assert_cmpint (gw_state_exit_code (GW_STATE_LOCAL_PROBLEM), ==, 3);
  g_assert_cmpint (gw_state_exit_code (GW_STATE_UNKNOWN), ==, 3);
}

static void
test_http_status (void)
{
  static const guint named[] = { 500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 530 };

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      g_autofree char *number = g_strdup_printf ("%u ", named[i]);
      const char *phrase = gw_http_status_phrase (named[i]);
      const char *explanation = gw_http_status_explanation (named[i]);

      g_assert_nonnull (phrase);
      g_assert_true (g_str_has_prefix (phrase, number));
      g_assert_nonnull (explanation);
      g_assert_cmpuint (strlen (explanation), >, 10);
      g_assert_false (g_str_has_suffix (explanation, "."));
    }
  g_assert_cmpstr (gw_http_status_phrase (502), ==, "502 Bad Gateway");
  g_assert_cmpstr (gw_http_status_phrase (524), ==, "524 A Timeout Occurred");
  g_assert_cmpstr (gw_http_status_explanation (502), ==,
                   "its gateway got no valid answer from its servers");
  g_assert_nonnull (gw_http_status_phrase (429));
  g_assert_null (gw_http_status_explanation (429));
  g_assert_null (gw_http_status_phrase (200));
  g_assert_null (gw_http_status_phrase (599));
  g_assert_null (gw_http_status_explanation (599));
  g_assert_null (gw_http_status_phrase (0));
}

static void
test_new_unknown (void)
{
  g_autoptr(GwVerdict) fresh = gw_verdict_new_unknown (GW_CAUSE_NO_EVIDENCE, NULL);
  g_autoptr(GwVerdict) paused = gw_verdict_new_unknown (GW_CAUSE_NO_EVIDENCE, "Paused.");
  g_autoptr(GwVerdict) copy = gw_verdict_copy (paused);

  g_assert_cmpint (fresh->state, ==, GW_STATE_UNKNOWN);
  g_assert_cmpint (fresh->cause, ==, GW_CAUSE_NO_EVIDENCE);
  g_assert_cmpstr (fresh->summary, ==, "ChatGPT has not been checked yet.");
  g_assert_cmpuint (fresh->reasons->len, ==, 0);
  g_assert_cmpint (fresh->checked_at, ==, 0);
  g_assert_cmpstr (paused->summary, ==, "Paused.");
  g_assert_cmpstr (copy->summary, ==, "Paused.");
  g_assert_true (copy->summary != paused->summary);
  gw_verdict_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/verdict/strings", test_strings);
  g_test_add_func ("/verdict/strings/out-of-range", test_strings_out_of_range);
  g_test_add_func ("/verdict/exit-codes", test_exit_codes);
  g_test_add_func ("/verdict/http-status", test_http_status);
  g_test_add_func ("/verdict/new-unknown", test_new_unknown);
  return g_test_run ();
}
