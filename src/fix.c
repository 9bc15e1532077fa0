/* SPDX-License-Identifier: MIT */
/* fix.c — rewrite files with the findings' fixes, or diff them. */
#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secrets.h"
#include "util/sort.h"
#include "util/source.h"
#include "util/term.h"
#include "util/fdio.h"
#include "util/xalloc.h"

#define CONTEXT 3

static int
cmp_fixable(const void *a, const void *b)
{
	const struct finding *x = *(const struct finding *const *)a;
	const struct finding *y = *(const struct finding *const *)b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->fix->from_stdin != y->fix->from_stdin)
		return x->fix->from_stdin - y->fix->from_stdin;
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

/* Line i of src, its secrets masked and control bytes escaped. */
static void
put_line(struct buf *d, char sign, const struct source *src,
	 const struct lines *l, size_t i)
{
	char *m = secrets_mask_span(src, l->start[i], l->start[i] + l->len[i],
				    NULL, NULL);

	buf_addch(d, sign);
	term_escape(d, m, strlen(m), TERM_KEEP_TABS);
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
unified_diff(struct buf *d, const struct source *os, const struct source *ns)
{
	const char *old = os->text, *new = ns->text;
	struct lines a, b;
	struct buf path = BUF_INIT;
	size_t i = 0, n;

	split(old, os->len, &a);
	split(new, ns->len, &b);
	n = a.nr > b.nr ? a.nr : b.nr;
	term_escape(&path, os->path, strlen(os->path), 0);
	if (os->path[0] == '/')
		buf_addf(d, "--- %s\n+++ %s\n", path.ptr, path.ptr);
	else
		buf_addf(d, "--- a/%s\n+++ b/%s\n", path.ptr, path.ptr);
	buf_release(&path);
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
				put_line(d, ' ', os, &a, k);
			else {
				if (k < a.nr)
					put_line(d, '-', os, &a, k);
				if (k < b.nr)
					put_line(d, '+', ns, &b, k);
			}
		}
		i = last + 1;
	}
	free(a.start);
	free(a.len);
	free(b.start);
	free(b.len);
}

/* Whether path is one of roots or inside one (by real paths, so that no
 * link or ".." leads a write out of the tree given). */
static int
inside_roots(const char *path, const struct fix_options *opt)
{
	char *rp = realpath(path, NULL);
	size_t i;
	int in = 0;

	for (i = 0; rp && !in && i < opt->nroots; i++) {
		char *root = realpath(opt->roots[i], NULL);
		size_t n = root ? strlen(root) : 0;

		in = root && !strncmp(rp, root, n) &&
		     (rp[n] == '\0' || rp[n] == '/' || !strcmp(root, "/"));
		free(root);
	}
	free(rp);
	return in;
}

/*
 * Replaces the regular file path by text: a temporary file made with
 * mkstemp beside it (never a predictable name, never an existing one),
 * the old mode and owner, fsync, then rename. Returns 0, or -1 with *err.
 */
static int
write_file(const char *path, const struct buf *text, char **err)
{
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? xasprintf("%.*s/.pgtlslint-XXXXXX",
				      (int)(slash - path), path)
			  : xstrdup(".pgtlslint-XXXXXX");
	struct stat st, now;
	int fd = -1, made = 0, saved;

	if (lstat(path, &st) != 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		*err = xasprintf("not fixing '%s': %s", path,
				 S_ISLNK(st.st_mode) ? "it is a symbolic link"
						     : "not a regular file");
		free(tmp);
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		goto fail;
	made = 1;
	if (fd_write_all(fd, text->ptr, text->len) ||
	    fchmod(fd, st.st_mode & 07777))
		goto fail;
	if (fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM)
		goto fail;
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	/* the name must still be the file we read, not a link put there */
	if (lstat(path, &now) != 0 || now.st_dev != st.st_dev ||
	    now.st_ino != st.st_ino || !S_ISREG(now.st_mode)) {
		errno = EBUSY;
		goto fail;
	}
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (made)
		unlink(tmp);
	*err =
	    xasprintf("cannot write fixes to '%s': %s", path, strerror(saved));
	free(tmp);
	return -1;
}

/* The text the fixes of one file were made for: standard input's, or
 * the file's, which must not have changed since. */
static int
load_linted(const struct finding *f, const struct fix_options *opt,
	    struct source *src, char **err)
{
	if (f->fix->from_stdin) {
		if (!opt->stdin_text) {
			*err = xstrdup("standard input was not kept");
			return -1;
		}
		source_from_mem(src, f->path, opt->stdin_text->ptr,
				opt->stdin_text->len);
		src->from_stdin = 1;
	} else if (source_load(src, f->path, err) != PGT_OK)
		return -1;
	src->kind = f->fix->kind;
	source_decode(src);
	if (source_hash(src) != f->fix->text_hash) {
		*err = xasprintf("not fixing '%s': it changed while it was "
				 "linted",
				 f->path);
		source_release(src);
		return -1;
	}
	return 0;
}

/* One file: the fixes in v[0..n), sorted by offset. */
static void
fix_file(const struct finding **v, size_t n, const struct fix_options *opt,
	 struct diags *diags, struct fix_result *out)
{
	struct source src, fixed;
	struct buf next = BUF_INIT;
	size_t i, at = 0, used = 0;
	char *err = NULL;

	if (!v[0]->fix->from_stdin && !opt->diff &&
	    !inside_roots(v[0]->path, opt)) {
		diags_add(diags, v[0]->path, 1,
			  xasprintf("not fixing '%s': outside the paths given",
				    v[0]->path));
		return;
	}
	if (load_linted(v[0], opt, &src, &err)) {
		diags_add(diags, v[0]->path, 1, err);
		return;
	}
	for (i = 0; i < n; i++) {
		const struct fix *x = v[i]->fix;

		if (x->begin < at || x->end > src.len)
			continue; /* overlaps an earlier fix: not applied */
		buf_add(&next, src.text + at, x->begin - at);
		buf_adds(&next, x->text);
		at = x->end;
		used++;
	}
	buf_add(&next, src.text + at, src.len - at);
	if (!opt->diff && src.encoding != SOURCE_AS_IS) {
		struct buf bytes = BUF_INIT;

		if (source_encode(src.encoding, next.ptr, next.len, &bytes)) {
			diags_add(diags, src.path, 1,
				  xasprintf("not fixing '%s': UTF-16 files "
					    "are not rewritten",
					    src.path));
			buf_release(&bytes);
			buf_release(&next);
			source_release(&src);
			return;
		}
		buf_release(&next);
		next = bytes;
	}
	if (opt->diff) {
		source_from_mem(&fixed, src.path, next.ptr, next.len);
		fixed.kind = src.kind;
		unified_diff(opt->diff, &src, &fixed);
		source_release(&fixed);
	} else if (src.from_stdin) {
		buf_reset(opt->stdin_fixed);
		buf_add(opt->stdin_fixed, next.ptr, next.len);
	} else if (write_file(src.path, &next, &err)) {
		diags_add(diags, src.path, 1, err);
		used = 0;
	}
	out->applied += used;
	out->files += used > 0;
	buf_release(&next);
	source_release(&src);
}

void
fix_apply(const struct findings *fs, const struct fix_options *opt,
	  struct diags *diags, struct fix_result *out)
{
	const struct finding **v = xmalloc((fs->nr + 1) * sizeof(*v));
	size_t i, j, n = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < fs->nr; i++)
		if (fs->v[i].fix)
			v[n++] = &fs->v[i];
	sort_array(v, n, sizeof(*v), cmp_fixable);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(v[j]->path, v[i]->path) &&
				v[j]->fix->from_stdin == v[i]->fix->from_stdin;
		     j++)
			;
		fix_file(v + i, j - i, opt, diags, out);
	}
	free(v);
}
