/* SPDX-License-Identifier: MIT */
/* test_guc.c — parse_bool semantics, enum values and version defaults. */
#include <string.h>

#include "model/guc.h"
#include "tests.h"

/* src/backend/utils/adt/bool.c parse_bool_with_len, value by value. */
static const struct {
	const char *in;
	int ok, value;
} bools[] = {
	{"on", 1, 1},    {"ON", 1, 1},     {"off", 1, 0},  {"of", 1, 0},
	{"o", 0, 0},     {"onn", 0, 0},    {"offf", 0, 0}, {"t", 1, 1},
	{"tr", 1, 1},    {"TRUE", 1, 1},   {"truex", 0, 0}, {"f", 1, 0},
	{"fals", 1, 0},  {"y", 1, 1},      {"yes", 1, 1},  {"n", 1, 0},
	{"no", 1, 0},    {"1", 1, 1},      {"0", 1, 0},    {"10", 0, 0},
	{"", 0, 0},      {" on", 0, 0},    {"maybe", 0, 0},
};

START_TEST(test_bool)
{
	int v = -1, ok = guc_parse_bool(bools[_i].in, strlen(bools[_i].in), &v);

	ck_assert_msg(ok == bools[_i].ok, "'%s': ok %d", bools[_i].in, ok);
	if (ok)
		ck_assert_int_eq(v, bools[_i].value);
}
END_TEST

START_TEST(test_enum_and_versions)
{
	const struct guc_def *min = guc_find("ssl_min_protocol_version", 16);
	const struct guc_def *max = guc_find("ssl_max_protocol_version", 16);
	const struct guc_def *pe13 = guc_find("password_encryption", 13);

	ck_assert_ptr_nonnull(min);
	ck_assert_str_eq(guc_canonical(min, 16, "tlsv1.2", 7), "TLSv1.2");
	/* The minimum has no "" (PG_TLS_ANY) entry; the maximum does. */
	ck_assert_ptr_null(guc_canonical(min, 16, "", 0));
	ck_assert_str_eq(guc_canonical(max, 16, "", 0), "");
	ck_assert_str_eq(guc_default(min, 12), "TLSv1");
	ck_assert_str_eq(guc_default(min, 13), "TLSv1.2");
	ck_assert_ptr_null(guc_find("ssl_min_protocol_version", 11));
	ck_assert_ptr_null(guc_find("ssl_crl_dir", 13));
	ck_assert_ptr_nonnull(guc_find("ssl_crl_dir", 14));
	/* "on" meant md5 until PostgreSQL 14 removed it. */
	ck_assert_str_eq(guc_canonical(pe13, 13, "on", 2), "md5");
	ck_assert_ptr_null(guc_canonical(pe13, 14, "on", 2));
	ck_assert_str_eq(guc_default(pe13, 13), "md5");
	ck_assert_str_eq(guc_default(pe13, 14), "scram-sha-256");
	ck_assert_ptr_null(guc_find("no_such_setting", 16));
}
END_TEST

START_TEST(test_table_sorted)
{
	const struct guc_def *prev = guc_at(0), *d;
	size_t i;

	/* guc_find bisects: the table must stay in name order. */
	for (i = 1; (d = guc_at(i)); i++) {
		ck_assert_msg(strcmp(prev->name, d->name) < 0, "%s before %s",
			      prev->name, d->name);
		prev = d;
	}
	for (i = 1; i < guc_names_count; i++)
		ck_assert_msg(strcmp(guc_names[i - 1].name,
				     guc_names[i].name) <= 0,
			      "%s before %s", guc_names[i - 1].name,
			      guc_names[i].name);
}
END_TEST

START_TEST(test_names_per_version)
{
	int removed, added;
	const char *nearest;

	ck_assert_ptr_nonnull(guc_name_find("shared_buffers", 12));
	ck_assert_ptr_nonnull(guc_name_find("sort_mem", 17)); /* old alias */
	ck_assert_ptr_null(guc_name_find("ssl_min_protcol_version", 16));
	ck_assert_ptr_nonnull(guc_name_find("stats_temp_directory", 14));
	ck_assert_ptr_null(guc_name_find("stats_temp_directory", 15));
	ck_assert_ptr_null(guc_name_find("summarize_wal", 16));
	ck_assert_ptr_nonnull(guc_name_find("summarize_wal", 17));
	/* out of the table's range: any release's name is taken */
	ck_assert_ptr_nonnull(guc_name_find("stats_temp_directory", 18));
	/* wal_compression was a boolean until 15 made it an enum */
	ck_assert_int_eq(guc_name_find("wal_compression", 14)->type,
			 GUC_NAME_BOOL);
	ck_assert_int_eq(guc_name_find("wal_compression", 15)->type,
			 GUC_NAME_ENUM);
	guc_name_explain("stats_temp_directory", 16, &removed, &added,
			 &nearest);
	ck_assert_int_eq(removed, 15);
	guc_name_explain("summarize_wal", 15, &removed, &added, &nearest);
	ck_assert_int_eq(added, 17);
	guc_name_explain("effective_cash_size", 16, &removed, &added,
			 &nearest);
	ck_assert_int_eq(removed + added, 0);
	ck_assert_str_eq(nearest, "effective_cache_size");
	guc_name_explain("zzzz", 16, &removed, &added, &nearest);
	ck_assert_ptr_null(nearest);
	/* valid_custom_variable_name from 15; any dot before */
	ck_assert(guc_name_is_custom("pg_stat_statements.max", 15));
	ck_assert(guc_name_is_custom("a.b.c", 16));
	ck_assert(!guc_name_is_custom("pg_stat_statements_max", 15));
	ck_assert(!guc_name_is_custom("a.1b", 15));
	ck_assert(guc_name_is_custom("a.1b", 14));
}
END_TEST

/* parse_int/parse_real with units, as guc.c (12-17) has them. */
static const struct {
	const char *name, *value;
	int ok;
} numbers[] = {
	{"shared_buffers", "1GB", 1},
	{"shared_buffers", "1gb", 0},       /* units are case-sensitive */
	{"shared_buffers", "128 MB  ", 1},  /* blanks around the unit */
	{"shared_buffers", "1 G B", 0},
	{"shared_buffers", "0x100", 1},     /* strtol base 0 */
	{"shared_buffers", "30.1GB", 1},
	{"shared_buffers", "100TB", 0},     /* above INT_MAX blocks */
	{"work_mem", "4kb", 0},
	{"work_mem", "4kB", 1},
	{"work_mem", "1e3", 1},             /* strtod after 'e' */
	{"max_connections", "100", 1},
	{"max_connections", "100MB", 0},    /* no unit class */
	{"max_connections", "3000000000", 0},
	{"max_connections", "", 0},
	{"max_connections", "nan", 0},
	{"checkpoint_timeout", "5min", 1},
	{"checkpoint_timeout", "5m", 0},
	{"checkpoint_timeout", "300", 1},
	{"statement_timeout", "250us", 1},
	{"random_page_cost", "1.1", 1},
	{"random_page_cost", "1.1x", 0},
	{"vacuum_cost_delay", "2ms", 1},    /* a real with a time unit */
};

START_TEST(test_number_units)
{
	const struct guc_name *g = guc_name_find(numbers[_i].name, 16);

	ck_assert_ptr_nonnull(g);
	ck_assert_msg((guc_number_problem(g, numbers[_i].value) == NULL) ==
			  numbers[_i].ok,
		      "%s = '%s'", numbers[_i].name, numbers[_i].value);
}
END_TEST

Suite *
suite_guc(void)
{
	Suite *s = suite_create("guc");
	TCase *tc = tcase_create("values");

	tcase_add_loop_test(tc, test_bool, 0,
			    (int)(sizeof(bools) / sizeof(bools[0])));
	tcase_add_test(tc, test_enum_and_versions);
	tcase_add_test(tc, test_table_sorted);
	tcase_add_test(tc, test_names_per_version);
	tcase_add_loop_test(tc, test_number_units, 0,
			    (int)(sizeof(numbers) / sizeof(numbers[0])));
	suite_add_tcase(s, tc);
	return s;
}
