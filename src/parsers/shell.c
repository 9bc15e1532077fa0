/* SPDX-License-Identifier: MIT */
/*
 * shell.c — the variable assignments of a POSIX shell script, as the
 * shell performs them (https://pubs.opengroup.org/onlinepubs/9699919799/
 * utilities/V3_chap02.html, 2.9.1 Simple Commands and 2.6.2 Parameter
 * Expansion):
 *
 * - NAME=value words before a command's name (export, local, readonly
 *   and declare take them as arguments too): "PGPASSWORD=x psql" sets
 *   the variable for that command, "export PGPASSWORD=x" for the rest;
 * - ${NAME:=word} and ${NAME=word} assign word when NAME is unset or
 *   empty (": ${PGHOST:=localhost}");
 * - docker's --env=NAME=value, --env NAME=value and -e NAME=value hand
 *   the container a variable (https://docs.docker.com/reference/cli/
 *   docker/container/run/#env).
 *
 * A value is a word: '...' (literal), "..." (\" \\ \$ \` escaped) and
 * bare bytes, joined; a backslash-newline is removed everywhere but in
 * single quotes (2.2.1). Values keep their $-expansions as written, for
 * model/template.c to read. Commands are split at ; & | ( ) and newline.
 */
#include "shell.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/xalloc.h"

static int
name_start(char c)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
name_char(char c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* A character that ends a word outside quotes. */
static int
word_end(char c)
{
	return blank(c) || c == '\n' || c == ';' || c == '&' || c == '|' ||
	       c == '(' || c == ')' || c == '<' || c == '>';
}

/* The end of the ${...} opening at s[i] ('$'), or n. */
static size_t
brace_end(const char *s, size_t i, size_t n)
{
	int depth = 0;

	for (i++; i < n; i++) {
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && !--depth)
			return i;
		else if (s[i] == '\\' && i + 1 < n)
			i++;
	}
	return n;
}

/*
 * Reads the word at s[*i] into out (quotes removed, expansions kept as
 * written); returns 1 when out is the source's bytes from *vb on.
 */
static int
read_word(const char *s, size_t *i, size_t n, struct buf *out, size_t *vb,
	  size_t *ve)
{
	size_t p = *i;
	int verbatim = 1;

	buf_reset(out);
	*vb = p;
	while (p < n && !word_end(s[p])) {
		char c = s[p];

		if (c == '\\' && p + 1 < n && s[p + 1] == '\n') {
			p += 2; /* a continuation */
			if (p - 2 == *vb) /* the word starts on the next line */
				*vb = p;
			else
				verbatim = 0;
		} else if (c == '\\' && p + 1 < n) {
			buf_addch(out, s[p + 1]);
			p += 2;
			verbatim = 0;
		} else if (c == '\'') {
			if (p == *vb)
				*vb = p + 1;
			else
				verbatim = 0;
			for (p++; p < n && s[p] != '\''; p++)
				buf_addch(out, s[p]);
			p++;
			if (p < n && !word_end(s[p]))
				verbatim = 0;
		} else if (c == '"') {
			if (p == *vb)
				*vb = p + 1;
			else
				verbatim = 0;
			for (p++; p < n && s[p] != '"'; p++) {
				if (s[p] == '\\' && p + 1 < n &&
				    strchr("\"\\$`\n", s[p + 1])) {
					if (s[p + 1] != '\n')
						buf_addch(out, s[p + 1]);
					p++;
					verbatim = 0;
					continue;
				}
				if (s[p] == '$' && p + 1 < n &&
				    s[p + 1] == '{') {
					size_t e = brace_end(s, p, n);

					buf_add(out, s + p, e - p + (e < n));
					p = e;
					continue;
				}
				buf_addch(out, s[p]);
			}
			p++;
			if (p < n && !word_end(s[p]))
				verbatim = 0;
		} else if (c == '$' && p + 1 < n && s[p + 1] == '{') {
			size_t e = brace_end(s, p, n);

			buf_add(out, s + p, e - p + (e < n));
			p = e + (e < n);
		} else {
			buf_addch(out, c);
			p++;
		}
	}
	*ve = verbatim ? *vb + out->len : p;
	*i = p > n ? n : p;
	return verbatim;
}

static void
add(struct assignments *out, const char *s, size_t nb, size_t ne,
    const struct buf *val, size_t vb, size_t ve, int verbatim, int local)
{
	struct assignment *a =
	    assignments_add_span(out, s, nb, ne, val, vb, ve, verbatim);

	if (a)
		a->local = local;
}

/* NAME=word at s[*i]: adds it and returns 1, leaving *i after the word. */
static int
assignment_word(const char *s, size_t *i, size_t n, struct assignments *out,
		struct buf *val, int local)
{
	size_t p = *i, nb = p, ne, vb, ve;
	int verbatim;

	if (!name_start(s[p]))
		return 0;
	while (p < n && name_char(s[p]))
		p++;
	if (p >= n || s[p] != '=')
		return 0;
	ne = p++;
	verbatim = read_word(s, &p, n, val, &vb, &ve);
	add(out, s, nb, ne, val, vb, ve, verbatim, local);
	*i = p;
	return 1;
}

/* Every ${NAME:=word} and ${NAME=word} in s[b..e): NAME assigned word. */
static void
assign_defaults(const char *s, size_t b, size_t e, struct assignments *out)
{
	size_t p;

	for (p = b; p + 2 < e; p++) {
		size_t nb, ne, close, wb;
		struct buf word = BUF_INIT;

		if (s[p] != '$' || s[p + 1] != '{')
			continue;
		nb = p + 2;
		for (ne = nb; ne < e && name_char(s[ne]); ne++)
			;
		close = brace_end(s, p, e);
		if (ne == nb || close >= e)
			continue;
		if (s[ne] == ':' && ne + 1 < close && s[ne + 1] == '=')
			wb = ne + 2;
		else if (s[ne] == '=')
			wb = ne + 1;
		else
			continue;
		/* quotes around the word are the shell's, not the value's */
		if (close > wb + 1 && (s[wb] == '\'' || s[wb] == '"') &&
		    s[close - 1] == s[wb]) {
			buf_add(&word, s + wb + 1, close - wb - 2);
			add(out, s, nb, ne, &word, wb + 1, close - 1, 1, 1);
		} else {
			buf_add(&word, s + wb, close - wb);
			add(out, s, nb, ne, &word, wb, close, 1, 1);
		}
		buf_release(&word);
	}
}

void
shell_parse(const char *text, size_t len, assign_keep_fn keep,
	    struct assignments *out)
{
	struct buf val = BUF_INIT, skip = BUF_INIT;
	size_t i = 0, vb, ve, first = 0;
	int cmd_start = 1, env_flag = 0, exporting = 0;

	assignments_init(out, keep);
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		i = 3;
	assign_defaults(text, i, len, out);
	first = out->nr;
	while (i < len) {
		char c = text[i];

		if (blank(c) ||
		    (c == '\\' && i + 1 < len && text[i + 1] == '\n')) {
			i += c == '\\' ? 2 : 1;
			continue;
		}
		if (c == '#' &&
		    (i == 0 || blank(text[i - 1]) || text[i - 1] == '\n')) {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' ||
		    c == ')' || c == '`') {
			cmd_start = 1;
			env_flag = exporting = 0;
			first = out->nr;
			i++;
			continue;
		}
		if (c == '<' || c == '>') {
			i++;
			continue;
		}
		/* a word */
		if ((cmd_start || env_flag) &&
		    assignment_word(text, &i, len, out, &val,
				    !exporting && !env_flag)) {
			env_flag = 0;
			continue; /* still before the command's name */
		}
		if (!strncmp(text + i, "--env=", 6) && i + 6 < len) {
			size_t p = i + 6;

			if (!assignment_word(text, &p, len, out, &val, 0))
				read_word(text, &p, len, &skip, &vb, &ve);
			i = p;
			continue;
		}
		/* a command's name: the assignments before it are its
		 * environment */
		if (cmd_start)
			for (; first < out->nr; first++)
				out->v[first].local = 0;
		{
			size_t p = i;

			read_word(text, &p, len, &skip, &vb, &ve);
			/* export, local, readonly, declare, env and
			 * docker's -e/--env take assignments next */
			cmd_start =
			    (skip.len == 6 && !strcmp(skip.ptr, "export")) ||
			    (skip.len == 5 && !strcmp(skip.ptr, "local")) ||
			    (skip.len == 8 && !strcmp(skip.ptr, "readonly")) ||
			    (skip.len == 7 && !strcmp(skip.ptr, "declare")) ||
			    (skip.len == 3 && !strcmp(skip.ptr, "env")) ||
			    (skip.len == 4 && (!strcmp(skip.ptr, "then") ||
					       !strcmp(skip.ptr, "else"))) ||
			    (skip.len == 2 && (!strcmp(skip.ptr, "do") ||
					       !strcmp(skip.ptr, "-a")));
			env_flag =
			    (skip.len == 2 && !strcmp(skip.ptr, "-e")) ||
			    (skip.len == 5 && !strcmp(skip.ptr, "--env"));
			exporting |=
			    (skip.len == 6 && !strcmp(skip.ptr, "export")) ||
			    (skip.len == 3 && !strcmp(skip.ptr, "env"));
			first = out->nr;
			i = p > i ? p : i + 1;
		}
	}
	buf_release(&val);
	buf_release(&skip);
}
