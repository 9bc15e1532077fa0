/* SPDX-License-Identifier: MIT */
/*
 * engine.h — run the rules of a target over its model.
 *
 * The engine dispatches by target (STYLE.md 33): rules never see raw text.
 */
#ifndef PGT_ENGINE_H
#define PGT_ENGINE_H

#include "checks.h"

struct server_config;
struct hba_conf;

/* Parser problems become PGT108/PGT109; then every enabled pgconf rule
 * runs its check or its declarative condition. */
void engine_run_server(struct check_ctx *ctx, const struct server_config *cfg,
		       int is_root);

/*
 * Records PostgreSQL rejects become PGT209 (and a root file without any
 * record, which the server refuses); then every enabled hba rule runs.
 */
void engine_run_hba(struct check_ctx *ctx, const struct hba_conf *conf,
		    int is_root, const struct server_facts *server);

struct client_fact;

/* Judges one client connection and runs every enabled client rule. */
void engine_run_client(struct check_ctx *ctx, const struct client_fact *f);

struct cert_file;
struct cert_role;

/* Runs every enabled certificate rule over cf, the certificates and keys
 * of src, in its role (which server reads it as its key). */
void engine_run_cert(struct check_ctx *ctx, const struct source *src,
		     const struct cert_file *cf, const struct cert_role *role);

struct facts;

/* Judges what the detectors found: each connection as engine_run_client
 * does, each setting (verification off, a weak floor, a literal password,
 * an invalid string, TLS off in code) by its rule. */
void engine_run_facts(struct check_ctx *ctx, const struct facts *fs);

/* Reports rule id (if enabled) at src[begin..end) with a message: for
 * findings that need no fact (a string libpq rejects, an override).
 * Returns the finding, or NULL when the rule is off. */
struct finding *engine_emit(struct check_ctx *ctx, const char *id,
		 const struct source *src, size_t begin, size_t end,
		 const char *fmt, ...) PGT_PRINTF(6, 7);

#endif
