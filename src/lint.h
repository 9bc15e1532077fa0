/* SPDX-License-Identifier: MIT */
/*
 * lint.h — one run: walk -> classify -> parse -> model -> rules -> findings.
 * It never prints: main.c reports the result.
 */
#ifndef PGT_LINT_H
#define PGT_LINT_H

#include <stddef.h>

#include "cli.h"
#include "diag.h"
#include "finding.h"
#include "rules/ruleset.h"
#include "util/buf.h"

struct lint_result {
	struct findings findings; /* sorted */
	struct diags diags;
	struct buf settings;      /* --show-settings text */
	struct buf stdin_text; /* what "-" held (for --fix and --diff) */
	size_t files;             /* files analysed */
	size_t suppressed;        /* findings removed by ignore comments */
};

struct scopes;

/* Runs the rules over every path of o, each file with the settings its
 * scope gives; "-" is read from standard input, or is stdin_text when not
 * NULL (the fixed text, linted again). Fills res (initialised here); a
 * nested configuration that cannot be used is an error diagnostic, and
 * the files it governs are not linted. */
void lint_run(const struct pgt_options *o, struct scopes *scopes,
	      const struct buf *stdin_text, struct lint_result *res);
/* An editor's unsaved text of the file at path, read in its place. */
struct lint_buffer {
	const char *path; /* borrowed; as the walk names the file */
	const char *text; /* borrowed */
	size_t len;
};

/* lint_run, with the files of buffers' paths read from buffers. */
void lint_run_buffers(const struct pgt_options *o, struct scopes *scopes,
		      const struct buf *stdin_text,
		      const struct lint_buffer *buffers, size_t nbuffers,
		      struct lint_result *res);
void lint_result_release(struct lint_result *res);

#endif
