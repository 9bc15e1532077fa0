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
#include <string.h>

#include "../model/facts.h"
#include "../util/buf.h"
#include "lexer.h"
#include "tokens.h"

struct client_fact;


/* Token i is exactly word. Called for every token by every detector:
 * inline, and the first byte decides most calls before any strlen. */
static inline int
tok_is(const struct tokens *ts, size_t i, const char *word)
{
	size_t b, n;

	if (i >= ts->nr)
		return 0;
	b = tok_begin(ts, i);
	if (ts->src->text[b] != word[0])
		return 0;
	n = strlen(word);
	return tok_end(ts, i) - b == n && !memcmp(ts->src->text + b, word, n);
}

/* String token i's bytes, as written, hold word: a cheap test before
 * tok_literal decodes (and allocates) its value. */
int tok_holds(const struct tokens *ts, size_t i, const char *word);

/* Token i is the punctuation c. */
static inline int
tok_punct(const struct tokens *ts, size_t i, char c)
{
	return i < ts->nr && tok_kind(ts, i) == TOK_PUNCT &&
	       ts->src->text[tok_begin(ts, i)] == c;
}

/* The first token of argument n (from 0) of the call whose "(" is token
 * open, or 0. */
size_t tok_call_arg(const struct tokens *ts, size_t open, size_t n);

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
 * property, a field, an assignment), or 0. Asked of every token: inline,
 * as tok_is. */
static inline size_t
tok_value_of(const struct tokens *ts, size_t i, const char *name)
{
	if (tok_kind(ts, i) != TOK_IDENT || !tok_is(ts, i, name) ||
	    i + 2 >= ts->nr)
		return 0;
	if (!tok_punct(ts, i + 1, ':') && !tok_punct(ts, i + 1, '='))
		return 0;
	if (tok_punct(ts, i + 1, '=') && tok_punct(ts, i + 2, '='))
		return 0; /* a comparison, not an assignment */
	return i + 2;
}

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

/* The source offset of byte k of string token i whose value is v (n
 * bytes): in order in its body (escapes and a text block's indentation
 * are only left out; a hole, where its field opens); SCAN_NOT_EXACT when
 * the bytes are not found so. */
size_t tok_byte_offset(const struct tokens *ts, size_t i, const char *v,
		       size_t n, size_t k);

/* Joins the expression whose first part is string token i into value,
 * marking its literals judged. Returns its number of parts. Release j. */
size_t scan_join(struct tokens *ts, size_t i, struct buf *value,
		 struct scan_join *j);

/* Where byte k (below its length) of j's value is written: its part's
 * token in *tok, and the source offset, or SCAN_NOT_EXACT when the byte
 * is not a literal's or its literal's bytes cannot be told apart. */
size_t scan_join_locate(struct scan_join *j, size_t k, size_t *tok);
void scan_join_release(struct scan_join *j);

struct eval;

/*
 * Judges what the expression at token i builds (scanners/eval.h) as a
 * connection string: in a driver's connection position whatever it looks
 * like (RULES.md decision 12), elsewhere only when it looks like one.
 * context: the driver and defaults (see conn_string.h).
 */
void scan_judge_expr(struct fact_ctx *fx, struct eval *ev, size_t i,
		     const struct client_fact *context, int driver_position);

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

/*
 * A password passed at token i (an argument, a setter's value): the fact
 * of a literal password when the expression builds one we can see (a
 * literal, a constant, a default; never a placeholder or an environment
 * read: RULES.md decision 6). where: as the message names it.
 */
void scan_password_expr(struct fact_ctx *fx, struct eval *ev, size_t i,
			int driver, const char *where);

/* What the expression at token i says of its vendor: 1 a PostgreSQL JDBC
 * URL, -1 another vendor's (jdbc:mysql:, ...), 0 unknown. */
int scan_jdbc_vendor(struct eval *ev, size_t i);

/* Judges every string expression not yet judged (from its first piece:
 * eval_expr_start), as read by driver (the file's import; -1: none,
 * libpq's meaning). */
void scan_judge_strings(struct fact_ctx *fx, struct eval *ev, int driver);

/* The same with a context of its own (a driver and defaults). */
void scan_judge_strings_in(struct fact_ctx *fx, struct eval *ev,
			   const struct client_fact *context);

/*
 * A language read with another's lexer (PHP with JavaScript's, C# with
 * Java's) from a copy of its text made lexable (text: the copy's bytes,
 * src->len of them, freed here): scan_copy_open reads copy's tokens;
 * scan_copy_close releases them and the copy, and points the facts made
 * since entry from at src itself (the offsets are the same).
 */
void scan_copy_open(struct source *copy, struct tokens *ts,
		    const struct source *src, char *text, enum lex_lang lang);
void scan_copy_close(struct fact_ctx *fx, size_t from, const struct source *src,
		     struct source *copy, struct tokens *ts);

/* A scanner's tokens, done with: handed to *lexed (the caller's to
 * release), or released when lexed is NULL. */
void scan_hand_over(struct tokens *ts, struct tokens *lexed);

#endif
