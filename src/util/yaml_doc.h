/* SPDX-License-Identifier: MIT */
/*
 * yaml_doc.h — load one YAML (or JSON) document, with errors as
 * "origin:line:col: problem" (libyaml's mark plus one). Shared by the
 * rules loader, the settings file and the baseline.
 */
#ifndef PGT_YAML_DOC_H
#define PGT_YAML_DOC_H

#include <stddef.h>
#include <yaml.h>

/* Parses text. Returns 0 (the caller deletes doc with
 * yaml_document_delete), or -1 with *err (malloc'd). */
int yaml_doc_parse(const char *origin, const char *text, size_t len,
		   yaml_document_t *doc, char **err);

/* Reads path and parses it. Same returns. */
int yaml_doc_read(const char *path, yaml_document_t *doc, char **err);

/* The value node of key in mapping map, or NULL. */
yaml_node_t *yaml_doc_member(yaml_document_t *doc, const yaml_node_t *map,
			     const char *key);

#endif
