/* SPDX-License-Identifier: MIT */
/* tests.h — every unit suite, added to the runner by check_main.c. */
#ifndef PGT_TESTS_H
#define PGT_TESTS_H

#include <check.h>

Suite *suite_pgconf(void);
Suite *suite_cert(void);
Suite *suite_client(void);
Suite *suite_eval(void);
Suite *suite_formats(void);
Suite *suite_guc(void);
Suite *suite_hba(void);
Suite *suite_hba_index(void);
Suite *suite_lexer(void);
Suite *suite_lint_queue(void);
Suite *suite_lsp(void);
Suite *suite_server(void);
Suite *suite_ruleset(void);
Suite *suite_secrets(void);
Suite *suite_util(void);

#endif
