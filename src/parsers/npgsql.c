/* SPDX-License-Identifier: MIT */
/*
 * npgsql.c — Npgsql connection strings.
 *
 * Keywords (npgsql/npgsql src/Npgsql/NpgsqlConnectionStringBuilder.cs,
 * the [DisplayName] and [NpgsqlConnectionStringProperty] aliases; the
 * source generator registers display name, property name and aliases,
 * upper-cased: matching ignores case, not spaces). Values: DbConnection
 * StringBuilder syntax, ';'-separated Key=Value, a value optionally in
 * double or single quotes (docs conceptual/Npgsql/
 * connection-string-parameters.md).
 */
#include "npgsql.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/xalloc.h"

/* Npgsql keyword (any spelling it registers) -> libpq's name. */
static const struct {
	const char *npgsql, *libpq;
} keywords[] = {
    {"Host", "host"},
    {"Server", "host"},
    {"Port", "port"},
    {"Database", "dbname"},
    {"DB", "dbname"},
    {"Username", "user"},
    {"User Name", "user"},
    {"UserId", "user"},
    {"User Id", "user"},
    {"UID", "user"},
    {"Password", "password"},
    {"PSW", "password"},
    {"PWD", "password"},
    {"SSL Mode", "sslmode"},
    {"SslMode", "sslmode"},
    {"Trust Server Certificate", "trustservercertificate"},
    {"TrustServerCertificate", "trustservercertificate"},
    {"Root Certificate", "sslrootcert"},
    {"RootCertificate", "sslrootcert"},
    {"SSL Certificate", "sslcert"},
    {"SslCertificate", "sslcert"},
    {"SSL Key", "sslkey"},
    {"SslKey", "sslkey"},
    {"SSL Password", "sslpassword"},
    {"SslPassword", "sslpassword"},
};

/* SslMode enum (src/Npgsql/SslMode.cs, 6.0+), parsed by Enum.Parse with
 * ignoreCase. */
static const char *const modes[] = {"disable",	"allow",    "prefer",
				    "require",	"verifyca", "verifyfull"};

/* Keys only another ADO.NET provider spells: SqlClient (Initial Catalog,
 * Data Source, Encrypt, Integrated Security, MultipleActiveResultSets),
 * MySqlConnector (CharSet, Allow User Variables, Convert Zero Datetime,
 * SslMode None/Preferred/Required). */
static const char *const foreign_keys[] = {
    "Initial Catalog",	     "Data Source",
    "Encrypt",		     "Integrated Security",
    "MultipleActiveResultSets", "CharSet",
    "Allow User Variables",  "AllowUserVariables",
    "Convert Zero Datetime", "Persist Security Info",
    "Connect Timeout",	     "Driver",
    "Provider",		     "Dsn"};

/* Keys only Npgsql spells. */
static const char *const own_keys[] = {
    "Username",		      "SSL Mode",	 "Root Certificate",
    "RootCertificate",	      "Search Path",	 "SearchPath",
    "Include Error Detail",   "Server Compatibility Mode",
    "Trust Server Certificate"};

struct pair {
	size_t kb, ke, vb, ve; /* key and value spans (value without quotes) */
};

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The next pair at text[*i]; 0 at the end or when one has no '='. */
static int
next_pair(const char *text, size_t len, size_t *i, struct pair *p)
{
	size_t k = *i;

	while (k < len && (blank(text[k]) || text[k] == ';'))
		k++;
	if (k >= len)
		return 0;
	p->kb = k;
	while (k < len && text[k] != '=' && text[k] != ';')
		k++;
	if (k >= len || text[k] != '=')
		return 0;
	p->ke = k;
	while (p->ke > p->kb && blank(text[p->ke - 1]))
		p->ke--;
	k++;
	while (k < len && blank(text[k]))
		k++;
	if (k < len && (text[k] == '"' || text[k] == '\'')) {
		char q = text[k++];

		p->vb = k;
		while (k < len && text[k] != q)
			k++;
		p->ve = k;
		k += k < len;
		while (k < len && text[k] != ';')
			k++;
	} else {
		p->vb = k;
		while (k < len && text[k] != ';')
			k++;
		p->ve = k;
		while (p->ve > p->vb && blank(text[p->ve - 1]))
			p->ve--;
	}
	*i = k;
	return 1;
}

static int
key_is(const char *text, const struct pair *p, const char *name)
{
	return p->ke - p->kb == strlen(name) &&
	       !strncasecmp(text + p->kb, name, p->ke - p->kb);
}

static int
value_is(const char *text, const struct pair *p, const char *v)
{
	return p->ve - p->vb == strlen(v) &&
	       !strncasecmp(text + p->vb, v, p->ve - p->vb);
}

static int
in_list(const char *text, const struct pair *p, const char *const *v,
	size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (key_is(text, p, v[i]))
			return 1;
	return 0;
}

int
npgsql_is_string(const char *text, size_t len)
{
	struct pair p;
	size_t i = 0, n = 0;
	int own = 0, host = 0;

	if (!memchr(text, ';', len))
		return 0;
	while (next_pair(text, len, &i, &p)) {
		n++;
		if (in_list(text, &p, foreign_keys,
			    sizeof(foreign_keys) / sizeof(foreign_keys[0])))
			return 0;
		if (key_is(text, &p, "SslMode") || key_is(text, &p, "SSL Mode")) {
			if (value_is(text, &p, "None") ||
			    value_is(text, &p, "Preferred") ||
			    value_is(text, &p, "Required"))
				return 0; /* MySqlConnector's values */
			own = 1;
		}
		if (key_is(text, &p, "Port"))
			own |= value_is(text, &p, "5432");
		if (key_is(text, &p, "Port") &&
		    (value_is(text, &p, "3306") || value_is(text, &p, "1433")))
			return 0;
		own |= in_list(text, &p, own_keys,
			       sizeof(own_keys) / sizeof(own_keys[0]));
		host |= key_is(text, &p, "Host") || key_is(text, &p, "Server");
		if (i < len && text[i] != ';')
			return 0;
	}
	return n >= 2 && own && host && i >= len;
}

int
npgsql_parse(const char *text, size_t len, struct conninfo *ci)
{
	struct pair p;
	size_t i = 0, k;

	memset(ci, 0, sizeof(*ci));
	ci->complete = 1;
	while (next_pair(text, len, &i, &p)) {
		struct conn_param *cp;
		const char *name = NULL;

		for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
			if (key_is(text, &p, keywords[k].npgsql))
				name = keywords[k].libpq;
		ALLOC_GROW(ci->v, ci->nr + 1, ci->alloc);
		cp = &ci->v[ci->nr++];
		memset(cp, 0, sizeof(*cp));
		cp->key = name ? xstrdup(name)
			       : xstrndup(text + p.kb, p.ke - p.kb);
		cp->forwarded = !name;
		cp->value = xstrndup(text + p.vb, p.ve - p.vb);
		if (name && !strcmp(name, "sslmode")) {
			for (k = 0; cp->value[k]; k++)
				if (cp->value[k] >= 'A' && cp->value[k] <= 'Z')
					cp->value[k] =
					    (char)(cp->value[k] - 'A' + 'a');
		}
		cp->key_begin = p.kb;
		cp->key_end = p.ke;
		cp->value_begin = p.vb;
		cp->value_end = p.ve;
	}
	return 0;
}

int
npgsql_mode_known(const char *m)
{
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(m, modes[i]))
			return 1;
	return 0;
}
