/* SPDX-License-Identifier: MIT */
/*
 * suppress.h — inline suppressions, in any comment syntax:
 *
 *   pgtlslint: ignore PGT301[,ssl-disabled...] [-- reason]
 *       on the finding's line or the line above it
 *   pgtlslint: ignore-file PGT205[,...] [-- reason]
 *       anywhere in the file
 *
 * Codes and names both work (case-insensitive). Used markers are counted;
 * unused ones can be reported (PGT001, --report-unused-ignores).
 */
#ifndef PGT_SUPPRESS_H
#define PGT_SUPPRESS_H

#include <stddef.h>
#include <stdint.h>

#include "../finding.h"
#include "ruleset.h"

struct suppression {
	struct finding at; /* owned: path and place of the marker, as a
			      finding of PGT001 would have them */
	int file_level;
	char **ids;          /* owned; rule ids, or the text when unknown */
	size_t nids;
	int used;
	const struct rule *unused_rule; /* PGT001 when active for the file */
};

struct suppressions {
	struct suppression *v; /* owned */
	size_t nr, alloc;
};

/* Records the markers of src (call once per source); a marker that names
 * no rule, or a name that is no rule, is a note in diags (NULL: none). */
struct diags;
void suppress_scan(struct suppressions *s, const struct source *src,
		   const struct ruleset *rules, struct diags *diags);

/*
 * Removes the findings a marker covers; returns how many. Then, for each
 * marker that covered nothing, adds a PGT001 finding when that rule is
 * active for the marker's file.
 */
size_t suppress_apply(struct suppressions *s, struct findings *fs);

/* Whether a file with nr findings needs its markers read: to remove
 * findings, or to report unused markers (PGT001). */
int suppress_needed(const struct ruleset *rules, size_t nr);

/* --report-unused-ignores: switches PGT001 on. */
void suppress_report_unused(struct ruleset *rules);
void suppress_release(struct suppressions *s);

#endif
