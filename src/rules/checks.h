/* SPDX-License-Identifier: MIT */
/*
 * checks.h — the registry of C checks that rules.d files name with
 * `check:`, for conditions that need analysis rather than a value test.
 */
#ifndef PGT_CHECKS_H
#define PGT_CHECKS_H

#include <stdint.h>

#include "../finding.h"
#include "../util/compat.h"
#include "rule.h"

struct server_config;
struct hba_conf;
struct ruleset;
struct server_certs;

/* What a check may use and where its findings go. */
struct diags;

struct check_ctx {
	const struct ruleset *rules; /* borrowed */
	struct findings *out;	     /* borrowed */
	struct diags *diags;	     /* borrowed; notes about the run */
	int pg_version;
	int no_prefilter;   /* --no-prefilter: lex every file */
	int judge_loopback; /* --judge-loopback: decision 3 off */
	int64_t now;	    /* --now: seconds since 1970 (UTC) */
	int cert_warn_days; /* --cert-warn-days */
	const struct server_certs *server_certs; /* borrowed; PGT404 */
	int certs_pending; /* the servers' certificates are not read yet */
	int needs_certs;   /* set by PGT404 when certs_pending stopped it */
	int list_hosts; /* --explain-cert: report every verify-full host,
			   covered or not */
};

/*
 * A server check judges one effective configuration. is_root: cfg starts
 * at a root postgresql.conf, so absences (a setting never assigned) are
 * meaningful; they are not in a fragment read on its own.
 */
typedef void (*server_check_fn)(struct check_ctx *ctx, const struct rule *r,
				const struct server_config *cfg, int is_root);

/*
 * What a pg_hba.conf check knows of the server that reads the file: the
 * paired postgresql.conf (same directory, or the one whose hba_file names
 * it). Each field is 1, 0, or -1 when unknown (no pair, or not decidable).
 */
struct server_facts {
	int ssl_on;
	int ca_file_set;
	const char *conf_path; /* borrowed; NULL without a pair */
};

typedef void (*hba_check_fn)(struct check_ctx *ctx, const struct rule *r,
			     const struct hba_conf *conf,
			     const struct server_facts *server);

struct client_fact;
struct client_verdict;
typedef void (*client_check_fn)(struct check_ctx *ctx, const struct rule *r,
				const struct client_fact *f,
				const struct client_verdict *v);

struct cert_file;
struct cert_role;
typedef void (*cert_check_fn)(struct check_ctx *ctx, const struct rule *r,
			      const struct source *src,
			      const struct cert_file *cf,
			      const struct cert_role *role);

struct check {
	const char *name;
	enum rule_target target;
	server_check_fn server; /* for TARGET_PGCONF */
	hba_check_fn hba;	/* for TARGET_HBA */
	client_check_fn client; /* for TARGET_CLIENT */
	cert_check_fn cert;	/* for TARGET_CERT */
};

/* The check registered under name, or NULL. */
const struct check *check_find(const char *name);

/*
 * Adds a finding of r at src[begin..end) with a formatted message.
 * Returns it so the caller may change its severity.
 */
struct finding *check_emit(struct check_ctx *ctx, const struct rule *r,
			   const struct source *src, size_t begin, size_t end,
			   const char *fmt, ...) PGT_PRINTF(6, 7);

/* Fix helpers: replace a span, or append a line at the end of src. */
void check_fix(struct finding *f, const struct source *src, size_t begin,
	       size_t end, const char *text);
void check_fix_append(struct finding *f, const struct source *src,
		      const char *line);

#endif
