/* SPDX-License-Identifier: MIT */
/*
 * carriers.h — client connections in non-source files: connection strings
 * and URLs in values, PG* environment variables (as defaults for the
 * strings of the same file, as libpq applies them), Spring datasource
 * passwords, NODE_TLS_REJECT_UNAUTHORIZED. Each becomes a client fact that
 * the engine judges.
 */
#ifndef PGT_CARRIERS_H
#define PGT_CARRIERS_H

#include <stddef.h>
#include <stdint.h>

#include "parsers/assign.h"
#include "rules/checks.h"

struct client_fact;

/*
 * Where the bytes of a value lie in its source: verbatim from base, a YAML
 * literal block (line by line), found by a mapper (a string joined from
 * pieces: scan_common.c), or only as a whole at [base, end).
 */
struct text_map {
	const struct source *src; /* borrowed */
	size_t base, end;
	int verbatim;
	int block;
	size_t line0, indent;
	/* The source offset of value byte k + shift (k up to the value's
	 * length), or NULL. */
	size_t (*map)(void *arg, size_t k);
	void *map_arg; /* borrowed */
	size_t shift;
};

/* The source offset of byte k of the value (k may equal its length). */
size_t text_map_offset(const struct text_map *m, const char *value, size_t k);

struct conninfo;

/*
 * Parses text[0..len) (a URI, a JDBC URL or a keyword/value string) and
 * builds its client fact, positions through map. Returns
 * 1 and fills f and ci (caller releases both), 0 when text is not a
 * connection string, -1 when it is one the driver rejects (ci->error set;
 * caller releases ci).
 */
int carriers_fact_from_string(const char *text, size_t len, int version,
			      const struct text_map *map,
			      const struct client_fact *env, const char *what,
			      struct client_fact *f, struct conninfo *ci);

/* Whether carriers_judge_assignments can report anything on a pair: a
 * PG* variable, NODE_TLS_REJECT_UNAUTHORIZED, a script (run, script,
 * command), a Spring datasource password, or a value that may hold a
 * connection string (an '=', "postgres" or "jdbc:"). Parsers drop the
 * rest, so a file of ten million unrelated lines costs little. */
int carriers_relevant(const char *name, const char *path, const char *value,
		      size_t vlen);

/* Whether src can hold a pair carriers_relevant keeps, from the words
 * such a pair must contain: when not, no parser need run (the prefilter;
 * off with ctx->no_prefilter). */
int carriers_worth_parsing(const struct check_ctx *ctx,
			   const struct source *src);

/* Judges every connection the assignments of src hold. */

void carriers_judge_assignments(struct check_ctx *ctx,
				const struct source *src,
				const struct assignments *as);

/*
 * Judges the connection string text[0..len), whose bytes lie in the
 * source as map says. env: defaults for unset keys, or NULL. Returns 1
 * when text was a connection string.
 */
int carriers_judge_string(struct check_ctx *ctx, const char *text,
			  size_t len, const struct text_map *map,
			  const struct client_fact *env, const char *what);

/* Judges each service of a pg_service.conf as a libpq connection. */
void carriers_judge_service(struct check_ctx *ctx, const struct source *src);

/* Finds URIs and quoted keyword/value strings in free text (shell
 * scripts, CI steps) laid out as map says, and judges them. */
void carriers_scan_text(struct check_ctx *ctx, const char *text, size_t len,
			const struct text_map *map);

#endif
