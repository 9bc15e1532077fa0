/* SPDX-License-Identifier: MIT */
/*
 * scan_cs.h — PostgreSQL connections in C# source (Npgsql).
 */
#ifndef PGT_SCAN_CS_H
#define PGT_SCAN_CS_H

#include "../model/facts.h"

/* Judges what src (a .cs file) says about connections. */
void cs_judge_source(struct fact_ctx *fx, const struct source *src);

#endif
