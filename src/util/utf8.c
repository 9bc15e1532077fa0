/* SPDX-License-Identifier: MIT */
/* utf8.c — UTF-8 validation per RFC 3629, table 3-7 of Unicode. */
#include "utf8.h"

static int
cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

size_t
utf8_valid_seq(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		return len >= 2 && cont(u[1]) ? 2 : 0;
	if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		if (len < 3 || !cont(u[1]) || !cont(u[2]))
			return 0;
		if (u[0] == 0xE0 && u[1] < 0xA0)
			return 0; /* overlong */
		if (u[0] == 0xED && u[1] > 0x9F)
			return 0; /* surrogate */
		return 3;
	}
	if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		if (len < 4 || !cont(u[1]) || !cont(u[2]) || !cont(u[3]))
			return 0;
		if (u[0] == 0xF0 && u[1] < 0x90)
			return 0; /* overlong */
		if (u[0] == 0xF4 && u[1] > 0x8F)
			return 0; /* above U+10FFFF */
		return 4;
	}
	return 0;
}

size_t
utf8_codepoints(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		size_t k = utf8_valid_seq(s + i, len - i);

		i += k ? k : 1;
		n++;
	}
	return n;
}

size_t
utf8_utf16_units(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		size_t k = utf8_valid_seq(s + i, len - i);

		i += k ? k : 1;
		n += k == 4 ? 2 : 1;
	}
	return n;
}
