/* SPDX-License-Identifier: MIT */
/* facts.c — the list of facts detectors fill (see facts.h). */
#include "facts.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "../util/needle_scan.h"
#include "../util/xalloc.h"

struct fact *
facts_add(struct facts *fs, enum fact_kind kind, const struct source *src,
	  size_t begin, size_t end, int driver, const char *fmt, ...)
{
	struct fact *f;
	va_list ap;

	ALLOC_GROW(fs->v, fs->nr + 1, fs->alloc);
	f = &fs->v[fs->nr++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->src = src;
	f->begin = begin;
	f->end = end;
	f->driver = driver;
	va_start(ap, fmt);
	f->what = xvasprintf(fmt, ap);
	va_end(ap);
	return f;
}

void
facts_add_connection(struct facts *fs, struct client_fact *conn)
{
	struct fact *f;

	ALLOC_GROW(fs->v, fs->nr + 1, fs->alloc);
	f = &fs->v[fs->nr++];
	memset(f, 0, sizeof(*f));
	f->kind = FACT_CONNECTION;
	f->src = conn->src;
	f->begin = conn->begin;
	f->end = conn->end;
	f->driver = (int)conn->driver;
	f->conn = xmalloc(sizeof(*f->conn));
	*f->conn = *conn;
	memset(conn, 0, sizeof(*conn));
}

void
fact_set_fix(struct fact *f, size_t begin, size_t end, const char *text)
{
	free(f->fix);
	f->has_fix = 1;
	f->fix_begin = begin;
	f->fix_end = end;
	f->fix = xstrdup(text);
}

void
facts_release(struct facts *fs)
{
	size_t i;

	for (i = 0; i < fs->nr; i++) {
		free(fs->v[i].what);
		free(fs->v[i].fix);
		if (fs->v[i].conn) {
			client_fact_release(fs->v[i].conn);
			free(fs->v[i].conn);
		}
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

static int
blank_or_newline(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/*
 * Whether the keyword at p, with blanks before its '=', is a variable
 * assigned in code rather than a keyword of a connection string. libpq
 * reads a keyword/value string as blank-separated words, each a keyword
 * with its '=' or the value after one (conninfo_parse in
 * src/interfaces/libpq/fe-connect.c), so the keyword cannot be part of a
 * longer word (this.host = h, self.host = h), nor follow bare words that
 * have no '=' before them on its line (String host = h, private final
 * String host = h): those would be keywords without '=', which libpq
 * refuses -- unless they continue the value of a keyword that ends an
 * earlier line ("dbname =" then a line break), so a line after '=' or a
 * '\' continuation is kept.
 */
static int
code_assignment(const char *text, const char *p)
{
	const char *q = p;
	int words = 0;

	if (q > text && (word_char(q[-1]) || q[-1] == '.'))
		return 1;
	while (q > text && q[-1] != '\n') {
		if (q[-1] == ' ' || q[-1] == '\t') {
			q--;
			continue;
		}
		if (!word_char(q[-1]))
			return 0;
		while (q > text && word_char(q[-1]))
			q--;
		words++;
	}
	while (q > text && blank_or_newline(q[-1]))
		q--;
	return words && (q == text || (q[-1] != '=' && q[-1] != '\\'));
}

/*
 * Needle n at p of text[0..end). A keyword needle ("host=") takes blanks
 * before its '=', as libpq does ("host = db"), and is no keyword right
 * after a '(' or ',' (blanks and line ends aside): there it is a keyword
 * argument, such as Python's app.run(host=...) or Redis(port=1,
 * host=...), which names no database. In a connection string a keyword
 * follows the string's start or a blank after a value; with blanks
 * before its '=' it may also be a variable assigned in code, which is no
 * keyword (code_assignment).
 */
static int
needle_at(const char *text, const char *p, const char *end, const char *n,
	  size_t len)
{
	size_t k = n[len - 1] == '=' && len > 1 ? len - 1 : len;
	const char *q, *eq;

	if ((size_t)(end - p) < k || memcmp(p, n, k))
		return 0;
	if (k == len)
		return 1;
	for (q = p; q > text && blank_or_newline(q[-1]); q--)
		;
	if (q > text && (q[-1] == '(' || q[-1] == ','))
		return 0;
	for (eq = p + k; eq < end && (*eq == ' ' || *eq == '\t'); eq++)
		;
	if (eq == end || *eq != '=')
		return 0;
	return eq == p + k || !code_assignment(text, p);
}

/* Whether one of needles[0..n) starts at text[i]. */
static int
needles_at(const struct source *src, size_t i, const char *const *needles,
	   const size_t *lens, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (needles[k][0] == src->text[i] &&
		    needle_at(src->text, src->text + i, src->text + src->len,
			      needles[k], lens[k]))
			return 1;
	return 0;
}

int
facts_worth_reading(const struct fact_ctx *fx, const struct source *src,
		    const char *const *needles)
{
	struct needle_scan ns;
	size_t i, lens[16], n;

	if (fx->no_prefilter)
		return 1;
	for (n = 0; needles[n]; n++) {
		if (n == sizeof(lens) / sizeof(lens[0]))
			return 1; /* more needles than we keep: read it */
		lens[n] = strlen(needles[n]);
	}
	if (needle_scan_init(&ns, needles))
		return 1; /* more leads than one scan tells apart: read it */
	for (i = 0; (i = needle_scan_next(&ns, src->text, src->len, i)) <
		    src->len;
	     i++)
		if (needles_at(src, i, needles, lens, n))
			return 1;
	return 0;
}
