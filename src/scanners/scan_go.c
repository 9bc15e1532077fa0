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
#include "../model/conn_string.h"
#include "../util/xalloc.h"
#include "eval.h"
#include "scan_common.h"

/* The driver an import path names, or -1. GORM's PostgreSQL dialector
 * opens its DSN with pgx's stdlib (gorm.io/driver/postgres postgres.go:
 * sql.Open("pgx", dsn)). */
static int
go_import_driver(const char *path)
{
	if (!strncmp(path, "github.com/jackc/pgx", 20) ||
	    !strncmp(path, "github.com/jackc/pgconn", 23) ||
	    !strcmp(path, "gorm.io/driver/postgres"))
		return DRIVER_PGX;
	/* golang-migrate's postgres driver drops its x- parameters and
	 * opens the rest with lib/pq (database/postgres/postgres.go) */
	/* bun's driver (driver/pgdriver/driver.go: sql.Register("pg")) */
	if (!strcmp(path, "github.com/uptrace/bun/driver/pgdriver"))
		return DRIVER_BUN;
	if (!strcmp(path, "github.com/lib/pq") ||
	    !strncmp(path, "github.com/golang-migrate/migrate/v4/database/"
			   "postgres",
		     54))
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

/*
 * The driver entry points whose argument is a connection string of that
 * driver, whatever it looks like (RULES.md decision 12): package,
 * function, the argument's index. pgx v5 pgx/conn.go Connect and
 * ParseConfig, pgxpool/pool.go New and ParseConfig (v4: Connect),
 * pgconn/config.go ParseConfig and pgconn.go Connect; lib/pq
 * connector.go NewConnector, url.go ParseURL; GORM's postgres.Open;
 * golang-migrate's migrate.New(source, databaseURL).
 */
static const struct go_entry {
	const char *pkg, *func;
	int arg, driver;
} go_entries[] = {
    {"pgx", "Connect", 1, DRIVER_PGX},
    {"pgx", "ParseConfig", 0, DRIVER_PGX},
    {"pgxpool", "New", 1, DRIVER_PGX},
    {"pgxpool", "Connect", 1, DRIVER_PGX},
    {"pgxpool", "ParseConfig", 0, DRIVER_PGX},
    {"pgconn", "Connect", 1, DRIVER_PGX},
    {"pgconn", "ParseConfig", 0, DRIVER_PGX},
    {"pq", "NewConnector", 0, DRIVER_LIB_PQ},
    {"pq", "ParseURL", 0, DRIVER_LIB_PQ},
    {"postgres", "Open", 0, DRIVER_PGX},
    {"migrate", "New", 1, DRIVER_LIB_PQ},
    {"pgdriver", "WithDSN", 0, DRIVER_BUN},
};

/* sql.Open and sqlx.Open/Connect name their driver: "pgx" (and
 * "pgx/v5") is pgx's stdlib, "postgres" lib/pq (lib/pq conn.go registers
 * "postgres"; pgx stdlib/sql.go registers "pgx" and "pgx/v5"), "pg" bun's
 * pgdriver. ent.Open and entsql.Open take the same names (ent
 * dialect/sql/driver.go Open: sql.Open(driver, source)). */
static int
sql_open_driver(const struct tokens *ts, size_t name_arg)
{
	char *name = tok_literal(ts, name_arg);
	int d = !name ? -1
		: !strcmp(name, "pgx") || !strcmp(name, "pgx/v5") ? DRIVER_PGX
		: !strcmp(name, "postgres") ? DRIVER_LIB_PQ
		: !strcmp(name, "pg")	    ? DRIVER_BUN
					    : -1;

	free(name);
	return d;
}

/* A driver entry point at token i (the package): the connection
 * argument judged with its driver. */
static void
judge_entry(struct fact_ctx *fx, struct eval *ev, size_t i, int imported)
{
	const struct tokens *ts = ev->ts;
	struct client_fact context;
	size_t k, open = i + 3, arg = 0;
	int d = -1;

	if (tok_kind(ts, i) != TOK_IDENT || !tok_punct(ts, i + 1, '.') ||
	    !tok_punct(ts, open, '(') || (i && tok_punct(ts, i - 1, '.')))
		return;
	if ((tok_is(ts, i, "sql") || tok_is(ts, i, "sqlx") ||
	     tok_is(ts, i, "ent") || tok_is(ts, i, "entsql")) &&
	    (tok_is(ts, i + 2, "Open") || tok_is(ts, i + 2, "Connect") ||
	     tok_is(ts, i + 2, "MustConnect") || tok_is(ts, i + 2, "MustOpen")) &&
	    (arg = tok_call_arg(ts, open, 1)))
		d = sql_open_driver(ts, tok_call_arg(ts, open, 0));
	for (k = 0; d < 0 && k < sizeof(go_entries) / sizeof(go_entries[0]);
	     k++)
		if (tok_is(ts, i, go_entries[k].pkg) &&
		    tok_is(ts, i + 2, go_entries[k].func) && imported >= 0 &&
		    (arg = tok_call_arg(ts, open, (size_t)go_entries[k].arg)))
			d = go_entries[k].driver;
	if (d < 0 || !arg)
		return;
	client_fact_init(&context, (enum driver)d, ts->src, 0, 0,
			 "environment");
	scan_judge_expr(fx, ev, arg, &context, 1);
	client_fact_release(&context);
}

/* cfg.Password = "..." on a parsed config (pgconn.Config.Password), and
 * Password: "..." in a config literal: a password in source. */
static void
judge_password_field(struct fact_ctx *fx, struct eval *ev, size_t i,
		     int driver)
{
	const struct tokens *ts = ev->ts;

	if (!tok_is(ts, i, "Password") ||
	    !((tok_punct(ts, i - 1, '.') && tok_punct(ts, i + 1, '=') &&
	       !tok_punct(ts, i + 2, '=')) ||
	      (tok_punct(ts, i + 1, ':') && !tok_punct(ts, i + 2, '='))))
		return;
	scan_password_expr(fx, ev, i + 2, driver, "the config's Password");
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

/* pgdriver.WithX(argument) at token i: the argument's first token. */
static size_t
bun_option(const struct tokens *ts, size_t i, const char *option)
{
	return tok_is(ts, i, "pgdriver") && tok_punct(ts, i + 1, '.') &&
		       tok_is(ts, i + 2, option) && tok_punct(ts, i + 3, '(')
		   ? i + 4
		   : 0;
}

/*
 * bun's pgdriver.NewConnector(options...), the call's "(" at open
 * (driver/pgdriver/config.go): WithAddr's host, WithPassword, and
 * WithInsecure(true), which drops TLS (the default is TLS without
 * verification: model/client.c judge_bun). A WithDSN is judged as a
 * string; a WithTLSConfig is a tls.Config judged where it is written.
 */
static void
judge_bun_connector(struct fact_ctx *fx, struct eval *ev, size_t open)
{
	const struct tokens *ts = ev->ts;
	size_t close = tok_match(ts, open), k, v;
	struct client_fact f;
	int custom = 0;
	char *lit;

	client_fact_init(&f, DRIVER_BUN, ts->src, tok_begin(ts, open),
			 tok_end(ts, close), "pgdriver.NewConnector options");
	for (k = open + 1; k < close; k++) {
		if ((v = bun_option(ts, k, "WithAddr"))) {
			lit = tok_literal(ts, v);
			if (lit && strchr(lit, ':'))
				*strchr(lit, ':') = '\0';
			tok_add_param(&f, ts, v, "host", lit);
			free(lit);
		} else if ((v = bun_option(ts, k, "WithPassword"))) {
			/* a secret in the source whatever the connection */
			scan_password_expr(fx, ev, v, DRIVER_BUN,
					   "pgdriver.WithPassword");
		} else if ((v = bun_option(ts, k, "WithInsecure"))) {
			struct client_param *p = tok_add_param(
			    &f, ts, v, "sslmode",
			    tok_is(ts, v, "true")    ? "disable"
			    : tok_is(ts, v, "false") ? ""
						     : NULL);
			p->in_code = 1;
		} else if (bun_option(ts, k, "WithDSN") ||
			   bun_option(ts, k, "WithTLSConfig")) {
			custom = 1;
		}
	}
	if (!custom || client_get(&f, "sslmode"))
		conn_args_judge(fx, &f);
	client_fact_release(&f);
}

void
go_judge_source(struct fact_ctx *fx, const struct source *src,
		struct tokens *lexed)
{
	static const char *const needles[] = {
	    "postgres", "host=",  "hostaddr=", "sslmode",
	    "jackc/pg", "lib/pq", "pgdriver",  NULL};
	struct tokens ts;
	struct eval ev;
	int driver;
	size_t i;

	if (!facts_worth_reading(fx, src, needles))
		return;
	tokens_read(&ts, src, LEX_GO, 0);
	eval_init(&ev, &ts);
	driver = go_driver(&ts);
	for (i = 0; i + 4 < ts.nr; i++) {
		judge_entry(fx, &ev, i, driver);
		if (tok_is(&ts, i, "pgdriver") && tok_punct(&ts, i + 1, '.') &&
		    tok_is(&ts, i + 2, "NewConnector") &&
		    tok_punct(&ts, i + 3, '(') && tok_match(&ts, i + 3))
			judge_bun_connector(fx, &ev, i + 3);
	}
	for (i = 1; driver >= 0 && i + 2 < ts.nr; i++) {
		judge_tls_config(fx, &ts, i, driver);
		judge_password_field(fx, &ev, i, driver);
	}
	scan_judge_strings(fx, &ev, driver);
	eval_release(&ev);
	scan_hand_over(&ts, lexed);
}
