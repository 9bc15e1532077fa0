/* SPDX-License-Identifier: MIT */
/*
 * pgbouncer_ini.h — pgbouncer.ini, as pgbouncer's loader reads it
 * (libusual usual/cfparser.c parse_ini_file).
 */
#ifndef PGT_PGBOUNCER_INI_H
#define PGT_PGBOUNCER_INI_H

#include <stddef.h>

#include "assign.h"

/*
 * Fills out with every key = value of text, each with its section's name
 * as path. Returns 0, or the offset + 1 of the first syntax error, where
 * pgbouncer stops loading (what came before it stays in out).
 */
size_t pgbouncer_ini_parse(const char *text, size_t len,
			   struct assignments *out);

#endif
