/* SPDX-License-Identifier: MIT */
/* finding.c — the findings list: add, sort, free. */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/sort.h"

struct finding *
findings_add(struct findings *fs, const struct rule *rule,
	     const struct source *src, size_t begin, size_t end,
	     char *message)
{
	struct finding *f;
	struct pos b = source_pos(src, begin), e;
	const char *line;
	size_t len;

	/* A span never crosses its first line in the output. */
	line = source_line(src, b.line, &len);
	if (end < begin)
		end = begin;
	if (end - (size_t)(line - src->text) > len)
		end = (size_t)(line - src->text) + len;
	if (end < begin)
		end = begin;
	e = source_pos(src, end);
	ALLOC_GROW(fs->v, fs->nr + 1, fs->alloc);
	f = &fs->v[fs->nr++];
	f->rule = rule;
	f->severity = rule->severity;
	f->path = xstrdup(src->path);
	f->line = b.line;
	f->col = b.col;
	f->end_line = e.line;
	f->end_col = e.col;
	f->message = message;
	f->snippet = xstrndup(line, len);
	f->fix = NULL;
	return f;
}

void
finding_set_fix(struct finding *f, const struct source *src, size_t begin,
		size_t end, const char *text)
{
	struct fix *x = xcalloc(1, sizeof(*x));
	struct pos b = source_pos(src, begin), e = source_pos(src, end);
	const char *line;
	size_t len;

	x->begin = begin;
	x->end = end;
	x->text = xstrdup(text);
	x->line = b.line;
	x->col = b.col;
	x->end_col = e.line == b.line ? e.col : b.col;
	line = source_line(src, b.line, &len);
	x->line_text = xstrndup(line, len);
	f->fix = x;
}

void
finding_release(struct finding *f)
{
	free(f->path);
	free(f->message);
	free(f->snippet);
	if (f->fix) {
		free(f->fix->text);
		free(f->fix->line_text);
		free(f->fix);
	}
	memset(f, 0, sizeof(*f));
}

static uint64_t
fnv1a(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

uint64_t
finding_fingerprint(const struct finding *f)
{
	uint64_t h = 14695981039346656037ull;
	const char *s;

	h = fnv1a(h, f->rule->id, strlen(f->rule->id) + 1);
	h = fnv1a(h, f->path, strlen(f->path) + 1);
	for (s = f->snippet; *s; s++)
		if (*s != ' ' && *s != '\t')
			h = fnv1a(h, s, 1);
	return h;
}

static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	c = strcmp(x->rule->id, y->rule->id);
	if (c)
		return c;
	return strcmp(x->message, y->message);
}

size_t
findings_drop_if(struct findings *fs,
		 int (*drop)(const struct finding *f, void *arg), void *arg)
{
	size_t i, kept = 0, dropped = 0;

	for (i = 0; i < fs->nr; i++) {
		if (drop(&fs->v[i], arg)) {
			finding_release(&fs->v[i]);
			dropped++;
			continue;
		}
		fs->v[kept++] = fs->v[i];
	}
	fs->nr = kept;
	return dropped;
}

/* Sorts, then drops exact repeats: the same rule saying the same thing
 * at the same place (one value reached by two carriers' paths). */
void
findings_sort(struct findings *fs)
{
	size_t i, kept = 0;

	sort_array(fs->v, fs->nr, sizeof(*fs->v), cmp_finding);
	for (i = 0; i < fs->nr; i++) {
		if (kept && !cmp_finding(&fs->v[kept - 1], &fs->v[i])) {
			finding_release(&fs->v[i]);
			continue;
		}
		fs->v[kept++] = fs->v[i];
	}
	fs->nr = kept;
}

void
findings_release(struct findings *fs)
{
	size_t i;

	for (i = 0; i < fs->nr; i++)
		finding_release(&fs->v[i]);
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}
