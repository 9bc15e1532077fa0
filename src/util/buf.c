/* SPDX-License-Identifier: MIT */
/* buf.c — growable byte buffer; one growth helper (STYLE.md 22). */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

char buf_empty[1];

void
buf_init(struct buf *b)
{
	b->ptr = buf_empty;
	b->len = 0;
	b->alloc = 0;
}

void
buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->ptr);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->ptr[0] = '\0';
}

static void
buf_grow(struct buf *b, size_t extra)
{
	if (b->alloc) {
		ALLOC_GROW(b->ptr, b->len + extra + 1, b->alloc);
		return;
	}
	/* a fresh buffer (ptr the shared empty string): its own, always */
	b->ptr = NULL;
	xgrow((void **)&b->ptr, 1, b->len + extra + 1, &b->alloc);
	b->ptr[0] = '\0';
}

char *
buf_detach(struct buf *b)
{
	char *p;

	if (!b->alloc)
		buf_grow(b, 0);
	p = b->ptr;
	buf_init(b);
	return p;
}

void
buf_add(struct buf *b, const void *data, size_t len)
{
	buf_grow(b, len);
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addch(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_add_cut(struct buf *b, const char *s, size_t n, size_t max)
{
	size_t cut = max;

	if (n <= max) {
		buf_add(b, s, n);
		return;
	}
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	buf_add(b, s, cut);
	buf_adds(b, "...");
}

char *
str_cut(const char *s, size_t max)
{
	struct buf b = BUF_INIT;

	buf_add_cut(&b, s, strlen(s), max);
	return buf_detach(&b);
}

void
str_cut_quoted(char **msg, size_t max)
{
	struct buf b = BUF_INIT;
	const char *p = *msg, *q;

	while ((q = strchr(p, '"'))) {
		const char *close = strchr(q + 1, '"');

		if (!close)
			break;
		buf_add(&b, p, (size_t)(q + 1 - p));
		buf_add_cut(&b, q + 1, (size_t)(close - q - 1), max);
		buf_addch(&b, '"');
		p = close + 1;
	}
	buf_adds(&b, p);
	free(*msg);
	*msg = buf_detach(&b);
}
