/* SPDX-License-Identifier: MIT */
/*
 * text.c — gcc-style lines, "path:line:col: severity: message [ID name]",
 * which Vim's default errorformat and most editors parse, optionally with
 * the source line and a caret under the span.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/term.h"
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

/*
 * The source line (its secrets masked when the finding was made, control
 * bytes escaped here) and a caret line under the finding's span. The
 * caret line echoes the tabs before the span so that it lines up.
 */
static void
show_source(struct reporter *r, const struct finding *f)
{
	size_t len = strlen(f->snippet);
	size_t col = f->snippet_col < len ? f->snippet_col : len;
	size_t end = f->snippet_end < col   ? col
		     : f->snippet_end > len ? len
					    : f->snippet_end;
	struct buf before = BUF_INIT, span = BUF_INIT, after = BUF_INIT;
	size_t i, w;

	term_escape(&before, f->snippet, col, TERM_KEEP_TABS);
	term_escape(&span, f->snippet + col, end - col, TERM_KEEP_TABS);
	term_escape(&after, f->snippet + end, len - end, TERM_KEEP_TABS);
	fprintf(r->out, "    %s%s%s\n    ", before.ptr, span.ptr, after.ptr);
	for (i = 0; i < before.len; i++) {
		unsigned char c = (unsigned char)before.ptr[i];

		if ((c & 0xC0) != 0x80) /* one column per code point */
			fputc(c == '\t' ? '\t' : ' ', r->out);
	}
	if (r->color)
		fputs(sev_color[f->severity], r->out);
	fputc('^', r->out);
	for (w = term_columns(span.ptr, span.len); w > 1; w--)
		fputc('~', r->out);
	if (r->color)
		fputs(RESET, r->out);
	fputc('\n', r->out);
	buf_release(&before);
	buf_release(&span);
	buf_release(&after);
}

static void
text_finding(struct reporter *r, const struct finding *f)
{
	const char *sev = severity_names[f->severity];
	struct buf path = BUF_INIT, msg = BUF_INIT;

	term_escape(&path, f->path, strlen(f->path), 0);
	term_escape(&msg, f->message, strlen(f->message), 0);
	if (r->color)
		fprintf(r->out,
			BOLD "%s:%u:%u:" RESET " %s%s:" RESET " %s " BOLD
				     "[%s %s]" RESET "\n",
			path.ptr, f->line, f->col, sev_color[f->severity], sev,
			msg.ptr, f->rule->id, f->rule->name);
	else
		fprintf(r->out, "%s:%u:%u: %s: %s [%s %s]\n", path.ptr, f->line,
			f->col, sev, msg.ptr, f->rule->id, f->rule->name);
	buf_release(&path);
	buf_release(&msg);
	if (r->show_source && f->masked)
		show_source(r, f);
}

static void
text_diag(struct reporter *r, const struct diag *d)
{
	fprintf(r->err, "pgtlslint: %s: ", d->is_error ? "error" : "note");
	term_puts(r->err, d->message, 0);
	fputc('\n', r->err);
}

/* "3 errors, 1 warning in 2 files", after the report when it goes to a
 * terminal (a pipe or file gets the findings alone, for tools). */
static void
text_end(struct reporter *r)
{
	static const char *const nouns[SEV__COUNT][2] = {
	    {"error", "errors"}, {"warning", "warnings"}, {"note", "notes"}};
	const char *sep = "";
	int s;

	if (!isatty(fileno(r->out)))
		return;
	if (!r->nfindings)
		fputs("no findings", r->out);
	for (s = 0; s < SEV__COUNT; s++) {
		if (!r->by_severity[s])
			continue;
		fprintf(r->out, "%s%zu %s", sep, r->by_severity[s],
			nouns[s][r->by_severity[s] != 1]);
		sep = ", ";
	}
	fprintf(r->out, " in %zu file%s", r->counts.files,
		r->counts.files == 1 ? "" : "s");
	if (r->counts.suppressed)
		fprintf(r->out, "; %zu suppressed", r->counts.suppressed);
	if (r->counts.baselined)
		fprintf(r->out, "; %zu in the baseline", r->counts.baselined);
	fputc('\n', r->out);
}

const struct reporter_ops report_text = {"text", text_begin, text_finding,
					 text_diag, text_end};
