/* SPDX-License-Identifier: MIT */
/*
 * cert_host.h — whether a server certificate covers the host a client
 * names, as each driver's verify-full check decides it (the rules differ:
 * which names count, wildcards, the subject's CN, IP addresses).
 */
#ifndef PGT_CERT_HOST_H
#define PGT_CERT_HOST_H

#include <stddef.h>

#include "cert.h"

enum host_matcher {
	HOST_MATCH_NONE,   /* a driver whose check we do not model */
	HOST_MATCH_LIBPQ,  /* libpq: fe-secure-openssl.c, fe-secure-common.c */
	HOST_MATCH_PGJDBC, /* pgjdbc's PGjdbcHostnameVerifier */
	HOST_MATCH_GO,	   /* Go's crypto/x509 VerifyHostname (Go 1.15+) */
	HOST_MATCH_NODE,   /* Node's tls.checkServerIdentity */
	HOST_MATCH_PYTHON  /* CPython's ssl over OpenSSL's X509_check_host */
};

/* The check that driver (enum driver) makes. */
enum host_matcher host_matcher_of(int driver);

/*
 * Whether certificate c covers host for matcher how; pg_version is the
 * libpq major version (iPAddress names count from PostgreSQL 15). Returns
 * 1 or 0; HOST_MATCH_NONE always covers (we cannot say it does not).
 */
int cert_host_matches(const struct cert *c, const char *host,
		      enum host_matcher how, int pg_version);

/* An iPAddress name as text ("10.0.0.1", "::1") into out[n]. */
void cert_ip_format(const struct cert_ip *ip, char *out, size_t n);

#endif
