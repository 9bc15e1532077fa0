/* SPDX-License-Identifier: MIT */
/*
 * test_pgconf.c — the postgresql.conf lexer and line parser, case by case
 * against what guc-file.l accepts (the live oracle checks the same against
 * a real server; these pin the edge cases).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/pgconf.h"
#include "tests.h"

/* Each input yields items rendered as "kind name=value@line" joined by
 * '|'; errors render as "E@line:col". */
static const struct {
	const char *in;
	size_t len; /* 0: strlen(in); set for inputs holding NUL bytes */
	const char *want;
} cases[] = {
	{"", 0, ""},
	{"# only a comment\n\n   \t\n", 0, ""},
	{"ssl = on\n", 0, "S ssl=on@1"},
	{"ssl on\n", 0, "S ssl=on@1"},
	{"SSL=On", 0, "S ssl=On@1"},
	{"a.b = c\n", 0, "S a.b=c@1"},
	{"x = 'it''s'\n", 0, "S x=it's@1"},
	{"x = 'a\\'b'\n", 0, "S x=a'b@1"},
	{"x = 'tab\\there'\n", 0, "S x=tab\there@1"},
	{"x = '\\101\\1012'\n", 0, "S x=AA2@1"},
	{"x = '\\q'\n", 0, "S x=q@1"},
	{"x = 128MB\n", 0, "S x=128MB@1"},
	{"x = -1\n", 0, "S x=-1@1"},
	{"x = 0x1F\n", 0, "S x=0x1F@1"},
	{"x = 1.5e3\n", 0, "S x=1.5e3@1"},
	{"x = .\n", 0, "S x=.@1"},
	{"x = TLSv1.2\n", 0, "S x=TLSv1.2@1"},
	{"x = a-b:c/d.e\n", 0, "S x=a-b:c/d.e@1"},
	{"x = 1\r\ny = 2\r\n", 0, "S x=1@1|S y=2@2"},
	{"x = 'a' # c\n", 0, "S x=a@1"},
	{"x = ''\n", 0, "S x=@1"},
	{"include 'a.conf'\n", 0, "I include=a.conf@1"},
	{"include_if_exists 'a'\n", 0, "F include_if_exists=a@1"},
	{"INCLUDE_DIR 'd'\n", 0, "D include_dir=d@1"},
	/* Errors: PostgreSQL's line, and our column at the offending token. */
	{"x = /path\n", 0, "E@1:5"},
	{"x =\n", 0, "E@1:4"},
	{"x =", 0, "E@1:4"},
	{"= 1\n", 0, "E@1:1"},
	{"x = 1 2\n", 0, "E@1:7"},
	{"x = 'open\n", 0, "E@1:5"},
	{"x = 1.5GB\n", 0, "E@1:8"},
	{"x = 'a'\ny = 'b' c\nz = 1\n", 0, "S x=a@1|E@2:9|S z=1@3"},
	{"1x = 2\n", 0, "E@1:1"},
	{"x = 'a\\\nb'\n", 0, "E@1:5|E@2:2"},
	{"x = \"dq\"\n", 0, "E@1:5"},
	{"x = a\0b\n", 8, "E@1:6"},
};

static void
render(const char *in, size_t len, char *out, size_t cap)
{
	struct pgconf_file f;
	size_t i, used = 0;

	pgconf_parse(in, len, &f);
	out[0] = '\0';
	for (i = 0; i < f.nr; i++) {
		const struct pgconf_item *it = &f.v[i];
		static const char kinds[] = "SIFDE";

		if (it->kind == PGCONF_ERROR) {
			size_t col = it->begin, k;

			for (k = it->begin; k > 0 && in[k - 1] != '\n'; k--)
				;
			col = it->begin - k + 1;
			used += (size_t)snprintf(out + used, cap - used,
						 "%sE@%u:%zu", i ? "|" : "",
						 it->line, col);
		} else
			used += (size_t)snprintf(out + used, cap - used,
						 "%s%c %s=%s@%u", i ? "|" : "",
						 kinds[it->kind], it->name,
						 it->value, it->line);
	}
	pgconf_release(&f);
}

START_TEST(test_parse_cases)
{
	char got[512];
	size_t len = cases[_i].len ? cases[_i].len : strlen(cases[_i].in);

	render(cases[_i].in, len, got, sizeof(got));
	ck_assert_msg(!strcmp(got, cases[_i].want), "input %d: got '%s', want '%s'",
		      _i, got, cases[_i].want);
}
END_TEST

START_TEST(test_too_many_errors)
{
	char text[4096];
	struct pgconf_file f;
	size_t i, used = 0;

	for (i = 0; i < 150; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used,
					 "= %zu\n", i);
	pgconf_parse(text, used, &f);
	/* ParseConfigFp gives up after 100 errors in one file. */
	ck_assert_uint_eq(f.nr, 100);
	ck_assert_int_eq(f.abandoned, 1);
	pgconf_release(&f);
}
END_TEST

START_TEST(test_unquote)
{
	size_t n;
	char *s = pgconf_unquote("'a''b\\n'", 8, &n);

	ck_assert_str_eq(s, "a'b\n");
	ck_assert_uint_eq(n, 4);
	free(s);
}
END_TEST

Suite *
suite_pgconf(void)
{
	Suite *s = suite_create("pgconf");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_parse_cases, 0,
			    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_too_many_errors);
	tcase_add_test(tc, test_unquote);
	suite_add_tcase(s, tc);
	return s;
}
