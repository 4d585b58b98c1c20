/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdint.h>
#include <string.h>

#include <glib.h>

/* What every harness shares: the libFuzzer entry point, and checks that work
 * the same in the libFuzzer binary (abort: a crash it saves) and in the
 * replay test (a failed test case). */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Criticals and warnings are bugs here: a g_return_if_fail () reached from
 * network input means a caller passed what it should not. */
static inline void
gw_fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&done, 1);
    }
}

/* Text that reaches the screen, a report or the history: never NULL, valid
 * UTF-8, and not empty when non_empty. */
static inline void
gw_fuzz_assert_text (const char *text,
                     gboolean    non_empty)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  if (non_empty)
    g_assert_cmpuint (strlen (text), >, 0);
}

/* NULL, or valid UTF-8. */
static inline void
gw_fuzz_assert_optional_text (const char *text)
{
  if (text != NULL)
    gw_fuzz_assert_text (text, FALSE);
}
