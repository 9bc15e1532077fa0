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

/* Parser problems become PGT108/PGT109; then every enabled pgconf rule
 * runs its check or its declarative condition. */
void engine_run_server(struct check_ctx *ctx, const struct server_config *cfg,
		       int is_root);

#endif
