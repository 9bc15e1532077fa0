/* SPDX-License-Identifier: MIT */
/* term.c — escape what a terminal would act on (see term.h). */
#include "term.h"

#include <string.h>

#include "utf8.h"

/* The code point of a valid sequence of n bytes at s. */
static unsigned long
code_point(const unsigned char *s, size_t n)
{
	static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	unsigned long c = s[0] & lead_mask[n];
	size_t i;

	for (i = 1; i < n; i++)
		c = c << 6 | (s[i] & 0x3F);
	return c;
}

static int
acts_on_terminal(unsigned long c)
{
	return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

void
term_escape(struct buf *out, const char *s, size_t n, unsigned flags)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k = utf8_valid_seq(s + i, n - i);

		if (c == '\t' && (flags & TERM_KEEP_TABS))
			buf_addch(out, '\t');
		else if (c == '\n')
			buf_adds(out, "\\n");
		else if (c == '\r')
			buf_adds(out, "\\r");
		else if (c == '\t')
			buf_adds(out, "\\t");
		else if (c < 0x20 || c == 0x7F)
			buf_addf(out, "\\%03o", c);
		else if (!k)
			buf_addf(out, "\\x%02X", c);
		else if (k > 1 && acts_on_terminal(code_point(
				      (const unsigned char *)s + i, k)))
			buf_addf(out, "\\u%04lX",
				 code_point((const unsigned char *)s + i, k));
		else
			buf_add(out, s + i, k);
		i += k ? k : 1;
	}
}

void
term_puts(FILE *f, const char *s, unsigned flags)
{
	struct buf b = BUF_INIT;

	term_escape(&b, s, strlen(s), flags);
	fwrite(b.ptr, 1, b.len, f);
	buf_release(&b);
}

size_t
term_columns(const char *t, size_t n)
{
	return utf8_codepoints(t, n);
}
