/* SPDX-License-Identifier: MIT */
/*
 * ruleset.c — load rules.d/<ID>.yaml files (embedded and --rules-dir).
 *
 * One rule per document:
 *
 *   id: PGT101                 required, [A-Z]{2,8}[0-9]{3,4}
 *   name: ssl-disabled         required, kebab-case
 *   severity: error            required: error | warning | note
 *   target: pgconf             required: pgconf | hba | client | file
 *   summary: ...               required, one line
 *   message: ...               template: {setting}, {value}
 *   why / fix / help_uri       text
 *   examples: {bad: ..., good: ...}
 *   tags: [security, tls]
 *   security_severity: "8.1"   GitHub code scanning's 0.0-10.0 score
 *   enabled: true
 *   builtin: true              reported by a parser (syntax rules)
 *   check: ssl_disabled        a C check from rules/checks.c, or
 *   condition: {setting: NAME, equals: V | match: REGEX | absent: true,
 *               replace_with: TEXT}   (the safe rewrite of a set value)
 *
 * Exactly one of builtin, check and condition. Errors carry libyaml's
 * mark plus one (libyaml tests/run-parser.c), as "file:line:col: ...".
 */
#include "../util/sort.h"
#include "ruleset.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../status.h"
#include "../util/buf.h"
#include "../util/regex.h"
#include "../util/source.h"
#include "../util/xalloc.h"
#include "../util/yaml_doc.h"
#include "checks.h"

const char *const severity_names[SEV__COUNT] = {"error", "warning", "note"};
const char *const target_names[TARGET__COUNT] = {"pgconf", "hba", "client",
						 "file", "cert"};
_Static_assert(sizeof(severity_names) / sizeof(severity_names[0]) ==
		   SEV__COUNT,
	       "severity names");
_Static_assert(sizeof(target_names) / sizeof(target_names[0]) ==
		   TARGET__COUNT,
	       "target names");

struct loader {
	const char *origin;
	yaml_document_t doc;
	char **err;
};

static int
fail_at(struct loader *ld, const yaml_node_t *node, const char *fmt,
	const char *arg)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s:%zu:%zu: ", ld->origin,
		 node ? node->start_mark.line + 1 : 1,
		 node ? node->start_mark.column + 1 : 1);
	buf_addf(&b, fmt, arg);
	*ld->err = buf_detach(&b);
	return PGT_ERULE;
}

static const char *
scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value
						: NULL;
}

static int
take_string(struct loader *ld, const yaml_node_t *n, char **out)
{
	const char *s = scalar(n);

	if (!s)
		return fail_at(ld, n, "expected a string%s", "");
	if (*out)
		return fail_at(ld, n, "duplicate key%s", "");
	*out = xstrdup(s);
	return 0;
}

static int
take_bool(struct loader *ld, const yaml_node_t *n, int *out)
{
	const char *s = scalar(n);

	if (s && (!strcmp(s, "true") || !strcmp(s, "yes")))
		return *out = 1, 0;
	if (s && (!strcmp(s, "false") || !strcmp(s, "no")))
		return *out = 0, 0;
	return fail_at(ld, n, "expected true or false%s", "");
}

static int
lookup_name(struct loader *ld, const yaml_node_t *n, const char *const *names,
	    int count, const char *what, int *out)
{
	const char *s = scalar(n);
	int i;

	for (i = 0; s && i < count; i++)
		if (!strcmp(s, names[i]))
			return *out = i, 0;
	return fail_at(ld, n, "unknown %s", what);
}

static int
valid_id(const char *s)
{
	size_t a = 0, d = 0;

	while (s[a] >= 'A' && s[a] <= 'Z')
		a++;
	while (s[a + d] >= '0' && s[a + d] <= '9')
		d++;
	return a >= 2 && a <= 8 && d >= 3 && d <= 4 && !s[a + d];
}

static int
valid_name(const char *s)
{
	size_t i;

	if (!*s || *s == '-')
		return 0;
	for (i = 0; s[i]; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      (c == '-' && s[i + 1] && s[i + 1] != '-')))
			return 0;
	}
	return 1;
}

static int
load_tags(struct loader *ld, const yaml_node_t *n, struct rule *r)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE)
		return fail_at(ld, n, "expected a list of tags%s", "");
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		const yaml_node_t *t = yaml_document_get_node(&ld->doc, *it);

		if (!scalar(t))
			return fail_at(ld, t, "expected a tag string%s", "");
		r->tags = xrealloc(r->tags, (r->ntags + 1) * sizeof(*r->tags));
		r->tags[r->ntags++] = xstrdup(scalar(t));
	}
	return 0;
}

static int
load_examples(struct loader *ld, const yaml_node_t *n, struct rule *r)
{
	yaml_node_pair_t *p;

	if (n->type != YAML_MAPPING_NODE)
		return fail_at(ld, n, "expected a mapping with bad and good%s",
			       "");
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		const yaml_node_t *k = yaml_document_get_node(&ld->doc, p->key);
		const yaml_node_t *v = yaml_document_get_node(&ld->doc, p->value);
		const char *key = scalar(k);
		int rc;

		if (key && !strcmp(key, "bad"))
			rc = take_string(ld, v, &r->example_bad);
		else if (key && !strcmp(key, "good"))
			rc = take_string(ld, v, &r->example_good);
		else
			rc = fail_at(ld, k, "unknown key '%s' in examples",
				     key ? key : "?");
		if (rc)
			return rc;
	}
	return 0;
}

static int
load_condition(struct loader *ld, const yaml_node_t *n, struct rule *r)
{
	yaml_node_pair_t *p;
	const yaml_node_t *pattern_node = NULL;
	int absent = 0, nops = 0, rc = 0;

	if (n->type != YAML_MAPPING_NODE)
		return fail_at(ld, n, "condition must be a mapping%s", "");
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		const yaml_node_t *k = yaml_document_get_node(&ld->doc, p->key);
		const yaml_node_t *v = yaml_document_get_node(&ld->doc, p->value);
		const char *key = scalar(k);

		if (key && !strcmp(key, "setting"))
			rc = take_string(ld, v, &r->setting);
		else if (key && !strcmp(key, "equals")) {
			rc = take_string(ld, v, &r->operand);
			r->op = COND_EQUALS;
			nops++;
		} else if (key && !strcmp(key, "match")) {
			rc = take_string(ld, v, &r->pattern);
			pattern_node = v;
			r->op = COND_MATCH;
			nops++;
		} else if (key && !strcmp(key, "replace_with")) {
			rc = take_string(ld, v, &r->replace_with);
		} else if (key && !strcmp(key, "absent")) {
			rc = take_bool(ld, v, &absent);
			r->op = COND_ABSENT;
			nops++;
		} else
			rc = fail_at(ld, k, "unknown key '%s' in condition",
				     key ? key : "?");
		if (rc)
			goto out;
	}
	if (!r->setting || nops != 1) {
		rc = fail_at(ld, n,
			     "condition needs 'setting' and one of equals, "
			     "match, absent%s",
			     "");
		goto out;
	}
	for (char *c = r->setting; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	if (r->op == COND_MATCH && pattern_node) {
		char *rerr = NULL;
		size_t off = 0;

		r->re = regex_compile(r->pattern, &rerr, &off);
		if (!r->re) {
			struct buf b = BUF_INIT;

			buf_addf(&b, "%s:%zu:%zu: invalid regex at offset %zu: %s",
				 ld->origin, pattern_node->start_mark.line + 1,
				 pattern_node->start_mark.column + 1, off,
				 rerr);
			*ld->err = buf_detach(&b);
			free(rerr);
			rc = PGT_ERULE;
		}
	}
out:
	return rc;
}

static int
load_key(struct loader *ld, const char *key, const yaml_node_t *v,
	 struct rule *r, int *has_condition)
{
	int sev = 0, target = 0;

	if (!strcmp(key, "id"))
		return take_string(ld, v, &r->id);
	if (!strcmp(key, "name"))
		return take_string(ld, v, &r->name);
	if (!strcmp(key, "summary"))
		return take_string(ld, v, &r->summary);
	if (!strcmp(key, "message"))
		return take_string(ld, v, &r->message);
	if (!strcmp(key, "why"))
		return take_string(ld, v, &r->why);
	if (!strcmp(key, "fix"))
		return take_string(ld, v, &r->fix);
	if (!strcmp(key, "help_uri"))
		return take_string(ld, v, &r->help_uri);
	if (!strcmp(key, "security_severity"))
		return take_string(ld, v, &r->security_severity);
	if (!strcmp(key, "enabled"))
		return take_bool(ld, v, &r->enabled);
	if (!strcmp(key, "builtin"))
		return take_bool(ld, v, &r->builtin);
	if (!strcmp(key, "tags"))
		return load_tags(ld, v, r);
	if (!strcmp(key, "examples"))
		return load_examples(ld, v, r);
	if (!strcmp(key, "condition")) {
		if (*has_condition) /* the fuzzer's: its regex leaked */
			return fail_at(ld, v, "duplicate key%s", "");
		*has_condition = 1;
		return load_condition(ld, v, r);
	}
	if (!strcmp(key, "severity")) {
		if (lookup_name(ld, v, severity_names, SEV__COUNT, "severity",
				&sev))
			return PGT_ERULE;
		r->severity = (enum severity)sev;
		return 0;
	}
	if (!strcmp(key, "target")) {
		if (lookup_name(ld, v, target_names, TARGET__COUNT, "target",
				&target))
			return PGT_ERULE;
		r->target = (enum rule_target)target;
		return 0;
	}
	if (!strcmp(key, "check")) {
		if (!scalar(v))
			return fail_at(ld, v, "expected a check name%s", "");
		r->check = check_find(scalar(v));
		if (!r->check)
			return fail_at(ld, v, "unknown check '%s'", scalar(v));
		return 0;
	}
	return 1; /* unknown key: the caller names it with its mark */
}

static void
rule_release(struct rule *r)
{
	size_t i;

	free(r->id);
	free(r->name);
	free(r->summary);
	free(r->message);
	free(r->why);
	free(r->fix);
	free(r->example_bad);
	free(r->example_good);
	free(r->help_uri);
	for (i = 0; i < r->ntags; i++)
		free(r->tags[i]);
	free(r->tags);
	free(r->security_severity);
	free(r->setting);
	free(r->operand);
	free(r->replace_with);
	free(r->pattern);
	regex_free(r->re);
	free(r->origin);
	memset(r, 0, sizeof(*r));
}

static int
load_rule(struct loader *ld, const yaml_node_t *root, struct rule *r)
{
	yaml_node_pair_t *p;
	int has_condition = 0, sev_seen = 0, target_seen = 0, rc;

	if (!root || root->type != YAML_MAPPING_NODE)
		return fail_at(ld, root, "a rule file must be a mapping%s", "");
	for (p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		const yaml_node_t *k = yaml_document_get_node(&ld->doc, p->key);
		const yaml_node_t *v = yaml_document_get_node(&ld->doc, p->value);
		const char *key = scalar(k);

		if (!key)
			return fail_at(ld, k, "keys must be strings%s", "");
		sev_seen |= !strcmp(key, "severity");
		target_seen |= !strcmp(key, "target");
		rc = load_key(ld, key, v, r, &has_condition);
		if (rc == 1)
			return fail_at(ld, k, "unknown key '%s'", key);
		if (rc)
			return rc;
	}
	if (!r->id)
		return fail_at(ld, root, "missing required key 'id'%s", "");
	if (!valid_id(r->id))
		return fail_at(ld, root, "invalid id '%s' (want e.g. PGT101)",
			       r->id);
	if (!r->name || !valid_name(r->name))
		return fail_at(ld, root, "missing or invalid kebab-case 'name'%s",
			       "");
	if (!sev_seen || !target_seen || !r->summary)
		return fail_at(ld, root,
			       "missing required key (severity, target, "
			       "summary)%s",
			       "");
	if (r->builtin + !!r->check + has_condition != 1)
		return fail_at(ld, root,
			       "a rule needs exactly one of builtin, check, "
			       "condition%s",
			       "");
	if (has_condition && r->target != TARGET_PGCONF)
		return fail_at(ld, root,
			       "conditions apply to target pgconf only%s", "");
	if (r->check && r->check->target != r->target)
		return fail_at(ld, root, "check does not judge target '%s'",
			       target_names[r->target]);
	if (has_condition && !r->message)
		return fail_at(ld, root, "a condition rule needs a 'message'%s",
			       "");
	return 0;
}

void
ruleset_init(struct ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void
ruleset_release(struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++)
		rule_release(&rs->v[i]);
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

int
ruleset_add_yaml(struct ruleset *rs, const char *origin, const char *text,
		 size_t len, char **err)
{
	struct loader ld;
	struct rule r;
	int rc;

	memset(&ld, 0, sizeof(ld));
	ld.origin = origin;
	ld.err = err;
	*err = NULL;
	memset(&r, 0, sizeof(r));
	r.enabled = 1;
	if (yaml_doc_parse(origin, text, len, &ld.doc, err))
		return PGT_ERULE;
	rc = load_rule(&ld, yaml_document_get_root_node(&ld.doc), &r);
	if (!rc) {
		r.origin = xstrdup(origin);
		ALLOC_GROW(rs->v, rs->nr + 1, rs->alloc);
		rs->v[rs->nr++] = r;
	} else
		rule_release(&r);
	yaml_document_delete(&ld.doc);
	return rc;
}

static int
yaml_name(const char *n)
{
	size_t len = strlen(n);

	return n[0] != '.' &&
	       ((len > 5 && !strcmp(n + len - 5, ".yaml")) ||
		(len > 4 && !strcmp(n + len - 4, ".yml")));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
ruleset_load_dir(struct ruleset *rs, const char *dir, char **err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	int rc = 0;

	*err = NULL;
	if (!d) {
		*err = xasprintf("cannot open rules directory '%s'", dir);
		return PGT_ERULE;
	}
	while ((de = readdir(d)))
		if (yaml_name(de->d_name)) {
			ALLOC_GROW(names, n + 1, alloc);
			names[n++] = xasprintf("%s/%s", dir, de->d_name);
		}
	closedir(d);
	sort_array(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct source src;

		if (!rc) {
			rc = source_load(&src, names[i], err);
			if (rc == PGT_OK) {
				rc = ruleset_add_yaml(rs, names[i], src.text,
						      src.len, err);
				source_release(&src);
			} else
				rc = PGT_ERULE;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
ruleset_add_image(struct ruleset *rs, const struct rule_image *img)
{
	struct rule r;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.id = xstrdup(img->id);
	r.name = xstrdup(img->name);
	r.severity = img->severity;
	r.target = img->target;
	r.summary = dup_or_null(img->summary);
	r.message = dup_or_null(img->message);
	r.why = dup_or_null(img->why);
	r.fix = dup_or_null(img->fix);
	r.example_bad = dup_or_null(img->example_bad);
	r.example_good = dup_or_null(img->example_good);
	r.help_uri = dup_or_null(img->help_uri);
	r.ntags = img->ntags;
	r.tags = img->ntags ? xcalloc(img->ntags, sizeof(*r.tags)) : NULL;
	for (i = 0; i < img->ntags; i++)
		r.tags[i] = xstrdup(img->tags[i]);
	r.security_severity = dup_or_null(img->security_severity);
	r.enabled = img->enabled;
	r.builtin = img->builtin;
	r.setting = dup_or_null(img->setting);
	r.op = img->op;
	r.operand = dup_or_null(img->operand);
	r.replace_with = dup_or_null(img->replace_with);
	r.pattern = dup_or_null(img->pattern);
	if (r.pattern) { /* checked when the image was made */
		char *err = NULL;
		size_t off;

		r.re = regex_compile(r.pattern, &err, &off);
		free(err);
	}
	r.check = img->check ? check_find(img->check) : NULL;
	r.origin = xstrdup(img->origin);
	ALLOC_GROW(rs->v, rs->nr + 1, rs->alloc);
	rs->v[rs->nr++] = r;
}

static int
cmp_rule(const void *a, const void *b)
{
	return strcmp(((const struct rule *)a)->id,
		      ((const struct rule *)b)->id);
}

int
ruleset_finish(struct ruleset *rs, char **err)
{
	size_t i, j;

	*err = NULL;
	sort_array(rs->v, rs->nr, sizeof(*rs->v), cmp_rule);
	for (i = 0; i + 1 < rs->nr; i++)
		if (!strcmp(rs->v[i].id, rs->v[i + 1].id)) {
			*err = xasprintf("%s: rule id '%s' already defined in "
					 "'%s'",
					 rs->v[i + 1].origin, rs->v[i].id,
					 rs->v[i].origin);
			return PGT_ERULE;
		}
	for (i = 0; i < rs->nr; i++)
		for (j = i + 1; j < rs->nr; j++)
			if (!strcmp(rs->v[i].name, rs->v[j].name)) {
				*err = xasprintf("%s: rule name '%s' already "
						 "used by %s",
						 rs->v[j].origin, rs->v[j].name,
						 rs->v[i].id);
				return PGT_ERULE;
			}
	return 0;
}

struct rule *
ruleset_find(const struct ruleset *rs, const char *code_or_name)
{
	size_t i;

	for (i = 0; i < rs->nr; i++)
		if (!strcasecmp(rs->v[i].id, code_or_name) ||
		    !strcasecmp(rs->v[i].name, code_or_name))
			return &rs->v[i];
	return NULL;
}

const struct rule *
ruleset_active(const struct ruleset *rs, const char *id)
{
	size_t lo = 0, hi = rs->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, rs->v[mid].id);

		if (!c)
			return rs->v[mid].enabled ? &rs->v[mid] : NULL;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
