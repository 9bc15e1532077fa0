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

/* Whether carriers_judge_assignments can report anything on a pair: a
 * PG* variable, NODE_TLS_REJECT_UNAUTHORIZED, a script (run, script,
 * command), a Spring datasource password, or a value that may hold a
 * connection string (an '=', "postgres" or "jdbc:"). Parsers drop the
 * rest, so a file of ten million unrelated lines costs little. */
int carriers_relevant(const char *name, const char *path, const char *value,
		      size_t vlen);

/* Whether src can hold a pair carriers_relevant keeps, from the words
 * such a pair must contain: when not, no parser need run (the prefilter;
 * off with fx->no_prefilter). */
int carriers_worth_parsing(const struct fact_ctx *fx,
			   const struct source *src);

/* The facts the assignments of src hold. */
void carriers_judge_assignments(struct fact_ctx *fx,
				const struct source *src,
				const struct assignments *as);

/* Each service of a pg_service.conf as a libpq connection. */
void carriers_judge_service(struct fact_ctx *fx, const struct source *src);

/* Finds URIs and quoted keyword/value strings in free text (shell
 * scripts, CI steps) laid out as map says, as facts. */
void carriers_scan_text(struct fact_ctx *fx, const char *text, size_t len,
			const struct text_map *map);

#endif
