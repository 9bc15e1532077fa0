/* SPDX-License-Identifier: MIT */
/*
 * conninfo_oracle.c — the real libpq as the oracle for our conninfo parser.
 *
 * A deterministic generator writes connection strings, keyword/value and
 * URI, valid and malformed (quotes, escapes, percent-encodings, IPv6,
 * several hosts, unknown keywords, every sslmode and invalid ones). For
 * each:
 *
 *  1. PQconninfoParse and conninfo_parse must agree on accept/reject and,
 *     when accepted, on the value of every keyword;
 *  2. for strings both accept, libpq's checks before any network I/O
 *     (PQconnectStartParams with every host replaced by a Unix socket
 *     directory that does not exist) and conninfo_check must agree on
 *     whether the options are refused.
 *
 * usage: conninfo_oracle [COUNT]   (default 12000; prints the agreement)
 */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/conninfo.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define SOCKET_DIR "/nonexistent-pgtlslint-oracle"

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

static size_t
our_values(const struct conninfo *ci, struct kv *out)
{
	size_t n = 0, i, j;

	for (i = 0; i < ci->nr; i++) {
		for (j = 0; j < n && strcmp(out[j].k, ci->v[i].key); j++)
			;
		out[j].k = ci->v[i].key;
		out[j].v = ci->v[i].value;
		if (j == n)
			n++;
	}
	qsort(out, n, sizeof(*out), cmp_kv);
	return n;
}

/* Stage 2 inputs: no network (hosts become a missing socket directory),
 * no service or password file lookups. */
static int
dropped(const char *k)
{
	return !strcmp(k, "hostaddr") || !strcmp(k, "service") ||
	       !strcmp(k, "passfile");
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
	refused = PQstatus(conn) == CONNECTION_BAD &&
		  !strstr(PQerrorMessage(conn), "connection to server on socket");
	PQfinish(conn);
	buf_release(&s);
	return refused;
}

static int
our_stage2(const struct conninfo *ci, int version)
{
	struct conninfo mod;
	const struct conn_param *param;
	size_t i;
	char *err;
	int refused;

	memset(&mod, 0, sizeof(mod));
	for (i = 0; i < ci->nr; i++) {
		struct conn_param cp = ci->v[i];

		if (dropped(cp.key))
			continue;
		cp.key = xstrdup(cp.key);
		cp.value = !strcmp(cp.key, "host") ? socket_hosts(cp.value)
						   : xstrdup(cp.value);
		ALLOC_GROW(mod.v, mod.nr + 1, mod.alloc);
		mod.v[mod.nr++] = cp;
	}
	err = conninfo_check(&mod, version, &param);
	refused = err != NULL;
	free(err);
	conninfo_release(&mod);
	return refused;
}

int
main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 12000, i;
	int version = PQlibVersion() / 10000;
	long parse_agree = 0, values_agree = 0, stage2 = 0, stage2_agree = 0;
	long shown = 0, accepted = 0;
	extern char **environ;
	char **e;

	/* Only what the strings say: no PG* variables as defaults. */
	for (e = environ; *e;)
		if (!strncmp(*e, "PG", 2)) {
			char *name = xstrndup(*e, strcspn(*e, "="));

			unsetenv(name);
			free(name);
		} else
			e++;
	for (i = 0; i < count; i++) {
		struct buf s = BUF_INIT;
		struct conninfo ci;
		PQconninfoOption *opts;
		char *perr = NULL;
		int ours_ok, theirs_ok;
		struct kv a[64], b[64];
		size_t na = 0, nb = 0, k;
		int same = 1;

		if (rnd(2))
			gen_kv(&s);
		else
			gen_uri(&s);
		opts = PQconninfoParse(s.ptr, &perr);
		theirs_ok = opts != NULL;
		ours_ok = conninfo_parse(s.ptr, s.len, version, &ci) == 0;
		if (ours_ok == theirs_ok)
			parse_agree++;
		else if (shown++ < 20)
			printf("DISAGREE parse: [%s] libpq %s, ours %s (%s)\n",
			       s.ptr, theirs_ok ? "accepts" : "rejects",
			       ours_ok ? "accepts" : "rejects",
			       ours_ok ? "-" : ci.error);
		if (ours_ok && theirs_ok) {
			accepted++;
			na = libpq_values(opts, a);
			nb = our_values(&ci, b);
			same = na == nb;
			for (k = 0; same && k < na; k++)
				same = !strcmp(a[k].k, b[k].k) &&
				       !strcmp(a[k].v, b[k].v);
			if (same)
				values_agree++;
			else if (shown++ < 20)
				printf("DISAGREE values: [%s]\n", s.ptr);
			if (same) {
				int l2 = libpq_stage2(a, na), o2 =
								  our_stage2(&ci,
									     version);

				stage2++;
				if (l2 == o2)
					stage2_agree++;
				else if (shown++ < 20)
					printf("DISAGREE check: [%s] libpq %s, "
					       "ours %s\n",
					       s.ptr,
					       l2 ? "refuses" : "accepts",
					       o2 ? "refuses" : "accepts");
			}
		}
		PQconninfoFree(opts);
		PQfreemem(perr);
		conninfo_release(&ci);
		buf_release(&s);
	}
	printf("conninfo oracle (libpq %d): %ld strings; parse agrees on %ld; "
	       "of %ld accepted, values agree on %ld; pre-connection checks "
	       "agree on %ld of %ld\n",
	       version, count, parse_agree, accepted, values_agree,
	       stage2_agree, stage2);
	printf("conninfo-oracle: %ld passed, %ld failed\n",
	       parse_agree + values_agree + stage2_agree,
	       (count - parse_agree) + (accepted - values_agree) +
		   (stage2 - stage2_agree));
	return parse_agree == count && values_agree == accepted &&
		       stage2_agree == stage2
		   ? 0
		   : 1;
}
