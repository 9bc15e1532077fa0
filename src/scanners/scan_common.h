/* SPDX-License-Identifier: MIT */
/*
 * scan_common.h — what the source scanners share: "key: value" lookups,
 * string expressions (literals joined across "+") as connection strings,
 * and the facts of settings beside them. Scanners return facts
 * (model/facts.h) and never raise a finding.
 */
#ifndef PGT_SCAN_COMMON_H
#define PGT_SCAN_COMMON_H

#include <stddef.h>

#include "../model/facts.h"
#include "../util/buf.h"
#include "lexer.h"
#include "tokens.h"

struct client_fact;


/* Token i is exactly word. */
int tok_is(const struct tokens *ts, size_t i, const char *word);

/* Tokens a and b are written the same. */
int tok_same(const struct tokens *ts, size_t a, size_t b);

/* The value of string token i when it is a plain literal (no ${...},
 * terminated, no NUL), malloc'd; else NULL. */
char *tok_literal(const struct tokens *ts, size_t i);

/*
 * Adds key = value to f, written at token v: a string literal's value is
 * where its body is (inside its quotes), and exact (a fix may replace it)
 * when the body holds the value's bytes as they are; any other token is
 * its whole span.
 */
struct client_param *tok_add_param(struct client_fact *f,
				   const struct tokens *ts, size_t v,
				   const char *key, const char *value);

/* The index of the token after "name :" or "name =" at token i (a
 * property, a field, an assignment), or 0. */
size_t tok_value_of(const struct tokens *ts, size_t i, const char *name);

/* The index of the value of key name directly inside the braces opening
 * at token open ({ name: value, ... }), or 0. */
size_t tok_object_prop(const struct tokens *ts, size_t open, const char *name);

/*
 * A string expression joined: the literals joined across "+" or side by
 * side, each other operand an unknown "${}" part. Where each byte of the
 * value comes from is found again from the tokens when asked (from the
 * nearest of the positions kept every JOIN_SAMPLE parts), so memory is
 * the value itself, however many parts it has.
 */
#define JOIN_SAMPLE 32
#define SCAN_NOT_EXACT ((size_t)-1)

struct scan_join {
	const struct tokens *ts; /* borrowed */
	struct scan_join_at {
		size_t at, tok; /* a part's first byte in the value, token */
	} *samples, cursor;     /* samples: owned */
	size_t nsamples, alloc;
	size_t len;  /* of the value */
	size_t last; /* the last literal's token */
	size_t end;  /* where its body ends */
};

/* Joins the expression whose first part is string token i into value,
 * marking its literals judged. Returns its number of parts. Release j. */
size_t scan_join(struct tokens *ts, size_t i, struct buf *value,
		 struct scan_join *j);

/* Where byte k (below its length) of j's value is written: its part's
 * token in *tok, and the source offset, or SCAN_NOT_EXACT when the byte
 * is not a literal's or its literal's bytes cannot be told apart. */
size_t scan_join_locate(struct scan_join *j, size_t k, size_t *tok);
void scan_join_release(struct scan_join *j);

/*
 * Judges the string expression starting at string token i: the literals
 * joined across "+" or side by side, each other operand an unknown ${}
 * part. Marks the
 * literals judged. context: the driver and defaults (see carriers.h).
 */
void scan_judge_string_at(struct fact_ctx *fx, struct tokens *ts, size_t i,
			  const struct client_fact *context);

/*
 * The fact of tokens first..last, a setting that switches certificate
 * checks off ("what accepts ..."), with a fix replacing token last by fix.
 */
void scan_report_no_verify(struct fact_ctx *fx, const struct tokens *ts,
			   size_t first, size_t last, int driver,
			   const char *what, const char *fix);

/* The fact of tokens first..last, a TLS floor below 1.2 (what: as the
 * message says it), with a fix replacing token last by fix. */
void scan_report_weak_floor(struct fact_ctx *fx, const struct tokens *ts,
			    size_t first, size_t last, const char *what,
			    const char *fix);

/* Judges every string expression not yet judged, as read by driver (the
 * file's import; -1: none, libpq's meaning). */
void scan_judge_strings(struct fact_ctx *fx, struct tokens *ts, int driver);

/* The same with a context of its own (a driver and defaults). */
void scan_judge_strings_in(struct fact_ctx *fx, struct tokens *ts,
			   const struct client_fact *context);

#endif
