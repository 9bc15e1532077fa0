/* SPDX-License-Identifier: MIT */
/*
 * test_lint_queue.c — files linted by worker threads while the walk goes
 * on: each file's result once, in the order added, whatever the number of
 * threads; a file that needs the servers' certificates before they are
 * read is linted again with them.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lint_queue.h"
#include "model/cert.h"
#include "tests.h"
#include "util/xalloc.h"

#define FILES 60

struct fake {
	atomic_int calls[FILES];
	atomic_int pending_calls; /* calls made before the certificates */
};

static const struct server_certs servers; /* none: only its address */
#define CERTS (&servers)

/* A file's "result": a note saying whether it had the certificates.
 * Files whose number is a multiple of 3 hold a client that needs them. */
static int
fake_lint(void *arg, const struct walk_entry *e, const struct scope *sc,
	  const struct server_certs *certs, struct file_result *out)
{
	struct fake *f = arg;
	int n = atoi(e->path);

	(void)sc;
	atomic_fetch_add(&f->calls[n], 1);
	if (!certs)
		atomic_fetch_add(&f->pending_calls, 1);
	out->files = 1;
	diags_add(&out->diags, e->path, 0,
		  xstrdup(certs == CERTS ? "certs" : "pending"));
	return !certs && n % 3 == 0;
}

static void
run_queue(int jobs, int wait_for_first)
{
	static char names[FILES][8];
	struct fake f;
	struct lint_queue q;
	struct findings findings = {0};
	struct diags diags = {0};
	struct suppressions markers = {0};
	size_t files = 0, i;

	memset(&f, 0, sizeof(f));
	lint_queue_init(&q, jobs, fake_lint, &f);
	for (i = 0; i < FILES; i++) {
		struct walk_entry e = {names[i], FILE_JS, 0};

		snprintf(names[i], sizeof(names[i]), "%zu", i);
		lint_queue_add(&q, &e, NULL);
		/* a thread has taken file 0 before the certificates are
		 * read: it must put it back */
		while (wait_for_first && i == 1 &&
		       !atomic_load(&f.calls[0])) {
			struct timespec ms = {0, 1000000};

			nanosleep(&ms, NULL);
		}
	}
	lint_queue_close(&q, CERTS);
	lint_queue_finish(&q, &findings, &diags, &markers, &files);
	ck_assert_uint_eq(files, FILES);
	ck_assert_uint_eq(diags.nr, FILES);
	for (i = 0; i < FILES; i++) {
		ck_assert_str_eq(diags.v[i].path, names[i]);
		if (i % 3 == 0)
			ck_assert_str_eq(diags.v[i].message, "certs");
		/* once, or twice when put back */
		ck_assert_int_le(atomic_load(&f.calls[i]), 2);
	}
	if (wait_for_first) {
		ck_assert_int_eq(atomic_load(&f.calls[0]), 2);
		ck_assert_int_ge(atomic_load(&f.pending_calls), 1);
	}
	if (jobs == 1) /* no thread: everything after the certificates */
		ck_assert_int_eq(atomic_load(&f.pending_calls), 0);
	diags_release(&diags);
	findings_release(&findings);
	suppress_release(&markers);
}

START_TEST(test_queue_one_job)
{
	run_queue(1, 0);
}
END_TEST

START_TEST(test_queue_threads)
{
	run_queue(2, 1);
	run_queue(4, 1);
	run_queue(8, 0);
}
END_TEST

Suite *
suite_lint_queue(void)
{
	Suite *s = suite_create("lint_queue");
	TCase *tc = tcase_create("queue");

	tcase_add_test(tc, test_queue_one_job);
	tcase_add_test(tc, test_queue_threads);
	suite_add_tcase(s, tc);
	return s;
}
