/* SPDX-License-Identifier: MIT */
/*
 * term.h — text fit for a terminal: whatever a file or its name holds is
 * written so that it cannot move the cursor, change colours, forge a
 * line or reorder what is shown.
 *
 * Escaped, as git quotes paths: \n \r \t (unless tabs are kept), other
 * C0 controls and DEL in octal (\033, \177), bytes that are not valid
 * UTF-8 as \xNN, and the code points a terminal or a bidirectional
 * renderer would act on -- C1 controls U+0080-U+009F and the
 * bidirectional overrides U+202A-U+202E, U+2066-U+2069 -- as \uXXXX.
 */
#ifndef PGT_TERM_H
#define PGT_TERM_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

enum term_flags {
	TERM_KEEP_TABS = 1 << 0 /* a source line: tabs stay tabs */
};

/* Appends s[0..n), escaped, to out. */
void term_escape(struct buf *out, const char *s, size_t n, unsigned flags);

/* Writes s (a C string), escaped, to f. */
void term_puts(FILE *f, const char *s, unsigned flags);

/* Terminal columns of escaped text t[0..n): a column per code point, a
 * tab counted as one (callers echo tabs to keep alignment). */
size_t term_columns(const char *t, size_t n);

#endif
