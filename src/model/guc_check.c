/* SPDX-License-Identifier: MIT */
/*
 * guc_check.c — what PostgreSQL checks of a postgresql.conf line before it
 * applies it: that the name exists in the release (find_option and
 * valid_custom_variable_name) and that a number parses with its unit
 * (parse_int, parse_real, convert_to_base_unit). Sources:
 * src/backend/utils/misc/guc.c of REL_12 to REL_17 (the unit tables and
 * the three parsers are identical in all six) and guc-file.l's
 * ProcessConfigFileInternal, which refuses the file for an unknown name.
 */
#include "guc.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* map_old_guc_names in guc.c, the same in 12-17. */
static const char *const old_names[][2] = {
	{"sort_mem", "work_mem"},
	{"vacuum_mem", "maintenance_work_mem"},
};

static int
in_range(int version)
{
	return version >= GUC_NAMES_FIRST && version <= GUC_NAMES_LAST;
}

/* The first row of name (rows are sorted by name), or guc_names_count. */
static size_t
first_row(const char *name)
{
	size_t lo = 0, hi = guc_names_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(guc_names[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct guc_name *
guc_name_find(const char *name, int version)
{
	size_t i;

	for (i = 0; i < sizeof(old_names) / sizeof(old_names[0]); i++)
		if (!strcmp(name, old_names[i][0]))
			name = old_names[i][1];
	for (i = first_row(name);
	     i < guc_names_count && !strcmp(guc_names[i].name, name); i++)
		if (!in_range(version) ||
		    guc_names[i].versions & (1u << (version - GUC_NAMES_FIRST)))
			return &guc_names[i];
	return NULL;
}

int
guc_name_is_custom(const char *name, int version)
{
	int saw_dot = 0, start = 1;
	const unsigned char *p;

	if (version < 15)
		return strchr(name, '.') != NULL;
	for (p = (const unsigned char *)name; *p; p++) {
		if (*p == '.') {
			if (start)
				return 0; /* an empty component */
			saw_dot = 1;
			start = 1;
		} else if (isalpha(*p) || *p == '_' || *p >= 0x80) {
			start = 0;
		} else if (start || !(isdigit(*p) || *p == '$')) {
			return 0;
		}
	}
	return saw_dot && !start;
}

/* Levenshtein distance, capped: anything above cap is cap + 1. */
static size_t
distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[64];

	if (lb >= sizeof(row) / sizeof(row[0]) ||
	    (la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0], best;

		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);

			if (row[j] + 1 < v)
				v = row[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
	}
	return row[lb] > cap ? cap + 1 : row[lb];
}

void
guc_name_explain(const char *name, int version, int *removed_in,
		 int *added_in, const char **nearest)
{
	unsigned any = 0;
	size_t i, best, cap = strlen(name) >= 12 ? 3 : 2;
	int v;

	*removed_in = *added_in = 0;
	*nearest = NULL;
	for (i = first_row(name);
	     i < guc_names_count && !strcmp(guc_names[i].name, name); i++)
		any |= guc_names[i].versions;
	if (any && in_range(version)) {
		for (v = version; v > GUC_NAMES_FIRST; v--)
			if (any & (1u << (v - 1 - GUC_NAMES_FIRST))) {
				*removed_in = v;
				break;
			}
		for (v = version + 1; !*removed_in && v <= GUC_NAMES_LAST; v++)
			if (any & (1u << (v - GUC_NAMES_FIRST))) {
				*added_in = v;
				break;
			}
	}
	best = cap + 1;
	for (i = 0; i < guc_names_count; i++) {
		size_t d;

		if (!in_range(version) ||
		    !(guc_names[i].versions &
		      (1u << (version - GUC_NAMES_FIRST))) ||
		    guc_names[i].internal)
			continue;
		d = distance(name, guc_names[i].name, cap);
		if (d < best) {
			best = d;
			*nearest = guc_names[i].name;
		}
	}
}

/* convert_to_base_unit's tables, as the size of each unit in the class's
 * smallest measure (bytes, milliseconds), largest first; BLCKSZ and
 * XLOG_BLCKSZ are the default 8192 (pg_config.h). */
struct unit {
	const char *name;
	double size;
};

static const struct unit memory_units[] = {
	{"TB", 1099511627776.0}, {"GB", 1073741824.0}, {"MB", 1048576.0},
	{"kB", 1024.0}, {"B", 1.0}, {NULL, 0}};
static const struct unit time_units[] = {
	{"d", 86400000.0}, {"h", 3600000.0}, {"min", 60000.0}, {"s", 1000.0},
	{"ms", 1.0}, {"us", 0.001}, {NULL, 0}};

/* The size of the parameter's own unit, in the same measure. */
static double
class_size(unsigned unit_class)
{
	switch (unit_class) {
	case GUC_UNIT_CLASS_KB: return 1024.0;
	case GUC_UNIT_CLASS_BLOCKS:
	case GUC_UNIT_CLASS_XBLOCKS: return 8192.0;
	case GUC_UNIT_CLASS_MB: return 1048576.0;
	case GUC_UNIT_CLASS_S: return 1000.0;
	case GUC_UNIT_CLASS_MIN: return 60000.0;
	default: return 1.0; /* BYTE, MS */
	}
}

/* convert_to_base_unit: 0 when the unit is not one of the class's. */
static int
to_base_unit(unsigned unit_class, const char *unit, size_t len, double *val)
{
	const struct unit *t =
	    unit_class <= GUC_UNIT_CLASS_BYTE ? memory_units : time_units;
	double base = class_size(unit_class);

	for (; t->name; t++) {
		if (strlen(t->name) != len || memcmp(t->name, unit, len))
			continue;
		*val = *val * t->size / base;
		/* "30.1GB" rounds to a multiple of the next smaller unit */
		if (t[1].name)
			*val = rint(*val / (t[1].size / base)) *
			       (t[1].size / base);
		return 1;
	}
	return 0;
}

#define MAX_UNIT_LEN 3 /* guc.c */

const char *
guc_number_problem(const struct guc_name *g, const char *value)
{
	const char *hint = g->unit <= GUC_UNIT_CLASS_BYTE
			       ? "valid units for this parameter are \"B\", "
				 "\"kB\", \"MB\", \"GB\", and \"TB\""
			       : "valid units for this parameter are \"us\", "
				 "\"ms\", \"s\", \"min\", \"h\", and \"d\"";
	char *end;
	double val;
	size_t len;

	errno = 0;
	if (g->type == GUC_NAME_INT) {
		val = (double)strtol(value, &end, 0);
		if (*end == '.' || *end == 'e' || *end == 'E' ||
		    errno == ERANGE) {
			errno = 0;
			val = strtod(value, &end);
		}
	} else {
		val = strtod(value, &end);
	}
	if (end == value || errno == ERANGE || isnan(val))
		return "not a number";
	while (isspace((unsigned char)*end))
		end++;
	if (*end) {
		const char *unit = end;

		if (g->unit == GUC_UNIT_CLASS_NONE)
			return "this parameter takes no unit";
		len = 0;
		while (unit[len] && !isspace((unsigned char)unit[len]) &&
		       len < MAX_UNIT_LEN)
			len++;
		end = (char *)unit + len;
		while (isspace((unsigned char)*end))
			end++;
		if (*end || !to_base_unit(g->unit, unit, len, &val))
			return hint;
	}
	if (g->type == GUC_NAME_INT &&
	    (rint(val) > INT_MAX || rint(val) < INT_MIN))
		return "value exceeds integer range";
	return NULL;
}
