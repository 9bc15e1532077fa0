/* SPDX-License-Identifier: MIT */
/* test_lsp.c — the language server's text model: file: URIs, UTF-16
 * positions, incremental edits, and where an ignore comment may go. */
#include <stdlib.h>
#include <string.h>

#include "lsp/document.h"
#include "lsp/ignore_edit.h"
#include "tests.h"

/* RFC 8089 file URIs, percent-decoded; other schemes are no file. */
static const struct {
	const char *uri, *path;
} uris[] = {
    {"file:///home/a/db.py", "/home/a/db.py"},
    {"file://localhost/etc/pg_hba.conf", "/etc/pg_hba.conf"},
    {"file:///a%20b/c%2Fd.env", "/a b/c/d.env"},
    {"file:///%C3%A9t%C3%A9.yaml", "/\xC3\xA9t\xC3\xA9.yaml"},
    {"file:///x.py#frag", "/x.py"},
    {"file:///bad%2", NULL},
    {"file:///nul%00byte", NULL},
    {"file://host/share/x.py", NULL},
    {"untitled:Untitled-1", NULL},
    {"https://example.com/x.py", NULL},
};

START_TEST(test_uri_to_path)
{
	char *p = lsp_uri_to_path(uris[_i].uri);

	if (uris[_i].path)
		ck_assert_str_eq(p ? p : "(null)", uris[_i].path);
	else
		ck_assert_msg(p == NULL, "%s gave %s", uris[_i].uri, p);
	free(p);
}
END_TEST

/* Positions count UTF-16 units: U+1F418 (4 bytes) is 2, é (2 bytes) 1;
 * "\r\n", "\n" and a lone "\r" end lines; past a line's end is its end. */
START_TEST(test_positions)
{
	static const char t[] = "a\xC3\xA9\xF0\x9F\x90\x98z\r\nsecond\rthird\n";
	size_t len = sizeof(t) - 1;
	static const struct {
		uint32_t line, ch;
		size_t off;
	} cases[] = {
	    {0, 0, 0},	{0, 1, 1},  {0, 2, 3},	{0, 4, 7},
	    {0, 5, 8},	{0, 99, 8}, {1, 0, 10}, {1, 6, 16},
	    {2, 0, 17}, {2, 5, 22}, {3, 0, 23}, {9, 0, 23},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct lsp_pos p = {cases[i].line, cases[i].ch}, back;
		size_t off = lsp_offset_of(t, len, p);

		ck_assert_msg(off == cases[i].off, "(%u,%u): %zu, want %zu",
			      p.line, p.character, off, cases[i].off);
		back = lsp_pos_of(t, len, off);
		if (cases[i].ch != 99 && cases[i].line != 9)
			ck_assert_msg(back.line == p.line &&
					  back.character == p.character,
				      "offset %zu: (%u,%u)", off, back.line,
				      back.character);
	}
}
END_TEST

START_TEST(test_changes)
{
	struct lsp_docs docs = {NULL, 0, 0};
	struct lsp_doc *d =
	    lsp_docs_open(&docs, "file:///p/app.env", "A=1\nB=2\n", 8, 1);
	struct lsp_pos s = {1, 2}, e = {1, 3}, z = {0, 0};

	ck_assert_int_eq(d->kind, FILE_ENV);
	ck_assert_str_eq(d->path, "/p/app.env");
	lsp_doc_change(d, 0, s, e, "22", 2);
	ck_assert_str_eq(d->text.ptr, "A=1\nB=22\n");
	lsp_doc_change(d, 0, e, s, "", 0); /* reversed: the same range */
	ck_assert_str_eq(d->text.ptr, "A=1\nB=2\n");
	lsp_doc_change(d, 0, z, z, "# x\n", 4);
	ck_assert_str_eq(d->text.ptr, "# x\nA=1\nB=2\n");
	lsp_doc_change(d, 1, z, z, "C=3", 3);
	ck_assert_str_eq(d->text.ptr, "C=3");
	ck_assert_ptr_eq(lsp_docs_find(&docs, "file:///p/app.env"), d);
	lsp_docs_close(&docs, "file:///p/app.env");
	ck_assert_ptr_eq(lsp_docs_find(&docs, "file:///p/app.env"), NULL);
	lsp_docs_release(&docs);
}
END_TEST

/* Where "ignore this line" may insert a comment line: kind, path, text,
 * the line (0-based), and the line expected (NULL: none may go there). */
static const struct {
	enum file_kind kind;
	const char *path, *text;
	int line;
	const char *want;
} ignores[] = {
    {FILE_PY, "a.py", "x = 1\n    c = f('sslmode=disable')\n", 1,
     "    # pgtlslint: ignore PGT301 -- TODO: say why this is safe\n"},
    {FILE_JS, "a.js", "a;\r\nb('sslmode=disable');\r\n", 1,
     "// pgtlslint: ignore PGT301 -- TODO: say why this is safe\r\n"},
    {FILE_PY, "a.py", "D = \"\"\"\nsslmode=disable\n\"\"\"\n", 1, NULL},
    {FILE_JS, "a.js", "const u = `\nsslmode=disable`;\n", 1, NULL},
    {FILE_GO, "a.go", "/* x\nsslmode=disable */\n", 1, NULL},
    {FILE_JSON, "a.json", "{\n\"u\": \"sslmode=disable\"}\n", 1, NULL},
    {FILE_ENV, "a.env", "A=\"one\nsslmode=disable\"\n", 1, NULL},
    {FILE_ENV, "a.env", "# it's here\nA=sslmode=disable\n", 1,
     "# pgtlslint: ignore PGT301 -- TODO: say why this is safe\n"},
    {FILE_SHELL, "a.sh", "psql \\\n  'sslmode=disable'\n", 1, NULL},
    {FILE_PROPERTIES, "a.properties", "u=a\\\n  sslmode=disable\n", 1, NULL},
    {FILE_YAML, "a.yaml", "env:\n  DSN: |\n    sslmode=disable\n", 2, NULL},
    {FILE_YAML, "a.yaml", "env:\n  DSN: >-\n\n    sslmode=disable\n", 3, NULL},
    {FILE_YAML, "a.yaml", "env:\n  DSN: sslmode=disable\n", 1,
     "  # pgtlslint: ignore PGT301 -- TODO: say why this is safe\n"},
    {FILE_TOML, "a.toml", "u = '''\nsslmode=disable'''\n", 1, NULL},
    {FILE_HBA, "pg_hba.conf", "host all all 0.0.0.0/0 md5\n", 0,
     "# pgtlslint: ignore PGT301 -- TODO: say why this is safe\n"},
};

START_TEST(test_ignore_edit)
{
	const char *t = ignores[_i].text;
	struct lsp_pos p = {(uint32_t)ignores[_i].line, 0};
	struct buf out = BUF_INIT;
	int rc =
	    ignore_line_edit(ignores[_i].kind, ignores[_i].path, t, strlen(t),
			     lsp_offset_of(t, strlen(t), p), "PGT301", &out);

	if (ignores[_i].want) {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(out.ptr, ignores[_i].want);
	} else
		ck_assert_msg(rc == -1, "case %d: %s", _i, out.ptr);
	buf_release(&out);
}
END_TEST

Suite *
suite_lsp(void)
{
	Suite *s = suite_create("lsp");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_uri_to_path, 0,
			    sizeof(uris) / sizeof(uris[0]));
	tcase_add_test(tc, test_positions);
	tcase_add_test(tc, test_changes);
	tcase_add_loop_test(tc, test_ignore_edit, 0,
			    sizeof(ignores) / sizeof(ignores[0]));
	suite_add_tcase(s, tc);
	return s;
}
