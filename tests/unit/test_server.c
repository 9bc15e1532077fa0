/* SPDX-License-Identifier: MIT */
/* test_server.c — effective configuration: last assignment wins, values
 * validated only where PostgreSQL validates them. */
#include <string.h>

#include "model/server.h"
#include "tests.h"

static void
load_text(struct server_config *cfg, const char *text, int version)
{
	struct source src;

	source_from_mem(&src, "mem/postgresql.conf", text, strlen(text));
	server_config_load(cfg, &src, version, 0);
}

START_TEST(test_last_wins)
{
	struct server_config cfg;
	const struct setting *s;

	load_text(&cfg, "ssl = off\nSSL = 'yes'\nport = 5432\n", 16);
	s = server_config_get(&cfg, "ssl");
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->line, 2);
	ck_assert_str_eq(s->canonical, "on");
	ck_assert(cfg.v[0].overridden);
	ck_assert_str_eq(server_config_value(&cfg, "ssl"), "on");
	ck_assert_str_eq(server_config_value(&cfg, "ssl_min_protocol_version"),
			 "TLSv1.2");
	ck_assert_ptr_null(server_config_value(&cfg, "no_such"));
	ck_assert_uint_eq(cfg.nproblems, 0);
	server_config_release(&cfg);
}
END_TEST

START_TEST(test_only_last_value_validated)
{
	struct server_config cfg;

	/* An invalid value that a later line overrides is never validated
	 * (ProcessConfigFileInternal marks it "ignore" first). */
	load_text(&cfg, "ssl = maybe\nssl = on\nssl_ciphers = x\n", 16);
	ck_assert_uint_eq(cfg.nproblems, 0);
	server_config_release(&cfg);
	load_text(&cfg, "ssl = on\nssl = maybe\n", 16);
	ck_assert_uint_eq(cfg.nproblems, 1);
	ck_assert_int_eq(cfg.problems[0].kind, PROBLEM_VALUE);
	ck_assert_uint_eq(cfg.problems[0].line, 2);
	ck_assert_ptr_null(server_config_value(&cfg, "ssl"));
	server_config_release(&cfg);
}
END_TEST

START_TEST(test_missing_relative_include)
{
	struct server_config cfg;

	load_text(&cfg, "include 'nope.conf'\ninclude_if_exists 'nope2.conf'\n"
			"include '/nonexistent-pgtlslint/abs.conf'\n",
		  16);
	ck_assert_uint_eq(cfg.nproblems, 1);
	ck_assert_int_eq(cfg.problems[0].kind, PROBLEM_INCLUDE);
	ck_assert_str_eq(cfg.problems[0].message,
			 "could not open file 'mem/nope.conf'");
	ck_assert_int_eq(cfg.incomplete, 1);
	server_config_release(&cfg);
}
END_TEST

Suite *
suite_server(void)
{
	Suite *s = suite_create("server");
	TCase *tc = tcase_create("effective");

	tcase_add_test(tc, test_last_wins);
	tcase_add_test(tc, test_only_last_value_validated);
	tcase_add_test(tc, test_missing_relative_include);
	suite_add_tcase(s, tc);
	return s;
}
