/* SPDX-License-Identifier: MIT */
/*
 * scan_py_frameworks.c — Python frameworks that build a PostgreSQL
 * connection from settings, each judged as the connection its driver
 * receives (psycopg, so libpq, unless a dialect says asyncpg):
 *
 * - Django's DATABASES entries whose ENGINE is django.db.backends.
 *   postgresql, its old name postgresql_psycopg2, or the GIS
 *   django.contrib.gis.db.backends.postgis (a subclass of it):
 *   django/db/backends/postgresql/base.py get_connection_params passes
 *   OPTIONS whole to psycopg, then USER, PASSWORD, HOST and PORT when they
 *   are not empty; an empty HOST leaves libpq's default, the Unix socket
 *   (docs/ref/settings.txt, HOST). Settings added later as
 *   DATABASES["default"]["OPTIONS"] = {...} (or one key of it) count too.
 * - dj-database-url's config(default=URL, ssl_require=...) and parse(URL,
 *   ssl_require=...): the URL's query becomes OPTIONS, and ssl_require=True
 *   then sets OPTIONS sslmode=require over it (dj_database_url/__init__.py
 *   _convert_to_settings); config() without a default reads DATABASE_URL,
 *   which we cannot see.
 * - SQLAlchemy's URL.create(drivername, username, password, host, port,
 *   database, query) (lib/sqlalchemy/engine/url.py): query reaches the
 *   DBAPI's connect() (engine/default.py create_connect_args).
 * - Flask-SQLAlchemy's SQLALCHEMY_DATABASE_URI with SQLALCHEMY_ENGINE_
 *   OPTIONS' connect_args (flask_sqlalchemy/extension.py _make_engine:
 *   engine_from_config, so connect_args win over the URL's query as in
 *   create_engine).
 */
#include "scan_py_frameworks.h"

#include <stdlib.h>
#include <string.h>

#include "../model/conn_string.h"
#include "../parsers/conninfo.h"
#include "../util/xalloc.h"
#include "scan_common.h"

/* Django's PostgreSQL engines (django/db/backends/postgresql;
 * postgresql_psycopg2 until Django 3.0; contrib/gis/db/backends/postgis
 * subclasses the first). */
static int
django_postgres_engine(const char *engine)
{
	return !strcmp(engine, "django.db.backends.postgresql") ||
	       !strcmp(engine, "django.db.backends.postgresql_psycopg2") ||
	       !strcmp(engine, "django.contrib.gis.db.backends.postgis");
}

/* The "{" enclosing token t directly, or 0. */
static size_t
enclosing_brace(const struct tokens *ts, size_t t)
{
	size_t k = t;

	while (k-- > 0)
		if (tok_match(ts, k) > t)
			return tok_is(ts, k, "{") ? k : 0;
	return 0;
}

/* Token t is the string literal want. */
static int
literal_is(const struct tokens *ts, size_t t, const char *want)
{
	char *lit = tok_kind(ts, t) == TOK_STRING ? tok_literal(ts, t) : NULL;
	int hit = lit && !strcmp(lit, want);

	free(lit);
	return hit;
}

/* Django's settings keys and libpq's names for them. */
static const char *const django_keys[][2] = {
    {"USER", "user"}, {"PASSWORD", "password"}, {"HOST", "host"},
    {"PORT", "port"}};

/* One Django setting: KEY's value at token v into f (an empty literal is
 * no value: Django skips falsy settings). */
static void
django_setting(struct fact_ctx *fx, struct client_fact *f, struct eval *ev,
	       const char *key, size_t v)
{
	const struct tokens *ts = ev->ts;
	size_t k;

	if (!strcmp(key, "OPTIONS")) {
		py_add_dict(fx, f, ev, v, DRIVER_LIBPQ);
		return;
	}
	for (k = 0; k < sizeof(django_keys) / sizeof(django_keys[0]); k++)
		if (!strcmp(key, django_keys[k][0]) && !literal_is(ts, v, "") &&
		    !tok_is(ts, v, "None"))
			py_add_keyword(fx, f, ev, django_keys[k][1], v,
				       DRIVER_LIBPQ);
}

/*
 * NAME [ "ALIAS" ] [ "KEY" ] ( [ "SUB" ] ) = value at token i, where NAME
 * and ALIAS name the entry: *key and *sub (or NULL) are malloc'd, the
 * value's token returned; 0 when token i starts no such assignment.
 */
static size_t
entry_assignment(const struct tokens *ts, size_t i, size_t name,
		 const char *alias, char **key, char **sub)
{
	size_t k = i + 1;

	*key = *sub = NULL;
	if (!tok_same(ts, i, name) || (i && tok_punct(ts, i - 1, '.')) ||
	    !tok_is(ts, k, "[") || !literal_is(ts, k + 1, alias) ||
	    !tok_is(ts, k + 2, "]") || !tok_is(ts, k + 3, "[") ||
	    !tok_is(ts, k + 5, "]") || !(*key = tok_literal(ts, k + 4)))
		return 0;
	k += 6;
	if (tok_is(ts, k, "[") && tok_is(ts, k + 2, "]")) {
		*sub = tok_literal(ts, k + 1);
		k += 3;
	}
	if (tok_is(ts, k, "=") && !tok_is(ts, k + 1, "=") && k + 1 < ts->nr)
		return k + 1;
	free(*key);
	free(*sub);
	*key = *sub = NULL;
	return 0;
}

/* NAME["ALIAS"] = something other than a dict, after token from: the
 * entry is replaced whole, and the dict written before is never used. */
static int
entry_replaced(const struct tokens *ts, size_t from, size_t name,
	       const char *alias)
{
	size_t k;

	for (k = from; k + 5 < ts->nr; k++)
		if (tok_same(ts, k, name) && !tok_punct(ts, k - 1, '.') &&
		    tok_is(ts, k + 1, "[") && literal_is(ts, k + 2, alias) &&
		    tok_is(ts, k + 3, "]") && tok_is(ts, k + 4, "=") &&
		    !tok_is(ts, k + 5, "=") && !tok_is(ts, k + 5, "{"))
			return 1;
	return 0;
}

/* The Django entry whose ENGINE string is token engine. */
static void
judge_django_entry(struct fact_ctx *fx, struct eval *ev, size_t engine)
{
	const struct tokens *ts = ev->ts;
	size_t open = enclosing_brace(ts, engine), outer, name = 0, k, v;
	char *alias = NULL, *key, *sub;
	struct client_fact f;

	if (!open)
		return;
	/* DATABASES = {"default": {...}}: the entry's name and alias, for
	 * the assignments that complete it later */
	if (tok_punct(ts, open - 1, ':') && (outer = enclosing_brace(ts, open)) &&
	    outer >= 2 && tok_is(ts, outer - 1, "=") &&
	    tok_kind(ts, outer - 2) == TOK_IDENT) {
		name = outer - 2;
		alias = tok_literal(ts, open - 2);
	}
	client_fact_init(&f, DRIVER_LIBPQ, ts->src, tok_begin(ts, open),
			 tok_end(ts, tok_match(ts, open)),
			 "Django database settings");
	if ((v = tok_object_prop(ts, open, "OPTIONS")))
		django_setting(fx, &f, ev, "OPTIONS", v);
	for (k = 0; k < sizeof(django_keys) / sizeof(django_keys[0]); k++)
		if ((v = tok_object_prop(ts, open, django_keys[k][0])))
			django_setting(fx, &f, ev, django_keys[k][0], v);
	for (k = tok_match(ts, open); alias && k < ts->nr; k++) {
		if (!(v = entry_assignment(ts, k, name, alias, &key, &sub)))
			continue;
		if (!sub)
			django_setting(fx, &f, ev, key, v);
		else if (!strcmp(key, "OPTIONS"))
			py_add_keyword(fx, &f, ev, sub, v, DRIVER_LIBPQ);
		free(key);
		free(sub);
	}
	/* no HOST: libpq's default, the Unix socket */
	if (!client_get(&f, "host"))
		client_fact_add(&f, "host", "", f.begin, f.begin);
	if (alias && entry_replaced(ts, tok_match(ts, open), name, alias))
		conn_args_password(fx, &f); /* the secret is written still */
	else
		conn_args_judge(fx, &f);
	client_fact_release(&f);
	free(alias);
}

/* The name of the next keyword argument (name=value) of the call whose
 * "(" is open, from token k on, or 0. */
static size_t
next_kwarg(const struct tokens *ts, size_t open, size_t k)
{
	size_t close = tok_match(ts, open);

	for (; k + 2 < close; k++) {
		if (tok_match(ts, k)) {
			k = tok_match(ts, k);
			continue;
		}
		if ((k == open + 1 || tok_is(ts, k - 1, ",")) &&
		    tok_kind(ts, k) == TOK_IDENT && tok_is(ts, k + 1, "=") &&
		    !tok_is(ts, k + 2, "="))
			return k;
	}
	return 0;
}

/* dj_database_url.config(...) / .parse(...), the call's "(" at open. */
static void
judge_dj_database_url(struct fact_ctx *fx, struct eval *ev, size_t open)
{
	const struct tokens *ts = ev->ts;
	int parse = tok_is(ts, open - 1, "parse");
	size_t close = tok_match(ts, open), k, url = 0;
	struct client_fact args;
	struct client_param *p;

	client_fact_init(&args, DRIVER_LIBPQ, ts->src, tok_begin(ts, open),
			 tok_end(ts, close), "dj_database_url arguments");
	if (parse)
		url = tok_call_arg(ts, open, 0);
	for (k = open + 1; (k = next_kwarg(ts, open, k)); k++) {
		if (tok_is(ts, k, "default") && !parse)
			url = k + 2;
		else if (tok_is(ts, k, "url") && parse)
			url = k + 2;
		else if (tok_is(ts, k, "ssl_require") &&
			 tok_is(ts, k + 2, "True")) {
			p = client_fact_add(&args, "sslmode", "require",
					    tok_begin(ts, k + 2),
					    tok_end(ts, k + 2));
			p->overrides = 1;
			p->in_code = 1;
		}
	}
	if (url && !eval_all_unknown(ev, url, 1))
		scan_judge_expr(fx, ev, url, &args, 1);
	else if (client_get(&args, "sslmode")) {
		/* the URL comes from DATABASE_URL: its host is unknown */
		client_fact_add(&args, "host", NULL, args.begin, args.begin);
		conn_args_judge(fx, &args);
	}
	client_fact_release(&args);
}

/* SQLAlchemy's URL.create(...), the call's "(" at open. */
static void
judge_url_create(struct fact_ctx *fx, struct eval *ev, size_t open)
{
	static const char *const keys[][2] = {
	    {"username", "user"}, {"password", "password"}, {"host", "host"},
	    {"port", "port"},	  {"database", "dbname"}};
	const struct tokens *ts = ev->ts;
	size_t close = tok_match(ts, open), k, j, dn;
	char *driver = NULL;
	struct client_fact f;
	int d;

	dn = tok_call_arg(ts, open, 0);
	for (k = open + 1; (k = next_kwarg(ts, open, k)); k++)
		if (tok_is(ts, k, "drivername"))
			dn = k + 2;
	if (!dn || !(driver = tok_literal(ts, dn)) ||
	    strncmp(driver, "postgresql", 10)) {
		free(driver);
		return;
	}
	d = !strcmp(driver, "postgresql+asyncpg") ? DRIVER_ASYNCPG
						   : DRIVER_LIBPQ;
	free(driver);
	client_fact_init(&f, (enum driver)d, ts->src, tok_begin(ts, open),
			 tok_end(ts, close), "SQLAlchemy URL.create()");
	for (k = open + 1; (k = next_kwarg(ts, open, k)); k++) {
		if (tok_is(ts, k, "query"))
			py_add_dict(fx, &f, ev, k + 2, d);
		for (j = 0; j < sizeof(keys) / sizeof(keys[0]); j++)
			if (tok_is(ts, k, keys[j][0]) &&
			    !tok_is(ts, k + 2, "None"))
				py_add_keyword(fx, &f, ev, keys[j][1], k + 2,
					       DRIVER_LIBPQ);
	}
	if (!client_get(&f, "host"))
		client_fact_add(&f, "host", "", f.begin, f.begin);
	conn_args_judge(fx, &f);
	client_fact_release(&f);
}

/* The first string literal in the expression at token t that is a
 * PostgreSQL URL (a fallback of "x or 'postgresql://...'"), or 0. */
static size_t
url_literal(const struct tokens *ts, size_t t)
{
	size_t end = eval_expr_end(ts, t), k;

	if (tok_is(ts, t, "(") && tok_match(ts, t))
		end = tok_match(ts, t);
	for (k = t; k < end; k++) {
		char *lit = tok_kind(ts, k) == TOK_STRING ? tok_literal(ts, k)
							  : NULL;
		int hit = lit && conninfo_is_uri(lit, strlen(lit));

		if (!hit && lit && !strncmp(lit, "postgresql+", 11))
			hit = 1;
		free(lit);
		if (hit)
			return k;
	}
	return 0;
}

/* Flask-SQLAlchemy: SQLALCHEMY_DATABASE_URI with the connect_args of
 * SQLALCHEMY_ENGINE_OPTIONS set in the same file. */
static void
judge_flask_config(struct fact_ctx *fx, struct eval *ev, size_t uri_value,
		   size_t connect_args)
{
	const struct tokens *ts = ev->ts;
	size_t url = url_literal(ts, uri_value);
	struct value v;
	struct client_fact args;
	int d;

	if (!url)
		return;
	value_init(&v);
	eval_expr(ev, url, &v);
	d = !strncmp(v.text.ptr, "postgresql+asyncpg", 18) ? DRIVER_ASYNCPG
							   : DRIVER_LIBPQ;
	value_release(&v);
	client_fact_init(&args, (enum driver)d, ts->src, tok_begin(ts, url),
			 tok_end(ts, url), "SQLALCHEMY_ENGINE_OPTIONS");
	py_add_dict(fx, &args, ev, connect_args, d);
	scan_judge_expr(fx, ev, url, &args, 1);
	client_fact_release(&args);
}

/* The value token of NAME = ... or app.config["NAME"] = ... at token i. */
static size_t
config_value(const struct tokens *ts, size_t i, const char *name)
{
	size_t v;

	if ((v = tok_value_of(ts, i, name)) && tok_is(ts, i + 1, "="))
		return v;
	if (tok_is(ts, i, "[") && literal_is(ts, i + 1, name) &&
	    tok_is(ts, i + 2, "]") && tok_is(ts, i + 3, "=") &&
	    !tok_is(ts, i + 4, "="))
		return i + 4;
	return 0;
}

void
py_judge_frameworks(struct fact_ctx *fx, struct eval *ev)
{
	const struct tokens *ts = ev->ts;
	size_t i, uri = 0, options = 0, v;

	for (i = 0; i + 2 < ts->nr; i++) {
		if (literal_is(ts, i, "ENGINE") && tok_punct(ts, i + 1, ':')) {
			struct value engine;

			value_init(&engine);
			eval_expr(ev, i + 2, &engine);
			if (strlen(engine.text.ptr) == engine.text.len &&
			    django_postgres_engine(engine.text.ptr))
				judge_django_entry(fx, ev, i);
			value_release(&engine);
		} else if (tok_is(ts, i, "dj_database_url") &&
			   tok_punct(ts, i + 1, '.') &&
			   (tok_is(ts, i + 2, "config") ||
			    tok_is(ts, i + 2, "parse")) &&
			   tok_is(ts, i + 3, "(") && tok_match(ts, i + 3)) {
			judge_dj_database_url(fx, ev, i + 3);
		} else if (tok_is(ts, i, "URL") && tok_punct(ts, i + 1, '.') &&
			   tok_is(ts, i + 2, "create") &&
			   tok_is(ts, i + 3, "(") && tok_match(ts, i + 3)) {
			judge_url_create(fx, ev, i + 3);
		} else if ((v = config_value(ts, i,
					     "SQLALCHEMY_DATABASE_URI"))) {
			uri = v;
		} else if ((v = config_value(ts, i,
					     "SQLALCHEMY_ENGINE_OPTIONS")) &&
			   tok_is(ts, v, "{") && tok_match(ts, v)) {
			options = tok_object_prop(ts, v, "connect_args");
		}
	}
	if (uri && options)
		judge_flask_config(fx, ev, uri, options);
}
