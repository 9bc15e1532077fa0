/* SPDX-License-Identifier: MIT */
/*
 * hba_index.c — the first record of a pg_hba.conf that matches a whole
 * piece of another (a connection kind x one database token x one user
 * token x one address), found through a hash table instead of a scan of
 * every earlier record, so that shadowing costs O(n) lookups, not O(n^2)
 * comparisons.
 *
 * A record matches every connection of a piece exactly when (hba_model.c,
 * token_covered / addr_covered) its kinds hold the piece's kind, its
 * database list holds "all" (not for "replication") or the same token,
 * its user list likewise, and its address is "all", or a CIDR range
 * containing the piece's, or the same host name or a suffix of it, or the
 * same samehost/samenet keyword (Unix sockets have no address). So each
 * record is entered under every key (kind, database token, user token,
 * address) it has, keeping the earliest record per key, and a piece looks
 * up the few keys that can match it: "all" or its own token on each
 * list, and "all", each shorter prefix length present in the file, each
 * dotted suffix of a host name, on the address. Ranges whose mask is not
 * a prefix (10.0.255.0 255.0.255.0) are rare: they stay in a list that
 * every piece scans.
 *
 * An entry stores only a 64-bit hash and the record; equality is checked
 * against the record itself, so the answers are exact.
 */
#include "hba_index.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/hash.h"
#include "../util/xalloc.h"

/* 8 bytes, so that the table of a 100k-record file stays in cache. */
struct slot {
	uint32_t hash;  /* the key's hash, folded to 32 bits (slot_hash) */
	uint32_t entry; /* index in conf->v, plus 1; 0: empty */
};

struct hba_index {
	int built;
	struct slot *slots; /* owned; open addressing, a power of two */
	size_t cap, used;
	/* What the entered keys use, per kind (kind_index): the prefix
	 * lengths of each family, and whether "all" stands for the database,
	 * the user or the address; a lookup tries no key that cannot be. */
	unsigned char lengths[4][2][129];
	unsigned char all_db[4], all_user[4], all_addr[4];
	size_t *odd; /* owned; entries whose mask is not a prefix */
	size_t nodd, odd_alloc;
	struct hba_cover *whole; /* owned; per entry, its cover for every
				    kind, once computed (see known) */
	unsigned char *known;	 /* owned; per entry */
};

/* An address as a key: one of these, with the bytes that make it. */
enum addr_tag { AK_ANY, AK_ALL, AK_CIDR, AK_HOST, AK_SAMEHOST, AK_SAMENET };

struct addr_key {
	uint64_t hash; /* of the rest: addr_hashed() */
	enum addr_tag tag;
	int family, len;       /* AK_CIDR */
	unsigned char net[16]; /* AK_CIDR: the address, masked to len */
	const char *host;      /* AK_HOST; compared without case */
	size_t host_len;
};

/* One token of a list as a key: "all" stands for itself. */
struct tok_key {
	enum hba_tok_class cls;
	const char *str;
	uint64_t hash; /* of cls and str */
};

struct key {
	unsigned kind;
	struct tok_key db, user;
	struct addr_key addr;
};

/* splitmix64's finalizer: spreads a combination of part hashes. */
static uint64_t
mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebu;
	return h ^ (h >> 31);
}

/* A key's hash, from the hashes of its parts (each computed once). */
static uint64_t
key_hash(const struct key *k)
{
	return mix(mix(mix(k->db.hash + k->kind) ^ k->user.hash) ^
		   k->addr.hash);
}

static uint32_t
slot_hash(const struct key *k)
{
	uint64_t h = key_hash(k);

	return (uint32_t)(h ^ (h >> 32));
}

/* Sets a->hash from the rest of a. */
static void
addr_hashed(struct addr_key *a)
{
	unsigned char tag[3] = {(unsigned char)a->tag, (unsigned char)a->family,
				(unsigned char)a->len};
	uint64_t h = mem_hash(HASH_SEED, (const char *)tag, sizeof(tag));
	size_t i;

	if (a->tag == AK_CIDR)
		h = mem_hash(h, (const char *)a->net, 16);
	else if (a->tag == AK_HOST)
		for (i = 0; i < a->host_len; i++) {
			char c = a->host[i];

			c = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
			h = mem_hash(h, &c, 1);
		}
	a->hash = h;
}

static struct tok_key
tok_key(const struct hba_token *t, int is_db, int version)
{
	struct tok_key k = {hba_token_class(t, is_db, version), t->str, 0};
	unsigned char c = (unsigned char)k.cls;

	k.hash = mem_hash(HASH_SEED, (const char *)&c, 1);
	if (k.cls != HBA_TC_ALL)
		k.hash = mem_hash(k.hash, k.str, strlen(k.str));
	return k;
}

static int
list_has(const struct hba_field *L, const struct tok_key *k, int is_db,
	 int version)
{
	size_t i;

	for (i = 0; i < L->nr; i++) {
		struct tok_key t = tok_key(&L->v[i], is_db, version);

		if (t.cls == k->cls &&
		    (t.cls == HBA_TC_ALL || !strcmp(t.str, k->str)))
			return 1;
	}
	return 0;
}

/* The length of a prefix mask, or -1 when the mask is not one. */
static int
mask_prefix(const unsigned char mask[16], int family)
{
	int bits = family == 4 ? 32 : 128, i, len = 0;

	for (i = 0; i < bits; i++) {
		int set = (mask[i / 8] >> (7 - i % 8)) & 1;

		if (set && len != i)
			return -1;
		len += set;
	}
	return len;
}

static void
masked(const unsigned char addr[16], int len, unsigned char out[16])
{
	int i;

	memset(out, 0, 16);
	for (i = 0; i < len; i++)
		out[i / 8] |= (unsigned char)(addr[i / 8] & (0x80 >> (i % 8)));
}

/* A host name, samehost or samenet as an address key; 0 for anything
 * else. */
static int
name_key(enum hba_addr_kind kind, const char *hostname, struct addr_key *a)
{
	switch (kind) {
	case ADDR_HOSTNAME:
		a->tag = AK_HOST;
		a->host = hostname;
		a->host_len = strlen(hostname);
		return 1;
	case ADDR_SAMEHOST:
		a->tag = AK_SAMEHOST;
		return 1;
	case ADDR_SAMENET:
		a->tag = AK_SAMENET;
		return 1;
	default:
		return 0;
	}
}

/* The address key of record r for connections of kind (any address for
 * Unix sockets); 0 when it has none to enter under. */
static int record_addr_unhashed(const struct hba_record *r, unsigned kind,
				struct addr_key *a);

static int
record_addr(const struct hba_record *r, unsigned kind, struct addr_key *a)
{
	int ok = record_addr_unhashed(r, kind, a);

	addr_hashed(a);
	return ok;
}

static int
record_addr_unhashed(const struct hba_record *r, unsigned kind,
		     struct addr_key *a)
{
	memset(a, 0, sizeof(*a));
	if (kind == CONN_LOCAL) {
		a->tag = AK_ANY;
		return 1;
	}
	switch (r->addr_kind) {
	case ADDR_ALL:
		a->tag = AK_ALL;
		return 1;
	case ADDR_CIDR:
		a->tag = AK_CIDR;
		a->family = r->family;
		a->len = mask_prefix(r->mask, r->family);
		masked(r->addr, a->len, a->net);
		return a->len >= 0;
	default:
		return name_key(r->addr_kind, r->hostname, a);
	}
	return 0;
}

static int
addr_equal(const struct addr_key *a, const struct addr_key *b)
{
	if (a->tag != b->tag)
		return 0;
	if (a->tag == AK_CIDR)
		return a->family == b->family && a->len == b->len &&
		       !memcmp(a->net, b->net, 16);
	if (a->tag == AK_HOST)
		return a->host_len == b->host_len &&
		       !strncasecmp(a->host, b->host, a->host_len);
	return 1;
}

/* Whether entry j is entered under key k. */
static int
entry_has(const struct hba_conf *conf, size_t j, const struct key *k)
{
	const struct hba_record *r = &conf->v[j].rec;
	struct addr_key a;

	return !conf->v[j].error && (hba_kinds(r->type) & k->kind) &&
	       record_addr(r, k->kind, &a) && addr_equal(&a, &k->addr) &&
	       list_has(r->databases, &k->db, 1, conf->version) &&
	       list_has(r->users, &k->user, 0, conf->version);
}

/* The earliest entry under k (plus 1), or 0. */
static size_t
lookup(const struct hba_conf *conf, const struct hba_index *ix,
       const struct key *k)
{
	uint32_t h = slot_hash(k);
	size_t m = ix->cap - 1, s;

	if (!ix->cap)
		return 0;
	for (s = h & m; ix->slots[s].entry; s = (s + 1) & m)
		if (ix->slots[s].hash == h &&
		    entry_has(conf, ix->slots[s].entry - 1, k))
			return ix->slots[s].entry;
	return 0;
}

static void
grow(struct hba_index *ix)
{
	struct slot *old = ix->slots;
	size_t oldcap = ix->cap, i;

	ix->cap = oldcap ? oldcap * 2 : 1024;
	ix->slots = xcalloc(ix->cap, sizeof(*ix->slots));
	for (i = 0; i < oldcap; i++) {
		size_t s;

		if (!old[i].entry)
			continue;
		s = old[i].hash & (ix->cap - 1);
		while (ix->slots[s].entry)
			s = (s + 1) & (ix->cap - 1);
		ix->slots[s] = old[i];
	}
	free(old);
}

/* Enters entry j under k unless an earlier entry has k. */
static void
insert(const struct hba_conf *conf, struct hba_index *ix, size_t j,
       const struct key *k)
{
	uint32_t h;
	size_t s;

	if (lookup(conf, ix, k))
		return;
	if ((ix->used + 1) * 2 > ix->cap)
		grow(ix);
	h = slot_hash(k);
	for (s = h & (ix->cap - 1); ix->slots[s].entry;
	     s = (s + 1) & (ix->cap - 1))
		;
	ix->slots[s].hash = h;
	ix->slots[s].entry = (uint32_t)(j + 1);
	ix->used++;
}

/* 0 to 3 for CONN_LOCAL, CONN_PLAIN, CONN_SSL, CONN_GSS. */
static int
kind_index(unsigned kind)
{
	return kind == CONN_LOCAL ? 0 : kind == CONN_PLAIN ? 1
				  : kind == CONN_SSL ? 2
						     : 3;
}

/* Notes what key k uses, for lookups to skip what no key uses. */
static void
note_used(struct hba_index *ix, const struct key *k)
{
	int ki = kind_index(k->kind);

	if (k->addr.tag == AK_CIDR)
		ix->lengths[ki][k->addr.family == 6][k->addr.len] = 1;
	ix->all_addr[ki] |= k->addr.tag == AK_ALL;
	ix->all_db[ki] |= k->db.cls == HBA_TC_ALL;
	ix->all_user[ki] |= k->user.cls == HBA_TC_ALL;
}

static void
build(const struct hba_conf *conf, struct hba_index *ix)
{
	size_t j, d, u;
	unsigned kind;

	for (j = 0; j < conf->nr; j++) {
		const struct hba_record *r = &conf->v[j].rec;

		if (conf->v[j].error)
			continue;
		for (kind = CONN_LOCAL; kind <= CONN_GSS; kind <<= 1) {
			struct key k;

			if (!(hba_kinds(r->type) & kind))
				continue;
			k.kind = kind;
			if (!record_addr(r, kind, &k.addr)) {
				if (r->addr_kind == ADDR_CIDR) {
					ALLOC_GROW(ix->odd, ix->nodd + 1,
						   ix->odd_alloc);
					ix->odd[ix->nodd++] = j;
				}
				break; /* the same for every kind */
			}
			for (d = 0; d < r->databases->nr; d++)
				for (u = 0; u < r->users->nr; u++) {
					k.db = tok_key(&r->databases->v[d], 1,
						       conf->version);
					k.user = tok_key(&r->users->v[u], 0,
							 conf->version);
					note_used(ix, &k);
					insert(conf, ix, j, &k);
				}
		}
	}
}

struct hba_index *
hba_index_new(void)
{
	return xcalloc(1, sizeof(struct hba_index));
}

void
hba_index_free(struct hba_index *ix)
{
	if (!ix)
		return;
	free(ix->slots);
	free(ix->odd);
	free(ix->whole);
	free(ix->known);
	free(ix);
}

/* The least of *best and entry e (plus 1; 0 is none). */
static void
keep_first(size_t *best, size_t e)
{
	if (e && (!*best || e < *best))
		*best = e;
}

/* The leading one bits of a mask. */
static int
leading_ones(const unsigned char mask[16], int family)
{
	int bits = family == 4 ? 32 : 128, i;

	for (i = 0; i < bits; i++)
		if (!((mask[i / 8] >> (7 - i % 8)) & 1))
			break;
	return i;
}

/* Piece p as the address a lookup starts from: a CIDR piece's len is
 * the longest prefix a matching range can have (its mask must lie within
 * the piece's). Returns 0 when no record address can match it. */
static int
piece_addr(const struct hba_addr_piece *p, struct addr_key *a)
{
	memset(a, 0, sizeof(*a));
	switch (p->kind) {
	case ADDR_CIDR:
		a->tag = AK_CIDR;
		a->family = p->family;
		a->len = leading_ones(p->mask, p->family);
		memcpy(a->net, p->addr, 16);
		return 1;
	default:
		return name_key(p->kind, p->hostname, a);
	}
}

/* Looks k up with every address key that can match piece a. */
static void
lookup_addresses(const struct hba_conf *conf, const struct hba_index *ix,
		 struct key *k, const struct addr_key *a, size_t *best)
{
	int ki = kind_index(k->kind), len;
	size_t i;

	if (ix->all_addr[ki]) {
		memset(&k->addr, 0, sizeof(k->addr));
		k->addr.tag = AK_ALL;
		addr_hashed(&k->addr);
		keep_first(best, lookup(conf, ix, k));
	}
	switch (a->tag) {
	case AK_CIDR:
		for (len = 0; len <= a->len; len++) {
			if (!ix->lengths[ki][a->family == 6][len])
				continue;
			memset(&k->addr, 0, sizeof(k->addr));
			k->addr.tag = AK_CIDR;
			k->addr.family = a->family;
			k->addr.len = len;
			masked(a->net, len, k->addr.net);
			addr_hashed(&k->addr);
			keep_first(best, lookup(conf, ix, k));
		}
		break;
	case AK_HOST:
		/* the name itself, and each ".suffix" that ends it */
		for (i = 0; i < a->host_len; i++) {
			if (i && a->host[i] != '.')
				continue;
			memset(&k->addr, 0, sizeof(k->addr));
			k->addr.tag = AK_HOST;
			k->addr.host = a->host + i;
			k->addr.host_len = a->host_len - i;
			addr_hashed(&k->addr);
			keep_first(best, lookup(conf, ix, k));
		}
		break;
	case AK_SAMEHOST:
	case AK_SAMENET:
	case AK_ANY:
		k->addr = *a;
		addr_hashed(&k->addr);
		keep_first(best, lookup(conf, ix, k));
		break;
	case AK_ALL:
		break;
	}
}

static char all_str[] = "all";
static const struct hba_token all_token = {all_str, 0, 0, 0};

long
hba_index_first(const struct hba_conf *conf, struct hba_index *ix, size_t i,
		unsigned kind, const struct hba_token *db,
		const struct hba_token *user, const struct hba_addr_piece *p)
{
	struct tok_key dbk = tok_key(db, 1, conf->version);
	struct tok_key uk = tok_key(user, 0, conf->version);
	struct tok_key all = tok_key(&all_token, 1, conf->version);
	struct addr_key a;
	size_t best = 0, n;
	int dk, ukk, ki = kind_index(kind);

	if (!ix->built) {
		build(conf, ix);
		ix->built = 1;
	}
	if (!piece_addr(p, &a))
		a.tag = AK_ALL; /* only records for "all" addresses match */
	for (dk = 0; dk < 2; dk++)
		for (ukk = 0; ukk < 2; ukk++) {
			struct key k;

			/* "all" does not match physical replication; and
			 * no key is tried twice, or that no record has */
			if (dk && (dbk.cls == HBA_TC_REPLICATION ||
				   dbk.cls == HBA_TC_ALL || !ix->all_db[ki]))
				continue;
			if (ukk && (uk.cls == HBA_TC_ALL || !ix->all_user[ki]))
				continue;
			k.kind = kind;
			k.db = dk ? all : dbk;
			k.user = ukk ? all : uk;
			if (kind == CONN_LOCAL) {
				memset(&k.addr, 0, sizeof(k.addr));
				addr_hashed(&k.addr);
				keep_first(&best, lookup(conf, ix, &k));
			} else
				lookup_addresses(conf, ix, &k, &a, &best);
		}
	for (n = 0; kind != CONN_LOCAL && n < ix->nodd && ix->odd; n++) {
		size_t j = ix->odd[n];
		const struct hba_record *r = &conf->v[j].rec;

		if ((best && j + 1 >= best) || !(hba_kinds(r->type) & kind) ||
		    !hba_token_covered(db, r->databases, 1, conf->version) ||
		    !hba_token_covered(user, r->users, 0, conf->version) ||
		    !hba_addr_covered(p, r))
			continue;
		best = j + 1;
	}
	return best && best - 1 < i ? (long)(best - 1) : -1;
}

const struct hba_cover *
hba_index_cover(const struct hba_conf *conf, struct hba_index *ix, size_t i)
{
	if (!ix->known) {
		ix->known = xcalloc(conf->nr + 1, 1);
		ix->whole = xcalloc(conf->nr + 1, sizeof(*ix->whole));
	}
	return ix->known[i] ? &ix->whole[i] : NULL;
}

void
hba_index_keep_cover(struct hba_index *ix, size_t i, const struct hba_cover *c)
{
	ix->whole[i] = *c;
	ix->known[i] = 1;
}
