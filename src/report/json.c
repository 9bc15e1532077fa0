/* SPDX-License-Identifier: MIT */
/*
 * json.c — the JSON report:
 *
 *   {"tool": {"name", "version"},
 *    "findings": [{"rule", "name", "severity", "message", "path", "line",
 *                  "column", "end_line", "end_column",
 *                  "fix": {"line", "column", "end_column", "replacement"}}],
 *    "diagnostics": [{"path", "level", "message"}],
 *    "summary": {"error", "warning", "note", "files", "suppressed",
 *                "baselined"}}
 *
 * Columns are 1-based byte offsets; end_column is exclusive.
 */
#include <stdlib.h>

#include "../util/json.h"
#include "../util/xalloc.h"
#include "report.h"

struct json_state {
	struct json j;
	size_t counts[SEV__COUNT];
	int in_diags;
};

static struct json_state *
state(struct reporter *r)
{
	return (struct json_state *)r->json;
}

static void
json_report_begin(struct reporter *r)
{
	struct json_state *st = xcalloc(1, sizeof(*st));

	r->json = &st->j; /* j is the first member */
	jw_init(&st->j, &r->doc, 1);
	jw_object_begin(&st->j);
	jw_key(&st->j, "tool");
	jw_object_begin(&st->j);
	jw_kv_string(&st->j, "name", "pgtlslint");
	jw_kv_string(&st->j, "version", pgtlslint_version);
	jw_object_end(&st->j);
	jw_key(&st->j, "findings");
	jw_array_begin(&st->j);
}

static void
json_report_finding(struct reporter *r, const struct finding *f)
{
	struct json_state *st = state(r);
	struct json *j = &st->j;

	st->counts[f->severity]++;
	jw_object_begin(j);
	jw_kv_string(j, "rule", f->rule->id);
	jw_kv_string(j, "name", f->rule->name);
	jw_kv_string(j, "severity", severity_names[f->severity]);
	jw_kv_string(j, "message", f->message);
	jw_kv_string(j, "path", f->path);
	jw_kv_int(j, "line", f->line);
	jw_kv_int(j, "column", f->col);
	jw_kv_int(j, "end_line", f->end_line);
	jw_kv_int(j, "end_column", f->end_col);
	if (f->fix) {
		jw_key(j, "fix");
		jw_object_begin(j);
		jw_kv_int(j, "line", f->fix->line);
		jw_kv_int(j, "column", f->fix->col);
		jw_kv_int(j, "end_column", f->fix->end_col);
		jw_kv_string(j, "replacement", f->fix->text);
		jw_object_end(j);
	}
	jw_object_end(j);
}

static void
json_report_diag(struct reporter *r, const struct diag *d)
{
	struct json_state *st = state(r);
	struct json *j = &st->j;

	if (!st->in_diags) {
		jw_array_end(j);
		jw_key(j, "diagnostics");
		jw_array_begin(j);
		st->in_diags = 1;
	}
	jw_object_begin(j);
	jw_kv_string(j, "path", d->path);
	jw_kv_string(j, "level", d->is_error ? "error" : "note");
	jw_kv_string(j, "message", d->message);
	jw_object_end(j);
}

static void
json_report_end(struct reporter *r)
{
	struct json_state *st = state(r);
	struct json *j = &st->j;
	int s;

	jw_array_end(j);
	if (!st->in_diags) {
		jw_key(j, "diagnostics");
		jw_array_begin(j);
		jw_array_end(j);
	}
	jw_key(j, "summary");
	jw_object_begin(j);
	for (s = 0; s < SEV__COUNT; s++)
		jw_kv_int(j, severity_names[s], (long long)st->counts[s]);
	jw_kv_int(j, "files", (long long)r->counts.files);
	jw_kv_int(j, "suppressed", (long long)r->counts.suppressed);
	jw_kv_int(j, "baselined", (long long)r->counts.baselined);
	jw_object_end(j);
	jw_object_end(j);
	buf_addch(&r->doc, '\n');
	fwrite(r->doc.ptr, 1, r->doc.len, r->out);
	free(st);
	r->json = NULL;
}

const struct reporter_ops report_json = {"json", json_report_begin,
					 json_report_finding, json_report_diag,
					 json_report_end};
