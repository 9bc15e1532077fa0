/* SPDX-License-Identifier: MIT */
/*
 * pair_scan.c — candidate positions of a few needles (see pair_scan.h).
 *
 * Each distinct first-two-byte pair is a bucket, one bit of a byte. For a
 * byte c, lo1[c & 15] & hi1[c >> 4] holds the buckets whose first byte is
 * c (a bucket's bit is set in lo1 only at its byte's low nibble and in
 * hi1 only at its high nibble, so the two agree exactly on c); likewise
 * lo2/hi2 for the second byte, where a one-byte needle's bucket is set at
 * every nibble. A position is a candidate when some bucket is set for its
 * byte in the first tables and for the next byte in the second. With
 * SSSE3's PSHUFB that is four 16-byte table look-ups per 16 positions;
 * elsewhere the same tables are read a byte at a time.
 */
#include "pair_scan.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>
#define PAIR_SCAN_SSSE3 1
#endif

int
pair_scan_init(struct pair_scan *ps, const char *const *needles)
{
	unsigned char first[PAIR_SCAN_MAX], second[PAIR_SCAN_MAX];
	size_t k, j, nr = 0;

	memset(ps, 0, sizeof(*ps));
	for (k = 0; needles[k]; k++) {
		unsigned char a = (unsigned char)needles[k][0],
			      b = (unsigned char)needles[k][1];

		for (j = 0; j < nr && (first[j] != a || second[j] != b); j++)
			;
		if (j < nr)
			continue;
		if (nr == PAIR_SCAN_MAX)
			return -1;
		first[nr] = a;
		second[nr++] = b;
	}
	for (j = 0; j < nr; j++) {
		/* pairs beyond eight share buckets: more candidates, the
		 * same answers */
		unsigned char bit = (unsigned char)(1u << (j % 8));

		ps->lo1[first[j] & 15] |= bit;
		ps->hi1[first[j] >> 4] |= bit;
		for (k = 0; k < 16; k++) {
			if (!second[j] || (second[j] & 15) == k)
				ps->lo2[k] |= bit;
			if (!second[j] || (second[j] >> 4) == k)
				ps->hi2[k] |= bit;
		}
	}
	ps->nr = nr;
#ifdef PAIR_SCAN_SSSE3
	ps->ssse3 = __builtin_cpu_supports("ssse3");
#endif
	return 0;
}

/* The buckets whose pair stands at t[0], t[1]. */
static unsigned
pair_buckets(const struct pair_scan *ps, const unsigned char *t)
{
	return ps->lo1[t[0] & 15] & ps->hi1[t[0] >> 4] & ps->lo2[t[1] & 15] &
	       ps->hi2[t[1] >> 4];
}

#ifdef PAIR_SCAN_SSSE3
/* 16 positions at a time from *i, while 16 remain. Returns 1 with *i at
 * the first candidate, or 0 with *i where fewer than 16 remain. */
__attribute__((target("ssse3"))) static int
next_ssse3(const struct pair_scan *ps, const unsigned char *t, size_t len,
	   size_t *i)
{
	const __m128i nib = _mm_set1_epi8(15),
		      lo1 = _mm_loadu_si128((const __m128i *)ps->lo1),
		      hi1 = _mm_loadu_si128((const __m128i *)ps->hi1),
		      lo2 = _mm_loadu_si128((const __m128i *)ps->lo2),
		      hi2 = _mm_loadu_si128((const __m128i *)ps->hi2),
		      zero = _mm_setzero_si128();

	for (; *i + 16 <= len; *i += 16) {
		/* the byte after the block is in the text or its NUL */
		__m128i a = _mm_loadu_si128((const __m128i *)(t + *i)),
			b = _mm_loadu_si128((const __m128i *)(t + *i + 1));
		__m128i m = _mm_and_si128(
		    _mm_and_si128(
			_mm_shuffle_epi8(lo1, _mm_and_si128(a, nib)),
			_mm_shuffle_epi8(
			    hi1, _mm_and_si128(_mm_srli_epi16(a, 4), nib))),
		    _mm_and_si128(
			_mm_shuffle_epi8(lo2, _mm_and_si128(b, nib)),
			_mm_shuffle_epi8(
			    hi2, _mm_and_si128(_mm_srli_epi16(b, 4), nib))));
		unsigned hits =
		    ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(m, zero)) &
		    0xFFFFu;

		if (hits) {
			*i += (unsigned)__builtin_ctz(hits);
			return 1;
		}
	}
	return 0;
}
#endif

size_t
pair_scan_next(const struct pair_scan *ps, const char *text, size_t len,
	       size_t from)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i = from;

	if (!ps->nr)
		return len;
#ifdef PAIR_SCAN_SSSE3
	if (ps->ssse3 && next_ssse3(ps, t, len, &i))
		return i;
#endif
	for (; i < len; i++)
		if (pair_buckets(ps, t + i))
			return i;
	return len;
}
