/* SPDX-License-Identifier: MIT */
/*
 * hash.h — FNV-1a over bytes or a C string: the same value on every machine, so
 * it can split a tree into shards (lint.c) as well as place a table's keys.
 */
#ifndef PGT_HASH_H
#define PGT_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_SEED 14695981039346656037u

/* Continues hash h over n bytes of s. */
static inline uint64_t
mem_hash(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static inline uint64_t
str_hash(const char *s)
{
	uint64_t h = HASH_SEED;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

#endif
