/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-fuzz"

#include "config.h"

#include "fuzz-common.h"

/* Replays every seed and every saved crash of one harness (GW_FUZZ_NAME)
 * through its LLVMFuzzerTestOneInput (), one GTest case per file: the normal
 * build keeps them as regression tests without clang or libFuzzer. */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
replay_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *input = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  /* A buffer of exactly len bytes, as libFuzzer passes it: under
   * AddressSanitizer any read past the end shows. */
  input = g_malloc (MAX (len, 1));
  if (len > 0)
    memcpy (input, contents, len);
  g_assert_cmpint (LLVMFuzzerTestOneInput (input, len), ==, 0);
}

/* Adds one test per file of tests/fuzz/KIND/GW_FUZZ_NAME; returns how many. */
static guint
add_folder (const char *kind)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", kind, GW_FUZZ_NAME, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s/%s", GW_FUZZ_NAME, kind, file);

      /* The path lives as long as the program: GTest keeps the pointer. */
      g_test_add_data_func_full (test_path, g_build_filename (dir_path, file, NULL),
                                 replay_file, g_free);
    }
  return names->len;
}

static void
test_corpus_present (gconstpointer data)
{
  /* An empty or missing seed folder would make this whole test pass vacuously. */
  g_assert_cmpuint (GPOINTER_TO_UINT (data), >, 0);
}

int
main (int    argc,
      char **argv)
{
  guint seeds;

  g_test_init (&argc, &argv, NULL);
  seeds = add_folder ("corpus");
  add_folder ("regressions");
  g_test_add_data_func ("/fuzz/" GW_FUZZ_NAME "/corpus-present", GUINT_TO_POINTER (seeds),
                        test_corpus_present);
  return g_test_run ();
}
