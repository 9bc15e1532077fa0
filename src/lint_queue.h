/* SPDX-License-Identifier: MIT */
/*
 * lint_queue.h — the carrier and source files of a run, linted by worker
 * threads from the moment the walk finds them, while the calling thread
 * goes on walking and then reads the servers' configurations and
 * certificates. Only a client's check against the servers' certificates
 * (PGT404) needs those: a file that holds such a client while they are
 * not read yet is put back, and linted again once they are. The results
 * are merged in the order the files were added, so the report is the
 * same for any number of threads.
 */
#ifndef PGT_LINT_QUEUE_H
#define PGT_LINT_QUEUE_H

#include <pthread.h>
#include <stddef.h>

#include "cli.h"
#include "diag.h"
#include "finding.h"
#include "rules/suppress.h"
#include "walk.h"

struct scope;
struct server_certs;

/* What linting one file gives. */
struct file_result {
	struct findings findings;
	struct diags diags;
	struct suppressions markers;
	size_t files;
};

/*
 * Lints walk entry e under scope sc into out (zeroed by the caller).
 * certs: the servers' certificates, or NULL while they are not read yet;
 * then returns nonzero when a client of the file needs them (out holds
 * what is to be thrown away), else 0.
 */
typedef int (*lint_file_fn)(void *arg, const struct walk_entry *e,
			    const struct scope *sc,
			    const struct server_certs *certs,
			    struct file_result *out);

struct lint_queue {
	lint_file_fn lint;
	void *arg;
	struct queued_file {
		struct walk_entry entry; /* borrowed path */
		const struct scope *sc;
		struct file_result *result; /* owned; NULL: nothing */
	} *v;			      /* owned */
	size_t nr, alloc, next, files;
	size_t *redo; /* owned; files to lint again with the certificates */
	size_t nredo, redo_alloc, redo_next;
	const struct server_certs *certs; /* borrowed, once closed */
	int closed;			  /* no more files; certs read */
	size_t jobs, started;
	pthread_mutex_t lock;
	pthread_cond_t changed; /* a file added, or the queue closed */
	pthread_t threads[MAX_JOBS];
};

/* Prepares q; threads start as files come, up to jobs - 1 of them. */
void lint_queue_init(struct lint_queue *q, int jobs, lint_file_fn lint,
		     void *arg);

/* Adds walk entry e (its path borrowed until lint_queue_finish). */
void lint_queue_add(struct lint_queue *q, const struct walk_entry *e,
		    const struct scope *sc);

/* No more files come; certs are the servers' certificates. */
void lint_queue_close(struct lint_queue *q, const struct server_certs *certs);

/* After lint_queue_close: works with the threads until every file is
 * linted, joins them, and moves the results, in the order the files were
 * added, to the ends of findings, diags and markers; adds the files read
 * to *files. Releases q. */
void lint_queue_finish(struct lint_queue *q, struct findings *findings,
		       struct diags *diags, struct suppressions *markers,
		       size_t *files);

#endif
