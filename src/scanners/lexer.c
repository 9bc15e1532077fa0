/* SPDX-License-Identifier: MIT */
/*
 * lexer.c — tokens of the C-family languages we scan, where only strings,
 * names and punctuation matter to us.
 *
 * JavaScript/TypeScript (ECMA-262 "Lexical Grammar"):
 *
 *   comment  := "//" to end of line | "/ *" ... "* /"
 *   string   := '"' ... '"' | "'" ... "'"   (backslash escapes)
 *   template := '`' { char | "${" balanced-braces "}" } '`'
 *   regex    := "/" ... "/" flags, where an expression may begin (after
 *               "(" "," "=" ":" "[" "!" "&" "|" "?" "{" "}" ";" or a
 *               keyword like return), else "/" is division
 *   ident    := [A-Za-z_$] [A-Za-z0-9_$]*   number := digits and letters
 *
 * Go (The Go Programming Language Specification, "Lexical elements"):
 * the same comments, identifiers and quoted strings ('x' is a rune);
 * `...` is a raw string (no escapes, carriage returns discarded); there
 * are no regex literals.
 *
 * Unterminated literals end at the end of the line (quoted) or of the
 * file, flagged, and lexing goes on.
 */
#include "lexer.h"

#include <string.h>

#include "../util/buf.h"
#include "../util/scan.h"

void
lexer_init(struct lexer *lx, const char *text, size_t len, enum lex_lang lang)
{
	memset(lx, 0, sizeof(*lx));
	lx->text = text;
	lx->len = len;
	lx->lang = lang;
	lx->prev = TOK_PUNCT; /* as after "(": a regex may begin */
}

static int
ident_char(unsigned char c, int first)
{
	return c == '_' || c == '$' || scan_is(c, SC_ALPHA | SC_HIGH) ||
	       (!first && scan_is(c, SC_DIGIT));
}

/* After these, a '/' starts a regular expression. */
static int
regex_allowed(const struct lexer *lx)
{
	static const char *const kws[] = {
	    "return", "typeof", "case", "do",	 "else",  "in",	  "of",
	    "new",    "delete", "void", "throw", "yield", "await"};
	size_t i, n = lx->prev_end - lx->prev_begin;

	if (lx->prev == TOK_PUNCT) /* after "}" a statement may begin */
		return !strchr(")]", lx->text[lx->prev_begin]);
	if (lx->prev != TOK_IDENT)
		return lx->prev != TOK_NUMBER && lx->prev != TOK_STRING &&
		       lx->prev != TOK_REGEX;
	for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
		if (strlen(kws[i]) == n &&
		    !strncmp(lx->text + lx->prev_begin, kws[i], n))
			return 1;
	return 0;
}

static void
quoted(struct lexer *lx, struct token *t, char q)
{
	const char *s = lx->text;

	lx->off++;
	while (lx->off < lx->len && s[lx->off] != q) {
		if (s[lx->off] == '\n') {
			t->flags |= TOKF_UNTERMINATED;
			return;
		}
		if (s[lx->off] == '\\') {
			t->flags |= TOKF_ESCAPES;
			lx->off++;
		}
		lx->off++;
	}
	if (lx->off >= lx->len)
		t->flags |= TOKF_UNTERMINATED;
	else
		lx->off++;
}

static void
backquoted(struct lexer *lx, struct token *t)
{
	const char *s = lx->text;
	int depth = 0;

	t->flags |= lx->lang == LEX_GO ? TOKF_RAW : TOKF_TEMPLATE;
	lx->off++;
	while (lx->off < lx->len) {
		char c = s[lx->off];

		if (!depth && c == '`') {
			lx->off++;
			return;
		}
		if (lx->lang == LEX_GO) {
			lx->off++;
			continue;
		}
		if (c == '\\') {
			t->flags |= TOKF_ESCAPES;
			lx->off += 2;
			continue;
		}
		if (!depth && c == '$' && lx->off + 1 < lx->len &&
		    s[lx->off + 1] == '{') {
			t->flags |= TOKF_INTERPOLATED;
			depth = 1;
			lx->off += 2;
			continue;
		}
		if (depth && c == '{')
			depth++;
		else if (depth && c == '}')
			depth--;
		lx->off++;
	}
	t->flags |= TOKF_UNTERMINATED;
}

static void
regex(struct lexer *lx)
{
	const char *s = lx->text;
	int in_class = 0;

	lx->off++;
	while (lx->off < lx->len && s[lx->off] != '\n') {
		char c = s[lx->off++];

		if (c == '\\')
			lx->off++;
		else if (c == '[')
			in_class = 1;
		else if (c == ']')
			in_class = 0;
		else if (c == '/' && !in_class)
			break;
	}
	while (lx->off < lx->len && ident_char((unsigned char)s[lx->off], 0))
		lx->off++;
}

void
lex_next(struct lexer *lx, struct token *t)
{
	const char *s = lx->text;

	for (;;) {
		while (lx->off < lx->len &&
		       (scan_is((unsigned char)s[lx->off], SC_SPACE) ||
			s[lx->off] == '\n'))
			lx->off++;
		t->begin = lx->off;
		t->flags = 0;
		if (lx->off >= lx->len) {
			t->kind = TOK_EOF;
			t->end = lx->off;
			return;
		}
		if (s[lx->off] == '/' && lx->off + 1 < lx->len &&
		    (s[lx->off + 1] == '/' || s[lx->off + 1] == '*')) {
			const char *e;

			if (s[lx->off + 1] == '/')
				e = memchr(s + lx->off, '\n',
					   lx->len - lx->off);
			else {
				e = NULL;
				for (size_t i = lx->off + 2; i + 1 < lx->len;
				     i++)
					if (s[i] == '*' && s[i + 1] == '/') {
						e = s + i + 2;
						break;
					}
			}
			lx->off = e ? (size_t)(e - s) : lx->len;
			t->kind = TOK_COMMENT;
			t->end = lx->off;
			return; /* comments matter: suppressions live there */
		}
		break;
	}
	if (s[lx->off] == '"' || s[lx->off] == '\'') {
		quoted(lx, t, s[lx->off]);
		t->kind = TOK_STRING;
	} else if (s[lx->off] == '`') {
		backquoted(lx, t);
		t->kind = TOK_STRING;
	} else if (ident_char((unsigned char)s[lx->off], 1)) {
		while (lx->off < lx->len &&
		       ident_char((unsigned char)s[lx->off], 0))
			lx->off++;
		t->kind = TOK_IDENT;
	} else if (scan_is((unsigned char)s[lx->off], SC_DIGIT)) {
		while (lx->off < lx->len &&
		       (scan_is((unsigned char)s[lx->off], SC_IDENT) ||
			s[lx->off] == '.'))
			lx->off++;
		t->kind = TOK_NUMBER;
	} else if (s[lx->off] == '/' && lx->lang == LEX_JS &&
		   regex_allowed(lx)) {
		regex(lx);
		t->kind = TOK_REGEX;
	} else {
		lx->off++;
		t->kind = TOK_PUNCT;
	}
	if (lx->off > lx->len) /* a backslash was the last byte */
		lx->off = lx->len;
	t->end = lx->off;
	lx->prev = t->kind;
	lx->prev_begin = t->begin;
	lx->prev_end = t->end;
}

char *
lex_string_value(const char *text, const struct token *t, size_t *len)
{
	const char *s = text + t->begin + 1;
	size_t n = t->end - t->begin, i;
	struct buf b = BUF_INIT;

	n = n >= 2 && !(t->flags & TOKF_UNTERMINATED) ? n - 2 : n - 1;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (t->flags & TOKF_RAW) { /* Go drops CR from raw strings */
			if (c != '\r')
				buf_addch(&b, c);
			continue;
		}
		if (c != '\\' || i + 1 >= n) {
			buf_addch(&b, c);
			continue;
		}
		c = s[++i];
		switch (c) {
		case 'n':
			buf_addch(&b, '\n');
			break;
		case 't':
			buf_addch(&b, '\t');
			break;
		case 'r':
			buf_addch(&b, '\r');
			break;
		case 'x': /* \xHH in both languages */
			if (i + 2 < n && scan_hexval(s[i + 1]) >= 0 &&
			    scan_hexval(s[i + 2]) >= 0) {
				buf_addch(&b,
					  (char)(scan_hexval(s[i + 1]) * 16 +
						 scan_hexval(s[i + 2])));
				i += 2;
			} else
				buf_addch(&b, c);
			break;
		case '\r': /* a JS line continuation written with CRLF */
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
			break;
		case '\n':
			break; /* a JS line continuation */
		default:
			buf_addch(&b, c);
		}
	}
	*len = b.len;
	return buf_detach(&b);
}
