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

/* Flow collections ([...], {...}) deeper than this are not parsed: libyaml
 * spends time quadratic in the depth on them. */
#define YAML_MAX_FLOW_DEPTH 1000

/*
 * A byte pre-scan of a YAML stream for documents nested deeper than max
 * in flow collections: every '[' and '{' counts, quoted or commented or
 * not, so that nothing can hide depth from it (a document it misjudges
 * holds a thousand unclosed brackets in its strings). Returns NULL when no
 * document is that deep; else a malloc'd copy of text (len bytes) with the
 * bytes of each such document blanked, line ends kept, so that libyaml
 * reads the others at their own positions; *first_line: the first
 * blanked document's line (1-based).
 */
char *yaml_blank_deep(const char *text, size_t len, size_t max,
		      size_t *first_line);

/* The value node of key in mapping map, or NULL. */
yaml_node_t *yaml_doc_member(yaml_document_t *doc, const yaml_node_t *map,
			     const char *key);

#endif
