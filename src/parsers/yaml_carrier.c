/* SPDX-License-Identifier: MIT */
/*
 * yaml_carrier.c — YAML (libyaml's document API) to assignments.
 *
 * libyaml marks count characters, not bytes; offsets are recomputed from
 * the line and column against the source's line index.
 */
#include "yaml_carrier.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "../util/yaml_doc.h"
#include "../util/xalloc.h"

struct walker {
	const struct source *src;
	yaml_document_t *doc;
	struct assignments *out;
	size_t visited;
	int over_limit;
};

/* Byte offset of a libyaml mark. */
static size_t
mark_offset(const struct source *src, yaml_mark_t m)
{
	size_t line = m.line, off, col;

	if (line >= source_nlines(src))
		return src->len;
	off = source_line_start(src, line);
	for (col = 0; col < m.column && off < src->len &&
		      src->text[off] != '\n';
	     col++) {
		size_t k = utf8_valid_seq(src->text + off, src->len - off);

		off += k ? k : 1;
	}
	return off;
}

static const char *
scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE
		   ? (const char *)n->data.scalar.value
		   : NULL;
}

/*
 * A literal block ("|"): its lines start on the line after the indicator,
 * each indented by the first content line's indentation, which the value
 * drops. Recording both lets findings point into the block exactly.
 */
static void
literal_block(const struct source *src, const yaml_node_t *v,
	      struct assignment *a)
{
	size_t line = v->start_mark.line + 1, off, indent = 0;

	if (line >= source_nlines(src))
		return;
	off = source_line_start(src, line);
	while (off + indent < src->len && src->text[off + indent] == ' ')
		indent++;
	a->block = 1;
	a->block_line0 = line;
	a->block_indent = indent;
}

/* Adds name = the scalar v, at v's position. */
static struct assignment *
emit(struct walker *w, const char *name, const char *path,
     const yaml_node_t *v, const char *value, size_t skip)
{
	struct assignment *a;
	size_t b = mark_offset(w->src, v->start_mark);
	size_t e = mark_offset(w->src, v->end_mark);
	yaml_scalar_style_t style = v->data.scalar.style;

	a = assignments_add(w->out, name, path, value, strlen(value));
	if (!a)
		return NULL;
	if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
		b++, e = e > b ? e - 1 : b;
	a->value_begin = b + skip;
	a->value_end = e > b + skip ? e : b + skip;
	/* Plain and quoted scalars on one line hold the value's bytes as
	 * written unless an escape or a folded line changed them. */
	a->verbatim = style != YAML_LITERAL_SCALAR_STYLE &&
		      style != YAML_FOLDED_SCALAR_STYLE &&
		      v->start_mark.line == v->end_mark.line &&
		      e - b == strlen(value) + skip;
	if (style == YAML_LITERAL_SCALAR_STYLE && !skip)
		literal_block(w->src, v, a);
	return a;
}

static void walk(struct walker *w, const yaml_node_t *n, struct buf *path,
		 int depth);

/* compose "environment:" as a list of "NAME=value" strings. */
static void
env_list(struct walker *w, const yaml_node_t *seq, const char *path)
{
	yaml_node_item_t *it;

	for (it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		const yaml_node_t *v = yaml_document_get_node(w->doc, *it);
		const char *s = scalar(v), *eq;
		const yaml_node_t *name = NULL, *value = NULL;
		yaml_node_pair_t *p;

		if (s && (eq = strchr(s, '=')) && eq > s) {
			char *k = xstrndup(s, (size_t)(eq - s));

			emit(w, k, path, v, eq + 1, (size_t)(eq - s) + 1);
			free(k);
			continue;
		}
		/* Kubernetes: - name: NAME \n value: VALUE */
		if (!v || v->type != YAML_MAPPING_NODE)
			continue;
		for (p = v->data.mapping.pairs.start;
		     p < v->data.mapping.pairs.top; p++) {
			const char *k =
			    scalar(yaml_document_get_node(w->doc, p->key));

			if (k && !strcmp(k, "name"))
				name = yaml_document_get_node(w->doc, p->value);
			if (k && !strcmp(k, "value"))
				value = yaml_document_get_node(w->doc, p->value);
		}
		if (scalar(name) && scalar(value))
			emit(w, scalar(name), path, value, scalar(value), 0);
	}
}

static void
walk_mapping(struct walker *w, const yaml_node_t *n, struct buf *path,
	     int depth)
{
	yaml_node_pair_t *p;

	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		const char *k = scalar(yaml_document_get_node(w->doc, p->key));
		const yaml_node_t *v = yaml_document_get_node(w->doc, p->value);
		size_t keep = path->len;

		if (!k || !v)
			continue;
		if (path->len)
			buf_addch(path, '.');
		buf_adds(path, k);
		if (v->type == YAML_SCALAR_NODE) {
			struct assignment *a = emit(w, k, path->ptr, v,
						    scalar(v), 0);

			if (a) {
				a->name_begin = mark_offset(
				    w->src,
				    yaml_document_get_node(w->doc, p->key)
					->start_mark);
				a->name_end = a->name_begin + strlen(k);
			}
		} else if (v->type == YAML_SEQUENCE_NODE &&
			   (!strcmp(k, "environment") || !strcmp(k, "env")))
			env_list(w, v, path->ptr);
		else
			walk(w, v, path, depth + 1);
		path->len = keep;
		path->ptr[keep] = '\0';
	}
}

static void
walk(struct walker *w, const yaml_node_t *n, struct buf *path, int depth)
{
	yaml_node_item_t *it;

	if (!n || w->over_limit)
		return;
	if (++w->visited > YAML_MAX_NODES || depth > YAML_MAX_DEPTH) {
		w->over_limit = 1;
		return;
	}
	if (n->type == YAML_MAPPING_NODE)
		walk_mapping(w, n, path, depth);
	else if (n->type == YAML_SEQUENCE_NODE)
		/* each item its own path ("steps[2].env"): two items are two
		 * environments, never one */
		for (it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top; it++) {
			size_t keep = path->len;

			buf_addf(path, "[%zu]",
				 (size_t)(it - n->data.sequence.items.start));
			walk(w, yaml_document_get_node(w->doc, *it), path,
			     depth + 1);
			path->len = keep;
			path->ptr[keep] = '\0';
		}
}

int
yaml_carrier_parse(const struct source *src, assign_keep_fn keep,
		   struct assignments *out, char **err)
{
	yaml_parser_t parser;
	struct walker w;
	size_t deep_line = 0;
	char *text = yaml_blank_deep(src->text, src->len, YAML_MAX_FLOW_DEPTH,
				     &deep_line);
	int rc = 0;

	assignments_init(out, keep);
	memset(&w, 0, sizeof(w));
	w.src = src;
	w.out = out;
	*err = NULL;
	if (text) {
		*err = xasprintf("%zu:1: a document nested deeper than %d "
				 "levels is not read (the others are)",
				 deep_line, YAML_MAX_FLOW_DEPTH);
		rc = -1;
	}
	if (src->kind == FILE_JSON) {
		/* JSON is YAML's flow style, but YAML forbids the tabs JSON
		 * files indent with; a JSON string holds no raw tab, so each
		 * becomes a blank (offsets unchanged) */
		size_t i;

		if (!text)
			text = xstrndup(src->text, src->len);
		for (i = 0; i < src->len; i++)
			if (text[i] == '\t')
				text[i] = ' ';
	}
	if (!yaml_parser_initialize(&parser)) {
		free(*err);
		*err = xstrdup("cannot initialise the YAML parser");
		free(text);
		return -1;
	}
	yaml_parser_set_input_string(&parser,
				     (const unsigned char *)(text ? text
								  : src->text),
				     src->len);
	for (;;) {
		yaml_document_t doc;
		yaml_node_t *root;
		struct buf path = BUF_INIT;

		if (!yaml_parser_load(&parser, &doc)) {
			free(*err);
			*err = xasprintf("%zu:%zu: %s",
					 parser.problem_mark.line + 1,
					 parser.problem_mark.column + 1,
					 parser.problem ? parser.problem
							: "invalid YAML");
			rc = -1;
			break;
		}
		root = yaml_document_get_root_node(&doc);
		if (!root) {
			yaml_document_delete(&doc);
			break;
		}
		w.doc = &doc;
		w.visited = 0;
		w.over_limit = 0;
		walk(&w, root, &path, 0);
		buf_release(&path);
		if (w.over_limit && !*err) {
			*err = xasprintf("%zu:1: a document of more than %d "
					 "nodes or deeper than %d levels (YAML "
					 "aliases?) is read only in part",
					 root->start_mark.line + 1,
					 YAML_MAX_NODES, YAML_MAX_DEPTH);
			rc = -1;
		}
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	free(text);
	return rc;
}
