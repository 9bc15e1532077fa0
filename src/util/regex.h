/* SPDX-License-Identifier: MIT */
/*
 * regex.h — compiled PCRE2 patterns; the only file that includes <pcre2.h>.
 *
 * Patterns are compiled once (JIT where available) with match and depth
 * limits, so a catastrophic pattern in a user's rule ends with an error
 * instead of a hang.
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
int regex_match(const struct regex *re, const char *s, size_t len);

#endif
