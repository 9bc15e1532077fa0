/* SPDX-License-Identifier: MIT */
/*
 * service.c — pg_service.conf grammar (parseServiceFile):
 *
 *   line    := blank* content blank*     (at most 1023 bytes)
 *   content := "" | "#" any* | "[" name "]" any* | key "=" value
 *   key     := bytes before the first "="  (not trimmed: "a = b" has the
 *              key "a ", a syntax error)
 *   value   := the rest of the line, taken literally (no quotes, no
 *              trailing comments: "require # x" is the value)
 *
 * Keys must be libpq keywords; "service" (and "servicefile") inside the
 * file are refused; within a group the first occurrence wins; lines
 * starting with "ldap" are LDAP URLs (not judged here).
 */
#include "service.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"
#include "conninfo.h"

#define SERVICE_MAX_LINE 1023

static void
add_error(struct service_file *sf, size_t b, size_t e, char *msg)
{
	ALLOC_GROW(sf->errors, sf->nerrors + 1, sf->errors_alloc);
	sf->errors[sf->nerrors].begin = b;
	sf->errors[sf->nerrors].end = e;
	sf->errors[sf->nerrors].message = msg;
	sf->nerrors++;
}

static int
seen_in_group(const struct service_file *sf, const char *group,
	      const char *key)
{
	size_t i;

	for (i = 0; i < sf->params.nr; i++)
		if (!strcmp(sf->params.v[i].path, group) &&
		    !strcmp(sf->params.v[i].name, key))
			return 1;
	return 0;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

void
service_parse(const char *text, size_t len, int version,
	      struct service_file *out)
{
	size_t i = 0, lineno = 0;
	char *group = NULL;

	memset(out, 0, sizeof(*out));
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, b = i, e = end;
		const char *eq;
		char *key;

		lineno++;
		i = nl ? end + 1 : len;
		if (end - b + 1 > SERVICE_MAX_LINE) {
			add_error(out, b, end,
				  xasprintf("line %zu too long in service file",
					    lineno));
			continue;
		}
		while (b < e && is_space(text[b]))
			b++;
		while (e > b && is_space(text[e - 1]))
			e--;
		if (b == e || text[b] == '#')
			continue;
		if (text[b] == '[') {
			const char *close = memchr(text + b, ']', e - b);

			free(group);
			group = xstrndup(text + b + 1,
					 close ? (size_t)(close - text - b - 1)
					       : e - b - 1);
			continue;
		}
		if (!group || (e - b >= 4 && !strncmp(text + b, "ldap", 4)))
			continue;
		eq = memchr(text + b, '=', e - b);
		if (!eq) {
			add_error(out, b, e,
				  xasprintf("syntax error in service file, line "
					    "%zu",
					    lineno));
			continue;
		}
		key = xstrndup(text + b, (size_t)(eq - text) - b);
		if (!strcmp(key, "service") || !strcmp(key, "servicefile"))
			add_error(out, b, (size_t)(eq - text),
				  xasprintf("nested \"%s\" specifications not "
					    "supported in service file, line %zu",
					    key, lineno));
		else if (!conninfo_is_keyword(key, version) ||
			 !strcmp(key, "requiressl"))
			add_error(out, b, (size_t)(eq - text),
				  xasprintf("syntax error in service file, line "
					    "%zu: \"%s\" is not a connection "
					    "option",
					    lineno, key));
		else if (!seen_in_group(out, group, key)) {
			size_t vb = (size_t)(eq - text) + 1;
			struct assignment *a = assignments_add(
			    &out->params, key, group, text + vb, e - vb);

			a->name_begin = b;
			a->name_end = vb - 1;
			a->value_begin = vb;
			a->value_end = e;
			a->verbatim = 1;
		}
		free(key);
	}
	free(group);
}

void
service_release(struct service_file *sf)
{
	size_t i;

	for (i = 0; i < sf->nerrors; i++)
		free(sf->errors[i].message);
	free(sf->errors);
	assignments_release(&sf->params);
	memset(sf, 0, sizeof(*sf));
}
