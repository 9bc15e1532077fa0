/* SPDX-License-Identifier: MIT */
/*
 * scan_py.h — PostgreSQL client connections in Python source.
 */
#ifndef PGT_SCAN_PY_H
#define PGT_SCAN_PY_H

#include "../rules/checks.h"

/* Judges what src (a .py file) says about connections. */
void py_judge_source(struct check_ctx *ctx, const struct source *src);

#endif
