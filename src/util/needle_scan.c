/* SPDX-License-Identifier: MIT */
/*
 * needle_scan.c — candidate positions of a few needles (see needle_scan.h).
 *
 * Each distinct lead (first three bytes) is a bucket, one bit of a byte.
 * For byte k of a lead and a text byte c, lo[k][c & 15] & hi[k][c >> 4]
 * holds the buckets whose byte k is c (a bucket's bit is set in lo[k] only
 * at its byte's low nibble and in hi[k] only at its high nibble, so the
 * two agree exactly on c); a needle shorter than three bytes has its
 * bucket set at every nibble past its end. A position is a candidate when
 * some bucket is set for its byte in the tables of byte 0, for the next
 * byte in those of byte 1 and for the one after in those of byte 2. Three
 * bytes, not two: in code "ho", "po" and "ss" start a word every few
 * hundred bytes, "hos", "pos" and "ssl" thirty times less often, and each
 * candidate costs a full comparison. With PSHUFB that is six table
 * look-ups per 32 positions (AVX2) or 16 (SSSE3), for the CPU at hand;
 * elsewhere the same tables are read a byte at a time.
 */
#include "needle_scan.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define NEEDLE_SCAN_SIMD 1
#endif

#define LEAD 3

int
needle_scan_init(struct needle_scan *ns, const char *const *needles)
{
	unsigned char lead[NEEDLE_SCAN_MAX][LEAD];
	size_t k, j, b, nr = 0;

	memset(ns, 0, sizeof(*ns));
	for (k = 0; needles[k]; k++) {
		unsigned char l[LEAD] = {0};

		/* a NUL stands for "any byte" past a short needle's end */
		for (b = 0; b < LEAD && needles[k][b]; b++)
			l[b] = (unsigned char)needles[k][b];
		for (j = 0; j < nr && memcmp(lead[j], l, LEAD); j++)
			;
		if (j < nr)
			continue;
		if (nr == NEEDLE_SCAN_MAX)
			return -1;
		memcpy(lead[nr++], l, LEAD);
	}
	for (j = 0; j < nr; j++) {
		/* leads beyond eight share buckets: more candidates, the
		 * same answers */
		unsigned char bit = (unsigned char)(1u << (j % 8));

		for (b = 0; b < LEAD; b++) {
			if (lead[j][b]) {
				ns->lo[b][lead[j][b] & 15] |= bit;
				ns->hi[b][lead[j][b] >> 4] |= bit;
				continue;
			}
			for (k = 0; k < 16; k++) {
				ns->lo[b][k] |= bit;
				ns->hi[b][k] |= bit;
			}
		}
	}
	ns->nr = nr;
#ifdef NEEDLE_SCAN_SIMD
	ns->simd = __builtin_cpu_supports("avx2")    ? 2
		   : __builtin_cpu_supports("ssse3") ? 1
						     : 0;
#endif
	return 0;
}

/* The buckets whose lead stands at t[i], t[i + 1], t[i + 2] in t[0..len):
 * bytes past len read as NUL, which only a short needle's "any" takes. */
static unsigned
lead_buckets(const struct needle_scan *ns, const unsigned char *t, size_t len,
	     size_t i)
{
	unsigned m = 0xFF;
	size_t b;

	for (b = 0; b < LEAD; b++) {
		unsigned char c = i + b < len ? t[i + b] : 0;

		m &= ns->lo[b][c & 15] & ns->hi[b][c >> 4];
	}
	return m;
}

#ifdef NEEDLE_SCAN_SIMD
/* The buckets of byte k of a lead at each of 16 bytes. */
__attribute__((target("ssse3"))) static inline __m128i
buckets_at(const __m128i lo, const __m128i hi, const __m128i v)
{
	const __m128i nib = _mm_set1_epi8(15);

	return _mm_and_si128(
	    _mm_shuffle_epi8(lo, _mm_and_si128(v, nib)),
	    _mm_shuffle_epi8(hi, _mm_and_si128(_mm_srli_epi16(v, 4), nib)));
}

/* 16 positions at a time from *i, while the three loads stay within the
 * text and its NUL. Returns 1 with *i at the first candidate, or 0 with *i
 * where too few bytes remain. */
__attribute__((target("ssse3"))) static int
next_ssse3(const struct needle_scan *ns, const unsigned char *t, size_t len,
	   size_t *i)
{
	const __m128i lo0 = _mm_loadu_si128((const __m128i *)ns->lo[0]),
		      hi0 = _mm_loadu_si128((const __m128i *)ns->hi[0]),
		      lo1 = _mm_loadu_si128((const __m128i *)ns->lo[1]),
		      hi1 = _mm_loadu_si128((const __m128i *)ns->hi[1]),
		      lo2 = _mm_loadu_si128((const __m128i *)ns->lo[2]),
		      hi2 = _mm_loadu_si128((const __m128i *)ns->hi[2]),
		      zero = _mm_setzero_si128();

	for (; *i + 17 <= len; *i += 16) {
		const unsigned char *p = t + *i;
		__m128i m = _mm_and_si128(
		    _mm_and_si128(
			buckets_at(lo0, hi0,
				   _mm_loadu_si128((const __m128i *)p)),
			buckets_at(lo1, hi1,
				   _mm_loadu_si128((const __m128i *)(p + 1)))),
		    buckets_at(lo2, hi2,
			       _mm_loadu_si128((const __m128i *)(p + 2))));
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

/* The same with AVX2, 32 positions at a time (PSHUFB looks up each
 * 16-byte lane in its own copy of the table). */
__attribute__((target("avx2"))) static inline __m256i
buckets_at32(const __m256i lo, const __m256i hi, const __m256i v)
{
	const __m256i nib = _mm256_set1_epi8(15);

	return _mm256_and_si256(
	    _mm256_shuffle_epi8(lo, _mm256_and_si256(v, nib)),
	    _mm256_shuffle_epi8(hi,
				_mm256_and_si256(_mm256_srli_epi16(v, 4), nib)));
}

__attribute__((target("avx2"))) static __m256i
table32(const unsigned char *t16)
{
	return _mm256_broadcastsi128_si256(
	    _mm_loadu_si128((const __m128i *)t16));
}

__attribute__((target("avx2"))) static int
next_avx2(const struct needle_scan *ns, const unsigned char *t, size_t len,
	  size_t *i)
{
	const __m256i lo0 = table32(ns->lo[0]), hi0 = table32(ns->hi[0]),
		      lo1 = table32(ns->lo[1]), hi1 = table32(ns->hi[1]),
		      lo2 = table32(ns->lo[2]), hi2 = table32(ns->hi[2]),
		      zero = _mm256_setzero_si256();

	for (; *i + 33 <= len; *i += 32) {
		const unsigned char *p = t + *i;
		__m256i m = _mm256_and_si256(
		    _mm256_and_si256(
			buckets_at32(lo0, hi0,
				     _mm256_loadu_si256((const __m256i *)p)),
			buckets_at32(
			    lo1, hi1,
			    _mm256_loadu_si256((const __m256i *)(p + 1)))),
		    buckets_at32(lo2, hi2,
				 _mm256_loadu_si256((const __m256i *)(p + 2))));
		unsigned hits = ~(unsigned)_mm256_movemask_epi8(
		    _mm256_cmpeq_epi8(m, zero));

		if (hits) {
			*i += (unsigned)__builtin_ctz(hits);
			return 1;
		}
	}
	return 0;
}
#endif

size_t
needle_scan_next(const struct needle_scan *ns, const char *text, size_t len,
		 size_t from)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i = from;

	if (!ns->nr)
		return len;
#ifdef NEEDLE_SCAN_SIMD
	if (ns->simd == 2 && next_avx2(ns, t, len, &i))
		return i;
	if (ns->simd >= 1 && next_ssse3(ns, t, len, &i))
		return i;
#endif
	for (; i < len; i++)
		if (lead_buckets(ns, t, len, i))
			return i;
	return len;
}
