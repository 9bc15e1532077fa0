/* SPDX-License-Identifier: MIT */
/* test_lexer.c — JavaScript/TypeScript and Go tokens: the division/regex
 * choice, strings, templates and raw strings, unterminated literals. */
#include <stdlib.h>
#include <string.h>

#include "model/facts.h"
#include "scanners/lexer.h"
#include "scanners/scan_common.h"
#include "util/source.h"
#include "util/xalloc.h"
#include "tests.h"

/* Each token kind as one letter: the expected shape of a line. */
static char
kind_letter(enum tok_kind k)
{
	return "EISNCPRT"[k];
}

static const struct {
	enum lex_lang lang;
	const char *text, *kinds;
	unsigned first_flags; /* flags of the first string token */
} lexes[] = {
    {LEX_JS, "a / b / c", "IPIPI", 0},
    {LEX_JS, "x = /a\\/b[/]c/g.test(y)", "IPRPIPIP", 0},
    {LEX_JS, "return /re/", "IR", 0},
    {LEX_JS, "f(x) / 2", "IPIPPN", 0},
    {LEX_JS, "a[0] / 2", "IPNPPN", 0},
    {LEX_JS, "} /x/", "PR", 0},
    {LEX_JS, "'it\\'s' \"q\" // c", "SSC", TOKF_ESCAPES},
    {LEX_JS, "`a ${ {b:1}.b } c` + 1", "SPN",
     TOKF_TEMPLATE | TOKF_INTERPOLATED},
    {LEX_JS, "'open\nx", "SI", TOKF_UNTERMINATED},
    {LEX_JS, "/* never closed", "C", 0},
    {LEX_JS, "'\\", "S", TOKF_UNTERMINATED | TOKF_ESCAPES},
    {LEX_JS, "`\\", "S", TOKF_TEMPLATE | TOKF_UNTERMINATED | TOKF_ESCAPES},
    {LEX_JS, "x = 1 /* c */ / 2", "IPNCPN", 0},
    /* JSX: text is not code (an apostrophe opens nothing), attributes
     * and {expressions} are; a comparison is not a tag; in .ts, no JSX. */
    {LEX_JSX, "x = <p a=\"s\">Don't {`t`} /x/</p>; y = 'z'", "IPPIIPSPTPSPTPPIPPIPS",
     0},
    {LEX_JSX, "<A><B/>it's</A> / 2", "PIPPIPTPPIPPN", 0},
    {LEX_JSX, "a < b ? 'x' : 'y'", "IPIPSPS", 0},
    {LEX_JSX, "f(<><i>{a.map(v => <b key={v}/>)}</i></>)", "IPPPPIPPIPIPIPPPIIPPIPPPPPPIPPPPP", 0},
    {LEX_JS, "x = <T>y; s = 'it'", "IPPIPIPIPS", 0},
    /* Go: no regex literals; backquotes are raw strings. */
    {LEX_GO, "x := `a\\n${b}` / 2", "IPPSPN", TOKF_RAW},
    {LEX_GO, "r := '\\''; s := \"q\"", "IPPSPIPPS", TOKF_ESCAPES},
    {LEX_GO, "/x/", "PIP", 0},
    {LEX_GO, "`open\nraw", "S", TOKF_RAW | TOKF_UNTERMINATED},
    /* Python: # comments, // is floor division, prefixes, triples. */
    {LEX_PY, "x = r'\\d' # c", "IPSC", TOKF_ESCAPES},
    {LEX_PY, "'''a\n'b'''", "S", 0},
    {LEX_PY, "f'{x}y' Rb\"z\"", "SS", TOKF_INTERPOLATED},
    {LEX_PY, "a // b", "IPPI", 0},
    {LEX_PY, "'open\nx", "SI", TOKF_UNTERMINATED},
    {LEX_PY, "bar'x' \"\"\"never", "ISS", 0},
    /* Java: char literals, text blocks, no regex, no backquotes. */
    {LEX_JAVA, "c = '\\'' / 2; s = \"a\"", "IPSPNPIPS", TOKF_ESCAPES},
    {LEX_JAVA, "\"\"\"\n  x\"y\n  \"\"\" + 1", "SPN", TOKF_TEXT_BLOCK},
    {LEX_JAVA, "\"\"\"\nopen", "S", TOKF_TEXT_BLOCK | TOKF_UNTERMINATED},
};

START_TEST(test_tokens)
{
	const char *text = lexes[_i].text;
	struct lexer lx;
	struct token t;
	char got[64];
	size_t n = 0;
	int first = 1;

	lexer_init(&lx, text, strlen(text), lexes[_i].lang);
	for (;;) {
		lex_next(&lx, &t);
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

	lexer_init(&lx, text, strlen(text), LEX_JS);
	lex_next(&lx, &t);
	v = lex_string_value(text, &t, lx.lang, &len);
	ck_assert_str_eq(v, "a\nb'c");
	ck_assert_uint_eq(len, 5);
	free(v);
	lex_next(&lx, &t);
	v = lex_string_value(text, &t, lx.lang, &len);
	ck_assert_str_eq(v, "t \x1a"); /* an interpolation: a hole */
	free(v);
}
END_TEST

static const struct {
	const char *text, *value;
} py_values[] = {
    {"r'a\\d\\''", "a\\d\\'"},		 /* raw: backslashes stay */
    {"f'h={h}&x={{1}}'", "h=\x1a&x={1}"}, /* fields are holes */
    {"'''a'''", "a"},
    {"'a\\d\\x41'", "a\\dA"}, /* unknown escapes keep their \ */
    {"b'x'", "x"},
    {"''", ""},
    {"'''open", "open"},
};

START_TEST(test_py_string_value)
{
	const char *text = py_values[_i].text;
	struct lexer lx;
	struct token t;
	size_t len;
	char *v;

	lexer_init(&lx, text, strlen(text), LEX_PY);
	lex_next(&lx, &t);
	ck_assert_int_eq(t.kind, TOK_STRING);
	v = lex_string_value(text, &t, LEX_PY, &len);
	ck_assert_str_eq(v, py_values[_i].value);
	free(v);
}
END_TEST

/* JLS 3.10.6: incidental indentation (the closing quotes count) and
 * trailing spaces go; escapes are undone afterwards. */
static const struct {
	const char *text, *value;
} java_blocks[] = {
    {"\"\"\"\n    a\n      b  \n    \"\"\"", "a\n  b\n"},
    {"\"\"\"\n    a\n  \"\"\"", "  a\n"},
    {"\"\"\"\n  x=\\t1\"\"\"", "x=\t1"},
    {"\"\"\"\n  a\n\n  b\"\"\"", "a\n\nb"},
};

START_TEST(test_java_text_block)
{
	const char *text = java_blocks[_i].text;
	struct lexer lx;
	struct token t;
	size_t len;
	char *v;

	lexer_init(&lx, text, strlen(text), LEX_JAVA);
	lex_next(&lx, &t);
	ck_assert_uint_eq(t.flags & TOKF_TEXT_BLOCK, TOKF_TEXT_BLOCK);
	v = lex_string_value(text, &t, LEX_JAVA, &len);
	ck_assert_str_eq(v, java_blocks[_i].value);
	free(v);
}
END_TEST

/* The prefilter reads raw bytes, NULs included, to the very end. */
START_TEST(test_prefilter)
{
	static const char *const needles[] = {"sslmode", "lib/pq", NULL};
	char text[] = "x\0y := \"lib/pq\"";
	struct fact_ctx ctx, off;
	struct source src;

	memset(&ctx, 0, sizeof(ctx));
	off = ctx;
	off.no_prefilter = 1;
	memset(&src, 0, sizeof(src));
	src.text = text;
	src.len = sizeof(text) - 1;
	ck_assert(facts_worth_reading(&ctx, &src, needles));
	src.len -= 2; /* "lib/p": no longer there */
	ck_assert(!facts_worth_reading(&ctx, &src, needles));
	ck_assert(facts_worth_reading(&off, &src, needles)); /* --no-prefilter */
	src.len = 0;
	ck_assert(!facts_worth_reading(&ctx, &src, needles));
}
END_TEST

/* The keyword needle "host=" with blanks before its '=': a keyword of a
 * connection string, or a variable assigned in code (facts.c). */
static const struct {
	const char *text;
	int read;
} keyword_texts[] = {
    {"x = \"host = db\"", 1},
    {"host = os.environ['H']", 1}, /* a line of its own: may be a DSN's */
    {"port=5432 host = db", 1},
    {"{opts} host = db", 1},
    {"%s host = db", 1},
    {"dsn = \"\"\"dbname =\n  app host = db\"\"\"", 1}, /* app: a value */
    {"x \\\n app host = db", 1},
    {"String host=h;", 1}, /* no blanks: the keyword as written */
    {"String host = uri.getHost();", 0},
    {"    private final String host = h;", 0},
    {"}\n\tString host = h;", 0},
    {"this.host = h;", 0},
    {"self.host = host", 0},
    {"myhost = 1", 0},
    {"app.run(host = h)", 0},
};

START_TEST(test_prefilter_keywords)
{
	static const char *const needles[] = {"host=", NULL};
	struct fact_ctx ctx;
	struct source src;
	char *text = xstrdup(keyword_texts[_i].text);

	memset(&ctx, 0, sizeof(ctx));
	memset(&src, 0, sizeof(src));
	src.text = text;
	src.len = strlen(text);
	ck_assert_msg(facts_worth_reading(&ctx, &src, needles) ==
			  keyword_texts[_i].read,
		      "%s", keyword_texts[_i].text);
	free(text);
}
END_TEST

START_TEST(test_go_string_value)
{
	const char *text = "`a\\n\r\nb` \"\\x41\\t\"";
	struct lexer lx;
	struct token t;
	size_t len;
	char *v;

	lexer_init(&lx, text, strlen(text), LEX_GO);
	lex_next(&lx, &t);
	v = lex_string_value(text, &t, lx.lang, &len);
	ck_assert_str_eq(v, "a\\n\nb"); /* raw: no escapes, CR dropped */
	free(v);
	lex_next(&lx, &t);
	v = lex_string_value(text, &t, lx.lang, &len);
	ck_assert_str_eq(v, "A\t");
	free(v);
}
END_TEST

Suite *
suite_lexer(void)
{
	Suite *s = suite_create("lexer");
	TCase *tc = tcase_create("js");

	tcase_add_loop_test(tc, test_tokens, 0,
			    (int)(sizeof(lexes) / sizeof(lexes[0])));
	tcase_add_test(tc, test_js_string_value);
	tcase_add_test(tc, test_go_string_value);
	tcase_add_test(tc, test_prefilter);
	tcase_add_loop_test(
	    tc, test_prefilter_keywords, 0,
	    (int)(sizeof(keyword_texts) / sizeof(keyword_texts[0])));
	tcase_add_loop_test(
	    tc, test_java_text_block, 0,
	    (int)(sizeof(java_blocks) / sizeof(java_blocks[0])));
	tcase_add_loop_test(tc, test_py_string_value, 0,
			    (int)(sizeof(py_values) / sizeof(py_values[0])));
	suite_add_tcase(s, tc);
	return s;
}
