/* SPDX-License-Identifier: MIT */
/*
 * ignore_edit.h — the "ignore this line" quick fix: a comment line
 * "pgtlslint: ignore RULE -- reason" above a finding (suppress.c reads a
 * marker on the finding's line or the line before), offered only where a
 * new line there is a comment and changes nothing else: never inside a
 * string or comment that spans lines, a YAML block scalar, or after a
 * line that continues (a trailing backslash).
 */
#ifndef PGT_LSP_IGNORE_EDIT_H
#define PGT_LSP_IGNORE_EDIT_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/source.h"

/*
 * The line to insert at offset line_start (a line's first byte) of text,
 * read as kind from path, to ignore rule_id on that line: the line's
 * indentation, the format's comment, the marker, and its line end.
 * Returns 0 with the line in out, or -1 when no comment can go there.
 */
int ignore_line_edit(enum file_kind kind, const char *path, const char *text,
		     size_t len, size_t line_start, const char *rule_id,
		     struct buf *out);

#endif
