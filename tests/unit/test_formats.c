/* SPDX-License-Identifier: MIT */
/* test_formats.c — the readers issue 16 added: Npgsql strings, Prisma
 * schemas, text decoding (byte order marks, UTF-16, lone CRs). */
#include <stdlib.h>
#include <string.h>

#include "parsers/npgsql.h"
#include "parsers/pgbouncer_ini.h"
#include "parsers/prisma.h"
#include "util/buf.h"
#include "util/source.h"
#include "tests.h"

/* Which ADO.NET strings are Npgsql's: the form is shared with SqlClient
 * and MySqlConnector, so only a key or value Npgsql alone spells says. */
static const struct {
	const char *s;
	int npgsql;
} strings[] = {
    {"Host=db;Database=app;Username=app;Password=x", 1},
    {"Server=db;Port=5432;Database=app;User Id=app", 1},
    {"Host=db;SSL Mode=Require;Trust Server Certificate=true", 1},
    {"host=db;sslmode=verifyfull;database=app", 1},
    {"Server=db;Database=app;User Id=sa;Password=x", 0},  /* any vendor */
    {"Server=tcp:x.database.windows.net,1433;Initial Catalog=db;"
     "Encrypt=True", 0},
    {"Server=db;Database=app;Uid=root;Pwd=x;SslMode=Required", 0},
    {"Host=db;Port=3306;Username=app", 0},
    {"host=db sslmode=require", 0},		   /* libpq's form */
    {"Host=db", 0},				   /* one pair */
};

START_TEST(test_npgsql_detection)
{
	ck_assert_msg(npgsql_is_string(strings[_i].s, strlen(strings[_i].s)) ==
			  strings[_i].npgsql,
		      "%s", strings[_i].s);
}
END_TEST

START_TEST(test_npgsql_parse)
{
	const char *s = "Server=db.example.com; User ID=app ;Password=\"a;b\";"
			"SSL Mode=VerifyFull;Pooling=true";
	struct conninfo ci;
	const struct conn_param *p;

	npgsql_parse(s, strlen(s), &ci);
	ck_assert_str_eq(conninfo_get(&ci, "host")->value, "db.example.com");
	ck_assert_str_eq(conninfo_get(&ci, "user")->value, "app");
	p = conninfo_get(&ci, "password");
	ck_assert_str_eq(p->value, "a;b"); /* quoted: ';' is the value's */
	ck_assert_int_eq(s[p->value_begin], 'a');
	ck_assert_str_eq(conninfo_get(&ci, "sslmode")->value, "verifyfull");
	ck_assert(conninfo_get(&ci, "Pooling")->forwarded);
	ck_assert(npgsql_mode_known("verifyca"));
	ck_assert(!npgsql_mode_known("verify-full")); /* libpq's spelling */
	conninfo_release(&ci);
}
END_TEST

START_TEST(test_prisma)
{
	const char *s =
	    "// datasource old { url = \"postgresql://x\" }\n"
	    "generator client { provider = \"prisma-client-js\" }\n"
	    "datasource db {\n  provider = \"postgresql\"\n"
	    "  url = \"postgresql://a@db/x?sslmode=require\"\n"
	    "  directUrl = env(\"DIRECT\")\n}\n"
	    "datasource lite {\n  provider = \"sqlite\"\n  url = \"file:x\"\n}\n";
	struct prisma_schema ps;

	prisma_parse(s, strlen(s), &ps);
	ck_assert_int_eq(ps.nr, 2); /* the comment's and env() are not */
	ck_assert(ps.v[0].postgres);
	ck_assert(!strncmp(s + ps.v[0].begin, "postgresql://a@db", 17));
	ck_assert(!ps.v[1].postgres);
	prisma_release(&ps);
}
END_TEST

static void
decoded(const char *in, size_t n, enum file_kind kind, const char *want,
	enum source_encoding enc)
{
	struct source src;
	struct buf back = BUF_INIT;

	source_from_mem(&src, "x", in, n);
	src.kind = kind;
	source_decode(&src);
	ck_assert_int_eq(src.encoding, enc);
	ck_assert_int_eq(src.len, strlen(want));
	ck_assert(!memcmp(src.text, want, src.len));
	/* written back as it was, except UTF-16, which is not rewritten */
	if (enc == SOURCE_UTF16LE || enc == SOURCE_UTF16BE)
		ck_assert_int_eq(source_encode(enc, src.text, src.len, &back),
				 -1);
	else {
		ck_assert_int_eq(source_encode(enc, src.text, src.len, &back),
				 0);
		ck_assert_int_eq(back.len, n);
		ck_assert(!memcmp(back.ptr, in, n));
	}
	buf_release(&back);
	source_release(&src);
}

START_TEST(test_decode)
{
	decoded("\xEF\xBB\xBFPGHOST=a\n", 12, FILE_ENV, "PGHOST=a\n",
		SOURCE_UTF8_BOM);
	decoded("\xFF\xFEP\0=\0\xE9\0\n\0", 10, FILE_YAML, "P=\xC3\xA9\n",
		SOURCE_UTF16LE);
	decoded("\xFE\xFF\0P\xD8\x3D\xDE\x00", 8, FILE_YAML,
		"P\xF0\x9F\x98\x80", SOURCE_UTF16BE); /* a surrogate pair */
	decoded("\xFF\xFE\x00\xD8X", 5, FILE_YAML, "\xEF\xBF\xBD\xEF\xBF\xBD",
		SOURCE_UTF16LE); /* a lone surrogate, an odd byte */
	decoded("A=1\rB=2\r", 8, FILE_ENV, "A=1\nB=2\n", SOURCE_CR_LINES);
	decoded("A=1\r\nB=2\r", 9, FILE_ENV, "A=1\r\nB=2\r", SOURCE_AS_IS);
	decoded("A=1\rB=2\r", 8, FILE_YAML, "A=1\rB=2\r", SOURCE_AS_IS);
	/* server files are read as PostgreSQL reads them */
	decoded("\xEF\xBB\xBFssl = on\n", 12, FILE_PGCONF_ROOT,
		"\xEF\xBB\xBFssl = on\n", SOURCE_AS_IS);
}
END_TEST

/* pgbouncer.ini as libusual's parse_ini_file reads it: comments only at
 * a line's start, values to the line's end, trailing blanks dropped, and
 * nothing after the first syntax error. */
START_TEST(test_pgbouncer_ini)
{
	static const char text[] =
	    "; comment\n"
	    "[databases]\n"
	    "* = host=db ; not a comment\n"
	    "  [pgbouncer]\n"
	    "  client_tls_cert_file =  tls/a b.crt  \r\n"
	    "# client_tls_key_file = x\n"
	    "bad line\n"
	    "client_tls_key_file = after.key\n";
	struct assignments as;
	size_t stop;

	assignments_init(&as, NULL);
	stop = pgbouncer_ini_parse(text, sizeof(text) - 1, &as);
	ck_assert_int_eq(as.nr, 2);
	ck_assert_str_eq(as.v[0].name, "*");
	ck_assert_str_eq(as.v[0].path, "databases");
	ck_assert_str_eq(as.v[0].value, "host=db ; not a comment");
	ck_assert_str_eq(as.v[1].name, "client_tls_cert_file");
	ck_assert_str_eq(as.v[1].path, "pgbouncer");
	ck_assert_str_eq(as.v[1].value, "tls/a b.crt");
	ck_assert_uint_eq(stop - 1, (size_t)(strstr(text, "line") - text));
	assignments_release(&as);
	/* a NUL ends the file, as in the C string pgbouncer parses */
	assignments_init(&as, NULL);
	stop = pgbouncer_ini_parse("[p]\na = 1\n\0b = 2\n", 17, &as);
	ck_assert_int_eq(as.nr, 1);
	ck_assert_uint_eq(stop, 0);
	assignments_release(&as);
}
END_TEST

Suite *
suite_formats(void)
{
	Suite *s = suite_create("formats");
	TCase *tc = tcase_create("readers");

	tcase_add_loop_test(tc, test_npgsql_detection, 0,
			    (int)(sizeof(strings) / sizeof(strings[0])));
	tcase_add_test(tc, test_npgsql_parse);
	tcase_add_test(tc, test_prisma);
	tcase_add_test(tc, test_decode);
	tcase_add_test(tc, test_pgbouncer_ini);
	suite_add_tcase(s, tc);
	return s;
}
