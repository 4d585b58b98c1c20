/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "gw-checklist"

#include "config.h"

#include "gw-checklist-private.h"
#include "gw-redact.h"

#include <glib/gi18n-lib.h>

/* Steps 7–13: the browser, the prompt, the router, and support. */

#define HELP_CENTER_URL "https://help.openai.com/"

static const GwBrowser *
default_browser (const GwChecklistInput *in)
{
  return in->facts != NULL ? in->facts->default_browser : NULL;
}

static gboolean
is_default (const GwChecklistInput *in,
            const GwBrowser        *browser)
{
  const GwBrowser *def = default_browser (in);

  return def != NULL && g_strcmp0 (def->app_id, browser->app_id) == 0;
}

static void
add_default_browser_fact (GwStep                 *step,
                          const GwChecklistInput *in)
{
  const GwBrowser *def = default_browser (in);

  if (def != NULL)
    /* Translators: %s is a browser's name */
    gw_step_add_factf (step, _("Your default browser is %s."), def->name);
  else
    gw_step_add_fact (step, g_strdup (_("Gatewatch could not tell which browser is your "
                                        "default.")));
}

/* 7. Another browser */

GwStep *
gw_step_build_other_browser (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_OTHER_BROWSER, _("Try another browser"),
                              _("If ChatGPT works in another browser, the problem is in the first "
                                "one: its extensions, cache or settings."));
  guint n_other = 0;

  add_default_browser_fact (step, in);
  for (guint i = 0; in->facts != NULL && i < in->facts->browsers->len; i++)
    {
      const GwBrowser *browser = g_ptr_array_index (in->facts->browsers, i);
      g_autofree char *label = NULL;
      GwAction *action;

      if (is_default (in, browser))
        continue;
      /* Translators: a button; %s is a browser's name */
      label = g_strdup_printf (_("Open in %s"), browser->name);
      action = gw_step_add_action (step, GW_ACTION_LAUNCH_BROWSER, label);
      action->app_id = g_strdup (browser->app_id);
      action->uri = g_strdup (in->web_url);
      n_other++;
    }
  if (n_other == 0)
    gw_step_add_fact (step, g_strdup (_("Gatewatch found no other browser installed.")));
  step->result = GW_STEP_RESULT_UP_TO_YOU;
  return step;
}

/* 8. A private window */

static void
add_private_action (GwStep                 *step,
                    const GwChecklistInput *in,
                    const GwBrowser        *browser)
{
  g_auto(GStrv) argv = gw_browser_private_argv (browser, in->web_url);
  g_autofree char *label = NULL;
  GwAction *action;

  if (argv == NULL)
    {
      /* Translators: %s is a browser's name */
      gw_step_add_factf (step, _("In %s, open a private window from its menu."), browser->name);
      return;
    }
  /* Translators: a button; %s is a browser's name */
  label = g_strdup_printf (_("Private window in %s"), browser->name);
  action = gw_step_add_action (step, GW_ACTION_LAUNCH_PRIVATE, label);
  action->app_id = g_strdup (browser->app_id);
  action->uri = g_strdup (in->web_url);
  action->argv = g_steal_pointer (&argv);
}

GwStep *
gw_step_build_private_window (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_PRIVATE_WINDOW, _("Try a private window"),
                              _("A private window starts without extensions and stored cookies: "
                                "if ChatGPT works there, one of those is the culprit."));
  const GwBrowser *def = default_browser (in);

  /* The default browser first, then the others. */
  if (def != NULL)
    add_private_action (step, in, def);
  for (guint i = 0; in->facts != NULL && i < in->facts->browsers->len; i++)
    {
      const GwBrowser *browser = g_ptr_array_index (in->facts->browsers, i);

      if (!is_default (in, browser))
        add_private_action (step, in, browser);
    }
  gw_step_add_fact (step, g_strdup (_("In the browser itself: Ctrl+Shift+P in Firefox, "
                                      "Ctrl+Shift+N in Chrome, Edge and most others.")));
  step->result = GW_STEP_RESULT_UP_TO_YOU;
  return step;
}

/* 9. Clear cache and cookies */

GwStep *
gw_step_build_clear_cache (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_CLEAR_CACHE, _("Clear the cache and cookies"),
                              _("Stale cookies or cached files can break signing in and "
                                "loading."));
  const GwBrowser *def = default_browser (in);

  switch (def != NULL ? def->kind : GW_BROWSER_KIND_OTHER)
    {
    case GW_BROWSER_KIND_CHROMIUM:
      /* Translators: %s is a browser's name; the quoted words are its menu items */
      gw_step_add_factf (step, _("In %s: press Ctrl+Shift+Delete, tick “Cookies and other site "
                                 "data” and “Cached images and files”, then “Delete data”."),
                         def->name);
      break;
    case GW_BROWSER_KIND_FIREFOX:
      /* Translators: %s is a browser's name; the quoted words are its menu items */
      gw_step_add_factf (step, _("In %s: press Ctrl+Shift+Delete, tick “Cookies and site data” "
                                 "and “Temporary cached files and pages”, then “Clear”."),
                         def->name);
      break;
    case GW_BROWSER_KIND_EDGE:
      /* Translators: %s is a browser's name; the quoted words are its menu items */
      gw_step_add_factf (step, _("In %s: press Ctrl+Shift+Delete, tick “Cookies and other site "
                                 "data” and “Cached images and files”, then “Clear now”."),
                         def->name);
      break;
    case GW_BROWSER_KIND_OTHER:
    default:
      gw_step_add_fact (step, g_strdup (_("Open the browser's settings and clear the cookies and "
                                          "cached files of chatgpt.com.")));
      break;
    }
  gw_step_add_fact (step, g_strdup (_("You will have to sign in to ChatGPT again.")));
  step->result = GW_STEP_RESULT_UP_TO_YOU;
  return step;
}

/* 10. A shorter prompt */

GwStep *
gw_step_build_shorter_prompt (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_SHORTER_PROMPT, _("Try a shorter prompt"),
                              _("When ChatGPT is slow, long prompts and long conversations time "
                                "out first."));
  const GwProbeResult *web = gw_checklist_ran (in, GW_TARGET_WEB);

  if (in->cause == GW_CAUSE_SLOW && web != NULL && web->response->timings.first_byte_us >= 0)
    {
      g_autofree char *took = gw_format_timing (web->response->timings.first_byte_us);

      /* Translators: %s is a duration, e.g. "4.2 s" */
      gw_step_add_factf (step, _("ChatGPT took %s to start answering Gatewatch."), took);
    }
  gw_step_add_fact (step, g_strdup (_("Split a long request, or start a new chat instead of "
                                      "continuing a very long one.")));
  step->result = GW_STEP_RESULT_UP_TO_YOU;
  return step;
}

/* 11. Restart the router */

GwStep *
gw_step_build_restart_router (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_RESTART_ROUTER, _("Restart your router"),
                              _("Home routers and modems sometimes stop passing traffic until "
                                "they restart."));

  gw_step_add_fact (step, g_strdup (_("Switch off the modem first, then the router.")));
  gw_step_add_fact (step, g_strdup (_("Wait 30 seconds, switch the modem back on, and wait until "
                                      "its lights settle.")));
  gw_step_add_fact (step, g_strdup (_("Then switch the router on, and give it a minute or two.")));
  step->result = GW_STEP_RESULT_UP_TO_YOU;
  return step;
}

/* 12. Update the browser or app */

GwStep *
gw_step_build_update_browser (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_UPDATE_BROWSER, _("Update your browser or app"),
                              _("Old browsers and old versions of the ChatGPT app can stop "
                                "working with ChatGPT's site."));

  add_default_browser_fact (step, in);
  /* Desktop files carry no version, and running the browser to ask is out. */
  gw_step_add_fact (step, g_strdup (_("Gatewatch cannot tell its version: look in its About page "
                                      "or in your software updates.")));
  gw_step_add_fact (step, g_strdup (_("If you use the ChatGPT app, update it from where you "
                                      "installed it.")));
  step->result = GW_STEP_RESULT_UP_TO_YOU;
  return step;
}

/* 13. Contact support */

GwStep *
gw_step_build_contact_support (const GwChecklistInput *in)
{
  /* Translators: the title of a troubleshooting step */
  GwStep *step = gw_step_new (GW_STEP_CONTACT_SUPPORT, _("Contact support"),
                              _("If nothing here helped, OpenAI's support can look at your "
                                "account."));
  GwAction *action;

  gw_step_add_fact (step, g_strdup (_("The diagnostic report leaves out your user name, home "
                                      "folder, network addresses and passwords.")));
  /* Translators: a button */
  action = gw_step_add_action (step, GW_ACTION_COPY_TEXT, _("Copy diagnostic report"));
  action->text = gw_diagnostic_report (in->verdict, in->round, in->facts);
  /* Translators: a button that opens OpenAI's help web site */
  action = gw_step_add_action (step, GW_ACTION_OPEN_URI, _("Open help center"));
  action->uri = g_strdup (HELP_CENTER_URL);
  step->result = GW_STEP_RESULT_UP_TO_YOU;
  return step;
}
