/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bytes of tests/data/NAME in a buffer of exactly *len bytes, not
 * NUL-terminated, so that AddressSanitizer sees any read past the end. */
char *gw_test_load_data (const char *name,
                         gsize      *len);

G_END_DECLS
