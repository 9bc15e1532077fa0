/* SPDX-License-Identifier: MIT */
/*
 * service.h — pg_service.conf, as libpq's parseServiceFile reads it
 * (src/interfaces/libpq/fe-connect.c; libpq.sgml "The Connection Service
 * File"). Every group is read (libpq reads only the one asked for, but any
 * may be asked for).
 */
#ifndef PGT_SERVICE_H
#define PGT_SERVICE_H

#include <stddef.h>
#include <stdint.h>

#include "assign.h"

struct service_error {
	size_t begin, end;
	char *message; /* owned */
};

struct service_file {
	struct assignments params; /* path = the group's name; first
				      occurrence per group only */
	struct service_error *errors; /* owned */
	size_t nerrors, errors_alloc;
};

/* Parses text for libpq of the given version. Never fails: problems are
 * errors. Free with service_release. */
void service_parse(const char *text, size_t len, int version,
		   struct service_file *out);
void service_release(struct service_file *sf);

#endif
