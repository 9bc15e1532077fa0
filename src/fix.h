/* SPDX-License-Identifier: MIT */
/*
 * fix.h — apply the fixes findings carry (--fix), or show them as a
 * unified diff (--diff). Every byte outside a fix's span stays as it was.
 *
 * A run over untrusted files writes only the files it fixes, the way
 * careful formatters do: the new text goes to a fresh temporary file
 * created exclusively in the same directory (mkstemp), takes the old
 * file's mode (and owner, when we may), is synced, and is renamed over
 * the old one. A target that is a symbolic link, not a regular file,
 * outside every path given on the command line, or changed since it was
 * linted is refused with an error and left alone.
 */
#ifndef PGT_FIX_H
#define PGT_FIX_H

#include <stddef.h>

#include "diag.h"
#include "finding.h"
#include "util/buf.h"

struct fix_options {
	const char *const *roots; /* borrowed; the paths given: fixes are
				     written only to files inside them */
	size_t nroots;
	const struct buf *stdin_text; /* borrowed; what "-" held, or NULL */
	struct buf *diff;	      /* --diff: the diff goes here, nothing is
					 written; NULL: --fix */
	struct buf *stdin_fixed;      /* --fix: standard input's fixed text goes
					 here (it is printed, never written to
					 the file it is named as) */
};

struct fix_result {
	size_t applied; /* fixes applied (or shown) */
	size_t files;   /* files changed (or that would change) */
};

/*
 * Applies or shows the fixes of fs, file by file; overlapping fixes: the
 * first wins. Leaves fs alone (the caller lints the fixed files again for
 * what is left). Files that cannot be read or written become errors in
 * diags.
 */
void fix_apply(const struct findings *fs, const struct fix_options *opt,
	       struct diags *diags, struct fix_result *out);

#endif
