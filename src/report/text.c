/* SPDX-License-Identifier: MIT */
/*
 * text.c — gcc-style lines, "path:line:col: severity: message [ID name]",
 * which Vim's default errorformat and most editors parse, optionally with
 * the source line and a caret under the span.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/mask.h"
#include "report.h"

#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *const sev_color[SEV__COUNT] = {"\033[1;31m", "\033[1;33m",
						  "\033[1;36m"};

static void
text_begin(struct reporter *r)
{
	(void)r;
}

/* Prints bytes with control characters made visible, tabs kept. */
static void
put_visible(FILE *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		fputc(c == '\t' || c >= 0x20 ? c : '?', out);
	}
}

/* The source line (masked) and a caret line under the finding's span. */
static void
show_source(struct reporter *r, const struct finding *f)
{
	size_t len = strlen(f->snippet), col = f->col - 1, end = f->end_col - 1;
	char *before, *span, *line;
	size_t i, w;

	if (col > len)
		col = len;
	if (end < col)
		end = col;
	if (end > len)
		end = len;
	line = mask_conninfo(f->snippet, len);
	before = mask_conninfo(f->snippet, col);
	span = mask_conninfo(f->snippet + col, end - col);
	fputs("    ", r->out);
	put_visible(r->out, line, strlen(line));
	fputs("\n    ", r->out);
	for (i = 0; before[i]; i++)
		fputc(before[i] == '\t' ? '\t' : ' ', r->out);
	if (r->color)
		fputs(sev_color[f->severity], r->out);
	fputc('^', r->out);
	for (w = 1; w < strlen(span); w++)
		fputc('~', r->out);
	if (r->color)
		fputs(RESET, r->out);
	fputc('\n', r->out);
	free(line);
	free(before);
	free(span);
}

static void
text_finding(struct reporter *r, const struct finding *f)
{
	const char *sev = severity_names[f->severity];

	if (r->color)
		fprintf(r->out, BOLD "%s:%u:%u:" RESET " %s%s:" RESET " %s " BOLD
				     "[%s %s]" RESET "\n",
			f->path, f->line, f->col, sev_color[f->severity], sev,
			f->message, f->rule->id, f->rule->name);
	else
		fprintf(r->out, "%s:%u:%u: %s: %s [%s %s]\n", f->path, f->line,
			f->col, sev, f->message, f->rule->id, f->rule->name);
	if (r->show_source)
		show_source(r, f);
}

static void
text_diag(struct reporter *r, const struct diag *d)
{
	fprintf(r->err, "pgtlslint: %s: %s\n", d->is_error ? "error" : "note",
		d->message);
}

static void
text_end(struct reporter *r)
{
	(void)r;
}

const struct reporter_ops report_text = {"text", text_begin, text_finding,
					 text_diag, text_end};
