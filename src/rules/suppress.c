/* SPDX-License-Identifier: MIT */
/*
 * suppress.c — find "pgtlslint: ignore" markers and apply them.
 *
 * Grammar of a marker (after the text "pgtlslint:"):
 *   blanks ("ignore" | "ignore-file") blanks list [blanks "--" reason]
 *   list := item { "," item }, item := a rule code or name
 * The marker is recognised wherever it stands; comment syntax differs
 * between the formats we read (#, //, C-style, --) and the marker text is
 * specific enough.
 */
#include "suppress.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../diag.h"
#include "../util/xalloc.h"

/* The rule that reports a marker covering nothing. */
#define UNUSED_MARKER_RULE "PGT001"

#define MARKER "pgtlslint:"

static int
item_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static void
add_marker(struct suppressions *s, const struct source *src, size_t at,
	   size_t end, int file_level, const char *list, size_t n,
	   const struct ruleset *rules, struct diags *diags)
{
	struct suppression *m;
	size_t i = 0;

	ALLOC_GROW(s->v, s->nr + 1, s->alloc);
	m = &s->v[s->nr++];
	memset(m, 0, sizeof(*m));
	m->at.path = xstrdup(src->path);
	m->at.message = xstrdup("");
	finding_place(&m->at, src, at, end);
	finding_mask(&m->at, src);
	m->file_level = file_level;
	m->unused_rule = ruleset_active(rules, UNUSED_MARKER_RULE);
	while (i < n) {
		size_t b = i;
		char *item;
		const struct rule *r;

		while (i < n && item_char(list[i]))
			i++;
		item = xstrndup(list + b, i - b);
		r = ruleset_find(rules, item);
		if (!r && diags)
			diags_add(diags, src->path, 0,
				  xasprintf("'%s' line %u: '%s' in a "
					    "pgtlslint: ignore comment is no "
					    "rule (a code such as PGT301, or "
					    "its name): it suppresses nothing",
					    src->path, m->at.line, item));
		m->ids = xrealloc(m->ids, (m->nids + 1) * sizeof(*m->ids));
		m->ids[m->nids++] = r ? xstrdup(r->id) : item;
		if (r)
			free(item);
		if (i >= n || list[i] != ',')
			break;
		i++;
	}
}

void
suppress_scan(struct suppressions *s, const struct source *src,
	      const struct ruleset *rules, struct diags *diags)
{
	const char *p = src->text, *end = src->text + src->len;
	const size_t mlen = sizeof(MARKER) - 1;

	while (p < end) {
		const char *hit = memchr(p, 'p', (size_t)(end - p));
		const char *q, *list;
		int file_level;

		if (!hit || (size_t)(end - hit) < mlen)
			return;
		p = hit + 1;
		if (strncmp(hit, MARKER, mlen))
			continue;
		q = hit + mlen;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if ((size_t)(end - q) >= 11 && !strncmp(q, "ignore-file", 11))
			file_level = 1, q += 11;
		else if ((size_t)(end - q) >= 6 && !strncmp(q, "ignore", 6))
			file_level = 0, q += 6;
		else
			continue;
		if (q < end && item_char(*q))
			continue; /* "ignored", "ignore-files": prose */
		list = q;
		while (list < end && (*list == ' ' || *list == '\t'))
			list++;
		q = list;
		while (q < end && (item_char(*q) || *q == ','))
			q++;
		if (q > list && (list[-1] == ' ' || list[-1] == '\t'))
			add_marker(s, src, (size_t)(hit - src->text),
				   (size_t)(q - src->text), file_level, list,
				   (size_t)(q - list), rules, diags);
		else if (diags)
			/* "pgtlslint: ignore" alone, or "ignore:PGT301":
			 * it hides nothing, and says so */
			diags_add(diags, src->path, 0,
				  xasprintf("'%s' line %u: a pgtlslint: %s "
					    "comment names no rule: it "
					    "suppresses nothing (write "
					    "'pgtlslint: ignore PGT301 -- "
					    "why')",
					    src->path,
					    source_pos(src, (size_t)(hit -
								     src->text))
						.line,
					    file_level ? "ignore-file"
						       : "ignore"));
		p = q > p ? q : p;
	}
}

static int
covers(const struct suppression *m, const struct finding *f)
{
	size_t i;

	if (strcmp(m->at.path, f->path) ||
	    (!m->file_level && f->line != m->at.line &&
	     f->line != m->at.line + 1))
		return 0;
	for (i = 0; i < m->nids; i++)
		if (!strcmp(m->ids[i], f->rule->id))
			return 1;
	return 0;
}

/* Some marker covers f; every marker that does is marked used. */
static int
suppressed(const struct finding *f, void *arg)
{
	struct suppressions *s = arg;
	size_t j;
	int hit = 0;

	for (j = 0; j < s->nr; j++)
		if (covers(&s->v[j], f)) {
			s->v[j].used = 1;
			hit = 1;
		}
	return hit;
}

size_t
suppress_apply(struct suppressions *s, struct findings *fs)
{
	size_t j, dropped = findings_drop_if(fs, suppressed, s);

	for (j = 0; j < s->nr; j++) {
		struct finding *f;
		const struct suppression *m = &s->v[j];

		if (m->used || !m->unused_rule)
			continue;
		ALLOC_GROW(fs->v, fs->nr + 1, fs->alloc);
		f = &fs->v[fs->nr++];
		*f = m->at;
		f->rule = m->unused_rule;
		f->severity = m->unused_rule->severity;
		f->path = xstrdup(m->at.path);
		f->snippet = xstrdup(m->at.snippet);
		f->message = NULL;
		f->message = xasprintf("'pgtlslint: %s %s' suppresses nothing",
				       m->file_level ? "ignore-file" : "ignore",
				       m->nids ? m->ids[0] : "");
	}
	return dropped;
}

void
suppress_release(struct suppressions *s)
{
	size_t i, j;

	for (i = 0; i < s->nr; i++) {
		for (j = 0; j < s->v[i].nids; j++)
			free(s->v[i].ids[j]);
		free(s->v[i].ids);
		finding_release(&s->v[i].at);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

int
suppress_needed(const struct ruleset *rules, size_t nr)
{
	return nr || ruleset_active(rules, UNUSED_MARKER_RULE);
}

void
suppress_report_unused(struct ruleset *rules)
{
	ruleset_find(rules, UNUSED_MARKER_RULE)->enabled = 1;
}
