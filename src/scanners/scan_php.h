/* SPDX-License-Identifier: MIT */
/*
 * scan_php.h — PostgreSQL connections in PHP source: PDO DSNs and
 * Laravel's database connections.
 */
#ifndef PGT_SCAN_PHP_H
#define PGT_SCAN_PHP_H

#include "../model/facts.h"

/* Judges what src (a .php file) says about connections. */
void php_judge_source(struct fact_ctx *fx, const struct source *src);

#endif
