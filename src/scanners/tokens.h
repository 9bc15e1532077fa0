/* SPDX-License-Identifier: MIT */
/*
 * tokens.h — a file's tokens as the scanners keep them: 8 bytes each,
 * with its brackets matched, so that memory stays a small multiple of the
 * file even where every token is two bytes long (a long "+" chain, a
 * minified bundle).
 *
 * A token keeps its start and length; an opening bracket keeps, in place
 * of its length (always 1), how many tokens on its closer is. What does
 * not fit in 16 bits -- a token of 64 KiB or more, a bracket whose closer
 * is that far -- goes to a table on the side, looked up by binary search.
 * Read them through the functions below, never the fields.
 */
#ifndef PGT_TOKENS_H
#define PGT_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "../util/source.h"
#include "lexer.h"

/* A token a detector has accounted for: a flag the lexer leaves free
 * (enum tok_flags uses the bits below it). */
#define TOKF_JUDGED (1u << 7)

/* Beside the kind (enum tok_kind needs 3 bits): an opening bracket, and a
 * string literal followed by "+" and another literal, whose "+" is not
 * kept -- the one place where a long chain of tiny tokens is written. */
#define TOKK_KIND 0x0Fu
#define TOKK_OPENER (1u << 7)
#define TOKK_PLUS_STRING (1u << 6)

/* The 16-bit length that says "look in the side table". */
#define TOK_FAR 0xFFFF

struct ctok {
	uint32_t begin; /* files are at most SOURCE_MAX_BYTES (1 GiB) */
	uint16_t len;   /* bytes; an opener: tokens to its closer (0: none) */
	uint8_t kind;   /* enum tok_kind | TOKK_OPENER | TOKK_PLUS_STRING */
	uint8_t flags;  /* enum tok_flags | TOKF_JUDGED */
};

/* What a 16-bit field could not hold: token tok's end, or its closer. */
struct tok_far {
	uint32_t tok, value;
};

/* Where a comment (or JSX text) lies, when comments are not kept. */
struct tok_span {
	uint32_t begin, end;
};

struct tokens {
	const struct source *src; /* borrowed; NULL: nothing read */
	enum lex_lang lang;
	struct ctok *v;           /* owned */
	size_t nr, alloc;
	struct tok_far *ends;     /* owned; sorted by tok */
	size_t nends, ends_alloc;
	struct tok_far *matches;  /* owned; sorted by tok */
	size_t nmatches, matches_alloc;
	struct tok_span *comments; /* owned; those left out, in order */
	size_t ncomments, comments_alloc;
};

enum tokens_flags {
	TOKENS_COMMENTS = 1 << 0 /* keep comments (and JSX text) */
};

/*
 * Tokenizes src (lexed as lang) into ts, comments and JSX text left out
 * unless flags say (RULES.md decision 7: they are never code) and their
 * places kept in ts->comments (the secrets' plain-text rules read them);
 * a "+" between two string literals is not kept (tok_plus_string). Free
 * with tokens_release.
 */
void tokens_read(struct tokens *ts, const struct source *src,
		 enum lex_lang lang, unsigned flags);
void tokens_release(struct tokens *ts);

/* Clears every token's TOKF_JUDGED: the tokens as tokens_read left them,
 * for a second reader of one lexing pass. */
void tokens_unjudge(struct tokens *ts);

/* Looks tok up in a side table (tokens.c). */
uint32_t tok_far_value(const struct tok_far *t, size_t n, size_t tok);

static inline enum tok_kind
tok_kind(const struct tokens *ts, size_t i)
{
	return (enum tok_kind)(ts->v[i].kind & TOKK_KIND);
}

/* String literal i is followed by "+" and the literal i + 1. */
static inline int
tok_plus_string(const struct tokens *ts, size_t i)
{
	return ts->v[i].kind & TOKK_PLUS_STRING;
}

static inline unsigned
tok_flags(const struct tokens *ts, size_t i)
{
	return ts->v[i].flags;
}

static inline size_t
tok_begin(const struct tokens *ts, size_t i)
{
	return ts->v[i].begin;
}

/* An opener: a '(', '[' or '{' punctuation token. */
static inline int
tok_opens(const struct tokens *ts, size_t i)
{
	return ts->v[i].kind & TOKK_OPENER;
}

static inline size_t
tok_end(const struct tokens *ts, size_t i)
{
	if (tok_opens(ts, i))
		return ts->v[i].begin + 1u;
	if (ts->v[i].len != TOK_FAR)
		return ts->v[i].begin + (size_t)ts->v[i].len;
	return tok_far_value(ts->ends, ts->nends, i);
}

/* The index of the closer matching the opener at i, or 0. */
static inline size_t
tok_match(const struct tokens *ts, size_t i)
{
	if (!tok_opens(ts, i) || !ts->v[i].len)
		return 0;
	if (ts->v[i].len != TOK_FAR)
		return i + ts->v[i].len;
	return tok_far_value(ts->matches, ts->nmatches, i);
}

static inline int
tok_judged(const struct tokens *ts, size_t i)
{
	return ts->v[i].flags & TOKF_JUDGED;
}

static inline void
tok_judge(struct tokens *ts, size_t i)
{
	ts->v[i].flags |= TOKF_JUDGED;
}

/* Token i as the lexer writes it, for lex_string_value and friends. */
static inline struct token
tok_get(const struct tokens *ts, size_t i)
{
	struct token t;

	t.kind = tok_kind(ts, i);
	t.flags = ts->v[i].flags & ~TOKF_JUDGED;
	t.begin = ts->v[i].begin;
	t.end = tok_end(ts, i);
	return t;
}

#endif
