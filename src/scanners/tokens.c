/* SPDX-License-Identifier: MIT */
/* tokens.c — a file's tokens, 8 bytes each, brackets matched. */
#include "tokens.h"

#include <stdlib.h>
#include <string.h>

#include "../util/sort.h"
#include "../util/xalloc.h"

_Static_assert((TOKF_TEXT_BLOCK << 1) <= TOKF_JUDGED,
	       "the lexer's flags must leave bit 7 free");
_Static_assert(TOK_TEXT <= TOKK_KIND, "a kind fits in TOKK_KIND");

uint32_t
tok_far_value(const struct tok_far *t, size_t n, size_t tok)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t[mid].tok < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && t[lo].tok == tok ? t[lo].value : 0;
}

static void
add_far(struct tok_far **v, size_t *n, size_t *alloc, size_t tok,
	size_t value)
{
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[*n].tok = (uint32_t)tok;
	(*v)[*n].value = (uint32_t)value;
	(*n)++;
}

static char
opener_of(char c)
{
	return c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : 0;
}

static int
cmp_far(const void *a, const void *b)
{
	const struct tok_far *x = a, *y = b;

	return (x->tok > y->tok) - (x->tok < y->tok);
}

/* Each opener's distance to its closer; a closer that does not match the
 * innermost open bracket matches nothing (unbalanced text stays so). */
static void
match_brackets(struct tokens *ts)
{
	uint32_t *stack = NULL;
	size_t depth = 0, alloc = 0, i;

	for (i = 0; i < ts->nr; i++) {
		char c = ts->v[i].kind == TOK_PUNCT
			     ? ts->src->text[ts->v[i].begin]
			     : 0;

		if (ts->v[i].kind & TOKK_OPENER) {
			ts->v[i].len = 0;
			ALLOC_GROW(stack, depth + 1, alloc);
			stack[depth++] = (uint32_t)i;
		} else if (opener_of(c) && depth &&
			   ts->src->text[ts->v[stack[depth - 1]].begin] ==
			       opener_of(c)) {
			size_t open = stack[--depth];

			if (i - open < TOK_FAR)
				ts->v[open].len = (uint16_t)(i - open);
			else {
				ts->v[open].len = TOK_FAR;
				add_far(&ts->matches, &ts->nmatches,
					&ts->matches_alloc, open, i);
			}
		}
	}
	free(stack);
	sort_array(ts->matches, ts->nmatches, sizeof(*ts->matches), cmp_far);
}

static inline void
keep(struct tokens *ts, const struct token *t)
{
	struct ctok *c;

	ALLOC_GROW(ts->v, ts->nr + 1, ts->alloc);
	c = &ts->v[ts->nr];
	c->begin = (uint32_t)t->begin;
	c->kind = (uint8_t)t->kind;
	c->flags = (uint8_t)t->flags;
	if (t->kind == TOK_PUNCT) {
		char ch = ts->src->text[t->begin];

		if (ch == '(' || ch == '[' || ch == '{')
			c->kind |= TOKK_OPENER;
	}
	if (t->end - t->begin < TOK_FAR)
		c->len = (uint16_t)(t->end - t->begin);
	else {
		c->len = TOK_FAR;
		add_far(&ts->ends, &ts->nends, &ts->ends_alloc, ts->nr, t->end);
	}
	ts->nr++;
}

static int
is_plus(const struct tokens *ts, const struct token *t)
{
	return t->kind == TOK_PUNCT && t->end == t->begin + 1 &&
	       ts->src->text[t->begin] == '+';
}

void
tokens_read(struct tokens *ts, const struct source *src, enum lex_lang lang,
	    unsigned flags)
{
	struct lexer lx;
	struct token t, plus;
	int pending = 0; /* a "+" after a string literal, not kept yet */

	memset(ts, 0, sizeof(*ts));
	ts->src = src;
	ts->lang = lang;
	/* about one token per six bytes of code: grown once or twice, not
	 * a dozen times; at most 8 MB reserved before a token needs it */
	ts->alloc = src->len / 6 + 16;
	if (ts->alloc > ((size_t)1 << 20))
		ts->alloc = (size_t)1 << 20;
	ts->v = xmalloc(ts->alloc * sizeof(*ts->v));
	lexer_init(&lx, src->text, src->len, lang);
	do {
		lex_next(&lx, &t);
		if ((t.kind == TOK_COMMENT || t.kind == TOK_TEXT) &&
		    !(flags & TOKENS_COMMENTS)) {
			ALLOC_GROW(ts->comments, ts->ncomments + 1,
				   ts->comments_alloc);
			ts->comments[ts->ncomments].begin = (uint32_t)t.begin;
			ts->comments[ts->ncomments++].end = (uint32_t)t.end;
			continue;
		}
		if (pending) {
			pending = 0;
			if (t.kind == TOK_STRING) {
				ts->v[ts->nr - 1].kind |= TOKK_PLUS_STRING;
				keep(ts, &t);
				continue;
			}
			keep(ts, &plus);
		}
		if (is_plus(ts, &t) && ts->nr &&
		    (ts->v[ts->nr - 1].kind & TOKK_KIND) == TOK_STRING) {
			plus = t;
			pending = 1;
			continue;
		}
		keep(ts, &t);
	} while (t.kind != TOK_EOF);
	match_brackets(ts);
}

void
tokens_release(struct tokens *ts)
{
	free(ts->v);
	free(ts->ends);
	free(ts->matches);
	free(ts->comments);
	memset(ts, 0, sizeof(*ts));
}

void
tokens_unjudge(struct tokens *ts)
{
	size_t i;

	for (i = 0; i < ts->nr; i++)
		ts->v[i].flags &= (uint8_t)~TOKF_JUDGED;
}
