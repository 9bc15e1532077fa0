/* SPDX-License-Identifier: MIT */
/* config.c — read and apply .pgtlslint.yaml (libyaml document API). */
#include "config.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "status.h"
#include "util/xalloc.h"
#include "util/yaml_doc.h"

char *
config_find(const char *start)
{
	char *dir = realpath(start ? start : ".", NULL);
	struct stat sb;

	if (!dir)
		return NULL;
	if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode))
		*strrchr(dir, '/') = '\0';
	for (;;) {
		char *candidate = xasprintf("%s/%s", *dir ? dir : "",
					    CONFIG_NAME);
		char *slash;

		if (stat(candidate, &sb) == 0 && S_ISREG(sb.st_mode)) {
			free(dir);
			return candidate;
		}
		free(candidate);
		slash = strrchr(dir, '/');
		if (!slash || !*dir) {
			free(dir);
			return NULL;
		}
		*slash = '\0';
	}
}

struct reader {
	struct config *c;
	yaml_document_t *doc;
	char **err;
};

static int
fail(struct reader *rd, const yaml_node_t *n, const char *what,
     const char *arg)
{
	*rd->err = xasprintf("%s:%zu:%zu: %s%s%s%s", rd->c->path,
			     n ? n->start_mark.line + 1 : 1,
			     n ? n->start_mark.column + 1 : 1, what,
			     arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
	return PGT_EUSAGE;
}

static const char *
scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE
		   ? (const char *)n->data.scalar.value
		   : NULL;
}

static yaml_node_t *
node(struct reader *rd, int id)
{
	return yaml_document_get_node(rd->doc, id);
}

/* A list of strings (or one string) into *v / *n. */
static int
read_list(struct reader *rd, const yaml_node_t *n, char ***v, size_t *count,
	  const char *relative_to)
{
	yaml_node_item_t *it;

	if (scalar(n)) {
		*v = xrealloc(*v, (*count + 1) * sizeof(**v));
		(*v)[(*count)++] = relative_to && scalar(n)[0] != '/'
				       ? xasprintf("%s/%s", relative_to,
						   scalar(n))
				       : xstrdup(scalar(n));
		return 0;
	}
	if (!n || n->type != YAML_SEQUENCE_NODE)
		return fail(rd, n, "expected a list of strings", NULL);
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++)
		if (read_list(rd, node(rd, *it), v, count, relative_to))
			return PGT_EUSAGE;
	return 0;
}

static int
read_rules(struct reader *rd, const yaml_node_t *n)
{
	static const char *const values[] = {"error", "warning", "note", "on",
					     "off"};
	yaml_node_pair_t *p;

	if (!n || n->type != YAML_MAPPING_NODE)
		return fail(rd, n, "expected a mapping of rule: setting", NULL);
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		const yaml_node_t *k = node(rd, p->key), *v = node(rd, p->value);
		struct config_rule *r;
		int i;

		for (i = 0; i < 5 && (!scalar(v) || strcmp(scalar(v), values[i]));
		     i++)
			;
		if (!scalar(k) || i == 5)
			return fail(rd, v,
				    "a rule setting must be on, off, error, "
				    "warning or note",
				    NULL);
		rd->c->rules = xrealloc(rd->c->rules, (rd->c->nrules + 1) *
							  sizeof(*rd->c->rules));
		r = &rd->c->rules[rd->c->nrules++];
		r->name = xstrdup(scalar(k));
		r->enabled = i == 4 ? 0 : 1;
		r->severity = i < 3 ? i : -1;
		r->line = k->start_mark.line + 1;
		r->col = k->start_mark.column + 1;
	}
	return 0;
}

/* One {path, rules} entry into *ig; on error the caller frees it. */
static int
read_ignore(struct reader *rd, const yaml_node_t *item, struct config_ignore *ig)
{
	yaml_node_pair_t *p;

	if (!item || item->type != YAML_MAPPING_NODE)
		return fail(rd, item, "expected {path, rules}", NULL);
	for (p = item->data.mapping.pairs.start;
	     p < item->data.mapping.pairs.top; p++) {
		const char *k = scalar(node(rd, p->key));
		const yaml_node_t *v = node(rd, p->value);

		if (k && !strcmp(k, "path") && scalar(v) && !ig->glob)
			ig->glob = xstrdup(scalar(v));
		else if (k && !strcmp(k, "rules")) {
			if (read_list(rd, v, &ig->rules, &ig->nrules, NULL))
				return PGT_EUSAGE;
		} else
			return fail(rd, node(rd, p->key),
				    "unknown key in ignore:", k);
	}
	if (!ig->glob || !ig->nrules)
		return fail(rd, item, "an ignore needs path and rules", NULL);
	return 0;
}

static void free_list(char **v, size_t n);

static int
read_ignores(struct reader *rd, const yaml_node_t *n)
{
	yaml_node_item_t *it;

	if (!n || n->type != YAML_SEQUENCE_NODE)
		return fail(rd, n, "expected a list of {path, rules}", NULL);
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		struct config_ignore ig = {NULL, NULL, 0};

		if (read_ignore(rd, node(rd, *it), &ig)) {
			free(ig.glob);
			free_list(ig.rules, ig.nrules);
			return PGT_EUSAGE;
		}
		rd->c->ignores = xrealloc(rd->c->ignores,
					  (rd->c->nignores + 1) *
					      sizeof(*rd->c->ignores));
		rd->c->ignores[rd->c->nignores++] = ig;
	}
	return 0;
}

static int
read_key(struct reader *rd, const yaml_node_t *k, const yaml_node_t *v)
{
	const char *key = scalar(k), *s = scalar(v);
	static const char *const fails[] = {"error", "warning", "note", "never"};
	char *end;
	int i;

	if (!key)
		return fail(rd, k, "keys must be strings", NULL);
	if (!strcmp(key, "pg_version")) {
		long n = s ? strtol(s, &end, 10) : 0;

		if (!s || *end || n < 9 || n > 99)
			return fail(rd, v, "pg_version must be a major version "
					   "such as 16",
				    NULL);
		rd->c->pg_version = (int)n;
		return 0;
	}
	if (!strcmp(key, "fail_on")) {
		for (i = 0; i < 4 && (!s || strcmp(s, fails[i])); i++)
			;
		if (i == 4)
			return fail(rd, v, "fail_on must be error, warning, "
					   "note or never",
				    NULL);
		rd->c->fail_on = i;
		return 0;
	}
	if (!strcmp(key, "exclude"))
		return read_list(rd, v, &rd->c->exclude, &rd->c->nexclude,
				 NULL);
	if (!strcmp(key, "rules_dir"))
		return read_list(rd, v, &rd->c->rules_dirs,
				 &rd->c->nrules_dirs, rd->c->dir);
	if (!strcmp(key, "rules"))
		return read_rules(rd, v);
	if (!strcmp(key, "ignore"))
		return read_ignores(rd, v);
	return fail(rd, k, "unknown key", key);
}

int
config_load(struct config *c, const char *path, char **err)
{
	yaml_document_t doc;
	struct reader rd = {c, &doc, err};
	yaml_node_t *root;
	yaml_node_pair_t *p;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	c->fail_on = -1;
	c->path = xstrdup(path);
	c->dir = strrchr(path, '/') ? xstrndup(path, (size_t)(strrchr(path, '/')
							       - path))
				    : xstrdup(".");
	c->real_dir = realpath(c->dir, NULL);
	*err = NULL;
	if (yaml_doc_read(path, &doc, err))
		return PGT_EUSAGE;
	root = yaml_document_get_root_node(&doc);
	if (root && root->type != YAML_MAPPING_NODE)
		rc = fail(&rd, root, "the file must be a mapping", NULL);
	for (p = root && !rc ? root->data.mapping.pairs.start : NULL;
	     p && p < root->data.mapping.pairs.top && !rc; p++)
		rc = read_key(&rd, node(&rd, p->key), node(&rd, p->value));
	yaml_document_delete(&doc);
	return rc;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
config_release(struct config *c)
{
	size_t i;

	free(c->path);
	free(c->dir);
	free(c->real_dir);
	free_list(c->exclude, c->nexclude);
	free_list(c->rules_dirs, c->nrules_dirs);
	for (i = 0; i < c->nrules; i++)
		free(c->rules[i].name);
	free(c->rules);
	for (i = 0; i < c->nignores; i++) {
		free(c->ignores[i].glob);
		free_list(c->ignores[i].rules, c->ignores[i].nrules);
	}
	free(c->ignores);
	memset(c, 0, sizeof(*c));
}

int
config_apply_rules(const struct config *c, struct ruleset *rs, char **err)
{
	size_t i;

	for (i = 0; i < c->nrules; i++) {
		struct rule *r = ruleset_find(rs, c->rules[i].name);

		if (!r) {
			*err = xasprintf("%s:%zu:%zu: no rule '%s' (see "
					 "--list-rules)",
					 c->path, c->rules[i].line,
					 c->rules[i].col, c->rules[i].name);
			return PGT_EUSAGE;
		}
		r->enabled = c->rules[i].enabled;
		if (c->rules[i].severity >= 0)
			r->severity = (enum severity)c->rules[i].severity;
	}
	return 0;
}

char *
config_relative(const struct config *c, const char *real)
{
	size_t n = c->real_dir ? strlen(c->real_dir) : 0;

	if (!real || !n)
		return NULL;
	if (!strcmp(c->real_dir, "/"))
		return real[0] == '/' && real[1] ? xstrdup(real + 1) : NULL;
	if (strncmp(real, c->real_dir, n) || real[n] != '/')
		return NULL;
	return xstrdup(real + n + 1);
}

int
config_ignores(const struct config *c, const char *rel, const struct rule *r)
{
	size_t i, j;

	for (i = 0; i < c->nignores; i++) {
		const struct config_ignore *ig = &c->ignores[i];

		if (fnmatch(ig->glob, rel, 0))
			continue;
		for (j = 0; j < ig->nrules; j++)
			if (!strcasecmp(ig->rules[j], r->id) ||
			    !strcasecmp(ig->rules[j], r->name))
				return 1;
	}
	return 0;
}

int
config_excludes(const struct config *c, const char *rel)
{
	const char *base = strrchr(rel, '/');
	size_t i;

	base = base ? base + 1 : rel;
	for (i = 0; i < c->nexclude; i++)
		if (!fnmatch(c->exclude[i], rel, 0) ||
		    !fnmatch(c->exclude[i], base, 0))
			return 1;
	return 0;
}
