/* SPDX-License-Identifier: MIT */
/*
 * lexer.h — the tokens of the languages we scan (JavaScript and
 * TypeScript, Go, Python, Java): kind, flags and exact byte offsets. A lexer is
 * a step function over a struct lexer; all its state lives there (SQLite
 * tokenize.c).
 */
#ifndef PGT_LEXER_H
#define PGT_LEXER_H

#include <stddef.h>

enum tok_kind {
	TOK_EOF,
	TOK_IDENT,
	TOK_STRING,
	TOK_NUMBER,
	TOK_COMMENT,
	TOK_PUNCT,
	TOK_REGEX,
	TOK_TEXT /* JSX text: shown to users, never code */
};

enum tok_flags {
	TOKF_TEMPLATE = 1 << 0,	    /* a template literal */
	TOKF_INTERPOLATED = 1 << 1, /* holds ${...}: only partly known */
	TOKF_ESCAPES = 1 << 2,	    /* escapes were undone: not verbatim */
	TOKF_UNTERMINATED = 1 << 3,
	TOKF_RAW = 1 << 4,	 /* a Go raw string: no escapes */
	TOKF_TEXT_BLOCK = 1 << 5 /* a Java text block: indentation stripped */
};

/* LEX_JSX: JavaScript or TypeScript where <Tag> opens JSX (.js, .jsx,
 * .tsx); in .ts, <T>x is a type assertion. */
enum lex_lang { LEX_JS, LEX_GO, LEX_PY, LEX_JAVA, LEX_JSX };

/* Where JSX nesting has the lexer: in a tag's attributes, its closing
 * tag, an element's children (text), or a {...} expression inside. */
enum jsx_mode { JSX_TAG, JSX_CLOSE, JSX_CHILDREN, JSX_CODE };
#define JSX_MAX_DEPTH 64

struct token {
	enum tok_kind kind;
	unsigned flags;
	size_t begin, end; /* the token as written */
};

struct lexer {
	enum lex_lang lang;
	const char *text;
	size_t len, off;
	enum tok_kind prev; /* last significant token, for '/' */
	size_t prev_begin, prev_end;
	unsigned char jsx[JSX_MAX_DEPTH]; /* enum jsx_mode, innermost last */
	unsigned braces[JSX_MAX_DEPTH];	  /* open braces of a JSX_CODE */
	size_t njsx;
};

void lexer_init(struct lexer *lx, const char *text, size_t len,
		enum lex_lang lang);

/* The next token (TOK_EOF at the end). */
void lex_next(struct lexer *lx, struct token *t);

/*
 * The value of string token t of text (lexed as lang) with escapes undone;
 * a JS template's ${...} and a Python f-string's {...} fields, built at
 * run time, become one VALUE_UNKNOWN byte each (model/value.h). Returns a
 * malloc'd string; *len its length.
 */
/* The last byte of the field ({...} or ${...}) opening at s[i]. */
size_t lex_field_end(const char *s, size_t n, size_t i);

char *lex_string_value(const char *text, const struct token *t,
		       enum lex_lang lang, size_t *len);

/* Where the value of string token t lies: [*b, *e), inside its prefix
 * and quotes. */
void lex_string_body(const char *text, const struct token *t,
		     enum lex_lang lang, size_t *b, size_t *e);

#endif
