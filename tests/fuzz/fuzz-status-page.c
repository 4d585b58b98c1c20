/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "fuzz-status-checks.h"
#include "gw-status-page.h"

/* The status page parser on whatever the network serves as summary.json:
 * either a page that holds together or a GW_STATUS_PAGE_ERROR, never a
 * crash, and the copy says the same as the original. */

static void
check_same_page (const GwStatusPage *a,
                 const GwStatusPage *b)
{
  g_assert_cmpint (a->indicator, ==, b->indicator);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpuint (a->components->len, ==, b->components->len);
  g_assert_cmpuint (a->incidents->len, ==, b->incidents->len);
  for (guint i = 0; i < a->components->len; i++)
    {
      const GwComponent *ca = g_ptr_array_index (a->components, i);
      const GwComponent *cb = g_ptr_array_index (b->components, i);

      g_assert_cmpstr (ca->name, ==, cb->name);
      g_assert_cmpint (ca->status, ==, cb->status);
    }
  for (guint i = 0; i < a->incidents->len; i++)
    {
      const GwIncident *ia = g_ptr_array_index (a->incidents, i);
      const GwIncident *ib = g_ptr_array_index (b->incidents, i);

      g_assert_cmpstr (ia->name, ==, ib->name);
      g_assert_cmpint (ia->started_at, ==, ib->started_at);
    }
}

static void
check_page (const GwStatusPage *page)
{
  g_autoptr(GwStatusPage) copy = NULL;
  GwComponentStatus chatgpt;

  g_assert_cmpint (page->indicator, >=, GW_INDICATOR_UNKNOWN);
  g_assert_cmpint (page->indicator, <=, GW_INDICATOR_MAINTENANCE);
  g_assert_nonnull (gw_indicator_to_string (page->indicator));
  gw_fuzz_assert_optional_text (page->description);
  g_assert_nonnull (page->components);
  g_assert_nonnull (page->incidents);

  for (guint i = 0; i < page->components->len; i++)
    gw_fuzz_check_component (g_ptr_array_index (page->components, i));
  for (guint i = 0; i < page->incidents->len; i++)
    {
      const GwIncident *incident = g_ptr_array_index (page->incidents, i);

      gw_fuzz_check_incident (incident);
      /* The summary keeps the open incidents only. */
      g_assert_false (incident->resolved);
    }

  chatgpt = gw_status_page_chatgpt_status (page);
  g_assert_cmpint (chatgpt, >=, GW_COMPONENT_UNKNOWN);
  g_assert_cmpint (chatgpt, <=, GW_COMPONENT_MAJOR_OUTAGE);

  copy = gw_status_page_copy (page);
  check_same_page (page, copy);
  g_assert_cmpint (gw_status_page_chatgpt_status (copy), ==, chatgpt);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GwStatusPage) page = NULL;

  gw_fuzz_init ();

  page = gw_status_page_parse ((const char *) data, size, &error);
  if (page == NULL)
    {
      g_assert_error (error, GW_STATUS_PAGE_ERROR, GW_STATUS_PAGE_ERROR_INVALID);
      gw_fuzz_assert_text (error->message, TRUE);
      return 0;
    }

  g_assert_no_error (error);
  check_page (page);
  return 0;
}
