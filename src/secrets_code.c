/* SPDX-License-Identifier: MIT */
/*
 * secrets_code.c — the secrets of JS/TS, Go, Python and Java source, read
 * with the scanners' own lexer, tokens and string joins:
 *
 * - the value of anything named like a secret -- name = v, name := v,
 *   name: v, name => v, setName(v), name(v), "name": v, ["name"] = v,
 *   f("name", v) -- and getConnection's third argument: every literal of
 *   that expression, to its end (a ',' ';' or closer at its depth, or a
 *   new statement), lines after the name included;
 * - each string expression (literals joined across "+" and side by side,
 *   scan_common.c): the secrets of the joined value, masked byte by byte in
 *   the literals they come from, or the whole literal where its bytes
 *   cannot be told apart (escapes);
 * - comments: the plain-text rules, read from the lexer as it goes.
 */
#include "secrets_text.h"

#include <stdlib.h>
#include <string.h>

#include "model/value.h"
#include "scanners/eval.h"
#include "scanners/scan_common.h"
#include "secrets.h"

/* Masks the body of every string literal in tokens [from, to). */
static void
mask_literals(const struct tokens *ts, size_t from, size_t to,
	      struct source_ranges *out)
{
	size_t i, b, e;

	for (i = from; i < to && i < ts->nr; i++)
		if (tok_kind(ts, i) == TOK_STRING) {
			struct token t = tok_get(ts, i);

			lex_string_body(ts->src->text, &t, ts->lang, &b, &e);
			secrets_add(out, b, e);
		}
}

/* Whether token i names a secret: an identifier, or a string key. */
static int
names_secret(const struct tokens *ts, size_t i)
{
	struct token t = tok_get(ts, i);
	size_t b, e;

	if (t.kind == TOK_IDENT)
		return secrets_name_is_secret(ts->src->text + t.begin,
					      t.end - t.begin);
	if (t.kind != TOK_STRING || (t.flags & TOKF_INTERPOLATED))
		return 0;
	lex_string_body(ts->src->text, &t, ts->lang, &b, &e);
	return secrets_name_is_secret(ts->src->text + b, e - b);
}

/* The start of the value bound to a secret's name at token i, or 0:
 * name = v, name := v, name: v, name => v, setName(v) and name(v); a
 * string key as "name": v, ["name"] = v and f("name", v). */
static size_t
bound_value(const struct tokens *ts, size_t i)
{
	size_t j = i + 1;
	int str = tok_kind(ts, i) == TOK_STRING;

	if (!names_secret(ts, i))
		return 0;
	if (str && i && tok_punct(ts, i - 1, '[') && tok_punct(ts, j, ']'))
		j++;
	else if (str && i && tok_punct(ts, i - 1, '(') && tok_punct(ts, j, ','))
		return j + 1;
	else if (str && !tok_punct(ts, j, ':'))
		return 0;
	if (!str && tok_punct(ts, j, '('))
		return j + 1;
	if (tok_punct(ts, j, ':') && tok_punct(ts, j + 1, '='))
		return j + 2; /* Go's := */
	if (tok_punct(ts, j, '=') && tok_punct(ts, j + 1, '>'))
		return j + 2;
	if (tok_punct(ts, j, '=') && !tok_punct(ts, j + 1, '='))
		return j + 1;
	if (tok_punct(ts, j, ':') && !tok_punct(ts, j + 1, ':'))
		return j + 1;
	return 0;
}

/* DriverManager.getConnection(url, user, password): its third argument. */
static size_t
positional_password(const struct tokens *ts, size_t i)
{
	size_t j = i + 1, commas = 0;

	if (!tok_is(ts, i, "getConnection") || !tok_punct(ts, j, '('))
		return 0;
	for (j++; j < ts->nr && commas < 2; j++) {
		size_t e = eval_expr_end(ts, j);

		if (!tok_punct(ts, e, ','))
			return 0;
		commas++;
		j = e;
	}
	return commas == 2 ? j : 0;
}

/* The string expression from token i: its secrets, masked in the
 * literals they come from. */
static void
string_expression(struct tokens *ts, size_t i, struct source_ranges *out)
{
	struct buf value = BUF_INIT;
	struct source_ranges vr = {NULL, 0, 0, 0};
	struct scan_join j;
	size_t r, k, tok, off;

	scan_join(ts, i, &value, &j);
	if (secrets_might_hold(value.ptr, value.len))
		secrets_in_string(value.ptr, value.len, &vr);
	for (r = 0; r < vr.nr; r++)
		for (k = vr.v[r].begin; k < vr.v[r].end && k < value.len; k++) {
			if (value.ptr[k] == VALUE_UNKNOWN)
				continue; /* built at run time: no secret */
			off = scan_join_locate(&j, k, &tok);
			if (off != SCAN_NOT_EXACT)
				secrets_add(out, off, off + 1);
			else if (tok_kind(ts, tok) == TOK_STRING)
				mask_literals(ts, tok, tok + 1, out);
		}
	free(vr.v);
	scan_join_release(&j);
	buf_release(&value);
}

enum lex_lang
secrets_code_lang(const struct source *src)
{
	const char *dot = strrchr(src->path, '.');

	switch (src->kind) {
	case FILE_GO:
		return LEX_GO;
	case FILE_PY:
		return LEX_PY;
	case FILE_JAVA:
	case FILE_CSHARP:
		return LEX_JAVA;
	case FILE_PHP:
		return LEX_JS;
	default:
		return dot && (!strcmp(dot, ".ts") || !strcmp(dot, ".mts") ||
			       !strcmp(dot, ".cts"))
			   ? LEX_JS
			   : LEX_JSX;
	}
}

/* A comment or JSX text: the plain-text rules. */
static void
in_comment(const char *text, const struct tok_span *c,
	   struct source_ranges *out)
{
	struct source_ranges vr = {NULL, 0, 0, 0};
	size_t n = c->end - c->begin;

	if (!secrets_might_hold(text + c->begin, n))
		return;
	secrets_plain_text(text + c->begin, n, &vr);
	secrets_uri_userinfo(text + c->begin, n, &vr);
	secrets_map_value(&vr, text, c->begin, c->end, text + c->begin, n, 1,
			  out);
	free(vr.v);
}

void
secrets_in_tokens(struct tokens *ts, struct source_ranges *out)
{
	size_t i, v;

	for (i = 0; i < ts->ncomments; i++)
		in_comment(ts->src->text, &ts->comments[i], out);
	for (i = 0; i < ts->nr; i++) {
		v = bound_value(ts, i);
		if (!v)
			v = positional_password(ts, i);
		if (v)
			mask_literals(ts, v, eval_expr_end(ts, v), out);
	}
	for (i = 0; i < ts->nr; i++)
		if (tok_kind(ts, i) == TOK_STRING && !tok_judged(ts, i))
			string_expression(ts, i, out);
}

void
secrets_in_code(const struct source *src, struct source_ranges *out)
{
	struct tokens ts;

	tokens_read(&ts, src, secrets_code_lang(src), 0);
	secrets_in_tokens(&ts, out);
	tokens_release(&ts);
}
