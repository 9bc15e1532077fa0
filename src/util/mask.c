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

/* Length of a conninfo value at p: quoted with backslash escapes, or up to
 * the next blank (libpq conninfo_parse). */
static size_t
value_len(const char *p, const char *end)
{
	const char *q = p;

	if (q < end && *q == '\'') {
		for (q++; q < end && *q != '\''; q++)
			if (*q == '\\' && q + 1 < end)
				q++;
		return (size_t)(q - p) + (q < end);
	}
	while (q < end && *q != ' ' && *q != '\t' && *q != '\n' && *q != '&' &&
	       *q != '"' && *q != ';')
		q++;
	return (size_t)(q - p);
}

char *
mask_conninfo(const char *text, size_t len)
{
	struct buf b = BUF_INIT;
	const char *p = text, *end = text + len;

	while (p < end) {
		if ((size_t)(end - p) >= 8 && !strncasecmp(p, "password", 8) &&
		    (p == text || !((p[-1] >= 'a' && p[-1] <= 'z') ||
				    p[-1] == '_'))) {
			const char *q = p + 8;

			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q < end && *q == '=') {
				q++;
				while (q < end && (*q == ' ' || *q == '\t'))
					q++;
				buf_add(&b, p, (size_t)(q - p));
				buf_adds(&b, MASK_TEXT);
				p = q + value_len(q, end);
				continue;
			}
		}
		if ((size_t)(end - p) >= 3 && !memcmp(p, "://", 3)) {
			const char *at, *colon, *stop = p + 3;

			while (stop < end && *stop != '/' && *stop != '?' &&
			       *stop != ' ' && *stop != '#')
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
