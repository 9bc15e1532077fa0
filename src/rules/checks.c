/* SPDX-License-Identifier: MIT */
/* checks.c — the registry of C checks, and how they report. */
#include "checks.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"
#include "checks_cert.h"
#include "checks_client.h"
#include "checks_hba.h"
#include "checks_server.h"

#define SERVER(name, fn) {name, TARGET_PGCONF, fn, NULL, NULL, NULL}
#define HBA(name, fn) {name, TARGET_HBA, NULL, fn, NULL, NULL}
#define CLIENT(name, fn) {name, TARGET_CLIENT, NULL, NULL, fn, NULL}
#define CERT(name, fn) {name, TARGET_CERT, NULL, NULL, NULL, fn}

static const struct check registry[] = {
	CERT("cert_expired", check_cert_expired),
	CERT("cert_key_mismatch", check_cert_key_mismatch),
	CERT("cert_weak", check_cert_weak),
	CLIENT("client_cert_hostname", check_client_cert_hostname),
	CLIENT("client_implicit_root", check_client_implicit_root),
	CLIENT("client_no_verify", check_client_no_verify),
	CLIENT("client_outcome", check_client_outcome),
	CLIENT("client_password", check_client_password),
	CLIENT("client_sslmode_ambiguous", check_client_ambiguous),
	CLIENT("client_tls_floor", check_client_floor),
	HBA("hba_address_broad", check_hba_broad),
	HBA("hba_cert_without_ca", check_hba_cert_without_ca),
	HBA("hba_clientcert_obsolete", check_hba_clientcert_obsolete),
	HBA("hba_host_plaintext", check_hba_host_plaintext),
	HBA("hba_hostnossl", check_hba_hostnossl),
	HBA("hba_hostssl_without_ssl", check_hba_hostssl_without_ssl),
	HBA("hba_md5", check_hba_md5),
	HBA("hba_password", check_hba_password),
	HBA("hba_shadowed", check_hba_shadowed),
	HBA("hba_trust_remote", check_hba_trust_remote),
	CERT("private_key_in_tree", check_private_key_in_tree),
	CERT("server_key_permissions", check_server_key_permissions),
	SERVER("ssl_ca_unset", check_ssl_ca_unset),
	SERVER("ssl_ciphers_weak", check_ssl_ciphers),
	SERVER("ssl_disabled", check_ssl_disabled),
	SERVER("ssl_files_missing", check_ssl_files),
	SERVER("ssl_max_protocol", check_ssl_max_protocol),
	SERVER("ssl_min_protocol", check_ssl_min_protocol),
};

const struct check *
check_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(registry) / sizeof(registry[0]); i++)
		if (!strcmp(registry[i].name, name))
			return &registry[i];
	return NULL;
}

struct finding *
check_emit(struct check_ctx *ctx, const struct rule *r,
	   const struct source *src, size_t begin, size_t end,
	   const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	return findings_add(ctx->out, r, src, begin, end, msg);
}

void
check_fix(struct finding *f, const struct source *src, size_t begin,
	  size_t end, const char *text)
{
	if (f && src)
		finding_set_fix(f, src, begin, end, text);
}

void
check_fix_append(struct finding *f, const struct source *src,
		 const char *line)
{
	char *text;

	if (!f || !src)
		return;
	text = xasprintf("%s%s\n",
			 src->len && src->text[src->len - 1] != '\n' ? "\n" : "",
			 line);
	finding_set_fix(f, src, src->len, src->len, text);
	free(text);
}
