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

#endif
