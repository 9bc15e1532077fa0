/* SPDX-License-Identifier: MIT */
/*
 * pair_scan.h — where in a text any of a few needles may start: the
 * positions holding one needle's first two bytes, found 16 bytes at a time
 * with one set of table look-ups for all needles (Hyperscan's "Teddy", as
 * ripgrep's aho-corasick crate uses it: packed/teddy/README.md), whatever
 * their number. The caller checks each candidate in full.
 */
#ifndef PGT_PAIR_SCAN_H
#define PGT_PAIR_SCAN_H

#include <stddef.h>

/* At most this many distinct pairs; past eight, pairs share Teddy's
 * eight buckets (the bits of a byte). */
#define PAIR_SCAN_MAX 16

struct pair_scan {
	size_t nr; /* distinct first-two-byte pairs */
	int ssse3; /* the CPU has PSHUFB (asked once, at init) */
	/* per nibble value, the buckets whose pair's byte has it: low and
	 * high nibble of the first byte, then of the second (a one-byte
	 * needle's bucket at every nibble of the second) */
	unsigned char lo1[16], hi1[16], lo2[16], hi2[16];
};

/*
 * Prepares ps for the NULL-terminated needles (each at least one byte).
 * Returns 0, or -1 when they have more than PAIR_SCAN_MAX distinct pairs
 * (the caller then tests every position).
 */
int pair_scan_init(struct pair_scan *ps, const char *const *needles);

/*
 * The first position at or after from where text[0..len) holds a needle's
 * first two bytes (its one byte, for a one-byte needle), or len. text[len]
 * must be readable (a NUL terminator).
 */
size_t pair_scan_next(const struct pair_scan *ps, const char *text, size_t len,
		      size_t from);

#endif
