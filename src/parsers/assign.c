/* SPDX-License-Identifier: MIT */
/*
 * assign.c — the flat carrier formats:
 *
 * .env (the dotenv convention read by docker compose, python-dotenv,
 * dotenv for Node):
 *   line  := [ "export" blanks ] NAME "=" value [ blanks "#" comment ]
 *   value := '...' (literal) | "..." (\" and \\ escaped) | bytes to EOL
 *   An "export" line is a shell's: "X=\" at its end continues on the
 *   next line (POSIX 2.2.1, backslash-newline removed), up to a blank.
 *
 * Dockerfile (https://docs.docker.com/reference/dockerfile/#env):
 *   ENV key=value [key=value ...] | ENV key value-to-end-of-line
 *   ARG name[=default]    (instructions case-insensitive, '\' continues)
 *
 * .properties (java.util.Properties.load):
 *   key, then optional blanks, then '=' or ':' or a blank, then value;
 *   '#' or '!' first on a line is a comment; '\' at EOL continues.
 */
#include "assign.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/buf.h"
#include "../util/xalloc.h"

struct assignment *
assignments_add(struct assignments *as, const char *name, const char *path,
		const char *value, size_t vlen)
{
	struct assignment *a;

	if (as->keep && !as->keep->fn(as->keep->arg, name, path, value, vlen))
		return NULL;
	ALLOC_GROW(as->v, as->nr + 1, as->alloc);
	a = &as->v[as->nr++];
	memset(a, 0, sizeof(*a));
	a->name = xstrdup(name);
	a->path = path ? xstrdup(path) : NULL;
	a->value = xstrndup(value, vlen);
	return a;
}

void
assignments_init(struct assignments *as, assign_keep_fn keep)
{
	memset(as, 0, sizeof(*as));
	as->keep = keep;
}

void
assignments_release(struct assignments *as)
{
	size_t i;

	for (i = 0; i < as->nr; i++) {
		free(as->v[i].name);
		free(as->v[i].path);
		free(as->v[i].value);
	}
	free(as->v);
	memset(as, 0, sizeof(*as));
}

static int
name_char(char c, int first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
}

/*
 * One value starting at s[*i] up to end: quoted or bare. Fills out and
 * its source span; returns 1 when the bytes were copied verbatim.
 */
static int
read_value(const char *s, size_t *i, size_t end, int stop_at_blank,
	   struct buf *out, size_t *vb, size_t *ve)
{
	size_t p = *i;
	int verbatim = 1;

	buf_reset(out);
	*vb = p;
	if (p < end && (s[p] == '\'' || s[p] == '"')) {
		char q = s[p++];

		*vb = p;
		while (p < end && s[p] != q) {
			if (q == '"' && s[p] == '\\' && p + 1 < end) {
				p++;
				verbatim = 0;
			}
			buf_addch(out, s[p++]);
		}
		*ve = p;
		*i = p + (p < end);
		return verbatim;
	}
	while (
	    p < end && !(stop_at_blank && (s[p] == ' ' || s[p] == '\t')) &&
	    !(p > *vb && s[p] == '#' && (s[p - 1] == ' ' || s[p - 1] == '\t')))
		p++;
	buf_add(out, s + *vb, p - *vb);
	while (out->len && (out->ptr[out->len - 1] == ' ' ||
			    out->ptr[out->len - 1] == '\t' ||
			    out->ptr[out->len - 1] == '\r')) {
		out->ptr[--out->len] = '\0';
	}
	*ve = *vb + out->len;
	*i = p;
	return 1;
}

struct assignment *
assignments_add_span(struct assignments *out, const char *s, size_t nb,
		     size_t ne, const struct buf *val, size_t vb, size_t ve,
		     int verbatim)
{
	char *name = xstrndup(s + nb, ne - nb);
	struct assignment *a =
	    assignments_add(out, name, NULL, val->ptr, val->len);

	if (a) {
		a->name_begin = nb;
		a->name_end = ne;
		a->value_begin = vb;
		a->value_end = ve;
		a->verbatim = verbatim;
	}
	free(name);
	return a;
}

/* An unquoted value that is only a backslash at the line's end, with a
 * line after it. */
static int
shell_continued(const char *text, size_t p, size_t end, size_t len)
{
	if (end < len && end > p && text[end - 1] == '\r')
		end--;
	return end == p + 1 && text[p] == '\\' && end < len;
}

void
envfile_parse(const char *text, size_t len, assign_keep_fn keep,
	      struct assignments *out)
{
	struct buf val = BUF_INIT;
	size_t i = 0; /* a byte order mark is gone: source_decode */

	assignments_init(out, keep);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, p = i, nb, vb, ve;
		int verbatim;

		int exported = 0;

		while (p < end && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (end - p > 7 && !strncmp(text + p, "export ", 7)) {
			p += 7;
			exported = 1;
		}
		nb = p;
		while (p < end && name_char(text[p], p == nb))
			p++;
		if (p > nb && p < end && text[p] == '=') {
			size_t ne = p++;

			if (exported && shell_continued(text, p, end, len)) {
				/* export X=\ + newline: a file sourced by a
				 * shell, which drops the backslash-newline:
				 * the value is the next line's first word */
				p = end + 1;
				nl = memchr(text + p, '\n', len - p);
				end = nl ? (size_t)(nl - text) : len;
				verbatim = read_value(text, &p, end, 1, &val,
						      &vb, &ve);
			} else
				verbatim = read_value(text, &p, end, 0, &val,
						      &vb, &ve);
			assignments_add_span(out, text, nb, ne, &val, vb, ve,
					     verbatim);
		}
		i = nl ? end + 1 : len;
	}
	buf_release(&val);
}

/* The pairs of one ENV/ARG instruction, text[p..end) (continuations
 * already inside: treated as blanks). */
static void
docker_pairs(const char *s, size_t p, size_t end, int is_env,
	     struct assignments *out, struct buf *val)
{
	size_t nb, ne, vb, ve;
	int verbatim;

	while (p < end) {
		while (p < end && strchr(" \t\\\r\n", s[p]))
			p++;
		nb = p;
		while (p < end && name_char(s[p], p == nb))
			p++;
		ne = p;
		if (ne == nb)
			return;
		if (p < end && s[p] == '=') {
			p++;
			verbatim = read_value(s, &p, end, 1, val, &vb, &ve);
		} else if (is_env && p < end) {
			/* Legacy "ENV key value": the rest is the value. */
			while (p < end && (s[p] == ' ' || s[p] == '\t'))
				p++;
			verbatim = read_value(s, &p, end, 0, val, &vb, &ve);
		} else {
			buf_reset(val);
			vb = ve = p;
			verbatim = 1;
		}
		assignments_add_span(out, s, nb, ne, val, vb, ve, verbatim);
	}
}

void
dockerfile_parse(const char *text, size_t len, assign_keep_fn keep,
		 struct assignments *out)
{
	struct buf val = BUF_INIT;
	size_t i = 0; /* a byte order mark is gone: source_decode */

	assignments_init(out, keep);
	while (i < len) {
		size_t end = i, p;

		/* A logical line: physical lines joined by a trailing '\'. */
		for (;;) {
			const char *nl = memchr(text + end, '\n', len - end);
			size_t e = nl ? (size_t)(nl - text) : len, t = e;

			while (t > end &&
			       (text[t - 1] == ' ' || text[t - 1] == '\t' ||
				text[t - 1] == '\r'))
				t--;
			end = e;
			if (!nl || t == 0 || text[t - 1] != '\\')
				break;
			end = e + 1;
		}
		p = i;
		while (p < end && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (end - p > 4 && !strncasecmp(text + p, "ENV", 3) &&
		    (text[p + 3] == ' ' || text[p + 3] == '\t'))
			docker_pairs(text, p + 4, end, 1, out, &val);
		else if (end - p > 4 && !strncasecmp(text + p, "ARG", 3) &&
			 (text[p + 3] == ' ' || text[p + 3] == '\t'))
			docker_pairs(text, p + 4, end, 0, out, &val);
		i = end + 1;
	}
	buf_release(&val);
}

/* Where a .properties key ends (java.util.Properties.load): '=', ':',
 * blanks, a line end; and a NUL byte, which ends the text we read. */
static int
key_stop(char c)
{
	switch (c) {
	case '=': case ':': case ' ': case '\t': case '\f': case '\r':
	case '\n': case '\0':
		return 1;
	default:
		return 0;
	}
}

void
properties_parse(const char *text, size_t len, assign_keep_fn keep,
		 struct assignments *out)
{
	struct buf key = BUF_INIT, val = BUF_INIT;
	size_t i = 0; /* a byte order mark is gone: source_decode */

	assignments_init(out, keep);
	while (i < len) {
		size_t p = i, nb, ne, vb;
		int verbatim = 1;

		while (p < len &&
		       (text[p] == ' ' || text[p] == '\t' || text[p] == '\f'))
			p++;
		if (p >= len || text[p] == '\n' || text[p] == '\r' ||
		    text[p] == '#' || text[p] == '!') {
			const char *nl = memchr(text + p, '\n', len - p);

			i = nl ? (size_t)(nl - text) + 1 : len;
			continue;
		}
		buf_reset(&key);
		nb = p;
		/* runs of plain bytes appended at once, not a call per
		 * byte; a '\\' takes the byte after it as it is */
		while (p < len && !key_stop(text[p])) {
			size_t run = p;

			while (run < len && !key_stop(text[run]) &&
			       text[run] != '\\')
				run++;
			buf_add(&key, text + p, run - p);
			p = run;
			if (p >= len || key_stop(text[p]))
				break;
			if (p + 1 < len)
				p++;
			buf_addch(&key, text[p++]);
		}
		ne = p;
		while (p < len && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (p < len && (text[p] == '=' || text[p] == ':'))
			p++;
		while (p < len && (text[p] == ' ' || text[p] == '\t'))
			p++;
		buf_reset(&val);
		vb = p;
		while (p < len && text[p] != '\n') {
			size_t run = p;

			while (run < len && text[run] != '\n' &&
			       text[run] != '\r' && text[run] != '\\')
				run++;
			buf_add(&val, text + p, run - p);
			p = run;
			if (p >= len || text[p] == '\n')
				break;
			if (text[p] == '\\' && p + 1 < len) {
				verbatim = 0;
				p++;
				if (text[p] == '\n' || text[p] == '\r') {
					/* continuation: skip the line end and
					 * the next line's leading blanks */
					while (p < len &&
					       strchr("\r\n", text[p]))
						p++;
					while (p < len &&
					       strchr(" \t\f", text[p]))
						p++;
					continue;
				}
				buf_addch(&val, text[p] == 't'	 ? '\t'
						: text[p] == 'n' ? '\n'
								 : text[p]);
				p++;
				continue;
			}
			if (text[p] != '\r')
				buf_addch(&val, text[p]);
			p++;
		}
		{
			struct assignment *a = assignments_add(
			    out, key.ptr, NULL, val.ptr, val.len);

			if (a) {
				a->name_begin = nb;
				a->name_end = ne;
				a->value_begin = vb;
				a->value_end = verbatim ? vb + val.len : p;
				a->verbatim = verbatim;
			}
		}
		i = p + (p < len);
	}
	buf_release(&key);
	buf_release(&val);
}

/*
 * TOML (toml.io v1.0.0), the part that holds settings: [table] and
 * [[array]] headers (dotted names), key = value lines, a value a basic
 * string "..." (backslash escapes), a literal string '...', or a bare
 * word (numbers, booleans). Multi-line strings, arrays and inline tables
 * are not read. A key's path is its table's name and the key, dotted.
 */
void
toml_parse(const char *text, size_t len, assign_keep_fn keep,
	   struct assignments *out)
{
	struct buf table = BUF_INIT, val = BUF_INIT;
	size_t i = 0;

	assignments_init(out, keep);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, p = i, nb, ne, vb,
		       ve;
		struct assignment *a;
		int verbatim = 1;

		i = nl ? end + 1 : len;
		while (p < end && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (p < end && text[p] == '[') {
			size_t q = p + 1 + (p + 1 < end && text[p + 1] == '[');
			size_t e = q;

			while (e < end && text[e] != ']')
				e++;
			buf_reset(&table);
			for (; q < e; q++)
				if (text[q] != ' ' && text[q] != '"')
					buf_addch(&table, text[q]);
			continue;
		}
		nb = p;
		while (p < end && name_char(text[p], p == nb))
			p++;
		ne = p;
		while (p < end && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (ne == nb || p >= end || text[p] != '=')
			continue;
		p++;
		while (p < end && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (p >= end || text[p] == '[' || text[p] == '{' ||
		    !strncmp(text + p, "\"\"\"", 3) ||
		    !strncmp(text + p, "\'\'\'", 3))
			continue;
		buf_reset(&val);
		if (text[p] == '"' || text[p] == '\'') {
			char q = text[p++];

			vb = p;
			while (p < end && text[p] != q) {
				if (q == '"' && text[p] == '\\' && p + 1 < end) {
					verbatim = 0;
					p++;
				}
				buf_addch(&val, text[p++]);
			}
			ve = p;
		} else {
			vb = p;
			while (p < end && !strchr(" \t#\r", text[p]))
				buf_addch(&val, text[p++]);
			ve = p;
		}
		a = assignments_add_span(out, text, nb, ne, &val, vb, ve,
					 verbatim);
		if (a && table.len)
			a->path = xasprintf("%s.%s", table.ptr, a->name);
	}
	buf_release(&table);
	buf_release(&val);
}
