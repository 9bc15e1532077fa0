/* SPDX-License-Identifier: MIT */
/* checks_client.h — rules over a client connection's verdict (PGT3xx). */
#ifndef PGT_CHECKS_CLIENT_H
#define PGT_CHECKS_CLIENT_H

#include "checks.h"

void check_client_outcome(struct check_ctx *ctx, const struct rule *r,
			  const struct client_fact *f,
			  const struct client_verdict *v);
void check_client_no_verify(struct check_ctx *ctx, const struct rule *r,
			    const struct client_fact *f,
			    const struct client_verdict *v);
void check_client_floor(struct check_ctx *ctx, const struct rule *r,
			const struct client_fact *f,
			const struct client_verdict *v);
void check_client_implicit_root(struct check_ctx *ctx, const struct rule *r,
				const struct client_fact *f,
				const struct client_verdict *v);
void check_client_password(struct check_ctx *ctx, const struct rule *r,
			   const struct client_fact *f,
			   const struct client_verdict *v);
void check_client_ambiguous(struct check_ctx *ctx, const struct rule *r,
			    const struct client_fact *f,
			    const struct client_verdict *v);

#endif
