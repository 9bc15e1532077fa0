/* SPDX-License-Identifier: MIT */
/*
 * oracle_libpq.h — what the libpq oracles share: a deterministic
 * generator of connection strings (keyword/value and URI, valid and
 * malformed: quotes, escapes, percent-encodings, IPv6, several hosts,
 * unknown keywords, every sslmode and invalid ones), and libpq's own
 * verdicts on them (PQconninfoParse's values, the checks PQconnectStart
 * makes before any network I/O). Test code, one generator per program.
 */
#ifndef PGT_ORACLE_LIBPQ_H
#define PGT_ORACLE_LIBPQ_H

#include <libpq-fe.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

#define SOCKET_DIR "/nonexistent-pgtlslint-oracle"

/* Only what the strings say: no PG* variables as libpq's defaults. */
static void
oracle_clear_pg_env(void)
{
	extern char **environ;
	char **e;

	for (e = environ; *e;)
		if (!strncmp(*e, "PG", 2)) {
			char *name = xstrndup(*e, strcspn(*e, "="));

			unsetenv(name);
			free(name);
		} else
			e++;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static unsigned
rnd(unsigned n)
{
	/* xorshift64*: deterministic across runs and machines. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 2685821657736338717ull) >> 33) % n;
}

#define PICK(a) (a)[rnd(sizeof(a) / sizeof((a)[0]))]

static const char *const keywords[] = {
	"host", "hostaddr", "port", "dbname", "user", "password", "sslmode",
	"sslrootcert", "sslcert", "sslkey", "sslcrl", "sslsni",
	"application_name", "connect_timeout", "options", "gssencmode",
	"channel_binding", "target_session_attrs", "ssl_min_protocol_version",
	"ssl_max_protocol_version", "requiressl", "keepalives",
	/* not keywords for libpq 15 */
	"ssl", "sslMode", "SSLMODE", "foo", "sslnegotiation", "sslcertmode",
	"require_auth", "tty", "authtype"};

static const char *const values[] = {
	"disable", "allow", "prefer", "require", "verify-ca", "verify-full",
	"Require", "verify_full", "true", "1", "0", "", "db.example.com",
	"10.0.0.1", "::1", "/var/run/postgresql", "5432", "5432,5433", "0",
	"70000", "abc", "h1,h2", "h1,h2,h3", "TLSv1", "tlsv1.2", "TLSv1.3",
	"TLSv1.4", "any", "read-write", "primary", "bogus", "system",
	"/etc/ssl/ca.pem", "a b", "it's", "back\\slash", "x=y", "café",
	"10.0.0.1,10.0.0.2", "postgres://inner", "-c x=1"};

static void
add_kv_value(struct buf *b, const char *v)
{
	size_t i;

	switch (rnd(6)) {
	case 0: /* quoted, escaping ' and \ */
		buf_addch(b, '\'');
		for (i = 0; v[i]; i++) {
			if (v[i] == '\'' || v[i] == '\\')
				buf_addch(b, '\\');
			buf_addch(b, v[i]);
		}
		buf_addch(b, '\'');
		break;
	case 1: /* unquoted, blanks escaped */
		for (i = 0; v[i]; i++) {
			if (v[i] == ' ' || v[i] == '\\')
				buf_addch(b, '\\');
			buf_addch(b, v[i]);
		}
		break;
	case 2: /* unterminated */
		if (!rnd(3)) {
			buf_addf(b, "'%s", v);
			break;
		}
		/* fall through */
	default: /* as is: may split at a blank or keep a quote */
		buf_adds(b, v);
	}
}

static void
gen_kv(struct buf *b)
{
	unsigned n = rnd(6), i;
	static const char *const seps[] = {" ", "  ", "\t", "\n ", ""};
	static const char *const eqs[] = {"=", " = ", "= ", " =", "=\t"};

	if (rnd(10) == 0)
		buf_adds(b, PICK(seps));
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(b, PICK(seps));
		buf_adds(b, PICK(keywords));
		if (rnd(25) == 0)
			continue; /* missing '=' */
		buf_adds(b, PICK(eqs));
		add_kv_value(b, PICK(values));
	}
}

static const char *const uri_users[] = {"", "app", "app:", "app:secret",
					"a%40b:p%3Ass", "app:p@ss", ":pw",
					"us%zzer", "u%00", "app:pw%2"};
static const char *const uri_hosts[] = {
	"", "db.example.com", "10.0.0.1", "[::1]", "[2001:db8::1]", "[]",
	"[::1", "[::1]x", "h%2Cj", "db.example.com:5432", "10.0.0.1:",
	"[::1]:6432", "h1:5432,h2:5433", "h1,h2", ",h2", "h1:5432,h2",
	"%2Fvar%2Frun%2Fpostgresql", "host:abc", "h%41"};
static const char *const uri_dbs[] = {"", "/", "/app", "/app%20db",
				      "/a/b", "/%zz", "/x%00"};
static const char *const uri_params[] = {
	"sslmode=require", "sslmode=verify-full", "sslmode=disable",
	"sslmode=Prefer", "ssl=true", "ssl=false", "requiressl=1",
	"sslrootcert=%2Fetc%2Fca.pem", "sslrootcert=system", "foo=bar",
	"sslmode", "a=b=c", "", "host=%2Ftmp", "port=5433",
	"application_name=my+app", "target_session_attrs=read-write",
	"ssl_min_protocol_version=TLSv1", "%73slmode=require",
	"sslmode=%zz", "connect_timeout=10", "hostaddr=10.0.0.9"};

static void
gen_uri(struct buf *b)
{
	unsigned n, i;
	const char *u = PICK(uri_users);

	buf_adds(b, rnd(2) ? "postgresql://" : "postgres://");
	if (*u || rnd(4) == 0)
		buf_addf(b, "%s@", u);
	buf_adds(b, PICK(uri_hosts));
	buf_adds(b, PICK(uri_dbs));
	n = rnd(4);
	for (i = 0; i < n; i++)
		buf_addf(b, "%s%s", i ? "&" : "?", PICK(uri_params));
}

/* keyword -> value, as libpq returns them (NULL values left out). */
struct kv {
	char *k, *v;
};

static int
cmp_kv(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->k, ((const struct kv *)b)->k);
}

static size_t
libpq_values(PQconninfoOption *opts, struct kv *out)
{
	size_t n = 0;

	for (; opts->keyword; opts++)
		if (opts->val)
			out[n].k = opts->keyword, out[n++].v = opts->val;
	qsort(out, n, sizeof(*out), cmp_kv);
	return n;
}

/* Stage 2 inputs: no network (hosts become a missing socket directory),
 * no service or password file lookups. */
static int
dropped(const char *k)
{
	return !strcmp(k, "service") || !strcmp(k, "passfile");
}

static char *
socket_hosts(const char *hosts)
{
	struct buf b = BUF_INIT;
	const char *p;

	buf_adds(&b, SOCKET_DIR);
	for (p = hosts; *p; p++)
		if (*p == ',')
			buf_adds(&b, "," SOCKET_DIR);
	return buf_detach(&b);
}

/* Appends key='value' with libpq's quoting (backslash before ' and \). */
static void
add_quoted(struct buf *b, const char *k, const char *v)
{
	buf_addf(b, "%s%s='", b->len ? " " : "", k);
	for (; *v; v++) {
		if (*v == '\'' || *v == '\\')
			buf_addch(b, '\\');
		buf_addch(b, *v);
	}
	buf_addch(b, '\'');
}

/*
 * libpq's verdict before any network I/O, through a connection string (the
 * array API would skip empty values, a string does not).
 */
static int
libpq_stage2(const struct kv *v, size_t n)
{
	struct buf s = BUF_INIT;
	size_t i;
	int has_host = 0, refused;
	PGconn *conn;

	for (i = 0; i < n; i++) {
		char *hosts;

		if (dropped(v[i].k))
			continue;
		if (strcmp(v[i].k, "host")) {
			add_quoted(&s, v[i].k, v[i].v);
			has_host |= !strcmp(v[i].k, "hostaddr") && *v[i].v;
			continue;
		}
		hosts = socket_hosts(v[i].v);
		add_quoted(&s, "host", hosts);
		free(hosts);
		has_host = 1;
	}
	if (!has_host)
		add_quoted(&s, "host", SOCKET_DIR);
	conn = PQconnectStart(s.ptr);
	/* a refusal, not a failure to reach the (missing) socket or the
	 * numeric hostaddr */
	refused = PQstatus(conn) == CONNECTION_BAD &&
		  !strstr(PQerrorMessage(conn), "connection to server");
	PQfinish(conn);
	buf_release(&s);
	return refused;
}

#endif
