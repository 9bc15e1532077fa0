/* SPDX-License-Identifier: MIT */
/* baseline.c — write, read (JSON through libyaml) and apply baselines. */
#include "baseline.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xalloc.h"
#include "util/yaml_doc.h"

int
baseline_write(const char *path, const struct findings *fs, char **err)
{
	struct buf out = BUF_INIT;
	struct json j;
	FILE *f;
	size_t i;
	int rc = 0;

	jw_init(&j, &out, 1);
	jw_object_begin(&j);
	jw_kv_int(&j, "pgtlslint_baseline", 1);
	jw_key(&j, "findings");
	jw_array_begin(&j);
	for (i = 0; i < fs->nr; i++) {
		char fp[17];

		snprintf(fp, sizeof(fp), "%016" PRIx64,
			 finding_fingerprint(&fs->v[i]));
		jw_object_begin(&j);
		jw_kv_string(&j, "rule", fs->v[i].rule->id);
		jw_kv_string(&j, "path", fs->v[i].path);
		jw_kv_string(&j, "fingerprint", fp);
		jw_object_end(&j);
	}
	jw_array_end(&j);
	jw_object_end(&j);
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

/* The scalar value of key in map, or NULL. */
static const char *
member(yaml_document_t *doc, const yaml_node_t *map, const char *key)
{
	const yaml_node_t *v = yaml_doc_member(doc, map, key);

	return v && v->type == YAML_SCALAR_NODE
		   ? (const char *)v->data.scalar.value
		   : NULL;
}

int
baseline_load(struct baseline *b, const char *path, char **err)
{
	yaml_document_t doc;
	const yaml_node_t *root, *list;
	yaml_node_item_t *it;
	int rc = 0;

	memset(b, 0, sizeof(*b));
	if (yaml_doc_read(path, &doc, err))
		return PGT_EUSAGE;
	root = yaml_document_get_root_node(&doc);
	list = root && root->type == YAML_MAPPING_NODE
		   ? yaml_doc_member(&doc, root, "findings")
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
	return rc;
}

/* f is in the baseline: an unused entry with its fingerprint, rule and
 * path (each entry stands for one finding). */
static int
in_baseline(const struct finding *f, void *arg)
{
	struct baseline *b = arg;
	char fp[17];
	size_t j;

	snprintf(fp, sizeof(fp), "%016" PRIx64, finding_fingerprint(f));
	for (j = 0; j < b->nr; j++)
		if (!b->v[j].used && !strcmp(b->v[j].fingerprint, fp) &&
		    !strcmp(b->v[j].rule, f->rule->id) &&
		    !strcmp(b->v[j].path, f->path)) {
			b->v[j].used = 1;
			return 1;
		}
	return 0;
}

size_t
baseline_apply(struct baseline *b, struct findings *fs)
{
	return findings_drop_if(fs, in_baseline, b);
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
