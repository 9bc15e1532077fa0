/* SPDX-License-Identifier: MIT */
/*
 * scan_go.h — PostgreSQL client connections in Go source.
 */
#ifndef PGT_SCAN_GO_H
#define PGT_SCAN_GO_H

#include "../model/facts.h"
#include "tokens.h"

/* Judges what src (a .go file) says about connections. When lexed
 * is not NULL, the tokens read go there for the caller to release
 * (tokens_release; its src stays NULL when the file was not lexed). */
void go_judge_source(struct fact_ctx *fx, const struct source *src,
		     struct tokens *lexed);

#endif
