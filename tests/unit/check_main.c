/* SPDX-License-Identifier: MIT */
/*
 * check_main.c — runs every unit suite. Narrow a run with CK_RUN_SUITE or
 * CK_RUN_CASE; set CK_FORK=no to debug under gdb.
 */
#include <stdlib.h>

#include "tests.h"

int
main(void)
{
	SRunner *sr = srunner_create(suite_pgconf());
	int failed;

	srunner_add_suite(sr, suite_cert());
	srunner_add_suite(sr, suite_client());
	srunner_add_suite(sr, suite_eval());
	srunner_add_suite(sr, suite_formats());
	srunner_add_suite(sr, suite_guc());
	srunner_add_suite(sr, suite_hba());
	srunner_add_suite(sr, suite_hba_index());
	srunner_add_suite(sr, suite_lexer());
	srunner_add_suite(sr, suite_lint_queue());
	srunner_add_suite(sr, suite_lsp());
	srunner_add_suite(sr, suite_server());
	srunner_add_suite(sr, suite_ruleset());
	srunner_add_suite(sr, suite_secrets());
	srunner_add_suite(sr, suite_util());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
