/* SPDX-License-Identifier: MIT */
/*
 * lint_certs.h — the run's certificate and key files: those the walk found
 * and those a server configuration names (ssl_cert_file, ssl_key_file),
 * each read once, with the role a server gives it, and the servers'
 * certificates for the clients that verify them (PGT404).
 *
 * Does NOT judge: the rules (engine_run_cert) do, from what is read here.
 */
#ifndef PGT_LINT_CERTS_H
#define PGT_LINT_CERTS_H

#include <stddef.h>

#include "model/cert.h"
#include "walk.h"

struct cert_entry {
	char *path; /* owned; as walked, or as a server names it */
	char *real; /* owned; its realpath, or NULL */
	const struct walk_entry *walked; /* borrowed; NULL: named only by a
					    server configuration */
	int loaded;			 /* src and cf hold the file */
	struct source src;
	struct cert_file cf;
	struct cert_role role;
};

/* A server's TLS files, resolved beside its postgresql.conf. */
struct cert_server_files {
	const char *conf; /* borrowed; the postgresql.conf as named */
	const char *cert; /* borrowed; ssl_cert_file's path, or NULL */
	const char *key;  /* borrowed; ssl_key_file's path, or NULL */
	const char *ca;	  /* borrowed; ssl_ca_file's path, or NULL */
	const char *crl;  /* borrowed; ssl_crl_file's path, or NULL */
	int pooler;	  /* pgbouncer's: read and judged as files, but no
			     PostgreSQL server reads the key (PGT401, PGT405) */
	int presented;	  /* the certificate is what clients connecting
			     verify (PGT404) */
};

struct cert_store {
	struct cert_entry *v; /* owned */
	size_t nr, alloc;
	struct server_certs servers; /* leaves borrowed from v */
};

/* Reads path into src as a FILE_CERT file; 0, or -1 (reported). */
typedef int (*cert_load_fn)(void *arg, const char *path, struct source *src);

/*
 * Reads every FILE_CERT entry of w and every file a server of sv names
 * that exists, once each (by realpath), sets the roles and collects the
 * servers' certificates. Release with cert_store_release.
 */
void cert_store_build(struct cert_store *st, const struct walk *w,
		      const struct cert_server_files *sv, size_t nsv,
		      cert_load_fn load, void *arg);

void cert_store_release(struct cert_store *st);

struct check_ctx;
struct assignments;
struct pgt_options;

/*
 * The file value names beside configuration file conf (relative to its
 * directory, as PGT110 looks for it); an absolute value only when it lies
 * inside a directory the run lints (the deployed tree itself, as in
 * pgtlslint /etc/postgresql), else NULL; NULL for none. Malloc'd.
 */
char *cert_path_beside(const struct pgt_options *o, const char *conf,
		       const char *value);

/* The TLS files of one side of a pgbouncer.ini. */
struct pooler_files {
	char *conf, *cert, *key, *ca; /* owned */
	int presented; /* client_tls_*: what its clients verify */
};

/*
 * Fills out[0] (client_tls_*) and out[1] (server_tls_*) from the
 * pgbouncer.ini src read from path. Returns pgbouncer_ini_parse's syntax
 * error offset + 1, or 0. The caller frees each string.
 */
size_t pooler_tls_files(const struct pgt_options *o, const char *path,
			const struct source *src, struct pooler_files out[2]);

/*
 * Judges the certificates and keys that YAML or JSON values hold (PGT402,
 * PGT403, PGT406), each reported at its key's line: PEM text anywhere
 * (Helm values, stringData), and the base64 of a Kubernetes TLS Secret's
 * data (tls.crt, tls.key, ca.crt).
 */
void lint_embedded_certs(struct check_ctx *ctx, const struct source *src,
			 const struct assignments *as);

#endif
