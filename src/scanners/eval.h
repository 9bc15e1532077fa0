/* SPDX-License-Identifier: MIT */
/*
 * eval.h — what a source expression builds, as a string value whose parts
 * keep their provenance (model/value.h): literals and the literals joined
 * to them across "+", names bound once in the file (constants), format
 * calls with their arguments put in place (Go fmt.Sprintf, Python % and
 * .format, Java String.format and .formatted), template fields and
 * f-string fields, joins, StringBuilder appends, and environment reads
 * whose literal default the program may use. What cannot be known from
 * the file is a hole: unknown, never invalid (RULES.md decision 11).
 *
 * A name is a constant only when the file binds it exactly once (a second
 * binding, a compound assignment or a tuple assignment makes it unknown);
 * bindings are read from statements, not from call arguments, so keyword
 * arguments and annotations are no bindings. A Go composite literal's
 * Field: value stands for x.Field when the file sets that field once. Recursion
 * through names is cut (a = b; b = a: unknown), and a value keeps at most
 * EVAL_MAX_PARTS parts exactly (the rest maps to where it starts), so cost
 * stays linear in the file.
 */
#ifndef PGT_EVAL_H
#define PGT_EVAL_H

#include <stddef.h>

#include "../model/value.h"
#include "tokens.h"

#define EVAL_MAX_PARTS 65536
#define EVAL_MAX_DEPTH 16

struct eval_binding {
	char *key;   /* owned; "name" or "qualifier.name" */
	size_t name; /* the name's token at its binding */
	size_t expr; /* the bound expression's first token */
	unsigned count;
	int field;	 /* a Go composite literal's Field: value, read for
			    x.Field when nothing else binds it */
	int busy;	 /* being evaluated: a cycle reads it as unknown */
	int append;	 /* name += expr */
	int spring;	 /* a Java field bound by @Value("${x:default}"): its
			    expr is the annotation's string, read as Spring
			    reads a placeholder */
	size_t *appends; /* owned; the expressions of name += expr that
			    follow the binding in its block, in order */
	size_t nappends, appends_alloc;
};

struct eval {
	struct tokens *ts;	/* borrowed */
	struct eval_binding *v; /* owned; sorted by key */
	size_t nr, alloc;
	int depth;
	/* one decoded string token, for locating bytes */
	size_t cached_tok;
	char *cached; /* owned */
	size_t cached_len;
	size_t cut_tok; /* where a value stopped keeping parts */
};

/* Reads the bindings of ts's file. Release with eval_release. */
void eval_init(struct eval *ev, struct tokens *ts);
void eval_release(struct eval *ev);

/*
 * Evaluates the expression starting at token i into v (initialised by
 * the caller; its locate and fallback are set to find bytes through ev,
 * which must outlive it). Marks the string literals it reads judged.
 * Returns the token after the expression.
 */
size_t eval_expr(struct eval *ev, size_t i, struct value *v);

/* Whether the expression at token i builds no byte we can see (blanks
 * count as unseen when blanks_unseen: "%s %s" of run-time values). */
int eval_all_unknown(struct eval *ev, size_t i, int blanks_unseen);

/* The first token of the expression that string token i is a piece of
 * (walking back across "+"): a prefix is judged only as its whole
 * expression (RULES.md decision 13). */
size_t eval_expr_start(const struct eval *ev, size_t i);

/* The binding of the name at token i (qualified by a "." before it), when
 * the file binds it once; else NULL. */
const struct eval_binding *eval_lookup(const struct eval *ev, size_t i);

/* The end (exclusive) of the expression starting at token i: up to a
 * ',', ';', a closing bracket or a new statement. */
size_t eval_expr_end(const struct tokens *ts, size_t i);

#endif
