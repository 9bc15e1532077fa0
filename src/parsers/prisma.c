/* SPDX-License-Identifier: MIT */
/*
 * prisma.c — datasource blocks of a Prisma schema (prisma docs
 * orm/reference/prisma-schema-reference, "datasource"):
 *   datasource NAME { provider = "postgresql"  url = "..." | env("X") }
 * Lines are "key = value"; "//" starts a comment; strings are
 * double-quoted with backslash escapes.
 */
#include "prisma.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

static int
word_at(const char *t, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i + n <= len && !memcmp(t + i, w, n) &&
	       (i == 0 || !(t[i - 1] == '_' || (t[i - 1] >= 'a' && t[i - 1] <= 'z') ||
			    (t[i - 1] >= 'A' && t[i - 1] <= 'Z'))) &&
	       (i + n == len || !(t[i + n] == '_' ||
				  (t[i + n] >= 'a' && t[i + n] <= 'z') ||
				  (t[i + n] >= 'A' && t[i + n] <= 'Z')));
}

/* The string literal's body after "key =" at i, or 0. */
static int
string_value(const char *t, size_t len, size_t i, size_t *b, size_t *e,
	     int *verbatim)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i >= len || t[i] != '=')
		return 0;
	i++;
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i >= len || t[i] != '"')
		return 0;
	*b = ++i;
	*verbatim = 1;
	while (i < len && t[i] != '"' && t[i] != '\n') {
		if (t[i] == '\\') {
			*verbatim = 0;
			i++;
		}
		i++;
	}
	if (i >= len || t[i] != '"')
		return 0;
	*e = i;
	return 1;
}

void
prisma_parse(const char *text, size_t len, struct prisma_schema *out)
{
	size_t i = 0, block_first = 0;
	int in_block = 0, postgres = 0;

	memset(out, 0, sizeof(*out));
	while (i < len) {
		size_t b, e, k;
		int verbatim;

		if (text[i] == '/' && i + 1 < len && text[i + 1] == '/') {
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		if (text[i] == '"') { /* skip strings outside keys we read */
			for (i++; i < len && text[i] != '"' && text[i] != '\n';
			     i++)
				if (text[i] == '\\')
					i++;
			i++;
			continue;
		}
		if (!in_block && word_at(text, len, i, "datasource")) {
			while (i < len && text[i] != '{' && text[i] != '\n')
				i++;
			if (i < len && text[i] == '{') {
				in_block = 1;
				postgres = 0;
				block_first = out->nr;
			}
			i++;
			continue;
		}
		if (in_block && text[i] == '}') {
			for (k = block_first; k < out->nr; k++)
				out->v[k].postgres = postgres;
			in_block = 0;
			i++;
			continue;
		}
		if (in_block && word_at(text, len, i, "provider") &&
		    string_value(text, len, i + 8, &b, &e, &verbatim)) {
			postgres = (e - b == 10 &&
				    !memcmp(text + b, "postgresql", 10)) ||
				   (e - b == 8 && !memcmp(text + b, "postgres", 8));
			i = e + 1;
			continue;
		}
		if (in_block && (word_at(text, len, i, "url") ||
				 word_at(text, len, i, "directUrl")) &&
		    string_value(text, len, i + (text[i] == 'u' ? 3 : 9), &b,
				 &e, &verbatim)) {
			ALLOC_GROW(out->v, out->nr + 1, out->alloc);
			out->v[out->nr].begin = b;
			out->v[out->nr].end = e;
			out->v[out->nr].verbatim = verbatim;
			out->v[out->nr++].postgres = 0;
			i = e + 1;
			continue;
		}
		i++;
	}
}

void
prisma_release(struct prisma_schema *ps)
{
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}
