/* SPDX-License-Identifier: MIT */
/*
 * facts.h — what the detectors find in a client's code or configuration,
 * for the rules to judge (DESIGN.md "Facts and values"): the scanners and
 * carrier readers fill a list of facts and never raise a finding; only
 * src/rules/ turns facts into findings, so a rule code is written there
 * and nowhere else.
 *
 * A fact is a connection (a client_fact, judged by its driver's table),
 * or a setting beside connections: certificate checks switched off, a
 * TLS floor below 1.2, a password written as a literal, a connection
 * string its driver rejects, TLS switched off in code.
 */
#ifndef PGT_FACTS_H
#define PGT_FACTS_H

#include <stddef.h>

#include "../util/compat.h"
#include "../util/source.h"
#include "client.h"

enum fact_kind {
	FACT_CONNECTION, /* conn: one client connection */
	FACT_NO_VERIFY,  /* certificate checks switched off */
	FACT_WEAK_FLOOR, /* a TLS floor below 1.2 */
	FACT_PASSWORD,   /* a password written as a literal */
	FACT_INVALID,    /* a connection string the driver rejects */
	FACT_TLS_OFF     /* TLS switched off in code */
};

struct fact {
	enum fact_kind kind;
	const struct source *src; /* borrowed */
	size_t begin, end;        /* what the finding points at */
	char *what;               /* owned; the setting as the message says
				     it (a password: where it is written) */
	int driver;               /* enum driver; -1: process-wide or none */
	struct client_fact *conn; /* owned; FACT_CONNECTION */
	int has_fix;              /* replace [fix_begin, fix_end) by fix */
	size_t fix_begin, fix_end;
	char *fix;                /* owned */
};

struct facts {
	struct fact *v; /* owned */
	size_t nr, alloc;
};

/* What a detector needs besides its source: where facts go, the libpq
 * version whose keywords apply, and whether to skip the prefilter. */
struct fact_ctx {
	struct facts *out;
	int pg_version;
	int no_prefilter;
};

/*
 * Adds a fact of kind at src[begin..end) whose setting is described by
 * what (printf-style, copied). Returns it, valid until the next add.
 */
struct fact *facts_add(struct facts *fs, enum fact_kind kind,
		       const struct source *src, size_t begin, size_t end,
		       int driver, const char *fmt, ...) PGT_PRINTF(7, 8);

/* Adds connection f, whose content it takes (f is left empty). */
void facts_add_connection(struct facts *fs, struct client_fact *f);

/* The fix of fact f: replace src[begin..end) by text (copied). */
void fact_set_fix(struct fact *f, size_t begin, size_t end, const char *text);

void facts_release(struct facts *fs);

/*
 * The prefilter: whether src's bytes hold one of needles (NULL-ended).
 * Every fact a detector can find needs one of its words (a connection
 * string names "postgres" or a keyword such as "host=" or "sslmode"; a
 * driver is imported by name), so files holding none are never lexed or
 * parsed -- unless fx->no_prefilter: the test that proves the prefilter
 * loses nothing. A needle that ends in '=' is a keyword: blanks may
 * stand before its '=', as libpq allows ("host = db"), and it does not
 * count right after a '(' or ',' (a keyword argument: facts.c). One pass
 * over the bytes for all needles.
 */
int facts_worth_reading(const struct fact_ctx *fx, const struct source *src,
			const char *const *needles);

#endif
