/* SPDX-License-Identifier: MIT */
/* fix.c — rewrite files with the findings' fixes, or diff them. */
#include "fix.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/mask.h"
#include "util/sort.h"
#include "util/source.h"
#include "util/xalloc.h"

#define CONTEXT 3

static int
cmp_fixable(const void *a, const void *b)
{
	const struct finding *x = *(struct finding *const *)a;
	const struct finding *y = *(struct finding *const *)b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->fix->begin != y->fix->begin)
		return x->fix->begin < y->fix->begin ? -1 : 1;
	return strcmp(x->rule->id, y->rule->id);
}

/* Lines of text (without their '\n'), as offsets. */
struct lines {
	size_t *start, *len;
	size_t nr;
};

static void
split(const char *t, size_t n, struct lines *l)
{
	size_t i, b = 0, alloc = 0, alloc2 = 0;

	memset(l, 0, sizeof(*l));
	for (i = 0; i <= n; i++) {
		if (i < n && t[i] != '\n')
			continue;
		if (i == n && b == n)
			break;
		ALLOC_GROW(l->start, l->nr + 1, alloc);
		ALLOC_GROW(l->len, l->nr + 1, alloc2);
		l->start[l->nr] = b;
		l->len[l->nr] = i - b;
		l->nr++;
		b = i + 1;
	}
}

static void
put_line(struct buf *d, char sign, const char *t, const struct lines *l,
	 size_t i)
{
	char *m = mask_conninfo(t + l->start[i], l->len[i]);

	buf_addch(d, sign);
	buf_adds(d, m);
	buf_addch(d, '\n');
	free(m);
}

static int
same_line(const char *a, const struct lines *la, size_t i, const char *b,
	  const struct lines *lb, size_t j)
{
	return la->len[i] == lb->len[j] &&
	       !memcmp(a + la->start[i], b + lb->start[j], la->len[i]);
}

/*
 * A unified diff of old and new. Fixes change bytes within lines and may
 * add lines at the end, so lines pair up by number; hunks join changes
 * closer than twice the context.
 */
static void
unified_diff(struct buf *d, const char *path, const char *old, size_t on,
	     const char *new, size_t nn)
{
	struct lines a, b;
	size_t i = 0, n;

	split(old, on, &a);
	split(new, nn, &b);
	n = a.nr > b.nr ? a.nr : b.nr;
	if (path[0] == '/')
		buf_addf(d, "--- %s\n+++ %s\n", path, path);
	else
		buf_addf(d, "--- a/%s\n+++ b/%s\n", path, path);
	while (i < n) {
		size_t first, last, from, to, k, olen = 0, nlen = 0;

		while (i < n && i < a.nr && i < b.nr &&
		       same_line(old, &a, i, new, &b, i))
			i++;
		if (i >= n)
			break;
		first = last = i;
		for (k = i; k < n; k++)
			if (k >= a.nr || k >= b.nr ||
			    !same_line(old, &a, k, new, &b, k)) {
				if (k > last + (size_t)2 * CONTEXT)
					break;
				last = k;
			}
		from = first > CONTEXT ? first - CONTEXT : 0;
		to = last + CONTEXT + 1;
		for (k = from; k < to; k++) {
			olen += k < a.nr;
			nlen += k < b.nr;
		}
		buf_addf(d, "@@ -%zu,%zu +%zu,%zu @@\n", from + 1, olen,
			 from + 1, nlen);
		for (k = from; k < to && k < n; k++) {
			if (k < a.nr && k < b.nr &&
			    same_line(old, &a, k, new, &b, k))
				put_line(d, ' ', old, &a, k);
			else {
				if (k < a.nr)
					put_line(d, '-', old, &a, k);
				if (k < b.nr)
					put_line(d, '+', new, &b, k);
			}
		}
		i = last + 1;
	}
	free(a.start);
	free(a.len);
	free(b.start);
	free(b.len);
}

static int
write_file(const char *path, const struct buf *content, char **err)
{
	char *tmp = xasprintf("%s.pgtlslint-fix", path);
	struct stat st;
	FILE *f;
	int ok;

	f = fopen(tmp, "w");
	ok = f && fwrite(content->ptr, 1, content->len, f) == content->len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (ok && stat(path, &st) == 0)
		chmod(tmp, st.st_mode & 07777);
	if (ok && rename(tmp, path) != 0)
		ok = 0;
	if (!ok) {
		*err = xasprintf("cannot write fixes to '%s': %s", path,
				 strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok ? 0 : -1;
}

/* One file: the fixes in v[0..n), sorted by offset. */
static void
fix_file(struct finding **v, size_t n, struct buf *diff, struct diags *diags,
	 struct fix_result *out)
{
	struct source src;
	struct buf next = BUF_INIT;
	size_t i, at = 0, used = 0;
	char *err = NULL;

	if (source_load(&src, v[0]->path, &err) != PGT_OK) {
		diags_add(diags, v[0]->path, 1, err);
		return;
	}
	for (i = 0; i < n; i++) {
		const struct fix *x = v[i]->fix;

		if (x->begin < at || x->end > src.len) {
			v[i] = NULL; /* overlaps an earlier fix: not applied */
			continue;
		}
		buf_add(&next, src.text + at, x->begin - at);
		buf_adds(&next, x->text);
		at = x->end;
		used++;
	}
	for (i = 0; !diff && i < n; i++)
		if (v[i])
			v[i]->fix->applied = 1;
	buf_add(&next, src.text + at, src.len - at);
	if (diff)
		unified_diff(diff, src.path, src.text, src.len, next.ptr,
			     next.len);
	else if (write_file(src.path, &next, &err)) {
		diags_add(diags, src.path, 1, err);
		used = 0;
		for (i = 0; i < n; i++)
			if (v[i])
				v[i]->fix->applied = 0;
	}
	out->applied += used;
	out->files += used > 0;
	buf_release(&next);
	source_release(&src);
}

static int
was_fixed(const struct finding *f, void *arg)
{
	(void)arg;
	return f->fix && f->fix->applied;
}

void
fix_apply(struct findings *fs, struct buf *diff, struct diags *diags,
	  struct fix_result *out)
{
	struct finding **v = xmalloc((fs->nr + 1) * sizeof(*v));
	size_t i, j, n = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < fs->nr; i++)
		if (fs->v[i].fix)
			v[n++] = &fs->v[i];
	sort_array(v, n, sizeof(*v), cmp_fixable);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(v[j]->path, v[i]->path); j++)
			;
		fix_file(v + i, j - i, diff, diags, out);
	}
	if (!diff) /* what was fixed is no longer a finding */
		findings_drop_if(fs, was_fixed, NULL);
	free(v);
}
