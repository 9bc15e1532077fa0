/* SPDX-License-Identifier: MIT */
/*
 * scan_py.h — PostgreSQL client connections in Python source.
 */
#ifndef PGT_SCAN_PY_H
#define PGT_SCAN_PY_H

#include "../model/facts.h"

/* Judges what src (a .py file) says about connections. */
void py_judge_source(struct fact_ctx *fx, const struct source *src);

#endif
