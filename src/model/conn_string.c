/* SPDX-License-Identifier: MIT */
/*
 * conn_string.c — a connection string, wherever it is written, as facts.
 *
 * Decisions (RULES.md "Reporting decisions"):
 * - with no language context the driver is unknown and libpq's meaning is
 *   used (decision 2); a jdbc:postgresql: URL is pgjdbc's by its form, a
 *   postgresql+DIALECT:// URL SQLAlchemy's;
 * - the PG* variables beside a string (env) fill what it leaves unset, as
 *   libpq's conninfo_add_defaults does;
 * - a value built at run time (a placeholder) is unknown, never invalid.
 */
#include "conn_string.h"

#include <stdlib.h>
#include <string.h>

#include "../parsers/conninfo.h"
#include "../parsers/jdbc.h"
#include "../util/xalloc.h"
#include "client.h"

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

size_t
text_map_end(const struct text_map *m, const char *value, size_t e)
{
	if (m->map && !m->verbatim)
		return e ? m->map(m->map_arg, m->shift + e - 1) + 1
			 : m->map(m->map_arg, m->shift);
	return m->verbatim || m->block ? text_map_offset(m, value, e) : m->end;
}

struct text_map
text_map_sub(const struct text_map *m, const char *value, size_t off, size_t len)
{
	struct text_map s = *m;

	if (m->verbatim) {
		s.base = m->base + off;
		s.end = s.base + len;
	} else if (m->map) {
		s.shift = m->shift + off;
		s.base = text_map_offset(&s, value + off, 0);
		s.end = text_map_end(&s, value + off, len);
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
conn_string_fact(const char *text, size_t len, int version,
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
				text_map_end(map, text, ci->v[i].value_end))
		    ->exact = map->verbatim || map->block;
	/* pgjdbc reads no PGSSL* variable, only the program's properties */
	if (env && (!jdbc || !env->driver_guessed))
		client_fact_add_defaults(f, env);
	return 1;
}

int
conn_string_judge(struct fact_ctx *fx, const char *text, size_t len,
		  const struct text_map *map, const struct client_fact *env,
		  const char *what)
{
	int version = fx->pg_version;
	struct client_fact f;
	struct conninfo ci;
	const struct conn_param *bad = NULL;
	char *err;
	int rc = conn_string_fact(text, len, version, map, env, what,
					   &f, &ci);

	if (rc == 0)
		return 0;
	if (rc < 0) {
		facts_add(fx->out, FACT_INVALID, map->src,
			  text_map_offset(map, text, ci.err_begin),
			  text_map_end(map, text, ci.err_end), -1, "%s",
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
		facts_add(fx->out, FACT_INVALID, map->src,
			  bad ? text_map_offset(map, text, bad->value_begin)
			      : map->base,
			  bad ? text_map_end(map, text, bad->value_end)
			      : map->end,
			  -1, "%s: libpq refuses to connect", err);
		free(err);
	}
	facts_add_connection(fx->out, &f);
	conninfo_release(&ci);
	return 1;
}

