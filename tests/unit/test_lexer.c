/* SPDX-License-Identifier: MIT */
/* test_lexer.c — JavaScript/TypeScript tokens: the division/regex choice,
 * strings and templates, unterminated literals. */
#include <stdlib.h>
#include <string.h>

#include "scanners/lexer.h"
#include "tests.h"

/* Each token kind as one letter: the expected shape of a line. */
static char
kind_letter(enum tok_kind k)
{
	return "EISNCPR"[k];
}

static const struct {
	const char *text, *kinds;
	unsigned first_flags; /* flags of the first string token */
} lexes[] = {
    {"a / b / c", "IPIPI", 0},
    {"x = /a\\/b[/]c/g.test(y)", "IPRPIPIP", 0},
    {"return /re/", "IR", 0},
    {"f(x) / 2", "IPIPPN", 0},
    {"a[0] / 2", "IPNPPN", 0},
    {"} /x/", "PR", 0},
    {"'it\\'s' \"q\" // c", "SSC", TOKF_ESCAPES},
    {"`a ${ {b:1}.b } c` + 1", "SPN", TOKF_TEMPLATE | TOKF_INTERPOLATED},
    {"'open\nx", "SI", TOKF_UNTERMINATED},
    {"/* never closed", "C", 0},
    {"'\\", "S", TOKF_UNTERMINATED | TOKF_ESCAPES},
    {"`\\", "S", TOKF_TEMPLATE | TOKF_UNTERMINATED | TOKF_ESCAPES},
    {"x = 1 /* c */ / 2", "IPNCPN", 0},
};

START_TEST(test_js_tokens)
{
	const char *text = lexes[_i].text;
	struct lexer lx;
	struct token t;
	char got[32];
	size_t n = 0;
	int first = 1;

	lexer_init(&lx, text, strlen(text));
	for (;;) {
		js_next(&lx, &t);
		ck_assert_uint_le(t.end, strlen(text));
		ck_assert_uint_le(t.begin, t.end);
		if (t.kind == TOK_EOF)
			break;
		ck_assert_uint_lt(n, sizeof(got) - 1);
		got[n++] = kind_letter(t.kind);
		if (t.kind == TOK_STRING && first) {
			ck_assert_uint_eq(t.flags, lexes[_i].first_flags);
			first = 0;
		}
	}
	got[n] = '\0';
	ck_assert_str_eq(got, lexes[_i].kinds);
}
END_TEST

START_TEST(test_js_string_value)
{
	const char *text = "'a\\nb\\'c' `t ${x}`";
	struct lexer lx;
	struct token t;
	size_t len;
	char *v;

	lexer_init(&lx, text, strlen(text));
	js_next(&lx, &t);
	v = js_string_value(&lx, &t, &len);
	ck_assert_str_eq(v, "a\nb'c");
	ck_assert_uint_eq(len, 5);
	free(v);
	js_next(&lx, &t);
	v = js_string_value(&lx, &t, &len);
	ck_assert_str_eq(v, "t ${x}"); /* interpolations kept as written */
	free(v);
}
END_TEST

Suite *
suite_lexer(void)
{
	Suite *s = suite_create("lexer");
	TCase *tc = tcase_create("js");

	tcase_add_loop_test(tc, test_js_tokens, 0,
			    (int)(sizeof(lexes) / sizeof(lexes[0])));
	tcase_add_test(tc, test_js_string_value);
	suite_add_tcase(s, tc);
	return s;
}
