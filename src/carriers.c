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

#include "carriers_apps.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model/client.h"
#include "model/template.h"
#include "model/value.h"
#include "parsers/conninfo.h"
#include "parsers/jdbc.h"
#include "parsers/prisma.h"
#include "parsers/service.h"
#include "parsers/shell.h"
#include "util/scan.h"
#include "util/hash.h"
#include "util/xalloc.h"

/*
 * A datasource's password key: Spring Boot's spring.datasource.password
 * (and SPRING_DATASOURCE_PASSWORD, its environment form: Spring's relaxed
 * binding), Quarkus's quarkus.datasource[.name].password, Micronaut's
 * datasources.name.password -- by the assignment's path (YAML) or name.
 * *prefix: the length of the datasource's own prefix, for its url.
 */
static int
datasource_password(const char *key, size_t *prefix)
{
	static const char dot[] = ".password";
	size_t n = strlen(key), m = sizeof(dot) - 1;

	if (!strcmp(key, "SPRING_DATASOURCE_PASSWORD")) {
		*prefix = n - 8;
		return 1;
	}
	if (n <= m || strcmp(key + n - m, dot) || !strstr(key, "datasource"))
		return 0;
	*prefix = n - m;
	return 1;
}

/* The URL that goes with a datasource (prefix: its keys' common start):
 * spring.datasource.url, quarkus.datasource.x.jdbc.url, or the
 * environment's SPRING_DATASOURCE_URL. */
static const struct assignment *
datasource_url(const struct assignments *as, const char *key, size_t prefix)
{
	static const char *const urls[] = {".url", ".jdbc.url", "_URL",
					   ".reactive.url"};
	size_t i, k;

	for (i = 0; i < as->nr; i++) {
		const char *other = as->v[i].path ? as->v[i].path : as->v[i].name;
		size_t n = strlen(other);

		if (n <= prefix || strncmp(other, key, prefix))
			continue;
		for (k = 0; k < sizeof(urls) / sizeof(urls[0]); k++)
			if (!strcmp(other + prefix, urls[k]))
				return &as->v[i];
	}
	return NULL;
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

/*
 * The groups of as in the order they first appear, each group's members
 * in file order: members[start[g] .. start[g + 1]) are the indexes of
 * group g. Linear in the assignments (a table of the groups' paths), so a
 * file of many small mappings -- a large JSON array -- costs what its
 * size does. Returns the number of groups; the caller frees both arrays.
 */
static size_t
group_assignments(const struct assignments *as, size_t **members,
		  size_t **start)
{
	size_t cap = 16, i, k, ngroups = 0;
	size_t *gid = xcalloc(as->nr + 1, sizeof(*gid)), *count, *slot;

	while (cap < 2 * as->nr)
		cap *= 2;
	slot = xcalloc(cap, sizeof(*slot)); /* a group's first index + 1 */
	for (i = 0; i < as->nr; i++) {
		const struct assignment *a = &as->v[i];
		size_t n = group_len(a);

		for (k = (size_t)mem_hash(HASH_SEED, n ? a->path : "", n) &
			 (cap - 1);
		     slot[k]; k = (k + 1) & (cap - 1)) {
			const struct assignment *b = &as->v[slot[k] - 1];

			if (group_len(b) == n &&
			    (!n || !memcmp(a->path, b->path, n)))
				break;
		}
		if (!slot[k]) {
			slot[k] = i + 1;
			gid[i] = ngroups++;
		} else
			gid[i] = gid[slot[k] - 1];
	}
	free(slot);
	count = xcalloc(ngroups + 1, sizeof(*count));
	for (i = 0; i < as->nr; i++)
		count[gid[i] + 1]++;
	for (k = 0; k < ngroups; k++)
		count[k + 1] += count[k];
	*start = xcalloc(ngroups + 1, sizeof(**start));
	memcpy(*start, count, (ngroups + 1) * sizeof(*count));
	*members = xcalloc(as->nr + 1, sizeof(**members));
	for (i = 0; i < as->nr; i++)
		(*members)[count[gid[i]]++] = i;
	free(count);
	free(gid);
	return ngroups;
}

struct text_map
carriers_assignment_map(const struct source *src, const struct assignment *a)
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

/* --- variables ----------------------------------------------------------- */

/* What the file's values can name: its assignments, read in order (a
 * shell, dotenv, a Dockerfile: the last one before the use) or as a whole
 * (properties: Spring resolves a placeholder against every other). */
struct carrier_vars {
	const struct assignments *as;
	const struct source *src;
	int ordered;
	/* The assignments by name, built on the first look-up (a file of
	 * many placeholders looks up as many names): slot[h] is the first
	 * index + 1 of the chain of hash h, next[i] the index + 1 after
	 * assignment i in its chain, in file order. */
	size_t *slot, *next, cap;
};

/* The name a's value is looked up by. */
static const char *
var_key(const struct carrier_vars *cv, const struct assignment *a)
{
	return cv->ordered || !a->path ? a->name : a->path;
}

static void
vars_index(struct carrier_vars *cv)
{
	size_t i;

	for (cv->cap = 16; cv->cap < 2 * cv->as->nr; cv->cap *= 2)
		;
	cv->slot = xcalloc(cv->cap, sizeof(*cv->slot));
	cv->next = xcalloc(cv->as->nr + 1, sizeof(*cv->next));
	for (i = cv->as->nr; i-- > 0;) {
		size_t h = (size_t)str_hash(var_key(cv, &cv->as->v[i])) &
			   (cv->cap - 1);

		cv->next[i] = cv->slot[h];
		cv->slot[h] = i + 1;
	}
}

static void
vars_release(struct carrier_vars *cv)
{
	free(cv->slot);
	free(cv->next);
}

static int
lookup_var(void *arg, const char *name, size_t n, size_t at,
	   struct template_var *var)
{
	struct carrier_vars *cv = arg;
	const struct assignment *hit = NULL;
	size_t i, count = 0;

	if (!cv->slot)
		vars_index(cv);
	for (i = cv->slot[(size_t)mem_hash(HASH_SEED, name, n) & (cv->cap - 1)];
	     i; i = cv->next[i - 1]) {
		const struct assignment *a = &cv->as->v[i - 1];
		const char *key = var_key(cv, a);

		if (strlen(key) != n || strncmp(key, name, n))
			continue;
		if (cv->ordered && a->value_end > at)
			continue; /* set after the use, or the use itself */
		hit = a;
		count++;
	}
	if (!hit || (!cv->ordered && count > 1))
		return 0;
	var->value = hit->value;
	var->len = strlen(hit->value);
	var->map = carriers_assignment_map(cv->src, hit);
	return 1;
}

/* The syntax of a's placeholders in src. */
static enum template_syntax
syntax_of(const struct source *src, const struct assignment *a)
{
	const char *key = a && a->path ? a->path : a ? a->name : "";

	if (src->kind == FILE_PROPERTIES)
		return TEMPLATE_SPRING;
	if (src->kind == FILE_YAML || src->kind == FILE_JSON ||
	    src->kind == FILE_TOML)
		return !strncmp(key, "spring.", 7) || !strncmp(key, "quarkus.", 8) ||
			       !strncmp(key, "micronaut.", 10) ||
			       !strncmp(key, "datasources.", 12)
			   ? TEMPLATE_SPRING
			   : TEMPLATE_COMPOSE;
	return TEMPLATE_SHELL;
}

/* text[0..len) at map, its placeholders read, into v. */
static void
read_value(struct value *v, const char *text, size_t len,
	   const struct text_map *map, enum template_syntax syn,
	   struct carrier_vars *cv)
{
	struct template_ctx tc;

	tc.syntax = syn;
	tc.lookup = cv ? lookup_var : NULL;
	tc.lookup_arg = cv;
	value_init(v);
	template_expand(v, text, len, map, &tc);
}

/* A connection string read from text at map: judged with its parts. */
static void
judge_text(struct fact_ctx *fx, const char *text, size_t len,
	   const struct text_map *map, const struct client_fact *env,
	   const char *what, enum template_syntax syn, struct carrier_vars *cv)
{
	struct conn_string cs;
	struct text_map vmap;
	struct value v;

	if (!template_has_placeholder(text, len)) {
		cs = conn_string_plain(text, len, map, what);
		cs.env = env;
		conn_string_judge(fx, &cs);
		return;
	}
	read_value(&v, text, len, map, syn, cv);
	if (strlen(v.text.ptr) == v.text.len) {
		memset(&vmap, 0, sizeof(vmap));
		vmap.src = map->src;
		vmap.base = map->base;
		vmap.end = map->end;
		vmap.map = value_offset;
		vmap.map_arg = &v;
		cs = conn_string_plain(v.text.ptr, v.text.len, &vmap, what);
		cs.value = &v;
		cs.env = env;
		conn_string_judge(fx, &cs);
	}
	value_release(&v);
}

/* --- environments ---------------------------------------------------------- */

/* The PG* variables of one group (its assignments' indexes in members),
 * as libpq reads them (PGPASSWORD is judged where it is set:
 * judge_assignment). */
static void
build_env(const struct assignments *as, const size_t *members, size_t n,
	  int version, const struct source *src, struct carrier_vars *cv,
	  struct client_fact *env)
{
	size_t i;

	client_fact_init(env, DRIVER_LIBPQ, src, 0, 0, "environment");
	env->driver_guessed = 1;
	env->host_elsewhere = 1;
	for (i = 0; i < n; i++) {
		const struct assignment *a = &as->v[members[i]];
		const char *key;
		size_t e;
		struct text_map map;
		struct value v;
		struct client_param *p;

		if (a->local)
			continue;
		key = conninfo_env_keyword(a->name, version);
		e = a->verbatim ? a->value_begin + strlen(a->value) : a->value_end;
		if (key && !strcmp(key, "password"))
			continue;
		map = carriers_assignment_map(src, a);
		read_value(&v, a->value, strlen(a->value), &map,
			   syntax_of(src, a), cv);
		if (!key && !strcmp(a->name, "PGREQUIRESSL") &&
		    !client_get(env, "sslmode"))
			/* PGSSLMODE beats PGREQUIRESSL (fe-connect.c). */
			client_fact_add(env, "sslmode",
					v.text.ptr[0] == '1' ? "require" : NULL,
					a->value_begin, e);
		else if (key) {
			int hole = value_has_unknown(v.text.ptr, v.text.len);

			p = client_fact_add(env, key, hole ? NULL : v.text.ptr,
					    a->value_begin, e);
			p->origin = value_origin_of(&v, 0, v.text.len);
			p->exact = a->verbatim && p->origin == ORIGIN_LITERAL &&
				   !template_has_placeholder(a->value,
							     strlen(a->value));
			if (!hole && v.text.len && p->origin != ORIGIN_LITERAL) {
				p->begin = value_offset(&v, 0);
				p->end = value_offset(&v, v.text.len - 1) + 1;
			}
		}
		value_release(&v);
		if (key && (!env->begin || a->value_begin < env->begin))
			env->begin = a->value_begin, env->end = e;
	}
}

/* A literal password set at a (never a placeholder: decision 6). */
static void
judge_password(struct fact_ctx *fx, const struct source *src,
	       const struct assignment *a, struct carrier_vars *cv,
	       const char *where)
{
	struct text_map map = carriers_assignment_map(src, a);
	struct value v;
	enum value_origin o;

	read_value(&v, a->value, strlen(a->value), &map, syntax_of(src, a), cv);
	o = value_origin_of(&v, 0, v.text.len);
	if (v.text.len && o != ORIGIN_UNKNOWN &&
	    strlen(v.text.ptr) == v.text.len &&
	    !client_is_placeholder(v.text.ptr))
		facts_add(fx->out, FACT_PASSWORD, src, value_offset(&v, 0),
			  value_offset(&v, v.text.len - 1) + 1, -1, "%s%s",
			  where, o == ORIGIN_DEFAULT ? ", as a default" : "");
	value_release(&v);
}

/* Whether the URL that goes with a datasource names another vendor
 * (RULES.md decision 14: jdbc:mysql, mariadb, sqlserver, oracle, h2). */
static int
foreign_datasource(const struct assignments *as, const char *key,
		   size_t prefix)
{
	const struct assignment *url = datasource_url(as, key, prefix);

	return url && !strncmp(url->value, "jdbc:", 5) &&
	       strncmp(url->value, "jdbc:postgresql:", 16);
}

/* A CI step, a container's command or entrypoint, a healthcheck's test:
 * a shell script. */
static int
script_key(const struct assignment *a)
{
	return !strcmp(a->name, "run") || !strcmp(a->name, "script") ||
	       !strcmp(a->name, "command") || !strcmp(a->name, "entrypoint") ||
	       (!strcmp(a->name, "test") && a->path &&
		strstr(a->path, "healthcheck"));
}

/* A script held in a value (text at map): its PGPASSWORD assignments
 * (PGPASSWORD=x pg_isready ...) and its connection strings. */
static void
judge_script(struct fact_ctx *fx, const struct source *src, const char *text,
	     size_t len, const struct text_map *map)
{
	struct assignments as;
	size_t i;

	shell_parse(text, len, NULL, &as);
	for (i = 0; i < as.nr; i++) {
		struct assignment *a = &as.v[i];

		/* its place in the script, as a place in the file */
		a->verbatim = a->verbatim && map->verbatim;
		a->value_end = text_map_end(map, text, a->value_end);
		a->value_begin = text_map_offset(map, text, a->value_begin);
		if (!strcmp(a->name, "PGPASSWORD"))
			judge_password(fx, src, a, NULL, "the environment");
	}
	carriers_scan_text(fx, text, len, map, &as);
	assignments_release(&as);
}

/* Judges assignment a, with env the environment of its group. */
static void
judge_assignment(struct fact_ctx *fx, const struct source *src,
		 const struct assignments *as, const struct assignment *a,
		 const struct client_fact *env, struct carrier_vars *cv)
{
	const char *key = a->path ? a->path : a->name;
	size_t len = strlen(a->value), prefix, skip;
	struct text_map map = carriers_assignment_map(src, a);
	char *where;

	if (!strcmp(a->name, "NODE_TLS_REJECT_UNAUTHORIZED") &&
	    !strcmp(a->value, "0")) {
		facts_add(fx->out, FACT_NO_VERIFY, src, a->value_begin,
			  a->value_begin + 1, -1,
			  "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off "
			  "certificate checks for every TLS connection of the "
			  "Node.js process");
		return;
	}
	if ((where = apps_password_key(src, as, a))) {
		judge_password(fx, src, a, cv, where);
		free(where);
		return;
	}
	if (apps_owns(src, as, a))
		return; /* judged with its application's other settings */
	if (datasource_password(key, &prefix)) {
		where = xasprintf("'%s'", key);

		if (!foreign_datasource(as, key, prefix))
			judge_password(fx, src, a, cv, where);
		free(where);
		return;
	}
	if (!strcmp(a->name, "PGPASSWORD")) {
		judge_password(fx, src, a, cv, "the environment");
		return;
	}
	/* CI steps and container commands are scripts: look inside them. */
	if (script_key(a)) {
		judge_script(fx, src, a->value, len, &map);
	} else if (apps_string_driver(a) >= 0) {
		/* the application's driver, with the file's environment */
		struct client_fact named;

		client_fact_init(&named, (enum driver)apps_string_driver(a),
				 src, 0, 0, "environment");
		client_fact_add_defaults(&named, env);
		judge_text(fx, a->value, len, &map, &named,
			   "connection string", syntax_of(src, a), cv);
		client_fact_release(&named);
	} else {
		skip = apps_string_skip(a);
		if (skip)
			map = text_map_sub(&map, a->value, skip, len - skip);
		judge_text(fx, a->value + skip, len - skip, &map, env,
			   "connection string", syntax_of(src, a), cv);
	}
}

/* --- what parsers keep ------------------------------------------------------ */

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
relevant(void *arg, const char *name, const char *path, const char *value,
	 size_t vlen)
{
	const struct carrier_keep *k = arg;
	size_t prefix;

	if (!strncmp(name, "PG", 2) ||
	    !strcmp(name, "NODE_TLS_REJECT_UNAUTHORIZED") ||
	    !strcmp(name, "run") || !strcmp(name, "script") ||
	    !strcmp(name, "command") ||
	    datasource_password(path ? path : name, &prefix) ||
	    memchr(value, '=', vlen) || scan_contains(value, vlen, "postgres") ||
	    scan_contains(value, vlen, "jdbc:") || apps_relevant(name, path) ||
	    scan_contains(value, vlen, "-----BEGIN ") ||
	    !strcmp(name, "tls.crt") || !strcmp(name, "tls.key") ||
	    !strcmp(name, "ca.crt"))
		return 1;
	/* a variable the file names */
	if (!k || !k->nr)
		return 0;
	return bsearch(&name, k->names, k->nr, sizeof(*k->names), name_cmp) ||
	       (path &&
		bsearch(&path, k->names, k->nr, sizeof(*k->names), name_cmp));
}

void
carriers_keep_init(struct carrier_keep *k, const struct source *src)
{
	const char *t = src->text;
	size_t i, j, n = src->len;

	memset(k, 0, sizeof(*k));
	k->keep.fn = relevant;
	k->keep.arg = k;
	for (i = 0; i + 1 < n; i++) {
		size_t b;

		if (t[i] != '$')
			continue;
		b = i + 1 + (t[i + 1] == '{');
		for (j = b; j < n && (isalnum((unsigned char)t[j]) ||
				      t[j] == '_' || t[j] == '.' || t[j] == '-');
		     j++)
			;
		if (j > b && j - b < 256) {
			ALLOC_GROW(k->names, k->nr + 1, k->alloc);
			k->names[k->nr++] = xstrndup(t + b, j - b);
		}
	}
	if (k->nr)
		qsort(k->names, k->nr, sizeof(*k->names), name_cmp);
	for (i = 0, j = 0; i < k->nr; i++) {
		if (j && !strcmp(k->names[j - 1], k->names[i])) {
			free(k->names[i]);
			continue;
		}
		k->names[j++] = k->names[i];
	}
	k->nr = j;
}

void
carriers_keep_release(struct carrier_keep *k)
{
	size_t i;

	for (i = 0; i < k->nr; i++)
		free(k->names[i]);
	free(k->names);
	memset(k, 0, sizeof(*k));
}

int
carriers_worth_parsing(const struct fact_ctx *fx, const struct source *src)
{
	/* One word each condition of the keep implies; a script's
	 * connection strings are URIs (postgres, jdbc:) or hold an '='; a
	 * certificate or key is PEM text ("-----BEGIN ") or a TLS Secret's
	 * data (its ca.crt stands beside a tls.crt). */
	static const char *const needles[] = {
	    "=", "postgres", "jdbc:", "PG", "NODE_TLS_REJECT_UNAUTHORIZED",
	    "datasource", "DATASOURCE", "BEGIN ", "tls.crt", "tls.key", NULL};

	return facts_worth_reading(fx, src, needles);
}

void
carriers_judge_assignments(struct fact_ctx *fx, const struct source *src,
			   const struct assignments *as)
{
	struct carrier_vars cv = {as,
				  src,
				  src->kind != FILE_PROPERTIES &&
				      src->kind != FILE_YAML &&
				      src->kind != FILE_JSON &&
				      src->kind != FILE_TOML,
				  NULL,
				  NULL,
				  0};
	size_t *members, *start, g, j,
	    ngroups = group_assignments(as, &members, &start);

	for (g = 0; g < ngroups; g++) {
		const size_t *m = members + start[g];
		size_t n = start[g + 1] - start[g];
		struct client_fact env;

		build_env(as, m, n, fx->pg_version, src, &cv, &env);
		for (j = 0; j < n; j++)
			judge_assignment(fx, src, as, &as->v[m[j]], &env, &cv);
		/* The environment is itself a client configuration. */
		if (env.nr)
			facts_add_connection(fx->out, &env);
		client_fact_release(&env);
	}
	free(members);
	free(start);
	vars_release(&cv);
	apps_judge(fx, src, as);
}

static int
uri_start(const char *s, size_t n)
{
	return conninfo_is_uri(s, n) || jdbc_is_url(s, n);
}

/* The line at text[i] prints its words (echo, printf): a message for
 * people, not a connection (RULES.md decision 7). */
static int
printing_line(const char *text, size_t i, size_t len)
{
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	return (len - i > 5 && !strncmp(text + i, "echo ", 5)) ||
	       (len - i > 7 && !strncmp(text + i, "printf ", 7));
}

/* The end of the line at text[i], continuations included. */
static size_t
line_end(const char *text, size_t i, size_t len)
{
	for (; i < len; i++)
		if (text[i] == '\n' && !(i && text[i - 1] == '\\'))
			return i;
	return len;
}

/* carriers_scan_text, with the variables cv (NULL: none) its quoted
 * parts share. */
static void
scan_text(struct fact_ctx *fx, const char *text, size_t len,
	  const struct text_map *map, struct carrier_vars *cv)
{
	size_t i = 0;
	struct text_map sub;

	while (i < len) {
		char c = text[i];

		if ((i == 0 || text[i - 1] == '\n') &&
		    printing_line(text, i, len)) {
			i = line_end(text, i, len);
			continue;
		}
		/* a shell comment: '#' starting a word, to the line's end
		 * (POSIX 2.3 rule 9) */
		if (c == '#' && (i == 0 || strchr(" \t\n", text[i - 1]))) {
			const char *nl = memchr(text + i, '\n', len - i);

			i = nl ? (size_t)(nl - text) : len;
			continue;
		}
		if ((c == 'p' || c == 'j') && uri_start(text + i, len - i) &&
		    (i == 0 || !((text[i - 1] >= 'a' && text[i - 1] <= 'z') ||
				 text[i - 1] == '_'))) {
			size_t e = i;

			while (e < len && !strchr(" \t\r\n\"'`)<>;|", text[e]))
				e++;
			sub = text_map_sub(map, text, i, e - i);
			judge_text(fx, text + i, e - i, &sub, NULL,
				   "connection URI", TEMPLATE_SHELL, cv);
			i = e;
			continue;
		}
		if (c == '"' || c == '\'') {
			const char *q = memchr(text + i + 1, c, len - i - 1);

			if (q) {
				size_t e = (size_t)(q - text);

				sub = text_map_sub(map, text, i + 1, e - i - 1);
				if (!uri_start(text + i + 1, e - i - 1))
					judge_text(fx, text + i + 1, e - i - 1,
						   &sub, NULL,
						   "connection string",
						   c == '\'' ? TEMPLATE_SPRING
							     : TEMPLATE_SHELL,
						   c == '"' ? cv : NULL);
				else
					scan_text(fx, text + i + 1, e - i - 1,
						  &sub, c == '"' ? cv : NULL);
				i = e + 1;
				continue;
			}
		}
		i++;
	}
}

void
carriers_scan_text(struct fact_ctx *fx, const char *text, size_t len,
		   const struct text_map *map, const struct assignments *vars)
{
	struct carrier_vars cv = {vars, map->src, 1, NULL, NULL, 0};

	scan_text(fx, text, len, map, vars ? &cv : NULL);
	vars_release(&cv);
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

/*
 * A Prisma schema's datasource blocks (prisma docs orm/reference/
 * prisma-schema-reference "datasource"): provider "postgresql" (or
 * "postgres") and url (and directUrl) a string literal, or env("X"),
 * which we cannot see. The URL is Prisma's engine's to read.
 */
void
carriers_judge_prisma(struct fact_ctx *fx, const struct source *src)
{
	struct prisma_schema ps;
	struct client_fact env;
	size_t i;

	prisma_parse(src->text, src->len, &ps);
	client_fact_init(&env, DRIVER_PRISMA, src, 0, 0, "environment");
	for (i = 0; i < ps.nr; i++) {
		const struct prisma_url *u = &ps.v[i];
		struct text_map map;

		if (!u->postgres)
			continue;
		memset(&map, 0, sizeof(map));
		map.src = src;
		map.base = u->begin;
		map.end = u->end;
		map.verbatim = u->verbatim;
		judge_text(fx, src->text + u->begin, u->end - u->begin, &map,
			   &env, "Prisma datasource URL", TEMPLATE_SHELL, NULL);
	}
	client_fact_release(&env);
	prisma_release(&ps);
}
