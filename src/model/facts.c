/* SPDX-License-Identifier: MIT */
/* facts.c — the list of facts detectors fill (see facts.h). */
#include "facts.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

/* Needle n at p (end: the text's end): a keyword needle ("host=") takes
 * blanks before its '='. */
static int
needle_at(const char *p, const char *end, const char *n, size_t len)
{
	size_t k = n[len - 1] == '=' && len > 1 ? len - 1 : len;

	if ((size_t)(end - p) < k || memcmp(p, n, k))
		return 0;
	if (k == len)
		return 1;
	for (p += k; p < end && (*p == ' ' || *p == '\t'); p++)
		;
	return p < end && *p == '=';
}

int
facts_worth_reading(const struct fact_ctx *fx, const struct source *src,
		    const char *const *needles)
{
	/* A bit per pair of bytes that starts a needle: most positions are
	 * dismissed by one look-up (a one-byte needle sets every pair it
	 * starts). */
	unsigned char pairs[65536 / 8];
	const unsigned char *t = (const unsigned char *)src->text;
	const char *end = src->text + src->len;
	size_t i, k, lens[16], n;

	if (fx->no_prefilter)
		return 1;
	memset(pairs, 0, sizeof(pairs));
	for (n = 0; needles[n]; n++) {
		const unsigned char *w = (const unsigned char *)needles[n];

		if (n == sizeof(lens) / sizeof(lens[0]))
			return 1; /* more needles than we keep: read it */
		lens[n] = strlen(needles[n]);
		if (lens[n] == 1)
			for (k = 0; k < 256; k++)
				pairs[(w[0] | k << 8) >> 3] |= 1u << (w[0] & 7);
		else
			pairs[(w[0] | (unsigned)w[1] << 8) >> 3] |=
			    1u << (w[0] & 7);
	}
	/* the text ends in a NUL: t[i + 1] is always there */
	for (i = 0; i < src->len; i++) {
		unsigned pair = t[i] | (unsigned)t[i + 1] << 8;

		if (!(pairs[pair >> 3] & (1u << (pair & 7))))
			continue;
		for (k = 0; k < n; k++)
			if (needles[k][0] == (char)t[i] &&
			    needle_at(src->text + i, end, needles[k], lens[k]))
				return 1;
	}
	return 0;
}
