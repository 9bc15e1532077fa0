/* SPDX-License-Identifier: MIT */
/*
 * shell.h — the variable assignments a shell script makes (NAME=value
 * before a command or after export, ${NAME:=word}, docker's --env), as
 * assignments of the flat carrier formats (assign.h).
 */
#ifndef PGT_SHELL_H
#define PGT_SHELL_H

#include <stddef.h>

#include "assign.h"

/* Every assignment of the script text[0..len) that keep accepts, in the
 * order written. Free with assignments_release. */
void shell_parse(const char *text, size_t len, assign_keep_fn keep,
		 struct assignments *out);

#endif
