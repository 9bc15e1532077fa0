/* SPDX-License-Identifier: MIT */
/*
 * hash.h — FNV-1a over a C string: the same value on every machine, so it
 * can split a tree into shards (lint.c) as well as place a table's keys.
 */
#ifndef PGT_HASH_H
#define PGT_HASH_H

#include <stdint.h>

static inline uint64_t
str_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

#endif
