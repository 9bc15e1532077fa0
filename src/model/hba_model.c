/* SPDX-License-Identifier: MIT */
/*
 * hba_model.c — first-match reasoning over pg_hba.conf records.
 *
 * Matching follows check_hba / check_db / check_role / check_ip in
 * src/backend/libpq/hba.c:
 * - local matches Unix sockets; host any TCP connection; hostssl only TLS;
 *   hostnossl TCP without TLS; hostgssenc only GSSAPI-encrypted;
 *   hostnogssenc TCP without GSSAPI encryption;
 * - database "all" matches every database except physical replication
 *   connections, which only the keyword "replication" matches;
 * - keywords are keywords only unquoted; names compare exactly;
 * - an address with a mask matches (client & mask) == (addr & mask) in the
 *   same family, whatever the mask's shape.
 */
#include "hba_model.h"

#include "hba_index.h"

#include <string.h>
#include <strings.h>

unsigned
hba_kinds(enum hba_conntype type)
{
	switch (type) {
	case HBA_LOCAL:
		return CONN_LOCAL;
	case HBA_HOST:
		return CONN_PLAIN | CONN_SSL | CONN_GSS;
	case HBA_HOSTSSL:
		return CONN_SSL;
	case HBA_HOSTNOSSL:
		return CONN_PLAIN | CONN_GSS;
	case HBA_HOSTGSSENC:
		return CONN_GSS;
	case HBA_HOSTNOGSSENC:
		return CONN_PLAIN | CONN_SSL;
	case HBA_CONNTYPE__COUNT:
		break;
	}
	return 0;
}

int
hba_prefix_len(const struct hba_record *r)
{
	int i, bits = 0;

	if (r->addr_kind != ADDR_CIDR)
		return -1;
	for (i = 0; i < 16 * 8; i++)
		bits += (r->mask[i / 8] >> (7 - i % 8)) & 1;
	return bits;
}

int
hba_is_loopback(const struct hba_record *r)
{
	static const unsigned char v6_loopback[16] = {[15] = 1};

	switch (r->addr_kind) {
	case ADDR_NONE:
	case ADDR_SAMEHOST:
		return 1;
	case ADDR_HOSTNAME:
		return !strcasecmp(r->hostname, "localhost");
	case ADDR_CIDR:
		if (r->family == 4)
			return r->mask[0] == 0xff && r->addr[0] == 127;
		return hba_prefix_len(r) == 128 &&
		       !memcmp(r->addr, v6_loopback, 16);
	case ADDR_ALL:
	case ADDR_SAMENET:
		break;
	}
	return 0;
}

int
hba_method_strength(enum hba_method m)
{
	switch (m) {
	case METHOD_TRUST:
		return 0;
	case METHOD_PASSWORD:
		return 10; /* the password crosses the wire in clear */
	case METHOD_IDENT:
		return 20; /* the client's host vouches for the user */
	case METHOD_PAM:
	case METHOD_BSD:
	case METHOD_LDAP:
	case METHOD_RADIUS:
		return 30; /* cleartext password to the server */
	case METHOD_MD5:
		return 40;
	case METHOD_SCRAM:
	case METHOD_OAUTH:
		return 60;
	case METHOD_PEER:
		return 70;
	case METHOD_GSS:
	case METHOD_SSPI:
		return 80;
	case METHOD_CERT:
		return 90;
	case METHOD_REJECT:
	case METHOD__COUNT:
		break;
	}
	return 100;
}

static int
unquoted_is(const struct hba_token *t, const char *k)
{
	return !t->quoted && !strcmp(t->str, k);
}

enum hba_tok_class
hba_token_class(const struct hba_token *t, int is_db, int version)
{
	if (unquoted_is(t, "all"))
		return HBA_TC_ALL;
	if (version >= 16 && t->str[0] == '/')
		return HBA_TC_REGEX;
	if (!is_db)
		return !t->quoted && t->str[0] == '+' ? HBA_TC_GROUP
						      : HBA_TC_NAME;
	if (unquoted_is(t, "replication"))
		return HBA_TC_REPLICATION;
	if (unquoted_is(t, "sameuser"))
		return HBA_TC_SAMEUSER;
	if (unquoted_is(t, "samerole") || unquoted_is(t, "samegroup"))
		return HBA_TC_SAMEROLE;
	return HBA_TC_NAME;
}

int
hba_token_covered(const struct hba_token *t, const struct hba_field *L,
		  int is_db, int version)
{
	enum hba_tok_class ct = hba_token_class(t, is_db, version);
	size_t i;

	for (i = 0; i < L->nr; i++) {
		enum hba_tok_class cu = hba_token_class(&L->v[i], is_db, version);

		if (cu == HBA_TC_ALL && ct != HBA_TC_REPLICATION)
			return 1;
		if (cu == ct && !strcmp(L->v[i].str, t->str))
			return 1;
	}
	return 0;
}

int
hba_addr_covered(const struct hba_addr_piece *p, const struct hba_record *r)
{
	size_t i, hl, pl;

	switch (r->addr_kind) {
	case ADDR_ALL:
		return 1;
	case ADDR_NONE:
		return 0;
	case ADDR_CIDR:
		if (p->kind != ADDR_CIDR || p->family != r->family)
			return 0;
		for (i = 0; i < 16; i++)
			if ((r->mask[i] & ~p->mask[i]) ||
			    ((p->addr[i] ^ r->addr[i]) & r->mask[i]))
				return 0;
		return 1;
	case ADDR_SAMEHOST:
	case ADDR_SAMENET:
		return p->kind == r->addr_kind;
	case ADDR_HOSTNAME:
		if (p->kind != ADDR_HOSTNAME)
			return 0;
		if (r->hostname[0] != '.') /* hostname_match: suffix form */
			return !strcasecmp(p->hostname, r->hostname);
		hl = strlen(p->hostname);
		pl = strlen(r->hostname);
		return hl >= pl && !strcasecmp(p->hostname + hl - pl, r->hostname);
	}
	return 0;
}

static size_t
addr_pieces(const struct hba_record *r, struct hba_addr_piece out[2])
{
	memset(out, 0, 2 * sizeof(*out));
	if (r->addr_kind == ADDR_ALL) {
		out[0].kind = out[1].kind = ADDR_CIDR;
		out[0].family = 4;
		out[1].family = 6;
		return 2;
	}
	out[0].kind = r->addr_kind;
	out[0].family = r->family;
	memcpy(out[0].addr, r->addr, 16);
	memcpy(out[0].mask, r->mask, 16);
	out[0].hostname = r->hostname;
	return 1;
}

static int
piece_loopback(const struct hba_addr_piece *p)
{
	struct hba_record r;

	memset(&r, 0, sizeof(r));
	r.addr_kind = p->kind;
	r.family = p->family;
	memcpy(r.addr, p->addr, 16);
	memcpy(r.mask, p->mask, 16);
	r.hostname = p->hostname;
	return hba_is_loopback(&r);
}

/* Beyond this many pieces per record we do not decide. */
#define MAX_PIECES 4096

/* Keeps the list of shadowing entries sorted and free of duplicates. */
static void
note_shadower(struct hba_cover *c, size_t j)
{
	size_t k, m;

	for (k = 0; k < c->nby && c->by[k] < j; k++)
		;
	if ((k < c->nby && c->by[k] == j) || c->nby == HBA_MAX_SHADOWERS)
		return;
	for (m = c->nby; m > k; m--)
		c->by[m] = c->by[m - 1];
	c->by[k] = j;
	c->nby++;
}

struct hba_cover
hba_covered(const struct hba_conf *conf, size_t i, unsigned kinds,
	    int remote_only)
{
	const struct hba_record *r = &conf->v[i].rec;
	struct hba_cover c = {1, 1, {0}, 0};
	struct hba_addr_piece ap[2];
	size_t na = addr_pieces(r, ap), d, u, a, pieces;
	const struct hba_cover *known;
	int whole = kinds == ~0u && !remote_only;
	unsigned k;

	/* every check asks for the whole cover: computed once */
	if (whole && (known = hba_index_cover(conf, conf->index, i)))
		return *known;
	kinds &= hba_kinds(r->type);
	pieces = r->databases->nr * r->users->nr * na * 4;
	if (pieces > MAX_PIECES) {
		c.complete = 0;
		c.decided = 0;
		goto out;
	}
	for (k = CONN_LOCAL; k <= CONN_GSS; k <<= 1) {
		if (!(kinds & k))
			continue;
		for (a = 0; a < na; a++) {
			if (remote_only && (k == CONN_LOCAL ||
					    piece_loopback(&ap[a])))
				continue;
			for (d = 0; d < r->databases->nr; d++)
				for (u = 0; u < r->users->nr; u++) {
					long j = hba_index_first(
					    conf, conf->index, i, k,
					    &r->databases->v[d],
					    &r->users->v[u], &ap[a]);

					if (j < 0) {
						c.complete = 0;
						goto out;
					}
					note_shadower(&c, (size_t)j);
				}
		}
	}
out:
	if (whole)
		hba_index_keep_cover(conf->index, i, &c);
	return c;
}

enum verdict { V_NO, V_YES, V_MAYBE };

static enum verdict
both(enum verdict a, enum verdict b)
{
	if (a == V_NO || b == V_NO)
		return V_NO;
	return a == V_MAYBE || b == V_MAYBE ? V_MAYBE : V_YES;
}

/* check_db for a concrete, non-replication connection. */
static enum verdict
db_matches(const struct hba_field *L, const struct hba_probe *p, int version)
{
	enum verdict v = V_NO;
	size_t i;

	for (i = 0; i < L->nr; i++) {
		const struct hba_token *t = &L->v[i];

		switch (hba_token_class(t, 1, version)) {
		case HBA_TC_ALL:
			return V_YES;
		case HBA_TC_SAMEUSER:
			if (!strcmp(p->database, p->user))
				return V_YES;
			break;
		case HBA_TC_NAME:
			if (!strcmp(t->str, p->database))
				return V_YES;
			break;
		case HBA_TC_REPLICATION:
			break;
		default: /* samerole, regex */
			v = V_MAYBE;
		}
	}
	return v;
}

/* check_role. */
static enum verdict
user_matches(const struct hba_field *L, const struct hba_probe *p, int version)
{
	enum verdict v = V_NO;
	size_t i;

	for (i = 0; i < L->nr; i++) {
		const struct hba_token *t = &L->v[i];

		switch (hba_token_class(t, 0, version)) {
		case HBA_TC_ALL:
			return V_YES;
		case HBA_TC_NAME:
			if (!strcmp(t->str, p->user))
				return V_YES;
			break;
		default: /* +group, regex */
			v = V_MAYBE;
		}
	}
	return v;
}

/* check_ip, and the names we cannot resolve here. */
static enum verdict
addr_matches(const struct hba_record *r, const struct hba_probe *p)
{
	size_t i;

	switch (r->addr_kind) {
	case ADDR_ALL:
		return V_YES;
	case ADDR_CIDR:
		if (r->family != p->family)
			return V_NO;
		for (i = 0; i < 16; i++)
			if ((p->addr[i] ^ r->addr[i]) & r->mask[i])
				return V_NO;
		return V_YES;
	case ADDR_NONE:
		return V_NO;
	default: /* samehost, samenet, host names */
		return V_MAYBE;
	}
}

struct hba_decision
hba_decide(const struct hba_conf *conf, const struct hba_probe *p)
{
	struct hba_decision d = {-1, -1};
	size_t j;

	for (j = 0; j < conf->nr; j++) {
		const struct hba_record *r = &conf->v[j].rec;
		enum verdict v;

		if (conf->v[j].error || !(hba_kinds(r->type) & p->kind))
			continue;
		v = both(addr_matches(r, p),
			 both(db_matches(r->databases, p, conf->version),
			      user_matches(r->users, p, conf->version)));
		if (v == V_YES) {
			d.entry = (long)j;
			return d;
		}
		if (v == V_MAYBE && d.maybe < 0)
			d.maybe = (long)j;
	}
	return d;
}
