/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "fuzz-common.h"

/* Reads typed values off the fuzz input, little-endian; past the end every
 * value reads as zero, so any input decodes to something. */

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} GwFuzzReader;

static inline guint8
gw_fuzz_read_u8 (GwFuzzReader *r)
{
  return r->pos < r->len ? r->data[r->pos++] : 0;
}

static inline guint16
gw_fuzz_read_u16 (GwFuzzReader *r)
{
  guint16 lo = gw_fuzz_read_u8 (r);

  return lo | (guint16) (gw_fuzz_read_u8 (r) << 8);
}

static inline gint64
gw_fuzz_read_i64 (GwFuzzReader *r)
{
  guint64 v = 0;

  for (guint i = 0; i < 8; i++)
    v |= (guint64) gw_fuzz_read_u8 (r) << (8 * i);
  return (gint64) v;
}

/* A u16 length n: 0 is NULL, else the next n - 1 bytes (fewer at the end)
 * as a NUL-terminated copy, which may hold invalid UTF-8 or stop early at
 * an embedded NUL. *len_out, when given, gets the byte count. */
static inline char *
gw_fuzz_read_bytes (GwFuzzReader *r,
                    gsize        *len_out)
{
  guint16 n = gw_fuzz_read_u16 (r);
  gsize len;
  char *out;

  if (len_out != NULL)
    *len_out = 0;
  if (n == 0)
    return NULL;
  len = MIN ((gsize) n - 1, r->len - r->pos);
  out = g_malloc (len + 1);
  memcpy (out, r->data + r->pos, len);
  out[len] = '\0';
  r->pos += len;
  if (len_out != NULL)
    *len_out = len;
  return out;
}

/* The same as text that went through g_utf8_make_valid (), as every string
 * the prober stores does. */
static inline char *
gw_fuzz_read_text (GwFuzzReader *r)
{
  g_autofree char *raw = gw_fuzz_read_bytes (r, NULL);

  return raw != NULL ? g_utf8_make_valid (raw, -1) : NULL;
}

/* The rest of the input. */
static inline const char *
gw_fuzz_read_rest (GwFuzzReader *r,
                   gsize        *len_out)
{
  const char *rest = (const char *) r->data + r->pos;

  *len_out = r->len - r->pos;
  r->pos = r->len;
  return rest;
}
