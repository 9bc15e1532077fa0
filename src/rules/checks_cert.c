/* SPDX-License-Identifier: MIT */
/*
 * checks_cert.c — certificates and keys: the file's mode as PostgreSQL
 * checks it, validity, strength, a key that is not its certificate's, a
 * clear private key in the tree, and clients whose verify-full host no
 * server certificate covers.
 */
#include "checks_cert.h"

#include <stdlib.h>
#include <string.h>

#include "../model/cert.h"
#include "../model/cert_host.h"
#include "../model/client.h"
#include "../util/buf.h"
#include "../util/xalloc.h"

/* A certificate as messages name it: its subject, or its place. */
static const char *
cert_name(const struct cert *c)
{
	return c->subject && *c->subject ? c->subject : "(no subject)";
}

/*
 * PostgreSQL's check_ssl_key_file_permissions (src/backend/libpq/
 * be-secure-common.c): the key must be a regular file; owned by root it
 * may be u=rw,g=r (no S_IWGRP, S_IXGRP, S_IRWXO), owned by anyone else
 * (the database user) u=rw (no S_IRWXG, S_IRWXO). libpq applies the same
 * masks to a client's sslkey (fe-secure-openssl.c). Which uid the server
 * runs as is not in the tree: any other owner is taken to be it.
 */
void
check_server_key_permissions(struct check_ctx *ctx, const struct rule *r,
			     const struct source *src,
			     const struct cert_file *cf,
			     const struct cert_role *role)
{
	const struct cert_file_mode *m = &cf->mode;
	unsigned refused;

	if (!role->key_of || !m->known)
		return;
	if (!m->regular) {
		check_emit(ctx, r, src, 0, 0,
			   "server key '%s' is not a regular file: PostgreSQL "
			   "refuses to use it",
			   src->path);
		return;
	}
	refused = m->mode & (m->uid == 0 ? 037u : 077u);
	if (refused)
		check_emit(
		    ctx, r, src, 0, 0,
		    "server key '%s' has mode %04o%s: PostgreSQL "
		    "refuses a key that %s can %s (0600, or 0640 when "
		    "owned by root)",
		    src->path, m->mode, m->uid == 0 ? " (owner root)" : "",
		    refused & 070u
			? (refused & 07u ? "group and others" : "its group")
			: "others",
		    refused & 044u ? "read" : "write or execute");
}

/* A CRL past its nextUpdate fails every chain it is checked for
 * (OpenSSL x509_vfy.c check_crl_time: X509_V_ERR_CRL_HAS_EXPIRED), and
 * PostgreSQL checks every client certificate against ssl_crl_file. */
static void
crls_expired(struct check_ctx *ctx, const struct rule *r,
	     const struct source *src, const struct cert_file *cf, int64_t soon)
{
	size_t i;

	for (i = 0; i < cf->ncrls; i++) {
		const struct cert_crl *c = &cf->crls[i];
		char date[11];
		struct finding *f;

		if (!c->next_update || c->next_update > soon)
			continue;
		cert_format_date(c->next_update, date);
		f = check_emit(ctx, r, src, c->begin, c->begin,
			       "CRL of '%s' %s %s: client certificates it "
			       "covers are refused from then on",
			       c->issuer,
			       c->next_update <= ctx->now ? "expired on"
							  : "expires on",
			       date);
		if (f && c->next_update > ctx->now && f->severity == SEV_ERROR)
			f->severity = SEV_WARNING;
	}
}

void
check_cert_expired(struct check_ctx *ctx, const struct rule *r,
		   const struct source *src, const struct cert_file *cf,
		   const struct cert_role *role)
{
	int64_t soon = ctx->now + (int64_t)ctx->cert_warn_days * 86400;
	size_t i;

	(void)role;
	crls_expired(ctx, r, src, cf, soon);
	for (i = 0; i < cf->ncerts; i++) {
		const struct cert *c = &cf->certs[i];
		char date[11];
		struct finding *f;

		cert_format_date(c->not_after, date);
		if (c->not_after <= ctx->now)
			check_emit(ctx, r, src, c->begin, c->begin,
				   "certificate '%s' expired on %s",
				   cert_name(c), date);
		else if (c->not_after <= soon) {
			f = check_emit(
			    ctx, r, src, c->begin, c->begin,
			    "certificate '%s' expires on %s, in "
			    "%lld days (warned %d days ahead)",
			    cert_name(c), date,
			    (long long)((c->not_after - ctx->now + 86399) /
					86400),
			    ctx->cert_warn_days);
			if (f && f->severity == SEV_ERROR)
				f->severity = SEV_WARNING;
		}
	}
}

/* A key is weak under 2048 bits (RSA, DSA) or 256 bits (EC): OpenSSL's
 * security level 2, Debian's default (SSL_CTX_set_security_level), refuses
 * them in a chain. */
static int
key_weak(const char *type, int bits)
{
	if (!type)
		return 0;
	if (!strcmp(type, "RSA") || !strcmp(type, "RSA-PSS") ||
	    !strcmp(type, "DSA"))
		return bits < 2048;
	if (!strcmp(type, "EC"))
		return bits < 256;
	return 0;
}

/* A self-signed certificate that may not sign others, as a server's
 * ssl_ca_file: OpenSSL's chain check refuses an issuer for which
 * X509_check_ca fails (x509_vfy.c check_chain), so it verifies no client
 * certificate but itself. */
static void
note_leaf_as_ca(struct check_ctx *ctx, const struct rule *r,
		const struct source *src, const struct cert *c,
		const char *conf)
{
	struct finding *f = check_emit(
	    ctx, r, src, c->begin, c->begin,
	    "certificate '%s' is a self-signed leaf (not a CA) used as "
	    "ssl_ca_file (%s): it verifies no client certificate but itself",
	    cert_name(c), conf);

	if (f)
		f->severity = SEV_NOTE;
}

/*
 * A weak key anywhere, and a signature made with a broken digest on any
 * certificate but a self-signed one: a trust anchor's own signature is
 * never checked (RFC 5280 6.1; OpenSSL checks the signature level of
 * every certificate of a chain but its trust anchor, x509_vfy.c).
 */
void
check_cert_weak(struct check_ctx *ctx, const struct rule *r,
		const struct source *src, const struct cert_file *cf,
		const struct cert_role *role)
{
	size_t i;

	for (i = 0; i < cf->ncerts; i++) {
		const struct cert *c = &cf->certs[i];
		struct buf why = BUF_INIT;

		if (role->ca_of && c->self_signed && !c->is_ca)
			note_leaf_as_ca(ctx, r, src, c, role->ca_of);
		if (key_weak(c->key_type, c->key_bits))
			buf_addf(&why, "%s key of %d bits", c->key_type,
				 c->key_bits);
		if (c->weak_digest && !c->self_signed)
			buf_addf(&why, "%s%s signature (%s)",
				 why.len ? ", " : "", c->weak_digest,
				 c->signature);
		if (why.len)
			check_emit(ctx, r, src, c->begin, c->begin,
				   "certificate '%s' is weak: %s", cert_name(c),
				   why.ptr);
		buf_release(&why);
	}
}

/* PostgreSQL loads the first certificate of ssl_cert_file and the key of
 * ssl_key_file, and refuses to start when SSL_CTX_check_private_key finds
 * they do not belong together (be-secure-openssl.c be_tls_init). */
void
check_cert_key_mismatch(struct check_ctx *ctx, const struct rule *r,
			const struct source *src, const struct cert_file *cf,
			const struct cert_role *role)
{
	if (!role->key_of || !role->cert || !role->cert->ncerts || !cf->nkeys)
		return;
	if (cert_key_matches(&role->cert->certs[0], &cf->keys[0]) != 0)
		return;
	check_emit(ctx, r, src, cf->keys[0].begin, cf->keys[0].begin,
		   "server key '%s' does not belong to the certificate "
		   "'%s' of ssl_cert_file '%s' (%s): PostgreSQL refuses to "
		   "start",
		   src->path, cert_name(&role->cert->certs[0]), role->cert_path,
		   role->key_of);
}

void
check_private_key_in_tree(struct check_ctx *ctx, const struct rule *r,
			  const struct source *src, const struct cert_file *cf,
			  const struct cert_role *role)
{
	size_t i;

	/* a deployed machine's key (no repository around it) must be
	 * clear for the server to start without a passphrase command */
	if (!role->in_repository)
		return;
	for (i = 0; i < cf->nkeys; i++) {
		const struct cert_key *k = &cf->keys[i];

		if (k->encrypted)
			continue;
		if (k->key_type)
			check_emit(ctx, r, src, k->begin, k->begin,
				   "unencrypted %s private key (%d bits, %s) "
				   "in the repository",
				   k->key_type, k->key_bits, k->format);
		else
			check_emit(
			    ctx, r, src, k->begin, k->begin,
			    "unencrypted %s private key in the repository",
			    k->format);
	}
}

/* The names a certificate offers, for a message: "DNS:a, IP:10.0.0.1". */
static void
describe_names(struct buf *out, const struct cert *c)
{
	size_t i;

	for (i = 0; i < c->ndns; i++)
		buf_addf(out, "%sDNS:%s", out->len ? ", " : "", c->dns[i]);
	for (i = 0; i < c->nips; i++) {
		char ip[64];

		cert_ip_format(&c->ips[i], ip, sizeof(ip));
		buf_addf(out, "%sIP:%s", out->len ? ", " : "", ip);
	}
	if (!c->has_san && c->common_name)
		buf_addf(out, "%sCN:%s", out->len ? ", " : "", c->common_name);
	if (!out->len)
		buf_adds(out, "no names");
}

/* Each literal host of f that needs TLS (a socket directory does not),
 * checked against every server certificate of the run. */
static void
judge_host(struct check_ctx *ctx, const struct rule *r,
	   const struct client_fact *f, const struct client_param *p,
	   const char *host)
{
	const struct server_certs *sc = ctx->server_certs;
	enum host_matcher how = host_matcher_of(f->driver);
	struct buf names = BUF_INIT;
	size_t i;

	if (how == HOST_MATCH_NONE)
		return; /* a check we do not model: not judged */
	for (i = 0; i < sc->nr; i++)
		if (cert_host_matches(sc->v[i].leaf, host, how,
				      ctx->pg_version)) {
			if (ctx->list_hosts)
				check_emit(ctx, r, f->src,
					   p->exact ? p->begin : f->begin,
					   p->exact ? p->end : f->begin,
					   "verify-full to '%s' (%s): covered",
					   host, driver_names[f->driver]);
			return;
		}
	for (i = 0; i < sc->nr; i++) {
		struct buf one = BUF_INIT;

		describe_names(&one, sc->v[i].leaf);
		buf_addf(&names, "%s'%s' (%s)", i ? "; " : "", sc->v[i].path,
			 one.ptr);
		buf_release(&one);
	}
	check_emit(ctx, r, f->src, p->exact ? p->begin : f->begin,
		   p->exact ? p->end : f->begin,
		   "verify-full to '%s' fails: no server certificate of "
		   "this project covers it as %s matches names: %s",
		   host, driver_names[f->driver], names.ptr);
	buf_release(&names);
}

void
check_client_cert_hostname(struct check_ctx *ctx, const struct rule *r,
			   const struct client_fact *f,
			   const struct client_verdict *v)
{
	const struct client_param *p = client_get(f, "host");
	const char *at, *comma;

	if (v->outcome != OUTCOME_VERIFY_FULL || !p || !p->value ||
	    client_is_placeholder(p->value))
		return;
	if (ctx->certs_pending) {
		ctx->needs_certs = 1; /* the caller comes back with them */
		return;
	}
	if (!ctx->server_certs || !ctx->server_certs->nr)
		return;
	/* libpq's host is a comma-separated list, each tried in turn
	 * (fe-connect.c); a socket directory (/..., @...) has no TLS */
	for (at = p->value; *at; at = comma + 1) {
		char *host;

		comma = strchr(at, ',');
		if (!comma)
			comma = at + strlen(at);
		host = xstrndup(at, (size_t)(comma - at));
		if (*host && *host != '/' && *host != '@')
			judge_host(ctx, r, f, p, host);
		free(host);
		if (!*comma)
			break;
	}
}
