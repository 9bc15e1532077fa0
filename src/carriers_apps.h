/* SPDX-License-Identifier: MIT */
/*
 * carriers_apps.h — applications and frameworks whose settings carry a
 * PostgreSQL connection in pieces (Rails database.yml, sequelize-cli
 * config.json, Grafana, postgres_exporter, Keycloak, Quarkus reactive,
 * Spring R2DBC, Flyway, Liquibase, Airflow/Celery): a table of what each
 * key means, every row cited in carriers_apps.c.
 */
#ifndef PGT_CARRIERS_APPS_H
#define PGT_CARRIERS_APPS_H

#include "model/facts.h"
#include "parsers/assign.h"

/* Whether a key named so (its path, in YAML) can matter to apps_judge:
 * the parsers keep it. */
int apps_relevant(const char *name, const char *path);

/* Where a is an application's PostgreSQL password ("'KC_DB_PASSWORD'"),
 * malloc'd; NULL when it is not one. */
char *apps_password_key(const struct source *src,
			const struct assignments *as,
			const struct assignment *a);

/* The driver an application reads a's connection string with
 * (postgres_exporter's DATA_SOURCE_NAME: lib/pq), or -1. */
int apps_string_driver(const struct assignment *a);

/* Bytes before a's value is a connection string: Celery's "db+" before
 * an SQLAlchemy URL (celery/backends/database: result_backend). */
size_t apps_string_skip(const struct assignment *a);

/* a is judged as part of its application's settings (apps_judge), not as
 * a string on its own. */
int apps_owns(const struct source *src, const struct assignments *as,
	      const struct assignment *a);

/* The connections the applications of src build from as. */
void apps_judge(struct fact_ctx *fx, const struct source *src,
		const struct assignments *as);

#endif
