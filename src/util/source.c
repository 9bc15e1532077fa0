/* SPDX-License-Identifier: MIT */
/* source.c — read a file once into memory and index its lines. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "xalloc.h"

/* The index lives behind a pointer so that a const source can fill it
 * in the first time a position is asked for. */
static const struct source_lines *
lines_of(const struct source *src)
{
	struct source_lines *l = src->lines;
	const char *p = src->text, *end = src->text + src->len, *nl;
	size_t alloc = 0;

	if (l->start)
		return l;
	ALLOC_GROW(l->start, 1, alloc);
	l->start[l->n++] = 0;
	while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
		p = nl + 1;
		ALLOC_GROW(l->start, l->n + 1, alloc);
		l->start[l->n++] = (size_t)(p - src->text);
	}
	return l;
}

size_t
source_nlines(const struct source *src)
{
	return lines_of(src)->n;
}

size_t
source_line_start(const struct source *src, size_t line)
{
	return lines_of(src)->start[line];
}

void
source_from_mem(struct source *src, const char *path, const char *text,
		size_t len)
{
	memset(src, 0, sizeof(*src));
	src->path = xstrdup(path);
	src->text = xmalloc(len + 1);
	memcpy(src->text, text, len);
	src->text[len] = '\0';
	src->len = len;
	src->lines = xcalloc(1, sizeof(*src->lines));
	src->secrets = xcalloc(1, sizeof(*src->secrets));
}

/*
 * Reads fd to its end straight into one buffer sized from expect (a
 * regular file's size; 0: unknown): one allocation and one read(2), whose
 * short count past the expected size is the end of the file. A file that
 * grew since fstat, a pipe or a file whose size says 0 (/proc) is read to
 * a read(2) of 0 bytes, the buffer growing.
 */
static int
read_all(struct source *src, const char *path, int fd, size_t expect,
	 char **err)
{
	/* one byte more than expected, so that a short count ends it */
	size_t cap = expect ? expect + 2 : 65536;
	char *text = xmalloc(cap);
	size_t len = 0;

	for (;;) {
		size_t want = cap - 1 - len;
		ssize_t n;

		if (!want) {
			cap *= 2;
			text = xrealloc(text, cap);
			want = cap - 1 - len;
		}
		n = read(fd, text + len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xasprintf("cannot read '%s': %s", path,
					 strerror(errno));
			free(text);
			return PGT_EIO;
		}
		len += (size_t)n;
		if (len > SOURCE_MAX_BYTES) {
			*err = xasprintf("skipped '%s': larger than %zu MiB",
					 path, SOURCE_MAX_BYTES >> 20);
			free(text);
			return PGT_ESKIP;
		}
		if (n == 0 || (expect && len >= expect && (size_t)n < want))
			break;
	}
	text[len] = '\0';
	src->path = xstrdup(path);
	src->text = text;
	src->len = len;
	src->lines = xcalloc(1, sizeof(*src->lines));
	src->secrets = xcalloc(1, sizeof(*src->secrets));
	return PGT_OK;
}

int
source_load_fd(struct source *src, const char *path, int fd, char **err)
{
	memset(src, 0, sizeof(*src));
	return read_all(src, path, fd, 0, err);
}

int
source_load(struct source *src, const char *path, char **err)
{
	struct stat st;
	int fd, rc;

	memset(src, 0, sizeof(*src));
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		*err = xasprintf("cannot open '%s': %s", path, strerror(errno));
		return PGT_EIO;
	}
	if (fstat(fd, &st) != 0) {
		*err = xasprintf("cannot stat '%s': %s", path, strerror(errno));
		close(fd);
		return PGT_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		*err = xasprintf("skipped '%s': not a regular file", path);
		close(fd);
		return PGT_ESKIP;
	}
	if ((size_t)st.st_size > SOURCE_MAX_BYTES) {
		*err = xasprintf("skipped '%s': larger than %zu MiB", path,
				 SOURCE_MAX_BYTES >> 20);
		close(fd);
		return PGT_ESKIP;
	}
	rc = read_all(src, path, fd, (size_t)st.st_size, err);
	close(fd);
	return rc;
}

void
source_release(struct source *src)
{
	free(src->path);
	free(src->text);
	if (src->lines)
		free(src->lines->start);
	free(src->lines);
	if (src->secrets)
		free(src->secrets->v);
	free(src->secrets);
	memset(src, 0, sizeof(*src));
}

struct pos
source_pos(const struct source *src, size_t offset)
{
	const struct source_lines *l = lines_of(src);
	size_t lo = 0, hi = l->n;
	struct pos p;

	/* Find the last line that starts at or before offset. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	p.line = (uint32_t)(lo + 1);
	p.col = (uint32_t)(offset - l->start[lo] + 1);
	return p;
}

const char *
source_line(const struct source *src, uint32_t line, size_t *len)
{
	const struct source_lines *l = lines_of(src);
	size_t b, e;

	if (line < 1 || line > l->n) {
		*len = 0;
		return "";
	}
	b = l->start[line - 1];
	e = line < l->n ? l->start[line] : src->len;
	if (e > b && src->text[e - 1] == '\n')
		e--;
	if (e > b && src->text[e - 1] == '\r')
		e--;
	*len = e - b;
	return src->text + b;
}

/* Eight bytes a step: every file with a fix is hashed whole, and the
 * value is only compared within one run (fix.c), so it need not be
 * mem_hash's byte-wise FNV-1a. */
static uint64_t
text_hash(const char *s, size_t n)
{
	uint64_t h = HASH_SEED ^ n, w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, sizeof(w));
		h = (h ^ w) * 0x9E3779B97F4A7C15u;
		h ^= h >> 32;
	}
	return mem_hash(h, s + i, n - i);
}

uint64_t
source_hash(const struct source *src)
{
	if (!src->lines->hash)
		src->lines->hash = text_hash(src->text, src->len) | 1;
	return src->lines->hash;
}

int
source_is_binary(const struct source *src)
{
	size_t n = src->len < 8192 ? src->len : 8192;

	return memchr(src->text, '\0', n) != NULL;
}
