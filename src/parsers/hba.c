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

/* A logical line: its bytes and, for each, the source offset it came from. */
struct logical {
	struct buf text;
	size_t *at; /* owned; at[i] = source offset of text.ptr[i] */
	size_t alloc;
};

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static void
logical_add(struct logical *lg, char c, size_t offset)
{
	ALLOC_GROW(lg->at, lg->text.len + 2, lg->alloc);
	lg->at[lg->text.len] = offset;
	buf_addch(&lg->text, c);
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
	size_t room = r->maxlen - lg->text.len - 1, n, kept, i;
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
	for (i = 0; i < kept; i++)
		logical_add(lg, r->text[r->pos + i], r->pos + i);
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

/*
 * next_token(): returns 1 and fills tok, or 0 at the end of the line.
 * *comma is set when an unquoted comma ended the token.
 */
static int
next_token(const struct logical *lg, size_t *i, struct hba_token *tok,
	   int *comma)
{
	const char *s = lg->text.ptr;
	size_t n = lg->text.len, start;
	struct buf b = BUF_INIT;
	int in_quote = 0, was_quote = 0, saw_quote = 0;

	*comma = 0;
	tok->quoted = 0;
	while (*i < n && (is_blank(s[*i]) || s[*i] == ','))
		(*i)++;
	start = *i;
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
			buf_addch(&b, c);
		was_quote = in_quote && c == '"' ? !was_quote : 0;
		if (c == '"') {
			in_quote = !in_quote;
			saw_quote = 1;
			if (b.len == 0)
				tok->quoted = 1;
		}
		(*i)++;
	}
	if (!saw_quote && b.len == 0) {
		buf_release(&b);
		return 0;
	}
	tok->str = buf_detach(&b);
	tok->begin = lg->at[start];
	tok->end = *i > start ? lg->at[*i - 1] + 1 : tok->begin;
	return 1;
}

static void
tokenize_line(const struct logical *lg, struct hba_line *line)
{
	size_t i = 0;

	while (i < lg->text.len) {
		struct hba_field field = {NULL, 0, 0};
		struct hba_token tok;
		int comma;

		do {
			if (!next_token(lg, &i, &tok, &comma))
				break;
			ALLOC_GROW(field.v, field.nr + 1, field.alloc);
			field.v[field.nr++] = tok;
		} while (comma);
		if (!field.nr)
			continue;
		/* every pg_hba.conf of a tree is held at once (lint.c) */
		ALLOC_SHRINK(field.v, field.nr, field.alloc);
		ALLOC_GROW(line->fields, line->nfields + 1, line->alloc);
		line->fields[line->nfields++] = field;
	}
	ALLOC_SHRINK(line->fields, line->nfields, line->alloc);
}

void
hba_tokenize(const char *text, size_t len, struct hba_lines *out)
{
	struct reader r = {text, len, 0, 1024, 0};
	struct logical lg;
	uint32_t lineno = 1, continuations;

	memset(out, 0, sizeof(*out));
	memset(&lg, 0, sizeof(lg));
	buf_init(&lg.text);
	while (read_logical(&r, &lg, &continuations)) {
		struct hba_line line;

		memset(&line, 0, sizeof(line));
		line.line = lineno;
		tokenize_line(&lg, &line);
		if (line.nfields) {
			line.begin = line.fields[0].v[0].begin;
			line.end = lg.text.len ? lg.at[lg.text.len - 1] + 1
					       : line.begin;
			ALLOC_GROW(out->v, out->nr + 1, out->alloc);
			out->v[out->nr++] = line;
		}
		lineno += continuations + 1;
	}
	buf_release(&lg.text);
	free(lg.at);
}

static void
field_release(struct hba_field *f)
{
	size_t i;

	for (i = 0; i < f->nr; i++)
		free(f->v[i].str);
	free(f->v);
}

void
hba_lines_release(struct hba_lines *l)
{
	size_t i, j;

	for (i = 0; i < l->nr; i++) {
		for (j = 0; j < l->v[i].nfields; j++)
			field_release(&l->v[i].fields[j]);
		free(l->v[i].fields);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
