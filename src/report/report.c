/* SPDX-License-Identifier: MIT */
/* report.c — choose a format and drive it. */
#include "report.h"

#include <string.h>

#include "../status.h"

const char pgtlslint_version[] = PGTLSLINT_VERSION;
const char pgtlslint_url[] = "https://github.com/pgtlslint/pgtlslint";

static const struct reporter_ops *const formats[] = {
	&report_text, &report_json, &report_sarif, &report_github,
	&report_gitlab};

const struct reporter_ops *
reporter_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(formats[i]->name, name))
			return formats[i];
	return NULL;
}

int
report_run(const struct reporter_ops *ops, FILE *out, FILE *err,
	   const struct ruleset *rules, const struct findings *fs,
	   const struct diag *diags, size_t ndiags,
	   const struct report_counts *counts, int color, int show_source)
{
	struct reporter r;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.ops = ops;
	r.out = out;
	r.err = err;
	r.rules = rules;
	r.color = color;
	r.show_source = show_source;
	r.counts = *counts;
	buf_init(&r.doc);
	ops->begin(&r);
	for (i = 0; i < fs->nr; i++) {
		ops->finding(&r, &fs->v[i]);
		r.nfindings++;
		r.by_severity[fs->v[i].severity]++;
	}
	for (i = 0; i < ndiags; i++)
		ops->diag(&r, &diags[i]);
	ops->end(&r);
	buf_release(&r.doc);
	if (fflush(out) != 0 || ferror(out))
		return PGT_EIO;
	return 0;
}
