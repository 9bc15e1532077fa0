/* SPDX-License-Identifier: MIT */
/*
 * scan_py_frameworks.h — Python frameworks that hand settings to a
 * PostgreSQL driver: Django's DATABASES, dj-database-url, SQLAlchemy's
 * URL.create and Flask-SQLAlchemy's configuration.
 */
#ifndef PGT_SCAN_PY_FRAMEWORKS_H
#define PGT_SCAN_PY_FRAMEWORKS_H

#include "../model/client.h"
#include "../model/facts.h"
#include "eval.h"

/* From scan_py.c: keyword argument name=value at token v into args (1 for
 * sslmode), and a dict of them at v (1 when it sets sslmode, -1 when it is
 * not a dict we can read). */
int py_add_keyword(struct fact_ctx *fx, struct client_fact *args,
		   struct eval *ev, const char *name, size_t v, int driver);
int py_add_dict(struct fact_ctx *fx, struct client_fact *args,
		struct eval *ev, size_t v, int driver);

/* The framework configurations of the file ev reads. */
void py_judge_frameworks(struct fact_ctx *fx, struct eval *ev);

#endif
