/* SPDX-License-Identifier: MIT */
/*
 * test_hba_index.c — the shadowing index against the scan it replaced:
 * for thousands of random pg_hba.conf files over a small vocabulary (so
 * that records often cover each other: "all", replication, quoted
 * keywords, +groups, CIDR ranges of every length, masks that are not
 * prefixes, host names and their suffix forms, samehost), every record's
 * cover for every kind must be the one a scan of the earlier records
 * finds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/hba_conf.h"
#include "model/hba_model.h"
#include "tests.h"

static unsigned long rng_state;

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)(rng_state >> 33) % n;
}

static const char *const types[] = {"local",	 "host",       "hostssl",
				    "hostnossl", "hostgssenc", "hostnogssenc"};
static const char *const dbs[] = {"all",      "replication", "\"all\"", "app",
				  "sameuser", "samerole",    "other"};
static const char *const users[] = {"all", "+staff", "\"all\"", "bob", "alice"};
static const char *const addrs[] = {"all",
				    "0.0.0.0/0",
				    "10.0.0.0/8",
				    "10.1.0.0/16",
				    "10.1.2.0/24",
				    "10.1.2.3/32",
				    "192.168.0.0/16",
				    "10.0.0.0 255.0.255.0",
				    "10.1.0.0 255.255.0.0",
				    "::/0",
				    "fe80::/10",
				    "::1/128",
				    "samehost",
				    "samenet",
				    ".example.com",
				    "db.example.com",
				    "example.com"};

static void
random_file(char *out, size_t cap, size_t nrec)
{
	size_t i, used = 0;

	out[0] = '\0';
	for (i = 0; i < nrec; i++) {
		const char *t = types[rnd(6)];
		char dl[64], ul[64];

		snprintf(dl, sizeof(dl), "%s%s%s", dbs[rnd(7)],
			 rnd(3) ? "" : ",", "");
		if (dl[strlen(dl) - 1] == ',')
			snprintf(dl + strlen(dl), sizeof(dl) - strlen(dl), "%s",
				 dbs[rnd(7)]);
		snprintf(ul, sizeof(ul), "%s", users[rnd(5)]);
		if (!rnd(3))
			snprintf(ul + strlen(ul), sizeof(ul) - strlen(ul),
				 ",%s", users[rnd(5)]);
		used += (size_t)snprintf(
		    out + used, cap - used,
		    !strcmp(t, "local") ? "%s %s %s%s md5\n"
					: "%s %s %s %s md5\n",
		    t, dl, ul, !strcmp(t, "local") ? "" : addrs[rnd(17)]);
	}
}

/* The scan the index replaced: the first earlier valid record that
 * matches the whole piece. */
static long
scan_first(const struct hba_conf *conf, size_t i, unsigned kind,
	   const struct hba_token *db, const struct hba_token *user,
	   const struct hba_addr_piece *ap)
{
	size_t j;

	for (j = 0; j < i; j++) {
		const struct hba_record *r = &conf->v[j].rec;

		if (conf->v[j].error || !(hba_kinds(r->type) & kind))
			continue;
		if (!hba_token_covered(db, r->databases, 1, conf->version) ||
		    !hba_token_covered(user, r->users, 0, conf->version))
			continue;
		if (kind != CONN_LOCAL && !hba_addr_covered(ap, r))
			continue;
		return (long)j;
	}
	return -1;
}

/* hba_covered, done with the scan. */
static int
scan_covered(const struct hba_conf *conf, size_t i, unsigned kinds)
{
	const struct hba_record *r = &conf->v[i].rec;
	struct hba_addr_piece ap[2];
	size_t na = 1, d, u, a;
	unsigned k;

	memset(ap, 0, sizeof(ap));
	if (r->addr_kind == ADDR_ALL) {
		ap[0].kind = ap[1].kind = ADDR_CIDR;
		ap[0].family = 4;
		ap[1].family = 6;
		na = 2;
	} else {
		ap[0].kind = r->addr_kind;
		ap[0].family = r->family;
		memcpy(ap[0].addr, r->addr, 16);
		memcpy(ap[0].mask, r->mask, 16);
		ap[0].hostname = r->hostname;
	}
	kinds &= hba_kinds(r->type);
	for (k = CONN_LOCAL; k <= CONN_GSS; k <<= 1)
		for (a = 0; (kinds & k) && a < na; a++)
			for (d = 0; d < r->databases->nr; d++)
				for (u = 0; u < r->users->nr; u++)
					if (scan_first(
						conf, i, k, &r->databases->v[d],
						&r->users->v[u], &ap[a]) < 0)
						return 0;
	return 1;
}

START_TEST(test_index_agrees_with_scan)
{
	static char text[1 << 16];
	size_t round, i, compared = 0;

	rng_state = 20261206;
	for (round = 0; round < 2000; round++) {
		struct source src;
		struct hba_conf conf;

		random_file(text, sizeof(text), 2 + rnd(30));
		source_from_mem(&src, "pg_hba.conf", text, strlen(text));
		hba_conf_load(&conf, &src, 16);
		for (i = 0; i < conf.nr; i++) {
			unsigned kinds = rnd(2) ? ~0u : CONN_PLAIN;

			if (conf.v[i].error)
				continue;
			ck_assert_msg(
			    hba_covered(&conf, i, kinds, 0).complete ==
				scan_covered(&conf, i, kinds),
			    "record %zu of:\n%s", i + 1, text);
			compared++;
		}
		hba_conf_release(&conf);
	}
	ck_assert_uint_gt(compared, 10000);
}
END_TEST

Suite *
suite_hba_index(void)
{
	Suite *s = suite_create("hba_index");
	TCase *tc = tcase_create("hba_index");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_index_agrees_with_scan);
	suite_add_tcase(s, tc);
	return s;
}
