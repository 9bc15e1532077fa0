/* SPDX-License-Identifier: MIT */
/*
 * template.h — a carrier's value with its placeholders read, as a value
 * with provenance (value.h): what the shell, docker compose or Spring
 * will put there.
 *
 * - TEMPLATE_SHELL (.env, Dockerfile, shell scripts, POSIX 2.6.2
 *   Parameter Expansion): $NAME and ${NAME} are the variable; ${NAME:-w},
 *   ${NAME-w}, ${NAME:=w}, ${NAME=w} are it, or the default w when it is
 *   unset; ${NAME:?m} is it; ${NAME:+w}, $(...), `...` and $1 are built
 *   at run time.
 * - TEMPLATE_COMPOSE (https://docs.docker.com/compose/how-tos/
 *   environment-variables/variable-interpolation/): the same forms, and
 *   $$ is a dollar sign.
 * - TEMPLATE_SPRING (Spring's PropertyPlaceholderHelper, Quarkus and
 *   Micronaut alike): ${NAME} and ${NAME:default}.
 * In every syntax {{ ... }} (Helm, Jinja, Go templates) and ${{ ... }}
 * (GitHub Actions) are built at run time.
 *
 * A variable the file itself sets (a shell assignment before the use, a
 * Dockerfile ARG or ENV, another property) is read through the lookup:
 * its value is a constant; any other is a hole, and a literal default is
 * a default (RULES.md decision 11).
 */
#ifndef PGT_TEMPLATE_H
#define PGT_TEMPLATE_H

#include <stddef.h>

#include "conn_string.h"
#include "value.h"

enum template_syntax { TEMPLATE_SHELL, TEMPLATE_COMPOSE, TEMPLATE_SPRING };

/* A variable the file sets: its raw value and where it is written. */
struct template_var {
	const char *value;
	size_t len;
	struct text_map map;
};

/* Finds variable name[0..n) as the file sets it before source offset at;
 * returns 1 and fills var, or 0. */
typedef int (*template_lookup_fn)(void *arg, const char *name, size_t n,
				  size_t at, struct template_var *var);

struct template_ctx {
	enum template_syntax syntax;
	template_lookup_fn lookup; /* NULL: no variable is the file's */
	void *lookup_arg;
};

/* Appends text[0..len), written as map says, with its placeholders read,
 * to out (whose parts then hold source offsets). */
void template_expand(struct value *out, const char *text, size_t len,
		     const struct text_map *map, const struct template_ctx *tc);

/* Whether text holds anything template_expand would read. */
int template_has_placeholder(const char *text, size_t len);

#endif
