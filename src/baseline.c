/* SPDX-License-Identifier: MIT */
/* baseline.c — write, read (JSON through libyaml) and apply baselines. */
#include "baseline.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "status.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/source.h"
#include "util/xalloc.h"

int
baseline_write(const char *path, const struct findings *fs, char **err)
{
	struct buf out = BUF_INIT;
	struct json j;
	FILE *f;
	size_t i;
	int rc = 0;

	json_init(&j, &out, 1);
	json_object_begin(&j);
	json_kv_int(&j, "pgtlslint_baseline", 1);
	json_key(&j, "findings");
	json_array_begin(&j);
	for (i = 0; i < fs->nr; i++) {
		char fp[17];

		snprintf(fp, sizeof(fp), "%016" PRIx64,
			 finding_fingerprint(&fs->v[i]));
		json_object_begin(&j);
		json_kv_string(&j, "rule", fs->v[i].rule->id);
		json_kv_string(&j, "path", fs->v[i].path);
		json_kv_string(&j, "fingerprint", fp);
		json_object_end(&j);
	}
	json_array_end(&j);
	json_object_end(&j);
	buf_addch(&out, '\n');
	f = fopen(path, "w");
	if (!f || fwrite(out.ptr, 1, out.len, f) != out.len) {
		*err = xasprintf("cannot write baseline '%s'", path);
		rc = PGT_EIO;
	}
	if (f && fclose(f) != 0 && !rc) {
		*err = xasprintf("cannot write baseline '%s'", path);
		rc = PGT_EIO;
	}
	buf_release(&out);
	return rc;
}

static const char *
member(yaml_document_t *doc, const yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const yaml_node_t *k = yaml_document_get_node(doc, p->key);
		const yaml_node_t *v = yaml_document_get_node(doc, p->value);

		if (k && k->type == YAML_SCALAR_NODE &&
		    !strcmp((const char *)k->data.scalar.value, key) && v &&
		    v->type == YAML_SCALAR_NODE)
			return (const char *)v->data.scalar.value;
	}
	return NULL;
}

static const yaml_node_t *
member_node(yaml_document_t *doc, const yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const yaml_node_t *k = yaml_document_get_node(doc, p->key);

		if (k && k->type == YAML_SCALAR_NODE &&
		    !strcmp((const char *)k->data.scalar.value, key))
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

int
baseline_load(struct baseline *b, const char *path, char **err)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct source src;
	const yaml_node_t *root, *list;
	yaml_node_item_t *it;
	char *lerr = NULL;
	int rc = 0;

	memset(b, 0, sizeof(*b));
	if (source_load(&src, path, &lerr) != PGT_OK) {
		*err = lerr;
		return PGT_EUSAGE;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)src.text,
				     src.len);
	if (!yaml_parser_load(&parser, &doc)) {
		*err = xasprintf("%s:%zu:%zu: %s", path,
				 parser.problem_mark.line + 1,
				 parser.problem_mark.column + 1,
				 parser.problem ? parser.problem : "invalid JSON");
		yaml_parser_delete(&parser);
		source_release(&src);
		return PGT_EUSAGE;
	}
	root = yaml_document_get_root_node(&doc);
	list = root && root->type == YAML_MAPPING_NODE
		   ? member_node(&doc, root, "findings")
		   : NULL;
	if (!list || list->type != YAML_SEQUENCE_NODE ||
	    !member(&doc, root, "pgtlslint_baseline")) {
		*err = xasprintf("%s: not a pgtlslint baseline", path);
		rc = PGT_EUSAGE;
	}
	for (it = rc ? NULL : list->data.sequence.items.start;
	     it && it < list->data.sequence.items.top; it++) {
		const yaml_node_t *e = yaml_document_get_node(&doc, *it);
		const char *rule = e && e->type == YAML_MAPPING_NODE
				       ? member(&doc, e, "rule")
				       : NULL;
		const char *p = rule ? member(&doc, e, "path") : NULL;
		const char *fp = p ? member(&doc, e, "fingerprint") : NULL;
		struct baseline_entry *be;

		if (!fp || strlen(fp) != 16) {
			*err = xasprintf("%s:%zu:%zu: a baseline entry needs "
					 "rule, path and a 16-digit fingerprint",
					 path, e ? e->start_mark.line + 1 : 0,
					 e ? e->start_mark.column + 1 : 0);
			rc = PGT_EUSAGE;
			break;
		}
		ALLOC_GROW(b->v, b->nr + 1, b->alloc);
		be = &b->v[b->nr++];
		be->rule = xstrdup(rule);
		be->path = xstrdup(p);
		memcpy(be->fingerprint, fp, 17);
		be->used = 0;
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	source_release(&src);
	return rc;
}

size_t
baseline_apply(struct baseline *b, struct findings *fs)
{
	size_t i, j, kept = 0, dropped = 0;

	for (i = 0; i < fs->nr; i++) {
		const struct finding *f = &fs->v[i];
		char fp[17];
		int known = 0;

		snprintf(fp, sizeof(fp), "%016" PRIx64, finding_fingerprint(f));
		for (j = 0; j < b->nr && !known; j++)
			if (!b->v[j].used && !strcmp(b->v[j].fingerprint, fp) &&
			    !strcmp(b->v[j].rule, f->rule->id) &&
			    !strcmp(b->v[j].path, f->path))
				b->v[j].used = known = 1;
		if (known) {
			finding_release(&fs->v[i]);
			dropped++;
			continue;
		}
		fs->v[kept++] = fs->v[i];
	}
	fs->nr = kept;
	return dropped;
}

void
baseline_release(struct baseline *b)
{
	size_t i;

	for (i = 0; i < b->nr; i++) {
		free(b->v[i].rule);
		free(b->v[i].path);
	}
	free(b->v);
	memset(b, 0, sizeof(*b));
}
