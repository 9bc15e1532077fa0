/* SPDX-License-Identifier: MIT */
/* mask.c — replace passwords in values and connection strings. */
#include "mask.h"

#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xalloc.h"

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcasecmp(s + a - b, suffix);
}

/* A password, or a command that may embed one (ssl_passphrase_command);
 * password_encryption names a hash method and is not secret. */
static int
name_is_secret(const char *name)
{
	return name && (ends_with(name, "password") || ends_with(name, "passwd") ||
			ends_with(name, "secret") ||
			ends_with(name, "passphrase") ||
			ends_with(name, "passphrase_command"));
}

static int
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/*
 * At p, a key that names a secret -- password, passwd, passphrase, secret,
 * secrets, after any upper-case or separated prefix (PGPASSWORD,
 * spring.datasource.password, radiussecrets) -- followed by '=', ':' or
 * ':='; a quoted key may also be followed by ',', as in
 * setProperty("password", "..."). Returns the offset of the value, or 0.
 */
static size_t
secret_key_at(const char *text, const char *p, const char *end)
{
	static const char *const words[] = {"password",	     "passwd",
					    "passphrase",    "secrets",
					    "secret",	     "radiussecrets",
					    "radiussecret"};
	size_t w;

	if (p > text && key_char(p[-1]) && (p[-1] < 'A' || p[-1] > 'Z') &&
	    p[-1] != '_' && p[-1] != '.' && p[-1] != '-')
		return 0; /* inside a lowercase word, e.g. "mypassword" */
	for (w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t n = strlen(words[w]);
		const char *q = p + n;
		int quoted = 0;

		if ((size_t)(end - p) < n || strncasecmp(p, words[w], n) ||
		    (q < end && key_char(*q)))
			continue;
		if (q < end && (*q == '"' || *q == '\''))
			q++, quoted = 1;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || (*q != '=' && *q != ':' && !(quoted && *q == ',')))
			continue;
		q += q + 1 < end && q[0] == ':' && q[1] == '=' ? 2 : 1;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		return (size_t)(q - p);
	}
	return 0;
}

/*
 * At p, DriverManager.getConnection(url, user, "password"): the offset of
 * the third argument when it is a string literal, or 0 (java.sql's
 * signature; the only call that takes a password by position).
 */
static size_t
positional_password_at(const char *p, const char *end)
{
	static const char call[] = "getConnection(";
	const char *q = p + sizeof(call) - 1;
	int depth = 0, commas = 0;

	if ((size_t)(end - p) < sizeof(call) - 1 ||
	    memcmp(p, call, sizeof(call) - 1))
		return 0;
	for (; q < end && commas < 2; q++) {
		if (*q == '"' || *q == '\'') {
			char c = *q;

			for (q++; q < end && *q != c; q++)
				if (*q == '\\' && q + 1 < end)
					q++;
		} else if (*q == '(')
			depth++;
		else if (*q == ')' && !depth--)
			return 0;
		else if (*q == ',' && !depth)
			commas++;
	}
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	return commas == 2 && q < end && *q == '"' ? (size_t)(q - p) : 0;
}

/* Length of a value at p: quoted ('..' or ".." with backslash escapes) or
 * up to a blank, '&', ',' or a quote. */
static size_t
secret_len(const char *p, const char *end)
{
	const char *q = p;

	if (q < end && (*q == '\'' || *q == '"')) {
		char c = *q++;

		for (; q < end && *q != c; q++)
			if (*q == '\\' && q + 1 < end)
				q++;
		return (size_t)(q - p) + (q < end);
	}
	while (q < end && !strchr(" \t\n\r&,;\"'", *q))
		q++;
	return (size_t)(q - p);
}

char *
mask_conninfo(const char *text, size_t len)
{
	struct buf b = BUF_INIT;
	const char *p = text, *end = text + len;

	while (p < end) {
		size_t v = secret_key_at(text, p, end);

		if (!v)
			v = positional_password_at(p, end);
		if (v && secret_len(p + v, end)) {
			size_t n = secret_len(p + v, end);

			/* pg_hba.conf's radiussecrets is a comma list */
			while (!strncasecmp(p, "radius", 6) && p + v + n < end &&
			       p[v + n] == ',')
				n += 1 + secret_len(p + v + n + 1, end);
			buf_add(&b, p, v);
			buf_adds(&b, MASK_TEXT);
			p += v + n;
			continue;
		}
		if ((size_t)(end - p) >= 3 && !memcmp(p, "://", 3)) {
			const char *at, *colon, *stop = p + 3;

			while (stop < end && *stop != '/' && *stop != '?' &&
			       *stop != ' ' && *stop != '#' && *stop != '"' &&
			       *stop != '\'')
				stop++;
			at = memchr(p + 3, '@', (size_t)(stop - p - 3));
			colon = at ? memchr(p + 3, ':', (size_t)(at - p - 3))
				   : NULL;
			if (colon) {
				buf_add(&b, p, (size_t)(colon + 1 - p));
				buf_adds(&b, MASK_TEXT);
				p = at;
				continue;
			}
		}
		buf_addch(&b, *p++);
	}
	return buf_detach(&b);
}

char *
mask_value(const char *name, const char *value, size_t len)
{
	if (len && name_is_secret(name))
		return xstrdup(MASK_TEXT);
	return mask_conninfo(value, len);
}
