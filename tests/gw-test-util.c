/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gw-test-util.h"

char *
gw_test_load_data (const char *name,
                   gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);

  return g_memdup2 (contents, *len);
}
