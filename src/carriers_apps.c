/* SPDX-License-Identifier: MIT */
/*
 * carriers_apps.c — settings of applications that build a PostgreSQL
 * connection from pieces. What each key means, and its source:
 *
 * - Rails config/database.yml, a group with adapter: postgresql (or
 *   postgis): every libpq keyword goes to PG.connect (activerecord
 *   postgresql_adapter.rb: conn params kept from PG::Connection.
 *   conndefaults_hash; username is user, database dbname); no host is
 *   libpq's default, the Unix socket. An ERB <%= ENV['X'] || 'v' %> or
 *   ENV.fetch('X', 'v') reads as its literal default v, any other ERB as
 *   unknown.
 * - sequelize-cli config.json/yml, a group with dialect: postgres: host,
 *   port, password and dialectOptions.ssl reach pg (lib/dialects/postgres/
 *   connection-manager.js); a top-level ssl does not; use_env_variable
 *   names a URL we cannot see.
 * - Grafana, GF_DATABASE_* (pkg/setting EnvKey: GF_<SECTION>_<KEY>):
 *   type postgres; ssl_mode defaults to disable (conf/defaults.ini), and
 *   pkg/services/sqlstore/database_config.go builds a lib/pq keyword
 *   string from host, ssl_mode and password (a url is judged on its own).
 * - postgres_exporter (exporter/datasource.go GetDataSources):
 *   DATA_SOURCE_NAME is a lib/pq connection string; DATA_SOURCE_URI is
 *   "postgresql://" + user:pass@ + its value; DATA_SOURCE_PASS the
 *   password. lib/pq v1.12.3 (its go.mod) defaults to require.
 * - Quarkus reactive datasources, quarkus.datasource[.name].reactive.url
 *   with .reactive.postgresql.ssl-mode and .reactive.trust-all (quarkus
 *   reactive-pg-client DataSourceReactivePostgreSQLConfig): the Vert.x pg
 *   client's.
 * - Spring Boot R2DBC, spring.r2dbc.url with spring.r2dbc.properties.*
 *   (R2dbcProperties: options added to the URL's).
 * - Passwords of PostgreSQL connections: spring.r2dbc.password,
 *   spring.flyway.password, spring.liquibase.password, flyway.password
 *   (Flyway's flyway.conf), a liquibase.properties's password and
 *   referencePassword, Keycloak's KC_DB_PASSWORD (with KC_DB=postgres;
 *   keycloak docs server/db), postgres_exporter's DATA_SOURCE_PASS, n8n's
 *   DB_POSTGRESDB_PASSWORD (packages/@n8n/config database.config.ts),
 *   Metabase's MB_DB_PASS (with MB_DB_TYPE=postgres) -- each only when
 *   the URL beside it, if any, is PostgreSQL's.
 */
#include "carriers_apps.h"

#include <stdlib.h>
#include <string.h>

#include "carriers.h"
#include "model/client.h"
#include "model/conn_string.h"
#include "model/template.h"
#include "parsers/conninfo.h"
#include "util/xalloc.h"

static const char *
key_of(const struct assignment *a)
{
	return a->path ? a->path : a->name;
}

/* The last assignment whose key is prefix + name (prefix may be ""). */
static const struct assignment *
find(const struct assignments *as, const char *prefix, const char *name)
{
	size_t i = as->nr, n = strlen(prefix);

	while (i-- > 0) {
		const char *k = key_of(&as->v[i]);

		if (!strncmp(k, prefix, n) && !strcmp(k + n, name))
			return &as->v[i];
	}
	return NULL;
}

/* The length of a's parent path: a YAML mapping's, an env list's (whose
 * items carry the list's path), 0 for a flat file. */
static size_t
parent_len(const struct assignment *a)
{
	size_t n, m;

	if (!a->path)
		return 0;
	n = strlen(a->path);
	m = strlen(a->name);
	if (n > m && !strcmp(a->path + n - m, a->name) &&
	    a->path[n - m - 1] == '.')
		return n - m - 1;
	return n == m && !strcmp(a->path, a->name) ? 0 : n;
}

/* The last assignment named name beside a (same parent), or NULL: the
 * variables of one container, one .env. */
static const struct assignment *
sibling(const struct assignments *as, const struct assignment *a,
	const char *name)
{
	size_t i = as->nr, n = parent_len(a);

	while (i-- > 0) {
		const struct assignment *b = &as->v[i];

		if (!strcmp(b->name, name) && parent_len(b) == n &&
		    (!n || !strncmp(b->path, a->path, n)))
			return b;
	}
	return NULL;
}

static int
value_is(const struct assignment *a, const char *v)
{
	return a && !strcmp(a->value, v);
}

/* The URL beside a password names another vendor (jdbc:mysql:...,
 * r2dbc:mysql:...). */
static int
foreign_url(const struct assignment *url)
{
	const char *v = url ? url->value : "";

	if (!strncmp(v, "jdbc:", 5))
		return strncmp(v, "jdbc:postgresql:", 16) != 0;
	if (!strncmp(v, "r2dbc:", 6))
		return !strstr(v, "postgres");
	return 0;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

int
apps_relevant(const char *name, const char *path)
{
	static const char *const names[] = {
	    "adapter",	   "dialect",	   "host",	  "hostaddr",
	    "port",	   "username",	   "user",	  "password",
	    "sslmode",	   "sslrootcert",  "sslcert",	  "sslkey",
	    "requiressl",  "ssl",	   "rejectUnauthorized",
	    "use_env_variable", "referenceUrl", "referencePassword", "url",
	    "KC_DB",	   "MB_DB_TYPE"};
	static const char *const prefixes[] = {"GF_DATABASE_", "KC_DB_",
					       "DATA_SOURCE_", "MB_DB_",
					       "DB_POSTGRESDB_"};
	const char *key = path ? path : name;
	size_t i, n = strlen(key);

	/* called on every assignment of every carrier: the first byte
	 * rules out most names without a call */
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (name[0] == names[i][0] && !strcmp(name, names[i]))
			return 1;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (name[0] == prefixes[i][0] &&
		    !strncmp(name, prefixes[i], strlen(prefixes[i])))
			return 1;
	if (n > 9 &&
	    ((key[n - 9] == '.' && !memcmp(key + n - 8, "password", 8)) ||
	     ((key[n - 9] == '-' || key[n - 9] == '_') &&
	      !memcmp(key + n - 8, "PASSWORD", 8))))
		return 1; /* .password, -PASSWORD, _PASSWORD */
	/* both words hold a '.', which an environment's names do not */
	return strchr(key, '.') && (strstr(key, "r2dbc.properties.") ||
				    strstr(key, ".reactive."));
}

char *
apps_password_key(const struct source *src, const struct assignments *as,
		  const struct assignment *a)
{
	static const char *const spring[][2] = {
	    {"spring.r2dbc.password", "spring.r2dbc.url"},
	    {"spring.flyway.password", "spring.flyway.url"},
	    {"spring.liquibase.password", "spring.liquibase.url"},
	    {"flyway.password", "flyway.url"},
	    {"SPRING_R2DBC_PASSWORD", "SPRING_R2DBC_URL"},
	    {"SPRING_FLYWAY_PASSWORD", "SPRING_FLYWAY_URL"},
	    {"SPRING_LIQUIBASE_PASSWORD", "SPRING_LIQUIBASE_URL"},
	    {"FLYWAY_PASSWORD", "FLYWAY_URL"}};
	const char *key = key_of(a);
	const struct assignment *other;
	size_t i;

	for (i = 0; i < sizeof(spring) / sizeof(spring[0]); i++)
		if (!strcmp(key, spring[i][0]))
			return foreign_url(find(as, "", spring[i][1]))
				   ? NULL
				   : xasprintf("'%s'", key);
	if (!strcmp(base_name(src->path), "liquibase.properties") &&
	    (!strcmp(key, "password") || !strcmp(key, "referencePassword"))) {
		other = find(as, "", key[0] == 'p' ? "url" : "referenceUrl");
		return other && !strncmp(other->value, "jdbc:postgresql:", 16)
			   ? xasprintf("liquibase.properties '%s'", key)
			   : NULL;
	}
	/* flyway.toml [environments.NAME] password, beside its url; a
	 * postgres_exporter.yml auth module's userpass password
	 * (postgres_exporter README "Multi-target support") */
	if (a->path && !strncmp(a->path, "environments.", 13) &&
	    !strcmp(a->name, "password")) {
		other = sibling(as, a, "url");
		return other && !strncmp(other->value, "jdbc:postgresql:", 16)
			   ? xasprintf("Flyway's '%s'", a->path)
			   : NULL;
	}
	if (a->path && !strncmp(a->path, "auth_modules.", 13) &&
	    strstr(a->path, ".userpass.password"))
		return xstrdup("a postgres_exporter auth module's password");
	key = a->name; /* environment variables: by name, beside a */
	if (!strcmp(key, "KC_DB_PASSWORD") &&
	    (value_is(sibling(as, a, "KC_DB"), "postgres") ||
	     ((other = sibling(as, a, "KC_DB_URL")) &&
	      !strncmp(other->value, "jdbc:postgresql:", 16))))
		return xstrdup("Keycloak's KC_DB_PASSWORD");
	if (!strcmp(key, "DATA_SOURCE_PASS"))
		return xstrdup("postgres_exporter's DATA_SOURCE_PASS");
	if (!strcmp(key, "DB_POSTGRESDB_PASSWORD"))
		return xstrdup("n8n's DB_POSTGRESDB_PASSWORD");
	if (!strcmp(key, "MB_DB_PASS") &&
	    value_is(sibling(as, a, "MB_DB_TYPE"), "postgres"))
		return xstrdup("Metabase's MB_DB_PASS");
	return NULL;
}

int
apps_string_driver(const struct assignment *a)
{
	return !strcmp(a->name, "DATA_SOURCE_NAME") ? DRIVER_LIB_PQ : -1;
}

size_t
apps_string_skip(const struct assignment *a)
{
	return !strncmp(a->value, "db+postgresql", 13) ? 3 : 0;
}

/* The prefix of a key ending with suffix ("" for a flat name), or NULL. */
static char *
prefix_of(const struct assignment *a, const char *suffix)
{
	const char *k = key_of(a);
	size_t n = strlen(k), m = strlen(suffix);

	return n >= m && !strcmp(k + n - m, suffix) ? xstrndup(k, n - m)
						    : NULL;
}

int
apps_owns(const struct source *src, const struct assignments *as,
	  const struct assignment *a)
{
	char *p;
	int owned = 0;

	(void)src;
	if ((p = prefix_of(a, ".reactive.url")) && strstr(p, "datasource"))
		owned = 1;
	free(p);
	if (!strcmp(key_of(a), "spring.r2dbc.url") &&
	    (find(as, "", "spring.r2dbc.properties.sslMode") ||
	     find(as, "", "spring.r2dbc.properties.sslmode") ||
	     find(as, "", "spring.r2dbc.properties.ssl")))
		owned = 1;
	return owned || !strcmp(a->name, "DATA_SOURCE_URI");
}

/* --- values ------------------------------------------------------------ */

/*
 * a's value into f as key: a literal where it is written; a placeholder or
 * an ERB expression as unknown, unless the ERB has a literal default
 * (<%= ENV['X'] || 'v' %>, ENV.fetch('X', 'v')), which is judged as
 * written (RULES.md decision 11).
 */
static struct client_param *
add_value(struct client_fact *f, const struct assignment *a, const char *key)
{
	const char *v = a->value, *d = NULL;
	size_t n = 0, at;
	struct client_param *p;
	char *lit;

	/* YAML's (and JSON's) null: no value, as if the key were absent */
	if ((!strcmp(v, "null") || !strcmp(v, "~")) &&
	    a->value_begin < f->src->len &&
	    !strchr("\"'", f->src->text[a->value_begin]))
		return NULL;
	if (!strncmp(v, "<%", 2)) {
		const char *alt = strstr(v, "||");
		const char *fetch = strstr(v, "ENV.fetch(");

		if (alt)
			d = alt + 2;
		else if (fetch && (d = strchr(fetch, ',')))
			d++;
		while (d && (*d == ' ' || *d == '\t'))
			d++;
		if (d && (*d == '\'' || *d == '"')) {
			const char *q = strchr(d + 1, *d);

			n = q ? (size_t)(q - d - 1) : 0;
			d = q ? d + 1 : NULL;
		} else if (d) {
			n = strspn(d, "0123456789");
			if (!n)
				d = NULL;
		}
		if (!d) {
			p = client_fact_add(f, key, NULL, a->value_begin,
					    a->value_end);
			return p;
		}
		lit = xstrndup(d, n);
		at = a->verbatim ? a->value_begin + (size_t)(d - v)
				 : a->value_begin;
		p = client_fact_add(f, key, lit, at,
				    a->verbatim ? at + n : a->value_end);
		p->origin = ORIGIN_DEFAULT;
		free(lit);
		return p;
	}
	if (template_has_placeholder(v, strlen(v)))
		return client_fact_add(f, key, NULL, a->value_begin,
				       a->value_end);
	p = client_fact_add(f, key, v, a->value_begin,
			    a->verbatim ? a->value_begin + strlen(v)
					: a->value_end);
	p->exact = a->verbatim;
	return p;
}

/* Where a group's own key is written ("production:" before its first
 * setting at from), for the finding about the group as a whole. */
static size_t
group_key_offset(const struct source *src, const char *group, size_t from)
{
	const char *name = strrchr(group, '.');
	size_t n;

	name = name ? name + 1 : group;
	n = strlen(name);
	while (n && from-- > 0)
		if (!strncmp(src->text + from, name, n) &&
		    from + n < src->len &&
		    strchr("\"':", src->text[from + n]))
			return from;
	return from;
}

/* --- groups -------------------------------------------------------------- */

/* Rails and sequelize-cli groups: adapter or dialect naming PostgreSQL. */
static void
judge_orm_group(struct fact_ctx *fx, const struct source *src,
		const struct assignments *as, const struct assignment *kind,
		int rails)
{
	static const char *const rails_keys[][2] = {
	    {"host", "host"},		{"hostaddr", "hostaddr"},
	    {"port", "port"},		{"username", "user"},
	    {"user", "user"},		{"password", "password"},
	    {"sslmode", "sslmode"},	{"sslrootcert", "sslrootcert"},
	    {"sslcert", "sslcert"},	{"sslkey", "sslkey"},
	    {"requiressl", "requiressl"}};
	char *group = prefix_of(kind, rails ? ".adapter" : ".dialect");
	char *prefix, *ssl_prefix;
	const struct assignment *a;
	struct client_param *p;
	struct client_fact f;
	size_t k, at;

	if (!group)
		return;
	prefix = xasprintf("%s.", group);
	at = group_key_offset(src, group, kind->name_begin);
	client_fact_init(&f, rails ? DRIVER_LIBPQ : DRIVER_NODE_PG, src, at,
			 at + strlen(group),
			 rails ? "Rails database settings"
			       : "Sequelize settings");
	for (k = 0; k < sizeof(rails_keys) / sizeof(rails_keys[0]); k++)
		if ((rails || k == 0 || k == 2 || k == 5) &&
		    (a = find(as, prefix, rails_keys[k][0])))
			add_value(&f, a, rails_keys[k][1]);
	if (!rails) {
		ssl_prefix = xasprintf("%sdialectOptions.ssl", prefix);
		if ((a = find(as, "", ssl_prefix)) &&
		    (p = add_value(&f, a, "ssl")))
			p->in_code = 1;
		else if ((a = find(as, ssl_prefix, ".rejectUnauthorized"))) {
			client_fact_add(&f, "ssl", "object", a->name_begin,
					a->name_end)
			    ->in_code = 1;
			if ((p = add_value(&f, a, "rejectUnauthorized")))
				p->in_code = 1;
		} else {
			for (k = 0; k < as->nr; k++)
				if (!strncmp(key_of(&as->v[k]), ssl_prefix,
					     strlen(ssl_prefix)))
					break;
			if (k < as->nr)
				client_fact_add(&f, "ssl", "object",
						as->v[k].name_begin,
						as->v[k].name_end)
				    ->in_code = 1;
		}
		free(ssl_prefix);
		if (find(as, prefix, "use_env_variable") &&
		    !client_get(&f, "ssl")) {
			/* the URL of a variable: nothing we can see */
			client_fact_release(&f);
			free(prefix);
			free(group);
			return;
		}
	}
	if (!client_get(&f, "host") && !client_get(&f, "hostaddr"))
		client_fact_add(&f, "host", rails ? "" : NULL, at, at);
	conn_args_judge(fx, &f);
	client_fact_release(&f);
	free(prefix);
	free(group);
}

/* Grafana's database section from GF_DATABASE_* variables. */
static void
judge_grafana(struct fact_ctx *fx, const struct source *src,
	      const struct assignments *as, const struct assignment *type)
{
	const struct assignment *a;
	struct client_fact f;
	struct client_param *p;

	if (sibling(as, type, "GF_DATABASE_URL"))
		return; /* the URL's own settings, judged on their own */
	client_fact_init(&f, DRIVER_LIB_PQ, src, type->value_begin,
			 type->value_end, "Grafana database settings");
	if ((a = sibling(as, type, "GF_DATABASE_HOST")) &&
	    (p = add_value(&f, a, "host"))) {
		if (p->value && strchr(p->value, ':'))
			*strchr(p->value, ':') = '\0'; /* host:port */
	} else /* conf/defaults.ini: host = 127.0.0.1:3306 */
		client_fact_add(&f, "host", "127.0.0.1", type->value_begin,
				type->value_end);
	if ((a = sibling(as, type, "GF_DATABASE_PASSWORD")))
		add_value(&f, a, "password");
	if ((a = sibling(as, type, "GF_DATABASE_SSL_MODE")))
		add_value(&f, a, "sslmode");
	else
		client_fact_add(&f, "sslmode", "disable", type->value_begin,
				type->value_end)
		    ->in_code = 1;
	conn_args_judge(fx, &f);
	client_fact_release(&f);
}

/* A URL value of a into a fact of driver d, with the option overrides
 * opts (NULL-ended key pairs: setting key, parameter name) found under
 * prefix. */
static void
judge_url_with_options(struct fact_ctx *fx, const struct source *src,
		       const struct assignments *as, const struct assignment *a,
		       int d, const char *prefix, const char *const (*opts)[2])
{
	struct text_map map = carriers_assignment_map(src, a);
	size_t skip = !strncmp(a->value, "vertx-reactive:", 15) ? 15 : 0;
	struct client_fact env;
	struct conn_string cs;
	const struct assignment *o;
	struct client_param *p;

	client_fact_init(&env, (enum driver)d, src, 0, 0, "environment");
	for (; (*opts)[0]; opts++)
		if ((o = find(as, prefix, (*opts)[0])) &&
		    (p = add_value(&env, o, (*opts)[1]))) {
			p->overrides = 1;
			p->in_code = 1;
		}
	map = text_map_sub(&map, a->value, skip, strlen(a->value) - skip);
	cs = conn_string_plain(a->value + skip, strlen(a->value) - skip, &map,
			       "connection URL");
	cs.env = &env;
	cs.driver_position = 1;
	conn_string_judge(fx, &cs);
	client_fact_release(&env);
}

static void add_query(struct client_fact *f, const struct assignment *a,
		      const char *q);

/* postgres_exporter's DATA_SOURCE_URI: host[:port]/db[?query], with
 * DATA_SOURCE_PASS. */
static void
judge_exporter_uri(struct fact_ctx *fx, const struct source *src,
		   const struct assignment *a)
{
	const char *v = a->value, *q = strchr(v, '?');
	size_t host = strcspn(v, ":/?");
	struct client_fact f;
	char *h;

	if (!a->verbatim || template_has_placeholder(v, host))
		return;
	client_fact_init(&f, DRIVER_LIB_PQ, src, a->value_begin,
			 a->value_end, "DATA_SOURCE_URI");
	h = xstrndup(v, host);
	client_fact_add(&f, "host", h, a->value_begin, a->value_begin + host);
	free(h);
	if (q)
		add_query(&f, a, q);
	conn_args_judge(fx, &f);
	client_fact_release(&f);
}

/* The key=value pairs of a query (after '?', or the whole text) into f,
 * each at its place in a's value. */
static void
add_query(struct client_fact *f, const struct assignment *a, const char *q)
{
	const char *v = a->value;
	size_t i = q ? (size_t)(q - v) + 1 : 0;

	while (v[i]) {
		size_t e = i + strcspn(v + i, "&;"), eq = i + strcspn(v + i, "=");
		char *key, *val;

		if (eq < e) {
			key = xstrndup(v + i, eq - i);
			val = xstrndup(v + eq + 1, e - eq - 1);
			client_fact_add(f, key, val,
					a->verbatim ? a->value_begin + eq + 1
						    : a->value_begin,
					a->verbatim ? a->value_begin + e
						    : a->value_end)
			    ->exact = a->verbatim;
			free(key);
			free(val);
		}
		i = e + (v[e] != '\0');
	}
}

/*
 * Keycloak without KC_DB_URL builds jdbc:postgresql://HOST:PORT/DATABASE
 * + KC_DB_URL_PROPERTIES from its split options (server guide "All
 * configuration: Database": db-url-host defaults to localhost, and
 * db-url-properties is appended as written).
 */
static void
judge_keycloak_parts(struct fact_ctx *fx, const struct source *src,
		     const struct assignments *as, const struct assignment *kc)
{
	const struct assignment *host = sibling(as, kc, "KC_DB_URL_HOST");
	const struct assignment *props =
	    sibling(as, kc, "KC_DB_URL_PROPERTIES");
	struct client_fact f;

	client_fact_init(&f, DRIVER_PGJDBC, src, kc->value_begin,
			 kc->value_end, "Keycloak database options");
	if (!host || !add_value(&f, host, "host"))
		client_fact_add(&f, "host", "localhost", kc->value_begin,
				kc->value_end);
	if (props && !template_has_placeholder(props->value,
					       strlen(props->value)))
		add_query(&f, props, strchr(props->value, '?'));
	conn_args_judge(fx, &f);
	client_fact_release(&f);
}

/* A postgres_exporter.yml auth module's options (added to the query of
 * every target's DSN, targets given at scrape time: the host unknown). */
static void
judge_exporter_module(struct fact_ctx *fx, const struct source *src,
		      const struct assignment *mode)
{
	struct client_fact f;

	client_fact_init(&f, DRIVER_LIB_PQ, src, mode->value_begin,
			 mode->value_end, "postgres_exporter auth module");
	add_value(&f, mode, "sslmode");
	client_fact_add(&f, "host", NULL, mode->value_begin, mode->value_end);
	conn_args_judge(fx, &f);
	client_fact_release(&f);
}

void
apps_judge(struct fact_ctx *fx, const struct source *src,
	   const struct assignments *as)
{
	static const char *const vertx[][2] = {
	    {".reactive.postgresql.ssl-mode", "sslmode"},
	    {".reactive.trust-all", "trustall"},
	    {NULL, NULL}};
	static const char *const r2dbc[][2] = {
	    {"spring.r2dbc.properties.sslMode", "sslMode"},
	    {"spring.r2dbc.properties.sslmode", "sslmode"},
	    {"spring.r2dbc.properties.ssl", "ssl"},
	    {NULL, NULL}};
	size_t i;
	char *p;

	for (i = 0; i < as->nr; i++) {
		const struct assignment *a = &as->v[i];
		int yaml = src->kind == FILE_YAML || src->kind == FILE_JSON;

		if (yaml && !strcmp(a->name, "adapter") &&
		    (value_is(a, "postgresql") || value_is(a, "postgis")))
			judge_orm_group(fx, src, as, a, 1);
		else if (yaml && !strcmp(a->name, "dialect") &&
			 (value_is(a, "postgres") ||
			  value_is(a, "postgresql")))
			judge_orm_group(fx, src, as, a, 0);
		else if (!strcmp(a->name, "GF_DATABASE_TYPE") &&
			 (value_is(a, "postgres") || value_is(a, "postgresql")))
			judge_grafana(fx, src, as, a);
		else if (!strcmp(a->name, "DATA_SOURCE_URI"))
			judge_exporter_uri(fx, src, a);
		else if (!strcmp(a->name, "KC_DB") && value_is(a, "postgres") &&
			 !sibling(as, a, "KC_DB_URL"))
			judge_keycloak_parts(fx, src, as, a);
		else if (a->path && !strncmp(a->path, "auth_modules.", 13) &&
			 strstr(a->path, ".options.sslmode"))
			judge_exporter_module(fx, src, a);
		else if ((p = prefix_of(a, ".reactive.url"))) {
			if (strstr(p, "datasource"))
				judge_url_with_options(fx, src, as, a,
						       DRIVER_VERTX, p, vertx);
			free(p);
		} else if (apps_owns(src, as, a))
			judge_url_with_options(fx, src, as, a, DRIVER_R2DBC, "",
					       r2dbc);
	}
}
