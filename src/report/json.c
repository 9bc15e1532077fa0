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
	json_init(&st->j, &r->doc, 1);
	json_object_begin(&st->j);
	json_key(&st->j, "tool");
	json_object_begin(&st->j);
	json_kv_string(&st->j, "name", "pgtlslint");
	json_kv_string(&st->j, "version", pgtlslint_version);
	json_object_end(&st->j);
	json_key(&st->j, "findings");
	json_array_begin(&st->j);
}

static void
json_report_finding(struct reporter *r, const struct finding *f)
{
	struct json_state *st = state(r);
	struct json *j = &st->j;

	st->counts[f->severity]++;
	json_object_begin(j);
	json_kv_string(j, "rule", f->rule->id);
	json_kv_string(j, "name", f->rule->name);
	json_kv_string(j, "severity", severity_names[f->severity]);
	json_kv_string(j, "message", f->message);
	json_kv_string(j, "path", f->path);
	json_kv_int(j, "line", f->line);
	json_kv_int(j, "column", f->col);
	json_kv_int(j, "end_line", f->end_line);
	json_kv_int(j, "end_column", f->end_col);
	if (f->fix) {
		json_key(j, "fix");
		json_object_begin(j);
		json_kv_int(j, "line", f->fix->line);
		json_kv_int(j, "column", f->fix->col);
		json_kv_int(j, "end_column", f->fix->end_col);
		json_kv_string(j, "replacement", f->fix->text);
		json_object_end(j);
	}
	json_object_end(j);
}

static void
json_report_diag(struct reporter *r, const struct diag *d)
{
	struct json_state *st = state(r);
	struct json *j = &st->j;

	if (!st->in_diags) {
		json_array_end(j);
		json_key(j, "diagnostics");
		json_array_begin(j);
		st->in_diags = 1;
	}
	json_object_begin(j);
	json_kv_string(j, "path", d->path);
	json_kv_string(j, "level", d->is_error ? "error" : "note");
	json_kv_string(j, "message", d->message);
	json_object_end(j);
}

static void
json_report_end(struct reporter *r)
{
	struct json_state *st = state(r);
	struct json *j = &st->j;
	int s;

	json_array_end(j);
	if (!st->in_diags) {
		json_key(j, "diagnostics");
		json_array_begin(j);
		json_array_end(j);
	}
	json_key(j, "summary");
	json_object_begin(j);
	for (s = 0; s < SEV__COUNT; s++)
		json_kv_int(j, severity_names[s], (long long)st->counts[s]);
	json_kv_int(j, "files", (long long)r->counts.files);
	json_kv_int(j, "suppressed", (long long)r->counts.suppressed);
	json_kv_int(j, "baselined", (long long)r->counts.baselined);
	json_object_end(j);
	json_object_end(j);
	buf_addch(&r->doc, '\n');
	fwrite(r->doc.ptr, 1, r->doc.len, r->out);
	free(st);
	r->json = NULL;
}

const struct reporter_ops report_json = {"json", json_report_begin,
					 json_report_finding, json_report_diag,
					 json_report_end};
