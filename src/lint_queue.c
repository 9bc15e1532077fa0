/* SPDX-License-Identifier: MIT */
/* lint_queue.c — files linted by worker threads as the walk finds them
 * (see lint_queue.h). */
#include "lint_queue.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void
lint_queue_init(struct lint_queue *q, int jobs, lint_file_fn lint, void *arg)
{
	memset(q, 0, sizeof(*q));
	q->lint = lint;
	q->arg = arg;
	q->jobs = jobs < 1 ? 1 : jobs > MAX_JOBS ? MAX_JOBS : (size_t)jobs;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->changed, NULL);
}

static void
result_release(struct file_result *r)
{
	findings_release(&r->findings);
	diags_release(&r->diags);
	suppress_release(&r->markers);
}

/* Lints file i; called without the lock, with the certificates as they
 * were when it was taken (NULL: not read yet). */
static void
lint_one(struct lint_queue *q, size_t i, const struct walk_entry *e,
	 const struct scope *sc, const struct server_certs *certs)
{
	struct file_result r;
	int again;

	memset(&r, 0, sizeof(r));
	again = q->lint(q->arg, e, sc, certs, &r);
	if (again) /* thrown away: linted again once they are read */
		result_release(&r);
	pthread_mutex_lock(&q->lock);
	if (again) {
		ALLOC_GROW(q->redo, q->nredo + 1, q->redo_alloc);
		q->redo[q->nredo++] = i;
	} else {
		q->files += r.files;
		if (r.findings.nr || r.diags.nr || r.markers.nr) {
			q->v[i].result = xmalloc(sizeof(r));
			*q->v[i].result = r;
		}
	}
	pthread_mutex_unlock(&q->lock);
}

/* Takes the next file until none is left and the queue is closed, then
 * those to lint again with the certificates. A thread that puts a file
 * back takes it again itself if no other does. */
static void
work(struct lint_queue *q)
{
	pthread_mutex_lock(&q->lock);
	for (;;) {
		struct walk_entry e;
		const struct scope *sc;
		const struct server_certs *certs;
		size_t i;

		while (q->next == q->nr && !q->closed)
			pthread_cond_wait(&q->changed, &q->lock);
		if (q->next < q->nr)
			i = q->next++;
		else if (q->redo_next < q->nredo)
			i = q->redo[q->redo_next++];
		else
			break;
		e = q->v[i].entry;
		sc = q->v[i].sc;
		certs = q->closed ? q->certs : NULL;
		pthread_mutex_unlock(&q->lock);
		lint_one(q, i, &e, sc, certs);
		pthread_mutex_lock(&q->lock);
	}
	pthread_mutex_unlock(&q->lock);
}

static void *
worker(void *arg)
{
	work(arg);
	return NULL;
}

void
lint_queue_add(struct lint_queue *q, const struct walk_entry *e,
	       const struct scope *sc)
{
	pthread_mutex_lock(&q->lock);
	ALLOC_GROW(q->v, q->nr + 1, q->alloc);
	q->v[q->nr].entry = *e;
	q->v[q->nr].sc = sc;
	q->v[q->nr].result = NULL;
	q->nr++;
	pthread_cond_signal(&q->changed);
	pthread_mutex_unlock(&q->lock);
	/* a thread more for each file more, up to jobs - 1: a run of one
	 * file starts none */
	if (q->started + 1 < q->jobs && q->started + 1 < q->nr &&
	    !pthread_create(&q->threads[q->started], NULL, worker, q))
		q->started++;
}

void
lint_queue_close(struct lint_queue *q, const struct server_certs *certs)
{
	pthread_mutex_lock(&q->lock);
	q->certs = certs;
	q->closed = 1;
	pthread_cond_broadcast(&q->changed);
	pthread_mutex_unlock(&q->lock);
}

void
lint_queue_finish(struct lint_queue *q, struct findings *findings,
		  struct diags *diags, struct suppressions *markers,
		  size_t *files)
{
	size_t i;

	work(q);
	for (i = 0; i < q->started; i++)
		pthread_join(q->threads[i], NULL);
	pthread_cond_destroy(&q->changed);
	pthread_mutex_destroy(&q->lock);
	for (i = 0; i < q->nr; i++) {
		struct file_result *r = q->v[i].result;

		if (!r)
			continue;
		ALLOC_APPEND(*findings, r->findings);
		ALLOC_APPEND(*diags, r->diags);
		ALLOC_APPEND(*markers, r->markers);
		free(r);
	}
	*files += q->files;
	free(q->v);
	free(q->redo);
	memset(q, 0, sizeof(*q));
}
