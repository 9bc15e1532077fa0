/* SPDX-License-Identifier: MIT */
/* checks_server.h — C checks over a server's effective configuration. */
#ifndef PGT_CHECKS_SERVER_H
#define PGT_CHECKS_SERVER_H

#include "checks.h"

void check_ssl_disabled(struct check_ctx *ctx, const struct rule *r,
			const struct server_config *cfg, int is_root);
void check_ssl_min_protocol(struct check_ctx *ctx, const struct rule *r,
			    const struct server_config *cfg, int is_root);
void check_ssl_max_protocol(struct check_ctx *ctx, const struct rule *r,
			    const struct server_config *cfg, int is_root);
void check_ssl_ciphers(struct check_ctx *ctx, const struct rule *r,
		       const struct server_config *cfg, int is_root);
void check_ssl_ca_unset(struct check_ctx *ctx, const struct rule *r,
			const struct server_config *cfg, int is_root);
void check_ssl_files(struct check_ctx *ctx, const struct rule *r,
		     const struct server_config *cfg, int is_root);

#endif
