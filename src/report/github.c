/* SPDX-License-Identifier: MIT */
/*
 * github.c — GitHub Actions workflow commands (annotations):
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 * "::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message".
 * Data escapes % CR LF; property values also escape ':' and ','.
 */
#include <string.h>

#include "report.h"

static const char *const level[SEV__COUNT] = {"error", "warning", "notice"};

static void
put_escaped(FILE *out, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
}

static void
gh_begin(struct reporter *r)
{
	(void)r;
}

static void
gh_finding(struct reporter *r, const struct finding *f)
{
	fprintf(r->out, "::%s file=", level[f->severity]);
	put_escaped(r->out, f->path, 1);
	fprintf(r->out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=",
		f->line, f->col, f->end_line, f->end_col);
	put_escaped(r->out, f->rule->id, 1);
	fputs(" ", r->out);
	put_escaped(r->out, f->rule->name, 1);
	fputs("::", r->out);
	put_escaped(r->out, f->message, 0);
	fputc('\n', r->out);
}

static void
gh_diag(struct reporter *r, const struct diag *d)
{
	fprintf(r->out, "::%s file=", d->is_error ? "error" : "notice");
	put_escaped(r->out, d->path, 1);
	fputs("::", r->out);
	put_escaped(r->out, d->message, 0);
	fputc('\n', r->out);
}

static void
gh_end(struct reporter *r)
{
	(void)r;
}

const struct reporter_ops report_github = {"github", gh_begin, gh_finding,
					   gh_diag, gh_end};
