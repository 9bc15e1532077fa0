/* SPDX-License-Identifier: MIT */
/*
 * sort.h — qsort and bsearch that accept an empty (NULL) array, which the
 * C library functions do not (C11 7.22.5: the pointer must be valid even
 * when the count is zero).
 */
#ifndef PGT_SORT_H
#define PGT_SORT_H

#include <stdlib.h>

static inline void
sort_array(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static inline void *
search_array(const void *key, const void *base, size_t n, size_t size,
	     int (*cmp)(const void *, const void *))
{
	return n ? bsearch(key, base, n, size, cmp) : NULL;
}

#endif
