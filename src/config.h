/* SPDX-License-Identifier: MIT */
/*
 * config.h — .pgtlslint.yaml, the project's settings:
 *
 *   pg_version: 15                 --pg-version
 *   fail_on: error                 --fail-on
 *   exclude: ["legacy"]            --exclude (added to; relative to this file)
 *   rules_dir: [".pgtlslint/rules"]  --rules-dir (relative to this file)
 *   rules:                         per rule, by code or name:
 *     PGT307: off                    on | off | error | warning | note
 *     hba-md5: error
 *   ignore:                        findings to drop, per path glob
 *     - path: "legacy/..."           (a glob, relative to this file)
 *       rules: [PGT201, hba-md5]
 *
 * Each file linted uses the nearest one at or above its directory, or
 * the one --config names (scope.h). Command-line flags win.
 */
#ifndef PGT_CONFIG_H
#define PGT_CONFIG_H

#include <stddef.h>

#include "finding.h"
#include "rules/ruleset.h"

#define CONFIG_NAME ".pgtlslint.yaml"

struct config_rule {
	char *name;     /* owned; a code or name, checked when applied */
	int enabled;    /* -1: unchanged */
	int severity;   /* enum severity, or -1: unchanged */
	size_t line, col;
};

struct config_ignore {
	char *glob;     /* owned */
	char **rules;   /* owned, each owned */
	size_t nrules;
};

struct config {
	char *path;     /* owned; the file read */
	char *dir;      /* owned; its directory, for relative paths */
	char *real_dir; /* owned; dir resolved, or NULL */
	int pg_version; /* 0: unset */
	int fail_on;    /* -1: unset; else as struct pgt_options */
	char **exclude; /* owned, each owned */
	size_t nexclude;
	char **rules_dirs; /* owned, each owned; resolved against dir */
	size_t nrules_dirs;
	struct config_rule *rules; /* owned */
	size_t nrules;
	struct config_ignore *ignores; /* owned */
	size_t nignores;
};

/* The nearest .pgtlslint.yaml at or above start's directory, or NULL.
 * The caller frees the result. */
char *config_find(const char *start);

/* Reads path. Returns 0, or PGT_EUSAGE with *err "file:line:col: what". */
int config_load(struct config *c, const char *path, char **err);
void config_release(struct config *c);

/* Applies the rules: section. Returns 0, or PGT_EUSAGE with *err naming
 * an unknown rule at its line. */
int config_apply_rules(const struct config *c, struct ruleset *rs, char **err);

/* real (a resolved path) relative to the configuration's directory, or
 * NULL when it is outside. The caller frees the result. */
char *config_relative(const struct config *c, const char *real);

/* An ignore: entry whose glob matches rel names rule r. */
int config_ignores(const struct config *c, const char *rel,
		   const struct rule *r);

/* An exclude: glob matches rel or its last component. */
int config_excludes(const struct config *c, const char *rel);

#endif
