/* SPDX-License-Identifier: MIT */
/*
 * hba_model.h — what pg_hba.conf records match, and which records can
 * ever be reached, by first-match reasoning (check_hba in hba.c).
 *
 * A record matches a set of connections: kind (Unix socket, or TCP in
 * plaintext, TLS or GSSAPI encryption) x database x user x client address.
 * A record is reachable for some kinds when part of its set is not already
 * matched by an earlier record. What cannot be decided without the
 * server's catalogs or DNS (samerole, +group, /regex, host names, samehost,
 * samenet) only covers an identical token: we never claim shadowing we
 * cannot prove.
 */
#ifndef PGT_HBA_MODEL_H
#define PGT_HBA_MODEL_H

#include <stddef.h>

#include "hba_conf.h"

enum conn_kind {
	CONN_LOCAL = 1 << 0, /* Unix-domain socket */
	CONN_PLAIN = 1 << 1, /* TCP, no encryption */
	CONN_SSL = 1 << 2,   /* TCP with TLS */
	CONN_GSS = 1 << 3    /* TCP with GSSAPI encryption */
};

/* The kinds of connection a record type matches. */
unsigned hba_kinds(enum hba_conntype type);

/* The record only admits loopback clients (127.0.0.0/8, ::1, localhost,
 * samehost), or is local. */
int hba_is_loopback(const struct hba_record *r);

/* Popcount of the address mask, or -1 when not an address range. */
int hba_prefix_len(const struct hba_record *r);

/* What a database or user token means to matching (check_db, check_role):
 * keywords only unquoted; samerole and +group need the catalogs. */
enum hba_tok_class {
	HBA_TC_ALL,
	HBA_TC_REPLICATION,
	HBA_TC_SAMEUSER,
	HBA_TC_SAMEROLE,
	HBA_TC_GROUP,
	HBA_TC_REGEX,
	HBA_TC_NAME
};

enum hba_tok_class hba_token_class(const struct hba_token *t, int is_db,
				   int version);

/* Does list L match every connection that token t matches? Only "all"
 * and an identical token are proofs; "all" never matches physical
 * replication. */
int hba_token_covered(const struct hba_token *t, const struct hba_field *L,
		      int is_db, int version);

/* One piece of a record's address: a range ("all" is split into the two
 * families' /0), a host name, or samehost/samenet. */
struct hba_addr_piece {
	enum hba_addr_kind kind;
	int family;
	unsigned char addr[16], mask[16];
	const char *hostname; /* borrowed */
};

/* Does record r's address match every client of piece p? */
int hba_addr_covered(const struct hba_addr_piece *p,
		     const struct hba_record *r);

#define HBA_MAX_SHADOWERS 8

struct hba_cover {
	int complete;        /* every piece is matched by earlier records */
	int decided;         /* 0: too many pieces to tell (treat as open) */
	size_t by[HBA_MAX_SHADOWERS]; /* entries that match it, in order */
	size_t nby;
};

/*
 * Whether the connections of entry i of the given kinds (a mask of
 * enum conn_kind) are all matched first by earlier valid entries. Only
 * pieces whose address is not loopback count when remote_only is set.
 */
struct hba_cover hba_covered(const struct hba_conf *conf, size_t i,
			     unsigned kinds, int remote_only);

/* One concrete client: a TCP connection of one kind from an address. */
struct hba_probe {
	unsigned kind;          /* one enum conn_kind bit */
	int family;             /* 4 or 6 */
	unsigned char addr[16];
	const char *database;   /* borrowed */
	const char *user;       /* borrowed */
};

struct hba_decision {
	long entry; /* the first record that surely matches, or -1 */
	long maybe; /* an earlier record that may match (group, regex, host
		       name, samehost, samenet, samerole), or -1 */
};

/* The record PostgreSQL would use for the probe (check_hba). */
struct hba_decision hba_decide(const struct hba_conf *conf,
			       const struct hba_probe *p);

/* Relative strength of a method (higher is stronger; reject is highest). */
int hba_method_strength(enum hba_method m);

#endif
