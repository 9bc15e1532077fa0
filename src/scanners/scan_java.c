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
#include "../model/conn_string.h"
#include "../util/xalloc.h"
#include "../util/scan.h"
#include "eval.h"
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
		if (!tok_holds(ts, i, "jdbc:") || !(lit = tok_literal(ts, i)))
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

/* What the expression at token v builds, when we see it whole (a string,
 * a constant, true or false), malloc'd; else NULL (unknown). *b, *e: where
 * it is written. */
static char *
argument_value(struct eval *ev, size_t v, size_t *b, size_t *e)
{
	/* pgjdbc's jdbc/SslMode.java: each constant's value field */
	static const char *const ssl_modes[][2] = {
	    {"DISABLE", "disable"},	{"ALLOW", "allow"},
	    {"PREFER", "prefer"},	{"REQUIRE", "require"},
	    {"VERIFY_CA", "verify-ca"}, {"VERIFY_FULL", "verify-full"}};
	const struct tokens *ts = ev->ts;
	struct value val;
	char *out = NULL;
	size_t k;

	*b = tok_begin(ts, v);
	*e = tok_end(ts, v);
	if (tok_is(ts, v, "true") || tok_is(ts, v, "false"))
		return xstrndup(ts->src->text + *b, *e - *b);
	if (tok_is(ts, v, "SslMode") && tok_is(ts, v + 1, ".") &&
	    tok_is(ts, v + 3, ".") && tok_is(ts, v + 4, "value"))
		for (k = 0; k < sizeof(ssl_modes) / sizeof(ssl_modes[0]); k++)
			if (tok_is(ts, v + 2, ssl_modes[k][0])) {
				*e = tok_end(ts, v + 4);
				return xstrdup(ssl_modes[k][1]);
			}
	value_init(&val);
	eval_expr(ev, v, &val);
	if (!value_has_unknown(val.text.ptr, val.text.len) &&
	    strlen(val.text.ptr) == val.text.len) {
		out = xstrdup(val.text.ptr);
		if (val.text.len) {
			*b = value_offset(&val, 0);
			*e = value_offset(&val, val.text.len - 1) + 1;
		}
	}
	value_release(&val);
	return out;
}

/*
 * Connection properties set in code, into props: setProperty("k", v),
 * put, Hikari's addDataSourceProperty; a data source's setters
 * (ds.setSslMode("require"); setSsl(false) removes the property, as
 * absent); PGProperty.SSL_MODE.set(props, "require"). A value we cannot
 * see is unknown.
 */
static void
add_property(struct eval *ev, size_t i, struct client_fact *props)
{
	struct tokens *ts = ev->ts;
	const char *key;
	size_t v, b, e;
	char *name = NULL, *value;
	struct client_param *p;

	/* asked of every token: the names below are identifiers that begin
	 * with one of these letters */
	if (tok_kind(ts, i) != TOK_IDENT ||
	    !strchr("sSPpa", ts->src->text[tok_begin(ts, i)]))
		return;
	key = setter_property(ts, i);

	if (key && tok_is(ts, i + 1, ".")) { /* PGProperty.X.set(props, v) */
		if (!tok_is(ts, i + 3, "(") ||
		    !(v = tok_call_arg(ts, i + 3, 1)))
			return;
	} else if (key) {
		if (!tok_is(ts, i + 1, "(") ||
		    !(v = tok_call_arg(ts, i + 1, 0)))
			return;
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
		value = argument_value(ev, v, &b, &e);
		/* setSsl(false) leaves no ssl property */
		if (name || strcmp(key, "ssl") || !value ||
		    strcmp(value, "false")) {
			p = client_fact_add(props, key, value, b, e);
			p->in_code = 1;
			p->exact = value && e - b == strlen(value) &&
				   !memcmp(ts->src->text + b, value, e - b);
		}
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

/* A JDBC URL in a driver's position: judged as pgjdbc reads it with the
 * file's properties, when it is PostgreSQL's (RULES.md decision 14). */
static int
judge_url(struct fact_ctx *fx, struct eval *ev, size_t v,
	  const struct client_fact *props)
{
	if (!v || scan_jdbc_vendor(ev, v) <= 0)
		return 0;
	scan_judge_expr(fx, ev, v, props, 1);
	return 1;
}

/* The calls judge_call reads. */
static int
call_of_interest(const struct tokens *ts, size_t i)
{
	static const char *const names[] = {
	    "getConnection", "connect",	    "setURL",	   "setUrl",
	    "setJdbcUrl",    "url",	    "dataSource", "setPassword",
	    "password"};
	size_t k;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (tok_is(ts, i, names[k]))
			return 1;
	return 0;
}

/*
 * The calls that take a JDBC URL or a password: DriverManager and
 * Driver.connect, DataSource setters (setURL, setUrl, Hikari's and
 * BoneCP's setJdbcUrl, setPassword), Spring's DataSourceBuilder (.url,
 * .password), Flyway's dataSource(url, user, password). A password
 * counts unless the file's URLs are another vendor's (decision 14).
 * Returns 1 when a URL was judged.
 */
static int
judge_call(struct fact_ctx *fx, struct eval *ev, size_t i,
	   const struct client_fact *props, int vendor)
{
	const struct tokens *ts = ev->ts;
	size_t open = i + 1, a0, a1, a2;

	if (tok_kind(ts, i) != TOK_IDENT || !tok_punct(ts, open, '(') ||
	    !tok_match(ts, open) || !call_of_interest(ts, i))
		return 0; /* most calls: their arguments are never walked */
	a0 = tok_call_arg(ts, open, 0);
	a1 = tok_call_arg(ts, open, 1);
	a2 = tok_call_arg(ts, open, 2);
	if (tok_is(ts, i, "getConnection")) {
		int dm = i >= 2 && tok_is(ts, i - 2, "DriverManager");

		if (dm || a2) {
			if (vendor >= 0 && a2 && scan_jdbc_vendor(ev, a0) >= 0)
				scan_password_expr(fx, ev, a2, DRIVER_PGJDBC,
						   "getConnection()");
			return judge_url(fx, ev, a0, props);
		}
		if (a1 && vendor >= 0) /* dataSource.getConnection(user, pw) */
			scan_password_expr(fx, ev, a1, DRIVER_PGJDBC,
					   "getConnection()");
		return 0;
	}
	if (tok_is(ts, i, "connect") && a1) /* new Driver().connect(url, p) */
		return judge_url(fx, ev, a0, props);
	if (tok_is(ts, i, "setURL") || tok_is(ts, i, "setUrl") ||
	    tok_is(ts, i, "setJdbcUrl") ||
	    (tok_is(ts, i, "url") && tok_punct(ts, i - 1, '.')))
		return judge_url(fx, ev, a0, props);
	if (tok_is(ts, i, "dataSource") && a2) { /* Flyway */
		if (vendor >= 0 && scan_jdbc_vendor(ev, a0) >= 0)
			scan_password_expr(fx, ev, a2, DRIVER_PGJDBC,
					   "dataSource()");
		return judge_url(fx, ev, a0, props);
	}
	if ((tok_is(ts, i, "setPassword") ||
	     (tok_is(ts, i, "password") && tok_punct(ts, i - 1, '.'))) &&
	    a0 && !a1 && vendor >= 0)
		scan_password_expr(fx, ev, a0, DRIVER_PGJDBC,
				   "a data source's password");
	return 0;
}

/* The file's JDBC URLs: 1 when one is PostgreSQL's, -1 when all are
 * another vendor's, 0 when none is written. */
static int
file_vendor(const struct tokens *ts)
{
	int vendor = 0;
	size_t i;

	for (i = 0; i < ts->nr && vendor < 1; i++) {
		char *lit = tok_holds(ts, i, "jdbc:") ? tok_literal(ts, i) : NULL;

		if (lit && !strncmp(lit, "jdbc:postgresql:", 16))
			vendor = 1;
		else if (lit && !strncmp(lit, "jdbc:", 5) &&
			 strchr(lit + 5, ':'))
			vendor = -1;
		free(lit);
	}
	return vendor;
}

/*
 * One .option(KEY, value) of r2dbc's ConnectionFactoryOptions.builder()
 * (io.r2dbc.spi.ConnectionFactoryOptions: DRIVER, HOST, PASSWORD, SSL,
 * and Option.valueOf("sslMode"), r2dbc-postgresql's own), its arguments
 * from token a. Returns 0 for an option we do not read.
 */
static int
option_of_spi(struct fact_ctx *fx, struct eval *ev, struct client_fact *f,
	      size_t a, int *postgres)
{
	const struct tokens *ts = ev->ts;
	size_t key = a, v = tok_call_arg(ts, a - 1, 1);
	char *lit;

	while (tok_punct(ts, key + 1, '.'))
		key += 2; /* ConnectionFactoryOptions.HOST */
	if (!v)
		return 0;
	lit = tok_literal(ts, v);
	if (tok_is(ts, key, "DRIVER")) {
		if (lit && (!strcmp(lit, "postgresql") ||
			    !strcmp(lit, "postgres")))
			*postgres = 1;
	} else if (tok_is(ts, key, "HOST"))
		tok_add_param(f, ts, v, "host", lit);
	else if (tok_is(ts, key, "PASSWORD"))
		scan_password_expr(fx, ev, v, DRIVER_R2DBC,
				   "the R2DBC PASSWORD option");
	else if (tok_is(ts, key, "SSL"))
		tok_add_param(f, ts, v, "ssl", tok_is(ts, v, "true") ? "true"
							: "false")
		    ->in_code = 1;
	else if (tok_is(ts, key, "valueOf") && tok_punct(ts, key + 1, '(')) {
		char *name = tok_literal(ts, key + 2);

		if (name && !strcmp(name, "sslMode"))
			tok_add_param(f, ts, v, "sslMode", lit)->in_code = 1;
		free(name);
	}
	free(lit);
	return 1;
}

/*
 * r2dbc-postgresql's PostgresqlConnectionConfiguration.builder() chain
 * (PostgresqlConnectionConfiguration.Builder), or the SPI's
 * ConnectionFactoryOptions.builder() with .option(KEY, value), the
 * builder() call's "(" at open: .host(h), .password(p),
 * .sslMode(SSLMode.X), .enableSsl() (VERIFY_FULL), up to .build();
 * without a mode, DISABLE (model/client.c judge_r2dbc).
 */
static void
judge_r2dbc_builder(struct fact_ctx *fx, struct eval *ev, size_t open)
{
	static const char *const modes[][2] = {
	    {"DISABLE", "disable"},     {"ALLOW", "allow"},
	    {"PREFER", "prefer"},	{"REQUIRE", "require"},
	    {"VERIFY_CA", "verify-ca"}, {"VERIFY_FULL", "verify-full"},
	    {"TUNNEL", "tunnel"}};
	const struct tokens *ts = ev->ts;
	size_t k = tok_match(ts, open) + 1, arg, j;
	struct client_fact f;
	char *lit;
	/* r2dbc-postgresql's own builder is PostgreSQL's; the SPI's
	 * ConnectionFactoryOptions says so with its DRIVER option */
	int postgres =
	    tok_is(ts, open - 3, "PostgresqlConnectionConfiguration");

	client_fact_init(&f, DRIVER_R2DBC, ts->src, tok_begin(ts, open - 2),
			 tok_end(ts, open), "R2DBC connection configuration");
	while (tok_punct(ts, k, '.') && tok_kind(ts, k + 1) == TOK_IDENT &&
	       tok_punct(ts, k + 2, '(') && tok_match(ts, k + 2)) {
		arg = k + 3;
		if (tok_is(ts, k + 1, "build"))
			break;
		if (tok_is(ts, k + 1, "option") &&
		    !option_of_spi(fx, ev, &f, k + 3, &postgres)) {
			k = tok_match(ts, k + 2) + 1;
			continue;
		}
		if (tok_is(ts, k + 1, "host") || tok_is(ts, k + 1, "password")) {
			lit = tok_literal(ts, arg);
			tok_add_param(&f, ts, arg,
				      tok_is(ts, k + 1, "host") ? "host"
								: "password",
				      lit);
			free(lit);
		} else if (tok_is(ts, k + 1, "sslMode")) {
			const char *m = NULL;
			size_t last = arg;

			while (tok_punct(ts, last + 1, '.'))
				last += 2;
			for (j = 0; j < sizeof(modes) / sizeof(modes[0]); j++)
				if (tok_is(ts, last, modes[j][0]))
					m = modes[j][1];
			client_fact_add(&f, "sslMode", m, tok_begin(ts, arg),
					tok_end(ts, last))
			    ->in_code = 1;
		} else if (tok_is(ts, k + 1, "enableSsl")) {
			client_fact_add(&f, "ssl", "true", tok_begin(ts, k + 1),
					tok_end(ts, k + 1))
			    ->in_code = 1;
		}
		k = tok_match(ts, k + 2) + 1;
	}
	if (!client_get(&f, "host"))
		client_fact_add(&f, "host", NULL, f.begin, f.end);
	if (postgres)
		conn_args_judge(fx, &f);
	client_fact_release(&f);
}

void
java_judge_source(struct fact_ctx *fx, const struct source *src,
		struct tokens *lexed)
{
	static const char *const needles[] = {"postgres", "host=", "hostaddr=",
					      "sslmode", NULL};
	struct tokens ts;
	struct eval ev;
	struct client_fact props;
	int driver, urls = 0, vendor;
	size_t i, source = 0;

	if (!facts_worth_reading(fx, src, needles))
		return;
	tokens_read(&ts, src, LEX_JAVA, 0);
	eval_init(&ev, &ts);
	driver = java_driver(&ts);
	vendor = file_vendor(&ts);
	if (driver < 0 && !scan_contains(src->text, src->len, "postgres"))
		vendor = -1; /* nothing says PostgreSQL: no password of ours */
	client_fact_init(&props, DRIVER_PGJDBC, src, 0, 0,
			 "connection properties");
	for (i = 0; driver >= 0 && i < ts.nr; i++) {
		add_property(&ev, i, &props);
		if (!source && data_source(&ts, i))
			source = i;
	}
	for (i = 0; i + 1 < ts.nr; i++)
		urls += judge_call(fx, &ev, i, &props, vendor);
	for (i = 0; i + 4 < ts.nr; i++)
		if ((tok_is(&ts, i, "PostgresqlConnectionConfiguration") ||
		     tok_is(&ts, i, "ConnectionFactoryOptions")) &&
		    tok_punct(&ts, i + 1, '.') && tok_is(&ts, i + 2, "builder") &&
		    tok_punct(&ts, i + 3, '(') && tok_match(&ts, i + 3))
			judge_r2dbc_builder(fx, &ev, i + 3);
	/* a StringBuilder's text, where it is taken: sb.toString() */
	for (i = 0; i + 3 < ts.nr; i++) {
		const struct eval_binding *b;

		if (tok_is(&ts, i + 2, "toString") &&
		    tok_punct(&ts, i + 1, '.') && (b = eval_lookup(&ev, i)) &&
		    tok_is(&ts, b->expr, "new") &&
		    (tok_is(&ts, b->expr + 1, "StringBuilder") ||
		     tok_is(&ts, b->expr + 1, "StringBuffer")))
			scan_judge_expr(fx, &ev, i, driver >= 0 ? &props : NULL,
					0);
	}
	scan_judge_strings_in(fx, &ev, driver >= 0 ? &props : NULL);
	urls += vendor > 0;
	/* Properties and setters with no URL in the file: the connection
	 * they configure, its host unknown -- or the data source's own
	 * default, localhost (BaseDataSource) -- and its mode unknown
	 * unless set, as a URL read at run time may set it (decision 8). */
	if (!urls && props.nr) {
		if (source) {
			props.begin = tok_begin(&ts, source - 1);
			props.end = tok_end(&ts, source);
			free(props.what);
			props.what = xstrdup("data source");
			if (!client_get(&props, "host"))
				client_fact_add(&props, "host", "localhost", 0,
						0);
		} else {
			struct client_fact f;

			client_fact_init(&f, DRIVER_PGJDBC, src,
					 props.v[0].begin, props.v[0].end,
					 "connection properties");
			f.host_elsewhere = 1;
			client_fact_add(&f, "sslmode", NULL, f.begin, f.end);
			client_fact_add_defaults(&f, &props);
			client_fact_release(&props);
			props = f;
		}
		conn_args_judge(fx, &props);
	}
	client_fact_release(&props);
	eval_release(&ev);
	scan_hand_over(&ts, lexed);
}
