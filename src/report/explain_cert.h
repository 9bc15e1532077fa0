/* SPDX-License-Identifier: MIT */
/* explain_cert.h — --explain-cert: what a certificate or key file holds. */
#ifndef PGT_EXPLAIN_CERT_H
#define PGT_EXPLAIN_CERT_H

#include <stdint.h>

#include "../model/cert.h"
#include "../util/buf.h"

/*
 * Appends to out, as text, each certificate of cf (subject, names,
 * issuer, validity judged at now with warn_days of warning, key,
 * signature) and each key (type, size, format, encrypted or not; never
 * its bytes), then the file's mode.
 */
void explain_cert(struct buf *out, const char *path, const struct cert_file *cf,
		  int64_t now, int warn_days);

#endif
