/* SPDX-License-Identifier: MIT */
/* test_server.c — effective configuration: last assignment wins, values
 * validated only where PostgreSQL validates them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	/* the overridden line 1 is dropped as the file is read */
	ck_assert_uint_eq(cfg.nr, 2);
	ck_assert_uint_eq(cfg.v[0].line, 2);
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

/* A file of its own in a fresh directory under /tmp. */
static void
put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void
load_file(struct server_config *cfg, const char *path)
{
	struct source src;
	char *err = NULL;

	ck_assert_int_eq(source_load(&src, path, &err), PGT_OK);
	src.kind = FILE_PGCONF_ROOT;
	server_config_load(cfg, &src, 16, 0);
}

/* A missing relative include is in the tree given, however the root was
 * named: with an absolute path too it is a problem, not "elsewhere". */
START_TEST(test_relative_include_of_an_absolute_root)
{
	char dir[] = "/tmp/pgtlslint-server-XXXXXX", path[600];
	struct server_config cfg;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	put(dir, "postgresql.conf", "ssl = on\ninclude './sub/../nope.conf'\n");
	snprintf(path, sizeof(path), "%s/postgresql.conf", dir);
	load_file(&cfg, path);
	ck_assert_uint_eq(cfg.nproblems, 1);
	ck_assert_int_eq(cfg.incomplete, 0);
	/* the path is made canonical, as canonicalize_path does */
	snprintf(path, sizeof(path), "could not open file '%s/nope.conf'", dir);
	ck_assert_str_eq(cfg.problems[0].message, path);
	server_config_release(&cfg);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

/* One file included a thousand times is read once, and memory holds the
 * names it sets, not a thousand copies of them. */
START_TEST(test_repeated_include)
{
	char dir[] = "/tmp/pgtlslint-server-XXXXXX", path[600];
	struct server_config cfg;
	char *root = malloc(30 * 1000 + 1);
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	root[0] = '\0';
	for (i = 0; i < 1000; i++)
		strcat(root, "include 'common.conf'\n");
	put(dir, "postgresql.conf", root);
	put(dir, "common.conf", "ssl = on\nwork_mem = 4MB\nport = 5433\n");
	snprintf(path, sizeof(path), "%s/postgresql.conf", dir);
	load_file(&cfg, path);
	ck_assert_uint_eq(cfg.nfiles, 2);
	ck_assert_uint_eq(cfg.nr, 3);
	ck_assert_uint_eq(cfg.nproblems, 0);
	ck_assert_str_eq(server_config_value(&cfg, "ssl"), "on");
	server_config_release(&cfg);
	free(root);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

/* ParseConfigDirectory reads no file after one that fails, and a file
 * that includes its own directory fails at once: linear, as in
 * PostgreSQL. */
START_TEST(test_include_dir_stops_at_a_failure)
{
	char dir[] = "/tmp/pgtlslint-server-XXXXXX", path[600];
	struct server_config cfg;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/conf.d", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	put(dir, "postgresql.conf", "include_dir 'conf.d'\n");
	put(path, "01-bad.conf", "ssl = on oops\n");
	put(path, "02-never-read.conf", "work_mem = 'x'\n");
	snprintf(path, sizeof(path), "%s/postgresql.conf", dir);
	load_file(&cfg, path);
	ck_assert_uint_eq(cfg.nfiles, 2);
	ck_assert_uint_eq(cfg.nproblems, 1);
	ck_assert_int_eq(cfg.problems[0].kind, PROBLEM_SYNTAX);
	server_config_release(&cfg);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
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
	tcase_add_test(tc, test_relative_include_of_an_absolute_root);
	tcase_add_test(tc, test_repeated_include);
	tcase_add_test(tc, test_include_dir_stops_at_a_failure);
	suite_add_tcase(s, tc);
	return s;
}
