/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gw-history.h"
#include "gw-history-private.h"

G_BEGIN_DECLS

/* Rounds, verdicts and raw SQLite access for the history tests. */

#define GW_TEST_T0 G_GINT64_CONSTANT (1790000000)   /* 2026-09-21T14:13:20Z */
#define GW_TEST_HOUR0 (GW_TEST_T0 - GW_TEST_T0 % 3600)

/* Each round has these probes: web, api and control (not the status page). */
#define GW_TEST_PROBES_PER_ROUND 3

typedef struct
{
  gint64  t;
  GwState state;
  GwCause cause;
  guint   web_status;     /* 0: the web probe timed out */
  gint64  first_byte_ms;  /* of the web probe */
} GwTestRound;

/* web: dns 12 ms, connect 20, tls 30, first byte as given (+ 0.999 ms), total
 * 400 (a timeout: dns 12, connect 20, total 10000); api: 401, 11/21/31/100/120;
 * control: 200, 10/15/no TLS/50/60. started_at is t + 0.999999 s. */
GwRound   *gw_test_round_new     (const GwTestRound *spec);
/* With a decisive reason carrying http_status when it is not 0. */
GwVerdict *gw_test_verdict_new   (GwState            state,
                                  GwCause            cause,
                                  guint              http_status);
/* gw_history_default_path (), asserting that it opens cleanly. */
GwHistory *gw_test_history_open  (void);
/* Records a round and asserts it was written. */
void       gw_test_record        (GwHistory         *history,
                                  const GwTestRound *spec,
                                  guint              http_status);
/* An operational round at t (a server error otherwise), as the caller sees it. */
gboolean   gw_test_record_at     (GwHistory         *history,
                                  gint64             t,
                                  GwState            state,
                                  GError           **error);

/* The stored probe rows, asserting the count worked. */
gint64     gw_test_count_probes  (GwHistory         *history);
/* A second, raw connection on the same file. */
sqlite3   *gw_test_raw_open      (const char        *path);
gint64     gw_test_raw_int       (sqlite3           *db,
                                  const char        *sql);
char      *gw_test_raw_text      (sqlite3           *db,
                                  const char        *sql);
void       gw_test_raw_exec      (sqlite3           *db,
                                  const char        *sql);

guint      gw_test_file_mode     (const char        *path);

G_END_DECLS
