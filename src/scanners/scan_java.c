/* SPDX-License-Identifier: MIT */
/*
 * scan_java.c — from Java tokens to client facts (pgjdbc).
 *
 * A file is pgjdbc's when it imports org.postgresql or holds a
 * jdbc:postgresql: URL (a JDBC URL names its driver by its form).
 *
 * What is judged:
 * - every string expression that is a connection string or JDBC URL;
 * - connection properties set with literals -- props.setProperty("k",
 *   "v"), props.put, Hikari's addDataSourceProperty -- as defaults of the
 *   file's JDBC URLs: pgjdbc gives the URL's own parameters priority over
 *   the Properties passed with it (org/postgresql/Driver.java parseURL,
 *   priority1Url). One file's properties are taken to belong to its URLs;
 *   a URL read at run time leaves them unknown;
 * - DriverManager.getConnection(url, user, "<literal>"): a password in
 *   source (PGT308).
 */
#include "scan_java.h"

#include <stdlib.h>
#include <string.h>

#include "../model/client.h"
#include "../rules/engine.h"
#include "scan_common.h"

static int
java_driver(const struct tokens *ts)
{
	size_t i;

	for (i = 0; i + 2 < ts->nr; i++) {
		char *lit;
		int jdbc;

		if (tok_is(ts, i, "import") && tok_is(ts, i + 1, "org") &&
		    tok_is(ts, i + 2, ".") && tok_is(ts, i + 3, "postgresql"))
			return DRIVER_PGJDBC;
		if (!(lit = tok_literal(ts, i)))
			continue;
		jdbc = !strncmp(lit, "jdbc:postgresql:", 16);
		free(lit);
		if (jdbc)
			return DRIVER_PGJDBC;
	}
	return -1;
}

/* name("key", "value") with two string literals: into props. */
static void
add_property(struct tokens *ts, size_t i, struct client_fact *props)
{
	char *key, *value;

	if (!(tok_is(ts, i, "setProperty") || tok_is(ts, i, "put") ||
	      tok_is(ts, i, "addDataSourceProperty")) ||
	    !tok_is(ts, i + 1, "(") || !tok_is(ts, i + 3, ",") ||
	    !tok_is(ts, i + 5, ")") || !(key = tok_literal(ts, i + 2)))
		return;
	value = tok_literal(ts, i + 4); /* NULL: not a literal, unknown */
	client_fact_add(props, key, value, ts->v[i + 4].begin, ts->v[i + 4].end)
	    ->in_code = 1;
	ts->judged[i + 2] = ts->judged[i + 4] = 1;
	free(key);
	free(value);
}

/* DriverManager.getConnection(url, user, "password"). */
static void
judge_get_connection(struct check_ctx *ctx, const struct tokens *ts, size_t i)
{
	size_t close, k, commas = 0;
	char *pw;

	if (!tok_is(ts, i, "getConnection") || !tok_is(ts, i + 1, "(") ||
	    !(close = ts->match[i + 1]))
		return;
	for (k = i + 2; k < close; k++) {
		if (ts->match[k])
			k = ts->match[k];
		else if (tok_is(ts, k, ","))
			commas++;
		else if (commas == 2 && tok_is(ts, k - 1, ",") &&
			 tok_is(ts, k + 1, ")") && (pw = tok_literal(ts, k))) {
			if (*pw && !client_is_placeholder(pw))
				engine_client_password(
				    ctx, ts->src, ts->v[k].begin + 1,
				    ts->v[k].end - 1,
				    "password written in getConnection() "
				    "(****)");
			free(pw);
		}
	}
}

void
java_judge_source(struct check_ctx *ctx, const struct source *src)
{
	static const char *const needles[] = {"postgres", "host", "sslmode",
					      NULL};
	struct tokens ts;
	struct client_fact props;
	int driver;
	size_t i;

	if (!scan_worth_lexing(src, needles))
		return;
	tokens_read(&ts, src, LEX_JAVA);
	driver = java_driver(&ts);
	if (driver < 0) {
		scan_judge_strings(ctx, &ts, driver);
		tokens_release(&ts);
		return;
	}
	client_fact_init(&props, DRIVER_PGJDBC, src, 0, 0,
			 "connection properties");
	for (i = 0; i + 5 < ts.nr; i++) {
		add_property(&ts, i, &props);
		judge_get_connection(ctx, &ts, i);
	}
	scan_judge_strings_in(ctx, &ts, &props);
	client_fact_release(&props);
	tokens_release(&ts);
}
