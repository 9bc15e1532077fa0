/* SPDX-License-Identifier: MIT */
/*
 * client.h — one client connection, whatever wrote it down, and what it
 * really does with its driver: the effective TLS outcome (DESIGN.md).
 *
 * A fact is a list of parameters in libpq's vocabulary (sslmode,
 * sslrootcert, host, hostaddr, password, ssl, sslfactory, ...), each with
 * where its value is written. Rules PGT301-PGT310 read only the verdict.
 */
#ifndef PGT_CLIENT_H
#define PGT_CLIENT_H

#include <stddef.h>

#include "../util/source.h"

enum driver {
	DRIVER_LIBPQ,	    /* libpq: psql, psycopg 2 and 3, pg-native */
	DRIVER_PGJDBC,	    /* org.postgresql:postgresql 42.2.5+ */
	DRIVER_PGX,	    /* jackc/pgx v5 (<= v5.10.0) */
	DRIVER_LIB_PQ,	    /* lib/pq (Go) <= v1.12.3 */
	DRIVER_NODE_PG,	    /* node-postgres pg + pg-connection-string */
	DRIVER_POSTGRES_JS, /* porsager/postgres v3 */
	DRIVER_ASYNCPG,	    /* MagicStack/asyncpg */
	DRIVER_NPGSQL,	    /* Npgsql (.NET) 8+ */
	DRIVER_PRISMA,	    /* Prisma's engine (quaint) */
	DRIVER_R2DBC,	    /* pgjdbc/r2dbc-postgresql */
	DRIVER_BUN,	    /* uptrace/bun pgdriver */
	DRIVER_VERTX,	    /* Vert.x pg client (Quarkus reactive) */
	DRIVER__COUNT
};
extern const char *const driver_names[DRIVER__COUNT];

enum tls_outcome {
	OUTCOME_UNKNOWN,       /* built from values we cannot see */
	OUTCOME_NONE,	       /* never encrypts */
	OUTCOME_OPPORTUNISTIC, /* encrypts if the server agrees, else not */
	OUTCOME_ENCRYPT_ONLY,  /* always encrypts, verifies nothing */
	OUTCOME_VERIFY_CA,     /* chain checked, host name not */
	OUTCOME_VERIFY_FULL    /* chain and host name checked */
};
extern const char *const outcome_names[];

struct client_param {
	char *key;	   /* owned; libpq's keyword */
	char *value;	   /* owned; NULL when not a literal we can see */
	size_t begin, end; /* where the value is written in the source */
	int from_env;	   /* a default from the environment (PGSSLMODE) */
	int exact;	   /* [begin, end) is exactly the value's bytes */
	int in_code;	   /* a program's option (node's ssl: false), not a
			      string's: values are "true", "false",
			      "object" or a string literal's text */
	int origin;	   /* enum value_origin of the value's bytes */
	int overrides;	   /* as a default (client_fact_add_defaults), it
			      wins over the string's own: a keyword
			      argument of psycopg's connect() */
};

struct client_fact {
	enum driver driver;
	int driver_guessed;	  /* no language context: libpq's meaning */
	const struct source *src; /* borrowed */
	size_t begin, end;	  /* the connection as written */
	char *what;		  /* owned; "connection string", "JDBC URL" */
	int host_elsewhere;	  /* a missing host is set elsewhere (an
				     environment), so it is not local */
	struct client_param *v;	  /* owned; later entries win */
	size_t nr, alloc;
};

struct client_verdict {
	enum tls_outcome outcome;
	const struct client_param *cause; /* what decides it; NULL: default */
	char *reason;			  /* owned; e.g. "sslmode=require" */
	int local; /* only loopback hosts or Unix sockets */
	const struct client_param *weak_floor; /* a TLS floor below 1.2 */
	const struct client_param *no_verify;  /* verification switched off */
	const struct client_param *ambiguous;  /* PGT310: node sslmode */
	int implicit_root; /* verify-* trusting ~/.postgresql/root.crt */
};

void client_fact_init(struct client_fact *f, enum driver d,
		      const struct source *src, size_t begin, size_t end,
		      const char *what);
/* Adds key=value (value copied; NULL for unknown). */
struct client_param *client_fact_add(struct client_fact *f, const char *key,
				     const char *value, size_t begin,
				     size_t end);
/* Adds each parameter of defaults whose key f does not set, and each
 * that overrides, after f's own (later entries win). */
void client_fact_add_defaults(struct client_fact *f,
			      const struct client_fact *defaults);
void client_fact_release(struct client_fact *f);
/* asyncpg's reading of an sslmode name: "_" for "-" (connect_utils.py
 * SSLMode.parse); malloc'd. */
char *client_asyncpg_mode(const char *m);

/* r2dbc-postgresql's reading of an sslMode value (SSLMode.fromValue:
 * "verify-full" or "VERIFY_FULL", any case) as libpq's name ("tunnel"
 * too), or NULL when it throws. */
const char *client_r2dbc_mode(const char *m);

const struct client_param *client_get(const struct client_fact *f,
				      const char *key);

/* True for ${VAR}, $VAR, {{ x }}, %(x)s and <placeholder>: no literal. */
int client_is_placeholder(const char *value);

/* Judges f for PostgreSQL (libpq) major version pg_version. */
void client_judge(const struct client_fact *f, int pg_version,
		  struct client_verdict *out);
void client_verdict_release(struct client_verdict *v);

#endif
