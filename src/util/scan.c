/* SPDX-License-Identifier: MIT */
/* scan.c — shared cursor primitives and the character-class table. */
#include "scan.h"

#include <string.h>

/* C11 has no range initialisers, so each entry is computed by CL();
 * tests/unit/test_scan.c checks all 256 against ctype-free predicates. */
#define C16(b)                                                                 \
	CL((b) + 0), CL((b) + 1), CL((b) + 2), CL((b) + 3), CL((b) + 4),       \
	    CL((b) + 5), CL((b) + 6), CL((b) + 7), CL((b) + 8), CL((b) + 9),   \
	    CL((b) + 10), CL((b) + 11), CL((b) + 12), CL((b) + 13),            \
	    CL((b) + 14), CL((b) + 15)
#define CL(c)                                                                  \
	(unsigned char)(((c) == ' ' || (c) == '\t' || (c) == '\r' ||           \
			 (c) == '\f' || (c) == '\v')                           \
			    ? SC_SPACE                                         \
			: ((c) >= '0' && (c) <= '9')                           \
			    ? (SC_DIGIT | SC_HEX | SC_IDENT)                   \
			: (((c) >= 'a' && (c) <= 'f') ||                       \
			   ((c) >= 'A' && (c) <= 'F'))                         \
			    ? (SC_HEX | SC_ALPHA | SC_IDENT)                   \
			: (((c) >= 'a' && (c) <= 'z') ||                       \
			   ((c) >= 'A' && (c) <= 'Z'))                         \
			    ? (SC_ALPHA | SC_IDENT)                            \
			: ((c) == '_') ? SC_IDENT                              \
			: ((c) >= 0x80) ? SC_HIGH                              \
					: 0)

const unsigned char scan_class[256] = {
	C16(0x00), C16(0x10), C16(0x20), C16(0x30), C16(0x40), C16(0x50),
	C16(0x60), C16(0x70), C16(0x80), C16(0x90), C16(0xA0), C16(0xB0),
	C16(0xC0), C16(0xD0), C16(0xE0), C16(0xF0)};

int
scan_char(const char **pp, const char *end, char c)
{
	if (*pp >= end || **pp != c)
		return -1;
	(*pp)++;
	return 0;
}

size_t
scan_class_len(const char *p, const char *end, unsigned flags)
{
	const char *q = p;

	while (q < end && scan_is((unsigned char)*q, flags))
		q++;
	return (size_t)(q - p);
}

int
scan_class_run(const char **pp, const char *end, unsigned flags)
{
	size_t n = scan_class_len(*pp, end, flags);

	if (!n)
		return -1;
	*pp += n;
	return 0;
}

void
scan_blanks(const char **pp, const char *end)
{
	*pp += scan_class_len(*pp, end, SC_SPACE);
}

void
scan_to_eol(const char **pp, const char *end)
{
	const char *nl = memchr(*pp, '\n', (size_t)(end - *pp));

	*pp = nl ? nl : end;
}

int
scan_contains(const char *text, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = text, *end = text + len;

	while (n && (size_t)(end - p) >= n &&
	       (p = memchr(p, needle[0], (size_t)(end - p) - n + 1))) {
		if (!memcmp(p, needle, n))
			return 1;
		p++;
	}
	return 0;
}
