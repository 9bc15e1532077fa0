/* SPDX-License-Identifier: MIT */
/*
 * carriers.h — client connections in non-source files: connection strings
 * and URLs in values, PG* environment variables (as defaults for the
 * strings of the same file, as libpq applies them), Spring datasource
 * passwords, NODE_TLS_REJECT_UNAUTHORIZED. Each becomes a fact for the
 * rules (model/facts.h); nothing here raises a finding.
 */
#ifndef PGT_CARRIERS_H
#define PGT_CARRIERS_H

#include <stddef.h>
#include <stdint.h>

#include "model/conn_string.h"
#include "model/facts.h"
#include "parsers/assign.h"

/*
 * What the parsers of a carrier keep: a pair carriers_judge_assignments
 * can report anything on -- a PG* variable, NODE_TLS_REJECT_UNAUTHORIZED,
 * a script (run, script, command), a password setting, a value that may
 * hold a connection string (an '=', "postgres" or "jdbc:") -- and a
 * variable the file's own values name ($NAME, ${NAME}), for reading
 * them. Parsers drop the rest, so a file of ten million unrelated lines
 * costs little.
 */
struct carrier_keep {
	struct assign_keep keep; /* for the parsers; arg is this */
	char **names;            /* owned; the variables named, sorted */
	size_t nr, alloc;
};

/* The keep of src's file. Release with carriers_keep_release. */
void carriers_keep_init(struct carrier_keep *k, const struct source *src);
void carriers_keep_release(struct carrier_keep *k);

/* Whether src can hold a pair a carrier_keep keeps, from the words
 * such a pair must contain: when not, no parser need run (the prefilter;
 * off with fx->no_prefilter). */
int carriers_worth_parsing(const struct fact_ctx *fx,
			   const struct source *src);

/* How the value of a lies in src. */
struct text_map carriers_assignment_map(const struct source *src,
					const struct assignment *a);

/* The facts the assignments of src hold. */
void carriers_judge_assignments(struct fact_ctx *fx,
				const struct source *src,
				const struct assignments *as);

/* Each service of a pg_service.conf as a libpq connection. */
void carriers_judge_service(struct fact_ctx *fx, const struct source *src);

/* A Prisma schema: its PostgreSQL datasources' URLs. */
void carriers_judge_prisma(struct fact_ctx *fx, const struct source *src);

/* Finds URIs and quoted keyword/value strings in free text (shell
 * scripts, CI steps) laid out as map says, as facts; vars: the script's
 * assignments its $NAME read (NULL: none), lines that only print
 * (echo, printf) left out. */
void carriers_scan_text(struct fact_ctx *fx, const char *text, size_t len,
			const struct text_map *map,
			const struct assignments *vars);

#endif
