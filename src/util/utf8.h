/* SPDX-License-Identifier: MIT */
/* utf8.h — UTF-8 validation and counting (RFC 3629). */
#ifndef PGT_UTF8_H
#define PGT_UTF8_H

#include <stddef.h>

/*
 * Length of the valid UTF-8 sequence at s (1 to 4), or 0 when the bytes
 * there are not valid UTF-8 (overlongs, surrogates and values above
 * U+10FFFF are invalid).
 */
size_t utf8_valid_seq(const char *s, size_t len);

/*
 * Code points in s[0..len), counting each invalid byte as one (the way a
 * replacement character would display), and UTF-16 code units likewise.
 */
size_t utf8_codepoints(const char *s, size_t len);
size_t utf8_utf16_units(const char *s, size_t len);

#endif
