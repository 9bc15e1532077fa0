/* SPDX-License-Identifier: MIT */
/* explain_cert.c — a certificate or key file described for --explain-cert. */
#include "explain_cert.h"

#include "../model/cert_host.h"

static void
put_names(struct buf *out, const struct cert *c)
{
	size_t i;

	buf_adds(out, "  names:     ");
	if (!c->ndns && !c->nips)
		buf_addf(out, "no subjectAltName%s",
			 c->common_name ? " (clients that read the CN use it)"
					: "");
	for (i = 0; i < c->ndns; i++)
		buf_addf(out, "%sDNS:%s", i ? ", " : "", c->dns[i]);
	for (i = 0; i < c->nips; i++) {
		char ip[64];

		cert_ip_format(&c->ips[i], ip, sizeof(ip));
		buf_addf(out, "%sIP:%s", i || c->ndns ? ", " : "", ip);
	}
	buf_addch(out, '\n');
}

static void
put_validity(struct buf *out, const struct cert *c, int64_t now, int warn_days)
{
	char from[11], to[11];

	cert_format_date(c->not_before, from);
	cert_format_date(c->not_after, to);
	buf_addf(out, "  valid:     %s to %s: ", from, to);
	if (c->not_after <= now)
		buf_adds(out, "expired\n");
	else if (c->not_before > now)
		buf_adds(out, "not valid yet\n");
	else if (c->not_after <= now + (int64_t)warn_days * 86400)
		buf_addf(out, "expires in %lld days\n",
			 (long long)((c->not_after - now + 86399) / 86400));
	else
		buf_adds(out, "valid\n");
}

void
explain_cert(struct buf *out, const char *path, const struct cert_file *cf,
	     int64_t now, int warn_days)
{
	size_t i;

	for (i = 0; i < cf->ncerts; i++) {
		const struct cert *c = &cf->certs[i];

		buf_addf(out, "%s: certificate %zu of %zu\n", path, i + 1,
			 cf->ncerts);
		buf_addf(out, "  subject:   %s\n", c->subject);
		put_names(out, c);
		buf_addf(out, "  issuer:    %s%s\n", c->issuer,
			 c->self_signed ? " (self-signed)" : "");
		put_validity(out, c, now, warn_days);
		buf_addf(out, "  key:       %s %d bits%s%s\n",
			 c->key_type ? c->key_type : "unknown", c->key_bits,
			 c->curve ? ", " : "", c->curve ? c->curve : "");
		buf_addf(out, "  signature: %s%s\n", c->signature,
			 c->weak_digest ? " (a broken digest)" : "");
		buf_addf(out, "  CA:        %s\n", c->is_ca ? "yes" : "no");
	}
	for (i = 0; i < cf->nkeys; i++) {
		const struct cert_key *k = &cf->keys[i];

		buf_addf(out, "%s: private key %zu of %zu: %s", path, i + 1,
			 cf->nkeys, k->format);
		if (k->encrypted)
			buf_adds(out, ", encrypted\n");
		else if (k->key_type)
			buf_addf(out, ", %s %d bits, not encrypted\n",
				 k->key_type, k->key_bits);
		else
			buf_adds(out, ", not encrypted\n");
	}
	for (i = 0; i < cf->ncrls; i++) {
		char from[11], to[11];

		cert_format_date(cf->crls[i].last_update, from);
		cert_format_date(cf->crls[i].next_update, to);
		buf_addf(out,
			 "%s: CRL %zu of %zu from %s, issued %s, next %s\n",
			 path, i + 1, cf->ncrls, cf->crls[i].issuer, from,
			 cf->crls[i].next_update ? to : "(none)");
	}
	if (cf->problem)
		buf_addf(out, "%s: %s\n", path, cf->problem);
	if (cf->mode.known)
		buf_addf(out, "%s: mode %04o, owner uid %lu\n", path,
			 cf->mode.mode, cf->mode.uid);
}
