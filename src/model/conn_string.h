/* SPDX-License-Identifier: MIT */
/*
 * conn_string.h — a connection string, wherever it is written (a carrier's
 * value, a source literal joined from pieces, primary_conninfo), as the
 * facts the rules judge: libpq keyword/value and URIs, JDBC URLs and
 * SQLAlchemy URLs, each parsed by its one parser, positions mapped back
 * to the source.
 */
#ifndef PGT_CONN_STRING_H
#define PGT_CONN_STRING_H

#include <stddef.h>
#include <stdint.h>

#include "../util/source.h"
#include "facts.h"

struct client_fact;

/*
 * Where the bytes of a value lie in its source: verbatim from base, a YAML
 * literal block (line by line), found by a mapper (a string joined from
 * pieces: scanners/scan_common.c), or only as a whole at [base, end).
 */
struct text_map {
	const struct source *src; /* borrowed */
	size_t base, end;
	int verbatim;
	int block;
	size_t line0, indent;
	/* The source offset of value byte k + shift (k up to the value's
	 * length), or NULL. */
	size_t (*map)(void *arg, size_t k);
	void *map_arg; /* borrowed */
	size_t shift;
};

/* The source offset of byte k of the value (k may equal its length). */
size_t text_map_offset(const struct text_map *m, const char *value, size_t k);

/* The end of the span of value bytes [b, e): exact, or the whole value. */
size_t text_map_end(const struct text_map *m, const char *value, size_t e);

/* The part of a value from off on (len bytes), as its own map. */
struct text_map text_map_sub(const struct text_map *m, const char *value,
			     size_t off, size_t len);

struct conninfo;
struct value;

/*
 * A connection string to read: its text (holes VALUE_UNKNOWN, value.h),
 * where its bytes are written, and what it is to the program.
 */
struct conn_string {
	const char *text;
	size_t len;
	struct text_map map;
	const struct value *value;     /* its parts' provenance; NULL: all
					  literal */
	const struct client_fact *env; /* the driver and defaults for unset
					  keys (PG* variables); or NULL */
	const char *what;	       /* "connection string" */
	int driver_position;	       /* in a driver's connection position:
					  a connection string whatever it
					  looks like (decision 12) */
};

/* A connection string at text[0..len) written as map says, with no
 * context yet (env NULL, not in a driver's position). */
struct conn_string conn_string_plain(const char *text, size_t len,
				     const struct text_map *map,
				     const char *what);

/*
 * Parses cs (a URI, a JDBC URL, a SQLAlchemy URL or a keyword/value
 * string) and builds its client fact, positions through cs->map. Returns
 * 1 and fills f and ci; -1 when its driver rejects it (ci->error set; f
 * holds what was read, for the findings beside the error); 0 when it is
 * not a connection string. The caller releases f and ci unless 0.
 */
int conn_string_fact(const struct conn_string *cs, int version,
		     struct client_fact *f, struct conninfo *ci);

/* Why f's driver refuses to connect with the parameters it passes, or
 * NULL (the caller frees it); [*b, *e): the source span to blame. */
char *conn_refusal(const struct client_fact *f, int version, size_t *b,
		   size_t *e);

/* The facts of a connection given only as a driver's arguments (no
 * string): the connection, or its driver's refusal and then its literal
 * password still. */
void conn_args_judge(struct fact_ctx *fx, struct client_fact *f);

/* Only the literal password of f: a connection never made (settings
 * replaced before use) still writes its secret. */
void conn_args_password(struct fact_ctx *fx, const struct client_fact *f);

/*
 * The facts of cs into fx: the connection; the string itself when its
 * driver rejects it (and then its literal password still). Returns 1 when
 * it was a connection string.
 */
int conn_string_judge(struct fact_ctx *fx, const struct conn_string *cs);

#endif
