/* SPDX-License-Identifier: MIT */
/*
 * baseline.h — accept today's findings, fail only on new ones.
 *
 * The file is JSON: {"pgtlslint_baseline": 1, "findings": [{"rule",
 * "path", "fingerprint"}]}. Fingerprints (finding_fingerprint) do not hold
 * line numbers, so moving code does not make old findings new.
 */
#ifndef PGT_BASELINE_H
#define PGT_BASELINE_H

#include <stddef.h>

#include "finding.h"

struct baseline_entry {
	char *rule, *path; /* owned */
	char fingerprint[17];
	int used;
};

struct baseline {
	struct baseline_entry *v; /* owned */
	size_t nr, alloc;
};

/* Writes fs to path. Returns 0, or PGT_EIO with *err. */
int baseline_write(const char *path, const struct findings *fs, char **err);

/* Reads path. Returns 0, or PGT_EUSAGE with *err "file:line:col: ...". */
int baseline_load(struct baseline *b, const char *path, char **err);

/* Drops the findings the baseline holds (each entry once); returns how
 * many. */
size_t baseline_apply(struct baseline *b, struct findings *fs);
void baseline_release(struct baseline *b);

#endif
