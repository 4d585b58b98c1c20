/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A Statuspage-compatible summary (as OpenAI's incident.io page serves it),
 * copied into plain structs. Every field may be missing in the input. */

typedef enum
{
  GW_COMPONENT_UNKNOWN,            /* missing or unrecognised: never read as operational */
  GW_COMPONENT_OPERATIONAL,
  GW_COMPONENT_UNDER_MAINTENANCE,
  GW_COMPONENT_DEGRADED_PERFORMANCE,
  GW_COMPONENT_PARTIAL_OUTAGE,
  GW_COMPONENT_MAJOR_OUTAGE,       /* also incident.io's "full_outage" */
} GwComponentStatus;

typedef enum
{
  GW_INDICATOR_UNKNOWN,
  GW_INDICATOR_NONE,
  GW_INDICATOR_MINOR,
  GW_INDICATOR_MAJOR,
  GW_INDICATOR_CRITICAL,
  GW_INDICATOR_MAINTENANCE,
} GwIndicator;

typedef enum
{
  GW_IMPACT_UNKNOWN,
  GW_IMPACT_NONE,
  GW_IMPACT_MINOR,
  GW_IMPACT_MAJOR,
  GW_IMPACT_CRITICAL,
} GwImpact;

typedef struct
{
  char              *id;          /* may be NULL */
  char              *name;        /* never NULL: components without a name are skipped */
  char              *raw_status;  /* as served, NULL when missing */
  GwComponentStatus  status;
  gboolean           chatgpt;     /* one of ChatGPT's components */
} GwComponent;

typedef struct
{
  char     *id;
  char     *name;                 /* never NULL */
  char     *status;               /* investigating, identified, monitoring, …; NULL when missing */
  char     *shortlink;            /* may be NULL */
  GwImpact  impact;
  gint64    started_at;           /* unix seconds: started_at, else created_at; 0 when unknown */
  gint64    resolved_at;          /* 0 while open, or resolved at an unknown time */
  gboolean  chatgpt;              /* its name mentions ChatGPT */
  gboolean  resolved;             /* resolved, completed or postmortem, or resolved_at set */
} GwIncident;

typedef struct
{
  GwIndicator  indicator;
  char        *description;       /* "All Systems Operational", may be NULL */
  GPtrArray   *components;        /* of GwComponent, in served order */
  GPtrArray   *incidents;         /* of GwIncident, unresolved only */
} GwStatusPage;

#define GW_STATUS_PAGE_ERROR (gw_status_page_error_quark ())

typedef enum
{
  GW_STATUS_PAGE_ERROR_INVALID,   /* not JSON, not UTF-8, too deep, wrong shape */
} GwStatusPageError;

GQuark             gw_status_page_error_quark       (void);

GwStatusPage      *gw_status_page_parse             (const char         *data,
                                                     gsize               len,
                                                     GError            **error);
/* incidents.json: every incident, resolved ones included (resolved_at set). */
GPtrArray         *gw_status_page_parse_incidents   (const char         *data,
                                                     gsize               len,
                                                     GError            **error);
void               gw_incident_free                 (GwIncident         *incident);
void               gw_status_page_free              (GwStatusPage       *self);
GwStatusPage      *gw_status_page_copy              (const GwStatusPage *self);

/* The worst status among ChatGPT's own components and the open incidents
 * that name ChatGPT; GW_COMPONENT_UNKNOWN when the page lists none of them. */
GwComponentStatus  gw_status_page_chatgpt_status    (const GwStatusPage *self);
/* TRUE for a component name that belongs to ChatGPT (not the API). */
gboolean           gw_status_page_is_chatgpt_component (const char      *name);
gboolean           gw_status_page_mentions_chatgpt  (const char         *text);

const char        *gw_component_status_to_string    (GwComponentStatus   status);
const char        *gw_indicator_to_string           (GwIndicator         indicator);
const char        *gw_impact_to_string              (GwImpact            impact);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GwStatusPage, gw_status_page_free)

G_END_DECLS
