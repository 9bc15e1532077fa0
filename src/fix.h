/* SPDX-License-Identifier: MIT */
/*
 * fix.h — apply the fixes findings carry (--fix), or show them as a
 * unified diff (--diff). Every byte outside a fix's span stays as it was.
 */
#ifndef PGT_FIX_H
#define PGT_FIX_H

#include <stddef.h>

#include "diag.h"
#include "finding.h"
#include "util/buf.h"

struct fix_result {
	size_t applied; /* fixes applied (or shown) */
	size_t files;   /* files changed (or that would change) */
};

/*
 * For every file with fixes: when diff is NULL, rewrite it in place (via a
 * temporary file and rename, keeping its mode) and remove the fixed
 * findings from fs; else append a unified diff to diff (lines masked, as
 * everywhere) and leave fs alone. Overlapping fixes: the first wins.
 * Files that cannot be read or written become errors in diags.
 */
void fix_apply(struct findings *fs, struct buf *diff, struct diags *diags,
	       struct fix_result *out);

#endif
