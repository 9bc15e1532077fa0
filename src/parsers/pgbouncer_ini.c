/* SPDX-License-Identifier: MIT */
/*
 * pgbouncer_ini.c — pgbouncer.ini's grammar, after libusual's
 * parse_ini_file (usual/cfparser.c), which pgbouncer loads it with:
 *
 *   line    := blank* (comment | section | pair)?
 *   comment := ('#' | ';') any* EOL          (only at a line's start)
 *   section := '[' [^]\n]* ']'               (the rest of the line: next)
 *   pair    := key blank* '=' blank* value
 *   key     := [A-Za-z0-9_.*-]*
 *   value   := any* EOL, trailing white space dropped; no quotes, no
 *              inline comments
 *
 * Anything else is a syntax error, at which pgbouncer stops loading.
 */
#include "pgbouncer_ini.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/xalloc.h"

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("_.-*", c) != NULL;
}

size_t
pgbouncer_ini_parse(const char *text, size_t len, struct assignments *out)
{
	char *section = xstrdup("");
	const char *nul = memchr(text, '\0', len);
	size_t p = 0;

	/* load_file gives parse_ini_file a C string: a NUL ends it */
	if (nul)
		len = (size_t)(nul - text);
	while (p < len) {
		size_t kb, ke, vb, ve;
		struct buf val = BUF_INIT;
		struct assignment *a;

		while (p < len && is_space(text[p]))
			p++;
		if (p == len)
			break;
		if (text[p] == '#' || text[p] == ';') {
			while (p < len && text[p] != '\n')
				p++;
			continue;
		}
		if (text[p] == '[') {
			kb = ++p;
			while (p < len && text[p] != ']' && text[p] != '\n')
				p++;
			if (p == len || text[p] != ']')
				break;
			free(section);
			section = xstrndup(text + kb, p - kb);
			p++;
			continue;
		}
		kb = p;
		while (p < len && is_key_char(text[p]))
			p++;
		ke = p;
		while (p < len && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (p == len || text[p] != '=')
			break;
		p++;
		while (p < len && (text[p] == ' ' || text[p] == '\t'))
			p++;
		vb = p;
		while (p < len && text[p] != '\n')
			p++;
		ve = p;
		while (ve > vb && is_space(text[ve - 1]))
			ve--;
		buf_add(&val, text + vb, ve - vb);
		a = assignments_add_span(out, text, kb, ke, &val, vb, ve, 1);
		if (a)
			a->path = xstrdup(section);
		buf_release(&val);
	}
	free(section);
	return p < len ? p + 1 : 0;
}
