/* SPDX-License-Identifier: MIT */
/* template.c — placeholders of carrier values read (see template.h). */
#include "template.h"

#include <string.h>

/* Variables that refer to variables stop here: a cycle is unknown. */
#define TEMPLATE_MAX_DEPTH 8

static int
name_start(char c)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
name_char(char c, enum template_syntax syn)
{
	return name_start(c) || (c >= '0' && c <= '9') ||
	       (syn == TEMPLATE_SPRING && (c == '.' || c == '-' || c == '['));
}

/* Appends text[b..e) as written: byte by byte where the map is exact. */
static void
add_literal(struct value *out, const char *text, size_t b, size_t e,
	    const struct text_map *map, enum value_origin o)
{
	if (e <= b)
		return;
	value_add(out, text + b, e - b, 0, text_map_offset(map, text, b),
		  map->verbatim, o);
}

/* The '}' closing the ${ at text[i], or len. */
static size_t
close_brace(const char *text, size_t i, size_t len)
{
	int depth = 0;

	for (; i < len; i++) {
		if (text[i] == '{')
			depth++;
		else if (text[i] == '}' && !--depth)
			return i;
	}
	return len;
}

static void expand(struct value *out, const char *text, size_t len,
		   const struct text_map *map, const struct template_ctx *tc,
		   enum value_origin o, int depth);

/* Variable name[0..n), used at source offset at: the file's value (a
 * constant), else 0. */
static int
file_variable(struct value *out, const char *name, size_t n, size_t at,
	      const struct template_ctx *tc, int depth)
{
	struct template_var var;

	if (!tc->lookup || depth >= TEMPLATE_MAX_DEPTH ||
	    !tc->lookup(tc->lookup_arg, name, n, at, &var))
		return 0;
	expand(out, var.value, var.len, &var.map, tc, ORIGIN_CONSTANT,
	       depth + 1);
	return 1;
}

/*
 * ${...} whose '$' is text[i] and '}' text[close]: the variable, its
 * default, or a hole.
 */
static void
braced(struct value *out, const char *text, size_t i, size_t close,
       const struct text_map *map, const struct template_ctx *tc, int depth)
{
	size_t nb = i + 2, ne = nb, at = text_map_offset(map, text, i);
	const char *op;
	int has_default = 0;
	size_t wb = close;

	while (ne < close && name_char(text[ne], tc->syntax))
		ne++;
	op = text + ne;
	if (tc->syntax == TEMPLATE_SPRING) {
		if (ne < close && *op == ':') {
			has_default = 1;
			wb = ne + 1;
		}
	} else if (ne + 1 < close && op[0] == ':' && strchr("-=", op[1])) {
		has_default = 1;
		wb = ne + 2;
	} else if (ne < close && (*op == '-' || *op == '=')) {
		has_default = 1;
		wb = ne + 1;
	} else if (ne < close && (*op == '+' || (op[0] == ':' && op[1] == '+'))) {
		value_add_unknown(out, 0, at); /* set: another word */
		return;
	} else if (ne < close && !(*op == '?' || (op[0] == ':' && op[1] == '?'))) {
		value_add_unknown(out, 0, at); /* ${#X}, ${X%y}, ... */
		return;
	}
	if (ne == nb) {
		value_add_unknown(out, 0, at);
		return;
	}
	if (file_variable(out, text + nb, ne - nb, at, tc, depth))
		return;
	if (has_default) {
		struct text_map sub = text_map_sub(map, text, wb, close - wb);

		expand(out, text + wb, close - wb, &sub, tc, ORIGIN_DEFAULT,
		       depth + 1);
	} else
		value_add_unknown(out, 0, at);
}

static void
expand(struct value *out, const char *text, size_t len,
       const struct text_map *map, const struct template_ctx *tc,
       enum value_origin o, int depth)
{
	size_t i = 0, lit = 0;

	while (i < len) {
		size_t e;

		if (text[i] == '{' && i + 1 < len && text[i + 1] == '{') {
			/* {{ ... }} */
			const char *end = strstr(text + i + 2, "}}");

			add_literal(out, text, lit, i, map, o);
			value_add_unknown(out, 0, text_map_offset(map, text, i));
			i = lit = end && (size_t)(end - text) + 2 <= len
				      ? (size_t)(end - text) + 2
				      : len;
			continue;
		}
		if (text[i] == '`' && tc->syntax != TEMPLATE_SPRING) {
			const char *end = memchr(text + i + 1, '`', len - i - 1);

			add_literal(out, text, lit, i, map, o);
			value_add_unknown(out, 0, text_map_offset(map, text, i));
			i = lit = end ? (size_t)(end - text) + 1 : len;
			continue;
		}
		if (text[i] != '$' || i + 1 >= len) {
			i++;
			continue;
		}
		if (text[i + 1] == '$' && tc->syntax == TEMPLATE_COMPOSE) {
			add_literal(out, text, lit, i + 1, map, o); /* $$: $ */
			i = lit = i + 2;
			continue;
		}
		if (tc->syntax == TEMPLATE_SPRING && text[i + 1] != '{') {
			i++;
			continue;
		}
		add_literal(out, text, lit, i, map, o);
		if (text[i + 1] == '{' && i + 2 < len && text[i + 2] == '{') {
			/* ${{ ... }} */
			const char *end = strstr(text + i + 3, "}}");

			value_add_unknown(out, 0, text_map_offset(map, text, i));
			i = lit = end && (size_t)(end - text) + 2 <= len
				      ? (size_t)(end - text) + 2
				      : len;
			continue;
		}
		if (text[i + 1] == '{') {
			e = close_brace(text, i + 1, len);
			if (e >= len) { /* unclosed: the rest is unknown */
				value_add_unknown(out, 0,
						  text_map_offset(map, text, i));
				i = lit = len;
				continue;
			}
			braced(out, text, i, e, map, tc, depth);
			i = lit = e + 1;
			continue;
		}
		if (text[i + 1] == '(') { /* $(...), $((...)) */
			int d = 0;

			for (e = i + 1; e < len; e++) {
				d += text[e] == '(' ? 1 : text[e] == ')' ? -1 : 0;
				if (!d)
					break;
			}
			value_add_unknown(out, 0, text_map_offset(map, text, i));
			i = lit = e < len ? e + 1 : len;
			continue;
		}
		if (name_start(text[i + 1])) {
			for (e = i + 1; e < len && name_char(text[e], tc->syntax);
			     e++)
				;
			if (!file_variable(out, text + i + 1, e - i - 1,
					   text_map_offset(map, text, i), tc,
					   depth))
				value_add_unknown(out, 0,
						  text_map_offset(map, text, i));
			i = lit = e;
			continue;
		}
		if (strchr("0123456789@*#?-!", text[i + 1])) { /* $1, $@, ... */
			value_add_unknown(out, 0, text_map_offset(map, text, i));
			i = lit = i + 2;
			continue;
		}
		i++; /* a lone $ */
	}
	add_literal(out, text, lit, len, map, o);
}

void
template_expand(struct value *out, const char *text, size_t len,
		const struct text_map *map, const struct template_ctx *tc)
{
	expand(out, text, len, map, tc, ORIGIN_LITERAL, 0);
}

int
template_has_placeholder(const char *text, size_t len)
{
	return memchr(text, '$', len) || memchr(text, '`', len) ||
	       (memchr(text, '{', len) && strstr(text, "{{"));
}
