/* SPDX-License-Identifier: MIT */
/*
 * assign.h — name = value pairs as carriers write them (.env lines,
 * Dockerfile ENV and ARG, .properties, YAML mappings), with where each
 * part is. One shape, so one function turns them into client facts.
 */
#ifndef PGT_ASSIGN_H
#define PGT_ASSIGN_H

#include <stddef.h>

struct assignment {
	char *name;  /* owned; the key (YAML: the last mapping key) */
	char *path;  /* owned or NULL; YAML: dotted path of keys */
	char *value; /* owned; unquoted, escapes undone */
	size_t name_begin, name_end;
	size_t value_begin, value_end; /* the value as written */
	int verbatim;		       /* value bytes are the source bytes from
					  value_begin (no quotes or escapes removed), so
					  inner offsets map back exactly */
	int block; /* a YAML literal block: value line i is source
		      line block_line0 + i, indented block_indent */
	size_t block_line0, block_indent;
	int local; /* a shell variable the script's programs do not
		      see: neither exported nor before a command */
};

/* Whether a pair is worth keeping (carriers_relevant), with its
 * argument. Parsers ask before copying it, so memory follows what can
 * matter, not the file's size. */
struct assign_keep {
	int (*fn)(void *arg, const char *name, const char *path,
		  const char *value, size_t vlen);
	void *arg;
};
typedef const struct assign_keep *assign_keep_fn; /* NULL: keep all */

struct assignments {
	struct assignment *v; /* owned */
	size_t nr, alloc;
	assign_keep_fn keep; /* NULL: keep every pair */
};

/* An empty list that keeps what keep accepts (NULL: every pair). */
void assignments_init(struct assignments *as, assign_keep_fn keep);

/* Adds a pair; copies the strings (path may be NULL). Returns NULL, and
 * keeps nothing, when as->keep rejects it. */
struct buf;

struct assignment *assignments_add(struct assignments *as, const char *name,
				   const char *path, const char *value,
				   size_t vlen);
/* Adds the pair named by s[nb, ne) with value val, both spans recorded
 * (value_begin/_end; verbatim: the value's bytes are the file's). */
struct assignment *assignments_add_span(struct assignments *as, const char *s,
					size_t nb, size_t ne,
					const struct buf *val, size_t vb,
					size_t ve, int verbatim);
void assignments_release(struct assignments *as);

/* .env files: [export] NAME=VALUE, '...' and "..." values, # comments. */
void envfile_parse(const char *text, size_t len, assign_keep_fn keep,
		   struct assignments *out);

/* Dockerfile ENV (both forms) and ARG, with backslash continuations. */
void dockerfile_parse(const char *text, size_t len, assign_keep_fn keep,
		      struct assignments *out);

/* Java .properties: key=value, key: value, key value; continuations. */
/* TOML's tables and key = value lines (assign.c says what is read). */
void toml_parse(const char *text, size_t len, assign_keep_fn keep,
		struct assignments *out);
void properties_parse(const char *text, size_t len, assign_keep_fn keep,
		      struct assignments *out);

#endif
