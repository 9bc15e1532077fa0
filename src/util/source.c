/* SPDX-License-Identifier: MIT */
/* source.c — read a file once into memory and index its lines. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"

static void
source_index(struct source *src)
{
	size_t alloc = 0, i;

	src->line_start = NULL;
	src->nlines = 0;
	ALLOC_GROW(src->line_start, 1, alloc);
	src->line_start[src->nlines++] = 0;
	for (i = 0; i < src->len; i++) {
		if (src->text[i] != '\n')
			continue;
		ALLOC_GROW(src->line_start, src->nlines + 1, alloc);
		src->line_start[src->nlines++] = i + 1;
	}
}

void
source_from_mem(struct source *src, const char *path, const char *text,
		size_t len)
{
	src->path = xstrdup(path);
	src->text = xmalloc(len + 1);
	memcpy(src->text, text, len);
	src->text[len] = '\0';
	src->len = len;
	source_index(src);
}

int
source_load_fd(struct source *src, const char *path, int fd, char **err)
{
	struct buf b = BUF_INIT;
	char chunk[65536];

	memset(src, 0, sizeof(*src));
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xasprintf("cannot read '%s': %s", path,
					 strerror(errno));
			buf_release(&b);
			return PGT_EIO;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > SOURCE_MAX_BYTES) {
			*err = xasprintf("skipped '%s': larger than %zu MiB",
					 path, SOURCE_MAX_BYTES >> 20);
			buf_release(&b);
			return PGT_ESKIP;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	src->path = xstrdup(path);
	src->len = b.len;
	src->text = buf_detach(&b);
	source_index(src);
	return PGT_OK;
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
	rc = source_load_fd(src, path, fd, err);
	close(fd);
	return rc;
}

void
source_release(struct source *src)
{
	free(src->path);
	free(src->text);
	free(src->line_start);
	memset(src, 0, sizeof(*src));
}

struct pos
source_pos(const struct source *src, size_t offset)
{
	size_t lo = 0, hi = src->nlines;
	struct pos p;

	/* Find the last line that starts at or before offset. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->line_start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	p.line = (uint32_t)(lo + 1);
	p.col = (uint32_t)(offset - src->line_start[lo] + 1);
	return p;
}

const char *
source_line(const struct source *src, uint32_t line, size_t *len)
{
	size_t b, e;

	if (line < 1 || line > src->nlines) {
		*len = 0;
		return "";
	}
	b = src->line_start[line - 1];
	e = line < src->nlines ? src->line_start[line] : src->len;
	if (e > b && src->text[e - 1] == '\n')
		e--;
	if (e > b && src->text[e - 1] == '\r')
		e--;
	*len = e - b;
	return src->text + b;
}

int
source_is_binary(const struct source *src)
{
	size_t n = src->len < 8192 ? src->len : 8192;

	return memchr(src->text, '\0', n) != NULL;
}
