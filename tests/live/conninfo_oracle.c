/* SPDX-License-Identifier: MIT */
/*
 * conninfo_oracle.c — the real libpq as the oracle for our conninfo parser.
 *
 * A deterministic generator writes connection strings, keyword/value and
 * URI, valid and malformed (quotes, escapes, percent-encodings, IPv6,
 * several hosts, unknown keywords, every sslmode and invalid ones). For
 * each:
 *
 *  1. PQconninfoParse and conninfo_parse must agree on accept/reject and,
 *     when accepted, on the value of every keyword;
 *  2. for strings both accept, libpq's checks before any network I/O
 *     (PQconnectStartParams with every host replaced by a Unix socket
 *     directory that does not exist) and conninfo_check must agree on
 *     whether the options are refused.
 *
 * usage: conninfo_oracle [COUNT]   (default 12000; prints the agreement)
 */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle_libpq.h"
#include "parsers/conninfo.h"
#include "util/buf.h"
#include "util/xalloc.h"

static size_t
our_values(const struct conninfo *ci, struct kv *out)
{
	size_t n = 0, i, j;

	for (i = 0; i < ci->nr; i++) {
		for (j = 0; j < n && strcmp(out[j].k, ci->v[i].key); j++)
			;
		out[j].k = ci->v[i].key;
		out[j].v = ci->v[i].value;
		if (j == n)
			n++;
	}
	qsort(out, n, sizeof(*out), cmp_kv);
	return n;
}

static int
our_stage2(const struct conninfo *ci, int version)
{
	struct conninfo mod;
	const struct conn_param *param;
	size_t i;
	char *err;
	int refused;

	memset(&mod, 0, sizeof(mod));
	for (i = 0; i < ci->nr; i++) {
		struct conn_param cp = ci->v[i];

		if (dropped(cp.key))
			continue;
		cp.key = xstrdup(cp.key);
		cp.value = !strcmp(cp.key, "host") ? socket_hosts(cp.value)
						   : xstrdup(cp.value);
		ALLOC_GROW(mod.v, mod.nr + 1, mod.alloc);
		mod.v[mod.nr++] = cp;
	}
	err = conninfo_check(&mod, version, &param);
	refused = err != NULL;
	free(err);
	conninfo_release(&mod);
	return refused;
}

int
main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 12000, i;
	int version = PQlibVersion() / 10000;
	long parse_agree = 0, values_agree = 0, stage2 = 0, stage2_agree = 0;
	long shown = 0, accepted = 0;

	oracle_clear_pg_env();
	for (i = 0; i < count; i++) {
		struct buf s = BUF_INIT;
		struct conninfo ci;
		PQconninfoOption *opts;
		char *perr = NULL;
		int ours_ok, theirs_ok;
		struct kv a[64], b[64];
		size_t na = 0, nb = 0, k;
		int same = 1;

		if (rnd(2))
			gen_kv(&s);
		else
			gen_uri(&s);
		opts = PQconninfoParse(s.ptr, &perr);
		theirs_ok = opts != NULL;
		ours_ok = conninfo_parse(s.ptr, s.len, version, &ci) == 0;
		if (ours_ok == theirs_ok)
			parse_agree++;
		else if (shown++ < 20)
			printf("DISAGREE parse: [%s] libpq %s, ours %s (%s)\n",
			       s.ptr, theirs_ok ? "accepts" : "rejects",
			       ours_ok ? "accepts" : "rejects",
			       ours_ok ? "-" : ci.error);
		if (ours_ok && theirs_ok) {
			accepted++;
			na = libpq_values(opts, a);
			nb = our_values(&ci, b);
			same = na == nb;
			for (k = 0; same && k < na; k++)
				same = !strcmp(a[k].k, b[k].k) &&
				       !strcmp(a[k].v, b[k].v);
			if (same)
				values_agree++;
			else if (shown++ < 20)
				printf("DISAGREE values: [%s]\n", s.ptr);
			if (same) {
				int l2 = libpq_stage2(a, na), o2 =
								  our_stage2(&ci,
									     version);

				stage2++;
				if (l2 == o2)
					stage2_agree++;
				else if (shown++ < 20)
					printf("DISAGREE check: [%s] libpq %s, "
					       "ours %s\n",
					       s.ptr,
					       l2 ? "refuses" : "accepts",
					       o2 ? "refuses" : "accepts");
			}
		}
		PQconninfoFree(opts);
		PQfreemem(perr);
		conninfo_release(&ci);
		buf_release(&s);
	}
	printf("conninfo oracle (libpq %d): %ld strings; parse agrees on %ld; "
	       "of %ld accepted, values agree on %ld; pre-connection checks "
	       "agree on %ld of %ld\n",
	       version, count, parse_agree, accepted, values_agree,
	       stage2_agree, stage2);
	printf("conninfo-oracle: %ld passed, %ld failed\n",
	       parse_agree + values_agree + stage2_agree,
	       (count - parse_agree) + (accepted - values_agree) +
		   (stage2 - stage2_agree));
	return parse_agree == count && values_agree == accepted &&
		       stage2_agree == stage2
		   ? 0
		   : 1;
}
