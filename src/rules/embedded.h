/* SPDX-License-Identifier: MIT */
/*
 * embedded.h — rules.d compiled into the binary. The table is generated
 * at build time by tools/embed.c into build/gen/rules_embedded.c.
 */
#ifndef PGT_EMBEDDED_H
#define PGT_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* "rules.d/PGT101.yaml" */
	const char *text;
	size_t len;
};

extern const struct embedded_file embedded_rules[];
extern const size_t embedded_rules_count;

#endif
