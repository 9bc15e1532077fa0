/* SPDX-License-Identifier: MIT */
/*
 * conninfo.h — libpq connection strings: keyword/value and URI, parsed as
 * PQconninfoParse does (src/interfaces/libpq/fe-connect.c), and the option
 * checks libpq makes before any network I/O (pqConnectOptions2).
 *
 * One parser for every place a connection string is written: carriers,
 * source literals and primary_conninfo all come here.
 */
#ifndef PGT_CONNINFO_H
#define PGT_CONNINFO_H

#include <stddef.h>

struct conn_param {
	char *key;         /* owned; the keyword libpq stores (requiressl
			      becomes sslmode) */
	char *value;       /* owned; unquoted and percent-decoded */
	size_t key_begin, key_end;     /* offsets in the text parsed */
	size_t value_begin, value_end; /* the value as written */
	int remapped;      /* written as requiressl, or URI ssl=true */
	int forwarded;     /* not a libpq keyword (conninfo_parse_forwarding) */
};

/*
 * A hole: one byte standing for a part of a template we cannot see
 * (model/value.h). Parsing with holes, a value holding one is unknown
 * (kept, never checked), a keyword or query key holding one may be any
 * parameters (open), and no error is raised because of one.
 */
#define CONNINFO_HOLE '\x1a'

struct conninfo {
	int is_uri;
	int holes;            /* parsed with holes */
	int open;             /* a hole may set parameters of its own */
	int complete;         /* read to its end: an error there was an
				 unknown keyword, every other was read */
	struct conn_param *v; /* owned; in order, later duplicates win */
	size_t nr, alloc;
	char *error;          /* owned; why libpq rejects the string */
	size_t err_begin, err_end;
};

/* 1 when text starts with postgresql:// or postgres:// (uri_prefix_length). */
int conninfo_is_uri(const char *text, size_t len);

/*
 * Parses text for libpq of the given major version. Returns 0, or -1 with
 * ci->error set (the parameters read before the error are kept). Free with
 * conninfo_release.
 */
int conninfo_parse(const char *text, size_t len, int version,
		   struct conninfo *ci);
/*
 * The same, as read by drivers that send keys libpq does not know to the
 * server as startup parameters (pgx, lib/pq, asyncpg, postgres.js; and
 * pgxpool consumes its pool_* keys): such keys are kept, marked
 * forwarded, instead of failing. Whether the server accepts them depends
 * on its settings, which we cannot see (driver-semantics.md 9.1).
 */
int conninfo_parse_forwarding(const char *text, size_t len, int version,
			      struct conninfo *ci);

/* Either, reading CONNINFO_HOLE bytes as holes (forward: as
 * conninfo_parse_forwarding). An unknown keyword does not stop the
 * parse: the first error is kept and the keywords after it are read, so
 * a literal password later in the string is still seen. */
int conninfo_parse_holes(const char *text, size_t len, int version,
			 int forward, struct conninfo *ci);
void conninfo_release(struct conninfo *ci);

/* Whether cp's value holds a hole of a string parsed with holes. */
int conninfo_unknown(const struct conninfo *ci, const struct conn_param *cp);

/* The effective (last) value of key, or NULL. */
const struct conn_param *conninfo_get(const struct conninfo *ci,
				      const char *key);

/*
 * The checks pqConnectOptions2 makes on the parsed options before
 * connecting (invalid sslmode, gssencmode, channel_binding, protocol
 * versions and their range, host/hostaddr/port counts, and 16+/17+ mode
 * restrictions). Returns NULL, or a malloc'd message naming the problem,
 * with *param the offending parameter (may be NULL).
 */
char *conninfo_check(const struct conninfo *ci, int version,
		     const struct conn_param **param);

/* Whether key is a libpq keyword in version (requiressl counts). */
int conninfo_is_keyword(const char *key, int version);

/* The keyword an environment variable sets (PGSSLMODE -> sslmode), or
 * NULL. */
const char *conninfo_env_keyword(const char *var, int version);

#endif
