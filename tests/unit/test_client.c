/* SPDX-License-Identifier: MIT */
/*
 * test_client.c — the per-driver tables (model/client.c), the JDBC URL
 * parser and the flat carrier formats. Each driver row is checked against
 * ../shared/reference/driver-semantics.md section 1; the node-postgres
 * rows also back PGT310 (client-sslmode-driver-specific).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carriers.h"
#include "model/client.h"
#include "parsers/assign.h"
#include "parsers/conninfo.h"
#include "parsers/jdbc.h"
#include "tests.h"

/* "key=value key=value": parameters (no spaces inside values). */
static void
fact_of(struct client_fact *f, enum driver d, const char *params)
{
	char *copy = strdup(params), *tok, *save = NULL;

	client_fact_init(f, d, NULL, 0, 0, "test");
	for (tok = strtok_r(copy, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');

		*eq = '\0';
		client_fact_add(f, tok, eq + 1, 0, 0);
	}
	free(copy);
}

static const struct {
	enum driver driver;
	const char *params;
	enum tls_outcome want;
	int ambiguous; /* PGT310 */
} rows[] = {
	/* libpq: default prefer; require + sslrootcert checks the chain. */
	{DRIVER_LIBPQ, "host=db.example.com", OUTCOME_OPPORTUNISTIC, 0},
	{DRIVER_LIBPQ, "host=db sslmode=disable", OUTCOME_NONE, 0},
	{DRIVER_LIBPQ, "host=db sslmode=allow", OUTCOME_OPPORTUNISTIC, 0},
	{DRIVER_LIBPQ, "host=db sslmode=require", OUTCOME_ENCRYPT_ONLY, 0},
	{DRIVER_LIBPQ, "host=db sslmode=require sslrootcert=/ca.pem",
	 OUTCOME_VERIFY_CA, 0},
	{DRIVER_LIBPQ, "host=db sslmode=verify-ca", OUTCOME_VERIFY_CA, 0},
	{DRIVER_LIBPQ, "host=db sslmode=verify-full", OUTCOME_VERIFY_FULL, 0},
	{DRIVER_LIBPQ, "host=db sslrootcert=system", OUTCOME_VERIFY_FULL, 0},
	{DRIVER_LIBPQ, "host=db sslmode=Require", OUTCOME_UNKNOWN, 0},
	/* pgjdbc: case-insensitive; ssl=true is verify-full, ssl=false is
	 * prefer; require never verifies. */
	{DRIVER_PGJDBC, "host=db", OUTCOME_OPPORTUNISTIC, 0},
	{DRIVER_PGJDBC, "host=db ssl=true", OUTCOME_VERIFY_FULL, 0},
	{DRIVER_PGJDBC, "host=db ssl=", OUTCOME_VERIFY_FULL, 0},
	{DRIVER_PGJDBC, "host=db ssl=false", OUTCOME_OPPORTUNISTIC, 0},
	{DRIVER_PGJDBC, "host=db sslmode=REQUIRE sslrootcert=/ca.pem",
	 OUTCOME_ENCRYPT_ONLY, 0},
	{DRIVER_PGJDBC, "host=db sslmode=Verify-Full", OUTCOME_VERIFY_FULL, 0},
	/* pgx: default prefer; sslrootcert=system forces verify-full. */
	{DRIVER_PGX, "host=db", OUTCOME_OPPORTUNISTIC, 0},
	{DRIVER_PGX, "host=db sslmode=disable sslrootcert=system",
	 OUTCOME_VERIFY_FULL, 0},
	{DRIVER_PGX, "host=db sslmode=require", OUTCOME_ENCRYPT_ONLY, 0},
	/* lib/pq: a missing sslmode means require (<= v1.12.3). */
	{DRIVER_LIB_PQ, "host=db", OUTCOME_ENCRYPT_ONLY, 0},
	{DRIVER_LIB_PQ, "host=db sslmode=verify-full", OUTCOME_VERIFY_FULL, 0},
	/* node-postgres: no TLS by default; any mode but disable/no-verify
	 * is full verification (PGT310 for the libpq-looking ones). */
	{DRIVER_NODE_PG, "host=db", OUTCOME_NONE, 0},
	{DRIVER_NODE_PG, "host=db sslmode=require", OUTCOME_VERIFY_FULL, 1},
	{DRIVER_NODE_PG, "host=db sslmode=prefer", OUTCOME_VERIFY_FULL, 1},
	{DRIVER_NODE_PG, "host=db sslmode=verify-full", OUTCOME_VERIFY_FULL, 0},
	{DRIVER_NODE_PG, "host=db sslmode=no-verify", OUTCOME_ENCRYPT_ONLY, 0},
	{DRIVER_NODE_PG, "host=db sslmode=require uselibpqcompat=true",
	 OUTCOME_ENCRYPT_ONLY, 0},
	{DRIVER_NODE_PG, "host=db sslmode=prefer uselibpqcompat=true",
	 OUTCOME_ENCRYPT_ONLY, 0},
	/* pg-connection-string: ssl=1|true is true, 0 false; a cert file
	 * turns TLS on; ssl=false stays an unconfirmed string. */
	{DRIVER_NODE_PG, "host=db ssl=1", OUTCOME_VERIFY_FULL, 0},
	{DRIVER_NODE_PG, "host=db ssl=0", OUTCOME_NONE, 0},
	{DRIVER_NODE_PG, "host=db ssl=no-verify", OUTCOME_ENCRYPT_ONLY, 0},
	{DRIVER_NODE_PG, "host=db ssl=false", OUTCOME_UNKNOWN, 0},
	{DRIVER_NODE_PG, "host=db sslrootcert=/ca.pem", OUTCOME_VERIFY_FULL, 0},
	/* postgres.js: prefer falls back; require and allow do not verify. */
	{DRIVER_POSTGRES_JS, "host=db", OUTCOME_NONE, 0},
	{DRIVER_POSTGRES_JS, "host=db sslmode=prefer", OUTCOME_OPPORTUNISTIC,
	 0},
	{DRIVER_POSTGRES_JS, "host=db sslmode=allow", OUTCOME_ENCRYPT_ONLY, 0},
	{DRIVER_POSTGRES_JS, "host=db sslmode=verify-ca", OUTCOME_VERIFY_FULL,
	 0},
	/* asyncpg: default prefer; ssl=True verifies fully. */
	{DRIVER_ASYNCPG, "host=db", OUTCOME_OPPORTUNISTIC, 0},
	{DRIVER_ASYNCPG, "host=db ssl=True", OUTCOME_VERIFY_FULL, 0},
	{DRIVER_ASYNCPG, "host=db sslmode=require", OUTCOME_ENCRYPT_ONLY, 0},
};

START_TEST(test_driver_rows)
{
	struct client_fact f;
	struct client_verdict v;

	fact_of(&f, rows[_i].driver, rows[_i].params);
	client_judge(&f, 16, &v);
	ck_assert_msg(v.outcome == rows[_i].want, "%s [%s]: got %s want %s",
		      driver_names[rows[_i].driver], rows[_i].params,
		      outcome_names[v.outcome], outcome_names[rows[_i].want]);
	ck_assert_int_eq(v.ambiguous != NULL, rows[_i].ambiguous);
	client_verdict_release(&v);
	client_fact_release(&f);
}
END_TEST

/* node-postgres config options (in_code): what the object says, and a
 * URL's sslmode replacing it. "key=value|..." with in_code values. */
static const struct {
	const char *url, *options;
	enum tls_outcome want;
	int no_verify;
} node_options[] = {
	{NULL, "ssl=false", OUTCOME_NONE, 0},
	{NULL, "ssl=true", OUTCOME_VERIFY_FULL, 0},
	{NULL, "ssl=object", OUTCOME_VERIFY_FULL, 0},
	{NULL, "ssl=object rejectUnauthorized=true", OUTCOME_VERIFY_FULL, 0},
	{NULL, "ssl=object rejectUnauthorized=false", OUTCOME_ENCRYPT_ONLY, 1},
	{NULL, "ssl=no-verify", OUTCOME_ENCRYPT_ONLY, 1},
	{NULL, "ssl=require", OUTCOME_UNKNOWN, 0},
	{"sslmode=verify-full", "ssl=object rejectUnauthorized=false",
	 OUTCOME_VERIFY_FULL, 0},
	{"sslrootcert=/ca.pem", "ssl=false", OUTCOME_VERIFY_FULL, 0},
	{"ssl=0", "ssl=true", OUTCOME_NONE, 0},
};

START_TEST(test_node_options)
{
	struct client_fact f, opts;
	struct client_verdict v;
	size_t i;

	fact_of(&f, DRIVER_NODE_PG,
		node_options[_i].url ? node_options[_i].url : "host=db");
	fact_of(&opts, DRIVER_NODE_PG, node_options[_i].options);
	for (i = 0; i < opts.nr; i++)
		opts.v[i].in_code = 1;
	client_fact_add_defaults(&f, &opts);
	client_judge(&f, 16, &v);
	ck_assert_msg(v.outcome == node_options[_i].want, "%s + %s: got %s",
		      node_options[_i].url, node_options[_i].options,
		      outcome_names[v.outcome]);
	ck_assert_int_eq(v.no_verify != NULL, node_options[_i].no_verify);
	client_verdict_release(&v);
	client_fact_release(&opts);
	client_fact_release(&f);
}
END_TEST

/* psycopg's keyword arguments override the string; plain defaults
 * (PG* variables) do not. */
START_TEST(test_overrides)
{
	struct client_fact f, args;
	struct client_verdict v;

	fact_of(&f, DRIVER_LIBPQ, "host=db sslmode=verify-full");
	fact_of(&args, DRIVER_LIBPQ, "sslmode=require");
	client_fact_add_defaults(&f, &args);
	client_judge(&f, 16, &v);
	ck_assert_int_eq(v.outcome, OUTCOME_VERIFY_FULL);
	client_verdict_release(&v);
	args.v[0].overrides = 1;
	client_fact_add_defaults(&f, &args);
	client_judge(&f, 16, &v);
	ck_assert_int_eq(v.outcome, OUTCOME_ENCRYPT_ONLY);
	ck_assert(!client_get(&f, "sslmode")->from_env);
	client_verdict_release(&v);
	client_fact_release(&args);
	client_fact_release(&f);
}
END_TEST

START_TEST(test_local_hosts)
{
	static const char *const local[] = {
	    "host=localhost", "host=127.0.0.5", "host=::1", "host=[::1]",
	    "host=/var/run/postgresql", "host=localhost,/tmp", "dbname=x",
	    "hostaddr=127.0.0.1 host=db.example.com"};
	static const char *const remote[] = {"host=db", "host=localhost,db",
					     "host=10.0.0.1"};
	struct client_fact f;
	struct client_verdict v;
	size_t i;

	for (i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		fact_of(&f, DRIVER_LIBPQ, local[i]);
		client_judge(&f, 16, &v);
		ck_assert_msg(v.local, "%s should be local", local[i]);
		client_verdict_release(&v);
		client_fact_release(&f);
	}
	for (i = 0; i < sizeof(remote) / sizeof(remote[0]); i++) {
		fact_of(&f, DRIVER_LIBPQ, remote[i]);
		client_judge(&f, 16, &v);
		ck_assert_msg(!v.local, "%s should be remote", remote[i]);
		client_verdict_release(&v);
		client_fact_release(&f);
	}
	/* An environment without PGHOST: the host is set elsewhere. */
	fact_of(&f, DRIVER_LIBPQ, "sslmode=disable");
	f.host_elsewhere = 1;
	client_judge(&f, 16, &v);
	ck_assert(!v.local);
	ck_assert_int_eq(v.outcome, OUTCOME_NONE);
	client_verdict_release(&v);
	client_fact_release(&f);
}
END_TEST

START_TEST(test_placeholders)
{
	ck_assert(client_is_placeholder("${DB_PASSWORD}"));
	ck_assert(client_is_placeholder("$DB_PASSWORD"));
	ck_assert(client_is_placeholder("{{ .Values.password }}"));
	ck_assert(client_is_placeholder("<password>"));
	ck_assert(!client_is_placeholder("hunter2"));
	ck_assert(!client_is_placeholder("$"));
}
END_TEST

START_TEST(test_jdbc)
{
	struct conninfo ci;

	ck_assert_int_eq(jdbc_parse("jdbc:postgresql://h1:5433,[::1]/db?ssl&"
				    "sslmode=verify-full&application_name=a+b",
				    1000, &ci),
			 0);
	ck_assert_str_eq(conninfo_get(&ci, "host")->value, "h1,[::1]");
	ck_assert_str_eq(conninfo_get(&ci, "port")->value, "5433,5432");
	ck_assert_str_eq(conninfo_get(&ci, "dbname")->value, "db");
	ck_assert_str_eq(conninfo_get(&ci, "ssl")->value, "");
	ck_assert_str_eq(conninfo_get(&ci, "application_name")->value, "a b");
	conninfo_release(&ci);
	ck_assert_int_eq(jdbc_parse("jdbc:postgresql:orders", 1000, &ci), 0);
	ck_assert_str_eq(conninfo_get(&ci, "dbname")->value, "orders");
	conninfo_release(&ci);
	ck_assert_int_ne(jdbc_parse("jdbc:postgresql://h:5432", 1000, &ci), 0);
	conninfo_release(&ci);
	ck_assert_int_ne(jdbc_parse("jdbc:postgresql://h/db?x=%zz", 1000, &ci),
			 0);
	conninfo_release(&ci);
}
END_TEST

/* Holes (\x1a: a part built at run time) are unknown, never invalid; a
 * hole where a keyword goes may set any parameter (open). Each row:
 * string, accepted, open, the key to look at, its value, unknown. */
static const struct hole_case {
	const char *text;
	int jdbc, ok, open;
	const char *key, *value;
	int unknown;
} hole_cases[] = {
    {"host=\x1a port=\x1a sslmode=disable", 0, 1, 0, "sslmode", "disable",
     0},
    {"host=\x1a port=\x1a sslmode=disable", 0, 1, 0, "port", NULL, 1},
    {"host=db sslmode=\x1a", 0, 1, 0, "sslmode", NULL, 1},
    {"host=db \x1a", 0, 1, 1, "host", "db", 0},
    {"host=db \x1a=x sslmode=require", 0, 1, 1, "sslmode", "require", 0},
    {"host=db dbname=app\x1a", 0, 1, 1, "host", "db", 0},
    {"host=db password='\x1a'", 0, 1, 0, "password", NULL, 1},
    /* an unknown keyword is an error, and the parse goes on */
    {"host=db sslMode=verify-full password=s3", 0, 0, 0, "password", "s3",
     0},
    {"postgres://\x1a:\x1a@\x1a:\x1a/\x1a?sslmode=require", 0, 1, 0,
     "sslmode", "require", 0},
    {"postgres://u@h/\x1a", 0, 1, 0, "host", "h", 0},
    {"postgres://u@h/app\x1a", 0, 1, 1, "host", "h", 0},
    {"postgres://u@h/app?\x1a", 0, 1, 1, "host", "h", 0},
    {"postgres://h/db?search_path=x&password=s3", 0, 0, 0, "password",
     "s3", 0},
    {"jdbc:postgresql://\x1a:\x1a/app?sslmode=require", 1, 1, 0, "sslmode",
     "require", 0},
    {"jdbc:postgresql://\x1a", 1, 1, 1, "host", NULL, 1},
    {"jdbc:postgresql://h:5432/db?\x1a", 1, 1, 1, "dbname", "db", 0},
    {"jdbc:postgresql://h:5432/\x1a", 1, 1, 0, "dbname", NULL, 1},
    /* the hole may hold "5432/db": the host list is not refused */
    {"jdbc:postgresql://h:\x1a", 1, 1, 1, "host", NULL, 1},
};

START_TEST(test_holes)
{
	const struct hole_case *c = &hole_cases[_i];
	size_t n = strlen(c->text);
	struct conninfo ci;
	const struct conn_param *p, *bad;
	int rc = c->jdbc ? jdbc_parse_holes(c->text, n, &ci)
			 : conninfo_parse_holes(c->text, n, 16, 0, &ci);
	char *err;

	ck_assert_msg((rc == 0) == c->ok, "%s: rc %d", c->text, rc);
	ck_assert_msg(ci.open == c->open, "%s: open %d", c->text, ci.open);
	p = conninfo_get(&ci, c->key);
	if (c->value) {
		ck_assert_ptr_nonnull(p);
		ck_assert_str_eq(p->value, c->value);
	}
	if (p)
		ck_assert_int_eq(conninfo_unknown(&ci, p), c->unknown);
	/* a hole fails no check libpq makes before connecting */
	err = rc == 0 && !c->jdbc ? conninfo_check(&ci, 16, &bad) : NULL;
	ck_assert_msg(!err, "%s: %s", c->text, err);
	conninfo_release(&ci);
	/* read without holes, the byte is only a byte */
	if (!c->jdbc) {
		conninfo_parse(c->text, n, 16, &ci);
		ck_assert(!ci.open && !conninfo_unknown(&ci, conninfo_get(
							   &ci, c->key)));
		conninfo_release(&ci);
	}
}
END_TEST

START_TEST(test_conninfo_positions)
{
	const char *s = "postgresql://u:p%40ss@h1:1,[::1]/db?sslmode=require";
	struct conninfo ci;
	const struct conn_param *p;

	ck_assert_int_eq(conninfo_parse(s, strlen(s), 16, &ci), 0);
	p = conninfo_get(&ci, "password");
	ck_assert_str_eq(p->value, "p@ss");
	ck_assert_uint_eq(p->value_begin, 15);
	ck_assert_uint_eq(p->value_end, 21);
	ck_assert_str_eq(conninfo_get(&ci, "host")->value, "h1,::1");
	ck_assert_str_eq(conninfo_get(&ci, "port")->value, "1,");
	p = conninfo_get(&ci, "sslmode");
	ck_assert_str_eq(p->value, "require");
	ck_assert(!strncmp(s + p->value_begin, "require", 7));
	conninfo_release(&ci);
}
END_TEST

START_TEST(test_carrier_formats)
{
	struct assignments as;
	const char *env = "# c\nexport A=1\nB='x y' # k\nC=\"q\\\"w\"\nD=v # c\n";
	const char *docker = "FROM x\nENV A=1 \\\n    B=\"two words\"\nENV C c "
			     "d\narg D=4\n";
	const char *props = "! c\na.b = 1\nc:2\nd 3\ne=x\\\n  y\n";

	envfile_parse(env, strlen(env), NULL, &as);
	ck_assert_uint_eq(as.nr, 4);
	ck_assert_str_eq(as.v[1].value, "x y");
	ck_assert_str_eq(as.v[2].value, "q\"w");
	ck_assert(!as.v[2].verbatim);
	ck_assert_str_eq(as.v[3].value, "v");
	assignments_release(&as);

	dockerfile_parse(docker, strlen(docker), NULL, &as);
	ck_assert_uint_eq(as.nr, 4);
	ck_assert_str_eq(as.v[1].name, "B");
	ck_assert_str_eq(as.v[1].value, "two words");
	ck_assert_str_eq(as.v[2].value, "c d");
	ck_assert_str_eq(as.v[3].name, "D");
	assignments_release(&as);

	properties_parse(props, strlen(props), NULL, &as);
	ck_assert_uint_eq(as.nr, 4);
	ck_assert_str_eq(as.v[0].name, "a.b");
	ck_assert_str_eq(as.v[2].value, "3");
	ck_assert_str_eq(as.v[3].value, "xy");
	assignments_release(&as);
}
END_TEST

/* Only pairs the carriers can report on are kept, and the variables the
 * file's values name. */
START_TEST(test_carrier_relevant)
{
	struct assignments as;
	struct carrier_keep keep;
	struct source src;
	const char *env = "A=1\nPGHOST=db\nURL=postgres://h/x\nDSN=host=h\n"
			  "LOG=info\nJ=jdbc:postgresql://h/x\nrun=psql\n"
			  "spring.datasource.password=x\nH=db2\nU=postgres://${H}/x\n";

	source_from_mem(&src, ".env", env, strlen(env));
	carriers_keep_init(&keep, &src);
	envfile_parse(env, strlen(env), &keep.keep, &as);
	ck_assert_uint_eq(as.nr, 8);
	ck_assert_str_eq(as.v[0].name, "PGHOST");
	ck_assert_str_eq(as.v[5].name, "spring.datasource.password");
	ck_assert_str_eq(as.v[6].name, "H"); /* named by U */
	assignments_release(&as);
	carriers_keep_release(&keep);
	source_release(&src);
}
END_TEST

Suite *
suite_client(void)
{
	Suite *s = suite_create("client");
	TCase *tc = tcase_create("model");

	tcase_add_loop_test(tc, test_driver_rows, 0,
			    (int)(sizeof(rows) / sizeof(rows[0])));
	tcase_add_loop_test(tc, test_node_options, 0,
			    (int)(sizeof(node_options) /
				  sizeof(node_options[0])));
	tcase_add_test(tc, test_overrides);
	tcase_add_test(tc, test_local_hosts);
	tcase_add_test(tc, test_placeholders);
	tcase_add_test(tc, test_jdbc);
	tcase_add_test(tc, test_conninfo_positions);
	tcase_add_loop_test(tc, test_holes, 0,
			    sizeof(hole_cases) / sizeof(hole_cases[0]));
	tcase_add_test(tc, test_carrier_formats);
	tcase_add_test(tc, test_carrier_relevant);
	suite_add_tcase(s, tc);
	return s;
}
