/* SPDX-License-Identifier: MIT */
/*
 * gitlab.c — GitLab Code Quality report (https://docs.gitlab.com/ci/
 * testing/code_quality/#code-quality-report-format): a JSON array of
 * {description, check_name, fingerprint, severity, location{path,
 * lines{begin}}}. Severities: error critical, warning major, note info.
 * The fingerprint must be unique per issue: the finding's fingerprint
 * plus its occurrence.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "../util/json.h"
#include "../util/xalloc.h"
#include "report.h"

static const char *const severity[SEV__COUNT] = {"critical", "major", "info"};

struct gitlab_state {
	struct json j;
	uint64_t *seen;
	size_t nseen, alloc;
};

static void
gl_begin(struct reporter *r)
{
	struct gitlab_state *st = xcalloc(1, sizeof(*st));

	r->json = &st->j;
	jw_init(&st->j, &r->doc, 1);
	jw_array_begin(&st->j);
}

static void
gl_finding(struct reporter *r, const struct finding *f)
{
	struct gitlab_state *st = (struct gitlab_state *)r->json;
	struct json *j = &st->j;
	uint64_t fp = finding_fingerprint(f);
	size_t i, n = 0;
	char text[48];
	char *desc;

	for (i = 0; i < st->nseen; i++)
		n += st->seen[i] == fp;
	ALLOC_GROW(st->seen, st->nseen + 1, st->alloc);
	st->seen[st->nseen++] = fp;
	snprintf(text, sizeof(text), "%016" PRIx64 "-%zu", fp, n + 1);
	desc = xasprintf("%s (%s %s)", f->message, f->rule->id, f->rule->name);
	jw_object_begin(j);
	jw_kv_string(j, "description", desc);
	jw_kv_string(j, "check_name", f->rule->id);
	jw_kv_string(j, "fingerprint", text);
	jw_kv_string(j, "severity", severity[f->severity]);
	jw_key(j, "location");
	jw_object_begin(j);
	jw_kv_string(j, "path", f->path);
	jw_key(j, "lines");
	jw_object_begin(j);
	jw_kv_int(j, "begin", f->line);
	jw_object_end(j);
	jw_object_end(j);
	jw_object_end(j);
	free(desc);
}

static void
gl_diag(struct reporter *r, const struct diag *d)
{
	fprintf(r->err, "pgtlslint: %s: %s\n", d->is_error ? "error" : "note",
		d->message);
}

static void
gl_end(struct reporter *r)
{
	struct gitlab_state *st = (struct gitlab_state *)r->json;

	jw_array_end(&st->j);
	buf_addch(&r->doc, '\n');
	fwrite(r->doc.ptr, 1, r->doc.len, r->out);
	free(st->seen);
	free(st);
	r->json = NULL;
}

const struct reporter_ops report_gitlab = {"gitlab", gl_begin, gl_finding,
					   gl_diag, gl_end};
