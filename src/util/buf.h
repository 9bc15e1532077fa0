/* SPDX-License-Identifier: MIT */
/*
 * buf.h — a growable, NUL-terminated byte buffer (git strbuf, curl dynbuf).
 *
 * A buf owns its memory; buf_release frees it, buf_detach hands it to the
 * caller. buf_init leaves ptr pointing at a static empty string, so a
 * buf is always a valid C string.
 */
#ifndef PGT_BUF_H
#define PGT_BUF_H

#include <stddef.h>
#include "compat.h"

struct buf {
	char *ptr; /* owned unless alloc == 0 (then the static "") */
	size_t len;
	size_t alloc;
};

#define BUF_INIT {buf_empty, 0, 0}
extern char buf_empty[];

void buf_init(struct buf *b);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
/* Returns the string (caller frees) and leaves b empty. */
char *buf_detach(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) PGT_PRINTF(2, 3);

/* Bytes of a value that a message quotes at most (buf_add_cut). */
#define QUOTE_MAX 40

/* Appends s[0..n), cut after max bytes (not inside a UTF-8 sequence)
 * with "..." after it: a value as a message quotes it. */
void buf_add_cut(struct buf *b, const char *s, size_t n, size_t max);

/* A malloc'd copy of the C string s, cut as buf_add_cut does. */
char *str_cut(const char *s, size_t max);

/* Cuts each "..." part of the malloc'd message *msg after max bytes (a
 * message that quotes values, as PostgreSQL's do, in double quotes). */
void str_cut_quoted(char **msg, size_t max);

#endif
