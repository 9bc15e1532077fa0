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
 * Java (JLS 3.10.5-3.10.6): quoted strings and char literals as above,
 * text blocks between triple quotes, whose incidental indentation and
 * trailing spaces are stripped before escapes are undone.
 *
 * Python (The Python Language Reference, 2.3 and 2.4): "#" comments;
 * strings with r/b/u/f prefixes, single or triple quotes; an f-string's
 * {...} fields are unknown parts.
 *
 * Unterminated literals end at the end of the line (quoted) or of the
 * file, flagged, and lexing goes on.
 */
#include "lexer.h"

#include <string.h>

#include "../model/value.h"
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

static inline int
ident_char(unsigned char c, int first)
{
	return scan_is(c, first ? SC_ALPHA | SC_HIGH : SC_IDENT | SC_HIGH) ||
	       c == '_' || c == '$';
}

/* The end of the identifier characters from s[i] on. */
static size_t
ident_end(const char *s, size_t i, size_t len)
{
	while (i < len && ident_char((unsigned char)s[i], 0))
		i++;
	return i;
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
	lx->off = ident_end(s, lx->off, lx->len);
}

/* A Java text block: from triple quotes to triple quotes. */
static void
text_block(struct lexer *lx, struct token *t)
{
	const char *s = lx->text;

	t->flags |= TOKF_TEXT_BLOCK;
	lx->off += 3;
	while (lx->off < lx->len) {
		if (s[lx->off] == '\\') {
			t->flags |= TOKF_ESCAPES;
			lx->off += 2;
		} else if (lx->off + 2 < lx->len &&
			   !memcmp(s + lx->off, "\"\"\"", 3)) {
			lx->off += 3;
			return;
		} else
			lx->off++;
	}
	t->flags |= TOKF_UNTERMINATED;
}

/* Skips the comment at lx->off, if there is one: "//" and "/ *" in JS and
 * Go, "#" in Python. */
static int
comment(struct lexer *lx)
{
	const char *s = lx->text, *e = NULL;
	size_t i;

	if (lx->lang == LEX_PY ? s[lx->off] == '#'
			       : s[lx->off] == '/' && lx->off + 1 < lx->len &&
				     s[lx->off + 1] == '/')
		e = memchr(s + lx->off, '\n', lx->len - lx->off);
	else if (lx->lang != LEX_PY && s[lx->off] == '/' &&
		 lx->off + 1 < lx->len && s[lx->off + 1] == '*') {
		for (i = lx->off + 2; i + 1 < lx->len && !e; i++)
			if (s[i] == '*' && s[i + 1] == '/')
				e = s + i + 2;
		if (!e)
			e = s + lx->len;
	} else
		return 0;
	lx->off = e ? (size_t)(e - s) : lx->len;
	return 1;
}

static int
py_prefix_char(char c)
{
	switch (c) {
	case 'r': case 'R': case 'b': case 'B':
	case 'u': case 'U': case 'f': case 'F':
		return 1;
	default:
		return 0;
	}
}

/* The length of a Python string prefix (r, b, u, f, rb, fr, ... in any
 * case) before a quote at lx->off, or -1. */
static int
py_prefix(const struct lexer *lx)
{
	const char *s = lx->text;
	size_t i = lx->off;

	if (s[i] != '\'' && s[i] != '"' && !py_prefix_char(s[i]))
		return -1; /* most tokens: not a string */
	while (i < lx->len && i - lx->off < 3 && py_prefix_char(s[i]))
		i++;
	if (i - lx->off > 2 || i >= lx->len || (s[i] != '\'' && s[i] != '"'))
		return -1;
	return (int)(i - lx->off);
}

/* A Python string (Python Language Reference 2.4.1, "String and Bytes
 * literals"): a backslash always takes the next byte, even in a raw
 * string; a single-quoted one ends at its line. */
static void
py_string(struct lexer *lx, struct token *t, size_t prefix)
{
	const char *s = lx->text;
	size_t i, nq;
	int fmt = 0;
	char q;

	for (i = lx->off; i < lx->off + prefix; i++)
		fmt |= s[i] == 'f' || s[i] == 'F';
	lx->off += prefix;
	q = s[lx->off];
	nq = lx->off + 2 < lx->len && s[lx->off + 1] == q && s[lx->off + 2] == q
		 ? 3
		 : 1;
	lx->off += nq;
	while (lx->off < lx->len) {
		char c = s[lx->off];

		if (c == '\\') {
			t->flags |= TOKF_ESCAPES;
			lx->off += 2;
			continue;
		}
		if (nq == 1 && c == '\n') {
			t->flags |= TOKF_UNTERMINATED;
			return;
		}
		if (c == q &&
		    (nq == 1 || (lx->off + 2 < lx->len && s[lx->off + 1] == q &&
				 s[lx->off + 2] == q))) {
			lx->off += nq;
			return;
		}
		if (fmt && c == '{' && lx->off + 1 < lx->len &&
		    s[lx->off + 1] == '{')
			lx->off++;
		else if (fmt && c == '{')
			t->flags |= TOKF_INTERPOLATED;
		lx->off++;
	}
	t->flags |= TOKF_UNTERMINATED;
}

static void
jsx_push(struct lexer *lx, enum jsx_mode m)
{
	if (lx->njsx < JSX_MAX_DEPTH) {
		lx->braces[lx->njsx] = m == JSX_CODE;
		lx->jsx[lx->njsx++] = (unsigned char)m;
	}
}

/* An element's children: text up to the next tag or {expression}. */
static void
jsx_children(struct lexer *lx, struct token *t)
{
	const char *s = lx->text;

	t->begin = lx->off;
	t->flags = 0;
	if (s[lx->off] == '{' || s[lx->off] == '<') {
		jsx_push(lx, s[lx->off] == '{'			      ? JSX_CODE
			     : lx->off + 1 < lx->len && s[lx->off + 1] == '/' ? JSX_CLOSE
									      : JSX_TAG);
		lx->off++;
		t->kind = TOK_PUNCT;
	} else {
		while (lx->off < lx->len && s[lx->off] != '<' &&
		       s[lx->off] != '{')
			lx->off++;
		t->kind = TOK_TEXT;
	}
	t->end = lx->off;
}

/* After "<" where an expression may begin, a name or ">" opens JSX. */
static int
jsx_opens(const struct lexer *lx)
{
	const char *s = lx->text;
	size_t n = lx->off + 1;

	if (lx->lang != LEX_JSX || s[lx->off] != '<' ||
	    (lx->njsx && lx->jsx[lx->njsx - 1] != JSX_CODE) ||
	    !regex_allowed(lx) || n >= lx->len)
		return 0;
	return s[n] == '>' || ident_char((unsigned char)s[n], 1);
}

/* The JSX bookkeeping of punctuation token t, just lexed. Returns 1 when
 * t ends an element. */
static int
jsx_punct(struct lexer *lx, const struct token *t)
{
	char c = lx->text[t->begin];
	unsigned char *top = lx->njsx ? &lx->jsx[lx->njsx - 1] : NULL;

	if (!top)
		return 0;
	if (*top == JSX_CODE) {
		if (c == '{')
			lx->braces[lx->njsx - 1]++;
		else if (c == '}' && !--lx->braces[lx->njsx - 1])
			lx->njsx--;
	} else if (c == '{') {
		jsx_push(lx, JSX_CODE);
	} else if (c == '>' || t->end - t->begin == 2) { /* ">" or "/>" */
		if (*top == JSX_TAG && c == '>')
			*top = JSX_CHILDREN;
		else {
			lx->njsx--; /* a self-closing or closing tag */
			if (*top == JSX_CLOSE && lx->njsx &&
			    lx->jsx[lx->njsx - 1] == JSX_CHILDREN)
				lx->njsx--;
			return 1;
		}
	}
	return 0;
}

void
lex_next(struct lexer *lx, struct token *t)
{
	const char *s = lx->text;
	int prefix, element_end = 0;

	if (lx->njsx && lx->jsx[lx->njsx - 1] == JSX_CHILDREN &&
	    lx->off < lx->len) {
		jsx_children(lx, t);
		lx->prev = TOK_STRING; /* after JSX, "/" divides */
		return;
	}
	for (;;) {
		size_t i = lx->off;

		while (i < lx->len &&
		       (scan_is((unsigned char)s[i], SC_SPACE) || s[i] == '\n'))
			i++;
		lx->off = i;
		t->begin = lx->off;
		t->flags = 0;
		if (lx->off >= lx->len) {
			t->kind = TOK_EOF;
			t->end = lx->off;
			return;
		}
		if (comment(lx)) {
			t->kind = TOK_COMMENT;
			t->end = lx->off;
			return; /* comments matter: suppressions live there */
		}
		break;
	}
	if (lx->lang == LEX_PY && (prefix = py_prefix(lx)) >= 0) {
		py_string(lx, t, (size_t)prefix);
		t->kind = TOK_STRING;
	} else if (lx->lang == LEX_JAVA && lx->off + 2 < lx->len &&
		   !memcmp(s + lx->off, "\"\"\"", 3)) {
		text_block(lx, t);
		t->kind = TOK_STRING;
	} else if (s[lx->off] == '"' || s[lx->off] == '\'') {
		quoted(lx, t, s[lx->off]);
		t->kind = TOK_STRING;
	} else if (s[lx->off] == '`' && lx->lang != LEX_JAVA) {
		backquoted(lx, t);
		t->kind = TOK_STRING;
	} else if (ident_char((unsigned char)s[lx->off], 1)) {
		lx->off = ident_end(s, lx->off + 1, lx->len);
		t->kind = TOK_IDENT;
	} else if (scan_is((unsigned char)s[lx->off], SC_DIGIT)) {
		while (lx->off < lx->len &&
		       (scan_is((unsigned char)s[lx->off], SC_IDENT) ||
			s[lx->off] == '.'))
			lx->off++;
		t->kind = TOK_NUMBER;
	} else if (s[lx->off] == '/' &&
		   (lx->lang == LEX_JS ||
		    (lx->lang == LEX_JSX &&
		     (!lx->njsx || lx->jsx[lx->njsx - 1] == JSX_CODE))) &&
		   regex_allowed(lx)) {
		regex(lx);
		t->kind = TOK_REGEX;
	} else if (jsx_opens(lx)) {
		jsx_push(lx, lx->off + 1 < lx->len && s[lx->off + 1] == '/'
				 ? JSX_CLOSE
				 : JSX_TAG);
		lx->off++;
		t->kind = TOK_PUNCT;
	} else {
		/* "/>" ends a JSX tag as one token */
		lx->off += lx->njsx && lx->jsx[lx->njsx - 1] == JSX_TAG &&
				   s[lx->off] == '/' && lx->off + 1 < lx->len &&
				   s[lx->off + 1] == '>'
			       ? 2
			       : 1;
		t->kind = TOK_PUNCT;
		t->end = lx->off;
		element_end = jsx_punct(lx, t);
	}
	if (lx->off > lx->len) /* a backslash was the last byte */
		lx->off = lx->len;
	t->end = lx->off;
	/* after a JSX element, as after any operand, "/" divides */
	lx->prev = element_end ? TOK_STRING : t->kind;
	lx->prev_begin = t->begin;
	lx->prev_end = t->end;
}

/* The bytes between the quotes of t: [*b, *e), and for Python its
 * prefix's meaning. */
static void
string_body(const char *text, const struct token *t, enum lex_lang lang,
	    size_t *b, size_t *e, int *py_raw, int *py_fmt)
{
	size_t nq = 1;

	*b = t->begin;
	*py_raw = *py_fmt = 0;
	if (lang == LEX_PY) {
		for (; strchr("rRbBuUfF", text[*b]) && text[*b]; (*b)++) {
			*py_raw |= text[*b] == 'r' || text[*b] == 'R';
			*py_fmt |= text[*b] == 'f' || text[*b] == 'F';
		}
		if (t->end - *b >= 3 && text[*b + 1] == text[*b] &&
		    text[*b + 2] == text[*b] &&
		    (t->end - *b >= 6 || (t->flags & TOKF_UNTERMINATED)))
			nq = 3;
	}
	if (t->flags & TOKF_TEXT_BLOCK)
		nq = 3;
	*e = t->end;
	*b += nq;
	if (*b > *e)
		*b = *e;
	if (!(t->flags & TOKF_UNTERMINATED))
		*e = *e - *b >= nq ? *e - nq : *b;
}

void
lex_string_body(const char *text, const struct token *t, enum lex_lang lang,
		size_t *b, size_t *e)
{
	int py_raw, py_fmt;

	string_body(text, t, lang, b, e, &py_raw, &py_fmt);
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/*
 * A Java text block's content, s[0..n) after the opening quotes, with
 * JLS 3.10.6's stripping: the opening line dropped; the smallest
 * indentation of the non-blank lines (and of the closing line, when the
 * quotes stand alone on it) removed from every line; trailing white space
 * removed.
 */
static void
text_block_strip(const char *s, size_t n, struct buf *out)
{
	const char *nl = memchr(s, '\n', n), *p, *end = s + n;
	size_t indent = (size_t)-1;

	if (!nl)
		return; /* JLS: content starts after a line terminator */
	for (p = nl + 1; p <= end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t len = (e ? e : end) - p, ws = 0;

		while (ws < len && (p[ws] == ' ' || p[ws] == '\t'))
			ws++;
		if ((!blank(p, len) || !e) && ws < indent)
			indent = ws;
		if (!e)
			break;
		p = e + 1;
	}
	for (p = nl + 1; p <= end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t len = (e ? e : end) - p;

		if (!e && blank(p, len))
			break; /* the closing line */
		if (!blank(p, len)) {
			size_t k = len;

			while (k > indent && blank(p + k - 1, 1))
				k--;
			buf_add(out, p + indent, k - indent);
		}
		if (!e)
			break;
		buf_addch(out, '\n');
		p = e + 1;
	}
}

size_t
lex_field_end(const char *s, size_t n, size_t i)
{
	int depth = 0;

	if (s[i] == '$')
		i++;
	for (; i < n; i++) {
		depth += s[i] == '{' ? 1 : s[i] == '}' ? -1 : 0;
		if (!depth)
			return i;
	}
	return n - 1;
}

char *
lex_string_value(const char *text, const struct token *t, enum lex_lang lang,
		 size_t *len)
{
	struct buf b = BUF_INIT, block = BUF_INIT;
	size_t i, n, vb, ve;
	int py_raw, py_fmt;
	const char *s;

	string_body(text, t, lang, &vb, &ve, &py_raw, &py_fmt);
	s = text + vb;
	n = ve - vb;
	if (t->flags & TOKF_TEXT_BLOCK) {
		text_block_strip(s, n, &block);
		s = block.ptr;
		n = block.len;
	}
	for (i = 0; i < n; i++) {
		size_t run = i;
		char c;

		/* bytes no rule below treats apart are copied in runs */
		while (run < n && s[run] != '\\' && s[run] != '{' &&
		       s[run] != '}' && s[run] != '$' && s[run] != '\r')
			run++;
		buf_add(&b, s + i, run - i);
		if (run == n)
			break;
		i = run;
		c = s[i];
		if (t->flags & TOKF_RAW) { /* Go drops CR from raw strings */
			if (c != '\r')
				buf_addch(&b, c);
			continue;
		}
		if (py_fmt && (c == '{' || c == '}') && i + 1 < n &&
		    s[i + 1] == c) {
			buf_addch(&b, c); /* {{ and }} */
			i++;
			continue;
		}
		if ((py_fmt && c == '{') ||
		    ((t->flags & TOKF_TEMPLATE) && c == '$' && i + 1 < n &&
		     s[i + 1] == '{')) {
			/* a replacement field, a template's ${...}: a part
			 * built at run time, a hole (model/value.h) */
			i = lex_field_end(s, n, i);
			buf_addch(&b, VALUE_UNKNOWN);
			continue;
		}
		if (c != '\\' || i + 1 >= n || py_raw) {
			buf_addch(&b, c);
			if (c == '\\' && py_raw && i + 1 < n)
				buf_addch(&b, s[++i]); /* r'\'' keeps both */
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
		case 'x': /* \xHH in every language */
			if (i + 2 < n && scan_hexval(s[i + 1]) >= 0 &&
			    scan_hexval(s[i + 2]) >= 0) {
				buf_addch(&b,
					  (char)(scan_hexval(s[i + 1]) * 16 +
						 scan_hexval(s[i + 2])));
				i += 2;
			} else
				buf_addch(&b, c);
			break;
		case '\r': /* a line continuation written with CRLF */
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
			break;
		case '\n':
			break; /* a line continuation */
		case '\\':
		case '\'':
		case '"':
			buf_addch(&b, c);
			break;
		default: /* Python keeps unknown escapes; JS and Go drop \ */
			if (lang == LEX_PY)
				buf_addch(&b, '\\');
			buf_addch(&b, c);
		}
	}
	buf_release(&block);
	*len = b.len;
	return buf_detach(&b);
}
