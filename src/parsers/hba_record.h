/* SPDX-License-Identifier: MIT */
/*
 * hba_record.h — one pg_hba.conf record, judged field by field as
 * parse_hba_line() and parse_hba_auth_opt() do (src/backend/libpq/hba.c).
 */
#ifndef PGT_HBA_RECORD_H
#define PGT_HBA_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "hba.h"

enum hba_conntype { HBA_LOCAL, HBA_HOST, HBA_HOSTSSL, HBA_HOSTNOSSL,
		    HBA_HOSTGSSENC, HBA_HOSTNOGSSENC, HBA_CONNTYPE__COUNT };
extern const char *const hba_conntype_names[HBA_CONNTYPE__COUNT];

/* UserAuthName[] in hba.c, in the same order. */
enum hba_method { METHOD_REJECT, METHOD_TRUST, METHOD_IDENT, METHOD_PASSWORD,
		  METHOD_MD5, METHOD_SCRAM, METHOD_GSS, METHOD_SSPI,
		  METHOD_PAM, METHOD_BSD, METHOD_LDAP, METHOD_CERT,
		  METHOD_RADIUS, METHOD_PEER, METHOD_OAUTH, METHOD__COUNT };
extern const char *const hba_method_names[METHOD__COUNT];

enum hba_addr_kind { ADDR_NONE, ADDR_ALL, ADDR_SAMEHOST, ADDR_SAMENET,
		     ADDR_CIDR, ADDR_HOSTNAME };

enum hba_clientcert { CLIENTCERT_NONE, CLIENTCERT_CA, CLIENTCERT_FULL };

struct hba_option {
	char *name;        /* owned; the part before '=' */
	const char *value; /* borrowed from the token; after '=' */
	size_t begin, end;
};

struct hba_record {
	enum hba_conntype type;
	const struct hba_field *databases; /* borrowed from the line */
	const struct hba_field *users;     /* borrowed */
	enum hba_addr_kind addr_kind;
	int family;              /* 4 or 6 for ADDR_CIDR */
	unsigned char addr[16];  /* network byte order */
	unsigned char mask[16];
	const char *hostname;    /* borrowed; ADDR_HOSTNAME */
	size_t addr_begin, addr_end; /* the address (and mask) as written */
	enum hba_method method;
	size_t method_begin, method_end;
	struct hba_option *options; /* owned array */
	size_t noptions;
	enum hba_clientcert clientcert; /* cert implies verify-full */
	/* clientcert=1/0/no-verify on a version that removed them */
	int clientcert_obsolete;
	size_t clientcert_begin, clientcert_end;
};

/*
 * Judges line as a record for PostgreSQL major version. Returns 0 and
 * fills rec; or -1 with *err (malloc'd, PostgreSQL's reason) and
 * *err_begin and *err_end the offending text. Tokens stay owned by line, which
 * must outlive rec. Free with hba_record_release.
 */
int hba_record_parse(const struct hba_line *line, int version,
		     struct hba_record *rec, char **err, size_t *err_begin,
		     size_t *err_end);
void hba_record_release(struct hba_record *rec);

/* Dotted or colon text of an address (for messages), into out. */
void hba_format_addr(const struct hba_record *rec, char *out, size_t cap);

#endif
