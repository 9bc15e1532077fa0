/* SPDX-License-Identifier: MIT */
/*
 * xalloc.h — allocation that never returns NULL.
 *
 * Out-of-memory is fatal (STYLE.md 16): these print one line and exit 2, so
 * no caller checks for a NULL that cannot happen.
 */
#ifndef PGT_XALLOC_H
#define PGT_XALLOC_H

#include <stdarg.h>
#include <stddef.h>
#include "compat.h"

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a malloc'd formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) PGT_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) PGT_PRINTF(1, 0);

/*
 * Grows the array *pv (with *alloc slots) so that it holds at least need
 * elements of size elem (git's ALLOC_GROW).
 */
void xgrow(void **pv, size_t elem, size_t need, size_t *alloc);
#define ALLOC_GROW(v, need, alloc)                                             \
	do {                                                                   \
		if ((need) > (alloc)) /* no call on the common path */         \
			xgrow((void **)&(v), sizeof(*(v)), (need), &(alloc));  \
	} while (0)

/* Gives back the unused slots of an array that will not grow again (a
 * parsed record kept for the whole run). */
#define ALLOC_SHRINK(v, nr, alloc)                                             \
	do {                                                                   \
		if ((nr) && (nr) < (alloc)) {                                  \
			(v) = xrealloc((v), (nr) * sizeof(*(v)));              \
			(alloc) = (nr);                                        \
		}                                                              \
	} while (0)

/* Moves every element of list src (a struct with v, nr, alloc) to the end
 * of dst, leaving src empty. */
#define ALLOC_APPEND(dst, src)                                                 \
	do {                                                                   \
		if ((src).nr) {                                                \
			ALLOC_GROW((dst).v, (dst).nr + (src).nr, (dst).alloc); \
			memcpy((dst).v + (dst).nr, (src).v,                    \
			       (src).nr * sizeof(*(src).v));                   \
			(dst).nr += (src).nr;                                  \
		}                                                              \
		free((src).v);                                                 \
		(src).v = NULL;                                                \
		(src).nr = (src).alloc = 0;                                    \
	} while (0)

#endif
