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

/*
 * Adds the rules compiled into the binary. Same returns. The build parses
 * rules.d with ruleset_add_yaml once (tools/rulegen.c) and writes each
 * rule as a rule_image, so a run starts without parsing YAML.
 */
int ruleset_load_embedded(struct ruleset *rs, char **err);

/* A rule as constants: the fields of struct rule, strings borrowed, the
 * check by name. */
struct rule_image {
	const char *id, *name;
	enum severity severity;
	enum rule_target target;
	const char *summary, *message, *why, *fix, *example_bad, *example_good,
	    *help_uri;
	const char *const *tags;
	size_t ntags;
	const char *security_severity;
	int enabled, builtin;
	const char *setting;
	enum cond_op op;
	const char *operand, *replace_with, *pattern;
	const char *check;
	const char *origin;
};

/* Adds a copy of img (its pattern compiled, its check looked up). */
void ruleset_add_image(struct ruleset *rs, const struct rule_image *img);

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
