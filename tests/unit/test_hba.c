/* SPDX-License-Identifier: MIT */
/*
 * test_hba.c — the pg_hba.conf tokenizer (next_token's quoting, commas,
 * comments, continuations) and the record parser's address forms. The
 * live oracle checks validity against a real server; these pin the
 * tokenizer's edge cases and the source positions it keeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/hba_model.h"
#include "parsers/hba.h"
#include "parsers/hba_record.h"
#include "tests.h"

/* Fields joined by ' ', tokens by ',', quoted tokens marked with ^,
 * lines by '|' with "@line". */
static const struct {
	const char *in;
	size_t len; /* 0: strlen(in); set for inputs holding NUL bytes */
	const char *want;
} toks[] = {
	{"", 0, ""},
	{"# comment only\n\n", 0, ""},
	{"host all all 10.0.0.0/8 md5\n", 0, "@1 host all all 10.0.0.0/8 md5"},
	{"host a,b c\n", 0, "@1 host a,b c"},
	{"host a, b c\n", 0, "@1 host a,b c"},
	{"host a ,b c\n", 0, "@1 host a b c"},
	{"host \"a b\",\"\" c\n", 0, "@1 host ^a b,^ c"},
	{"host \"x\"\"y\" z\n", 0, "@1 host ^x\"y z"},
	{"host a\"b c\"d e\n", 0, "@1 host ab cd e"},
	{"host a#comment\n", 0, "@1 host a"},
	{"host \"a#b\" c\n", 0, "@1 host ^a#b c"},
	{"host \"open\n", 0, "@1 host ^open"},
	{"host a \\\n b\n", 0, "@1 host a b"},
	{"host a\\\nb\n", 0, "@1 host ab"},
	{"host a\r\nlocal b\r\n", 0, "@1 host a|@2 local b"},
	{"a\n\\\nb\nc\n", 0, "@1 a|@2 b|@4 c"},
	{"host a\0b c\n", 11, "@1 host a"},
	/* fgets drops the rest of its read, the line end too: the next
	 * line joins, and PostgreSQL's line count skips it */
	{"a b\0x\nc d\n", 11, "@1 a bc d"},
	{"x\0\ny\nz\n", 7, "@1 xy|@2 z"},
	{"\0host a\nlocal b\n", 16, "@1 local b"},
};

static void
render_tokens(const char *in, size_t len, char *out, size_t cap)
{
	struct hba_lines l;
	size_t i, f, t, used = 0;

	hba_tokenize(in, len, &l);
	out[0] = '\0';
	for (i = 0; i < l.nr; i++) {
		used += (size_t)snprintf(out + used, cap - used, "%s@%u",
					 i ? "|" : "", l.v[i].line);
		for (f = 0; f < l.v[i].nfields; f++) {
			used += (size_t)snprintf(out + used, cap - used, " ");
			for (t = 0; t < l.v[i].fields[f].nr; t++) {
				const struct hba_token *k =
				    &l.v[i].fields[f].v[t];

				used += (size_t)snprintf(
				    out + used, cap - used, "%s%s%s",
				    t ? "," : "", k->quoted ? "^" : "", k->str);
			}
		}
	}
	hba_lines_release(&l);
}

START_TEST(test_tokenize)
{
	char got[256];
	size_t len = toks[_i].len ? toks[_i].len : strlen(toks[_i].in);

	render_tokens(toks[_i].in, len, got, sizeof(got));
	ck_assert_msg(!strcmp(got, toks[_i].want), "case %d: got '%s' want '%s'",
		      _i, got, toks[_i].want);
}
END_TEST

START_TEST(test_positions)
{
	const char *in = "host \"my db\" all \\\n  10.0.0.0/8 md5\n";
	struct hba_lines l;

	hba_tokenize(in, strlen(in), &l);
	ck_assert_uint_eq(l.nr, 1);
	/* The quoted token spans its quotes; the continued one points into
	 * the second physical line. */
	ck_assert_uint_eq(l.v[0].fields[1].v[0].begin, 5);
	ck_assert_uint_eq(l.v[0].fields[1].v[0].end, 12);
	ck_assert_uint_eq(l.v[0].fields[3].v[0].begin, 21);
	hba_lines_release(&l);
}
END_TEST

static int
parse_one(const char *text, int version, struct hba_record *rec,
	  struct hba_lines *l, char **err)
{
	size_t b, e;

	hba_tokenize(text, strlen(text), l);
	return hba_record_parse(&l->v[0], version, rec, err, &b, &e);
}

START_TEST(test_addresses)
{
	struct hba_lines l;
	struct hba_record rec;
	char *err = NULL, text[64];

	ck_assert_int_eq(parse_one("host all all 10.1.2.3 255.255.0.0 md5",
				   16, &rec, &l, &err), 0);
	hba_format_addr(&rec, text, sizeof(text));
	ck_assert_str_eq(text, "10.1.2.3/16");
	ck_assert_int_eq(hba_prefix_len(&rec), 16);
	hba_record_release(&rec);
	hba_lines_release(&l);

	/* inet_aton rules: "10" is 0.0.0.10, so a mask must follow. */
	ck_assert_int_ne(parse_one("host all all 10 md5", 16, &rec, &l, &err),
			 0);
	ck_assert_str_eq(err, "invalid IP mask \"md5\": Name or service not "
			      "known");
	free(err);
	hba_lines_release(&l);

	ck_assert_int_eq(parse_one("host all all ::1/128 md5", 16, &rec, &l,
				   &err), 0);
	ck_assert(hba_is_loopback(&rec));
	hba_record_release(&rec);
	hba_lines_release(&l);

	ck_assert_int_eq(parse_one("host all all \"all\" md5", 16, &rec, &l,
				   &err), 0);
	ck_assert_int_eq(rec.addr_kind, ADDR_HOSTNAME); /* quoted: a name */
	hba_record_release(&rec);
	hba_lines_release(&l);

	ck_assert_int_eq(parse_one("local all all ident", 16, &rec, &l, &err),
			 0);
	ck_assert_int_eq(rec.method, METHOD_PEER); /* hba.c's rewrite */
	hba_record_release(&rec);
	hba_lines_release(&l);
}
END_TEST

START_TEST(test_versions)
{
	struct hba_lines l;
	struct hba_record rec;
	char *err = NULL;

	ck_assert_int_ne(parse_one("hostssl all all all md5 clientcert=1", 16,
				   &rec, &l, &err) == 0 &&
			     rec.clientcert_obsolete,
			 0);
	hba_record_release(&rec);
	hba_lines_release(&l);
	ck_assert_int_eq(parse_one("hostssl all all all md5 clientcert=1", 13,
				   &rec, &l, &err), 0);
	ck_assert_int_eq(rec.clientcert_obsolete, 0);
	hba_record_release(&rec);
	hba_lines_release(&l);
	ck_assert_int_ne(parse_one("host all all all oauth", 17, &rec, &l,
				   &err), 0);
	free(err);
	hba_lines_release(&l);
	ck_assert_int_ne(parse_one("hostgssenc all all all gss", 11, &rec, &l,
				   &err), 0);
	free(err);
	hba_lines_release(&l);
}
END_TEST

Suite *
suite_hba(void)
{
	Suite *s = suite_create("hba");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_tokenize, 0,
			    (int)(sizeof(toks) / sizeof(toks[0])));
	tcase_add_test(tc, test_positions);
	tcase_add_test(tc, test_addresses);
	tcase_add_test(tc, test_versions);
	suite_add_tcase(s, tc);
	return s;
}
