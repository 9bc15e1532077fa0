/* SPDX-License-Identifier: MIT */
/*
 * scan_js.c — from JavaScript/TypeScript tokens to client facts.
 *
 * The driver comes from the file's imports: require('pg') or
 * import ... from 'pg' (node-postgres, brianc/node-postgres
 * packages/pg/lib/index.js), and knex, sequelize and typeorm, which hand
 * their connection options to node-postgres; 'postgres' (porsager/postgres
 * src/index.js). A file importing none has no driver context (RULES.md
 * decision 2), and then only the process-wide NODE_TLS_REJECT_UNAUTHORIZED
 * counts (decision 9).
 *
 * What is judged:
 * - node-postgres config objects: new Pool({...}) / new Client({...}),
 *   knex {client: 'pg', connection}, TypeORM {type: 'postgres', url,
 *   extra}, Sequelize {dialect: 'postgres', dialectOptions: {ssl}}: the
 *   URL, host and ssl option together, as pg/lib/connection-parameters.js
 *   combines them (the model's judge_node_pg says how);
 * - postgres.js calls, postgres(url, {ssl}) or postgres({host, ssl}): the
 *   options object wins over the URL;
 * - every other string literal that is a connection string or URL, with
 *   the file's driver; a template's ${...} parts are placeholders;
 * - rejectUnauthorized: false outside such an object (PGT305; the fix
 *   writes true): Node's tls.connect then accepts any certificate
 *   (nodejs doc/api/tls.md); minVersion: 'TLSv1' or 'TLSv1.1' (PGT306;
 *   the fix writes 'TLSv1.2');
 * - process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0': only the exact
 *   string '0' disables checks (nodejs lib/_tls_wrap.js);
 * - password: '<literal>' in a driver's file (PGT308, decision 6).
 * Prisma has an engine of its own and is not modelled.
 * Comments are never code (decision 7).
 */
#include "scan_js.h"

#include <stdlib.h>
#include <string.h>

#include "../model/client.h"
#include "../util/xalloc.h"
#include "eval.h"
#include "scan_common.h"

/* The driver of a module name: node-postgres itself, and the ORMs and
 * query builders that hand their connection options to it (knex
 * lib/dialects/postgres, sequelize lib/dialects/postgres/
 * connection-manager.js, typeorm src/driver/postgres/PostgresDriver.ts,
 * pg-promise lib/database.js: a connection string or config object as
 * pg's; sequelize-typescript and the NestJS modules wrap Sequelize and
 * TypeORM);
 * postgres.js. -1 for any other module. */
static int
module_driver(const char *name)
{
	static const char *const node_pg[] = {
	    "pg",	"pg-pool",	       "knex",
	    "sequelize", "sequelize-typescript", "@nestjs/sequelize",
	    "typeorm",	"@nestjs/typeorm",     "pg-promise"};
	size_t k;

	for (k = 0; k < sizeof(node_pg) / sizeof(node_pg[0]); k++)
		if (!strcmp(name, node_pg[k]))
			return DRIVER_NODE_PG;
	return !strcmp(name, "postgres") ? DRIVER_POSTGRES_JS : -1;
}

/* The driver the file imports, or -1. */
static int
js_driver(const struct tokens *ts)
{
	size_t i;

	for (i = 0; i + 1 < ts->nr; i++) {
		size_t s = 0;
		char *name;
		int d;

		if (tok_is(ts, i, "from") || tok_is(ts, i, "import"))
			s = i + 1;
		if ((tok_is(ts, i, "require") || tok_is(ts, i, "import")) &&
		    tok_is(ts, i + 1, "("))
			s = i + 2;
		if (!s || !(name = tok_literal(ts, s)))
			continue;
		d = module_driver(name);
		free(name);
		if (d >= 0)
			return d;
	}
	return -1;
}

static struct client_param *
add_option(struct client_fact *f, const char *key, const char *value,
	   const struct tokens *ts, size_t t)
{
	struct client_param *p =
	    client_fact_add(f, key, value, tok_begin(ts, t), tok_end(ts, t));

	p->in_code = 1;
	p->exact = value && (!strcmp(value, "true") || !strcmp(value, "false"));
	return p;
}

/* true or false as written at token i, malloc'd; else NULL. */
static char *
boolean(const struct tokens *ts, size_t i)
{
	return tok_is(ts, i, "true")	? xstrdup("true")
	       : tok_is(ts, i, "false") ? xstrdup("false")
					: NULL;
}

/* The ssl option whose value is token i, into f; the key of its
 * rejectUnauthorized is marked judged. */
static void
add_ssl_option(struct client_fact *f, struct tokens *ts, size_t i)
{
	char *lit = boolean(ts, i);
	size_t r;

	if (lit)
		add_option(f, "ssl", lit, ts, i);
	else if (tok_is(ts, i, "{") && tok_match(ts, i)) {
		add_option(f, "ssl", "object", ts, i);
		if ((r = tok_object_prop(ts, i, "rejectUnauthorized"))) {
			lit = boolean(ts, r);
			add_option(f, "rejectUnauthorized", lit, ts, r);
			tok_judge(ts,
				  r - 2); /* its key: no finding of its own */
		}
	} else {
		lit = tok_literal(ts, i);
		add_option(f, "ssl", lit, ts, i);
	}
	free(lit);
}

/* The name postgres.js is bound to: import sql from 'postgres', const sql
 * = require('postgres'); 0 when not found (then "postgres"). */
static size_t
postgres_js_binding(const struct tokens *ts)
{
	size_t i;

	for (i = 3; i < ts->nr; i++) {
		char *name;
		int hit;

		if (tok_kind(ts, i) != TOK_STRING ||
		    !(name = tok_literal(ts, i)))
			continue;
		hit = !strcmp(name, "postgres");
		free(name);
		if (!hit)
			continue;
		if (tok_is(ts, i - 1, "from") &&
		    tok_kind(ts, i - 2) == TOK_IDENT &&
		    tok_is(ts, i - 3, "import"))
			return i - 2;
		if (i >= 4 && tok_is(ts, i - 1, "(") &&
		    tok_is(ts, i - 2, "require") && tok_is(ts, i - 3, "=") &&
		    tok_kind(ts, i - 4) == TOK_IDENT)
			return i - 4;
	}
	return 0;
}

/* cond ? a : b at token i (at its top level, up to the expression's
 * end): the first tokens of a and b. */
static int
ternary(const struct tokens *ts, size_t i, size_t *yes, size_t *no)
{
	size_t end = eval_expr_end(ts, i), k, depth = 0;

	*yes = *no = 0;
	for (k = i; k < end; k++) {
		if (tok_match(ts, k) > k) {
			k = tok_match(ts, k);
			continue;
		}
		if (tok_punct(ts, k, '?') && !tok_punct(ts, k + 1, '?') &&
		    !tok_punct(ts, k + 1, '.') &&
		    !(k > i && tok_punct(ts, k - 1, '?'))) {
			if (!depth++)
				*yes = k + 1;
		} else if (tok_punct(ts, k, ':') && depth && !--depth) {
			*no = k + 1;
			return *no < end;
		}
	}
	return 0;
}

/* Where a config names its connection: a URL (or 0), the ssl option and
 * the host (each a value token, or 0), the whole object for positions. */
struct js_config {
	int driver;
	size_t url, ssl, host;
	size_t open; /* the object, or the call's "(" */
};

/* pg.defaults.ssl = value (pg/lib/defaults.js: the ssl of every config
 * that sets none): the value's token, or 0. */
static size_t
pg_defaults_ssl(const struct tokens *ts)
{
	size_t i;

	for (i = 0; i + 5 < ts->nr; i++)
		if (tok_is(ts, i, "defaults") && tok_punct(ts, i + 1, '.') &&
		    tok_is(ts, i + 2, "ssl") && tok_punct(ts, i + 3, '=') &&
		    !tok_punct(ts, i + 4, '=') && i &&
		    tok_punct(ts, i - 1, '.'))
			return i + 4;
	return 0;
}

/*
 * Judges a config. Beside a URL we cannot read, a literal ssl option is
 * judged as written with an unknown host (RULES.md decision 8): for
 * postgres.js the options object wins over the URL (src/index.js
 * parseOptions: `k in o ? o[k] : k in query ? ...`); for node-postgres
 * the URL's sslmode would replace it, but only if the URL has one.
 */
static void
judge_config(struct fact_ctx *fx, struct eval *ev, const struct js_config *c)
{
	struct tokens *ts = ev->ts;
	int url_unknown = c->url && eval_all_unknown(ev, c->url, 0);
	struct client_fact f;
	size_t yes, no;

	if (c->ssl && ternary(ts, c->ssl, &yes, &no)) {
		/* ssl: cond ? a : b -- either may run: each is judged */
		struct js_config branch = *c;

		branch.ssl = yes;
		judge_config(fx, ev, &branch);
		branch.ssl = no;
		judge_config(fx, ev, &branch);
		return;
	}

	if (url_unknown && !c->ssl)
		return;
	if (!c->url && !c->host && !c->ssl)
		return; /* everything from PG* variables: unknown */
	client_fact_init(
	    &f, (enum driver)c->driver, ts->src, tok_begin(ts, c->open),
	    tok_end(ts, tok_match(ts, c->open)), "connection config");
	if (c->ssl)
		add_ssl_option(&f, ts, c->ssl);
	if (c->url && !url_unknown) /* the option is a default its keys
				       may replace */
		scan_judge_expr(fx, ev, c->url, &f, 1);
	else {
		/* no host: PG* variables or localhost, a host we cannot see */
		size_t at = c->host ? c->host : c->open;
		char *h = c->host ? tok_literal(ts, c->host) : NULL;

		client_fact_add(&f, "host", h, tok_begin(ts, at),
				tok_end(ts, at));
		free(h);
		facts_add_connection(fx->out, &f);
	}
	client_fact_release(&f);
}

/* The object value of key name in the object opening at open, or 0. */
static size_t
object_prop(const struct tokens *ts, size_t open, const char *name)
{
	size_t v = open ? tok_object_prop(ts, open, name) : 0;

	return v && tok_is(ts, v, "{") && tok_match(ts, v) ? v : 0;
}

/* The object's key name holds one of the strings in want (NULL-ended). */
static int
prop_is(const struct tokens *ts, size_t open, const char *name,
	const char *const *want)
{
	size_t v = tok_object_prop(ts, open, name);
	char *lit = v ? tok_literal(ts, v) : NULL;
	int hit = 0;

	while (lit && *want && !(hit = !strcmp(lit, *want)))
		want++;
	free(lit);
	return hit;
}

/* An ssl option at token v that the library never hands to pg (knex's
 * beside connection, drizzle-kit's beside url, Sequelize's top-level,
 * TypeORM's when extra.ssl replaces it): its overrides change nothing,
 * so they are not findings. */
static void
ignore_ssl_option(struct tokens *ts, size_t v)
{
	static const char *const keys[] = {"rejectUnauthorized", "minVersion",
					   "secureProtocol"};
	size_t k;

	if (!v || !tok_is(ts, v, "{") || !tok_match(ts, v))
		return;
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		size_t val = tok_object_prop(ts, v, keys[k]);

		if (val)
			tok_judge(ts, val - 2);
	}
}

/* The "(" of the call whose argument list holds token t directly, or 0. */
static size_t
call_of(const struct tokens *ts, size_t t)
{
	size_t k = t;

	while (k-- > 0) {
		if (tok_match(ts, k) > t && tok_punct(ts, k, '('))
			return k;
		if (tok_match(ts, k) > t)
			return 0; /* inside another bracket */
	}
	return 0;
}

/* The object at open is the options of new Sequelize(...): *call is the
 * call's "(". */
static int
sequelize_options(const struct tokens *ts, size_t open, size_t *call)
{
	*call = tok_is(ts, open - 1, ",") ? call_of(ts, open) : 0;
	return *call && tok_is(ts, *call - 1, "Sequelize") &&
	       tok_is(ts, *call - 2, "new");
}

/*
 * drizzle-kit's dbCredentials (drizzle.config.*, src/cli/validations/
 * postgres.ts and connections.ts): the url form passes only the URL to
 * the driver (an ssl beside it is dropped by the schema); the host form
 * turns ssl 'require', 'prefer' and 'allow' into rejectUnauthorized:
 * false, 'verify-full' and true into verified TLS, and an absent ssl into
 * {} (verified) -- postgres.js's reading of those names, without its
 * plaintext default.
 */
static void
judge_drizzle_credentials(struct fact_ctx *fx, struct eval *ev, size_t creds)
{
	struct tokens *ts = ev->ts;
	struct js_config c = {DRIVER_NODE_PG, 0, 0, 0, creds};

	if ((c.url = tok_object_prop(ts, creds, "url"))) {
		ignore_ssl_option(ts, tok_object_prop(ts, creds, "ssl"));
		judge_config(fx, ev, &c);
		return;
	}
	c.driver = DRIVER_POSTGRES_JS;
	c.ssl = tok_object_prop(ts, creds, "ssl");
	c.host = tok_object_prop(ts, creds, "host");
	if (c.ssl)
		judge_config(fx, ev, &c);
}

/*
 * The object opening at token open, as a node-postgres connection:
 * new Pool/Client({connectionString, host, ssl}); a knex config
 * {client: 'pg', connection: {...} | 'url'}; a TypeORM DataSource
 * {type: 'postgres', url, host, ssl, extra: {ssl}} (PostgresDriver
 * passes url as connectionString and spreads extra last); Sequelize
 * {dialect: 'postgres', host, dialectOptions: {ssl}} (its postgres
 * connection-manager copies dialectOptions into the pg config).
 */
static void
judge_node_object(struct fact_ctx *fx, struct eval *ev, size_t open, int pool)
{
	struct tokens *ts = ev->ts;
	static const char *const pg_names[] = {"pg", "postgres", "postgresql",
					       NULL};
	struct js_config c = {DRIVER_NODE_PG, 0, 0, 0, open};
	const char *url_key = "connectionString";
	size_t conn = open, extra, first;
	int sequelize = 0;

	if (pool ||
	    (tok_is(ts, open - 1, "(") &&
	     (tok_is(ts, open - 2, "Pool") || tok_is(ts, open - 2, "Client") ||
	      tok_is(ts, open - 2, "pgp"))))
		;
	else if (prop_is(ts, open, "client", pg_names)) {
		/* knex has no ssl option of its own (lib/client.js keeps
		 * connection only) */
		ignore_ssl_option(ts, tok_object_prop(ts, open, "ssl"));
		conn = object_prop(ts, open, "connection");
		if (!conn) { /* a connection string, or nothing we can read */
			c.url = tok_object_prop(ts, open, "connection");
			if (c.url)
				judge_config(fx, ev, &c);
			return;
		}
		c.open = conn;
	} else if (prop_is(ts, open, "type", pg_names)) {
		url_key = "url";
		extra = object_prop(ts, open, "extra");
		c.ssl = extra ? tok_object_prop(ts, extra, "ssl") : 0;
		if (c.ssl) /* PostgresDriver createPool: extra last */
			ignore_ssl_option(ts, tok_object_prop(ts, open, "ssl"));
	} else if (prop_is(ts, open, "dialect", pg_names) &&
		   object_prop(ts, open, "dbCredentials")) {
		judge_drizzle_credentials(fx, ev,
					  object_prop(ts, open, "dbCredentials"));
		return;
	} else if (prop_is(ts, open, "dialect", pg_names) ||
		   (sequelize_options(ts, open, &first) &&
		    !tok_object_prop(ts, open, "dialect"))) {
		/* Sequelize: only dialectOptions reach pg; a top-level ssl is
		 * not read by its postgres connection-manager (connect():
		 * the pg config is user, password, host, database, port and
		 * a whitelist of dialectOptions keys, ssl among them) */
		url_key = NULL;
		sequelize = 1;
		ignore_ssl_option(ts, tok_object_prop(ts, open, "ssl"));
		if (sequelize_options(ts, open, &first) &&
		    tok_call_arg(ts, first, 3) && tok_call_arg(ts, first, 2))
			/* new Sequelize(database, username, password, {...}) */
			scan_password_expr(fx, ev, tok_call_arg(ts, first, 2),
					   DRIVER_NODE_PG,
					   "Sequelize's password argument");
		c.ssl = tok_object_prop(
		    ts, object_prop(ts, open, "dialectOptions"), "ssl");
		if (sequelize_options(ts, open, &first) &&
		    !tok_punct(ts, tok_call_arg(ts, first, 0), '{') &&
		    !tok_call_arg(ts, first, 2))
			/* new Sequelize(url, options): the URL's query is
			 * merged over dialectOptions (lib/sequelize.js, with
			 * pg-connection-string's parse for postgres), and its
			 * scheme names the dialect */
			c.url = tok_call_arg(ts, first, 0);
	} else
		return;
	if (url_key)
		c.url = tok_object_prop(ts, conn, url_key);
	if (!c.ssl && !sequelize)
		c.ssl = tok_object_prop(ts, conn, "ssl");
	if (!c.ssl)
		c.ssl = pg_defaults_ssl(ts);
	c.host = tok_object_prop(ts, conn, "host");
	judge_config(fx, ev, &c);
}

/* new Pool(url), new Client(url), pgp(url): a connection string in
 * node-postgres's hands (pg/lib/connection-parameters.js parses a string
 * config as one), the call's "(" at token open. */
static void
judge_node_string(struct fact_ctx *fx, struct eval *ev, size_t open)
{
	struct js_config c = {DRIVER_NODE_PG, 0, 0, 0, open};
	const struct tokens *ts = ev->ts;
	const struct eval_binding *b;

	if (tok_punct(ts, open + 1, '{') || tok_punct(ts, open + 1, ')'))
		return;
	if (tok_punct(ts, open + 2, ')') && (b = eval_lookup(ev, open + 1)) &&
	    tok_punct(ts, b->expr, '{') && tok_match(ts, b->expr)) {
		/* new Pool(config): the object the name is bound to */
		judge_node_object(fx, ev, b->expr, 1);
		return;
	}
	c.url = open + 1;
	judge_config(fx, ev, &c);
}

/* postgres(url?, options?) of postgres.js, the call's "(" at token open;
 * the options may also come first. */
static void
judge_postgres_js_call(struct fact_ctx *fx, struct eval *ev, size_t open)
{
	struct tokens *ts = ev->ts;
	struct js_config c = {DRIVER_POSTGRES_JS, 0, 0, 0, open};
	size_t opts = 0, first = open + 1;

	if (tok_is(ts, first, ")"))
		return;
	if (tok_is(ts, first, "{") && tok_match(ts, first))
		opts = first;
	else {
		c.url = first;
		if (tok_match(ts, first))
			first = tok_match(ts, first);
		while (first < tok_match(ts, open) && !tok_is(ts, first, ","))
			first++;
		if (tok_is(ts, first + 1, "{") && tok_match(ts, first + 1))
			opts = first + 1;
	}
	if (opts) {
		c.ssl = tok_object_prop(ts, opts, "ssl");
		c.host = tok_object_prop(ts, opts, "host");
		if (!c.host)
			c.host = tok_object_prop(ts, opts, "hostname");
	}
	judge_config(fx, ev, &c);
}

/* The value given to NODE_TLS_REJECT_UNAUTHORIZED at token i:
 * process.env.NODE_TLS_REJECT_UNAUTHORIZED = v, an env object's
 * NODE_TLS_REJECT_UNAUTHORIZED: v, and both with the name quoted
 * (process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = v); 0 if none. */
static size_t
node_tls_value(const struct tokens *ts, size_t i)
{
	size_t v = i + 2;
	char *key;
	int hit;

	if (tok_kind(ts, i) == TOK_IDENT)
		return tok_value_of(ts, i, "NODE_TLS_REJECT_UNAUTHORIZED");
	if (tok_is(ts, i + 1, "]")) /* ['...'] = v */
		v = tok_is(ts, i + 2, "=") ? i + 3 : 0;
	else if (!tok_is(ts, i + 1, ":")) /* {'...': v} */
		v = 0;
	if (!v || v >= ts->nr || tok_is(ts, v, "=") ||
	    tok_kind(ts, i) != TOK_STRING || !(key = tok_literal(ts, i)))
		return 0;
	hit = !strcmp(key, "NODE_TLS_REJECT_UNAUTHORIZED");
	free(key);
	return hit ? v : 0;
}

/* Token i sits in a config object that names another database:
 * Sequelize's dialect, knex's client or TypeORM's type other than
 * PostgreSQL's (RULES.md decision 14). */
static int
foreign_config(const struct tokens *ts, size_t i)
{
	static const char *const keys[] = {"dialect", "client", "type"};
	size_t k = i, depth = 0, levels = 0, steps = 0, j;

	while (k > 0 && levels < 4 && steps++ < 4096) {
		k--;
		if (tok_match(ts, k) && tok_match(ts, k) < i)
			continue;
		if (tok_punct(ts, k, ')') || tok_punct(ts, k, ']') ||
		    tok_punct(ts, k, '}')) {
			depth++;
			continue;
		}
		if (!tok_opens(ts, k))
			continue;
		if (depth) {
			depth--;
			continue;
		}
		levels++;
		if (!tok_punct(ts, k, '{'))
			continue;
		for (j = 0; j < sizeof(keys) / sizeof(keys[0]); j++) {
			size_t v = tok_object_prop(ts, k, keys[j]);
			char *lit = v ? tok_literal(ts, v) : NULL;
			int other = lit && strcmp(lit, "postgres") &&
				    strcmp(lit, "postgresql") &&
				    strcmp(lit, "pg");

			free(lit);
			if (other)
				return 1;
		}
	}
	return 0;
}

/*
 * The versions an OpenSSL method name of tls.createSecureContext's
 * secureProtocol allows, when it reaches below TLS 1.2 (nodejs
 * src/crypto/crypto_context.cc SecureContext::Init: TLSv1_method and
 * TLSv1_1_method pin one version, TLS_method lifts the floor to any);
 * NULL for the others (TLSv1_2_method; SSLv23_method keeps the 1.2
 * default floor).
 */
static const char *
secure_protocol_range(const char *m)
{
	static const char *const names[][2] = {
	    {"TLSv1_method", "TLS 1.0 only"},
	    {"TLSv1_client_method", "TLS 1.0 only"},
	    {"TLSv1_1_method", "TLS 1.1 only"},
	    {"TLSv1_1_client_method", "TLS 1.1 only"},
	    {"TLS_method", "any version from TLS 1.0"},
	    {"TLS_client_method", "any version from TLS 1.0"},
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(m, names[i][0]))
			return names[i][1];
	return NULL;
}

/* process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0', rejectUnauthorized:
 * false outside a config object, password: '<literal>'. */
static void
judge_overrides(struct fact_ctx *fx, struct eval *ev, int driver)
{
	const struct tokens *ts = ev->ts;
	const struct source *src = ts->src;
	size_t i, val;
	char *lit;

	for (i = 0; i < ts->nr; i++) {
		if (tok_judged(ts, i))
			continue;
		if ((val = node_tls_value(ts, i)) &&
		    (lit = tok_literal(ts, val))) {
			if (!strcmp(lit, "0"))
				facts_add(fx->out, FACT_NO_VERIFY, src,
					  tok_begin(ts, val), tok_end(ts, val),
					  -1,
					  "NODE_TLS_REJECT_UNAUTHORIZED='0' "
					  "turns off certificate checks for "
					  "every TLS connection of the Node.js "
					  "process");
			free(lit);
		}
		if (driver < 0)
			continue;
		if ((val = tok_value_of(ts, i, "rejectUnauthorized")) &&
		    tok_is(ts, val, "false") && !foreign_config(ts, i))
			scan_report_no_verify(fx, ts, val, val, driver,
					      "rejectUnauthorized: false "
					      "accepts any server certificate",
					      "true");
		/* (a key of another database's options is not ours) */
		if ((tok_is(ts, i, "minVersion") ||
		     tok_is(ts, i, "secureProtocol") ||
		     tok_is(ts, i, "password")) &&
		    foreign_config(ts, i))
			continue;
		if ((val = tok_value_of(ts, i, "minVersion")) &&
		    (lit = tok_literal(ts, val))) {
			/* tls.createSecureContext's floor (nodejs
			 * doc/api/tls.md): 'TLSv1' and 'TLSv1.1' are below
			 * 1.2 */
			if (!strcmp(lit, "TLSv1") || !strcmp(lit, "TLSv1.1")) {
				char q = src->text[tok_begin(ts, val)];
				char *what = xasprintf(
				    "TLS options allow TLS below 1.2: "
				    "minVersion: '%s'",
				    lit);
				char fix[] = {q,   'T', 'L', 'S', 'v',
					      '1', '.', '2', q,	  '\0'};

				scan_report_weak_floor(fx, ts, i, val, what,
						       fix);
				free(what);
			}
			free(lit);
		}
		if ((val = tok_value_of(ts, i, "secureProtocol")) &&
		    (lit = tok_literal(ts, val))) {
			const char *range = secure_protocol_range(lit);

			if (range)
				facts_add(fx->out, FACT_WEAK_FLOOR, src,
					  tok_begin(ts, i), tok_end(ts, val),
					  -1,
					  "TLS options allow TLS below 1.2: "
					  "secureProtocol: '%s' (%s)",
					  lit, range);
			free(lit);
		}
		if ((val = tok_value_of(ts, i, "password")))
			scan_password_expr(fx, ev, val, driver, "'password'");
	}
}

/*
 * A config object that names node-postgres itself, in a file that imports
 * nothing: knexfile.js's client: 'pg', a sequelize-cli config.js's
 * dialect: 'postgres', ormconfig.js's type: 'postgres', drizzle.config's
 * dialect: 'postgresql' -- the tool that loads the file hands it to pg.
 */
static int
names_node_pg_config(const struct tokens *ts)
{
	static const char *const keys[] = {"client", "dialect", "type"};
	size_t i, k;

	for (i = 0; i + 2 < ts->nr; i++) {
		char *lit;
		int hit;

		if (!tok_punct(ts, i + 1, ':') ||
		    tok_kind(ts, i + 2) != TOK_STRING)
			continue;
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (tok_is(ts, i, keys[k]))
				break;
		if (k == sizeof(keys) / sizeof(keys[0]) ||
		    !(lit = tok_literal(ts, i + 2)))
			continue;
		hit = !strcmp(lit, "pg") || !strcmp(lit, "postgres") ||
		      !strcmp(lit, "postgresql");
		free(lit);
		if (hit)
			return 1;
	}
	return 0;
}

/* .ts, .mts, .cts: TypeScript without JSX (<T>x is a type assertion). */
static int
typescript_only(const char *path)
{
	size_t n = strlen(path);

	return (n > 3 && !strcmp(path + n - 3, ".ts")) ||
	       (n > 4 && (!strcmp(path + n - 4, ".mts") ||
			  !strcmp(path + n - 4, ".cts")));
}

void
js_judge_source(struct fact_ctx *fx, const struct source *src,
		struct tokens *lexed)
{
	static const char *const needles[] = {"postgres",
					      "host=",
					      "hostaddr=",
					      "sslmode",
					      "'pg",
					      "\"pg",
					      "`pg",
					      "NODE_TLS_REJECT_UNAUTHORIZED",
					      NULL};
	struct tokens ts;
	struct eval ev;
	int driver;
	size_t i, binding;

	if (!facts_worth_reading(fx, src, needles))
		return;
	tokens_read(&ts, src, typescript_only(src->path) ? LEX_JS : LEX_JSX, 0);
	eval_init(&ev, &ts);
	driver = js_driver(&ts);
	if (driver < 0 && names_node_pg_config(&ts))
		driver = DRIVER_NODE_PG;
	binding = driver == DRIVER_POSTGRES_JS ? postgres_js_binding(&ts) : 0;
	for (i = 2; driver >= 0 && i < ts.nr; i++) {
		if (!tok_match(&ts, i))
			continue;
		if (driver == DRIVER_NODE_PG && tok_is(&ts, i, "{"))
			judge_node_object(fx, &ev, i, 0);
		else if (driver == DRIVER_NODE_PG && tok_is(&ts, i, "(") &&
			 (tok_is(&ts, i - 1, "pgp") ||
			  ((tok_is(&ts, i - 1, "Pool") ||
			    tok_is(&ts, i - 1, "Client")) &&
			   tok_is(&ts, i - 2, "new"))))
			judge_node_string(fx, &ev, i);
		else if (driver == DRIVER_POSTGRES_JS && tok_is(&ts, i, "(") &&
			 !tok_is(&ts, i - 2, ".") &&
			 (binding ? tok_same(&ts, i - 1, binding)
				  : tok_is(&ts, i - 1, "postgres")))
			judge_postgres_js_call(fx, &ev, i);
	}
	judge_overrides(fx, &ev, driver);
	scan_judge_strings(fx, &ev, driver);
	eval_release(&ev);
	scan_hand_over(&ts, lexed);
}
