/* SPDX-License-Identifier: MIT */
/*
 * cert.h — what a certificate or key file holds, as facts for the rules
 * (PGT401-PGT406): each certificate's names, validity, key and signature,
 * each private key's type, size and whether it is encrypted, and the
 * file's mode and owner. OpenSSL's libcrypto decodes PEM and DER; this
 * module never decrypts a key and never keeps a private key's bytes.
 */
#ifndef PGT_CERT_H
#define PGT_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "../util/source.h"

/* An iPAddress subjectAltName: 4 bytes (IPv4) or 16 (IPv6). */
struct cert_ip {
	unsigned char addr[16];
	size_t len;
};

struct cert {
	size_t begin;		/* its PEM block in the file (DER: 0) */
	char *subject, *issuer; /* owned; RFC 2253 one-liners */
	char *common_name;	/* owned; the subject's last CN, or NULL */
	int cn_has_nul;		/* the CN holds a NUL byte: matches nothing */
	char **dns;		/* owned; subjectAltName dNSName entries */
	size_t ndns;
	struct cert_ip *ips; /* owned; subjectAltName iPAddress entries */
	size_t nips;
	int has_san; /* a subjectAltName extension is present */
	int64_t not_before, not_after; /* seconds since 1970, UTC */
	char *key_type;		       /* owned; "RSA", "EC", "Ed25519", ... */
	int key_bits;
	char *curve;		 /* owned; an EC key's group name, or NULL */
	char *signature;	 /* owned; "sha256WithRSAEncryption" */
	const char *weak_digest; /* "SHA-1", "MD5", ... or NULL */
	int is_ca;		 /* may sign others (X509_check_ca) */
	int self_signed;	 /* its own issuer, signature checked */
	unsigned char *spki;	 /* owned; DER SubjectPublicKeyInfo */
	size_t spki_len;
};

struct cert_key {
	size_t begin;	    /* its PEM block (DER: 0) */
	const char *format; /* "PKCS#8", "PKCS#1", "SEC1", "OpenSSH", ... */
	int encrypted;
	char *key_type; /* owned; NULL when encrypted */
	int key_bits;
	unsigned char *spki; /* owned; the public half, NULL when encrypted */
	size_t spki_len;
};

/* A certificate revocation list (ssl_crl_file). */
struct cert_crl {
	size_t begin;			  /* its PEM block (DER: 0) */
	char *issuer;			  /* owned; RFC 2253 */
	int64_t last_update, next_update; /* next_update 0: none given */
};

/* How the file stands on disk (stat, following links as PostgreSQL's
 * stat() does). */
struct cert_file_mode {
	int known;     /* stat succeeded (not standard input) */
	int regular;   /* S_ISREG */
	unsigned mode; /* permission bits */
	unsigned long uid;
};

struct cert_file {
	struct cert *certs; /* owned */
	size_t ncerts, certs_alloc;
	struct cert_key *keys; /* owned */
	size_t nkeys, keys_alloc;
	struct cert_crl *crls; /* owned */
	size_t ncrls, crls_alloc;
	char *problem; /* owned; why a block could not be read, or
			  NULL */
	int pem;       /* the file holds PEM blocks (else DER) */
	struct cert_file_mode mode;
};

/* What a run knows of a certificate or key file beyond its bytes: which
 * server reads it as its key, and that server's certificate. */
struct cert_role {
	const char *key_of;    /* the postgresql.conf whose ssl_key_file
				  (set or by default) this file is, or NULL */
	const char *cert_path; /* that server's ssl_cert_file, as found */
	const struct cert_file *cert; /* its contents, when read */
	const char *ca_of; /* the postgresql.conf whose ssl_ca_file this is,
			      or NULL */
	int in_repository; /* a .git stands in its directory or above:
			      the file is part of a repository, not a
			      deployed machine's */
};

/* A server's certificate, for the clients that verify it (PGT404). */
struct server_cert {
	const char *path;	 /* borrowed; the certificate file */
	const struct cert *leaf; /* borrowed; the file's first certificate */
};

struct server_certs {
	struct server_cert *v; /* owned */
	size_t nr, alloc;
};

/*
 * Reads the certificates, private keys and CRLs src holds: PEM blocks
 * anywhere in the text, or one DER certificate, key or CRL. Returns how many it
 * found; 0 with cf->problem set when the file holds neither. Release with
 * cert_file_release.
 */
size_t cert_file_read(struct cert_file *cf, const struct source *src);

/* How many certificates, keys and CRLs cf holds. */
size_t cert_file_count(const struct cert_file *cf);

/* Fills cf->mode from path (not for "-"). */
void cert_file_stat(struct cert_file *cf, const char *path);

void cert_file_release(struct cert_file *cf);

/* Whether key k is the private half of certificate c (their public keys
 * are equal); -1 when k is encrypted (unknown). */
int cert_key_matches(const struct cert *c, const struct cert_key *k);

/*
 * Decodes base64 text (blanks and line ends skipped) into a malloc'd
 * buffer of *out_len bytes (NUL-terminated), or returns NULL when text is
 * not base64. Free it with cert_forget.
 */
char *cert_base64_decode(const char *text, size_t len, size_t *out_len);

/* Overwrites and frees p[0..len) (decoded key material). */
void cert_forget(char *p, size_t len);

/* Moves every certificate, key and CRL of cf to offset at: what a file
 * embedded in another (a YAML value) holds is reported where the value
 * is. */
void cert_file_place_all(struct cert_file *cf, size_t at);

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d. */
int64_t cert_days_from_civil(int64_t y, unsigned m, unsigned d);

/* "2026-12-06" for t (UTC) into out[11]. */
void cert_format_date(int64_t t, char out[11]);

/* Parses "YYYY-MM-DD" (midnight UTC) into *t. Returns 0, or -1. */
int cert_parse_date(const char *s, int64_t *t);

#endif
