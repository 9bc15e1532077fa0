/* SPDX-License-Identifier: MIT */
/*
 * npgsql.h — Npgsql (.NET) connection strings: "Host=db;Username=app;
 * SSL Mode=Require", read as NpgsqlConnectionStringBuilder does.
 */
#ifndef PGT_NPGSQL_H
#define PGT_NPGSQL_H

#include <stddef.h>

#include "conninfo.h"

/*
 * Whether text reads as an Npgsql connection string rather than another
 * ADO.NET provider's (SqlClient, MySqlConnector share the form): at least
 * two Key=Value pairs separated by ';', a key only Npgsql spells
 * (Username, SSL Mode with one of its values, Root Certificate, Search
 * Path, Port=5432...), and none only the others spell (Initial Catalog,
 * Data Source, Encrypt, SslMode=Required...).
 */
int npgsql_is_string(const char *text, size_t len);

/*
 * Parses text into ci, each known keyword stored under libpq's name
 * (host, port, dbname, user, password, sslmode lowercased, sslrootcert,
 * sslcert, sslkey, trustservercertificate); keys we do not model are
 * kept under their own name, marked forwarded. Values may be double- or
 * single-quoted. Returns 0 (the form has no error we report).
 */
int npgsql_parse(const char *text, size_t len, struct conninfo *ci);

/* Whether m (lowercased) is an SslMode Npgsql parses (src/Npgsql/
 * SslMode.cs: Disable, Allow, Prefer, Require, VerifyCA, VerifyFull). */
int npgsql_mode_known(const char *m);

#endif
