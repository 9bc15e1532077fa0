/* SPDX-License-Identifier: MIT */
/* facts.c — the list of facts detectors fill (see facts.h). */
#include "facts.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/scan.h"
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

int
facts_worth_reading(const struct fact_ctx *fx, const struct source *src,
		    const char *const *needles)
{
	if (fx->no_prefilter)
		return 1;
	for (; *needles; needles++)
		if (scan_contains(src->text, src->len, *needles))
			return 1;
	return 0;
}
