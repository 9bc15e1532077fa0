/* SPDX-License-Identifier: MIT */
/*
 * sarif.c — SARIF 2.1.0 (OASIS), shaped for GitHub code scanning
 * (https://docs.github.com/code-security/code-scanning/integrating-with-
 * code-scanning/sarif-support-for-code-scanning): rule descriptors with
 * help markdown, tags and security-severity; results with ruleIndex,
 * partialFingerprints, and relative URIs against %SRCROOT%. Columns are
 * UTF-16 code units, as the run's columnKind says.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/json.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"
#include "report.h"

static const char *const level[SEV__COUNT] = {"error", "warning", "note"};

struct sarif_state {
	struct json j;
	uint64_t *seen; /* fingerprints so far, for occurrence counts */
	size_t nseen, seen_alloc;
	struct buf notes; /* toolExecutionNotifications, as JSON */
	size_t nnotes;
};

static void
put_rule(struct json *j, const struct rule *r)
{
	struct buf md = BUF_INIT;
	size_t t;

	jw_object_begin(j);
	jw_kv_string(j, "id", r->id);
	jw_kv_string(j, "name", r->name);
	jw_key(j, "shortDescription");
	jw_object_begin(j);
	jw_kv_string(j, "text", r->summary);
	jw_object_end(j);
	jw_key(j, "fullDescription");
	jw_object_begin(j);
	jw_kv_string(j, "text", r->why ? r->why : r->summary);
	jw_object_end(j);
	buf_addf(&md, "%s\n\n", r->summary);
	if (r->why)
		buf_addf(&md, "**Why it matters.** %s\n\n", r->why);
	if (r->fix)
		buf_addf(&md, "**How to fix.** %s\n\n", r->fix);
	if (r->example_bad)
		buf_addf(&md, "Bad:\n\n```\n%s```\n\n", r->example_bad);
	if (r->example_good)
		buf_addf(&md, "Good:\n\n```\n%s```\n", r->example_good);
	jw_key(j, "help");
	jw_object_begin(j);
	jw_kv_string(j, "text", r->fix ? r->fix : r->summary);
	jw_kv_string(j, "markdown", md.ptr);
	jw_object_end(j);
	buf_release(&md);
	if (r->help_uri)
		jw_kv_string(j, "helpUri", r->help_uri);
	jw_key(j, "defaultConfiguration");
	jw_object_begin(j);
	jw_kv_string(j, "level", level[r->severity]);
	jw_object_end(j);
	jw_key(j, "properties");
	jw_object_begin(j);
	jw_key(j, "tags");
	jw_array_begin(j);
	for (t = 0; t < r->ntags; t++)
		jw_string(j, r->tags[t]);
	jw_array_end(j);
	if (r->security_severity)
		jw_kv_string(j, "security-severity", r->security_severity);
	jw_kv_string(j, "precision", "very-high");
	jw_kv_string(j, "problem.severity", severity_names[r->severity]);
	jw_object_end(j);
	jw_object_end(j);
}

static void
sarif_begin(struct reporter *r)
{
	struct sarif_state *st = xcalloc(1, sizeof(*st));
	struct json *j = &st->j;
	size_t i;

	r->json = j;
	buf_init(&st->notes);
	jw_init(j, &r->doc, 1);
	jw_object_begin(j);
	jw_kv_string(j, "$schema",
		       "https://json.schemastore.org/sarif-2.1.0.json");
	jw_kv_string(j, "version", "2.1.0");
	jw_key(j, "runs");
	jw_array_begin(j);
	jw_object_begin(j);
	jw_key(j, "tool");
	jw_object_begin(j);
	jw_key(j, "driver");
	jw_object_begin(j);
	jw_kv_string(j, "name", "pgtlslint");
	jw_kv_string(j, "version", pgtlslint_version);
	jw_kv_string(j, "semanticVersion", pgtlslint_version);
	jw_kv_string(j, "informationUri", pgtlslint_url);
	jw_key(j, "rules");
	jw_array_begin(j);
	for (i = 0; i < r->rules->nr; i++)
		put_rule(j, &r->rules->v[i]);
	jw_array_end(j);
	jw_object_end(j);
	jw_object_end(j);
	jw_kv_string(j, "columnKind", "utf16CodeUnits");
	jw_key(j, "results");
	jw_array_begin(j);
}

/* RFC 3986: keep unreserved characters and '/', percent-encode the rest. */
static char *
uri_encode(const char *path)
{
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)path;

	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			buf_addch(&b, (char)*p);
		else
			buf_addf(&b, "%%%02X", *p);
	}
	return buf_detach(&b);
}

static long long
rule_index(const struct ruleset *rs, const struct rule *r)
{
	const struct rule *listed = ruleset_find(rs, r->id);

	return listed ? (long long)(listed - rs->v) : -1;
}

static void
put_location(struct json *j, const char *path)
{
	const char *p = path;
	char *uri;

	while (p[0] == '.' && p[1] == '/')
		p += 2;
	jw_key(j, "artifactLocation");
	jw_object_begin(j);
	if (p[0] == '/') {
		char *enc = uri_encode(p);

		uri = xasprintf("file://%s", enc);
		free(enc);
		jw_kv_string(j, "uri", uri);
	} else {
		uri = uri_encode(p);
		jw_kv_string(j, "uri", uri);
		jw_kv_string(j, "uriBaseId", "%SRCROOT%");
	}
	free(uri);
	jw_object_end(j);
}

/* SARIF fixes[]: one artifactChange replacing the region with the text. */
static void
put_fix(struct json *j, const struct finding *f)
{
	const struct fix *x = f->fix;

	jw_key(j, "fixes");
	jw_array_begin(j);
	jw_object_begin(j);
	jw_key(j, "description");
	jw_object_begin(j);
	jw_kv_string(j, "text", "pgtlslint --fix");
	jw_object_end(j);
	jw_key(j, "artifactChanges");
	jw_array_begin(j);
	jw_object_begin(j);
	put_location(j, f->path);
	jw_key(j, "replacements");
	jw_array_begin(j);
	jw_object_begin(j);
	jw_key(j, "deletedRegion");
	jw_object_begin(j);
	jw_kv_int(j, "startLine", x->line);
	jw_kv_int(j, "startColumn", x->col16);
	jw_kv_int(j, "endLine", x->line);
	jw_kv_int(j, "endColumn", x->end_col16);
	jw_object_end(j);
	jw_key(j, "insertedContent");
	jw_object_begin(j);
	jw_kv_string(j, "text", x->text);
	jw_object_end(j);
	jw_object_end(j);
	jw_array_end(j);
	jw_object_end(j);
	jw_array_end(j);
	jw_object_end(j);
	jw_array_end(j);
}

static void
sarif_finding(struct reporter *r, const struct finding *f)
{
	struct sarif_state *st = (struct sarif_state *)r->json;
	struct json *j = &st->j;
	size_t occurrence = 0, i;
	uint64_t fp = finding_fingerprint(f);
	long long index = rule_index(r->rules, f->rule);
	char fpbuf[40];

	for (i = 0; i < st->nseen; i++)
		occurrence += st->seen[i] == fp;
	ALLOC_GROW(st->seen, st->nseen + 1, st->seen_alloc);
	st->seen[st->nseen++] = fp;
	jw_object_begin(j);
	jw_kv_string(j, "ruleId", f->rule->id);
	/* Files under another .pgtlslint.yaml have their own rule set (and
	 * maybe rules of their own): the listed rule is found by id, and a
	 * rule not listed has no index. */
	if (index >= 0)
		jw_kv_int(j, "ruleIndex", index);
	jw_kv_string(j, "level", level[f->severity]);
	jw_key(j, "message");
	jw_object_begin(j);
	jw_kv_string(j, "text", f->message);
	jw_object_end(j);
	jw_key(j, "locations");
	jw_array_begin(j);
	jw_object_begin(j);
	jw_key(j, "physicalLocation");
	jw_object_begin(j);
	put_location(j, f->path);
	jw_key(j, "region");
	jw_object_begin(j);
	jw_kv_int(j, "startLine", f->line);
	jw_kv_int(j, "startColumn", f->col16);
	jw_kv_int(j, "endLine", f->end_line);
	jw_kv_int(j, "endColumn", f->end_col16);
	jw_object_end(j);
	jw_object_end(j);
	jw_object_end(j);
	jw_array_end(j);
	if (f->fix)
		put_fix(j, f);
	snprintf(fpbuf, sizeof(fpbuf), "%016llx:%zu", (unsigned long long)fp,
		 occurrence + 1);
	jw_key(j, "partialFingerprints");
	jw_object_begin(j);
	jw_kv_string(j, "pgtlslint/v1", fpbuf);
	jw_object_end(j);
	jw_object_end(j);
}

static void
sarif_diag(struct reporter *r, const struct diag *d)
{
	struct sarif_state *st = (struct sarif_state *)r->json;
	struct json n;

	jw_init(&n, &st->notes, 0);
	if (st->nnotes++)
		buf_addch(&st->notes, ',');
	jw_object_begin(&n);
	jw_kv_string(&n, "level", d->is_error ? "error" : "note");
	jw_key(&n, "message");
	jw_object_begin(&n);
	jw_kv_string(&n, "text", d->message);
	jw_object_end(&n);
	jw_key(&n, "locations");
	jw_array_begin(&n);
	jw_object_begin(&n);
	jw_key(&n, "physicalLocation");
	jw_object_begin(&n);
	put_location(&n, d->path);
	jw_object_end(&n);
	jw_object_end(&n);
	jw_array_end(&n);
	jw_object_end(&n);
}

static void
sarif_end(struct reporter *r)
{
	struct sarif_state *st = (struct sarif_state *)r->json;
	struct json *j = &st->j;

	jw_array_end(j);
	jw_key(j, "invocations");
	jw_array_begin(j);
	jw_object_begin(j);
	jw_key(j, "executionSuccessful");
	jw_bool(j, 1);
	/* The notifications were written compactly into their own buffer
	 * while the results array was open. */
	jw_key(j, "toolExecutionNotifications");
	jw_raw(j, "[");
	buf_add(&r->doc, st->notes.ptr, st->notes.len);
	buf_addch(&r->doc, ']');
	jw_object_end(j);
	jw_array_end(j);
	jw_object_end(j);
	jw_array_end(j);
	jw_object_end(j);
	buf_addch(&r->doc, '\n');
	fwrite(r->doc.ptr, 1, r->doc.len, r->out);
	buf_release(&st->notes);
	free(st->seen);
	free(st);
	r->json = NULL;
}

const struct reporter_ops report_sarif = {"sarif", sarif_begin, sarif_finding,
					  sarif_diag, sarif_end};
