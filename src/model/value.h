/* SPDX-License-Identifier: MIT */
/*
 * value.h — a value as the program will build it, each part with its
 * provenance (DESIGN.md "Facts and values"): written here (literal), a
 * literal reached through a name bound once (constant), a placeholder's
 * literal default, or a part we cannot see (placeholder, environment,
 * anything else built at run time).
 *
 * The text holds every part we can see as its bytes and each part we
 * cannot as one VALUE_UNKNOWN byte, so the one parser of each format
 * (parsers/conninfo.c, parsers/jdbc.c) reads a template as it reads a
 * string, knowing where the holes are: a hole is unknown, never invalid
 * (RULES.md decision 11).
 *
 * Segments say where each part's bytes are written and what they are;
 * bytes no segment covers are literal and located by the fallback mapper
 * (a long "+" chain records no segment per literal: scanners/scan_common.c).
 */
#ifndef PGT_VALUE_H
#define PGT_VALUE_H

#include <stddef.h>

#include "../util/buf.h"

/* Stands for a part we cannot see. A literal holding this byte (only an
 * escape can write it) is read as unknown there too. */
#define VALUE_UNKNOWN '\x1a'

enum value_origin {
	ORIGIN_LITERAL,  /* written where it is used */
	ORIGIN_CONSTANT, /* a literal reached through a name bound once */
	ORIGIN_DEFAULT,  /* a placeholder's literal default (${X:-v}) */
	ORIGIN_UNKNOWN   /* a placeholder, the environment, run time */
};

/*
 * A part: its bytes in the text, and where they are written -- offset
 * from (for a linear part, byte at + k at from + k) in coordinates the
 * value's locate callback turns into a source offset: a scanner's token
 * ref and an offset in its value, or an offset in a carrier's value. With
 * no callback, from is a source offset.
 */
struct value_seg {
	size_t at, len;
	size_t ref, from;
	enum value_origin origin;
	int linear;
};

struct value {
	struct buf text;
	struct value_seg *v; /* owned; in text order */
	size_t nr, alloc;
	size_t (*locate)(void *arg, size_t ref, size_t off);
	void *locate_arg; /* borrowed */
	/* Where a byte outside every part is written (a long "+" chain
	 * records no part per literal: scanners/scan_common.c). */
	size_t (*fallback)(void *arg, size_t k);
	void *fallback_arg; /* borrowed */
};

void value_init(struct value *v);
void value_release(struct value *v);

/* Appends n bytes written at ref/from on (linear: byte by byte; else all
 * at from), with origin o. */
void value_add(struct value *v, const char *bytes, size_t n, size_t ref,
	       size_t from, int linear, enum value_origin o);

/* Appends a part we cannot see, written at ref/from (one VALUE_UNKNOWN
 * byte; two holes in a row stay one). */
void value_add_unknown(struct value *v, size_t ref, size_t from);

/* text_map's mapper: the source offset of byte k of value arg. */
size_t value_offset(void *arg, size_t k);

/* What bytes [b, e) of the text are: unknown when any is, else a default
 * or constant when any is, else literal. */
enum value_origin value_origin_of(const struct value *v, size_t b, size_t e);

/* Whether s[0..n) holds a part we cannot see. */
int value_has_unknown(const char *s, size_t n);

#endif
