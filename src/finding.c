/* SPDX-License-Identifier: MIT */
/* finding.c — the findings list: add, sort, free. */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

#include "secrets.h"
#include "util/hash.h"
#include "util/sort.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void
finding_place(struct finding *f, const struct source *src, size_t begin,
	      size_t end)
{
	struct pos b = source_pos(src, begin), e;
	const char *line = source_line(src, b.line, &f->snippet_end);
	size_t at = (size_t)(line - src->text), len = f->snippet_end;

	if (end < begin)
		end = begin;
	if (end - at > len)
		end = at + len;
	if (end < begin)
		end = begin;
	e = source_pos(src, end);
	f->line = b.line;
	f->col = b.col;
	f->end_line = e.line;
	f->end_col = e.col;
	/* a span may start at the line's end (its CR LF): columns stop at
	 * the text of the line */
	f->snippet_col = begin - at < len ? begin - at : len;
	f->snippet_end = end - at < len ? end - at : len;
	f->col16 = (uint32_t)utf8_utf16_units(line, f->snippet_col) + 1;
	f->end_col16 = (uint32_t)utf8_utf16_units(line, f->snippet_end) + 1;
	f->snippet = xstrndup(line, len);
	f->masked = 0;
}

void
finding_mask(struct finding *f, const struct source *src)
{
	size_t len;
	const char *line;

	if (f->masked)
		return;
	f->masked = 1;
	if (!secrets_of(src)->nr)
		return; /* most files: nothing to hide */
	line = source_line(src, f->line, &len);
	free(f->snippet);
	f->snippet = secrets_mask_span(src, (size_t)(line - src->text),
				       (size_t)(line - src->text) + len,
				       &f->snippet_col, &f->snippet_end);
	secrets_mask_message(src, &f->message);
}

void
findings_mask(struct findings *fs, size_t from, const struct source *src)
{
	size_t i;

	for (i = from; i < fs->nr; i++)
		if (!strcmp(fs->v[i].path, src->path))
			finding_mask(&fs->v[i], src);
}

struct finding *
findings_add(struct findings *fs, const struct rule *rule,
	     const struct source *src, size_t begin, size_t end, char *message)
{
	struct finding *f;

	ALLOC_GROW(fs->v, fs->nr + 1, fs->alloc);
	f = &fs->v[fs->nr++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = rule->severity;
	f->path = xstrdup(src->path);
	finding_place(f, src, begin, end);
	f->message = message;
	return f;
}

void
finding_set_fix(struct finding *f, const struct source *src, size_t begin,
		size_t end, const char *text)
{
	struct fix *x = xcalloc(1, sizeof(*x));
	struct pos b = source_pos(src, begin), e = source_pos(src, end);
	size_t len;
	const char *line = source_line(src, b.line, &len);
	size_t at = (size_t)(line - src->text);
	size_t c0 = begin - at, c1 = (e.line == b.line ? end : begin) - at;

	x->begin = begin;
	x->end = end;
	x->text = xstrdup(text);
	x->line = b.line;
	x->col = b.col;
	x->end_col = e.line == b.line ? e.col : b.col;
	/* columns stop at the text of the line (a fix may append at its end) */
	x->col16 = (uint32_t)utf8_utf16_units(line, c0 < len ? c0 : len) + 1;
	x->end_col16 = (uint32_t)utf8_utf16_units(line, c1 < len ? c1 : len) + 1;
	x->kind = src->kind;
	x->from_stdin = src->from_stdin;
	x->text_hash = source_hash(src);
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
		free(f->fix);
	}
	memset(f, 0, sizeof(*f));
}

uint64_t
finding_fingerprint(const struct finding *f)
{
	uint64_t h = HASH_SEED;
	const char *s;

	h = mem_hash(h, f->rule->id, strlen(f->rule->id) + 1);
	h = mem_hash(h, f->path, strlen(f->path) + 1);
	for (s = f->snippet; *s; s++)
		if (*s != ' ' && *s != '\t')
			h = mem_hash(h, s, 1);
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
