/* SPDX-License-Identifier: MIT */
/* yaml_doc.c — one-document YAML loading with located errors. */
#include "yaml_doc.h"

#include <string.h>

#include "source.h"
#include "xalloc.h"

int
yaml_doc_parse(const char *origin, const char *text, size_t len,
	       yaml_document_t *doc, char **err)
{
	yaml_parser_t parser;
	int rc = 0;

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
