/* SPDX-License-Identifier: MIT */
/*
 * scan.h — the cursor API every parser shares (curl strparse semantics).
 *
 * A cursor is a (const char **pp, const char *end) pair. Each function
 * advances *pp only on success and returns 0, or -1 without moving; calls
 * chain with ||. Character classes are 256-entry tables (SQLite tokenize.c).
 */
#ifndef PGT_SCAN_H
#define PGT_SCAN_H

#include <stddef.h>

/* Character classes, combined as bit flags in scan_class[]. */
enum scan_class_flags {
	SC_SPACE = 1 << 0,  /* ' ' '\t' '\r' '\f' '\v' (not '\n') */
	SC_DIGIT = 1 << 1,  /* 0-9 */
	SC_HEX = 1 << 2,    /* 0-9 a-f A-F */
	SC_ALPHA = 1 << 3,  /* A-Z a-z */
	SC_HIGH = 1 << 4,   /* 0x80-0xFF */
	SC_IDENT = 1 << 5   /* A-Z a-z 0-9 _ */
};
extern const unsigned char scan_class[256];

static inline int
scan_is(unsigned char c, unsigned flags)
{
	return (scan_class[c] & flags) != 0;
}

/* The value of a hexadecimal digit, or -1. */
static inline int
scan_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Advances past c. */
int scan_char(const char **pp, const char *end, char c);
/* Advances past one or more bytes whose class has any of flags. */
int scan_class_run(const char **pp, const char *end, unsigned flags);
/* Length of the run of bytes of class flags at p (does not advance). */
size_t scan_class_len(const char *p, const char *end, unsigned flags);
/* Advances past blanks (SC_SPACE); always succeeds. */
void scan_blanks(const char **pp, const char *end);
/* Advances to the next '\n' (not past it), or to end. */
void scan_to_eol(const char **pp, const char *end);

/* Whether text[0..len) contains needle (NUL bytes in text allowed). */
int scan_contains(const char *text, size_t len, const char *needle);

#endif
