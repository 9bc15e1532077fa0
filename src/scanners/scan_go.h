/* SPDX-License-Identifier: MIT */
/*
 * scan_go.h — PostgreSQL client connections in Go source.
 */
#ifndef PGT_SCAN_GO_H
#define PGT_SCAN_GO_H

#include "../model/facts.h"

/* Judges what src (a .go file) says about connections. */
void go_judge_source(struct fact_ctx *fx, const struct source *src);

#endif
