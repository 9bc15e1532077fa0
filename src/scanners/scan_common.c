/* SPDX-License-Identifier: MIT */
/*
 * scan_common.c — tokens, brackets and string expressions for the source
 * scanners.
 */
#include "scan_common.h"

#include <stdlib.h>
#include <string.h>

#include "../model/conn_string.h"
#include "../model/client.h"
#include "../util/buf.h"
#include "../util/source.h"
#include "../util/scan.h"
#include "../util/xalloc.h"

int
tok_is(const struct tokens *ts, size_t i, const char *word)
{
	size_t n = strlen(word);

	return i < ts->nr && tok_end(ts, i) - tok_begin(ts, i) == n &&
	       !memcmp(ts->src->text + tok_begin(ts, i), word, n);
}

int
tok_same(const struct tokens *ts, size_t a, size_t b)
{
	size_t n = tok_end(ts, a) - tok_begin(ts, a);

	return n == tok_end(ts, b) - tok_begin(ts, b) &&
	       !memcmp(ts->src->text + tok_begin(ts, a),
		       ts->src->text + tok_begin(ts, b), n);
}

char *
tok_literal(const struct tokens *ts, size_t i)
{
	struct token t = tok_get(ts, i);
	size_t len;
	char *v;

	if (t.kind != TOK_STRING ||
	    (t.flags & (TOKF_INTERPOLATED | TOKF_UNTERMINATED)))
		return NULL;
	v = lex_string_value(ts->src->text, &t, ts->lang, &len);
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
	struct token t = tok_get(ts, v);
	size_t b = t.begin, e = t.end;
	struct client_param *p;

	if (t.kind == TOK_STRING)
		lex_string_body(ts->src->text, &t, ts->lang, &b, &e);
	p = client_fact_add(f, key, value, b, e);
	p->exact = t.kind != TOK_STRING ||
		   (!(t.flags & (TOKF_ESCAPES | TOKF_INTERPOLATED |
				 TOKF_TEXT_BLOCK | TOKF_UNTERMINATED)) &&
		    value && e - b == strlen(value));
	return p;
}

size_t
tok_value_of(const struct tokens *ts, size_t i, const char *name)
{
	if (tok_kind(ts, i) != TOK_IDENT || !tok_is(ts, i, name) ||
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
	size_t k, close = tok_match(ts, open);

	for (k = open + 1; k + 2 < close; k++) {
		char *key;
		int hit;

		if (tok_match(ts, k)) { /* a nested object, call or array */
			k = tok_match(ts, k);
			continue;
		}
		if (!tok_is(ts, k + 1, ":"))
			continue;
		if (tok_kind(ts, k) == TOK_IDENT)
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
	while (i < ts->nr && tok_kind(ts, i) != TOK_EOF) {
		if (tok_match(ts, i))
			i = tok_match(ts, i) + 1;
		else if (tok_kind(ts, i) == TOK_IDENT ||
			 tok_kind(ts, i) == TOK_NUMBER || tok_is(ts, i, "."))
			i++;
		else
			break;
		if (i < ts->nr && tok_kind(ts, i) == TOK_IDENT &&
		    tok_kind(ts, i - 1) == TOK_IDENT)
			break; /* two names in a row: a new statement */
	}
	return i;
}

/*
 * A string expression is its parts: each literal, with the literals next
 * to it (side by side, or across "+"), and each other operand, which is
 * an unknown part "${}". part_next gives the first token of the part
 * after the one at token i, or NO_PART when the expression ends there.
 */
#define NO_PART ((size_t)-1)

static size_t
part_next(const struct tokens *ts, size_t i)
{
	i = tok_kind(ts, i) == TOK_STRING ? i + 1 : operand_end(ts, i);
	if (i < ts->nr && tok_kind(ts, i) == TOK_STRING &&
	    tok_kind(ts, i - 1) == TOK_STRING)
		return i; /* "a" "b", or "a" + "b" (tokens.h) */
	if (!tok_is(ts, i, "+") || i + 1 >= ts->nr)
		return NO_PART;
	return operand_end(ts, i + 1) > i + 1 ||
			   tok_kind(ts, i + 1) == TOK_STRING
		   ? i + 1
		   : NO_PART;
}

/* The bytes part i adds to the value (malloc'd), and their number. */
static char *
part_value(const struct tokens *ts, size_t i, size_t *len)
{
	struct token t;

	if (tok_kind(ts, i) != TOK_STRING) {
		*len = 3;
		return xstrdup("${}"); /* not a literal: unknown */
	}
	t = tok_get(ts, i);
	return lex_string_value(ts->src->text, &t, ts->lang, len);
}

/* The source offset of byte k of literal part i whose value is v (n
 * bytes): in order in its body (escapes and a text block's indentation
 * are only left out); SCAN_NOT_EXACT when the bytes are not found so. */
static size_t
literal_offset(const struct tokens *ts, size_t i, const char *v, size_t n,
	       size_t k)
{
	const char *text = ts->src->text;
	struct token t = tok_get(ts, i);
	size_t begin, end, j, q;

	lex_string_body(text, &t, ts->lang, &begin, &end);
	for (j = begin, q = 0; q < n; q++, j++) {
		while (j < end && text[j] != v[q])
			j++;
		if (j >= end)
			return SCAN_NOT_EXACT;
		if (q == k)
			return j;
	}
	return SCAN_NOT_EXACT;
}

size_t
scan_join_locate(struct scan_join *j, size_t k, size_t *tok)
{
	struct scan_join_at p;
	size_t lo = 0, hi = j->nsamples, len, off;
	char *v;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (j->samples[mid].at <= k)
			lo = mid;
		else
			hi = mid;
	}
	p = j->samples[lo];
	if (j->cursor.at <= k && j->cursor.at > p.at)
		p = j->cursor; /* spans are mostly asked for in order */
	for (;;) {
		v = part_value(j->ts, p.tok, &len);
		if (k < p.at + len || part_next(j->ts, p.tok) == NO_PART)
			break;
		free(v);
		p.at += len;
		p.tok = part_next(j->ts, p.tok);
	}
	j->cursor = p;
	*tok = p.tok;
	off = tok_kind(j->ts, p.tok) == TOK_STRING && k < p.at + len
		  ? literal_offset(j->ts, p.tok, v, len, k - p.at)
		  : SCAN_NOT_EXACT;
	free(v);
	return off;
}

/* text_map's mapper for a joined value: a byte's place, or where its
 * part starts when it has none of its own. */
static size_t
join_offset(void *arg, size_t k)
{
	struct scan_join *j = arg;
	size_t tok, off, b, e;
	struct token t;

	if (k >= j->len)
		return j->end;
	off = scan_join_locate(j, k, &tok);
	if (off != SCAN_NOT_EXACT)
		return off;
	if (tok_kind(j->ts, tok) != TOK_STRING)
		return tok_begin(j->ts, tok);
	t = tok_get(j->ts, tok);
	lex_string_body(j->ts->src->text, &t, j->ts->lang, &b, &e);
	return b;
}

size_t
scan_join(struct tokens *ts, size_t i, struct buf *value, struct scan_join *j)
{
	size_t nparts = 0, len, b;
	struct token last;
	char *v;

	memset(j, 0, sizeof(*j));
	j->ts = ts;
	for (; i != NO_PART; i = part_next(ts, i), nparts++) {
		if (nparts % JOIN_SAMPLE == 0) {
			ALLOC_GROW(j->samples, j->nsamples + 1, j->alloc);
			j->samples[j->nsamples].at = value->len;
			j->samples[j->nsamples++].tok = i;
		}
		if (tok_kind(ts, i) == TOK_STRING) {
			j->last = i;
			tok_judge(ts, i);
		}
		v = part_value(ts, i, &len);
		buf_add(value, v, len);
		free(v);
	}
	j->len = value->len;
	j->cursor = j->samples[0];
	last = tok_get(ts, j->last);
	lex_string_body(ts->src->text, &last, ts->lang, &b, &j->end);
	return nparts;
}

void
scan_join_release(struct scan_join *j)
{
	free(j->samples);
	memset(j, 0, sizeof(*j));
}

void
scan_judge_string_at(struct fact_ctx *fx, struct tokens *ts, size_t i,
		     const struct client_fact *context)
{
	struct token first = tok_get(ts, i);
	struct buf b = BUF_INIT;
	struct text_map map;
	struct scan_join j;
	size_t len, nparts = scan_join(ts, i, &b, &j);

	memset(&map, 0, sizeof(map));
	map.src = ts->src;
	lex_string_body(ts->src->text, &first, ts->lang, &map.base, &len);
	map.end = j.end;
	map.verbatim = nparts == 1 && !(first.flags & TOKF_ESCAPES) &&
		       map.end - map.base == b.len;
	/* Escapes and joins shift bytes: then each byte is found through
	 * the parts, and fixes are not offered. */
	if (!map.verbatim) {
		map.map = join_offset;
		map.map_arg = &j;
	}
	if (strlen(b.ptr) == b.len)
		conn_string_judge(fx, b.ptr, b.len, &map, context,
				  "connection string");
	scan_join_release(&j);
	buf_release(&b);
}

void
scan_report_no_verify(struct fact_ctx *fx, const struct tokens *ts,
		      size_t first, size_t last, int driver, const char *what,
		      const char *fix)
{
	fact_set_fix(facts_add(fx->out, FACT_NO_VERIFY, ts->src,
			       tok_begin(ts, first), tok_end(ts, last), driver,
			       "%s", what),
		     tok_begin(ts, last), tok_end(ts, last), fix);
}

void
scan_report_weak_floor(struct fact_ctx *fx, const struct tokens *ts,
		       size_t first, size_t last, const char *what,
		       const char *fix)
{
	fact_set_fix(facts_add(fx->out, FACT_WEAK_FLOOR, ts->src,
			       tok_begin(ts, first), tok_end(ts, last), -1, "%s",
			       what),
		     tok_begin(ts, last), tok_end(ts, last), fix);
}

void
scan_judge_strings_in(struct fact_ctx *fx, struct tokens *ts,
		      const struct client_fact *context)
{
	size_t i;

	for (i = 0; i < ts->nr; i++)
		if (tok_kind(ts, i) == TOK_STRING && !tok_judged(ts, i))
			scan_judge_string_at(fx, ts, i, context);
}

void
scan_judge_strings(struct fact_ctx *fx, struct tokens *ts, int driver)
{
	struct client_fact context; /* no parameters: only the driver */

	client_fact_init(&context,
			 driver >= 0 ? (enum driver)driver : DRIVER_LIBPQ,
			 ts->src, 0, 0, "environment");
	context.driver_guessed = driver < 0;
	scan_judge_strings_in(fx, ts, &context);
	client_fact_release(&context);
}
