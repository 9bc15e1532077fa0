/* SPDX-License-Identifier: MIT */
/*
 * report.h — output formats. A reporter receives the run's rules, then the
 * sorted findings, then the diagnostics (files skipped or unreadable), then
 * end (ShellCheck's Formatter: header / onResult / onFailure / footer).
 */
#ifndef PGT_REPORT_H
#define PGT_REPORT_H

#include <stdio.h>

#include "../diag.h"
#include "../finding.h"
#include "../rules/ruleset.h"
#include "../util/buf.h"

/* Totals a report may show besides the findings. */
struct report_counts {
	size_t files;      /* files analysed */
	size_t suppressed; /* removed by ignore comments */
	size_t baselined;  /* removed by --baseline */
};

struct reporter {
	const struct reporter_ops *ops;
	FILE *out;                   /* borrowed; findings go here */
	FILE *err;                   /* borrowed; text diagnostics go here */
	const struct ruleset *rules; /* borrowed */
	int color;
	int show_source;
	struct buf doc;              /* json/sarif accumulate here */
	struct json *json;           /* owned by the format, while running */
	size_t nfindings;
	size_t by_severity[SEV__COUNT]; /* findings reported, per severity */
	struct report_counts counts;
};

struct reporter_ops {
	const char *name;
	void (*begin)(struct reporter *r);
	void (*finding)(struct reporter *r, const struct finding *f);
	void (*diag)(struct reporter *r, const struct diag *d);
	void (*end)(struct reporter *r);
};

/* The format called name ("text", "json", "sarif", "github", "gitlab"),
 * or NULL. */
const struct reporter_ops *reporter_find(const char *name);

/* Runs the whole report. Returns 0, or PGT_EIO if writing failed. */
int report_run(const struct reporter_ops *ops, FILE *out, FILE *err,
	       const struct ruleset *rules, const struct findings *fs,
	       const struct diag *diags, size_t ndiags,
	       const struct report_counts *counts, int color, int show_source);

extern const struct reporter_ops report_text, report_json, report_sarif,
    report_github, report_gitlab;

/* The version string every format prints. */
extern const char pgtlslint_version[];
extern const char pgtlslint_url[]; /* the project's home (SARIF's
				      informationUri) */

#endif
