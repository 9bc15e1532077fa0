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
	size_t files;             /* files analysed */
	size_t suppressed;        /* findings removed by ignore comments */
};

/* Runs the rules over every path of o. Fills res (initialised here). */
void lint_run(const struct pgt_options *o, const struct ruleset *rules,
	      struct lint_result *res);
void lint_result_release(struct lint_result *res);

#endif
