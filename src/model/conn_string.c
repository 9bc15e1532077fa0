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
#include <strings.h>

#include "../parsers/conninfo.h"
#include "../parsers/npgsql.h"
#include "../parsers/jdbc.h"
#include "../util/buf.h"
#include "../util/xalloc.h"
#include "value.h"
#include "client.h"

/* How many of libpq's everyday keywords appear as "keyword=" in text. */
static int
keyword_hits(const char *text, size_t len)
{
	static const char *const kws[] = {
	    "host=", "hostaddr=", "dbname=", "user=", "sslmode=", "port="};
	size_t i, k, hits = 0;

	for (k = 0; k < sizeof(kws) / sizeof(kws[0]); k++) {
		size_t n = strlen(kws[k]);

		for (i = 0; i + n <= len; i++)
			if (!strncmp(text + i, kws[k], n) &&
			    (i == 0 || text[i - 1] == ' ' ||
			     text[i - 1] == '\t')) {
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
	for (w = i;
	     i < len && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '_');
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
	if (conninfo_parse_holes(text, len, version, 0, &ci) == 0)
		ok = (conninfo_get(&ci, "host") ||
		      conninfo_get(&ci, "hostaddr") ||
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
text_map_sub(const struct text_map *m, const char *value, size_t off,
	     size_t len)
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
	const char *plus =
	    len > 11 && !strncmp(text, "postgresql+", 11) ? text + 10 : NULL;
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
		rc = conninfo_parse_holes(uri, q, version, 0, ci);
		for (i = q + 1; !rc && i < n;) {
			size_t e = i + strcspn(uri + i, "&"), eq = i;
			struct conn_param *cp;

			while (eq < e && uri[eq] != '=')
				eq++;
			ALLOC_GROW(ci->v, ci->nr + 1, ci->alloc);
			cp = &ci->v[ci->nr++];
			memset(cp, 0, sizeof(*cp));
			cp->key = xstrndup(uri + i, eq - i);
			cp->value =
			    xstrndup(uri + eq + (eq < e), e - eq - (eq < e));
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
		rc = conninfo_parse_holes(uri, n, version, 0, ci);
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

struct conn_string
conn_string_plain(const char *text, size_t len, const struct text_map *map,
		  const char *what)
{
	struct conn_string cs;

	memset(&cs, 0, sizeof(cs));
	cs.text = text;
	cs.len = len;
	cs.map = *map;
	cs.what = what;
	return cs;
}

/* The source holds exactly bytes v[0..n) at [b, e): a fix may replace
 * them (a value found through escapes or joins only where it is). */
static int
written_as(const struct source *src, size_t b, size_t e, const char *v,
	   size_t n)
{
	return src && e >= b && e - b == n && e <= src->len &&
	       !memcmp(src->text + b, v, n);
}

/* The text is nothing but holes and blanks: nothing to read. */
static int
all_holes(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (text[i] != VALUE_UNKNOWN && text[i] != ' ')
			return 0;
	return 1;
}

/*
 * A URL whose scheme and host are built at run time and whose rest is
 * written: DATABASE_URL + "?sslmode=no-verify". In a driver's position it
 * is that driver's URI; parsed as one whose start is a hole, offsets
 * moved back to the text.
 */
static int
hole_then_uri(const char *text, size_t len)
{
	return len >= 2 && text[0] == VALUE_UNKNOWN &&
	       (text[1] == '?' || text[1] == '/' || text[1] == '@');
}

static int
parse_hole_uri(const char *text, size_t len, int version, int forward,
	       struct conninfo *ci)
{
	static const char scheme[] = "postgresql://";
	size_t n = sizeof(scheme) - 1, i;
	char *uri = xasprintf("%s%.*s", scheme, (int)len, text);
	int rc = conninfo_parse_holes(uri, n + len, version, forward, ci);

	for (i = 0; i < ci->nr; i++) {
		ci->v[i].key_begin -=
		    ci->v[i].key_begin >= n ? n : ci->v[i].key_begin;
		ci->v[i].key_end -=
		    ci->v[i].key_end >= n ? n : ci->v[i].key_end;
		ci->v[i].value_begin -=
		    ci->v[i].value_begin >= n ? n : ci->v[i].value_begin;
		ci->v[i].value_end -=
		    ci->v[i].value_end >= n ? n : ci->v[i].value_end;
	}
	ci->err_begin -= ci->err_begin >= n ? n : ci->err_begin;
	ci->err_end -= ci->err_end >= n ? n : ci->err_end;
	free(uri);
	return rc;
}

/*
 * Go's url.Values.Get keeps a repeated query key's first value: pgx reads
 * URIs so (pgconn/config.go parseURLSettings: settings[k] = v[0]), as
 * does lib/pq (url.go ParseURL: q.Get(k)); libpq, asyncpg
 * (urllib.parse.parse_qs, then val[-1]) and node keep the last.
 */
static int
uri_first_wins(enum driver d, const struct conninfo *ci)
{
	return ci->is_uri && (d == DRIVER_PGX || d == DRIVER_LIB_PQ);
}

/* Where a URI's query starts (after "?"), or len. */
static size_t
uri_query_start(const char *text, size_t len)
{
	const char *q = memchr(text, '?', len);

	return q ? (size_t)(q - text) : len;
}

/*
 * Forms that name their driver by their own syntax: an Npgsql string
 * (parsers/npgsql.c); a PHP PDO DSN "pgsql:host=...;sslmode=..." (php-src
 * ext/pdo_pgsql/pgsql_driver.c pdo_pgsql_handle_factory turns each ';'
 * into a blank and hands the rest to PQconnectdb: libpq); an R2DBC URL
 * "r2dbc:[pool:]postgresql://..." (r2dbc-postgresql's own options, read
 * as a URI's: sslMode, its alias sslmode, ssl). Returns the driver and
 * fills ci, offsets in text; -1 for none of them.
 */
static int
parse_named_form(const char *text, size_t len, int version,
		 struct conninfo *ci)
{
	size_t skip = 0, i;
	char *copy;
	int driver;

	if (npgsql_is_string(text, len)) {
		npgsql_parse(text, len, ci);
		return DRIVER_NPGSQL;
	}
	if (len > 6 && !strncmp(text, "pgsql:", 6)) {
		skip = 6;
		driver = DRIVER_LIBPQ;
	} else if (len > 6 && !strncmp(text, "r2dbc:", 6)) {
		skip = 6 + (len > 11 && !strncmp(text + 6, "pool:", 5) ? 5 : 0);
		if (!conninfo_is_uri(text + skip, len - skip))
			return -1;
		driver = DRIVER_R2DBC;
	} else
		return -1;
	copy = xstrndup(text + skip, len - skip);
	if (driver == DRIVER_LIBPQ)
		for (i = 0; copy[i]; i++)
			if (copy[i] == ';')
				copy[i] = ' ';
	conninfo_parse_holes(copy, len - skip, version, driver != DRIVER_LIBPQ,
			     ci);
	for (i = 0; i < ci->nr; i++) {
		struct conn_param *cp = &ci->v[i];

		cp->key_begin += skip;
		cp->key_end += skip;
		cp->value_begin += skip;
		cp->value_end += skip;
		if (driver == DRIVER_R2DBC && cp->remapped) {
			/* ssl=true is r2dbc's VERIFY_FULL, not libpq's
			 * require */
			free(cp->key);
			free(cp->value);
			cp->key = xstrdup("ssl");
			cp->value = xstrdup("true");
		}
	}
	ci->err_begin += skip;
	ci->err_end += skip;
	free(copy);
	return driver;
}

/* ci's parameters into f, each where it is written. */
static void
add_params(struct client_fact *f, const struct conn_string *cs,
	   const struct conninfo *ci)
{
	const char *text = cs->text;
	const struct text_map *map = &cs->map;
	size_t i;

	for (i = 0; i < ci->nr; i++) {
		const struct conn_param *cp = &ci->v[i];
		struct client_param *p;

		if (uri_first_wins(f->driver, ci) && client_get(f, cp->key))
			continue;
		if (f->driver == DRIVER_ASYNCPG && ci->is_uri && !*cp->value &&
		    cp->key_begin > uri_query_start(text, cs->len))
			continue; /* parse_qs drops blank values */
		p = client_fact_add(f, cp->key,
				    conninfo_unknown(ci, cp) ? NULL : cp->value,
				    text_map_offset(map, text, cp->value_begin),
				    text_map_end(map, text, cp->value_end));

		p->origin = cs->value
				? value_origin_of(cs->value, cp->value_begin,
						  cp->value_end)
				: ORIGIN_LITERAL;
		/* a constant's value is fixed where the constant is written */
		p->exact = (p->origin == ORIGIN_LITERAL ||
			    p->origin == ORIGIN_CONSTANT) &&
			   (map->verbatim || map->block ||
			    written_as(map->src, p->begin, p->end,
				       text + cp->value_begin,
				       cp->value_end - cp->value_begin));
	}
}

int
conn_string_fact(const struct conn_string *cs, int version,
		 struct client_fact *f, struct conninfo *ci)
{
	const char *text = cs->text;
	size_t len = cs->len, skip = 0;
	const struct client_fact *env = cs->env;
	const struct text_map *map = &cs->map;
	int jdbc = jdbc_is_url(text, len), forwarding, rc;
	int dialect = sqlalchemy_dialect(text, len, &skip);

	int hole_uri = cs->driver_position && hole_then_uri(text, len);
	int named = jdbc || dialect >= 0
			? -1
			: parse_named_form(text, len, version, ci);

	if (named >= 0) {
		client_fact_init(f, (enum driver)named, map->src, map->base,
				 map->end,
				 named == DRIVER_NPGSQL ? "Npgsql connection string"
				 : named == DRIVER_R2DBC ? "R2DBC URL"
							 : "PDO DSN");
		add_params(f, cs, ci);
		/* PDO's libpq reads the PG* environment; another driver
		 * only its own options (an R2DBC URL's spring.r2dbc.
		 * properties) */
		if (env && (named == DRIVER_LIBPQ ||
			    (!env->driver_guessed && (int)env->driver == named)))
			client_fact_add_defaults(f, env);
		return ci->error ? -1 : 1;
	}
	if (!jdbc && dialect < 0 && !conninfo_is_uri(text, len) && !hole_uri &&
	    (cs->driver_position ? all_holes(text, len)
				 : !looks_like_kv(text, len, version)))
		return 0;
	/* the language's import names the driver of a plain string */
	forwarding = !jdbc && dialect < 0 && env && !env->driver_guessed &&
		     env->driver != DRIVER_LIBPQ;
	rc = dialect >= 0
		 ? parse_sqlalchemy(text, len, skip, dialect, version, ci)
	     : jdbc ? jdbc_parse_holes(text, len, ci)
	     : hole_uri
		 ? parse_hole_uri(text, len, version, forwarding, ci)
		 : conninfo_parse_holes(text, len, version, forwarding, ci);
	client_fact_init(f,
			 jdbc		? DRIVER_PGJDBC
			 : dialect >= 0 ? (enum driver)dialect
					: DRIVER_LIBPQ,
			 map->src, map->base, map->end,
			 jdbc		? "JDBC URL"
			 : dialect >= 0 ? "SQLAlchemy URL"
			 : ci->is_uri && !strcmp(cs->what, "connection string")
			     ? "connection URI"
			     : cs->what);
	f->driver_guessed = !jdbc && dialect < 0;
	if (f->driver_guessed && env && !env->driver_guessed) {
		f->driver = env->driver; /* the language's import says */
		f->driver_guessed = 0;
	}
	/* A part we cannot see may set any parameter, the host and the
	 * mode too: a missing one is not the driver's default. */
	if (ci->open) {
		client_fact_add(f, "sslmode", NULL, map->base, map->end);
		f->host_elsewhere = 1;
	}
	add_params(f, cs, ci);
	/* pgjdbc reads no PGSSL* variable, only the program's properties */
	if (env && (!jdbc || !env->driver_guessed))
		client_fact_add_defaults(f, env);
	return rc < 0 ? -1 : 1;
}

/*
 * Whether driver refuses sslmode value m at connect: libpq checks its own
 * (conninfo_check); pgx (pgconn/config.go configTLS: "sslmode is
 * invalid") and lib/pq v1.12+ (ssl.go) take libpq's six names
 * case-sensitively, asyncpg too but with "_" for "-" as well
 * (connect_utils.py SSLMode.parse: getattr(cls, sslmode.replace('-',
 * '_'))), pgjdbc (jdbc/SslMode.java of(): equalsIgnoreCase) in any case;
 * node-postgres and postgres.js read any other string as full
 * verification (driver-semantics.md 5, 6.2, 7.1, 7.2, 8). Measured by
 * tests/live/driver_probe.py.
 */
static int
driver_refuses_mode(enum driver d, const char *m)
{
	static const char *const modes[] = {"disable",	 "allow",
					    "prefer",	 "require",
					    "verify-ca", "verify-full"};
	char *dashed = d == DRIVER_ASYNCPG ? client_asyncpg_mode(m) : NULL;
	size_t i;
	int refused = 1;

	if (d == DRIVER_LIBPQ || d == DRIVER_NODE_PG ||
	    d == DRIVER_POSTGRES_JS || d == DRIVER_PRISMA)
		return 0; /* Prisma: url.rs reads any other value as prefer */
	if (d == DRIVER_NPGSQL)
		return !npgsql_mode_known(m);
	if (d == DRIVER_R2DBC || d == DRIVER_VERTX)
		return !client_r2dbc_mode(m);
	if (!*m && d == DRIVER_BUN)
		return 0; /* pgdriver config.go parseDSN: "" is the default */
	if (!*m && (d == DRIVER_PGX || d == DRIVER_LIB_PQ))
		return 0; /* the default: pgconn/config.go configTLS
			     (sslmode == "" is prefer), lib/pq ssl.go
			     (case "", "require") */
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]) && refused; i++)
		refused = d == DRIVER_PGJDBC ? strcasecmp(m, modes[i]) != 0
			  : dashed	     ? strcmp(dashed, modes[i]) != 0
					     : strcmp(m, modes[i]) != 0;
	free(dashed);
	return refused;
}

/*
 * libpq's connect-time checks over what f really passes: its string's
 * parameters with the keyword arguments over them (psycopg and psycopg2
 * merge connect(**kwargs) into one conninfo before libpq reads it:
 * psycopg/conninfo.py make_conninfo, psycopg2/extensions.py make_dsn).
 * A value we cannot see is a hole, never checked. *blame: the parameter.
 */
static char *
libpq_refusal(const struct client_fact *f, int version,
	      const struct client_param **blame)
{
	static const char hole[] = {CONNINFO_HOLE, '\0'};
	struct conninfo ci;
	const struct conn_param *cp;
	char *why;
	size_t i;

	memset(&ci, 0, sizeof(ci));
	ci.holes = 1;
	for (i = 0; i < f->nr; i++) {
		const struct client_param *p = &f->v[i];

		if (p->from_env || p->in_code)
			continue; /* judged where the variable is set */
		ALLOC_GROW(ci.v, ci.nr + 1, ci.alloc);
		memset(&ci.v[ci.nr], 0, sizeof(ci.v[0]));
		ci.v[ci.nr].key = xstrdup(p->key);
		ci.v[ci.nr].value = xstrdup(p->value ? p->value : hole);
		ci.v[ci.nr++].value_begin = i; /* to find p again */
	}
	why = conninfo_check(&ci, version, &cp);
	*blame = cp ? &f->v[cp->value_begin] : NULL;
	conninfo_release(&ci);
	return why;
}

char *
conn_refusal(const struct client_fact *f, int version, size_t *b, size_t *e)
{
	const struct client_param *mode, *blame, *compat;
	char *err, *shown;

	*b = f->begin;
	*e = f->end;
	if (f->driver == DRIVER_LIBPQ) {
		char *why = libpq_refusal(f, version, &blame);

		if (!why)
			return NULL;
		if (blame) {
			*b = blame->begin;
			*e = blame->end;
		}
		err = xasprintf("%s: libpq refuses to connect", why);
		free(why);
		return err;
	}
	/* the mode the driver really reads: a keyword argument's or a
	 * property's over the string's (asyncpg reads the DSN's sslmode only
	 * without ssl=); a Python boolean (ssl=True) is not a mode name;
	 * pgjdbc's defaults are the program's Properties (strings), no
	 * variable's */
	mode = client_get(f, "sslmode");
	if (!mode || !mode->value ||
	    ((mode->in_code || mode->from_env) && f->driver != DRIVER_PGJDBC))
		return NULL;
	compat = client_get(f, "uselibpqcompat");
	if (f->driver == DRIVER_NODE_PG && !strcmp(mode->value, "verify-ca") &&
	    compat && compat->value && !strcmp(compat->value, "true") &&
	    !client_get(f, "sslrootcert")) {
		/* pg-connection-string index.js: "SECURITY WARNING: Using
		 * sslmode=verify-ca requires specifying a CA" (thrown) */
		*b = mode->begin;
		*e = mode->end;
		return xstrdup("sslmode=verify-ca with uselibpqcompat needs "
			       "sslrootcert: node-postgres refuses to connect");
	}
	if (!driver_refuses_mode(f->driver, mode->value))
		return NULL;
	*b = mode->begin;
	*e = mode->end;
	shown = str_cut(mode->value, QUOTE_MAX);
	err = xasprintf("invalid sslmode value: \"%s\": %s refuses to connect",
			shown, driver_names[f->driver]);
	free(shown);
	return err;
}

/* The literal password of a connection its driver refuses to make. */
static void
password_fact(struct fact_ctx *fx, const struct client_fact *f)
{
	const struct client_param *pw = client_get(f, "password");

	if (pw && pw->value && *pw->value && !pw->from_env)
		facts_add(fx->out, FACT_PASSWORD, f->src, pw->begin, pw->end,
			  -1, "the %s%s", f->what,
			  pw->origin == ORIGIN_DEFAULT ? ", as a default" : "");
}

void
conn_args_password(struct fact_ctx *fx, const struct client_fact *f)
{
	password_fact(fx, f);
}

void
conn_args_judge(struct fact_ctx *fx, struct client_fact *f)
{
	size_t b, e;
	char *why = conn_refusal(f, fx->pg_version, &b, &e);

	if (!why) {
		facts_add_connection(fx->out, f);
		return;
	}
	facts_add(fx->out, FACT_INVALID, f->src, b, e, -1, "%s", why);
	free(why);
	password_fact(fx, f);
}

int
conn_string_judge(struct fact_ctx *fx, const struct conn_string *cs)
{
	const struct text_map *map = &cs->map;
	struct client_fact f;
	struct conninfo ci;
	size_t b, e;
	char *err;
	int rc = conn_string_fact(cs, fx->pg_version, &f, &ci);

	if (rc == 0)
		return 0;
	if (rc < 0) {
		facts_add(fx->out, FACT_INVALID, map->src,
			  text_map_offset(map, cs->text, ci.err_begin),
			  text_map_end(map, cs->text, ci.err_end), -1, "%s",
			  ci.error);
		/* A known driver refuses it: no connection is made, but the
		 * secret is written all the same (a PGT309 hides no PGT308).
		 * With no language context another reader may take it
		 * (decision 2): what it says of TLS stands, when it was read
		 * to its end. */
		if (ci.complete && f.driver_guessed)
			facts_add_connection(fx->out, &f);
		else
			password_fact(fx, &f);
	} else if ((err = conn_refusal(&f, fx->pg_version, &b, &e))) {
		facts_add(fx->out, FACT_INVALID, map->src, b, e, -1, "%s", err);
		free(err);
		/* as above: refused by its known driver, no connection */
		if (f.driver_guessed)
			facts_add_connection(fx->out, &f);
		else
			password_fact(fx, &f);
	} else
		facts_add_connection(fx->out, &f);
	client_fact_release(&f);
	conninfo_release(&ci);
	return 1;
}
