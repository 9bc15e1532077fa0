/* SPDX-License-Identifier: MIT */
/* checks_hba.h — C checks over a pg_hba.conf (PGT201-PGT208, PGT210-211). */
#ifndef PGT_CHECKS_HBA_H
#define PGT_CHECKS_HBA_H

#include "checks.h"

void check_hba_host_plaintext(struct check_ctx *ctx, const struct rule *r,
			      const struct hba_conf *conf,
			      const struct server_facts *server);
void check_hba_hostnossl(struct check_ctx *ctx, const struct rule *r,
			 const struct hba_conf *conf,
			 const struct server_facts *server);
void check_hba_trust_remote(struct check_ctx *ctx, const struct rule *r,
			    const struct hba_conf *conf,
			    const struct server_facts *server);
void check_hba_password(struct check_ctx *ctx, const struct rule *r,
			const struct hba_conf *conf,
			const struct server_facts *server);
void check_hba_md5(struct check_ctx *ctx, const struct rule *r,
		   const struct hba_conf *conf,
		   const struct server_facts *server);
void check_hba_broad(struct check_ctx *ctx, const struct rule *r,
		     const struct hba_conf *conf,
		     const struct server_facts *server);
void check_hba_shadowed(struct check_ctx *ctx, const struct rule *r,
			const struct hba_conf *conf,
			const struct server_facts *server);
void check_hba_clientcert_obsolete(struct check_ctx *ctx, const struct rule *r,
				   const struct hba_conf *conf,
				   const struct server_facts *server);
void check_hba_hostssl_without_ssl(struct check_ctx *ctx, const struct rule *r,
				   const struct hba_conf *conf,
				   const struct server_facts *server);
void check_hba_cert_without_ca(struct check_ctx *ctx, const struct rule *r,
			       const struct hba_conf *conf,
			       const struct server_facts *server);

#endif
