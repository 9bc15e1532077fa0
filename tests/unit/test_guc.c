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
	ck_assert(guc_is_known_name("shared_buffers"));
	ck_assert(guc_is_known_name("ssl"));
	ck_assert(!guc_is_known_name("ssl_min_protcol_version"));
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
	suite_add_tcase(s, tc);
	return s;
}
