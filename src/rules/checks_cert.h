/* SPDX-License-Identifier: MIT */
/* checks_cert.h — C checks over certificate and key files (PGT401-PGT406). */
#ifndef PGT_CHECKS_CERT_H
#define PGT_CHECKS_CERT_H

#include "checks.h"

void check_server_key_permissions(struct check_ctx *ctx, const struct rule *r,
				  const struct source *src,
				  const struct cert_file *cf,
				  const struct cert_role *role);
void check_cert_expired(struct check_ctx *ctx, const struct rule *r,
			const struct source *src, const struct cert_file *cf,
			const struct cert_role *role);
void check_cert_weak(struct check_ctx *ctx, const struct rule *r,
		     const struct source *src, const struct cert_file *cf,
		     const struct cert_role *role);
void check_cert_key_mismatch(struct check_ctx *ctx, const struct rule *r,
			     const struct source *src,
			     const struct cert_file *cf,
			     const struct cert_role *role);
void check_private_key_in_tree(struct check_ctx *ctx, const struct rule *r,
			       const struct source *src,
			       const struct cert_file *cf,
			       const struct cert_role *role);

/* PGT404: a verify-full client whose literal host no server certificate
 * of the run covers. */
void check_client_cert_hostname(struct check_ctx *ctx, const struct rule *r,
				const struct client_fact *f,
				const struct client_verdict *v);

#endif
