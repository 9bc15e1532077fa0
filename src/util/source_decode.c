/* SPDX-License-Identifier: MIT */
/*
 * source_decode.c — the bytes of a text file as its readers see them:
 * byte order marks, UTF-16 and lone-CR line ends (see source.h).
 */
#include "source.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

static void
put_utf8(struct buf *b, unsigned long c)
{
	if (c < 0x80) {
		buf_addch(b, (char)c);
	} else if (c < 0x800) {
		buf_addch(b, (char)(0xC0 | (c >> 6)));
		buf_addch(b, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		buf_addch(b, (char)(0xE0 | (c >> 12)));
		buf_addch(b, (char)(0x80 | ((c >> 6) & 0x3F)));
		buf_addch(b, (char)(0x80 | (c & 0x3F)));
	} else {
		buf_addch(b, (char)(0xF0 | (c >> 18)));
		buf_addch(b, (char)(0x80 | ((c >> 12) & 0x3F)));
		buf_addch(b, (char)(0x80 | ((c >> 6) & 0x3F)));
		buf_addch(b, (char)(0x80 | (c & 0x3F)));
	}
}

/* UTF-16 after its byte order mark to UTF-8; a lone surrogate or an odd
 * last byte becomes U+FFFD. */
static void
utf16_to_utf8(const unsigned char *p, size_t len, int big, struct buf *out)
{
	size_t i = 0;

	while (i + 1 < len) {
		unsigned long u = big ? (unsigned long)(p[i] << 8 | p[i + 1])
				      : (unsigned long)(p[i + 1] << 8 | p[i]);

		i += 2;
		if (u >= 0xD800 && u < 0xDC00 && i + 1 < len) {
			unsigned long lo =
			    big ? (unsigned long)(p[i] << 8 | p[i + 1])
				: (unsigned long)(p[i + 1] << 8 | p[i]);

			if (lo >= 0xDC00 && lo < 0xE000) {
				i += 2;
				u = 0x10000 + ((u - 0xD800) << 10) +
				    (lo - 0xDC00);
			} else {
				u = 0xFFFD;
			}
		} else if (u >= 0xD800 && u < 0xE000) {
			u = 0xFFFD;
		}
		put_utf8(out, u);
	}
	if (i < len)
		put_utf8(out, 0xFFFD);
}

static void
replace_text(struct source *src, struct buf *b)
{
	free(src->text);
	src->len = b->len;
	src->text = buf_detach(b);
}

void
source_decode(struct source *src)
{
	const unsigned char *p = (const unsigned char *)src->text;
	struct buf b = BUF_INIT;

	if (src->kind < FILE_ENV)
		return;
	if (src->len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
			      (p[0] == 0xFE && p[1] == 0xFF))) {
		int big = p[0] == 0xFE;

		utf16_to_utf8(p + 2, src->len - 2, big, &b);
		replace_text(src, &b);
		src->encoding = big ? SOURCE_UTF16BE : SOURCE_UTF16LE;
		return;
	}
	if (src->len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
		memmove(src->text, src->text + 3, src->len - 3 + 1);
		src->len -= 3;
		src->encoding = SOURCE_UTF8_BOM;
		return;
	}
	if ((src->kind == FILE_ENV || src->kind == FILE_SHELL) &&
	    memchr(src->text, '\r', src->len) &&
	    !memchr(src->text, '\n', src->len)) {
		size_t i;

		for (i = 0; i < src->len; i++)
			if (src->text[i] == '\r')
				src->text[i] = '\n';
		src->encoding = SOURCE_CR_LINES;
	}
}

int
source_encode(enum source_encoding enc, const char *text, size_t len,
	      struct buf *out)
{
	size_t i;

	switch (enc) {
	case SOURCE_UTF16LE:
	case SOURCE_UTF16BE:
		return -1;
	case SOURCE_UTF8_BOM:
		buf_add(out, "\xEF\xBB\xBF", 3);
		buf_add(out, text, len);
		return 0;
	case SOURCE_CR_LINES:
		for (i = 0; i < len; i++)
			buf_addch(out, text[i] == '\n' ? '\r' : text[i]);
		return 0;
	case SOURCE_AS_IS:
		break;
	}
	buf_add(out, text, len);
	return 0;
}
