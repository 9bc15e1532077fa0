/* SPDX-License-Identifier: MIT */
/*
 * scan_common.c — tokens, brackets and string expressions for the source
 * scanners.
 */
#include "scan_common.h"

#include <stdlib.h>
#include <string.h>

#include "../carriers.h"
#include "../model/client.h"
#include "../rules/engine.h"
#include "../util/buf.h"
#include "../util/source.h"
#include "../util/scan.h"
#include "../util/xalloc.h"

static char
opener_of(char c)
{
	return c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : 0;
}

static void
match_brackets(struct tokens *ts)
{
	size_t *stack = xcalloc(ts->nr, sizeof(*stack));
	size_t depth = 0, i;

	ts->match = xcalloc(ts->nr, sizeof(*ts->match));
	for (i = 0; i < ts->nr; i++) {
		char c = ts->v[i].kind == TOK_PUNCT
			     ? ts->src->text[ts->v[i].begin]
			     : 0;

		if (c == '(' || c == '[' || c == '{')
			stack[depth++] = i;
		else if (opener_of(c) && depth &&
			 ts->src->text[ts->v[stack[depth - 1]].begin] ==
			     opener_of(c))
			ts->match[stack[--depth]] = i;
	}
	free(stack);
}

int
scan_worth_lexing(const struct check_ctx *ctx, const struct source *src,
		  const char *const *needles)
{
	if (ctx->no_prefilter)
		return 1;
	for (; *needles; needles++)
		if (scan_contains(src->text, src->len, *needles))
			return 1;
	return 0;
}

void
tokens_read(struct tokens *ts, const struct source *src, enum lex_lang lang)
{
	struct lexer lx;
	struct token t;

	memset(ts, 0, sizeof(*ts));
	ts->src = src;
	ts->lang = lang;
	lexer_init(&lx, src->text, src->len, lang);
	do {
		lex_next(&lx, &t);
		if (t.kind == TOK_COMMENT || t.kind == TOK_TEXT)
			continue;
		ALLOC_GROW(ts->v, ts->nr + 1, ts->alloc);
		ts->v[ts->nr++] = t;
	} while (t.kind != TOK_EOF);
	match_brackets(ts);
	ts->judged = xcalloc(ts->nr, 1);
}

void
tokens_release(struct tokens *ts)
{
	free(ts->v);
	free(ts->match);
	free(ts->judged);
	memset(ts, 0, sizeof(*ts));
}

int
tok_is(const struct tokens *ts, size_t i, const char *word)
{
	size_t n = strlen(word);

	return i < ts->nr && ts->v[i].end - ts->v[i].begin == n &&
	       !memcmp(ts->src->text + ts->v[i].begin, word, n);
}

int
tok_same(const struct tokens *ts, size_t a, size_t b)
{
	size_t n = ts->v[a].end - ts->v[a].begin;

	return n == ts->v[b].end - ts->v[b].begin &&
	       !memcmp(ts->src->text + ts->v[a].begin,
		       ts->src->text + ts->v[b].begin, n);
}

char *
tok_literal(const struct tokens *ts, size_t i)
{
	const struct token *t = &ts->v[i];
	size_t len;
	char *v;

	if (t->kind != TOK_STRING ||
	    (t->flags & (TOKF_INTERPOLATED | TOKF_UNTERMINATED)))
		return NULL;
	v = lex_string_value(ts->src->text, t, ts->lang, &len);
	if (strlen(v) != len) { /* a NUL escape: not a name we know */
		free(v);
		return NULL;
	}
	return v;
}

struct client_param *
tok_add_param(struct client_fact *f, const struct tokens *ts, size_t v,
	      const char *key, const char *value)
{
	const struct token *t = &ts->v[v];
	size_t b = t->begin, e = t->end;
	struct client_param *p;

	if (t->kind == TOK_STRING)
		lex_string_body(ts->src->text, t, ts->lang, &b, &e);
	p = client_fact_add(f, key, value, b, e);
	p->exact = t->kind != TOK_STRING ||
		   (!(t->flags & (TOKF_ESCAPES | TOKF_INTERPOLATED |
				  TOKF_TEXT_BLOCK | TOKF_UNTERMINATED)) &&
		    value && e - b == strlen(value));
	return p;
}

size_t
tok_value_of(const struct tokens *ts, size_t i, const char *name)
{
	if (ts->v[i].kind != TOK_IDENT || !tok_is(ts, i, name) ||
	    i + 2 >= ts->nr)
		return 0;
	if (!tok_is(ts, i + 1, ":") && !tok_is(ts, i + 1, "="))
		return 0;
	if (tok_is(ts, i + 1, "=") && tok_is(ts, i + 2, "="))
		return 0; /* a comparison, not an assignment */
	return i + 2;
}

size_t
tok_object_prop(const struct tokens *ts, size_t open, const char *name)
{
	size_t k, close = ts->match[open];

	for (k = open + 1; k + 2 < close; k++) {
		char *key;
		int hit;

		if (ts->match[k]) { /* a nested object, call or array */
			k = ts->match[k];
			continue;
		}
		if (!tok_is(ts, k + 1, ":"))
			continue;
		if (ts->v[k].kind == TOK_IDENT)
			hit = tok_is(ts, k, name);
		else if ((key = tok_literal(ts, k))) {
			hit = !strcmp(key, name);
			free(key);
		} else
			continue;
		if (hit)
			return k + 2;
	}
	return 0;
}

/* The end (exclusive) of the operand starting at token i: names joined
 * by "." with their calls and indexes, as in os.Getenv("X"). */
static size_t
operand_end(const struct tokens *ts, size_t i)
{
	while (i < ts->nr && ts->v[i].kind != TOK_EOF) {
		if (ts->match[i])
			i = ts->match[i] + 1;
		else if (ts->v[i].kind == TOK_IDENT ||
			 ts->v[i].kind == TOK_NUMBER || tok_is(ts, i, "."))
			i++;
		else
			break;
		if (i < ts->nr && ts->v[i].kind == TOK_IDENT &&
		    ts->v[i - 1].kind == TOK_IDENT)
			break; /* two names in a row: a new statement */
	}
	return i;
}

/*
 * Where each of the n value bytes v of one part of a string expression is
 * written, into off: a literal's bytes are found in order in its body
 * (escapes and a text block's indentation are only ever left out), or,
 * when they cannot be, all at its start; an unknown operand's "${}" at
 * unknown_at.
 */
static void
map_part(const struct tokens *ts, const struct token *lit, size_t unknown_at,
	 const char *v, size_t n, size_t *off)
{
	const char *text = ts->src->text;
	size_t begin, end, j, k;

	if (!lit) {
		for (k = 0; k < n; k++)
			off[k] = unknown_at;
		return;
	}
	lex_string_body(text, lit, ts->lang, &begin, &end);
	for (j = begin, k = 0; k < n; k++, j++) {
		while (j < end && text[j] != v[k])
			j++;
		if (j >= end)
			break;
		off[k] = j;
	}
	for (k = k < n ? 0 : n; k < n; k++)
		off[k] = begin; /* not a subsequence: the start */
}

/* One operand of a string expression: a literal, or what is unknown. */
struct part {
	const struct token *lit; /* NULL: not a literal */
	size_t unknown_at;       /* where the operand starts */
	size_t at;               /* its first byte in the joined value */
};

void
scan_judge_string_at(struct check_ctx *ctx, struct tokens *ts, size_t i,
		     const struct client_fact *context)
{
	const struct token *first = &ts->v[i], *last = first;
	struct buf b = BUF_INIT;
	struct text_map map;
	struct part *parts = NULL;
	size_t len, nparts = 0, alloc = 0, k, *offsets = NULL;
	char *v;

	for (;;) {
		struct part p = {NULL, ts->v[i].begin, b.len};

		if (ts->v[i].kind == TOK_STRING) {
			p.lit = last = &ts->v[i];
			v = lex_string_value(ts->src->text, last, ts->lang,
					     &len);
			buf_add(&b, v, len);
			free(v);
			ts->judged[i] = 1;
			i++;
		} else {
			size_t e = operand_end(ts, i);

			if (e == i)
				break;
			buf_adds(&b, "${}"); /* not a literal: unknown */
			i = e;
		}
		ALLOC_GROW(parts, nparts + 1, alloc);
		parts[nparts++] = p;
		if (ts->v[i].kind == TOK_STRING &&
		    ts->v[i - 1].kind == TOK_STRING)
			continue; /* "a" "b": adjacent literals join */
		if (!tok_is(ts, i, "+") || i + 1 >= ts->nr)
			break;
		i++;
	}
	memset(&map, 0, sizeof(map));
	map.src = ts->src;
	lex_string_body(ts->src->text, first, ts->lang, &map.base, &len);
	lex_string_body(ts->src->text, last, ts->lang, &len, &map.end);
	map.verbatim = nparts == 1 && !(first->flags & TOKF_ESCAPES) &&
		       map.end - map.base == b.len;
	/* Escapes and joins shift bytes: then each byte is found through
	 * offsets, and fixes are not offered. */
	if (!map.verbatim) {
		offsets = xmalloc((b.len + 1) * sizeof(*offsets));
		for (k = 0; k < nparts; k++)
			map_part(ts, parts[k].lit, parts[k].unknown_at,
				 b.ptr + parts[k].at,
				 (k + 1 < nparts ? parts[k + 1].at : b.len) -
				     parts[k].at,
				 offsets + parts[k].at);
		offsets[b.len] = map.end;
		map.offsets = offsets;
	}
	if (strlen(b.ptr) == b.len)
		carriers_judge_string(ctx, b.ptr, b.len, &map, context,
				      "connection string");
	free(offsets);
	free(parts);
	buf_release(&b);
}

void
scan_report_no_verify(struct check_ctx *ctx, const struct tokens *ts,
		      size_t first, size_t last, int driver, const char *what,
		      const char *fix)
{
	check_fix(engine_client_override(
		      ctx, ts->src, ts->v[first].begin, ts->v[last].end,
		      "certificate verification is switched off: %s (%s)", what,
		      driver_names[driver]),
		  ts->src, ts->v[last].begin, ts->v[last].end, fix);
}

void
scan_report_weak_floor(struct check_ctx *ctx, const struct tokens *ts,
		       size_t first, size_t last, const char *what,
		       const char *fix)
{
	check_fix(engine_emit(ctx, "PGT306", ts->src, ts->v[first].begin,
			      ts->v[last].end, "%s", what),
		  ts->src, ts->v[last].begin, ts->v[last].end, fix);
}

void
scan_judge_strings_in(struct check_ctx *ctx, struct tokens *ts,
		      const struct client_fact *context)
{
	size_t i;

	for (i = 0; i < ts->nr; i++)
		if (ts->v[i].kind == TOK_STRING && !ts->judged[i])
			scan_judge_string_at(ctx, ts, i, context);
}

void
scan_judge_strings(struct check_ctx *ctx, struct tokens *ts, int driver)
{
	struct client_fact context; /* no parameters: only the driver */

	client_fact_init(&context,
			 driver >= 0 ? (enum driver)driver : DRIVER_LIBPQ,
			 ts->src, 0, 0, "environment");
	context.driver_guessed = driver < 0;
	scan_judge_strings_in(ctx, ts, &context);
	client_fact_release(&context);
}
