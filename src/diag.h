/* SPDX-License-Identifier: MIT */
/*
 * diag.h — file-level messages that are not findings of a rule: a file
 * skipped (binary, special, too large) or unreadable. The caller owns the
 * list; main.c reports it once.
 */
#ifndef PGT_DIAG_H
#define PGT_DIAG_H

#include <stddef.h>

#include "util/compat.h"

struct diag {
	char *path;    /* owned */
	char *message; /* owned */
	int is_error;  /* an I/O error (exit status 2), else a note */
};

struct diags {
	struct diag *v; /* owned */
	size_t nr, alloc;
};

/* Adds a diagnostic; takes ownership of message. */
void diags_add(struct diags *d, const char *path, int is_error, char *message);
size_t diags_errors(const struct diags *d);
void diags_release(struct diags *d);

#endif
