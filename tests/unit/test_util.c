/* SPDX-License-Identifier: MIT */
/* test_util.c — scan classes, UTF-8, JSON escaping, positions, needle scans. */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/json.h"
#include "util/needle_scan.h"
#include "util/scan.h"
#include "util/source.h"
#include "util/utf8.h"
#include "tests.h"

START_TEST(test_scan_class_table)
{
	unsigned c;

	for (c = 0; c < 256; c++) {
		int digit = c >= '0' && c <= '9';
		int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		int hex =
		    digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
		int space = c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			    c == '\v';

		ck_assert_int_eq(scan_is((unsigned char)c, SC_DIGIT), digit);
		ck_assert_int_eq(scan_is((unsigned char)c, SC_ALPHA), alpha);
		ck_assert_int_eq(scan_is((unsigned char)c, SC_HEX), hex);
		ck_assert_int_eq(scan_is((unsigned char)c, SC_SPACE), space);
		ck_assert_int_eq(scan_is((unsigned char)c, SC_HIGH), c >= 0x80);
		ck_assert_int_eq(scan_is((unsigned char)c, SC_IDENT),
				 digit || alpha || c == '_');
	}
}
END_TEST

START_TEST(test_utf8)
{
	ck_assert_uint_eq(utf8_valid_seq("\xc3\xa9", 2), 2);
	ck_assert_uint_eq(utf8_valid_seq("\xc0\xaf", 2), 0);        /* overlong */
	ck_assert_uint_eq(utf8_valid_seq("\xed\xa0\x80", 3), 0);    /* surrogate */
	ck_assert_uint_eq(utf8_valid_seq("\xf4\x90\x80\x80", 4), 0);
	ck_assert_uint_eq(utf8_valid_seq("\xf0\x9f\x94\x92", 4), 4);
	ck_assert_uint_eq(utf8_utf16_units("a\xf0\x9f\x94\x92"
					   "b",
					   6),
			  4);
	ck_assert_uint_eq(utf8_codepoints("a\xff"
					  "b",
					  3),
			  3);
}
END_TEST

START_TEST(test_json_escaping)
{
	struct buf b = BUF_INIT;
	struct json j;

	jw_init(&j, &b, 0);
	jw_object_begin(&j);
	jw_kv_string(&j, "s", "q\"\\\n\x01\xff\xc3\xa9");
	jw_kv_int(&j, "n", -3);
	jw_key(&j, "a");
	jw_array_begin(&j);
	jw_bool(&j, 1);
	jw_null(&j);
	jw_array_end(&j);
	jw_object_end(&j);
	ck_assert_str_eq(b.ptr, "{\"s\":\"q\\\"\\\\\\n\\u0001\\ufffd\xc3\xa9\","
				"\"n\":-3,\"a\":[true,null]}");
	buf_release(&b);
}
END_TEST

START_TEST(test_source_positions)
{
	struct source src;
	struct pos p;
	size_t len;
	const char *line;

	source_from_mem(&src, "m", "ab\r\ncd\n\nef", 10);
	ck_assert_uint_eq(source_nlines(&src), 4);
	p = source_pos(&src, 5);
	ck_assert_uint_eq(p.line, 2);
	ck_assert_uint_eq(p.col, 2);
	line = source_line(&src, 1, &len);
	ck_assert_uint_eq(len, 2); /* CR LF is not part of the line */
	ck_assert(!strncmp(line, "ab", 2));
	p = source_pos(&src, 10);
	ck_assert_uint_eq(p.line, 4);
	ck_assert_uint_eq(p.col, 3);
	source_release(&src);
}
END_TEST

/* The first position at or after from where a needle's first three bytes
 * (all of a shorter one) stand, read the slow way. */
static size_t
leads_by_hand(const char *const *needles, const char *t, size_t len,
	      size_t from)
{
	size_t i, k, b;

	for (i = from; i < len; i++)
		for (k = 0; needles[k]; k++) {
			for (b = 0; b < 3 && needles[k][b] &&
				    i + b < len && t[i + b] == needles[k][b];
			     b++)
				;
			if (b == 3 || !needles[k][b])
				return i;
		}
	return len;
}

START_TEST(test_needle_scan)
{
	static const char *const js[] = {"postgres", "host=", "hostaddr=",
					 "sslmode", "'pg", "\"pg", "`pg", NULL};
	static const char *const carriers[] = {
	    "=", "postgres", "jdbc:", "PG", "NODE_TLS", "datasource",
	    "DATASOURCE", "BEGIN ", "tls.crt", "tls.key", NULL};
	static const char *const high[] = {"\xff\xfe", "\x80" "a", "a\x80",
					   "\xfe\xff\x80", NULL};
	static const char *const *sets[] = {js, carriers, high};
	static const char alphabet[] = "phosgtl=d'\"`PGBDEtl.a \n\xff\xfe\x80";
	struct needle_scan ns;
	char text[200];
	unsigned seed = 7;
	size_t set, round, len, i, from, got, want;
	int simd, best;

	/* every path the CPU at hand can take: bytes, SSSE3, AVX2 */
	for (set = 0; set < 3 * 3; set++) {
		ck_assert_int_eq(needle_scan_init(&ns, sets[set % 3]), 0);
		best = ns.simd;
		simd = (int)(set / 3);
		if (simd > best)
			continue;
		ns.simd = simd;
		for (round = 0; round < 400; round++) {
			len = round % 190;
			for (i = 0; i < len; i++) {
				seed = seed * 1103515245u + 12345u;
				text[i] = alphabet[(seed >> 16) %
						   (sizeof(alphabet) - 1)];
			}
			text[len] = 0;
			for (from = 0; from <= len; from++) {
				got = needle_scan_next(&ns, text, len, from);
				want = leads_by_hand(sets[set % 3], text,
						     len, from);
				/* nine leads share eight buckets: a
				 * candidate more, never one less */
				if (sets[set % 3] == carriers)
					ck_assert_uint_le(got, want);
				else
					ck_assert_uint_eq(got, want);
			}
		}
	}
	{
		static const char *const many[] = {
		    "a1", "b2", "c3", "d4", "e5", "f6", "g7", "h8", "i9",
		    "j0", "k1", "l2", "m3", "n4", "o5", "p6", "q7", NULL};

		ck_assert_int_eq(needle_scan_init(&ns, many), -1);
	}
}
END_TEST

Suite *
suite_util(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("util");

	tcase_add_test(tc, test_scan_class_table);
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_json_escaping);
	tcase_add_test(tc, test_source_positions);
	tcase_add_test(tc, test_needle_scan);
	suite_add_tcase(s, tc);
	return s;
}
