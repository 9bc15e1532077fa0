/* SPDX-License-Identifier: MIT */
/*
 * scan_cs.c — from C# source to client facts: Npgsql connection strings
 * (model/conn_string.c reads their form wherever it is) and
 * NpgsqlConnectionStringBuilder initializers.
 *
 * C#'s strings are read with the Java lexer, from a copy of the text of
 * the same length: an interpolated string's holes ($"...{expr}...",
 * learn.microsoft.com csharp/language-reference/tokens/interpolated)
 * become holes, the parts we cannot see, and a verbatim string's @ is
 * dropped (its doubled quotes "" then read as two strings side by side,
 * which the evaluator joins).
 *
 * new NpgsqlConnectionStringBuilder { Host = ..., SslMode = SslMode.X,
 * TrustServerCertificate = true, Password = ... }, or set one by one
 * afterwards (b.SslMode = ...): the builder's properties (src/Npgsql/NpgsqlConnectionStringBuilder.cs), with
 * parsers/npgsql.c's names and model/client.c judge_npgsql's meaning.
 */
#include "scan_cs.h"

#include <stdlib.h>
#include <string.h>

#include "../model/client.h"
#include "../model/conn_string.h"
#include "../parsers/conninfo.h"
#include "../util/xalloc.h"
#include "eval.h"
#include "scan_common.h"

/* The copy the Java lexer can read (see above). */
static char *
lexable_copy(const char *s, size_t n)
{
	char *t = xmalloc(n + 1);
	size_t i = 0, k;

	memcpy(t, s, n);
	t[n] = '\0';
	while (i < n) {
		int interp = 0, verbatim = 0;

		if (s[i] == '/' && i + 1 < n && s[i + 1] == '/') {
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *e = strstr(s + i + 2, "*/");

			i = e ? (size_t)(e - s) + 2 : n;
			continue;
		}
		if (s[i] == '\'') { /* a char literal */
			i += 1 + (i + 1 < n && s[i + 1] == '\\');
			while (i < n && s[i] != '\'' && s[i] != '\n')
				i++;
			i++;
			continue;
		}
		for (k = i; k < n && (s[k] == '$' || s[k] == '@'); k++) {
			interp |= s[k] == '$';
			verbatim |= s[k] == '@';
		}
		if (k >= n || s[k] != '"' || k - i > 2) {
			i = k > i ? k : i + 1;
			continue;
		}
		memset(t + i, ' ', k - i); /* the prefix */
		for (i = k + 1; i < n; i++) {
			if (verbatim && s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
				i++;
				continue;
			}
			if (s[i] == '"')
				break;
			if (!verbatim && s[i] == '\\') {
				i++;
				continue;
			}
			if (interp && s[i] == '{' && i + 1 < n && s[i + 1] == '{') {
				i++;
				continue;
			}
			if (interp && s[i] == '{') {
				for (k = i; k < n && s[k] != '}' && s[k] != '"'; k++)
					;
				k += k < n && s[k] == '}';
				memset(t + i, CONNINFO_HOLE, k - i);
				i = k - 1;
			}
		}
		i++;
	}
	return t;
}

/* The builder's properties, as parsers/npgsql.c names them. */
static const char *const builder_props[][2] = {
    {"Host", "host"},	      {"Port", "port"},
    {"Database", "dbname"},   {"Username", "user"},
    {"Password", "password"}, {"SslMode", "sslmode"},
    {"RootCertificate", "sslrootcert"},
    {"TrustServerCertificate", "trustservercertificate"}};

/* Property = value at token k (a property of the builder) into f. */
static void
builder_property(struct client_fact *f, const struct tokens *ts, size_t k)
{
	size_t j, v = k + 2, last = v;
	char *lit = NULL;

	if (!tok_punct(ts, k + 1, '=') || tok_punct(ts, k + 2, '='))
		return;
	for (j = 0; j < sizeof(builder_props) / sizeof(builder_props[0]); j++)
		if (tok_is(ts, k, builder_props[j][0]))
			break;
	if (j == sizeof(builder_props) / sizeof(builder_props[0]))
		return;
	while (tok_punct(ts, last + 1, '.'))
		last += 2;
	if (tok_kind(ts, v) == TOK_STRING)
		lit = tok_literal(ts, v);
	else if (last > v || tok_is(ts, v, "true") || tok_is(ts, v, "false")) {
		/* SslMode.Require (the enum's last name, lowercased); true */
		size_t b = tok_begin(ts, last);

		lit = xstrndup(ts->src->text + b, tok_end(ts, last) - b);
		for (b = 0; lit[b]; b++)
			if (lit[b] >= 'A' && lit[b] <= 'Z')
				lit[b] = (char)(lit[b] - 'A' + 'a');
	}
	client_fact_add(f, builder_props[j][1], lit, tok_begin(ts, v),
			tok_end(ts, last))
	    ->in_code = tok_kind(ts, v) != TOK_STRING;
	free(lit);
}

/* new NpgsqlConnectionStringBuilder(...) { ... } at token at (its "new"),
 * and name.Property = value statements after it when it is bound to a
 * name (var name = new ...). */
static void
judge_builder(struct fact_ctx *fx, const struct tokens *ts, size_t at)
{
	size_t open = at + 2, end, k, name = 0;
	struct client_fact f;

	if (tok_punct(ts, open, '(') && tok_match(ts, open))
		open = tok_match(ts, open) + 1;
	end = tok_punct(ts, open, '{') && tok_match(ts, open)
		  ? tok_match(ts, open)
		  : open;
	if (at >= 2 && tok_punct(ts, at - 1, '=') &&
	    tok_kind(ts, at - 2) == TOK_IDENT)
		name = at - 2;
	client_fact_init(&f, DRIVER_NPGSQL, ts->src, tok_begin(ts, at),
			 tok_end(ts, end), "NpgsqlConnectionStringBuilder");
	for (k = open + 1; k + 2 < end; k++) {
		if (tok_match(ts, k) > k)
			k = tok_match(ts, k);
		else
			builder_property(&f, ts, k);
	}
	for (k = end; name && k + 4 < ts->nr; k++)
		if (tok_same(ts, k, name) && tok_punct(ts, k + 1, '.'))
			builder_property(&f, ts, k + 2);
	if (!client_get(&f, "host")) /* Host is required: set elsewhere */
		client_fact_add(&f, "host", NULL, f.begin, f.begin);
	conn_args_judge(fx, &f);
	client_fact_release(&f);
}

void
cs_judge_source(struct fact_ctx *fx, const struct source *src)
{
	static const char *const needles[] = {"Npgsql", "Host=", "Server=",
					      "postgres", "host=", NULL};
	struct source copy;
	struct tokens ts;
	struct eval ev;
	size_t i, from = fx->out->nr;

	if (!facts_worth_reading(fx, src, needles))
		return;
	scan_copy_open(&copy, &ts, src, lexable_copy(src->text, src->len),
		       LEX_JAVA);
	eval_init(&ev, &ts);
	for (i = 1; i + 2 < ts.nr; i++)
		if (tok_is(&ts, i, "NpgsqlConnectionStringBuilder") &&
		    tok_is(&ts, i - 1, "new"))
			judge_builder(fx, &ts, i - 1);
	scan_judge_strings(fx, &ev, -1);
	eval_release(&ev);
	scan_copy_close(fx, from, src, &copy, &ts);
}
