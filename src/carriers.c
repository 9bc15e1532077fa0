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
#include "rules/engine.h"
#include "scanners/scan_common.h"
#include "util/scan.h"
#include "util/xalloc.h"

/* Libpq version whose keywords and checks apply to strings. */
static int
libpq_version(const struct check_ctx *ctx)
{
	return ctx->pg_version;
}

/* How many of libpq's everyday keywords appear as "keyword=" in text. */
static int
keyword_hits(const char *text, size_t len)
{
	static const char *const kws[] = {"host=", "hostaddr=", "dbname=",
					  "user=", "sslmode=", "port="};
	size_t i, k, hits = 0;

	for (k = 0; k < sizeof(kws) / sizeof(kws[0]); k++) {
		size_t n = strlen(kws[k]);

		for (i = 0; i + n <= len; i++)
			if (!strncmp(text + i, kws[k], n) &&
			    (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
				hits++;
				break;
			}
	}
	return (int)hits;
}

/* The text opens with "word=" (blanks allowed), as a conninfo does. */
static int
starts_with_keyword(const char *text, size_t len)
{
	size_t i = 0, w;

	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	for (w = i; i < len && ((text[i] >= 'a' && text[i] <= 'z') ||
				text[i] == '_');
	     i++)
		;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	return i > w && i < len && text[i] == '=';
}

/*
 * A keyword/value string worth judging: it parses with at least two
 * settings, one saying where or how to connect; or it fails to parse but
 * plainly means to be one (two everyday keywords), so PGT309 can say why.
 */
static int
looks_like_kv(const char *text, size_t len, int version)
{
	struct conninfo ci;
	int ok;

	if (!memchr(text, '=', len))
		return 0;
	if (conninfo_parse(text, len, version, &ci) == 0)
		ok = (conninfo_get(&ci, "host") || conninfo_get(&ci, "hostaddr") ||
		      conninfo_get(&ci, "sslmode")) &&
		     ci.nr >= 2;
	else
		ok = starts_with_keyword(text, len) &&
		     keyword_hits(text, len) >= 2;
	conninfo_release(&ci);
	return ok;
}

size_t
text_map_offset(const struct text_map *m, const char *value, size_t k)
{
	size_t line = m->line0, i, col = 0;

	if (m->verbatim)
		return m->base + k;
	if (m->map)
		return m->map(m->map_arg, m->shift + k);
	if (!m->block || !m->src)
		return m->base;
	for (i = 0; i < k && value[i]; i++) {
		if (value[i] == '\n') {
			line++;
			col = 0;
		} else
			col++;
	}
	if (line >= source_nlines(m->src))
		return m->end;
	return source_line_start(m->src, line) + m->indent + col;
}

/* The end of the span of value bytes [b, e): exact, or the whole value. */
static size_t
map_end(const struct text_map *m, const char *value, size_t e)
{
	if (m->map && !m->verbatim)
		return e ? m->map(m->map_arg, m->shift + e - 1) + 1
			 : m->map(m->map_arg, m->shift);
	return m->verbatim || m->block ? text_map_offset(m, value, e) : m->end;
}

/* The part of a value from off on, as its own map. */
static struct text_map
sub_map(const struct text_map *m, const char *value, size_t off, size_t len)
{
	struct text_map s = *m;

	if (m->verbatim) {
		s.base = m->base + off;
		s.end = s.base + len;
	} else if (m->map) {
		s.shift = m->shift + off;
		s.base = text_map_offset(&s, value + off, 0);
		s.end = map_end(&s, value + off, len);
	} else if (m->block) {
		s.base = text_map_offset(m, value, off);
		s.end = text_map_offset(m, value, off + len);
		/* one line of a block is verbatim */
		s.verbatim = !memchr(value + off, '\n', len);
		s.block = !s.verbatim;
	}
	return s;
}

/*
 * SQLAlchemy URLs, postgresql+DIALECT://... (https://docs.sqlalchemy.org/
 * en/20/dialects/postgresql.html): psycopg2, psycopg and pg8000 hand the
 * query to the driver as libpq keywords; asyncpg passes it as keyword
 * arguments, where sslmode is a TypeError and ssl= takes asyncpg's modes.
 * Returns the driver, and in *skip the length of "+DIALECT".
 */
static int
sqlalchemy_dialect(const char *text, size_t len, size_t *skip)
{
	const char *plus = len > 11 && !strncmp(text, "postgresql+", 11)
			       ? text + 10
			       : NULL;
	const char *sep = NULL;
	size_t i;

	for (i = 11; plus && !sep && i + 3 <= len; i++)
		if (!memcmp(text + i, "://", 3))
			sep = text + i;
	if (!sep)
		return -1;
	*skip = (size_t)(sep - plus);
	return !strncmp(plus + 1, "asyncpg", 7) ? DRIVER_ASYNCPG : DRIVER_LIBPQ;
}

/* Parses a SQLAlchemy URL as the libpq URI it spells, offsets shifted back
 * to the original text. The asyncpg dialect's query keys are asyncpg's. */
static int
parse_sqlalchemy(const char *text, size_t len, size_t skip, int driver,
		 int version, struct conninfo *ci)
{
	char *uri = xasprintf("postgresql%.*s", (int)(len - 10 - skip),
			      text + 10 + skip);
	size_t i, n = strlen(uri), q = strcspn(uri, "?");
	int rc;

	if (driver == DRIVER_ASYNCPG && q < n) {
		/* asyncpg's own keys (ssl=...) are not libpq's: read the
		 * host part with libpq's grammar, the query as key=value. */
		rc = conninfo_parse(uri, q, version, ci);
		for (i = q + 1; !rc && i < n;) {
			size_t e = i + strcspn(uri + i, "&"), eq = i;
			struct conn_param *cp;

			while (eq < e && uri[eq] != '=')
				eq++;
			ALLOC_GROW(ci->v, ci->nr + 1, ci->alloc);
			cp = &ci->v[ci->nr++];
			memset(cp, 0, sizeof(*cp));
			cp->key = xstrndup(uri + i, eq - i);
			cp->value = xstrndup(uri + eq + (eq < e),
					     e - eq - (eq < e));
			cp->key_begin = i;
			cp->key_end = eq;
			cp->value_begin = eq + (eq < e);
			cp->value_end = e;
			if (!strcmp(cp->key, "sslmode")) {
				ci->error = xstrdup(
				    "SQLAlchemy's asyncpg dialect rejects "
				    "sslmode in the URL (TypeError); use "
				    "ssl=verify-full");
				ci->err_begin = i;
				ci->err_end = e;
				rc = -1;
			}
			i = e + 1;
		}
	} else
		rc = conninfo_parse(uri, n, version, ci);
	for (i = 0; i < ci->nr; i++) {
		ci->v[i].key_begin += skip;
		ci->v[i].key_end += skip;
		ci->v[i].value_begin += skip;
		ci->v[i].value_end += skip;
	}
	ci->err_begin += skip;
	ci->err_end += skip;
	free(uri);
	return rc;
}

int
carriers_fact_from_string(const char *text, size_t len, int version,
			  const struct text_map *map,
			  const struct client_fact *env, const char *what,
			  struct client_fact *f, struct conninfo *ci)
{
	int jdbc = jdbc_is_url(text, len), forwarding;
	size_t i, skip = 0;
	int dialect = sqlalchemy_dialect(text, len, &skip);

	if (!jdbc && dialect < 0 && !conninfo_is_uri(text, len) &&
	    !looks_like_kv(text, len, version))
		return 0;
	/* the language's import names the driver of a plain string */
	forwarding = !jdbc && dialect < 0 && env && !env->driver_guessed &&
		     env->driver != DRIVER_LIBPQ;
	if (dialect >= 0 ? parse_sqlalchemy(text, len, skip, dialect, version,
					    ci)
	    : jdbc	 ? jdbc_parse(text, len, ci)
	    : forwarding ? conninfo_parse_forwarding(text, len, version, ci)
			 : conninfo_parse(text, len, version, ci))
		return -1;
	client_fact_init(f, jdbc ? DRIVER_PGJDBC
			    : dialect >= 0 ? (enum driver)dialect
					   : DRIVER_LIBPQ,
			 map->src, map->base, map->end,
			 jdbc ? "JDBC URL"
			 : dialect >= 0 ? "SQLAlchemy URL"
			 : ci->is_uri && !strcmp(what, "connection string")
			     ? "connection URI"
			     : what);
	f->driver_guessed = !jdbc && dialect < 0;
	if (f->driver_guessed && env && !env->driver_guessed) {
		f->driver = env->driver; /* the language's import says */
		f->driver_guessed = 0;
	}
	for (i = 0; i < ci->nr; i++)
		client_fact_add(f, ci->v[i].key, ci->v[i].value,
				text_map_offset(map, text, ci->v[i].value_begin),
				map_end(map, text, ci->v[i].value_end))
		    ->exact = map->verbatim || map->block;
	/* pgjdbc reads no PGSSL* variable, only the program's properties */
	if (env && (!jdbc || !env->driver_guessed))
		client_fact_add_defaults(f, env);
	return 1;
}

int
carriers_judge_string(struct check_ctx *ctx, const char *text, size_t len,
		      const struct text_map *map,
		      const struct client_fact *env, const char *what)
{
	int version = libpq_version(ctx);
	struct client_fact f;
	struct conninfo ci;
	const struct conn_param *bad = NULL;
	char *err;
	int rc = carriers_fact_from_string(text, len, version, map, env, what,
					   &f, &ci);

	if (rc == 0)
		return 0;
	if (rc < 0) {
		engine_client_invalid(ctx, map->src,
				      text_map_offset(map, text, ci.err_begin),
				      map_end(map, text, ci.err_end), "%s",
				      ci.error);
		conninfo_release(&ci);
		return 1;
	}
	err = f.driver != DRIVER_LIBPQ ? NULL
				       : conninfo_check(&ci, version, &bad);
	if (err && bad && client_is_placeholder(bad->value)) {
		free(err); /* a value built at run time: unknown */
		err = NULL;
	}
	if (err) {
		engine_client_invalid(
		    ctx, map->src,
		    bad ? text_map_offset(map, text, bad->value_begin)
			: map->base,
		    bad ? map_end(map, text, bad->value_end) : map->end,
		    "%s: libpq refuses to connect", err);
		free(err);
	}
	engine_run_client(ctx, &f);
	client_fact_release(&f);
	conninfo_release(&ci);
	return 1;
}

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
judge_assignment(struct check_ctx *ctx, const struct source *src,
		 const struct assignment *a, const struct client_fact *env)
{
	size_t len = strlen(a->value);
	struct text_map map = assignment_map(src, a);

	if (!strcmp(a->name, "NODE_TLS_REJECT_UNAUTHORIZED") &&
	    !strcmp(a->value, "0")) {
		engine_client_override(ctx, src, a->value_begin,
				       a->value_begin + 1,
				       "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off "
				       "certificate checks for every TLS "
				       "connection of the Node.js process");
		return;
	}
	if (spring_password(a->path ? a->path : a->name) && *a->value &&
	    !client_is_placeholder(a->value)) {
		engine_client_password(ctx, src, a->value_begin,
				       a->value_begin + len,
				       "password written in '%s' (****)",
				       a->path ? a->path : a->name);
		return;
	}
	/* CI steps and container commands are scripts: look inside them. */
	if (!strcmp(a->name, "run") || !strcmp(a->name, "script") ||
	    !strcmp(a->name, "command"))
		carriers_scan_text(ctx, a->value, len, &map);
	else
		carriers_judge_string(ctx, a->value, len, &map, env,
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
carriers_worth_parsing(const struct check_ctx *ctx, const struct source *src)
{
	/* One word each condition of carriers_relevant implies; a script's
	 * connection strings are URIs (postgres, jdbc:) or hold an '='. */
	static const char *const needles[] = {
	    "=", "postgres", "jdbc:", "PG", "NODE_TLS_REJECT_UNAUTHORIZED",
	    "datasource", NULL};

	return scan_worth_lexing(ctx, src, needles);
}

void
carriers_judge_assignments(struct check_ctx *ctx, const struct source *src,
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
		build_env(as, i, libpq_version(ctx), src, &env);
		for (j = i; j < as->nr; j++)
			if (same_group(&as->v[j], &as->v[i]))
				judge_assignment(ctx, src, &as->v[j], &env);
		/* The environment is itself a client configuration. */
		if (env.nr)
			engine_run_client(ctx, &env);
		client_fact_release(&env);
	}
}

static int
uri_start(const char *s, size_t n)
{
	return conninfo_is_uri(s, n) || jdbc_is_url(s, n);
}

void
carriers_scan_text(struct check_ctx *ctx, const char *text, size_t len,
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
			sub = sub_map(map, text, i, e - i);
			carriers_judge_string(ctx, text + i, e - i, &sub, NULL,
					      "connection URI");
			i = e;
			continue;
		}
		if (c == '"' || c == '\'') {
			const char *q = memchr(text + i + 1, c, len - i - 1);

			if (q) {
				size_t e = (size_t)(q - text);
				struct text_map sub =
				    sub_map(map, text, i + 1, e - i - 1);

				if (!uri_start(text + i + 1, e - i - 1))
					carriers_judge_string(ctx, text + i + 1,
							      e - i - 1, &sub,
							      NULL,
							      "connection "
							      "string");
				else
					carriers_scan_text(ctx, text + i + 1,
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
judge_service(struct check_ctx *ctx, const struct source *src,
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
	err = conninfo_check(&ci, libpq_version(ctx), &bad);
	if (err) {
		engine_client_invalid(ctx, src, bad ? bad->value_begin : f.begin,
				      bad ? bad->value_end : f.end,
				      "%s in %s: libpq refuses to connect", err,
				      what);
		free(err);
	}
	engine_run_client(ctx, &f);
	client_fact_release(&f);
	conninfo_release(&ci);
	free(what);
}

void
carriers_judge_service(struct check_ctx *ctx, const struct source *src)
{
	struct service_file sf;
	size_t i, j;

	service_parse(src->text, src->len, libpq_version(ctx), &sf);
	for (i = 0; i < sf.nerrors; i++)
		engine_client_invalid(ctx, src, sf.errors[i].begin,
				      sf.errors[i].end, "%s",
				      sf.errors[i].message);
	for (i = 0; i < sf.params.nr; i++) {
		int first = 1;

		for (j = 0; j < i && first; j++)
			first = strcmp(sf.params.v[j].path, sf.params.v[i].path);
		if (first)
			judge_service(ctx, src, &sf, i);
	}
	service_release(&sf);
}
