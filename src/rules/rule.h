/* SPDX-License-Identifier: MIT */
/*
 * rule.h — a rule as loaded from rules.d/<ID>.yaml.
 *
 * YAML becomes enums and compiled regexes at load time (STYLE.md 30): the
 * match loop never compares strings of rule fields and never compiles.
 */
#ifndef PGT_RULE_H
#define PGT_RULE_H

#include <stddef.h>
#include <stdint.h>

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE, SEV__COUNT };
extern const char *const severity_names[SEV__COUNT];

/* What kind of input a rule judges. */
enum rule_target { TARGET_PGCONF, TARGET_HBA, TARGET_CLIENT, TARGET_FILE,
		   TARGET_CERT, TARGET__COUNT };
extern const char *const target_names[TARGET__COUNT];

/* A declarative condition on one effective setting. */
enum cond_op {
	COND_NONE,   /* no declarative condition (a C check or built-in) */
	COND_EQUALS, /* effective value equals operand, per the setting's type */
	COND_MATCH,  /* effective value matches the regex */
	COND_ABSENT  /* the setting is never assigned */
};

struct regex;
struct check; /* rules/checks.h */

struct rule {
	char *id;      /* owned; "PGT101" */
	char *name;    /* owned; "ssl-disabled" */
	enum severity severity;
	enum rule_target target;
	char *summary; /* owned; one line */
	char *message; /* owned; template with {setting} and {value}, or NULL */
	char *why;     /* owned or NULL */
	char *fix;     /* owned or NULL */
	char *example_bad;  /* owned or NULL */
	char *example_good; /* owned or NULL */
	char *help_uri;     /* owned or NULL */
	char **tags;        /* owned, each owned */
	size_t ntags;
	char *security_severity; /* owned or NULL; "0.0".."10.0" */
	int enabled;             /* on unless the file or the user says off */
	int builtin;             /* reported by a parser, not by matching */

	/* condition */
	char *setting;      /* owned; lowercase setting name, or NULL */
	enum cond_op op;
	char *operand;      /* owned; for COND_EQUALS */
	char *replace_with; /* owned or NULL; the fix for a set value */
	char *pattern;      /* owned; for COND_MATCH, as written */
	struct regex *re;   /* owned; for COND_MATCH, compiled */
	const struct check *check; /* borrowed from the static registry */

	char *origin;  /* owned; file the rule came from, for messages */
};

#endif
