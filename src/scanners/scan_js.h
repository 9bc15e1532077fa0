/* SPDX-License-Identifier: MIT */
/*
 * scan_js.h — PostgreSQL client connections in JavaScript and TypeScript.
 */
#ifndef PGT_SCAN_JS_H
#define PGT_SCAN_JS_H

#include "../model/facts.h"

/* Judges what src (a .js/.mjs/.cjs/.ts/... file) says about connections. */
void js_judge_source(struct fact_ctx *fx, const struct source *src);

#endif
