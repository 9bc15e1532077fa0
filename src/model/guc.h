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

/*
 * Every parameter name a release accepts (src/model/guc_names.c, generated
 * by tools/gen_guc_names.py from each release's guc tables), with its type
 * and unit: what PostgreSQL checks before it applies a line.
 */
enum guc_name_type {
	GUC_NAME_BOOL, GUC_NAME_INT, GUC_NAME_REAL, GUC_NAME_STRING,
	GUC_NAME_ENUM
};

/* GUC_UNIT_* of guc.h; memory classes first. */
enum guc_unit_class {
	GUC_UNIT_CLASS_NONE, GUC_UNIT_CLASS_KB, GUC_UNIT_CLASS_BLOCKS,
	GUC_UNIT_CLASS_XBLOCKS, GUC_UNIT_CLASS_MB, GUC_UNIT_CLASS_BYTE,
	GUC_UNIT_CLASS_MS, GUC_UNIT_CLASS_S, GUC_UNIT_CLASS_MIN
};

struct guc_name {
	const char *name;       /* lowercase */
	unsigned char versions; /* bit v-12 for each major v that has it */
	unsigned char type;     /* enum guc_name_type */
	unsigned char unit;     /* enum guc_unit_class */
	unsigned char internal; /* PGC_INTERNAL: a file cannot set it */
};

extern const struct guc_name guc_names[];
extern const size_t guc_names_count;

#define GUC_NAMES_FIRST 12
#define GUC_NAMES_LAST 17

/* The row of name (lowercase; the old aliases sort_mem and vacuum_mem
 * resolved) on version, or NULL when that release does not know it.
 * Outside GUC_NAMES_FIRST..LAST: any release's row. */
const struct guc_name *guc_name_find(const char *name, int version);

/* True when name is a custom (extension) name the release accepts
 * without knowing it: valid_custom_variable_name in guc.c from 15, any
 * name with a dot before. */
int guc_name_is_custom(const char *name, int version);

/* For a name version does not know: the first major that dropped it after
 * having it (*removed_in), or that added it later (*added_in), else 0; and
 * the nearest name the version knows (edit distance at most 2, or 3 for
 * names of 12 letters or more), or NULL. */
void guc_name_explain(const char *name, int version, int *removed_in,
		      int *added_in, const char **nearest);

/*
 * parse_int / parse_real of guc.c (identical in 12-17): a number as strtol
 * with base 0 (strtod when it stops at '.', 'e' or 'E'), blanks, then an
 * optional unit, case-sensitive ("kB", "MB", "min", ...), from the table
 * of the parameter's unit class. Returns NULL when the value parses, else
 * why it does not (the server's hint where it has one).
 */
const char *guc_number_problem(const struct guc_name *g, const char *value);

#endif
