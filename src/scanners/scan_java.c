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
 *   "v"), props.put, Hikari's addDataSourceProperty, PGProperty.X.set,
 *   PGSimpleDataSource setters -- as defaults of the
 *   file's JDBC URLs: pgjdbc gives the URL's own parameters priority over
 *   the Properties passed with it (org/postgresql/Driver.java parseURL,
 *   priority1Url). One file's properties are taken to belong to its URLs;
 *   a URL read at run time leaves them unknown;
 * - a data source with no URL (new PGSimpleDataSource() without setURL):
 *   its properties alone, serverName "localhost" unless set;
 * - DriverManager.getConnection(url, user, "<literal>"): a password in
 *   source (PGT308).
 */
#include "scan_java.h"

#include <stdlib.h>
#include <string.h>

#include "../model/client.h"
#include "../util/xalloc.h"
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

/* The property a PGSimpleDataSource (BaseDataSource) setter or a
 * PGProperty constant sets (pgjdbc org/postgresql/ds/common/
 * BaseDataSource.java, org/postgresql/PGProperty.java); NULL for others. */
static const char *
setter_property(const struct tokens *ts, size_t i)
{
	static const char *const map[][3] = {
	    /* setter, PGProperty, key */
	    {"setSslMode", "SSL_MODE", "sslmode"},
	    {"setSsl", "SSL", "ssl"},
	    {"setSslfactory", "SSL_FACTORY", "sslfactory"},
	    {"setSslRootCert", "SSL_ROOT_CERT", "sslrootcert"},
	    {"setSslCert", "SSL_CERT", "sslcert"},
	    {"setSslKey", "SSL_KEY", "sslkey"},
	    {"setSslhostnameverifier", "SSL_HOSTNAME_VERIFIER",
	     "sslhostnameverifier"},
	    {"setServerName", "PG_HOST", "host"},
	    {"setServerNames", "", "host"},
	};
	size_t k;

	for (k = 0; k < sizeof(map) / sizeof(map[0]); k++)
		if (tok_is(ts, i, map[k][0]) ||
		    (*map[k][1] && tok_is(ts, i, map[k][1]) &&
		     tok_is(ts, i + 1, ".") && tok_is(ts, i + 2, "set")))
			return map[k][2];
	return NULL;
}

/* A literal argument at token v: a string, true/false, or the first
 * element of new String[]{"..."}; NULL when not a literal (unknown). */
static char *
literal_argument(const struct tokens *ts, size_t v)
{
	if (tok_is(ts, v, "true") || tok_is(ts, v, "false"))
		return xstrndup(ts->src->text + tok_begin(ts, v),
				tok_end(ts, v) - tok_begin(ts, v));
	return tok_literal(ts, v);
}

/*
 * Connection properties set with literals, into props: setProperty("k",
 * "v"), put, Hikari's addDataSourceProperty; a data source's setters
 * (ds.setSslMode("require"); setSsl(false) removes the property, as
 * absent); PGProperty.SSL_MODE.set(props, "require").
 */
static void
add_property(struct tokens *ts, size_t i, struct client_fact *props)
{
	const char *key = setter_property(ts, i);
	size_t v;
	char *name = NULL, *value;

	if (key && tok_is(ts, i + 1, ".")) { /* PGProperty.X.set(props, v) */
		if (!tok_is(ts, i + 3, "(") || !tok_is(ts, i + 5, ","))
			return;
		v = i + 6;
	} else if (key) {
		if (!tok_is(ts, i + 1, "("))
			return;
		v = i + 2;
		if (tok_is(ts, v, "new") && tok_is(ts, v + 1, "String") &&
		    tok_is(ts, v + 4, "{"))
			v += 5; /* setServerNames(new String[] {"h"}) */
	} else if ((tok_is(ts, i, "setProperty") || tok_is(ts, i, "put") ||
		    tok_is(ts, i, "addDataSourceProperty")) &&
		   tok_is(ts, i + 1, "(") && tok_is(ts, i + 3, ",") &&
		   (name = tok_literal(ts, i + 2))) {
		key = name;
		v = i + 4;
		tok_judge(ts, i + 2);
	} else
		return;
	if (v < ts->nr) {
		value = literal_argument(ts, v);
		/* setSsl(false) leaves no ssl property */
		if (name || strcmp(key, "ssl") || !value ||
		    strcmp(value, "false"))
			tok_add_param(props, ts, v, key, value)->in_code = 1;
		tok_judge(ts, v);
		free(value);
	}
	free(name);
}

/* new PGSimpleDataSource() and its kin: connections built from the
 * properties alone, serverName "localhost" unless set (BaseDataSource). */
static int
data_source(const struct tokens *ts, size_t i)
{
	static const char *const classes[] = {
	    "PGSimpleDataSource", "PGPoolingDataSource",
	    "PGConnectionPoolDataSource", "PGXADataSource"};
	size_t k;

	for (k = 0; i && tok_is(ts, i - 1, "new") &&
		    k < sizeof(classes) / sizeof(classes[0]);
	     k++)
		if (tok_is(ts, i, classes[k]))
			return 1;
	return 0;
}

/* DriverManager.getConnection(url, user, "password"). */
static void
judge_get_connection(struct fact_ctx *fx, const struct tokens *ts, size_t i)
{
	size_t close, k, commas = 0;
	char *pw;

	if (!tok_is(ts, i, "getConnection") || !tok_is(ts, i + 1, "(") ||
	    !(close = tok_match(ts, i + 1)))
		return;
	for (k = i + 2; k < close; k++) {
		if (tok_match(ts, k))
			k = tok_match(ts, k);
		else if (tok_is(ts, k, ","))
			commas++;
		else if (commas == 2 && tok_is(ts, k - 1, ",") &&
			 tok_is(ts, k + 1, ")") && (pw = tok_literal(ts, k))) {
			if (*pw && !client_is_placeholder(pw))
				facts_add(fx->out, FACT_PASSWORD, ts->src,
					  tok_begin(ts, k) + 1,
					  tok_end(ts, k) - 1, DRIVER_PGJDBC,
					  "getConnection()");
			free(pw);
		}
	}
}

void
java_judge_source(struct fact_ctx *fx, const struct source *src)
{
	static const char *const needles[] = {"postgres", "host", "sslmode",
					      NULL};
	struct tokens ts;
	struct client_fact props;
	int driver, urls = 0;
	size_t i, source = 0;

	if (!facts_worth_reading(fx, src, needles))
		return;
	tokens_read(&ts, src, LEX_JAVA, 0);
	driver = java_driver(&ts);
	if (driver < 0) {
		scan_judge_strings(fx, &ts, driver);
		tokens_release(&ts);
		return;
	}
	client_fact_init(&props, DRIVER_PGJDBC, src, 0, 0,
			 "connection properties");
	for (i = 0; i < ts.nr; i++) {
		add_property(&ts, i, &props);
		judge_get_connection(fx, &ts, i);
		if (!source && data_source(&ts, i))
			source = i;
		urls += tok_is(&ts, i, "setURL") || tok_is(&ts, i, "setUrl");
	}
	scan_judge_strings_in(fx, &ts, &props);
	if (source && !urls && props.nr) {
		props.begin = tok_begin(&ts, source - 1);
		props.end = tok_end(&ts, source);
		free(props.what);
		props.what = xstrdup("data source");
		if (!client_get(&props, "host"))
			client_fact_add(&props, "host", "localhost", 0, 0);
		facts_add_connection(fx->out, &props);
	}
	client_fact_release(&props);
	tokens_release(&ts);
}
