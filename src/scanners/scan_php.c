/* SPDX-License-Identifier: MIT */
/*
 * scan_php.c — from PHP source to client facts.
 *
 * PHP's strings and comments are close enough to JavaScript's for its
 * lexer, once two differences are taken out of a copy of the text (same
 * length, so every offset holds): a '#' comment becomes blanks, and a
 * double-quoted string's interpolations ($name, {$expr}: php.net
 * language.types.string "Variable parsing") become holes, the parts we
 * cannot see; and its '.' (concatenation) becomes the evaluator's '+'.
 * Then:
 * - every string is judged as a connection string (a PDO DSN
 *   "pgsql:host=...;sslmode=..." is libpq's: model/conn_string.c);
 * - a Laravel connection array ('driver' => 'pgsql', 'host' =>
 *   env('DB_HOST', '127.0.0.1'), 'sslmode' => env('DB_SSLMODE',
 *   'prefer'), ...): Illuminate/Database/Connectors/PostgresConnector.php
 *   builds a PDO DSN from host, port, sslmode, sslcert, sslkey and
 *   sslrootcert, and the password goes to PDO; env()'s second argument is
 *   a default the program may really use (RULES.md decision 11).
 */
#include "scan_php.h"

#include <stdlib.h>
#include <string.h>

#include "../model/client.h"
#include "../model/conn_string.h"
#include "../parsers/conninfo.h"
#include "../util/xalloc.h"
#include "eval.h"
#include "scan_common.h"

static int
ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* The copy the JavaScript lexer can read (see above). */
static char *
lexable_copy(const char *s, size_t n)
{
	char *t = xmalloc(n + 1);
	size_t i = 0, k;

	memcpy(t, s, n);
	t[n] = '\0';
	while (i < n) {
		if (s[i] == '#' || (s[i] == '/' && i + 1 < n && s[i + 1] == '/')) {
			int hash = s[i] == '#';

			while (i < n && s[i] != '\n') {
				if (hash)
					t[i] = ' ';
				i++;
			}
		} else if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *e = strstr(s + i + 2, "*/");

			i = e ? (size_t)(e - s) + 2 : n;
		} else if (s[i] == '\'') {
			for (i++; i < n && s[i] != '\''; i++)
				if (s[i] == '\\')
					i++;
			i++;
		} else if (s[i] == '"') {
			for (i++; i < n && s[i] != '"';) {
				if (s[i] == '\\') {
					i += 2;
					continue;
				}
				k = i;
				if (s[i] == '{' && i + 1 < n && s[i + 1] == '$') {
					while (k < n && s[k] != '}' && s[k] != '"')
						k++;
					k += k < n && s[k] == '}';
				} else if (s[i] == '$' && i + 1 < n &&
					   ident_char(s[i + 1])) {
					for (k = i + 1; k < n && ident_char(s[k]);
					     k++)
						;
				}
				if (k > i) {
					memset(t + i, CONNINFO_HOLE, k - i);
					i = k;
				} else
					i++;
			}
			i++;
		} else {
			/* PHP joins strings with '.', and '.=' appends: the
			 * evaluator's '+' and '+=' (a '.' between digits is a
			 * number's) */
			if (s[i] == '.' &&
			    !(i && s[i - 1] >= '0' && s[i - 1] <= '9' &&
			      i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9'))
				t[i] = '+';
			i++;
		}
	}
	return t;
}

/* The value token of 'key' => value directly inside the array whose
 * opening "[" or "(" is open, or 0. */
static size_t
array_value(const struct tokens *ts, size_t open, const char *key)
{
	size_t close = tok_match(ts, open), k;

	for (k = open + 1; k + 3 < close; k++) {
		char *lit;
		int hit;

		if (tok_match(ts, k) > k) {
			k = tok_match(ts, k);
			continue;
		}
		/* the lexer reads "=>" as '=' then '>' */
		if (tok_kind(ts, k) != TOK_STRING || !tok_punct(ts, k + 1, '=') ||
		    !tok_punct(ts, k + 2, '>') || !(lit = tok_literal(ts, k)))
			continue;
		hit = !strcmp(lit, key);
		free(lit);
		if (hit)
			return k + 3;
	}
	return 0;
}

/* A Laravel setting's value at token v into f: a literal, or env('X',
 * 'default')'s default; env('X') and other calls are unknown. */
static void
add_setting(struct client_fact *f, const struct tokens *ts, size_t v,
	    const char *key)
{
	struct client_param *p;
	char *lit;

	if ((tok_is(ts, v, "env") || tok_is(ts, v, "getenv")) &&
	    tok_punct(ts, v + 1, '(')) {
		size_t d = tok_call_arg(ts, v + 1, 1);

		if (!d || tok_kind(ts, d) != TOK_STRING) {
			client_fact_add(f, key, NULL, tok_begin(ts, v),
					tok_end(ts, v));
			return;
		}
		v = d;
		lit = tok_literal(ts, v);
		p = tok_add_param(f, ts, v, key, lit);
		p->origin = ORIGIN_DEFAULT;
		free(lit);
		return;
	}
	lit = tok_kind(ts, v) == TOK_STRING ? tok_literal(ts, v) : NULL;
	tok_add_param(f, ts, v, key, lit);
	free(lit);
}

/* A Laravel connection array, its opening bracket at open. */
static void
judge_laravel(struct fact_ctx *fx, const struct tokens *ts, size_t open)
{
	static const char *const keys[] = {"host", "port", "password",
					   "sslmode", "sslrootcert", "sslcert",
					   "sslkey"};
	struct client_fact f;
	size_t k, v;

	if (array_value(ts, open, "url"))
		return; /* a URL (DB_URL) whose query overrides the array */
	client_fact_init(&f, DRIVER_LIBPQ, ts->src, tok_begin(ts, open),
			 tok_end(ts, tok_match(ts, open)),
			 "Laravel database connection");
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if ((v = array_value(ts, open, keys[k])))
			add_setting(&f, ts, v, keys[k]);
	if (!client_get(&f, "host")) /* config/database.php's default */
		client_fact_add(&f, "host", "127.0.0.1", f.begin, f.begin);
	conn_args_judge(fx, &f);
	client_fact_release(&f);
}

void
php_judge_source(struct fact_ctx *fx, const struct source *src)
{
	static const char *const needles[] = {"pgsql", "postgres", NULL};
	struct source copy;
	struct tokens ts;
	struct eval ev;
	size_t i, from = fx->out->nr;

	if (!facts_worth_reading(fx, src, needles))
		return;
	scan_copy_open(&copy, &ts, src, lexable_copy(src->text, src->len),
		       LEX_JS);
	eval_init(&ev, &ts);
	for (i = 0; i + 1 < ts.nr; i++) {
		size_t v;
		char *lit;

		if ((!tok_is(&ts, i, "[") && !tok_is(&ts, i, "(")) ||
		    !tok_match(&ts, i) || !(v = array_value(&ts, i, "driver")))
			continue;
		lit = tok_literal(&ts, v);
		if (lit && !strcmp(lit, "pgsql"))
			judge_laravel(fx, &ts, i);
		free(lit);
	}
	/* new PDO($dsn, $user, $password): the DSN in its driver's
	 * position, the password argument (ext/pdo PDO::__construct) */
	for (i = 0; i + 2 < ts.nr; i++) {
		size_t dsn, pw;

		if (!tok_is(&ts, i, "new") || !tok_is(&ts, i + 1, "PDO") ||
		    !tok_punct(&ts, i + 2, '(') || !tok_match(&ts, i + 2))
			continue;
		if ((dsn = tok_call_arg(&ts, i + 2, 0)) &&
		    !eval_all_unknown(&ev, dsn, 1))
			scan_judge_expr(fx, &ev, dsn, NULL, 1);
		if ((pw = tok_call_arg(&ts, i + 2, 2)))
			scan_password_expr(fx, &ev, pw, DRIVER_LIBPQ,
					   "PDO's password argument");
	}
	scan_judge_strings(fx, &ev, -1);
	eval_release(&ev);
	scan_copy_close(fx, from, src, &copy, &ts);
}
