/* SPDX-License-Identifier: MIT */
/*
 * scan_py.c — from Python tokens to client facts.
 *
 * The driver comes from the file's imports: psycopg, psycopg2 and
 * psycopg_pool speak libpq; asyncpg has its own table. A file importing
 * neither has no driver context (RULES.md decision 2), and its SSLContext
 * settings do not count (decision 9).
 *
 * What is judged:
 * - every string expression that is a connection string or URL (adjacent
 *   literals join; an f-string's fields are unknown parts);
 * - psycopg's connect(conninfo, **kwargs) and the pools that take a
 *   conninfo: keyword arguments that are libpq keywords override the
 *   string's (psycopg/conninfo.py make_conninfo: "Parameters overriding
 *   the ones specified in conninfo"; None arguments are dropped, and so
 *   are the ones we cannot read: unknown);
 * - asyncpg's connect/create_pool ssl= argument, which replaces the DSN's
 *   sslmode (asyncpg/connect_utils.py _parse_connect_dsn_and_args reads
 *   sslmode from the DSN only when ssl is None);
 * - ctx.check_hostname = False and ctx.verify_mode = ssl.CERT_NONE
 *   (PGT305): the context then accepts any certificate or host.
 */
#include "scan_py.h"

#include <stdlib.h>
#include <string.h>

#include "../model/client.h"
#include "../parsers/conninfo.h"
#include "../rules/engine.h"
#include "../util/xalloc.h"
#include "scan_common.h"

/* The driver the file imports, or -1. */
static int
py_driver(const struct tokens *ts)
{
	size_t i;

	for (i = 0; i + 1 < ts->nr; i++) {
		if (!tok_is(ts, i, "import") && !tok_is(ts, i, "from"))
			continue;
		if (tok_is(ts, i + 1, "psycopg") ||
		    tok_is(ts, i + 1, "psycopg2") ||
		    tok_is(ts, i + 1, "psycopg_pool"))
			return DRIVER_LIBPQ;
		if (tok_is(ts, i + 1, "asyncpg"))
			return DRIVER_ASYNCPG;
	}
	return -1;
}

/* Calls that take a connection: psycopg.connect(...), psycopg2.connect,
 * (Async)Connection.connect, asyncpg.connect / create_pool, and the pool
 * classes of psycopg_pool and psycopg2.pool. */
static int
connect_call(const struct tokens *ts, size_t i)
{
	static const char *const owners[] = {"psycopg", "psycopg2", "asyncpg",
					     "Connection", "AsyncConnection"};
	static const char *const pools[] = {
	    "ConnectionPool", "AsyncConnectionPool", "SimpleConnectionPool",
	    "ThreadedConnectionPool"};
	size_t k;

	if (!tok_is(ts, i + 1, "(") || !ts->match[i + 1])
		return 0;
	for (k = 0; k < sizeof(pools) / sizeof(pools[0]); k++)
		if (tok_is(ts, i, pools[k]))
			return 1;
	if ((!tok_is(ts, i, "connect") && !tok_is(ts, i, "create_pool")) ||
	    i < 2 || !tok_is(ts, i - 1, "."))
		return 0;
	for (k = 0; k < sizeof(owners) / sizeof(owners[0]); k++)
		if (tok_is(ts, i - 2, owners[k]))
			return 1;
	return 0;
}

/* A keyword argument's value as text: a string literal, a number, True
 * or False; NULL when not a literal. */
static char *
argument_value(const struct tokens *ts, size_t v)
{
	const struct token *t = &ts->v[v];

	if (t->kind == TOK_NUMBER || tok_is(ts, v, "True") ||
	    tok_is(ts, v, "False"))
		return xstrndup(ts->src->text + t->begin, t->end - t->begin);
	return tok_literal(ts, v);
}

/*
 * The call whose "(" is token open: its conninfo (first positional string,
 * or conninfo=/dsn=) and its keyword arguments, judged together.
 */
static void
judge_connect_call(struct check_ctx *ctx, struct tokens *ts, size_t open,
		   int driver, int version)
{
	size_t close = ts->match[open], k, dsn = 0;
	int dsn_unknown = 0, has_mode = 0;
	struct client_fact args;

	client_fact_init(&args, (enum driver)driver, ts->src, ts->v[open].begin,
			 ts->v[close].end, "connect() arguments");
	for (k = open + 1; k < close; k++) {
		int at_arg = k == open + 1 || tok_is(ts, k - 1, ",");
		size_t v = k + 2;

		if (ts->match[k]) {
			k = ts->match[k];
			continue;
		}
		if (!at_arg)
			continue;
		if (!(ts->v[k].kind == TOK_IDENT && tok_is(ts, k + 1, "=") &&
		      !tok_is(ts, k + 2, "="))) {
			/* a positional argument: a string is the conninfo, a
			 * name or call may be one (pools take sizes first) */
			if (ts->v[k].kind == TOK_STRING && !dsn && !dsn_unknown)
				dsn = k;
			else if (ts->v[k].kind != TOK_NUMBER &&
				 ts->v[k].kind != TOK_STRING)
				dsn_unknown = 1;
			continue;
		}
		if (tok_is(ts, k, "conninfo") || tok_is(ts, k, "dsn")) {
			if (ts->v[v].kind == TOK_STRING)
				dsn = v;
			else
				dsn_unknown = 1;
			continue;
		}
		char *name = xstrndup(ts->src->text + ts->v[k].begin,
				      ts->v[k].end - ts->v[k].begin);
		const char *key =
		    driver == DRIVER_ASYNCPG && !strcmp(name, "ssl")
			? "sslmode" /* replaces the DSN's */
		    : conninfo_is_keyword(name, version) ? name
							 : NULL;

		if (key) {
			char *value = argument_value(ts, v);

			client_fact_add(&args, key, value, ts->v[v].begin,
					ts->v[v].end)
			    ->overrides = 1;
			has_mode |= !strcmp(key, "sslmode");
			free(value);
		}
		free(name);
	}
	if (dsn)
		scan_judge_string_at(ctx, ts, dsn, &args);
	else if (!dsn_unknown || has_mode) {
		args.host_elsewhere = !client_get(&args, "host");
		engine_run_client(ctx, &args);
	}
	client_fact_release(&args);
}

/* ctx.check_hostname = False, ctx.verify_mode = ssl.CERT_NONE. */
static void
judge_ssl_context(struct check_ctx *ctx, const struct tokens *ts, size_t i,
		  int driver)
{
	size_t v;

	if ((v = tok_value_of(ts, i, "check_hostname")) &&
	    tok_is(ts, i + 1, "=") && tok_is(ts, v, "False"))
		scan_report_no_verify(ctx, ts, v, v, driver,
				      "check_hostname = False accepts a "
				      "certificate for any host",
				      "True");
	if ((v = tok_value_of(ts, i, "verify_mode")) &&
	    tok_is(ts, i + 1, "=") && tok_is(ts, v + 2, "CERT_NONE"))
		scan_report_no_verify(ctx, ts, v, v + 2, driver,
				      "verify_mode = CERT_NONE accepts any "
				      "server certificate",
				      "CERT_REQUIRED");
}

void
py_judge_source(struct check_ctx *ctx, const struct source *src)
{
	static const char *const needles[] = {"postgres", "host",    "sslmode",
					      "psycopg",  "asyncpg", NULL};
	struct tokens ts;
	int driver;
	size_t i;

	if (!scan_worth_lexing(src, needles))
		return;
	tokens_read(&ts, src, LEX_PY);
	driver = py_driver(&ts);
	for (i = 0; driver >= 0 && i + 1 < ts.nr; i++) {
		if (connect_call(&ts, i))
			judge_connect_call(ctx, &ts, i + 1, driver,
					   ctx->pg_version);
		judge_ssl_context(ctx, &ts, i, driver);
	}
	scan_judge_strings(ctx, &ts, driver);
	tokens_release(&ts);
}
