/* SPDX-License-Identifier: MIT */
/*
 * jdbc.h — jdbc:postgresql: URLs as pgjdbc's Driver.parseURL reads them,
 * into the same parameter list as a libpq connection string.
 */
#ifndef PGT_JDBC_H
#define PGT_JDBC_H

#include <stddef.h>

#include "conninfo.h"

/* 1 when text starts with "jdbc:postgresql:". */
int jdbc_is_url(const char *text, size_t len);

/*
 * Parses a pgjdbc URL into ci (keys: host, port, dbname, then every query
 * parameter as written). Returns 0, or -1 with ci->error set where pgjdbc
 * would refuse the URL (parseURL returns null). Free with
 * conninfo_release.
 */
int jdbc_parse(const char *text, size_t len, struct conninfo *ci);

/* The same, reading CONNINFO_HOLE bytes as holes (conninfo.h): a port,
 * host list or path holding one is not refused, a key holding one may be
 * any parameters (ci->open). */
int jdbc_parse_holes(const char *text, size_t len, struct conninfo *ci);

#endif
