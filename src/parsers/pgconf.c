/* SPDX-License-Identifier: MIT */
/*
 * pgconf.c — postgresql.conf lexer and line parser.
 *
 * Grammar (src/backend/utils/misc/guc-file.l, PostgreSQL 10..18):
 *
 *   file    := { line }
 *   line    := [ name [ "=" ] value ] [ comment ] "\n"
 *   name    := ID | QUALIFIED_ID
 *   value   := ID | STRING | INTEGER | REAL | UNQUOTED_STRING
 *   comment := "#" { any byte but "\n" }
 *
 *   LETTER          [A-Za-z_\200-\377]
 *   LETTER_OR_DIGIT [A-Za-z_0-9\200-\377]
 *   ID              LETTER LETTER_OR_DIGIT*
 *   QUALIFIED_ID    ID "." ID
 *   UNQUOTED_STRING LETTER (LETTER_OR_DIGIT | [-._:/])*
 *   STRING          ' ( [^'\\\n] | \\. | '' )* '
 *   INTEGER         SIGN? (DIGIT+ | 0x HEXDIGIT+) UNIT_LETTER*
 *   REAL            SIGN? DIGIT* "." DIGIT* EXPONENT?
 *   blanks          [ \t\r]+ between tokens; any other byte is an error
 *
 * Like flex, the lexer takes the longest match and, on a tie, the class
 * listed first in guc-file.l (ID, QUALIFIED_ID, STRING, UNQUOTED_STRING,
 * INTEGER, REAL, "=", error).
 */
#include "pgconf.h"

#include <stdlib.h>
#include <string.h>

#include "../util/scan.h"
#include "../util/xalloc.h"

/* ParseConfigFp gives up on a file after this many syntax errors. */
#define PGCONF_MAX_ERRORS 100

enum tok {
	TOK_EOF = 0,
	TOK_ID,
	TOK_QUALIFIED_ID,
	TOK_STRING,
	TOK_UNQUOTED,
	TOK_INTEGER,
	TOK_REAL,
	TOK_EQUALS,
	TOK_EOL,
	TOK_ERROR
};

struct lexer {
	const char *base, *p, *end;
	uint32_t lineno;        /* ConfigFileLineno: lines ended so far + 1 */
	const char *tok_begin;  /* current token */
	size_t tok_len;
};

static int
is_letter(unsigned char c)
{
	return scan_is(c, SC_ALPHA | SC_HIGH) || c == '_';
}

static int
is_letter_or_digit(unsigned char c)
{
	return scan_is(c, SC_IDENT | SC_HIGH);
}

static size_t
match_id(const char *p, const char *end)
{
	size_t n = 0;

	if (p >= end || !is_letter((unsigned char)*p))
		return 0;
	for (n = 1; p + n < end && is_letter_or_digit((unsigned char)p[n]);)
		n++;
	return n;
}

static size_t
match_qualified(const char *p, const char *end)
{
	size_t a = match_id(p, end), b;

	if (!a || p + a >= end || p[a] != '.')
		return 0;
	b = match_id(p + a + 1, end);
	return b ? a + 1 + b : 0;
}

static size_t
match_unquoted(const char *p, const char *end)
{
	size_t n;

	if (p >= end || !is_letter((unsigned char)*p))
		return 0;
	for (n = 1; p + n < end; n++) {
		unsigned char c = (unsigned char)p[n];

		if (!is_letter_or_digit(c) && !(c && strchr("-._:/", c)))
			break;
	}
	return n;
}

/* The longest prefix matching STRING, or 0. */
static size_t
match_string(const char *p, const char *end)
{
	size_t i = 1, best = 0, n = (size_t)(end - p);

	if (!n || p[0] != '\'')
		return 0;
	while (i < n) {
		char c = p[i];

		if (c == '\\') {
			if (i + 1 >= n || p[i + 1] == '\n')
				break;
			i += 2;
		} else if (c == '\'') {
			best = i + 1;
			if (i + 1 < n && p[i + 1] == '\'')
				i += 2; /* '' stays inside the string */
			else
				break;
		} else if (c == '\n') {
			break;
		} else {
			i++;
		}
	}
	return best;
}

static size_t
match_sign(const char *p, const char *end)
{
	return p < end && (*p == '-' || *p == '+');
}

static size_t
match_integer(const char *p, const char *end)
{
	size_t s = match_sign(p, end), dec, hex = 0, best;

	dec = scan_class_len(p + s, end, SC_DIGIT);
	if (end - (p + s) > 2 && p[s] == '0' && p[s + 1] == 'x') {
		size_t h = scan_class_len(p + s + 2, end, SC_HEX);

		if (h)
			hex = 2 + h;
	}
	best = dec > hex ? dec : hex;
	if (!best)
		return 0;
	return s + best + scan_class_len(p + s + best, end, SC_ALPHA);
}

static size_t
match_real(const char *p, const char *end)
{
	size_t n = match_sign(p, end);

	n += scan_class_len(p + n, end, SC_DIGIT);
	if (p + n >= end || p[n] != '.')
		return 0;
	n++;
	n += scan_class_len(p + n, end, SC_DIGIT);
	if (p + n < end && (p[n] == 'e' || p[n] == 'E')) {
		size_t e = 1 + match_sign(p + n + 1, end);
		size_t d = scan_class_len(p + n + e, end, SC_DIGIT);

		if (d)
			n += e + d;
	}
	return n;
}

static enum tok
lex_next(struct lexer *lx)
{
	size_t len[TOK_ERROR + 1] = {0};
	enum tok t, best = TOK_ERROR;

	for (;;) {
		scan_blanks(&lx->p, lx->end);
		if (lx->p < lx->end && *lx->p == '#')
			scan_to_eol(&lx->p, lx->end);
		else
			break;
	}
	lx->tok_begin = lx->p;
	lx->tok_len = 0;
	if (lx->p >= lx->end)
		return TOK_EOF;
	if (*lx->p == '\n') {
		lx->p++;
		lx->tok_len = 1;
		lx->lineno++;
		return TOK_EOL;
	}
	len[TOK_ID] = match_id(lx->p, lx->end);
	len[TOK_QUALIFIED_ID] = match_qualified(lx->p, lx->end);
	len[TOK_STRING] = match_string(lx->p, lx->end);
	len[TOK_UNQUOTED] = match_unquoted(lx->p, lx->end);
	len[TOK_INTEGER] = match_integer(lx->p, lx->end);
	len[TOK_REAL] = match_real(lx->p, lx->end);
	len[TOK_EQUALS] = *lx->p == '=';
	len[TOK_ERROR] = 1;
	for (t = TOK_ERROR; t >= TOK_ID; t--)
		if (len[t] && len[t] >= len[best])
			best = t;
	lx->tok_len = len[best];
	lx->p += len[best];
	return best;
}

char *
pgconf_unquote(const char *tok, size_t len, size_t *outlen)
{
	char *out = xmalloc(len + 1);
	size_t i, j = 0;

	/* DeescapeQuotedString measures the token with strlen: a NUL byte
	 * inside ends it there, and the byte before the NUL is then taken
	 * for the closing quote (the live oracle agrees). */
	len = strnlen(tok, len);
	/* Skip both quotes; the lexer guarantees they are there. */
	for (i = 1; i + 1 < len; i++) {
		char c = tok[i];

		if (c == '\\') {
			c = tok[++i];
			switch (c) {
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			default:
				if (c >= '0' && c <= '7') {
					int k, v = 0;

					for (k = 0; k < 3 && i + k + 1 < len &&
						    tok[i + k] >= '0' &&
						    tok[i + k] <= '7';
					     k++)
						v = (v << 3) + (tok[i + k] - '0');
					i += (size_t)k - 1;
					c = (char)v;
				}
				break;
			}
		} else if (c == '\'' && i + 2 < len && tok[i + 1] == '\'') {
			i++;
		}
		out[j++] = c;
	}
	out[j] = '\0';
	*outlen = j;
	return out;
}

static struct pgconf_item *
item_new(struct pgconf_file *f, enum pgconf_item_kind kind)
{
	struct pgconf_item *it;

	ALLOC_GROW(f->v, f->nr + 1, f->alloc);
	it = &f->v[f->nr++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	return it;
}

static char *
lower_dup(const char *s, size_t n)
{
	char *d = xstrndup(s, n);
	size_t i;

	for (i = 0; i < n; i++)
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] - 'A' + 'a');
	return d;
}

static enum pgconf_item_kind
directive_kind(const char *name)
{
	if (!strcmp(name, "include_dir"))
		return PGCONF_INCLUDE_DIR;
	if (!strcmp(name, "include_if_exists"))
		return PGCONF_INCLUDE_IF_EXISTS;
	if (!strcmp(name, "include"))
		return PGCONF_INCLUDE;
	return PGCONF_SETTING;
}

static int
is_value_token(enum tok t)
{
	return t == TOK_ID || t == TOK_STRING || t == TOK_INTEGER ||
	       t == TOK_REAL || t == TOK_UNQUOTED;
}

/* Records a syntax error the way ParseConfigFp reports it. */
static void
add_syntax_error(struct pgconf_file *f, struct lexer *lx, enum tok t)
{
	struct pgconf_item *it = item_new(f, PGCONF_ERROR);

	if (t == TOK_EOL || t == TOK_EOF) {
		/* "near end of line": point at the line end itself. */
		it->begin = (size_t)(lx->tok_begin - lx->base);
		it->end = it->begin;
		it->line = t == TOK_EOL ? lx->lineno - 1 : lx->lineno;
		it->error = xstrdup("syntax error near end of line");
	} else {
		it->begin = (size_t)(lx->tok_begin - lx->base);
		it->end = it->begin + lx->tok_len;
		it->line = lx->lineno;
		it->error = xasprintf("syntax error near token '%.*s'",
				      (int)(lx->tok_len > 40 ? 40 : lx->tok_len),
				      lx->tok_begin);
	}
}

void
pgconf_parse(const char *text, size_t len, struct pgconf_file *out)
{
	struct lexer lx = {text, text, text + len, 1, text, 0};
	enum tok t;
	int errors = 0;

	memset(out, 0, sizeof(*out));
	while ((t = lex_next(&lx)) != TOK_EOF) {
		const char *name_b;
		size_t name_n;
		struct pgconf_item *it;
		char *name;

		if (t == TOK_EOL)
			continue;
		if (t != TOK_ID && t != TOK_QUALIFIED_ID)
			goto parse_error;
		name_b = lx.tok_begin;
		name_n = lx.tok_len;
		t = lex_next(&lx);
		if (t == TOK_EQUALS)
			t = lex_next(&lx);
		if (!is_value_token(t))
			goto parse_error;
		name = lower_dup(name_b, name_n);
		it = item_new(out, directive_kind(name));
		it->name = name;
		it->name_begin = (size_t)(name_b - text);
		it->name_end = it->name_begin + name_n;
		it->begin = (size_t)(lx.tok_begin - text);
		it->end = it->begin + lx.tok_len;
		it->line = lx.lineno;
		it->quoted = t == TOK_STRING;
		if (it->quoted)
			it->value = pgconf_unquote(lx.tok_begin, lx.tok_len,
						   &it->value_len);
		else {
			it->value = xstrndup(lx.tok_begin, lx.tok_len);
			it->value_len = lx.tok_len;
		}
		t = lex_next(&lx);
		if (t == TOK_EOL || t == TOK_EOF)
			continue;
		/* Trailing junk: PostgreSQL drops the whole line. */
		free(it->name);
		free(it->value);
		out->nr--;
	parse_error:
		add_syntax_error(out, &lx, t);
		if (++errors >= PGCONF_MAX_ERRORS) {
			out->abandoned = 1;
			break;
		}
		while (t != TOK_EOL && t != TOK_EOF)
			t = lex_next(&lx);
		if (t == TOK_EOF)
			break;
	}
}

void
pgconf_release(struct pgconf_file *f)
{
	size_t i;

	for (i = 0; i < f->nr; i++) {
		free(f->v[i].name);
		free(f->v[i].value);
		free(f->v[i].error);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}
