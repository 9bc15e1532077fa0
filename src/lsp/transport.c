/* SPDX-License-Identifier: MIT */
/* transport.c — Content-Length framing over file descriptors. */
#include "transport.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../util/fdio.h"
#include "../util/xalloc.h"

#define READ_CHUNK ((size_t)65536)

void
lsp_reader_init(struct lsp_reader *r, int fd)
{
	memset(r, 0, sizeof(*r));
	r->fd = fd;
}

void
lsp_reader_release(struct lsp_reader *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

/* Reads more input after buf[len]; returns 0, or -1 at the end. */
static int
fill(struct lsp_reader *r)
{
	ssize_t n;

	if (r->eof)
		return -1;
	if (r->off == r->len)
		r->off = r->len = 0;
	if (r->off > r->cap / 2) {
		memmove(r->buf, r->buf + r->off, r->len - r->off);
		r->len -= r->off;
		r->off = 0;
	}
	if (r->cap - r->len < READ_CHUNK) {
		r->cap = r->cap ? r->cap * 2 : 2 * READ_CHUNK;
		r->buf = xrealloc(r->buf, r->cap);
	}
	do
		n = read(r->fd, r->buf + r->len, r->cap - r->len);
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		r->eof = 1;
		return -1;
	}
	r->len += (size_t)n;
	return 0;
}

/* The end of the header section in buf[off..len): the offset after its
 * blank line ("\r\n\r\n", or "\n\n" from lax clients), or 0. */
static size_t
header_end(const struct lsp_reader *r)
{
	size_t i;

	for (i = r->off; i < r->len; i++)
		if (r->buf[i] == '\n') {
			if (i + 1 < r->len && r->buf[i + 1] == '\n')
				return i + 2;
			if (i + 2 < r->len && r->buf[i + 1] == '\r' &&
			    r->buf[i + 2] == '\n')
				return i + 3;
		}
	return 0;
}

/* The Content-Length of the header section h[0..n): -1 when it has none,
 * -2 when its value is not a number. The last one counts, wherever its
 * line starts: after a message with a wrong length, the bytes left over
 * run into the next header, and reading resumes there. */
static long long
content_length(const char *h, size_t n)
{
	static const char name[] = "content-length:";
	const size_t k = sizeof(name) - 1;
	size_t i, p, at = n;
	long long v = 0;
	int digits = 0;

	for (i = 0; i + k <= n; i++)
		if (!strncasecmp(h + i, name, k))
			at = i;
	if (at == n)
		return -1;
	for (p = at + k; p < n && (h[p] == ' ' || h[p] == '\t'); p++)
		;
	for (; p < n && h[p] >= '0' && h[p] <= '9'; p++) {
		if (v > (long long)1 << 40)
			return -2;
		v = v * 10 + (h[p] - '0');
		digits = 1;
	}
	while (p < n && (h[p] == ' ' || h[p] == '\t' || h[p] == '\r'))
		p++;
	return digits && (p == n || h[p] == '\n') ? v : -2;
}

/* Drops n bytes of input (a body too large to keep); 0, or -1 at EOF. */
static int
skip_bytes(struct lsp_reader *r, size_t n)
{
	while (n) {
		size_t have = r->len - r->off, k = have < n ? have : n;

		r->off += k;
		n -= k;
		if (n && fill(r))
			return -1;
	}
	return 0;
}

enum lsp_read
lsp_read_message(struct lsp_reader *r, struct buf *body, char **err)
{
	size_t end;
	long long n;

	buf_reset(body);
	while (!(end = header_end(r))) {
		if (r->len - r->off > LSP_MAX_HEADER) {
			/* not a header: drop it, up to the last line start */
			const char *nl = memchr(r->buf + r->off + 1, '\n',
						r->len - r->off - 1);

			r->off = nl ? (size_t)(nl - r->buf) : r->len;
			*err = xasprintf("header section over %d bytes",
					 LSP_MAX_HEADER);
			return LSP_READ_BAD;
		}
		if (fill(r))
			return LSP_READ_EOF;
	}
	n = content_length(r->buf + r->off, end - r->off);
	r->off = end;
	if (n < 0) {
		*err = xstrdup(n == -1 ? "header without Content-Length"
				       : "Content-Length is not a number");
		return LSP_READ_BAD;
	}
	if ((size_t)n > LSP_MAX_MESSAGE) {
		if (skip_bytes(r, (size_t)n))
			return LSP_READ_EOF;
		*err = xasprintf("message of %lld bytes skipped: over the "
				 "limit of %zu MiB",
				 n, LSP_MAX_MESSAGE >> 20);
		return LSP_READ_BAD;
	}
	while (r->len - r->off < (size_t)n)
		if (fill(r))
			return LSP_READ_EOF;
	buf_add(body, r->buf + r->off, (size_t)n);
	r->off += (size_t)n;
	return LSP_READ_MESSAGE;
}

int
lsp_input_pending(const struct lsp_reader *r)
{
	struct pollfd p;

	if (r->len > r->off)
		return 1;
	if (r->eof)
		return 0;
	p.fd = r->fd;
	p.events = POLLIN;
	p.revents = 0;
	return poll(&p, 1, 0) > 0;
}

int
lsp_write_message(int fd, const char *json, size_t len)
{
	char head[64];
	int n =
	    snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", len);

	return fd_write_all(fd, head, (size_t)n) || fd_write_all(fd, json, len)
		   ? -1
		   : 0;
}
