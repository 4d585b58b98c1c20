/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Small helpers shared by the JSON renderings (--json, --history --json). */

/* "2026-11-21T14:05:03Z" for unix seconds; NULL when out of range. */
char *gw_json_format_utc         (gint64       unix_s);
void  gw_json_add_string_or_null (JsonBuilder *builder,
                                  const char  *name,
                                  const char  *value);
void  gw_json_add_int            (JsonBuilder *builder,
                                  const char  *name,
                                  gint64       value);

G_END_DECLS
