/* SPDX-License-Identifier: MIT */
/*
 * hba.c — pg_hba.conf tokenizer.
 *
 * Grammar (src/backend/libpq/hba.c, tokenize_auth_file and next_token;
 * https://www.postgresql.org/docs/current/auth-pg-hba-conf.html):
 *
 *   file     := { logical-line }
 *   logical  := physical lines joined while one ends in '\' (the '\' and
 *               the line end are removed, nothing is inserted)
 *   line     := { blank | ',' } { field }
 *   field    := token { ',' token }     a comma right after a token
 *                                       continues the field
 *   token    := { char | '"' { char | '""' } '"' }   up to an unquoted
 *               blank or comma; an unquoted '#' ends the line
 *   blank    := ' ' | '\t' | '\r'
 *
 * An unterminated quote takes the rest of the line (PostgreSQL does not
 * detect it). Line numbers are those of the first physical line.
 */
#include "hba.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/xalloc.h"

/* A logical line: its bytes, and the runs of them that are contiguous in
 * the source (one, but for continuations and NUL bytes). */
struct logical {
	struct buf text;
	struct run {
		size_t at, src; /* text.ptr[at] is source byte src */
	} *runs;            /* owned */
	size_t nruns, alloc;
};

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Appends the n source bytes at offset to lg. */
static void
logical_add(struct logical *lg, const char *text, size_t offset, size_t n)
{
	ALLOC_GROW(lg->runs, lg->nruns + 1, lg->alloc);
	lg->runs[lg->nruns].at = lg->text.len;
	lg->runs[lg->nruns++].src = offset;
	buf_add(&lg->text, text + offset, n);
}

/* The source offset of byte i of lg. */
static size_t
source_at(const struct logical *lg, size_t i)
{
	size_t r = lg->nruns;

	while (r > 1 && lg->runs[r - 1].at > i)
		r--;
	return lg->runs[r - 1].src + (i - lg->runs[r - 1].at);
}

/*
 * How PostgreSQL reads the file: tokenize_auth_file collects each line
 * with pg_get_line_append (src/common/pg_get_line.c), which calls fgets
 * into one StringInfo -- 1024 bytes at first, doubled as needed, never
 * shrunk -- and counts what each call read with strlen. A NUL byte thus
 * drops the rest of that fgets chunk: up to and including the newline
 * when the line fits, so the next physical line joins this one (and the
 * line numbers PostgreSQL reports no longer count it). The live oracle
 * checks this (tests/fixtures/rules/PGT209/bad-nul-*).
 */
struct reader {
	const char *text;
	size_t len, pos;
	size_t maxlen; /* the StringInfo's size: it only grows */
	int eof;       /* feof(): a read reached the end */
};

/* fgets(data + lg->len, maxlen - lg->len): appends what strlen would
 * count of one chunk. Returns 0 when fgets returns NULL. */
static int
read_chunk(struct reader *r, struct logical *lg)
{
	size_t room = r->maxlen - lg->text.len - 1, n, kept;
	const char *nl;

	if (r->pos >= r->len) {
		r->eof = 1;
		return 0;
	}
	nl = memchr(r->text + r->pos, '\n',
		    room < r->len - r->pos ? room : r->len - r->pos);
	n = nl			     ? (size_t)(nl - (r->text + r->pos)) + 1
	    : room < r->len - r->pos ? room
				     : r->len - r->pos;
	if (!nl && r->len - r->pos < room)
		r->eof = 1; /* fgets tried to read past the end */
	kept = strnlen(r->text + r->pos, n);
	logical_add(lg, r->text, r->pos, kept);
	r->pos += n;
	return 1;
}

/* enlargeStringInfo(buf, needed) */
static void
enlarge(struct reader *r, size_t len, size_t needed)
{
	needed += len + 1;
	if (needed <= r->maxlen)
		return;
	while (r->maxlen < needed)
		r->maxlen *= 2;
}

/* pg_get_line_append: one physical line (as fgets sees lines) appended
 * to lg; 0 when nothing more could be read. */
static int
get_line_append(struct reader *r, struct logical *lg)
{
	size_t orig = lg->text.len;

	while (read_chunk(r, lg)) {
		if (lg->text.len > orig &&
		    lg->text.ptr[lg->text.len - 1] == '\n')
			return 1;
		enlarge(r, lg->text.len, 128);
	}
	return lg->text.len > orig;
}

/*
 * One logical line, as tokenize_auth_file collects it: lines ending in a
 * backslash continue (pg_strip_crlf first). Returns 0 at the end of the
 * input; else 1, with *continuations the lines joined.
 */
static int
read_logical(struct reader *r, struct logical *lg, uint32_t *continuations)
{
	size_t last_backslash = 0;

	buf_reset(&lg->text);
	lg->nruns = 0;
	*continuations = 0;
	if (r->eof)
		return 0;
	while (get_line_append(r, lg)) {
		while (lg->text.len &&
		       (lg->text.ptr[lg->text.len - 1] == '\n' ||
			lg->text.ptr[lg->text.len - 1] == '\r'))
			lg->text.ptr[--lg->text.len] = '\0';
		if (lg->text.len > last_backslash &&
		    lg->text.ptr[lg->text.len - 1] == '\\') {
			lg->text.ptr[--lg->text.len] = '\0';
			last_backslash = lg->text.len;
			(*continuations)++;
			continue;
		}
		break;
	}
	return 1;
}

/* What tokenizing builds: indexes while the arrays grow, turned into
 * pointers at the end. */
struct build {
	struct buf strings;
	struct hba_token *tokens;
	size_t ntokens, tokens_alloc;
	size_t *str_at;             /* per token: its offset in strings */
	size_t str_at_alloc;
	struct hba_field *fields;
	size_t nfields, fields_alloc;
	size_t *field_first;        /* per field: its first token */
	size_t field_first_alloc;
	struct hba_line *lines;
	size_t nlines, lines_alloc;
	size_t *line_first;         /* per line: its first field */
	size_t line_first_alloc;
};

/*
 * next_token(): returns 1 and adds a token, or 0 at the end of the line.
 * *comma is set when an unquoted comma ended the token.
 */
static int
next_token(const struct logical *lg, size_t *i, struct build *b, int *comma)
{
	const char *s = lg->text.ptr;
	size_t n = lg->text.len, start, at = b->strings.len;
	int in_quote = 0, was_quote = 0, saw_quote = 0, quoted = 0;
	struct hba_token *tok;

	*comma = 0;
	while (*i < n && (is_blank(s[*i]) || s[*i] == ','))
		(*i)++;
	start = *i;
	/* the common token, no quote in it: copied whole */
	while (*i < n && !is_blank(s[*i]) && s[*i] != '"' && s[*i] != ',' &&
	       s[*i] != '#')
		(*i)++;
	buf_add(&b->strings, s + start, *i - start);
	while (*i < n && (!is_blank(s[*i]) || in_quote)) {
		char c = s[*i];

		if (c == '#' && !in_quote) {
			*i = n;
			break;
		}
		if (c == ',' && !in_quote) {
			*comma = 1;
			break;
		}
		if (c != '"' || was_quote)
			buf_addch(&b->strings, c);
		was_quote = in_quote && c == '"' ? !was_quote : 0;
		if (c == '"') {
			in_quote = !in_quote;
			saw_quote = 1;
			if (b->strings.len == at)
				quoted = 1;
		}
		(*i)++;
	}
	if (!saw_quote && b->strings.len == at)
		return 0;
	buf_addch(&b->strings, '\0');
	ALLOC_GROW(b->tokens, b->ntokens + 1, b->tokens_alloc);
	ALLOC_GROW(b->str_at, b->ntokens + 1, b->str_at_alloc);
	tok = &b->tokens[b->ntokens];
	tok->quoted = quoted;
	tok->begin = source_at(lg, start);
	tok->end = *i > start ? source_at(lg, *i - 1) + 1 : tok->begin;
	b->str_at[b->ntokens++] = at;
	return 1;
}

/* The fields of one logical line, onto b's arrays; returns how many. */
static size_t
tokenize_line(const struct logical *lg, struct build *b)
{
	size_t i = 0, nfields = 0;

	while (i < lg->text.len) {
		size_t first = b->ntokens;
		int comma;

		do {
			if (!next_token(lg, &i, b, &comma))
				break;
		} while (comma);
		if (b->ntokens == first)
			continue;
		ALLOC_GROW(b->fields, b->nfields + 1, b->fields_alloc);
		ALLOC_GROW(b->field_first, b->nfields + 1, b->field_first_alloc);
		memset(&b->fields[b->nfields], 0, sizeof(*b->fields));
		b->fields[b->nfields].nr = b->ntokens - first;
		b->field_first[b->nfields++] = first;
		nfields++;
	}
	return nfields;
}

void
hba_tokenize(const char *text, size_t len, struct hba_lines *out)
{
	struct reader r = {text, len, 0, 1024, 0};
	struct logical lg;
	struct build b;
	uint32_t lineno = 1, continuations;
	size_t i;

	memset(out, 0, sizeof(*out));
	memset(&lg, 0, sizeof(lg));
	memset(&b, 0, sizeof(b));
	buf_init(&lg.text);
	buf_init(&b.strings);
	while (read_logical(&r, &lg, &continuations)) {
		size_t first = b.nfields, nfields = tokenize_line(&lg, &b);

		if (nfields) {
			struct hba_line *line;

			ALLOC_GROW(b.lines, b.nlines + 1, b.lines_alloc);
			ALLOC_GROW(b.line_first, b.nlines + 1,
				   b.line_first_alloc);
			b.line_first[b.nlines] = first;
			line = &b.lines[b.nlines++];
			memset(line, 0, sizeof(*line));
			line->line = lineno;
			line->nfields = nfields;
			line->begin = b.tokens[b.field_first[first]].begin;
			line->end = lg.text.len ? source_at(&lg, lg.text.len - 1) + 1
						: line->begin;
		}
		lineno += continuations + 1;
	}
	/* the arrays have stopped moving: indexes become pointers */
	out->strings = buf_detach(&b.strings);
	for (i = 0; i < b.ntokens; i++)
		b.tokens[i].str = out->strings + b.str_at[i];
	for (i = 0; i < b.nfields; i++)
		b.fields[i].v = b.tokens + b.field_first[i];
	for (i = 0; i < b.nlines; i++)
		b.lines[i].fields = b.fields + b.line_first[i];
	out->tokens = b.tokens;
	out->fields = b.fields;
	out->v = b.lines;
	out->nr = out->alloc = b.nlines;
	free(b.str_at);
	free(b.field_first);
	free(b.line_first);
	buf_release(&lg.text);
	free(lg.runs);
}

void
hba_lines_release(struct hba_lines *l)
{
	size_t i, j;

	for (i = 0; i < l->nr; i++)
		for (j = 0; j < l->v[i].nfields; j++)
			if (l->v[i].fields[j].owned)
				free(l->v[i].fields[j].v);
	free(l->v);
	free(l->fields);
	free(l->tokens);
	free(l->strings);
	memset(l, 0, sizeof(*l));
}
