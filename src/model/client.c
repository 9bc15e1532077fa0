/* SPDX-License-Identifier: MIT */
/*
 * client.c — per-driver tables: parameters, defaults and environment to
 * the effective TLS outcome. Each judge cites where its facts come from;
 * ../shared/reference/driver-semantics.md collects them with commits.
 */
#include "client.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/xalloc.h"
#include "value.h"

const char *const driver_names[DRIVER__COUNT] = {
    "libpq",	     "pgjdbc",	    "pgx",    "lib/pq",
    "node-postgres", "postgres.js", "asyncpg", "npgsql",
    "prisma",	     "r2dbc-postgresql", "bun", "vertx-pg-client"};
const char *const outcome_names[] = {"unknown",	      "none",
				     "opportunistic", "encrypt-only",
				     "verify-ca",     "verify-full"};

void
client_fact_init(struct client_fact *f, enum driver d, const struct source *src,
		 size_t begin, size_t end, const char *what)
{
	memset(f, 0, sizeof(*f));
	f->driver = d;
	f->src = src;
	f->begin = begin;
	f->end = end;
	f->what = xstrdup(what);
}

int
client_is_placeholder(const char *v)
{
	size_t n = strlen(v);

	return strchr(v, VALUE_UNKNOWN) || strstr(v, "${") || strstr(v, "{{") ||
	       strstr(v, "%(") || (v[0] == '$' && n > 1) ||
	       (v[0] == '<' && n > 1 && v[n - 1] == '>');
}

struct client_param *
client_fact_add(struct client_fact *f, const char *key, const char *value,
		size_t begin, size_t end)
{
	struct client_param *p;

	ALLOC_GROW(f->v, f->nr + 1, f->alloc);
	p = &f->v[f->nr++];
	memset(p, 0, sizeof(*p));
	p->key = xstrdup(key);
	p->value =
	    value && !client_is_placeholder(value) ? xstrdup(value) : NULL;
	p->begin = begin;
	p->end = end;
	p->exact = 1;
	return p;
}

const struct client_param *
client_get(const struct client_fact *f, const char *key)
{
	size_t i = f->nr;

	while (i-- > 0)
		if (!strcmp(f->v[i].key, key))
			return &f->v[i];
	return NULL;
}

void
client_fact_add_defaults(struct client_fact *f,
			 const struct client_fact *defaults)
{
	size_t i;

	for (i = 0; i < defaults->nr; i++) {
		const struct client_param *d = &defaults->v[i];
		struct client_param *p;

		if (!d->overrides && client_get(f, d->key))
			continue;
		p = client_fact_add(f, d->key, d->value, d->begin, d->end);
		p->in_code = d->in_code;
		p->overrides = d->overrides;
		p->from_env = !d->in_code && !d->overrides;
		p->exact = d->exact;
	}
}

void
client_fact_release(struct client_fact *f)
{
	size_t i;

	for (i = 0; i < f->nr; i++) {
		free(f->v[i].key);
		free(f->v[i].value);
	}
	free(f->v);
	free(f->what);
	memset(f, 0, sizeof(*f));
}

void
client_verdict_release(struct client_verdict *v)
{
	free(v->reason);
	memset(v, 0, sizeof(*v));
}

/* --- hosts -------------------------------------------------------------- */

static int
loopback_name(const char *h, size_t n)
{
	if (n >= 2 && h[0] == '[' && h[n - 1] == ']')
		h++, n -= 2;
	return (n == 9 && !strncasecmp(h, "localhost", 9)) ||
	       (n == 3 && !strncmp(h, "::1", 3)) ||
	       (n >= 4 && !strncmp(h, "127.", 4));
}

/*
 * Every host is loopback or a Unix socket. An empty element or a missing
 * list means the driver's default: libpq's Unix socket, the others'
 * localhost. A value we cannot see is not local.
 */
static int
all_local(const struct client_fact *f)
{
	const struct client_param *h = client_get(f, "hostaddr");
	const char *p;

	if (!h || (h->value && !*h->value))
		h = client_get(f, "host");
	if (!h)
		return !f->host_elsewhere;
	if (!h->value)
		return 0;
	for (p = h->value;;) {
		size_t n = strcspn(p, ",");

		if (n && p[0] != '/' && p[0] != '@' && !loopback_name(p, n))
			return 0;
		if (!p[n])
			return 1;
		p += n + 1;
	}
}

/* --- shared pieces ------------------------------------------------------ */

static void
set(struct client_verdict *v, enum tls_outcome o,
    const struct client_param *cause, char *reason)
{
	v->outcome = o;
	v->cause = cause;
	free(v->reason);
	v->reason = reason;
}

static int
is(const struct client_param *p, const char *value)
{
	return p && p->value && !strcmp(p->value, value);
}

static int
has_value(const struct client_param *p)
{
	return p && p->value && *p->value;
}

/* ssl_min_protocol_version below TLSv1.2 (compared case-insensitively by
 * libpq's sslVerifyProtocolVersion). */
static const struct client_param *
weak_floor(const struct client_fact *f)
{
	const struct client_param *p =
	    client_get(f, "ssl_min_protocol_version");

	if (p && p->value &&
	    (!strcasecmp(p->value, "TLSv1") ||
	     !strcasecmp(p->value, "TLSv1.1")))
		return p;
	return NULL;
}

/* libpq-style modes shared by the drivers that copied libpq's names. */
static enum tls_outcome
libpq_like(const char *mode, int rootcert)
{
	if (!strcmp(mode, "disable"))
		return OUTCOME_NONE;
	if (!strcmp(mode, "allow") || !strcmp(mode, "prefer"))
		return OUTCOME_OPPORTUNISTIC;
	if (!strcmp(mode, "require"))
		return rootcert ? OUTCOME_VERIFY_CA : OUTCOME_ENCRYPT_ONLY;
	if (!strcmp(mode, "verify-ca"))
		return OUTCOME_VERIFY_CA;
	if (!strcmp(mode, "verify-full"))
		return OUTCOME_VERIFY_FULL;
	return OUTCOME_UNKNOWN; /* an invalid value: PGT309 */
}

/* --- the drivers -------------------------------------------------------- */

/*
 * libpq (src/interfaces/libpq/fe-connect.c pqConnectOptions2,
 * fe-secure-openssl.c initialize_SSL; libpq.sgml "SSL Mode Descriptions"):
 * default prefer; a root certificate file makes every TLS mode check the
 * chain, so require + sslrootcert is verify-ca; sslrootcert=system (16+)
 * raises an unset mode to verify-full.
 */
static void
judge_libpq(const struct client_fact *f, int version, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *root = client_get(f, "sslrootcert");
	int system = version >= 16 && is(root, "system");

	if (!mode) {
		if (system)
			set(v, OUTCOME_VERIFY_FULL, root,
			    xstrdup("sslrootcert=system"));
		else
			set(v, OUTCOME_OPPORTUNISTIC, NULL,
			    xstrdup("no sslmode: libpq defaults to prefer"));
		return;
	}
	if (!mode->value) {
		set(v, OUTCOME_UNKNOWN, mode, NULL);
		return;
	}
	set(v, libpq_like(mode->value, has_value(root) && !system), mode,
	    xasprintf("sslmode=%s", mode->value));
	v->implicit_root = (!strcmp(mode->value, "verify-ca") ||
			    !strcmp(mode->value, "verify-full")) &&
			   !root;
}

/*
 * pgjdbc (pgjdbc/src/main/java/org/postgresql/jdbc/SslMode.java,
 * ssl/LibPQFactory.java, ssl/MakeSSL.java): sslmode is case-insensitive;
 * without it, ssl=true or a bare ssl means verify-full and anything else
 * (ssl=false too) means prefer; require never verifies, root file or not;
 * NonValidatingFactory accepts any certificate.
 */
static void
judge_pgjdbc(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *ssl = client_get(f, "ssl");
	const struct client_param *factory = client_get(f, "sslfactory");
	static const char *const modes[] = {"disable",	 "allow",
					    "prefer",	 "require",
					    "verify-ca", "verify-full"};
	size_t i;
	int java_trust;

	if (factory && factory->value &&
	    strstr(factory->value, "NonValidatingFactory"))
		v->no_verify = factory;
	java_trust = factory && factory->value &&
		     strstr(factory->value, "DefaultJavaSSLFactory");
	if (!mode && ssl && ssl->value &&
	    (!*ssl->value || !strcasecmp(ssl->value, "true"))) {
		set(v, OUTCOME_VERIFY_FULL, ssl,
		    xstrdup("ssl=true without sslmode means verify-full"));
		v->implicit_root = !client_get(f, "sslrootcert") && !factory;
	} else if (!mode) {
		set(v, OUTCOME_OPPORTUNISTIC, ssl,
		    xstrdup(ssl ? "ssl=false without sslmode means prefer, "
				  "not disable"
				: "no sslmode: pgjdbc defaults to prefer"));
	} else if (!mode->value) {
		set(v, OUTCOME_UNKNOWN, mode, NULL);
	} else {
		for (i = 0; i < 6 && strcasecmp(mode->value, modes[i]); i++)
			;
		set(v, i < 6 ? libpq_like(modes[i], 0) : OUTCOME_UNKNOWN, mode,
		    xasprintf("sslmode=%s", mode->value));
		v->implicit_root = i >= 4 && i < 6 &&
				   !client_get(f, "sslrootcert") && !factory;
		/* ssl/DefaultJavaSSLFactory.java wraps the JVM's default
		 * socket factory, whose trust manager checks the chain in
		 * every mode; only verify-full checks the host name
		 * (ssl/MakeSSL.java verifyPeerName) */
		if (java_trust && v->outcome == OUTCOME_ENCRYPT_ONLY) {
			v->outcome = OUTCOME_VERIFY_CA;
			free(v->reason);
			v->reason =
			    xasprintf("sslmode=%s with sslfactory="
				      "DefaultJavaSSLFactory (the JVM's "
				      "trust store)",
				      mode->value);
			v->cause = factory;
		}
	}
}

/*
 * pgx v5 (pgconn/config.go configTLS): default prefer; require verifies
 * only with sslrootcert; sslrootcert=system forces verify-full (v5.7.0+).
 */
static void
judge_pgx(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *root = client_get(f, "sslrootcert");

	if (is(root, "system"))
		set(v, OUTCOME_VERIFY_FULL, root,
		    xstrdup("sslrootcert=system forces verify-full"));
	else if (!mode || (mode->value && !*mode->value))
		set(v, OUTCOME_OPPORTUNISTIC, mode,
		    xstrdup("no sslmode: pgx defaults to prefer"));
	else if (!mode->value)
		set(v, OUTCOME_UNKNOWN, mode, NULL);
	else
		set(v, libpq_like(mode->value, has_value(root)), mode,
		    xasprintf("sslmode=%s", mode->value));
}

/*
 * lib/pq (ssl.go ssl(), conn.go; CHANGELOG for v1.12.0): a missing sslmode
 * means require up to v1.12.3, the latest release; require verifies only
 * with an sslrootcert file; sslrootcert=system raises an unset mode.
 */
static void
judge_lib_pq(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *root = client_get(f, "sslrootcert");

	if (!mode && is(root, "system"))
		set(v, OUTCOME_VERIFY_FULL, root,
		    xstrdup("sslrootcert=system"));
	else if (!mode || (mode->value && !*mode->value))
		set(v,
		    has_value(root) ? OUTCOME_VERIFY_CA : OUTCOME_ENCRYPT_ONLY,
		    mode, xstrdup("no sslmode: lib/pq defaults to require"));
	else if (!mode->value)
		set(v, OUTCOME_UNKNOWN, mode, NULL);
	else
		set(v, libpq_like(mode->value, has_value(root)), mode,
		    xasprintf("sslmode=%s", mode->value));
}

/*
 * The ssl option of a node-postgres config object (in_code), when no
 * connection string replaces it: false or "" is none, true and an object
 * are Node's tls.connect defaults (rejectUnauthorized true, host checked),
 * an object with rejectUnauthorized: false and the string 'no-verify'
 * verify nothing (pg/lib/connection-parameters.js, connection.js). What
 * another string does we have not confirmed: unknown.
 */
static void
judge_node_pg_option(const struct client_fact *f,
		     const struct client_param *ssl, struct client_verdict *v)
{
	const struct client_param *reject = client_get(f, "rejectUnauthorized");
	const char *s = ssl->value;

	if (!s || (!strcmp(s, "object") && reject && !reject->value))
		set(v, OUTCOME_UNKNOWN, ssl, NULL);
	else if (!strcmp(s, "false") || !*s)
		set(v, OUTCOME_NONE, ssl, xstrdup("ssl: false"));
	else if (!strcmp(s, "true"))
		set(v, OUTCOME_VERIFY_FULL, ssl, xstrdup("ssl: true"));
	else if (!strcmp(s, "object") && is(reject, "false")) {
		set(v, OUTCOME_ENCRYPT_ONLY, reject,
		    xstrdup("rejectUnauthorized: false"));
		v->no_verify = reject;
	} else if (!strcmp(s, "object"))
		set(v, OUTCOME_VERIFY_FULL, ssl,
		    xstrdup("ssl options with Node's default "
			    "rejectUnauthorized: true"));
	else if (!strcmp(s, "no-verify")) {
		set(v, OUTCOME_ENCRYPT_ONLY, ssl, xstrdup("ssl: 'no-verify'"));
		v->no_verify = ssl;
	} else
		set(v, OUTCOME_UNKNOWN, ssl, NULL);
}

/*
 * node-postgres (packages/pg-connection-string/index.js, pg/lib/
 * connection-parameters.js): no ssl at all by default; sslmode=disable is
 * none, no-verify is unverified, and any other value means full
 * verification -- unless uselibpqcompat=true, which gives libpq's meanings
 * except that prefer then requires TLS. A connection string's sslmode,
 * sslcert, sslkey or sslrootcert replaces the config's ssl option
 * (Object.assign with the parsed string last); its ssl=1/true is true,
 * ssl=0 false, ssl=no-verify unverified; another ssl string (even
 * "false") stays a string we have not seen run: unknown.
 */
static void
judge_node_pg(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *ssl = client_get(f, "ssl");
	const struct client_param *compat = client_get(f, "uselibpqcompat");
	const struct client_param *file = client_get(f, "sslrootcert");

	if (!file)
		file = client_get(f, "sslcert");
	if (!file)
		file = client_get(f, "sslkey");
	/* an empty sslmode is no sslmode: pg-connection-string's switch
	 * (config.sslmode) matches no case and sets no ssl, so the config's
	 * ssl option stands (measured: tests/live/driver_probe.py) */
	if (mode && mode->value && !*mode->value)
		mode = NULL;

	if (mode && mode->value) {
		const char *m = mode->value;

		if (is(compat, "true")) {
			/* its own switch, not libpq's: prefer requires TLS,
			 * allow and other words fall through to full
			 * verification (pg-connection-string index.js) */
			int root = has_value(client_get(f, "sslrootcert"));
			enum tls_outcome o =
			    !strcmp(m, "disable")  ? OUTCOME_NONE
			    : !strcmp(m, "prefer") ? OUTCOME_ENCRYPT_ONLY
			    : !strcmp(m, "require")
				? (root ? OUTCOME_VERIFY_CA
					: OUTCOME_ENCRYPT_ONLY)
			    : !strcmp(m, "verify-ca") ? OUTCOME_VERIFY_CA
						      : OUTCOME_VERIFY_FULL;

			set(v, o, mode,
			    xasprintf("sslmode=%s with "
				      "uselibpqcompat",
				      m));
		} else if (!strcmp(m, "disable"))
			set(v, OUTCOME_NONE, mode, xstrdup("sslmode=disable"));
		else if (!strcmp(m, "no-verify"))
			set(v, OUTCOME_ENCRYPT_ONLY, mode,
			    xstrdup("sslmode=no-verify"));
		else {
			set(v, OUTCOME_VERIFY_FULL, mode,
			    xasprintf("sslmode=%s", m));
			if (!strcmp(m, "prefer") || !strcmp(m, "require") ||
			    !strcmp(m, "verify-ca"))
				v->ambiguous = mode;
		}
	} else if (mode || (ssl && !ssl->value)) {
		set(v, OUTCOME_UNKNOWN, mode ? mode : ssl, NULL);
	} else if (file && !file->in_code) {
		set(v, OUTCOME_VERIFY_FULL, file,
		    xasprintf("%s turns TLS on with node's defaults",
			      file->key));
	} else if (ssl && ssl->in_code) {
		judge_node_pg_option(f, ssl, v);
	} else if (ssl) {
		if (!strcmp(ssl->value, "0"))
			set(v, OUTCOME_NONE, ssl, xstrdup("ssl=0"));
		else if (!strcmp(ssl->value, "1") ||
			 !strcmp(ssl->value, "true"))
			set(v, OUTCOME_VERIFY_FULL, ssl,
			    xasprintf("ssl=%s", ssl->value));
		else if (!strcmp(ssl->value, "no-verify"))
			set(v, OUTCOME_ENCRYPT_ONLY, ssl,
			    xstrdup("ssl=no-verify"));
		else
			set(v, OUTCOME_UNKNOWN, ssl, NULL);
	} else
		set(v, OUTCOME_NONE, NULL,
		    xstrdup("no ssl or sslmode: node-postgres does not use "
			    "TLS"));
}

/*
 * postgres.js (src/index.js parseOptions, src/connection.js secure):
 * none by default; prefer falls back; require and allow encrypt without
 * verifying; verify-ca, verify-full, true and other strings verify fully,
 * 'disable' too when it is the options object's (parseOptions maps only
 * the URL's 'disable' and 'false' to false).
 */
static void
judge_postgres_js(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *ssl = client_get(f, "ssl");
	const struct client_param *reject = client_get(f, "rejectUnauthorized");
	const char *m;

	/* parseOptions: an ssl key of the options object wins over the
	 * URL's sslmode (`k in o ? o[k] : k in query ? ...`), and the URL's
	 * sslrootcert=system over its sslmode (query.ssl = 'verify-full'). */
	if (!(ssl && ssl->in_code) && is(client_get(f, "sslrootcert"), "system")) {
		set(v, OUTCOME_VERIFY_FULL, client_get(f, "sslrootcert"),
		    xstrdup("sslrootcert=system"));
		return;
	}
	if (!mode || (ssl && ssl->in_code))
		mode = ssl;
	if (!mode) {
		set(v, OUTCOME_NONE, NULL,
		    xstrdup("no ssl: postgres.js does not use TLS"));
		return;
	}
	if (!mode->value) {
		set(v, OUTCOME_UNKNOWN, mode, NULL);
		return;
	}
	m = mode->value;
	if (!strcmp(m, "object") && mode->in_code) {
		/* merged into tls.connect's options (src/connection.js
		 * secure): Node verifies unless rejectUnauthorized is false */
		if (reject && !reject->value)
			set(v, OUTCOME_UNKNOWN, reject, NULL);
		else if (is(reject, "false")) {
			set(v, OUTCOME_ENCRYPT_ONLY, reject,
			    xstrdup("rejectUnauthorized: false"));
			v->no_verify = reject;
		} else
			set(v, OUTCOME_VERIFY_FULL, mode,
			    xstrdup("ssl options with Node's default "
				    "rejectUnauthorized: true"));
	} else if (!*m || !strcmp(m, "false") ||
		   (!strcmp(m, "disable") && !mode->in_code))
		/* only the URL's 'disable' is false: an options object's
		 * ssl: 'disable' is a string, TLS with full verification */
		set(v, OUTCOME_NONE, mode, xasprintf("%s=%s", mode->key, m));
	else if (!strcmp(m, "prefer"))
		set(v, OUTCOME_OPPORTUNISTIC, mode,
		    xasprintf("%s=%s", mode->key, m));
	else if (!strcmp(m, "require") || !strcmp(m, "allow"))
		set(v, OUTCOME_ENCRYPT_ONLY, mode,
		    xasprintf("%s=%s", mode->key, m));
	else
		set(v, OUTCOME_VERIFY_FULL, mode,
		    xasprintf("%s=%s", mode->key, m));
}

char *
client_asyncpg_mode(const char *m)
{
	char *dashed = xstrdup(m), *p;

	for (p = dashed; *p; p++)
		if (*p == '_')
			*p = '-';
	return dashed;
}

/*
 * asyncpg (asyncpg/connect_utils.py _parse_connect_dsn_and_args): default
 * prefer; require verifies only with sslrootcert; ssl=True verifies fully;
 * verify_full is verify-full (SSLMode.parse).
 */
static void
judge_asyncpg(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *root = client_get(f, "sslrootcert");
	char *m;

	if (!mode)
		mode = client_get(f, "ssl");
	if (!mode)
		set(v, OUTCOME_OPPORTUNISTIC, NULL,
		    xstrdup("no ssl: asyncpg defaults to prefer"));
	else if (!mode->value)
		set(v, OUTCOME_UNKNOWN, mode, NULL);
	else if (!strcmp(mode->value, "True") || !strcmp(mode->value, "true"))
		set(v, OUTCOME_VERIFY_FULL, mode, xstrdup("ssl=True"));
	else if (!strcmp(mode->value, "False"))
		set(v, OUTCOME_NONE, mode, xstrdup("ssl=False"));
	else {
		m = client_asyncpg_mode(mode->value);
		set(v, libpq_like(m, has_value(root)), mode,
		    xasprintf("%s=%s", mode->key, mode->value));
		v->implicit_root = !root && (!strcmp(m, "verify-ca") ||
					     !strcmp(m, "verify-full"));
		free(m);
	}
}

/*
 * Npgsql 8+ (src/Npgsql/NpgsqlConnectionStringBuilder.cs: SslMode defaults
 * to Prefer since 6.0; release-notes/8.0.md: "SSL Mode=Require no longer
 * validates certificates"; Internal/NpgsqlConnector.cs: only VerifyCA and
 * VerifyFull validate). Trust Server Certificate=true is the written wish
 * to skip validation (it did so through 7.x; 8.0 made it a no-op because
 * Require, Prefer and Allow no longer validate anyway): an override where
 * nothing validates. The reader (parsers/npgsql.c) stores the mode
 * lowercased, under libpq's keyword.
 */
static void
judge_npgsql(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *trust =
	    client_get(f, "trustservercertificate");

	if (!mode)
		set(v, OUTCOME_OPPORTUNISTIC, NULL,
		    xstrdup("no SSL Mode: Npgsql defaults to Prefer"));
	else if (!mode->value)
		set(v, OUTCOME_UNKNOWN, mode, NULL);
	else if (!strcmp(mode->value, "disable"))
		set(v, OUTCOME_NONE, mode, xstrdup("SSL Mode=Disable"));
	else if (!strcmp(mode->value, "allow") ||
		 !strcmp(mode->value, "prefer"))
		set(v, OUTCOME_OPPORTUNISTIC, mode,
		    xasprintf("SSL Mode=%s", mode->value));
	else if (!strcmp(mode->value, "require"))
		set(v, OUTCOME_ENCRYPT_ONLY, mode,
		    xstrdup("SSL Mode=Require (Npgsql 8+ validates no "
			    "certificate)"));
	else if (!strcmp(mode->value, "verifyca"))
		set(v, OUTCOME_VERIFY_CA, mode, xstrdup("SSL Mode=VerifyCA"));
	else if (!strcmp(mode->value, "verifyfull"))
		set(v, OUTCOME_VERIFY_FULL, mode,
		    xstrdup("SSL Mode=VerifyFull"));
	if (trust && trust->value && !strcasecmp(trust->value, "true") &&
	    v->outcome >= OUTCOME_OPPORTUNISTIC &&
	    v->outcome <= OUTCOME_ENCRYPT_ONLY)
		v->no_verify = trust;
}

/*
 * Prisma's engine (prisma-engines quaint/src/connector/postgres/url.rs
 * parse_query_params; docs orm/overview/databases/postgresql
 * "Arguments"): sslmode prefer by default, disable and require known, any
 * other value taken as prefer; sslaccept accept_invalid_certs by default,
 * so require verifies only with sslaccept=strict.
 */
static void
judge_prisma(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *accept = client_get(f, "sslaccept");

	if (mode && !mode->value) {
		set(v, OUTCOME_UNKNOWN, mode, NULL);
	} else if (is(mode, "disable")) {
		set(v, OUTCOME_NONE, mode, xstrdup("sslmode=disable"));
	} else if (is(mode, "require")) {
		if (is(accept, "strict"))
			set(v, OUTCOME_VERIFY_FULL, accept,
			    xstrdup("sslmode=require with sslaccept=strict"));
		else
			set(v, OUTCOME_ENCRYPT_ONLY, mode,
			    xstrdup("sslmode=require without "
				    "sslaccept=strict: Prisma accepts "
				    "invalid certificates"));
	} else {
		set(v, OUTCOME_OPPORTUNISTIC, mode,
		    mode ? xasprintf("sslmode=%s is prefer in Prisma "
				     "(only disable, prefer and require are "
				     "known)",
				     mode->value)
			 : xstrdup("no sslmode: Prisma defaults to prefer"));
	}
}

/* An r2dbc-postgresql mode name: SSLMode.fromValue compares the value
 * ("verify-full") and the constant ("VERIFY_FULL") ignoring case; the
 * libpq-style name, or NULL. */
const char *
client_r2dbc_mode(const char *m)
{
	static const char *const modes[][2] = {
	    {"disable", "disable"},	    {"allow", "allow"},
	    {"prefer", "prefer"},	    {"require", "require"},
	    {"verify-ca", "verify_ca"},	    {"verify-full", "verify_full"},
	    {"tunnel", "tunnel"}};
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcasecmp(m, modes[i][0]) || !strcasecmp(m, modes[i][1]))
			return modes[i][0];
	return NULL;
}

/*
 * r2dbc-postgresql (PostgresqlConnectionConfiguration.Builder: sslMode
 * DISABLE by default; PostgresqlConnectionFactoryProvider: sslMode, then
 * its alias sslmode, and ssl=true is VERIFY_FULL; client/SSLMode.java and
 * createSslProvider: an InsecureTrustManagerFactory unless VERIFY_CA or
 * VERIFY_FULL, whatever the root certificate).
 */
static void
judge_r2dbc(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslMode");
	const struct client_param *ssl = client_get(f, "ssl");
	const char *m;

	if (!mode)
		mode = client_get(f, "sslmode");
	if (mode && !mode->value) {
		set(v, OUTCOME_UNKNOWN, mode, NULL);
		return;
	}
	if (!mode) {
		if (ssl && ssl->value && !strcasecmp(ssl->value, "true"))
			set(v, OUTCOME_VERIFY_FULL, ssl,
			    xstrdup("ssl=true is VERIFY_FULL"));
		else
			set(v, OUTCOME_NONE, ssl,
			    xstrdup("no sslMode: r2dbc-postgresql defaults "
				    "to DISABLE"));
		return;
	}
	m = client_r2dbc_mode(mode->value);
	if (!m)
		return; /* refused: conn_refusal says so */
	set(v,
	    !strcmp(m, "tunnel") || !strcmp(m, "require")
		? OUTCOME_ENCRYPT_ONLY
		: libpq_like(m, 0),
	    mode, xasprintf("%s=%s", mode->key, mode->value));
}

/*
 * The Vert.x pg client behind Quarkus's reactive datasources (vertx-pg-
 * client PgConnectOptions: DEFAULT_SSLMODE DISABLE, setSsl(true) is
 * VERIFY_CA; PgConnectionUriParser lower-cases the URI's keys; Quarkus
 * DataSourceReactivePostgreSQLConfig ssl-mode "disable" by default, and
 * trust-all (DataSourceReactiveRuntimeConfig, default false) trusts any
 * certificate). The carrier stores ssl-mode as sslmode and trust-all as
 * trustall.
 */
static void
judge_vertx(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *ssl = client_get(f, "ssl");
	const struct client_param *trust = client_get(f, "trustall");
	const char *m;

	if (mode && !mode->value) {
		set(v, OUTCOME_UNKNOWN, mode, NULL);
		return;
	}
	if (!mode && ssl && is(ssl, "true"))
		set(v, OUTCOME_VERIFY_CA, ssl, xstrdup("ssl=true is VERIFY_CA"));
	else if (!mode)
		set(v, OUTCOME_NONE, NULL,
		    xstrdup("no ssl-mode: the Vert.x pg client defaults to "
			    "disable"));
	else if ((m = client_r2dbc_mode(mode->value)))
		set(v, !strcmp(m, "require") ? OUTCOME_ENCRYPT_ONLY
					     : libpq_like(m, 0),
		    mode, xasprintf("ssl-mode=%s", mode->value));
	if (is(trust, "true") && v->outcome > OUTCOME_NONE &&
	    v->outcome <= OUTCOME_ENCRYPT_ONLY)
		v->no_verify = trust;
}

/*
 * bun's pgdriver (driver/pgdriver/config.go): TLS by default with
 * InsecureSkipVerify and no plaintext fallback (proto.go enableSSL fails
 * when the server says no); WithInsecure(true) -- stored as sslmode
 * disable by the Go scanner -- and a DSN's sslmode=disable turn it off;
 * parseDSN: allow and prefer keep the unverified default, require
 * verifies the chain with sslrootcert, verify-ca the chain, verify-full
 * the host too.
 */
static void
judge_bun(const struct client_fact *f, struct client_verdict *v)
{
	const struct client_param *mode = client_get(f, "sslmode");
	const struct client_param *root = client_get(f, "sslrootcert");

	if (mode && !mode->value)
		set(v, OUTCOME_UNKNOWN, mode, NULL);
	else if (!mode || !*mode->value || is(mode, "allow") ||
		 is(mode, "prefer"))
		set(v, OUTCOME_ENCRYPT_ONLY, mode,
		    mode && *mode->value
			? xasprintf("sslmode=%s is TLS without verification "
				    "in bun's pgdriver",
				    mode->value)
			: xstrdup("bun's pgdriver defaults to TLS without "
				  "verification"));
	else
		set(v, libpq_like(mode->value, has_value(root)), mode,
		    xasprintf("sslmode=%s", mode->value));
}

void
client_judge(const struct client_fact *f, int pg_version,
	     struct client_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->local = all_local(f);
	if (f->driver != DRIVER_PGJDBC)
		v->weak_floor = weak_floor(f);
	/* An environment that names neither a host nor a mode leaves both to
	 * each client's own string: its outcome is not ours to tell. */
	if (f->host_elsewhere && !client_get(f, "sslmode") &&
	    !client_get(f, "host") && !client_get(f, "hostaddr"))
		return;
	switch (f->driver) {
	case DRIVER_LIBPQ:
		judge_libpq(f, pg_version, v);
		break;
	case DRIVER_PGJDBC:
		judge_pgjdbc(f, v);
		break;
	case DRIVER_PGX:
		judge_pgx(f, v);
		break;
	case DRIVER_LIB_PQ:
		judge_lib_pq(f, v);
		break;
	case DRIVER_NODE_PG:
		judge_node_pg(f, v);
		break;
	case DRIVER_POSTGRES_JS:
		judge_postgres_js(f, v);
		break;
	case DRIVER_ASYNCPG:
		judge_asyncpg(f, v);
		break;
	case DRIVER_NPGSQL:
		judge_npgsql(f, v);
		break;
	case DRIVER_PRISMA:
		judge_prisma(f, v);
		break;
	case DRIVER_R2DBC:
		judge_r2dbc(f, v);
		break;
	case DRIVER_BUN:
		judge_bun(f, v);
		break;
	case DRIVER_VERTX:
		judge_vertx(f, v);
		break;
	case DRIVER__COUNT:
		break;
	}
}
