/* SPDX-License-Identifier: MIT */
/*
 * carriers.c — from carrier contents to client facts.
 *
 * Decisions (RULES.md "Reporting decisions"):
 * - with no language context the driver is unknown and libpq's meaning is
 *   used (decision 2); a jdbc:postgresql: URL is pgjdbc's by its form;
 * - PG* variables of a file are the environment of the clients whose
 *   strings the same file holds: they fill what a string leaves unset, as
 *   libpq's conninfo_add_defaults does;
 * - passwords: a literal in a string or URI, PGPASSWORD, Spring's
 *   *.datasource.password -- never POSTGRES_PASSWORD, never a placeholder
 *   (decision 6).
 */
#include "carriers.h"

#include <stdlib.h>
#include <string.h>

#include "model/client.h"
#include "parsers/conninfo.h"
#include "parsers/jdbc.h"
#include "parsers/service.h"
#include "util/scan.h"
#include "util/xalloc.h"

/* Spring Boot's password properties (application.properties/yml), by the
 * assignment's path (YAML) or name. */
static int
spring_password(const char *key)
{
	static const char suffix[] = "datasource.password";
	size_t n = strlen(key), m = sizeof(suffix) - 1;

	return n >= m && !strcmp(key + n - m, suffix);
}

/* Assignments of one environment: a YAML mapping or env list shares the
 * path of its parent; flat files are one environment. */
static size_t
group_len(const struct assignment *a)
{
	const char *dot;

	if (!a->path)
		return 0;
	dot = strrchr(a->path, '.');
	if (!strcmp(a->name, a->path + (dot ? dot - a->path + 1 : 0)))
		return dot ? (size_t)(dot - a->path) : 0;
	return strlen(a->path); /* an env list item: the list's path */
}

static int
same_group(const struct assignment *a, const struct assignment *b)
{
	size_t n = group_len(a);

	return n == group_len(b) && (!n || !strncmp(a->path, b->path, n));
}

/* The PG* variables of the group of as->v[first], as libpq reads them. */
static void
build_env(const struct assignments *as, size_t first, int version,
	  const struct source *src, struct client_fact *env)
{
	size_t i;

	client_fact_init(env, DRIVER_LIBPQ, src, 0, 0, "environment");
	env->driver_guessed = 1;
	env->host_elsewhere = 1;
	for (i = 0; i < as->nr; i++) {
		const struct assignment *a = &as->v[i];

		if (!same_group(a, &as->v[first]))
			continue;
		const char *key = conninfo_env_keyword(a->name, version);
		size_t e = a->verbatim ? a->value_begin + strlen(a->value)
				       : a->value_end;

		if (!key && !strcmp(a->name, "PGREQUIRESSL") &&
		    !client_get(env, "sslmode"))
			/* PGSSLMODE beats PGREQUIRESSL (fe-connect.c). */
			client_fact_add(env, "sslmode",
					a->value[0] == '1' ? "require" : NULL,
					a->value_begin, e);
		else if (key)
			client_fact_add(env, key, a->value, a->value_begin, e)
			    ->exact = a->verbatim;
		if (key && (!env->begin || a->value_begin < env->begin))
			env->begin = a->value_begin, env->end = e;
	}
}

/* How the value of a lies in src. */
static struct text_map
assignment_map(const struct source *src, const struct assignment *a)
{
	struct text_map m;

	memset(&m, 0, sizeof(m));
	m.src = src;
	m.base = a->value_begin;
	m.end = a->value_end;
	m.verbatim = a->verbatim;
	m.block = a->block;
	m.line0 = a->block_line0;
	m.indent = a->block_indent;
	return m;
}

/* Judges assignment i, with env the environment of its group. */
static void
judge_assignment(struct fact_ctx *fx, const struct source *src,
		 const struct assignment *a, const struct client_fact *env)
{
	size_t len = strlen(a->value);
	struct text_map map = assignment_map(src, a);

	if (!strcmp(a->name, "NODE_TLS_REJECT_UNAUTHORIZED") &&
	    !strcmp(a->value, "0")) {
		facts_add(fx->out, FACT_NO_VERIFY, src, a->value_begin,
			  a->value_begin + 1, -1,
			  "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off "
			  "certificate checks for every TLS connection of the "
			  "Node.js process");
		return;
	}
	if (spring_password(a->path ? a->path : a->name) && *a->value &&
	    !client_is_placeholder(a->value)) {
		facts_add(fx->out, FACT_PASSWORD, src, a->value_begin,
			  a->value_begin + len, -1, "'%s'",
			  a->path ? a->path : a->name);
		return;
	}
	/* CI steps and container commands are scripts: look inside them. */
	if (!strcmp(a->name, "run") || !strcmp(a->name, "script") ||
	    !strcmp(a->name, "command"))
		carriers_scan_text(fx, a->value, len, &map);
	else
		conn_string_judge(fx, a->value, len, &map, env,
				      "connection string");
}

int
carriers_relevant(const char *name, const char *path, const char *value,
		  size_t vlen)
{
	return !strncmp(name, "PG", 2) ||
	       !strcmp(name, "NODE_TLS_REJECT_UNAUTHORIZED") ||
	       !strcmp(name, "run") || !strcmp(name, "script") ||
	       !strcmp(name, "command") ||
	       spring_password(path ? path : name) ||
	       memchr(value, '=', vlen) || scan_contains(value, vlen, "postgres") ||
	       scan_contains(value, vlen, "jdbc:");
}

int
carriers_worth_parsing(const struct fact_ctx *fx, const struct source *src)
{
	/* One word each condition of carriers_relevant implies; a script's
	 * connection strings are URIs (postgres, jdbc:) or hold an '='. */
	static const char *const needles[] = {
	    "=", "postgres", "jdbc:", "PG", "NODE_TLS_REJECT_UNAUTHORIZED",
	    "datasource", NULL};

	return facts_worth_reading(fx, src, needles);
}

void
carriers_judge_assignments(struct fact_ctx *fx, const struct source *src,
			   const struct assignments *as)
{
	size_t i, j;

	for (i = 0; i < as->nr; i++) {
		struct client_fact env;
		int first = 1;

		/* Each group once: at its first assignment. */
		for (j = 0; j < i && first; j++)
			first = !same_group(&as->v[j], &as->v[i]);
		if (!first)
			continue;
		build_env(as, i, fx->pg_version, src, &env);
		for (j = i; j < as->nr; j++)
			if (same_group(&as->v[j], &as->v[i]))
				judge_assignment(fx, src, &as->v[j], &env);
		/* The environment is itself a client configuration. */
		if (env.nr)
			facts_add_connection(fx->out, &env);
		client_fact_release(&env);
	}
}

static int
uri_start(const char *s, size_t n)
{
	return conninfo_is_uri(s, n) || jdbc_is_url(s, n);
}

void
carriers_scan_text(struct fact_ctx *fx, const char *text, size_t len,
		   const struct text_map *map)
{
	size_t i = 0;

	while (i < len) {
		char c = text[i];

		if ((c == 'p' || c == 'j') && uri_start(text + i, len - i) &&
		    (i == 0 || !((text[i - 1] >= 'a' && text[i - 1] <= 'z') ||
				 text[i - 1] == '_'))) {
			size_t e = i;
			struct text_map sub;

			while (e < len && !strchr(" \t\r\n\"'`)<>;|", text[e]))
				e++;
			sub = text_map_sub(map, text, i, e - i);
			conn_string_judge(fx, text + i, e - i, &sub, NULL,
					      "connection URI");
			i = e;
			continue;
		}
		if (c == '"' || c == '\'') {
			const char *q = memchr(text + i + 1, c, len - i - 1);

			if (q) {
				size_t e = (size_t)(q - text);
				struct text_map sub =
				    text_map_sub(map, text, i + 1, e - i - 1);

				if (!uri_start(text + i + 1, e - i - 1))
					conn_string_judge(fx, text + i + 1,
							      e - i - 1, &sub,
							      NULL,
							      "connection "
							      "string");
				else
					carriers_scan_text(fx, text + i + 1,
							   e - i - 1, &sub);
				i = e + 1;
				continue;
			}
		}
		i++;
	}
}

/* One service: its settings as a connection, checked as libpq would. */
static void
judge_service(struct fact_ctx *fx, const struct source *src,
	      const struct service_file *sf, size_t first)
{
	const char *group = sf->params.v[first].path;
	struct client_fact f;
	struct conninfo ci;
	const struct conn_param *bad;
	size_t i;
	char *err, *what = xasprintf("service '%s'", group);

	memset(&ci, 0, sizeof(ci));
	client_fact_init(&f, DRIVER_LIBPQ, src, sf->params.v[first].name_begin,
			 sf->params.v[first].value_end, what);
	for (i = first; i < sf->params.nr; i++) {
		const struct assignment *a = &sf->params.v[i];
		struct conn_param *cp;

		if (strcmp(a->path, group))
			continue;
		client_fact_add(&f, a->name, a->value, a->value_begin,
				a->value_end);
		ALLOC_GROW(ci.v, ci.nr + 1, ci.alloc);
		cp = &ci.v[ci.nr++];
		memset(cp, 0, sizeof(*cp));
		cp->key = xstrdup(a->name);
		cp->value = xstrdup(a->value);
		cp->value_begin = a->value_begin;
		cp->value_end = a->value_end;
	}
	err = conninfo_check(&ci, fx->pg_version, &bad);
	if (err) {
		facts_add(fx->out, FACT_INVALID, src,
			  bad ? bad->value_begin : f.begin,
			  bad ? bad->value_end : f.end, -1,
			  "%s in %s: libpq refuses to connect", err, what);
		free(err);
	}
	facts_add_connection(fx->out, &f);
	conninfo_release(&ci);
	free(what);
}

void
carriers_judge_service(struct fact_ctx *fx, const struct source *src)
{
	struct service_file sf;
	size_t i, j;

	service_parse(src->text, src->len, fx->pg_version, &sf);
	for (i = 0; i < sf.nerrors; i++)
		facts_add(fx->out, FACT_INVALID, src, sf.errors[i].begin,
			  sf.errors[i].end, -1, "%s", sf.errors[i].message);
	for (i = 0; i < sf.params.nr; i++) {
		int first = 1;

		for (j = 0; j < i && first; j++)
			first = strcmp(sf.params.v[j].path, sf.params.v[i].path);
		if (first)
			judge_service(fx, src, &sf, i);
	}
	service_release(&sf);
}
