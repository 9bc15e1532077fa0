/* SPDX-License-Identifier: MIT */
/*
 * guc.h — what we know about server settings: type, accepted values and
 * boot default per PostgreSQL major version.
 *
 * Only settings that rules judge are typed here; any other name is an
 * untyped string (compared case-insensitively by declarative rules).
 */
#ifndef PGT_GUC_H
#define PGT_GUC_H

#include <stddef.h>

enum guc_type { GUC_BOOL, GUC_ENUM, GUC_STRING };

struct guc_enum_value {
	const char *name;      /* as accepted (case-insensitive) */
	const char *canonical; /* what the server shows for it */
};

struct guc_def {
	const char *name;
	enum guc_type type;
	int since;               /* first major version that has it */
	const char *def;         /* boot default from changed_in on */
	int changed_in;          /* 0, or the version whose default is def */
	const char *def_before;  /* boot default before changed_in */
	const struct guc_enum_value *values;  /* GUC_ENUM; NULL-terminated */
	int aliases_until;       /* last version accepting values[] entries
				    whose canonical differs from name */
};

/* The definition of name (lowercase) for version, or NULL if untyped. */
const struct guc_def *guc_find(const char *name, int version);

/* The boot default of def on version. */
const char *guc_default(const struct guc_def *def, int version);

/*
 * PostgreSQL's parse_bool_with_len (src/backend/utils/adt/bool.c):
 * case-insensitive unique prefixes of true/false/yes/no, "on"/"off" with at
 * least two letters, and "1"/"0". Returns 1 and sets *out, or 0 if invalid.
 */
int guc_parse_bool(const char *s, size_t len, int *out);

/*
 * Canonical spelling of value for def on version: "on"/"off" for booleans,
 * the enum entry's canonical name, or value itself for strings. Returns
 * NULL when PostgreSQL would reject the value.
 */
const char *guc_canonical(const struct guc_def *def, int version,
			  const char *value, size_t len);

/* The i-th typed setting (in name order), or NULL past the end. */
const struct guc_def *guc_at(size_t i);

/* True when name (lowercase) is a PostgreSQL 15 parameter name. */
int guc_is_known_name(const char *name);

#endif
