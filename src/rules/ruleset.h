/* SPDX-License-Identifier: MIT */
/*
 * ruleset.h — every rule of a run: the embedded rules.d plus --rules-dir.
 *
 * Loading never prints: problems are returned as "file:line:col: message"
 * strings for main.c to report (STYLE.md 14, 31).
 */
#ifndef PGT_RULESET_H
#define PGT_RULESET_H

#include <stddef.h>

#include "rule.h"

struct ruleset {
	struct rule *v; /* owned; sorted by id after ruleset_finish */
	size_t nr, alloc;
};

void ruleset_init(struct ruleset *rs);
void ruleset_release(struct ruleset *rs);

/*
 * Parses one rule document (text of len bytes, named origin in messages)
 * and adds it. Returns 0, or PGT_ERULE with *err (malloc'd, caller frees)
 * as "origin:line:col: message".
 */
int ruleset_add_yaml(struct ruleset *rs, const char *origin, const char *text,
		     size_t len, char **err);

/* Adds the rules compiled into the binary. Same returns. */
int ruleset_load_embedded(struct ruleset *rs, char **err);

/* Adds every *.yaml / *.yml file in dir, in name order. Same returns. */
int ruleset_load_dir(struct ruleset *rs, const char *dir, char **err);

/*
 * Sorts by id and rejects duplicate ids or names. Call once after loading.
 * Same returns.
 */
int ruleset_finish(struct ruleset *rs, char **err);

/* The rule with that id or name (case-insensitive), or NULL. */
struct rule *ruleset_find(const struct ruleset *rs, const char *code_or_name);

/* The rule with that id if it exists and is enabled, else NULL. */
const struct rule *ruleset_active(const struct ruleset *rs, const char *id);

#endif
