/* SPDX-License-Identifier: MIT */
/*
 * scan_js.h — PostgreSQL client connections in JavaScript and TypeScript.
 */
#ifndef PGT_SCAN_JS_H
#define PGT_SCAN_JS_H

#include "../model/facts.h"
#include "tokens.h"

/* Judges what src (a .js/.mjs/.cjs/.ts/... file) says about
 * connections. When lexed is not NULL, the tokens read go there for the
 * caller to release (tokens_release; its src stays NULL when the file was
 * not lexed). */
void js_judge_source(struct fact_ctx *fx, const struct source *src,
		     struct tokens *lexed);

#endif
