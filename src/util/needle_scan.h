/* SPDX-License-Identifier: MIT */
/*
 * needle_scan.h — where in a text any of a few needles may start: the
 * positions holding one needle's first three bytes, found 16 or 32 bytes
 * at a time with one set of table look-ups for all needles (Hyperscan's
 * "Teddy", as ripgrep's aho-corasick crate uses it: packed/teddy/README.md),
 * whatever their number. The caller checks each candidate in full.
 */
#ifndef PGT_NEEDLE_SCAN_H
#define PGT_NEEDLE_SCAN_H

#include <stddef.h>

/* At most this many distinct leads (a needle's first three bytes, or all
 * of a shorter one); past eight, leads share Teddy's eight buckets (the
 * bits of a byte). */
#define NEEDLE_SCAN_MAX 16

struct needle_scan {
	size_t nr; /* distinct leads */
	int simd;  /* 2: AVX2, 1: SSSE3, 0: neither (asked once, at init) */
	/* per byte of a lead (k = 0, 1, 2) and nibble value, the buckets
	 * whose lead's byte k has that low (lo) or high (hi) nibble; a
	 * shorter needle's bucket is set at every nibble past its end */
	unsigned char lo[3][16], hi[3][16];
};

/*
 * Prepares ns for the NULL-terminated needles (each at least one byte).
 * Returns 0, or -1 when they have more than NEEDLE_SCAN_MAX distinct
 * leads (the caller then tests every position).
 */
int needle_scan_init(struct needle_scan *ns, const char *const *needles);

/*
 * The first position at or after from where text[0..len) holds a needle's
 * lead (its first three bytes, or all of a shorter needle), or len; a few
 * more positions when leads share buckets. text[len] must be readable (a
 * NUL terminator).
 */
size_t needle_scan_next(const struct needle_scan *ns, const char *text,
			size_t len, size_t from);

#endif
