/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the status page parser refuses, and how it says so. */
#include "gw-status-page.h"
#include "gw-test-util.h"

#include <string.h>

#define DEGRADED_CAPTURE "summary.2026-09-29.degraded-with-incidents.json"

/* Parses what must parse. */
static GwStatusPage *
parse_string (const char *json)
{
  g_autoptr(GError) error = NULL;
  GwStatusPage *page = gw_status_page_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

/* Any JSON object is not a status page: {} or an API's error body fail. */
static void
test_not_a_summary (void)
{
  static const char * const bodies[] = {
    "{}",
    "{\"error\": {\"message\": \"You didn't provide an API key.\", \"type\": \"invalid_request_error\"}}",
    "{\"page\": {\"name\": \"OpenAI\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GwStatusPage) page = gw_status_page_parse (bodies[i], strlen (bodies[i]), &error);

      g_assert_null (page);
      g_assert_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "not a Statuspage summary"));
    }
}

static char *
nested_arrays_in_object (guint depth)
{
  GString *s = g_string_new ("{\"components\":");

  /* The object itself is one level. */
  for (guint i = 1; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 1; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');

  return g_string_free (s, FALSE);
}

static void
test_variant_depth_limit (void)
{
  g_autofree char *ok = nested_arrays_in_object (64);
  g_autofree char *deep = nested_arrays_in_object (65);
  g_autofree char *brackets = g_strnfill (1000, '[');
  g_autofree char *in_string =
    g_strdup_printf ("{\"status\":{\"description\":\"%s\\\"{{\",\"indicator\":\"minor\"}}",
                     brackets);
  g_autoptr(GwStatusPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = parse_string (ok);
  g_clear_pointer (&page, gw_status_page_free);

  page = gw_status_page_parse (deep, strlen (deep), &error);
  g_assert_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "deeper than 64 levels"));
  g_assert_null (page);

  /* Brackets inside strings, and an escaped quote, are not nesting. */
  page = parse_string (in_string);
  g_assert_cmpint (page->indicator, ==, GW_INDICATOR_MINOR);
  g_assert_true (g_str_has_prefix (page->description, "[[[["));
  g_assert_true (g_str_has_suffix (page->description, "\"{{"));
}

/* Errors */

typedef char *(*GenerateFunc) (gsize *len);

typedef struct
{
  const char   *name;
  const char   *file;       /* in tests/data, or NULL */
  const char   *inline_data;
  gssize        inline_len; /* -1: strlen */
  GenerateFunc  generate;
  const char   *expect;     /* must appear in the message */
} ErrorCase;

static char *
generate_deep (gsize *len)
{
  *len = 100000;
  return g_strnfill (*len, '[');
}

static char *
generate_deep_objects (gsize *len)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < 65; i++)
    g_string_append (s, "{\"a\":");
  g_string_append (s, "1");
  for (guint i = 0; i < 65; i++)
    g_string_append_c (s, '}');

  *len = s->len;
  return g_string_free (s, FALSE);
}

static char *
generate_huge (gsize *len)
{
  gsize n = 10 * 1024 * 1024;
  char *data = g_malloc (n);

  memset (data, 'a', n);
  memcpy (data, "{\"s\":\"", 6);
  memcpy (data + n - 2, "\"}", 2);
  *len = n;

  return data;
}

static char *
generate_truncated (gsize *len)
{
  gsize full;
  char *data = gw_test_load_data (DEGRADED_CAPTURE, &full);

  *len = full / 2;
  return data;
}

static const ErrorCase error_cases[] = {
  { "empty", NULL, "", 0, NULL, "status page is empty" },
  { "whitespace", NULL, " \r\n\t ", -1, NULL, "status page is empty" },
  { "bom-only", NULL, "\xEF\xBB\xBF\n", -1, NULL, "status page is empty" },
  { "html-522", "522-connection-timed-out.html", NULL, 0, NULL, "status page is HTML, not JSON" },
  { "html-latin1", NULL, "\n<html>caf\xe9</html>", -1, NULL, "status page is HTML, not JSON" },
  { "cloudflare-plain", NULL, "error code: 502", -1, NULL, "status page is not JSON: " },
  { "truncated", NULL, NULL, 0, generate_truncated, "status page is not JSON: " },
  { "trailing-garbage", NULL, "{} x", -1, NULL, "status page is not JSON: " },
  { "lone-surrogate", NULL, "{\"name\":\"\\ud800\"}", -1, NULL, "status page is not JSON: " },
  { "invalid-utf8", NULL, "{\"name\":\"\xff\xfe\"}", -1, NULL, "not valid UTF-8" },
  { "raw-surrogate", NULL, "{\"name\":\"\xed\xa0\x80\"}", -1, NULL, "not valid UTF-8" },
  { "nul-byte", NULL, "{}\0{}", 5, NULL, "not valid UTF-8" },
  { "null-root", NULL, "null", -1, NULL, "not a JSON object but null" },
  { "array-root", NULL, "[{\"status\":{}}]", -1, NULL, "not a JSON object but an array" },
  { "string-root", NULL, "\"operational\"", -1, NULL, "not a JSON object but a string" },
  { "number-root", NULL, "42", -1, NULL, "not a JSON object but a number" },
  { "boolean-root", NULL, "true", -1, NULL, "not a JSON object but a boolean" },
  { "deep-100000", NULL, NULL, 0, generate_deep, "status page nests deeper than 64 levels" },
  { "deep-objects", NULL, NULL, 0, generate_deep_objects, "nests deeper than 64 levels" },
  { "huge-10mb", NULL, NULL, 0, generate_huge, "status page is larger than 4 MiB" },
};

static char *
error_case_data (const ErrorCase *tc,
                 gsize           *len)
{
  if (tc->generate != NULL)
    return tc->generate (len);
  if (tc->file != NULL)
    return gw_test_load_data (tc->file, len);

  *len = tc->inline_len < 0 ? strlen (tc->inline_data) : (gsize) tc->inline_len;
  return g_memdup2 (tc->inline_data, *len);
}

static void
test_error (gconstpointer user_data)
{
  const ErrorCase *tc = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStatusPage) page = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  data = error_case_data (tc, &len);

  page = gw_status_page_parse (data, len, &error);
  g_assert_null (page);
  g_assert_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID);
  g_test_message ("%s: %s", tc->name, error->message);
  g_assert_nonnull (strstr (error->message, tc->expect));
  g_clear_error (&error);

  incidents = gw_status_page_parse_incidents (data, len, &error);
  g_assert_null (incidents);
  g_assert_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, tc->expect));
}

static void
test_error_null_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStatusPage) page = gw_status_page_parse (NULL, 0, &error);

  g_assert_null (page);
  g_assert_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/status-page/error/%s", error_cases[i].name);

      g_test_add_data_func (path, &error_cases[i], test_error);
    }
  g_test_add_func ("/status-page/error/null-data", test_error_null_data);
  g_test_add_func ("/status-page/error/not-a-summary", test_not_a_summary);
  g_test_add_func ("/status-page/error/depth-limit", test_variant_depth_limit);
  return g_test_run ();
}
