/* SPDX-License-Identifier: MIT */
/*
 * test_eval.c — what source expressions build (scanners/eval.c): each
 * case binds a name `s` and says what its value is, holes written '?',
 * and the origin of the whole.
 */
#include <stdlib.h>
#include <string.h>

#include "model/value.h"
#include "scanners/eval.h"
#include "util/buf.h"
#include "util/source.h"
#include "tests.h"

static const struct eval_case {
	enum lex_lang lang;
	const char *code;
	const char *want; /* '?' for a hole */
	enum value_origin origin;
} cases[] = {
    /* Go: constants into a format; more directives than arguments, and
     * the reverse; an index; %% */
    {LEX_GO, "const h = \"db\"\nvar s = fmt.Sprintf(\"host=%s port=%d\", h, 5432)\n",
     "host=db port=5432", ORIGIN_CONSTANT},
    {LEX_GO, "const h = \"db\"\nvar s = fmt.Sprintf(\"%s/%s\", h)\n", "db/?",
     ORIGIN_UNKNOWN},
    {LEX_GO, "var s = fmt.Sprintf(\"x=%s\", \"a\", \"b\")\n", "x=a",
     ORIGIN_LITERAL},
    {LEX_GO, "var s = fmt.Sprintf(\"%[2]s-%[1]s %%\", \"a\", \"b\")\n", "b-a %",
     ORIGIN_LITERAL},
    {LEX_GO, "func f(p string) string {\ns := \"a=\" + p + \" b=1\"\nreturn s\n}\n",
     "a=? b=1", ORIGIN_UNKNOWN},
    /* a name bound twice, a cycle: unknown */
    {LEX_GO, "a := \"x\"\na = \"y\"\ns := a\n", "?", ORIGIN_UNKNOWN},
    {LEX_GO, "var a = b\nvar b = a\nvar s = a\n", "?", ORIGIN_UNKNOWN},
    {LEX_GO, "var s = strings.Join([]string{\"host=h\", \"sslmode=disable\"}, \" \")\n",
     "host=h sslmode=disable", ORIGIN_LITERAL},
    {LEX_GO, "c := Config{Mode: \"disable\"}\ns := \"sslmode=\" + c.Mode\n",
     "sslmode=disable", ORIGIN_CONSTANT},
    /* Python: %, .format with positions and names, f-strings */
    {LEX_PY, "H = 'db'\ns = 'host=%s sslmode=%s' % (H, 'require')\n",
     "host=db sslmode=require", ORIGIN_CONSTANT},
    {LEX_PY, "s = 'host={0} user={u} x={}'.format('h', u='me')\n",
     "host=h user=me x=?", ORIGIN_UNKNOWN},
    {LEX_PY, "s = '{{x}} {0!r}'.format('h')\n", "{x} ?", ORIGIN_UNKNOWN},
    {LEX_PY, "H = 'db'\ns = f'host={H} port={port}'\n", "host=db port=?",
     ORIGIN_UNKNOWN},
    {LEX_PY, "s = os.getenv('MODE', 'prefer')\n", "prefer", ORIGIN_DEFAULT},
    {LEX_PY, "s = os.environ.get('MODE') or 'allow'\n", "allow",
     ORIGIN_DEFAULT},
    {LEX_PY, "s = ' '.join(['a=1', 'b=2'])\n", "a=1 b=2", ORIGIN_LITERAL},
    {LEX_PY, "D = {'host': '127.0.0.1'}\ns = D['host']\n", "127.0.0.1",
     ORIGIN_CONSTANT},
    /* Java: static final, String.format with an index, StringBuilder */
    {LEX_JAVA, "static final String H = \"db\";\nString s = String.format(\"%2$s@%1$s\", H, \"u\");\n",
     "u@db", ORIGIN_CONSTANT},
    {LEX_JAVA, "StringBuilder b = new StringBuilder(\"a=\");\nb.append(x).append(\"&m=1\");\nString s = b.toString();\n",
     "a=?&m=1", ORIGIN_UNKNOWN},
    {LEX_JAVA, "String s = \"x=%s\".formatted(\"y\");\n", "x=y",
     ORIGIN_LITERAL},
    /* JS: templates, a nested template, defaults */
    {LEX_JS, "const h = 'db';\nconst s = `postgres://${h}/x?a=${`b${c}`}`;\n",
     "postgres://db/x?a=?", ORIGIN_UNKNOWN},
    {LEX_JS, "const s = process.env.MODE || 'disable';\n", "disable",
     ORIGIN_DEFAULT},
    {LEX_JS, "const s = process.env.URL + '?sslmode=no-verify';\n",
     "??sslmode=no-verify", ORIGIN_UNKNOWN},
};

/* v's text with each hole written '?'. */
static char *
xstrdup_holes(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	size_t i;

	ck_assert_ptr_nonnull(out);
	for (i = 0; i < n; i++)
		out[i] = s[i] == VALUE_UNKNOWN ? '?' : s[i];
	out[n] = '\0';
	return out;
}

/* The value bound to `s` in code, holes as '?'. */
static char *
value_of_s(enum lex_lang lang, const char *code, enum value_origin *origin)
{
	struct source src;
	struct tokens ts;
	struct eval ev;
	struct value v;
	char *out = NULL;
	size_t i;

	source_from_mem(&src, "case", code, strlen(code));
	tokens_read(&ts, &src, lang, 0);
	eval_init(&ev, &ts);
	for (i = 0; i < ev.nr; i++) {
		if (strcmp(ev.v[i].key, "s"))
			continue;
		value_init(&v);
		eval_expr(&ev, ev.v[i].expr, &v);
		out = xstrdup_holes(v.text.ptr, v.text.len);
		*origin = value_origin_of(&v, 0, v.text.len);
		value_release(&v);
	}
	eval_release(&ev);
	tokens_release(&ts);
	source_release(&src);
	return out;
}

START_TEST(test_eval_cases)
{
	const struct eval_case *c = &cases[_i];
	enum value_origin o = ORIGIN_LITERAL;
	char *got = value_of_s(c->lang, c->code, &o);

	ck_assert_msg(got, "no binding of s in: %s", c->code);
	ck_assert_str_eq(got, c->want);
	ck_assert_msg(o == c->origin, "%s: origin %d, want %d", c->code, o,
		      c->origin);
	free(got);
}
END_TEST

/* A chain of many pieces is read whole, its pieces past the kept parts
 * as they are. */
START_TEST(test_eval_long_chain)
{
	struct buf code = BUF_INIT;
	enum value_origin o;
	char *got;
	size_t i, n = 100000;

	buf_adds(&code, "const s = 'a'");
	for (i = 0; i < n; i++)
		buf_adds(&code, i % 2 ? " + 'b'" : " + x");
	buf_adds(&code, ";\n");
	got = value_of_s(LEX_JS, code.ptr, &o);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(strlen(got), 1 + n); /* 'a', then ? and b turns */
	ck_assert_int_eq(got[1], '?');
	ck_assert_int_eq(got[n], 'b');
	ck_assert_int_eq(o, ORIGIN_UNKNOWN);
	free(got);
	buf_release(&code);
}
END_TEST

Suite *
suite_eval(void)
{
	Suite *s = suite_create("eval");
	TCase *tc = tcase_create("values");

	tcase_add_loop_test(tc, test_eval_cases, 0,
			    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_eval_long_chain);
	suite_add_tcase(s, tc);
	return s;
}
