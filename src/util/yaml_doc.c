/* SPDX-License-Identifier: MIT */
/* yaml_doc.c — one-document YAML loading with located errors. */
#include "yaml_doc.h"

#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "xalloc.h"

/* A line that starts a document or ends one: "---" or "...", then a
 * blank or the line's end. */
static int
document_marker(const char *t, size_t n)
{
	return n >= 3 && (!memcmp(t, "---", 3) || !memcmp(t, "...", 3)) &&
	       (n == 3 || t[3] == ' ' || t[3] == '\t' || t[3] == '\r' ||
		t[3] == '\n');
}

char *
yaml_blank_deep(const char *text, size_t len, size_t max, size_t *first_line)
{
	char *copy = NULL;
	size_t i = 0, doc = 0, line = 1, doc_line = 1, depth = 0, deepest = 0;

	for (;;) {
		int boundary = i == len || ((i == 0 || text[i - 1] == '\n') &&
					    document_marker(text + i, len - i));

		if (boundary) {
			if (deepest > max) {
				size_t k;

				if (!copy) {
					copy = xmalloc(len + 1);
					memcpy(copy, text, len);
					copy[len] = '\0';
					*first_line = doc_line;
				}
				for (k = doc; k < i; k++)
					if (copy[k] != '\n' && copy[k] != '\r')
						copy[k] = ' ';
			}
			if (i == len)
				return copy;
			/* the marker line stays; the document starts after */
			while (i < len && text[i] != '\n')
				i++;
			doc = i;
			doc_line = line + 1;
			depth = deepest = 0;
			continue;
		}
		if (text[i] == '[' || text[i] == '{') {
			if (++depth > deepest)
				deepest = depth;
		} else if ((text[i] == ']' || text[i] == '}') && depth)
			depth--;
		else if (text[i] == '\n')
			line++;
		i++;
	}
}

int
yaml_doc_parse(const char *origin, const char *text, size_t len,
	       yaml_document_t *doc, char **err)
{
	yaml_parser_t parser;
	size_t deep_line;
	char *deep;
	int rc = 0;

	if ((deep = yaml_blank_deep(text, len, YAML_MAX_FLOW_DEPTH,
				    &deep_line))) {
		free(deep);
		*err = xasprintf("%s:%zu:1: nested deeper than %d levels", origin,
				 deep_line, YAML_MAX_FLOW_DEPTH);
		return -1;
	}

	if (!yaml_parser_initialize(&parser)) {
		*err = xasprintf("%s: cannot initialise the YAML parser", origin);
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, doc)) {
		*err = xasprintf("%s:%zu:%zu: %s", origin,
				 parser.problem_mark.line + 1,
				 parser.problem_mark.column + 1,
				 parser.problem ? parser.problem
						: "invalid YAML");
		rc = -1;
	}
	yaml_parser_delete(&parser);
	return rc;
}

int
yaml_doc_read(const char *path, yaml_document_t *doc, char **err)
{
	struct source src;
	int rc;

	if (source_load(&src, path, err) != PGT_OK)
		return -1;
	rc = yaml_doc_parse(path, src.text, src.len, doc, err);
	source_release(&src);
	return rc;
}

yaml_node_t *
yaml_doc_member(yaml_document_t *doc, const yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const yaml_node_t *k = yaml_document_get_node(doc, p->key);

		if (k && k->type == YAML_SCALAR_NODE &&
		    !strcmp((const char *)k->data.scalar.value, key))
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}
