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

#include "../model/client.h"
#include "../rules/engine.h"
#include "../util/xalloc.h"
#include "scan_common.h"

/* The driver the file imports, or -1. */
static int
js_driver(const struct tokens *ts)
{
	size_t i;

	for (i = 0; i + 1 < ts->nr; i++) {
		size_t s = 0;
		char *name;
		int d = -1;

		if (tok_is(ts, i, "from") || tok_is(ts, i, "import"))
			s = i + 1;
		if ((tok_is(ts, i, "require") || tok_is(ts, i, "import")) &&
		    tok_is(ts, i + 1, "("))
			s = i + 2;
		if (!s || !(name = tok_literal(ts, s)))
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

/* true or false as written at token i, malloc'd; else NULL. */
static char *
boolean(const struct tokens *ts, size_t i)
{
	return tok_is(ts, i, "true")	? xstrdup("true")
	       : tok_is(ts, i, "false") ? xstrdup("false")
					: NULL;
}

/* The ssl option whose value is token i, into f; the key of its
 * rejectUnauthorized is marked judged. */
static void
add_ssl_option(struct client_fact *f, struct tokens *ts, size_t i)
{
	char *lit = boolean(ts, i);
	size_t r;

	if (lit)
		add_option(f, "ssl", lit, &ts->v[i]);
	else if (tok_is(ts, i, "{") && ts->match[i]) {
		add_option(f, "ssl", "object", &ts->v[i]);
		if ((r = tok_object_prop(ts, i, "rejectUnauthorized"))) {
			lit = boolean(ts, r);
			add_option(f, "rejectUnauthorized", lit, &ts->v[r]);
			ts->judged[r - 2] =
			    1; /* its key: no finding of its own */
		}
	} else {
		lit = tok_literal(ts, i);
		add_option(f, "ssl", lit, &ts->v[i]);
	}
	free(lit);
}

/*
 * new Pool({...}) or new Client({...}) of node-postgres, the object
 * opening at token open. A connectionString we cannot read leaves the
 * whole connection unknown.
 */
static void
judge_node_config(struct check_ctx *ctx, struct tokens *ts, size_t open)
{
	size_t cs = tok_object_prop(ts, open, "connectionString");
	size_t ssl = tok_object_prop(ts, open, "ssl");
	size_t host = tok_object_prop(ts, open, "host");
	struct client_fact f;

	if (cs && ts->v[cs].kind != TOK_STRING)
		return; /* its URL may replace the ssl option: unknown */
	if (!cs && !host && !ssl)
		return; /* everything from PG* variables: unknown */
	client_fact_init(&f, DRIVER_NODE_PG, ts->src, ts->v[open].begin,
			 ts->v[ts->match[open]].end, "connection config");
	if (ssl)
		add_ssl_option(&f, ts, ssl);
	if (cs) /* the option is a default the URL's keys replace */
		scan_judge_string_at(ctx, ts, cs, &f);
	else {
		/* no host: PGHOST or localhost, a host we cannot see */
		size_t at = host ? host : open;
		char *h = host ? tok_literal(ts, host) : NULL;

		client_fact_add(&f, "host", h, ts->v[at].begin, ts->v[at].end);
		free(h);
		engine_run_client(ctx, &f);
	}
	client_fact_release(&f);
}

/* process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0', rejectUnauthorized:
 * false outside a config object, password: '<literal>'. */
static void
judge_overrides(struct check_ctx *ctx, const struct tokens *ts, int driver)
{
	const struct source *src = ts->src;
	size_t i, val;
	char *lit;

	for (i = 0; i < ts->nr; i++) {
		if (ts->judged[i])
			continue;
		if ((val =
			 tok_value_of(ts, i, "NODE_TLS_REJECT_UNAUTHORIZED")) &&
		    (lit = tok_literal(ts, val))) {
			if (!strcmp(lit, "0"))
				engine_client_override(
				    ctx, src, ts->v[val].begin, ts->v[val].end,
				    "NODE_TLS_REJECT_UNAUTHORIZED='0' turns "
				    "off certificate checks for every TLS "
				    "connection of the Node.js process");
			free(lit);
		}
		if (driver < 0)
			continue;
		if ((val = tok_value_of(ts, i, "rejectUnauthorized")) &&
		    tok_is(ts, val, "false"))
			scan_report_no_verify(ctx, ts, val, val, driver,
					      "rejectUnauthorized: false "
					      "accepts any server certificate",
					      "true");
		if ((val = tok_value_of(ts, i, "password")) &&
		    (lit = tok_literal(ts, val))) {
			if (*lit && !client_is_placeholder(lit))
				engine_client_password(
				    ctx, src, ts->v[val].begin + 1,
				    ts->v[val].end - 1,
				    "password written in 'password' (****)");
			free(lit);
		}
	}
}

void
js_judge_source(struct check_ctx *ctx, const struct source *src)
{
	static const char *const needles[] = {"postgres",
					      "host",
					      "sslmode",
					      "'pg",
					      "\"pg",
					      "`pg",
					      "NODE_TLS_REJECT_UNAUTHORIZED",
					      NULL};
	struct tokens ts;
	int driver;
	size_t i;

	if (!scan_worth_lexing(src, needles))
		return;
	tokens_read(&ts, src, LEX_JS);
	driver = js_driver(&ts);
	for (i = 2; driver == DRIVER_NODE_PG && i < ts.nr; i++)
		if (ts.match[i] && tok_is(&ts, i, "{") &&
		    tok_is(&ts, i - 1, "(") &&
		    (tok_is(&ts, i - 2, "Pool") ||
		     tok_is(&ts, i - 2, "Client")))
			judge_node_config(ctx, &ts, i);
	judge_overrides(ctx, &ts, driver);
	scan_judge_strings(ctx, &ts, driver);
	tokens_release(&ts);
}
