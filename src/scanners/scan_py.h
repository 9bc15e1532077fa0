/* SPDX-License-Identifier: MIT */
/*
 * scan_py.h — PostgreSQL client connections in Python source.
 */
#ifndef PGT_SCAN_PY_H
#define PGT_SCAN_PY_H

#include "../model/facts.h"
#include "tokens.h"

/* Judges what src (a .py file) says about connections. When lexed
 * is not NULL, the tokens read go there for the caller to release
 * (tokens_release; its src stays NULL when the file was not lexed). */
void py_judge_source(struct fact_ctx *fx, const struct source *src,
		     struct tokens *lexed);

#endif
