/* SPDX-License-Identifier: MIT */
/*
 * scan_js.c — from JavaScript/TypeScript tokens to client facts.
 *
 * The driver comes from the file's imports: require('pg') or
 * import ... from 'pg' (node-postgres, brianc/node-postgres
 * packages/pg/lib/index.js), 'postgres' (porsager/postgres src/index.js).
 * A file importing neither has no driver context (RULES.md decision 2),
 * and then only the process-wide NODE_TLS_REJECT_UNAUTHORIZED counts
 * (decision 9).
 *
 * What is judged:
 * - the config object of new Pool({...}) / new Client({...}) (node-
 *   postgres): its connectionString, host and ssl option together, as
 *   pg/lib/connection-parameters.js combines them (the model's
 *   judge_node_pg says how);
 * - every other string literal that is a connection string or URL, with
 *   the file's driver; a template's ${...} parts are placeholders;
 * - rejectUnauthorized: false outside such an object (PGT305; the fix
 *   writes true): Node's tls.connect then accepts any certificate
 *   (nodejs doc/api/tls.md);
 * - process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0': only the exact
 *   string '0' disables checks (nodejs lib/_tls_wrap.js);
 * - password: '<literal>' in a driver's file (PGT308, decision 6).
 * Comments are never code (decision 7).
 */
#include "scan_js.h"

#include <stdlib.h>
#include <string.h>

#include "../carriers.h"
#include "../model/client.h"
#include "../rules/engine.h"
#include "../util/source.h"
#include "../util/xalloc.h"
#include "lexer.h"

struct js_tokens {
	struct token *v; /* owned; comments left out */
	size_t nr, alloc;
};

static void
js_tokenize(const struct source *src, struct js_tokens *ts)
{
	struct lexer lx;
	struct token t;

	memset(ts, 0, sizeof(*ts));
	lexer_init(&lx, src->text, src->len);
	do {
		js_next(&lx, &t);
		if (t.kind == TOK_COMMENT)
			continue;
		ALLOC_GROW(ts->v, ts->nr + 1, ts->alloc);
		ts->v[ts->nr++] = t;
	} while (t.kind != TOK_EOF);
}

static int
tok_is(const struct source *src, const struct token *t, const char *word)
{
	size_t n = strlen(word);

	return t->end - t->begin == n && !memcmp(src->text + t->begin, word, n);
}

/* The string value of t when it is a plain literal ('..', "..", `..`
 * without ${}), else NULL. */
static char *
literal(const struct source *src, const struct token *t)
{
	struct lexer lx;
	size_t len;
	char *v;

	if (t->kind != TOK_STRING ||
	    (t->flags & (TOKF_INTERPOLATED | TOKF_UNTERMINATED)))
		return NULL;
	lexer_init(&lx, src->text, src->len);
	v = js_string_value(&lx, t, &len);
	if (strlen(v) != len) { /* a NUL escape: not a name we know */
		free(v);
		return NULL;
	}
	return v;
}

/* The driver the file imports, or -1. */
static int
js_driver(const struct source *src, const struct js_tokens *ts)
{
	size_t i;

	for (i = 0; i + 1 < ts->nr; i++) {
		const struct token *t = &ts->v[i], *s = NULL;
		char *name;
		int d = -1;

		if (tok_is(src, t, "from") || tok_is(src, t, "import"))
			s = &ts->v[i + 1];
		else if ((tok_is(src, t, "require") ||
			  tok_is(src, t, "import")) &&
			 i + 2 < ts->nr && tok_is(src, &ts->v[i + 1], "("))
			s = &ts->v[i + 2];
		if (!s || !(name = literal(src, s)))
			continue;
		if (!strcmp(name, "pg") || !strcmp(name, "pg-pool"))
			d = DRIVER_NODE_PG;
		else if (!strcmp(name, "postgres"))
			d = DRIVER_POSTGRES_JS;
		free(name);
		if (d >= 0)
			return d;
	}
	return -1;
}

/* The value token when tokens i, i+1 are the name then ':' or '=' (a
 * property or an assignment, as in process.env.NAME = '0'), else NULL. */
static const struct token *
value_of(const struct source *src, const struct js_tokens *ts, size_t i,
	 const char *name)
{
	if (ts->v[i].kind != TOK_IDENT || !tok_is(src, &ts->v[i], name) ||
	    i + 2 >= ts->nr)
		return NULL;
	if (!tok_is(src, &ts->v[i + 1], ":") &&
	    !tok_is(src, &ts->v[i + 1], "="))
		return NULL;
	if (tok_is(src, &ts->v[i + 1], "=") && tok_is(src, &ts->v[i + 2], "="))
		return NULL; /* a comparison, not an assignment */
	return &ts->v[i + 2];
}

/* For each opening bracket token, the index of its closing one (0: none). */
static size_t *
match_brackets(const struct source *src, const struct js_tokens *ts)
{
	size_t *match = xcalloc(ts->nr ? ts->nr : 1, sizeof(*match));
	size_t *stack = xcalloc(ts->nr ? ts->nr : 1, sizeof(*stack));
	size_t depth = 0, i;

	for (i = 0; i < ts->nr; i++) {
		char c =
		    ts->v[i].kind == TOK_PUNCT ? src->text[ts->v[i].begin] : 0;

		if (c == '(' || c == '[' || c == '{')
			stack[depth++] = i;
		else if ((c == ')' || c == ']' || c == '}') && depth &&
			 src->text[ts->v[stack[depth - 1]].begin] ==
			     (c == ')'	 ? '('
			      : c == ']' ? '['
					 : '{'))
			match[stack[--depth]] = i;
	}
	free(stack);
	return match;
}

/* The index of the value of property name directly inside the object
 * opening at token open, or 0. */
static size_t
object_prop(const struct source *src, const struct js_tokens *ts,
	    const size_t *match, size_t open, const char *name)
{
	size_t k, close = match[open];

	for (k = open + 1; k + 2 < close; k++) {
		const struct token *t = &ts->v[k];
		char *key;
		int hit;

		if (match[k]) { /* a nested object, call or array */
			k = match[k];
			continue;
		}
		if (!tok_is(src, &ts->v[k + 1], ":"))
			continue;
		if (t->kind == TOK_IDENT)
			hit = tok_is(src, t, name);
		else if ((key = literal(src, t))) {
			hit = !strcmp(key, name);
			free(key);
		} else
			continue;
		if (hit)
			return k + 2;
	}
	return 0;
}

static struct client_param *
add_option(struct client_fact *f, const char *key, const char *value,
	   const struct token *t)
{
	struct client_param *p =
	    client_fact_add(f, key, value, t->begin, t->end);

	p->in_code = 1;
	p->exact = value && (!strcmp(value, "true") || !strcmp(value, "false"));
	return p;
}

/* The ssl option whose value is token i, into f; the key of its
 * rejectUnauthorized is marked judged. */
static void
add_ssl_option(struct client_fact *f, const struct source *src,
	       const struct js_tokens *ts, const size_t *match, size_t i,
	       unsigned char *judged)
{
	const struct token *t = &ts->v[i];
	size_t r;
	char *lit;

	if (t->kind == TOK_IDENT &&
	    (tok_is(src, t, "true") || tok_is(src, t, "false"))) {
		lit = xstrndup(src->text + t->begin, t->end - t->begin);
		add_option(f, "ssl", lit, t);
		free(lit);
	} else if (tok_is(src, t, "{") && match[i]) {
		add_option(f, "ssl", "object", t);
		if ((r = object_prop(src, ts, match, i,
				     "rejectUnauthorized"))) {
			const struct token *v = &ts->v[r];
			int known =
			    tok_is(src, v, "true") || tok_is(src, v, "false");

			lit = known ? xstrndup(src->text + v->begin,
					       v->end - v->begin)
				    : NULL;
			add_option(f, "rejectUnauthorized", lit, v);
			free(lit);
			judged[r - 2] = 1; /* its key: no finding of its own */
		}
	} else {
		lit = literal(src, t);
		add_option(f, "ssl", lit, t);
		free(lit);
	}
}

static void judge_string(struct check_ctx *ctx, const struct source *src,
			 const struct token *t,
			 const struct client_fact *context);

/*
 * new Pool({...}) or new Client({...}) of node-postgres, the object
 * opening at token open. A connectionString we cannot read leaves the
 * whole connection unknown.
 */
static void
judge_node_config(struct check_ctx *ctx, const struct source *src,
		  const struct js_tokens *ts, const size_t *match, size_t open,
		  unsigned char *judged)
{
	size_t cs = object_prop(src, ts, match, open, "connectionString");
	size_t ssl = object_prop(src, ts, match, open, "ssl");
	size_t host = object_prop(src, ts, match, open, "host");
	struct client_fact f;

	if (cs && ts->v[cs].kind != TOK_STRING)
		return; /* its URL may replace the ssl option: unknown */
	client_fact_init(&f, DRIVER_NODE_PG, src, ts->v[open].begin,
			 ts->v[match[open]].end, "connection config");
	if (ssl)
		add_ssl_option(&f, src, ts, match, ssl, judged);
	if (cs) { /* the option is a default the URL's keys replace */
		judged[cs] = 1;
		judge_string(ctx, src, &ts->v[cs], &f);
	} else {
		char *h = host ? literal(src, &ts->v[host]) : NULL;

		if (host)
			client_fact_add(&f, "host", h, ts->v[host].begin,
					ts->v[host].end);
		else
			f.host_elsewhere = 1; /* PGHOST or localhost */
		free(h);
		engine_run_client(ctx, &f);
	}
	client_fact_release(&f);
}

static void
judge_string(struct check_ctx *ctx, const struct source *src,
	     const struct token *t, const struct client_fact *context)
{
	struct lexer lx;
	struct text_map map;
	size_t len;
	char *v;

	lexer_init(&lx, src->text, src->len);
	v = js_string_value(&lx, t, &len);
	memset(&map, 0, sizeof(map));
	map.src = src;
	map.base = t->begin + 1;
	map.end = t->flags & TOKF_UNTERMINATED ? t->end : t->end - 1;
	/* Undone escapes shift bytes: then only the whole literal is known. */
	map.verbatim = !(t->flags & TOKF_ESCAPES) && map.end - map.base == len;
	if (strlen(v) == len)
		carriers_judge_string(ctx, v, len, &map, context,
				      "connection string");
	free(v);
}

void
js_judge_source(struct check_ctx *ctx, const struct source *src)
{
	struct js_tokens ts;
	struct client_fact context;
	int driver;
	size_t i, *match;
	unsigned char *judged;

	js_tokenize(src, &ts);
	driver = js_driver(src, &ts);
	match = match_brackets(src, &ts);
	judged = xcalloc(ts.nr, 1);
	for (i = 2; driver == DRIVER_NODE_PG && i < ts.nr; i++)
		if (match[i] && tok_is(src, &ts.v[i], "{") &&
		    tok_is(src, &ts.v[i - 1], "(") &&
		    (tok_is(src, &ts.v[i - 2], "Pool") ||
		     tok_is(src, &ts.v[i - 2], "Client")))
			judge_node_config(ctx, src, &ts, match, i, judged);
	/* No parameters: only the driver, for the strings of this file. */
	client_fact_init(&context,
			 driver >= 0 ? (enum driver)driver : DRIVER_LIBPQ, src,
			 0, 0, "environment");
	context.driver_guessed = driver < 0;
	for (i = 0; i < ts.nr; i++) {
		const struct token *t = &ts.v[i], *val;
		char *lit;

		if (judged[i])
			continue;
		if (t->kind == TOK_STRING)
			judge_string(ctx, src, t, &context);
		if ((val = value_of(src, &ts, i,
				    "NODE_TLS_REJECT_UNAUTHORIZED")) &&
		    (lit = literal(src, val))) {
			if (!strcmp(lit, "0"))
				engine_client_override(
				    ctx, src, val->begin, val->end,
				    "NODE_TLS_REJECT_UNAUTHORIZED='0' turns "
				    "off certificate checks for every TLS "
				    "connection of the Node.js process");
			free(lit);
		}
		if (driver < 0)
			continue;
		if ((val = value_of(src, &ts, i, "rejectUnauthorized")) &&
		    tok_is(src, val, "false"))
			check_fix(engine_client_override(
				      ctx, src, val->begin, val->end,
				      "certificate verification is switched "
				      "off: rejectUnauthorized: false accepts "
				      "any server certificate (%s)",
				      driver_names[driver]),
				  src, val->begin, val->end, "true");
		if ((val = value_of(src, &ts, i, "password")) &&
		    (lit = literal(src, val))) {
			if (*lit && !client_is_placeholder(lit))
				engine_client_password(
				    ctx, src, val->begin + 1, val->end - 1,
				    "password written in 'password' (****)");
			free(lit);
		}
	}
	client_fact_release(&context);
	free(judged);
	free(match);
	free(ts.v);
}
