/* SPDX-License-Identifier: MIT */
/*
 * cert.c — certificates and private keys as facts, decoded by libcrypto.
 *
 * Input: a PEM file (RFC 7468 text: any number of
 *   -----BEGIN <label>-----  base64 (optional RFC 1421 headers)
 *   -----END <label>-----
 * blocks, with text between them), or one DER certificate, private key or
 * encrypted PKCS#8 key. This file only finds where each block is, so that
 * a finding names its line; OpenSSL decodes every block (PEM_read_bio, the
 * d2i_* functions). Keys are never decrypted: an encrypted block is known
 * by its label or its Proc-Type header, and no passphrase callback is ever
 * called.
 */
#include "cert.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "../util/xalloc.h"

int64_t
cert_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* H. Hinnant's days_from_civil: March-based years, 400-year eras */
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
cert_format_date(int64_t t, char out[11])
{
	/* the inverse of cert_days_from_civil */
	int64_t z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = yoe + era * 400 + (m <= 2);

	if (y < 0 || y > 9999) {
		memcpy(out, "0000-00-00", 11);
		return;
	}
	snprintf(out, 11, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

int
cert_parse_date(const char *s, int64_t *t)
{
	unsigned y, m, d;
	char end;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return -1;
	*t = cert_days_from_civil(y, m, d) * 86400;
	return 0;
}

static int64_t
asn1_time_seconds(const ASN1_TIME *at)
{
	struct tm tm;

	if (!at || !ASN1_TIME_to_tm(at, &tm))
		return 0;
	return cert_days_from_civil((int64_t)tm.tm_year + 1900,
				    (unsigned)tm.tm_mon + 1,
				    (unsigned)tm.tm_mday) *
		   86400 +
	       (int64_t)tm.tm_hour * 3600 + (int64_t)tm.tm_min * 60 + tm.tm_sec;
}

static char *
name_oneline(const X509_NAME *name)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data, *out;
	long n;

	if (!b)
		return xstrdup("");
	X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253);
	n = BIO_get_mem_data(b, &data);
	out = xstrndup(data, n > 0 ? (size_t)n : 0);
	BIO_free(b);
	return out;
}

/* The DER SubjectPublicKeyInfo of pk, copied into *out. */
static void
public_key_der(EVP_PKEY *pk, unsigned char **out, size_t *len)
{
	unsigned char *der = NULL;
	int n = i2d_PUBKEY(pk, &der);

	*out = NULL;
	*len = 0;
	if (n <= 0)
		return;
	*out = xmalloc((size_t)n);
	memcpy(*out, der, (size_t)n);
	*len = (size_t)n;
	OPENSSL_free(der);
}

static char *
key_type_name(EVP_PKEY *pk)
{
	switch (EVP_PKEY_get_base_id(pk)) {
	case EVP_PKEY_RSA:
		return xstrdup("RSA");
	case EVP_PKEY_RSA_PSS:
		return xstrdup("RSA-PSS");
	case EVP_PKEY_EC:
		return xstrdup("EC");
	case EVP_PKEY_DSA:
		return xstrdup("DSA");
	case EVP_PKEY_ED25519:
		return xstrdup("Ed25519");
	case EVP_PKEY_ED448:
		return xstrdup("Ed448");
	default:
		return xstrdup(EVP_PKEY_get0_type_name(pk)
				   ? EVP_PKEY_get0_type_name(pk)
				   : "unknown");
	}
}

/* The digest of a signature algorithm that collisions have broken. */
static const char *
weak_digest_of(int sig_nid)
{
	int md = NID_undef, pk = NID_undef;

	if (!OBJ_find_sigid_algs(sig_nid, &md, &pk))
		return NULL;
	switch (md) {
	case NID_md2:
		return "MD2";
	case NID_md4:
		return "MD4";
	case NID_md5:
		return "MD5";
	case NID_sha1:
		return "SHA-1";
	default:
		return NULL;
	}
}

static void
read_names(struct cert *c, X509 *x)
{
	const X509_NAME *subj = X509_get_subject_name(x);
	GENERAL_NAMES *gens;
	int i, at;

	/* the subject's first CN: libpq's X509_NAME_get_index_by_NID(...,
	 * NID_commonName, -1) (fe-secure-openssl.c) */
	at = X509_NAME_get_index_by_NID(subj, NID_commonName, -1);
	if (at >= 0) {
		const ASN1_STRING *s =
		    X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subj, at));
		size_t n = (size_t)ASN1_STRING_length(s);
		const char *p = (const char *)ASN1_STRING_get0_data(s);

		c->common_name = xstrndup(p, n);
		c->cn_has_nul = memchr(p, '\0', n) != NULL;
	}
	c->has_san = X509_get_ext_by_NID(x, NID_subject_alt_name, -1) >= 0;
	gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	for (i = 0; gens && i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);

		if (g->type == GEN_DNS) {
			const ASN1_STRING *s = g->d.dNSName;
			size_t n = (size_t)ASN1_STRING_length(s);
			const char *p = (const char *)ASN1_STRING_get0_data(s);

			/* a name with a NUL in it matches no host */
			if (memchr(p, '\0', n))
				continue;
			c->dns =
			    xrealloc(c->dns, (c->ndns + 1) * sizeof(*c->dns));
			c->dns[c->ndns++] = xstrndup(p, n);
		} else if (g->type == GEN_IPADD) {
			const ASN1_STRING *s = g->d.iPAddress;
			size_t n = (size_t)ASN1_STRING_length(s);

			if (n != 4 && n != 16)
				continue;
			c->ips =
			    xrealloc(c->ips, (c->nips + 1) * sizeof(*c->ips));
			memcpy(c->ips[c->nips].addr, ASN1_STRING_get0_data(s),
			       n);
			c->ips[c->nips++].len = n;
		}
	}
	GENERAL_NAMES_free(gens);
}

static void
add_cert(struct cert_file *cf, X509 *x, size_t begin)
{
	struct cert *c;
	EVP_PKEY *pk = X509_get0_pubkey(x);
	int sig = X509_get_signature_nid(x);

	ALLOC_GROW(cf->certs, cf->ncerts + 1, cf->certs_alloc);
	c = &cf->certs[cf->ncerts++];
	memset(c, 0, sizeof(*c));
	c->begin = begin;
	c->subject = name_oneline(X509_get_subject_name(x));
	c->issuer = name_oneline(X509_get_issuer_name(x));
	read_names(c, x);
	c->not_before = asn1_time_seconds(X509_get0_notBefore(x));
	c->not_after = asn1_time_seconds(X509_get0_notAfter(x));
	c->signature = xstrdup(sig != NID_undef ? OBJ_nid2ln(sig) : "unknown");
	c->weak_digest = weak_digest_of(sig);
	/* whether OpenSSL lets it sign others: basicConstraints CA:TRUE,
	 * or a self-signed version 1 certificate (v3_purp.c) */
	c->is_ca = X509_check_ca(x) > 0;
	c->self_signed = X509_self_signed(x, 1) == 1;
	if (pk) {
		char group[80];
		size_t glen = 0;

		c->key_type = key_type_name(pk);
		c->key_bits = EVP_PKEY_get_bits(pk);
		if (EVP_PKEY_get_base_id(pk) == EVP_PKEY_EC &&
		    EVP_PKEY_get_group_name(pk, group, sizeof(group), &glen))
			c->curve = xstrndup(group, glen);
		public_key_der(pk, &c->spki, &c->spki_len);
	}
	ERR_clear_error();
}

static void
add_key(struct cert_file *cf, EVP_PKEY *pk, const char *format, int encrypted,
	size_t begin)
{
	struct cert_key *k;

	ALLOC_GROW(cf->keys, cf->nkeys + 1, cf->keys_alloc);
	k = &cf->keys[cf->nkeys++];
	memset(k, 0, sizeof(*k));
	k->begin = begin;
	k->format = format;
	k->encrypted = encrypted;
	if (pk) {
		k->key_type = key_type_name(pk);
		k->key_bits = EVP_PKEY_get_bits(pk);
		public_key_der(pk, &k->spki, &k->spki_len);
	}
}

/* OpenSSH's private key format (PROTOCOL.key in openssh-portable):
 * "openssh-key-v1" NUL, then the cipher's name as a uint32 length and
 * bytes; "none" is a clear key. */
static int
openssh_key_encrypted(const unsigned char *p, long len)
{
	static const char magic[] = "openssh-key-v1";
	size_t at = sizeof(magic), n;

	if (len < (long)at + 4 || memcmp(p, magic, sizeof(magic)))
		return -1;
	n = (size_t)p[at] << 24 | (size_t)p[at + 1] << 16 |
	    (size_t)p[at + 2] << 8 | p[at + 3];
	at += 4;
	if (n > (size_t)len - at)
		return -1;
	return !(n == 4 && !memcmp(p + at, "none", 4));
}

static void
add_crl(struct cert_file *cf, X509_CRL *crl, size_t begin)
{
	struct cert_crl *c;

	ALLOC_GROW(cf->crls, cf->ncrls + 1, cf->crls_alloc);
	c = &cf->crls[cf->ncrls++];
	c->begin = begin;
	c->issuer = name_oneline(X509_CRL_get_issuer(crl));
	c->last_update = asn1_time_seconds(X509_CRL_get0_lastUpdate(crl));
	c->next_update = asn1_time_seconds(X509_CRL_get0_nextUpdate(crl));
}

/* One decoded PEM block: label, RFC 1421 header and body. Returns 0 when
 * it was a certificate or key, -1 when it could not be read, 1 when it is
 * something else (a CSR, a CRL, parameters). */
static int
add_block(struct cert_file *cf, const char *label, const char *header,
	  const unsigned char *der, long len, size_t begin)
{
	const unsigned char *p = der;
	size_t llen = strlen(label);
	int encrypted = strstr(header, "ENCRYPTED") != NULL;
	EVP_PKEY *pk = NULL;
	X509 *x;

	if (!strcmp(label, "CERTIFICATE") ||
	    !strcmp(label, "X509 CERTIFICATE") ||
	    !strcmp(label, "TRUSTED CERTIFICATE")) {
		x = label[0] == 'T' ? d2i_X509_AUX(NULL, &p, len)
				    : d2i_X509(NULL, &p, len);
		if (!x)
			return -1;
		add_cert(cf, x, begin);
		X509_free(x);
		return 0;
	}
	if (!strcmp(label, "X509 CRL")) {
		X509_CRL *crl = d2i_X509_CRL(NULL, &p, len);

		if (!crl)
			return -1;
		add_crl(cf, crl, begin);
		X509_CRL_free(crl);
		return 0;
	}
	if (llen < 11 || strcmp(label + llen - 11, "PRIVATE KEY"))
		return 1;
	if (!strcmp(label, "ENCRYPTED PRIVATE KEY")) {
		add_key(cf, NULL, "PKCS#8", 1, begin);
		return 0;
	}
	if (!strcmp(label, "OPENSSH PRIVATE KEY")) {
		int e = openssh_key_encrypted(der, len);

		if (e < 0)
			return -1;
		add_key(cf, NULL, "OpenSSH", e, begin);
		return 0;
	}
	if (encrypted) {
		add_key(cf, NULL, "PEM (RFC 1421)", 1, begin);
		return 0;
	}
	if (!strcmp(label, "RSA PRIVATE KEY"))
		pk = d2i_PrivateKey(EVP_PKEY_RSA, NULL, &p, len);
	else if (!strcmp(label, "EC PRIVATE KEY"))
		pk = d2i_PrivateKey(EVP_PKEY_EC, NULL, &p, len);
	else if (!strcmp(label, "DSA PRIVATE KEY"))
		pk = d2i_PrivateKey(EVP_PKEY_DSA, NULL, &p, len);
	else
		pk = d2i_AutoPrivateKey(NULL, &p, len);
	if (!pk)
		return -1;
	add_key(cf, pk,
		!strcmp(label, "PRIVATE KEY")	    ? "PKCS#8"
		: !strcmp(label, "RSA PRIVATE KEY") ? "PKCS#1"
		: !strcmp(label, "EC PRIVATE KEY")  ? "SEC1"
						    : "PEM",
		0, begin);
	EVP_PKEY_free(pk);
	return 0;
}

/* Where needle first stands in text[at..len), or NULL (memmem is not
 * POSIX). */
static const char *
find_mark(const char *text, size_t len, size_t at, const char *needle)
{
	size_t n = strlen(needle);

	while (at + n <= len) {
		const char *p = memchr(text + at, needle[0], len - at - n + 1);

		if (!p)
			return NULL;
		if (!memcmp(p, needle, n))
			return p;
		at = (size_t)(p - text) + 1;
	}
	return NULL;
}

/* The end of the line holding text[at], after its line feed. */
static size_t
line_end(const char *text, size_t len, size_t at)
{
	const char *nl = memchr(text + at, '\n', len - at);

	return nl ? (size_t)(nl - text) + 1 : len;
}

/* Whether text[at] starts a line. */
static int
at_line_start(const char *text, size_t at)
{
	return at == 0 || text[at - 1] == '\n';
}

static void
set_problem(struct cert_file *cf, const struct source *src, size_t at,
	    const char *what)
{
	if (!cf->problem)
		cf->problem =
		    xasprintf("line %u: %s", source_pos(src, at).line, what);
}

/* Each BEGIN line's block, decoded on its own: one bad block costs only
 * itself. */
static void
read_pem(struct cert_file *cf, const struct source *src)
{
	const char *t = src->text;
	size_t at = 0;

	while (at < src->len) {
		const char *hit = find_mark(t, src->len, at, "-----BEGIN ");
		size_t begin, stop;
		char *label = NULL, *header = NULL;
		unsigned char *der = NULL;
		long len = 0;
		const char *end_mark;
		BIO *b;
		int rc;

		if (!hit)
			break;
		begin = (size_t)(hit - t);
		if (!at_line_start(t, begin)) {
			at = begin + 11;
			continue;
		}
		cf->pem = 1;
		end_mark = find_mark(t, src->len, begin, "-----END ");
		if (!end_mark) {
			set_problem(cf, src, begin,
				    "a PEM block has no END line");
			break;
		}
		stop = line_end(t, src->len, (size_t)(end_mark - t));
		b = BIO_new_mem_buf(t + begin, (int)(stop - begin));
		if (b && stop - begin < INT_MAX &&
		    PEM_read_bio(b, &label, &header, &der, &len)) {
			rc =
			    add_block(cf, label, header, der, len, begin);
			OPENSSL_cleanse(der, (size_t)len);
		} else
			rc = -1;
		if (rc < 0)
			set_problem(cf, src, begin,
				    "a PEM block OpenSSL cannot decode");
		OPENSSL_free(label);
		OPENSSL_free(header);
		OPENSSL_free(der);
		BIO_free(b);
		ERR_clear_error();
		at = stop;
	}
}

/* One DER object: a certificate, a private key, or an encrypted PKCS#8
 * key (X509_SIG). */
static void
read_der(struct cert_file *cf, const struct source *src)
{
	const unsigned char *p = (const unsigned char *)src->text;
	long len = src->len < LONG_MAX ? (long)src->len : LONG_MAX;
	X509 *x;
	EVP_PKEY *pk;
	X509_SIG *sig;
	X509_CRL *crl;

	if ((x = d2i_X509(NULL, &p, len))) {
		add_cert(cf, x, 0);
		X509_free(x);
	} else if ((p = (const unsigned char *)src->text,
		    pk = d2i_AutoPrivateKey(NULL, &p, len))) {
		add_key(cf, pk, "DER", 0, 0);
		EVP_PKEY_free(pk);
	} else if ((p = (const unsigned char *)src->text,
		    sig = d2i_X509_SIG(NULL, &p, len))) {
		add_key(cf, NULL, "PKCS#8 DER", 1, 0);
		X509_SIG_free(sig);
	} else if ((p = (const unsigned char *)src->text,
		    crl = d2i_X509_CRL(NULL, &p, len))) {
		add_crl(cf, crl, 0);
		X509_CRL_free(crl);
	}
	ERR_clear_error();
}

size_t
cert_file_read(struct cert_file *cf, const struct source *src)
{
	memset(cf, 0, sizeof(*cf));
	read_pem(cf, src);
	if (!cf->pem)
		read_der(cf, src);
	if (!cf->ncerts && !cf->nkeys && !cf->ncrls && !cf->problem)
		cf->problem = xstrdup(cf->pem ? "no certificate or private key "
						"in its PEM blocks"
					      : "not a PEM or DER certificate "
						"or private key");
	return cert_file_count(cf);
}

size_t
cert_file_count(const struct cert_file *cf)
{
	return cf->ncerts + cf->nkeys + cf->ncrls;
}

char *
cert_base64_decode(const char *text, size_t len, size_t *out_len)
{
	char *clean = xmalloc(len + 1), *out;
	size_t n = 0, i, pad;
	int got;

	for (i = 0; i < len; i++) {
		char c = text[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '+' || c == '/' ||
		      c == '=')) {
			free(clean);
			return NULL;
		}
		clean[n++] = c;
	}
	if (!n || n % 4 || n > INT_MAX) {
		free(clean);
		return NULL;
	}
	pad = (size_t)(clean[n - 1] == '=') + (clean[n - 2] == '=');
	out = xmalloc(n / 4 * 3 + 1);
	got = EVP_DecodeBlock((unsigned char *)out, (unsigned char *)clean,
			      (int)n);
	cert_forget(clean, n);
	if (got < 0 || (size_t)got < pad) {
		free(out);
		return NULL;
	}
	*out_len = (size_t)got - pad;
	out[*out_len] = '\0';
	return out;
}

void
cert_forget(char *p, size_t len)
{
	if (!p)
		return;
	OPENSSL_cleanse(p, len);
	free(p);
}

void
cert_file_place_all(struct cert_file *cf, size_t at)
{
	size_t i;

	for (i = 0; i < cf->ncerts; i++)
		cf->certs[i].begin = at;
	for (i = 0; i < cf->nkeys; i++)
		cf->keys[i].begin = at;
	for (i = 0; i < cf->ncrls; i++)
		cf->crls[i].begin = at;
}

void
cert_file_stat(struct cert_file *cf, const char *path)
{
	struct stat sb;

	memset(&cf->mode, 0, sizeof(cf->mode));
	if (!strcmp(path, "-") || stat(path, &sb) != 0)
		return;
	cf->mode.known = 1;
	cf->mode.regular = S_ISREG(sb.st_mode);
	cf->mode.mode = (unsigned)(sb.st_mode & 07777);
	cf->mode.uid = (unsigned long)sb.st_uid;
}

int
cert_key_matches(const struct cert *c, const struct cert_key *k)
{
	if (!k->spki || !c->spki)
		return -1;
	return k->spki_len == c->spki_len &&
	       !memcmp(k->spki, c->spki, c->spki_len);
}

void
cert_file_release(struct cert_file *cf)
{
	size_t i, j;

	for (i = 0; i < cf->ncerts; i++) {
		struct cert *c = &cf->certs[i];

		free(c->subject);
		free(c->issuer);
		free(c->common_name);
		for (j = 0; j < c->ndns; j++)
			free(c->dns[j]);
		free(c->dns);
		free(c->ips);
		free(c->key_type);
		free(c->curve);
		free(c->signature);
		free(c->spki);
	}
	for (i = 0; i < cf->nkeys; i++) {
		free(cf->keys[i].key_type);
		free(cf->keys[i].spki);
	}
	for (i = 0; i < cf->ncrls; i++)
		free(cf->crls[i].issuer);
	free(cf->certs);
	free(cf->keys);
	free(cf->crls);
	free(cf->problem);
	memset(cf, 0, sizeof(*cf));
}
