/* SPDX-License-Identifier: MIT */
/*
 * scan_go.c — from Go tokens to client facts.
 *
 * The driver comes from the file's imports: github.com/jackc/pgx (v4,
 * v5 and their pgxpool, pgconn, stdlib packages) or github.com/lib/pq.
 * sql.Open names its driver itself: "pgx" (and "pgx/v5") is pgx's stdlib,
 * "postgres" is lib/pq (lib/pq conn.go registers "postgres"; pgx
 * stdlib/sql.go registers "pgx" and "pgx/v5"). A file importing neither has no
 * driver context (RULES.md decision 2), and its tls.Config fields do not count
 * (decision 9).
 *
 * What is judged:
 * - every string expression that is a connection string or URL ("a" +
 *   os.Getenv("X") + "b": the call is an unknown part);
 * - tls.Config{InsecureSkipVerify: true} (PGT305; the fix writes false):
 *   crypto/tls then accepts any certificate and any host name;
 * - tls.Config{MinVersion: tls.VersionTLS10 | VersionTLS11 |
 *   VersionSSL30} (PGT306): below TLS 1.2;
 * - config.TLSConfig = nil on a pgx config (PGT301): pgconn's
 *   ConnConfig then connects without TLS. pgx.ParseConfig,
 *   pgxpool.ParseConfig and pgconn.ParseConfig take the DSN string
 *   literals judged above.
 */
#include "scan_go.h"

#include <stdlib.h>
#include <string.h>

#include "../model/client.h"
#include "../util/xalloc.h"
#include "scan_common.h"

/* The driver an import path names, or -1. */
static int
go_import_driver(const char *path)
{
	if (!strncmp(path, "github.com/jackc/pgx", 20) ||
	    !strncmp(path, "github.com/jackc/pgconn", 23))
		return DRIVER_PGX;
	if (!strcmp(path, "github.com/lib/pq"))
		return DRIVER_LIB_PQ;
	return -1;
}

/* The driver the file imports, or -1: import paths are the only string
 * literals that look like these. */
static int
go_driver(const struct tokens *ts)
{
	size_t i;

	for (i = 0; i < ts->nr; i++) {
		char *lit = tok_literal(ts, i);
		int d = lit ? go_import_driver(lit) : -1;

		free(lit);
		if (d >= 0)
			return d;
	}
	return -1;
}

/* sql.Open("pgx" | "postgres", dsn): the DSN string judged with the
 * driver named. */
static void
judge_sql_open(struct fact_ctx *fx, struct tokens *ts, size_t i)
{
	struct client_fact context;
	char *name;
	int d;

	if (!tok_is(ts, i, "Open") || !tok_is(ts, i - 1, ".") ||
	    !tok_is(ts, i - 2, "sql") || !tok_is(ts, i + 1, "(") ||
	    !tok_is(ts, i + 3, ",") || tok_kind(ts, i + 4) != TOK_STRING ||
	    !(name = tok_literal(ts, i + 2)))
		return;
	d = !strcmp(name, "pgx") || !strcmp(name, "pgx/v5") ? DRIVER_PGX
	    : !strcmp(name, "postgres")			    ? DRIVER_LIB_PQ
							    : -1;
	free(name);
	if (d < 0)
		return;
	client_fact_init(&context, (enum driver)d, ts->src, 0, 0,
			 "environment");
	scan_judge_string_at(fx, ts, i + 4, &context);
	client_fact_release(&context);
}

static void
judge_tls_config(struct fact_ctx *fx, const struct tokens *ts, size_t i,
		 int driver)
{
	const struct source *src = ts->src;
	size_t v;

	if ((v = tok_value_of(ts, i, "InsecureSkipVerify")) &&
	    tok_is(ts, v, "true"))
		scan_report_no_verify(fx, ts, v, v, driver,
				      "InsecureSkipVerify: true accepts any "
				      "server certificate",
				      "false");
	/* pgconn config.go: "TLSConfig *tls.Config // nil disables TLS" */
	if (driver == DRIVER_PGX && (v = tok_value_of(ts, i, "TLSConfig")) &&
	    tok_is(ts, v, "nil"))
		facts_add(fx->out, FACT_TLS_OFF, src, tok_begin(ts, i),
			  tok_end(ts, v),
			  DRIVER_PGX, "pgx config never uses TLS: TLSConfig = "
				      "nil disables TLS (pgx)");
	if ((v = tok_value_of(ts, i, "MinVersion")) && tok_is(ts, v, "tls") &&
	    tok_is(ts, v + 1, ".") &&
	    (tok_is(ts, v + 2, "VersionTLS10") ||
	     tok_is(ts, v + 2, "VersionTLS11") ||
	     tok_is(ts, v + 2, "VersionSSL30"))) {
		char *what = xasprintf("tls.Config allows TLS below 1.2: "
				       "MinVersion: tls.%.*s",
				       (int)(tok_end(ts, v + 2) - tok_begin(ts, v + 2)),
				       src->text + tok_begin(ts, v + 2));

		scan_report_weak_floor(fx, ts, v, v + 2, what, "VersionTLS12");
		free(what);
	}
}

void
go_judge_source(struct fact_ctx *fx, const struct source *src)
{
	static const char *const needles[] = {"postgres", "host",   "sslmode",
					      "jackc/pg", "lib/pq", NULL};
	struct tokens ts;
	int driver;
	size_t i;

	if (!facts_worth_reading(fx, src, needles))
		return;
	tokens_read(&ts, src, LEX_GO, 0);
	driver = go_driver(&ts);
	for (i = 2; i + 4 < ts.nr; i++)
		judge_sql_open(fx, &ts, i);
	for (i = 0; driver >= 0 && i < ts.nr; i++)
		judge_tls_config(fx, &ts, i, driver);
	scan_judge_strings(fx, &ts, driver);
	tokens_release(&ts);
}
