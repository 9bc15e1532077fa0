/* SPDX-License-Identifier: MIT */
/*
 * scope.h — the settings in force for each file linted.
 *
 * A file's settings are those of the nearest .pgtlslint.yaml at or above
 * its directory (or of the one --config names, for every file), with the
 * command line's flags on top. The nearest file wins whole; files are not
 * merged, so one service's configuration in a monorepo says everything
 * about that service, as ruff and Black choose theirs.
 *
 * The primary scope, v[0] -- --config, or the configuration of the first
 * path (of the working directory for stdin) -- also decides what concerns
 * the whole run: fail_on, --list-rules, --explain.
 */
#ifndef PGT_SCOPE_H
#define PGT_SCOPE_H

#include <stddef.h>

#include "cli.h"
#include "config.h"
#include "finding.h"
#include "rules/ruleset.h"

struct scope {
	char *key;            /* owned; realpath of the file, NULL: none */
	struct config config; /* config.path NULL when there is no file */
	struct ruleset rules;
	int pg_version;
	char *error;          /* owned; why the file cannot be used, or NULL */
};

struct scopes {
	const struct pgt_options *o;
	struct scope **v;     /* owned, each owned; v[0] the primary */
	size_t nr, alloc;
	/* Each directory looked up (as its path is spelt) and its scope, an
	 * open-addressing table of dirs_cap slots, a power of two. */
	struct dir_scope {
		char *dir; /* owned; NULL: an empty slot */
		struct scope *sc;
	} *dirs;
	size_t ndirs, dirs_cap;
};

/* Loads the primary scope. Returns 0, or an error status with *err. */
int scopes_init(struct scopes *s, const struct pgt_options *o, char **err);
void scopes_release(struct scopes *s);

/*
 * The scope of path (a file or directory; "-" and "<stdin>" are looked up
 * from --stdin-filename or the working directory). Configurations are
 * read once; one that cannot be used gives a scope with error set.
 */
struct scope *scopes_for(struct scopes *s, const char *path);

/* For the walk: path is excluded by --exclude or by an exclude: glob of
 * its directory's configuration (relative to that file's directory). */
int scopes_excluded(void *scopes, const char *path);

/* Drops the findings an ignore: entry of their own scope covers; returns
 * how many. */
size_t scopes_apply_ignores(struct scopes *s, struct findings *fs);

#endif
