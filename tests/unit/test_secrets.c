/* SPDX-License-Identifier: MIT */
/*
 * test_secrets.c — every format's secrets found by its own rules and
 * masked, the rest of the text kept byte for byte; names that are and
 * are not secret; values quoted in messages.
 */
#include <stdlib.h>
#include <string.h>

#include "secrets.h"
#include "secrets_text.h"
#include "tests.h"

static const struct {
	enum file_kind kind;
	const char *name, *in, *want;
} cases[] = {
    /* plain text (an --explain-conn argument, a line we do not parse) */
    {FILE_NONE, "t", "host=db password=s3cret sslmode=require",
     "host=db password=**** sslmode=require"},
    {FILE_NONE, "t", "host=db password='it\\'s secret' user=a",
     "host=db password='****' user=a"},
    {FILE_NONE, "t", "host=db password=ab,SECRET sslmode=require",
     "host=db password=**** sslmode=require"},
    {FILE_NONE, "t", "host=db password=a\\ b\\ SECRET user=x",
     "host=db password=**** user=x"},
    {FILE_NONE, "t", "postgres://app:hunter2@db/x", "postgres://app:****@db/x"},
    {FILE_NONE, "t", "postgres://app:pa@ss@db/x?sslmode=disable",
     "postgres://app:****@db/x?sslmode=disable"},
    {FILE_NONE, "t", "postgres://app@db/x?password=p%26q&sslmode=disable",
     "postgres://app@db/x?password=****&sslmode=disable"},
    {FILE_NONE, "t", "jdbc:postgresql://db/x?user=a&password=pw;x&ssl=true",
     "jdbc:postgresql://db/x?user=a&password=****&ssl=true"},
    {FILE_NONE, "t", "no secrets here", "no secrets here"},
    {FILE_NONE, "t", "password_encryption = md5", "password_encryption = md5"},
    {FILE_NONE, "t", "host=db password=ab SECRET sslmode=require",
     "host=db password=**** **** sslmode=require"},
    /* not libpq's: masked to the first blank */
    {FILE_NONE, "t", "Host=db;Password=ab;SSL Mode=Disable",
     "Host=db;Password=**** Mode=Disable"},
    /* postgresql.conf */
    {FILE_PGCONF_ROOT, "postgresql.conf",
     "primary_conninfo = 'host=p password=''a b SECRET'' sslmode=require'\n",
     "primary_conninfo = 'host=p password=''****'' sslmode=require'\n"},
    {FILE_PGCONF_ROOT, "postgresql.conf",
     "ssl_passphrase_command = 'echo SECRET'\nssl = on\n",
     "ssl_passphrase_command = '****'\nssl = on\n"},
    {FILE_PGCONF_ROOT, "postgresql.conf",
     "primary_conninfo = 'password=SECRET\n",
     "primary_conninfo = 'password=****\n"},
    {FILE_PGCONF_ROOT, "postgresql.conf",
     "primary_conninfo = 'host=p password=SECRET sslmode=require'\n",
     "primary_conninfo = 'host=p password=**** sslmode=require'\n"},
    /* pg_hba.conf */
    {FILE_HBA, "pg_hba.conf",
     "host all all 10.0.0.0/8 ldap ldapserver=l ldapbindpasswd=SECRET "
     "ldapbasedn=\"dc=x\"\n",
     "host all all 10.0.0.0/8 ldap ldapserver=l ldapbindpasswd=**** "
     "ldapbasedn=\"dc=x\"\n"},
    {FILE_HBA, "pg_hba.conf",
     "host all all 10.0.0.0/8 radius radiusservers=r "
     "radiussecrets=\"SECRET,OTHER\"\n",
     "host all all 10.0.0.0/8 radius radiusservers=r "
     "radiussecrets=****\n"},
    /* .env and shell */
    {FILE_ENV, ".env", "PGHOST=db\nPGPASSWORD=\"a b SECRET\" # x\n",
     "PGHOST=db\nPGPASSWORD=\"****\" # x\n"},
    {FILE_ENV, ".env",
     "DATABASE_URL=postgres://u:SECRET@db/app?sslmode=require\n",
     "DATABASE_URL=postgres://u:****@db/app?sslmode=require\n"},
    {FILE_ENV, ".env", "DB_PASSWORD=${DB_PASSWORD}\n",
     "DB_PASSWORD=${DB_PASSWORD}\n"},
    {FILE_SHELL, "run.sh", "PGPASSWORD=SECRET psql -h db\n",
     "PGPASSWORD=****\n"},
    {FILE_SHELL, "run.sh", "export PGPASSWORD=\\\n  SECRET\n",
     "export PGPASSWORD=\\\n  ****\n"},
    {FILE_SHELL, "run.sh", "psql \"host=db password=SECRET sslmode=disable\"\n",
     "psql \"host=db password=**** sslmode=disable\"\n"},
    /* Dockerfile, .properties, pg_service.conf */
    {FILE_DOCKERFILE, "Dockerfile", "ENV PGPASSWORD SECRET\n",
     "ENV PGPASSWORD ****\n"},
    {FILE_PROPERTIES, "a.properties",
     "spring.datasource.password SECRET\nx=1\n",
     "spring.datasource.password ****\nx=1\n"},
    {FILE_PROPERTIES, "a.properties",
     "spring.datasource.password=ab,SECRET;x\n",
     "spring.datasource.password=****\n"},
    {FILE_SERVICE, "pg_service.conf", "[db]\nhost=db\npassword=a b SECRET\n",
     "[db]\nhost=db\npassword=****\n"},
    /* YAML: a value on the next line, Kubernetes env, a block */
    {FILE_YAML, "a.yaml", "db:\n  password:\n    SECRET\n",
     "db:\n  password:\n    ****\n"},
    {FILE_YAML, "a.yaml",
     "env:\n  - name: PGPASSWORD\n    value: \"a b SECRET\"\n",
     "env:\n  - name: PGPASSWORD\n    value: \"****\"\n"},
    {FILE_YAML, "a.yaml", "token: |\n  SECRET\n  MORE\nx: 1\n",
     "token: |\n  ****\n  ****\nx: 1\n"},
    {FILE_YAML, "a.yaml", "environment:\n  - PGPASSWORD=SECRET\n",
     "environment:\n  - PGPASSWORD=****\n"},
    /* source code */
    {FILE_PY, "a.py",
     "c = psycopg.connect(host='db',\n    password=\n    'SECRET')\n",
     "c = psycopg.connect(host='db',\n    password=\n    '****')\n"},
    {FILE_PY, "a.py", "DSN = 'host=db password=' + 'SECRET'\n",
     "DSN = 'host=db password=' + '****'\n"},
    {FILE_PY, "a.py", "PASSWORD = ('pre'\n      'SECRET')\n",
     "PASSWORD = ('****'\n      '****')\n"},
    {FILE_PY, "a.py", "os.environ['PGPASSWORD'] = 'SECRET'\n",
     "os.environ['PGPASSWORD'] = '****'\n"},
    {FILE_JAVA, "A.java",
     "static final String PASSWORD =\n    \"pre\" + \"SECRET\";\n",
     "static final String PASSWORD =\n    \"****\" + \"****\";\n"},
    {FILE_JAVA, "A.java",
     "c = DriverManager.getConnection(url, \"app\", \"SECRET\");\n",
     "c = DriverManager.getConnection(url, \"app\", \"****\");\n"},
    {FILE_JAVA, "A.java", "p.setProperty(\"password\", \"SECRET\");\n",
     "p.setProperty(\"password\", \"****\");\n"},
    {FILE_JAVA, "A.java", "ds.setPassword(\"SECRET\");\n",
     "ds.setPassword(\"****\");\n"},
    {FILE_JS, "a.js",
     "const pool = new Pool({\n  password:\n    'SECRET',\n  ssl: false })\n",
     "const pool = new Pool({\n  password:\n    '****',\n  ssl: false })\n"},
    {FILE_JS, "a.js", "const u = `postgres://u:${pw}@db/x`\n",
     "const u = `postgres://u:${pw}@db/x`\n"}, /* run time: no secret */
    {FILE_GO, "a.go",
     "db, _ := sql.Open(\"pgx\", \"host=db password=SECRET\")\n",
     "db, _ := sql.Open(\"pgx\", \"host=db password=****\")\n"},
    {FILE_GO, "a.go", "cfg := Config{Password: \"SECRET\", Host: \"db\"}\n",
     "cfg := Config{Password: \"****\", Host: \"db\"}\n"},
    {FILE_GO, "a.go", "// password=SECRET in a comment\nx := 1\n",
     "// password=**** in a comment\nx := 1\n"},
};

START_TEST(test_masked)
{
	struct source src;
	char *got;

	source_from_mem(&src, cases[_i].name, cases[_i].in,
			strlen(cases[_i].in));
	src.kind = cases[_i].kind;
	got = secrets_mask_span(&src, 0, src.len, NULL, NULL);
	ck_assert_msg(!strcmp(got, cases[_i].want), "case %d:\n%s\nwant\n%s",
		      _i, got, cases[_i].want);
	free(got);
	source_release(&src);
}
END_TEST

START_TEST(test_columns_follow_masks)
{
	struct source src;
	const char *t = "host=db password=SECRET sslmode=disable";
	size_t col = 32, end = 39; /* "disable" */
	char *got;

	source_from_mem(&src, "t", t, strlen(t));
	got = secrets_mask_span(&src, 0, src.len, &col, &end);
	ck_assert_str_eq(got, "host=db password=**** sslmode=disable");
	ck_assert_str_eq(got + col, "disable");
	ck_assert_uint_eq(end - col, 7);
	free(got);
	source_release(&src);
}
END_TEST

static const struct {
	const char *name;
	int secret;
} names[] = {
    {"password", 1},
    {"PGPASSWORD", 1},
    {"sslpassword", 1},
    {"DB_PASSWORD", 1},
    {"dbPassword", 1},
    {"ldapbindpasswd", 1},
    {"radiussecrets", 1},
    {"api_key", 1},
    {"apiKey", 1},
    {"authToken", 1},
    {"ssl_passphrase_command", 1},
    {"spring.datasource.password", 1},
    /* one name for each word's last three letters (the first test) */
    {"DB_PWD", 1},
    {"db_pass", 1},
    {"clientSecret", 1},
    {"vault_secrets", 1},
    {"ssl_passphrase", 1},
    {"APIKEY", 1},
    {"key", 1},
    {"awsCredential", 1},
    {"CREDENTIALS", 1},
    {"PASSWD", 1},
    {"ken", 0},
    {"pw", 0},
    {"compass", 0},
    {"password_encryption", 0},
    {"sslkey", 0},
    {"ssl_key_file", 0},
    {"host", 0},
    {"monkey", 0},
    {"tokens_used", 0},
};

START_TEST(test_secret_names)
{
	ck_assert_msg(
	    secrets_name_is_secret(names[_i].name, strlen(names[_i].name)) ==
		names[_i].secret,
	    "%s", names[_i].name);
}
END_TEST

/* Each word every rule needs, in any case and at the very end of the
 * text; texts without one hold no secret for any rule. */
START_TEST(test_might_hold)
{
	static const char *const yes[] = {
	    "x = PASS", "db_pwd", "Secret", "an apiToken", "KEY", "cred",
	    "postgres://u:p@h", "a://", "pAsSwOrD=1"};
	static const char *const no[] = {
	    "", "pas", "pw", "secre", "toke", "ke", "cre", ":/", "host=db "
	    "port=5432 sslmode=require", "p s t k c :"};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ck_assert_msg(secrets_might_hold(yes[i], strlen(yes[i])), "%s",
			      yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(!secrets_might_hold(no[i], strlen(no[i])), "%s",
			      no[i]);
	/* the length bounds the text: a word past it is not read */
	ck_assert(!secrets_might_hold("pass", 3));
}
END_TEST

START_TEST(test_values_and_quotes)
{
	char *a = secrets_mask_value("ssl_passphrase_command", "echo pw", 7);
	char *b = secrets_mask_value("password_encryption", "md5", 3);
	char *c = secrets_mask_value("primary_conninfo",
				     "host=x password=SECRET", 22);
	char *d =
	    secrets_quote("application_name",
			  "0123456789012345678901234567890123456789abc", 43);

	ck_assert_str_eq(a, "****");
	ck_assert_str_eq(b, "md5");
	ck_assert_str_eq(c, "host=x password=****");
	ck_assert_str_eq(d, "0123456789012345678901234567890123456789...");
	free(a);
	free(b);
	free(c);
	free(d);
}
END_TEST

START_TEST(test_message_net)
{
	struct source src;
	const char *t = "PGPASSWORD=hunter2\n";
	char *msg = strdup("bad value 'hunter2' here");

	source_from_mem(&src, ".env", t, strlen(t));
	src.kind = FILE_ENV;
	secrets_mask_message(&src, &msg);
	ck_assert_str_eq(msg, "bad value '****' here");
	free(msg);
	source_release(&src);
}
END_TEST

Suite *
suite_secrets(void)
{
	Suite *s = suite_create("secrets");
	TCase *tc = tcase_create("secrets");

	tcase_add_loop_test(tc, test_masked, 0,
			    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_columns_follow_masks);
	tcase_add_loop_test(tc, test_secret_names, 0,
			    (int)(sizeof(names) / sizeof(names[0])));
	tcase_add_test(tc, test_might_hold);
	tcase_add_test(tc, test_values_and_quotes);
	tcase_add_test(tc, test_message_net);
	suite_add_tcase(s, tc);
	return s;
}
