/* SPDX-License-Identifier: MIT */
/*
 * regex.h — compiled PCRE2 patterns; the only file that includes <pcre2.h>.
 *
 * Patterns are compiled once, checked at load, JIT-compiled (where
 * available) on their first match, with match and depth limits, so a
 * catastrophic pattern in a user's rule ends with an error instead of a
 * hang. A pattern may be matched by several threads at once.
 */
#ifndef PGT_REGEX_H
#define PGT_REGEX_H

#include <stddef.h>

struct regex;

/*
 * Compiles pattern. Returns the regex (free with regex_free), or NULL with
 * *err (malloc'd, caller frees) naming the problem and *erroffset the
 * byte offset in the pattern where PCRE2 stopped.
 */
struct regex *regex_compile(const char *pattern, char **err,
			    size_t *erroffset);
void regex_free(struct regex *re);

/*
 * Returns 1 on a match, 0 on none, and -1 when a limit was hit (the match
 * was abandoned; treat as no match and report it).
 */
int regex_match(struct regex *re, const char *s, size_t len);

#endif
