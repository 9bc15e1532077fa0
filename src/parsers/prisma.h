/* SPDX-License-Identifier: MIT */
/*
 * prisma.h — the datasource blocks of a Prisma schema (schema.prisma).
 */
#ifndef PGT_PRISMA_H
#define PGT_PRISMA_H

#include <stddef.h>

struct prisma_url {
	size_t begin, end; /* the URL string's body, inside its quotes */
	int verbatim;	   /* the body holds no escape */
	int postgres;	   /* its block's provider is postgresql/postgres */
};

struct prisma_schema {
	struct prisma_url *v; /* owned: url and directUrl literals */
	size_t nr, alloc;
};

/* Every url/directUrl string literal of every datasource block, with its
 * block's provider. Comments (//) are skipped; env("X") is not a
 * literal. */
void prisma_parse(const char *text, size_t len, struct prisma_schema *out);
void prisma_release(struct prisma_schema *ps);

#endif
