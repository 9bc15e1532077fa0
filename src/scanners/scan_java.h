/* SPDX-License-Identifier: MIT */
/*
 * scan_java.h — PostgreSQL client connections in Java source.
 */
#ifndef PGT_SCAN_JAVA_H
#define PGT_SCAN_JAVA_H

#include "../model/facts.h"

/* Judges what src (a .java file) says about connections. */
void java_judge_source(struct fact_ctx *fx, const struct source *src);

#endif
