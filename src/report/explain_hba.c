/* SPDX-License-Identifier: MIT */
/*
 * explain_hba.c — the --explain-hba table, from model/hba_model.c's
 * first-match decisions.
 *
 * Rows: one per distinct (address range, database, user) of the file's TCP
 * records, probed with an address inside the range and the names the
 * record lists ("any" stands for a name no record lists), then one row for
 * an address no record names. Columns: plaintext, TLS without a client
 * certificate, TLS with one. A record that may match first but cannot be
 * decided here (a +group, a regex, a host name, samehost, samenet,
 * samerole) makes the answer "unknown".
 */
#include "explain_hba.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../model/hba_model.h"
#include "../status.h"
#include "../util/json.h"
#include "../util/xalloc.h"

#define ANY_NAME "any"

struct row {
	char addr_text[64];
	struct hba_probe probe; /* kind set per column */
	char *database, *user;  /* owned */
};

struct rows {
	struct row *v;
	size_t nr, alloc;
};

/* TEST-NET-3 and the IPv6 documentation prefix: addresses no real
 * configuration is likely to name. */
static const char *const elsewhere[2] = {"203.0.113.9", "2001:db8::9"};

static int
parse_ip(const char *text, struct hba_probe *p)
{
	struct addrinfo hints, *res = NULL;
	int ok;

	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST;
	if (getaddrinfo(text, NULL, &hints, &res) || !res)
		return -1;
	ok = res->ai_family == AF_INET || res->ai_family == AF_INET6;
	memset(p->addr, 0, 16);
	if (res->ai_family == AF_INET) {
		p->family = 4;
		memcpy(p->addr,
		       &((struct sockaddr_in *)(void *)res->ai_addr)->sin_addr,
		       4);
	} else if (ok) {
		p->family = 6;
		memcpy(p->addr,
		       &((struct sockaddr_in6 *)(void *)res->ai_addr)->sin6_addr,
		       16);
	}
	freeaddrinfo(res);
	return ok ? 0 : -1;
}

static void
add_row(struct rows *rs, const struct hba_probe *p, const char *db,
	const char *user)
{
	struct row *r;
	size_t i;

	for (i = 0; i < rs->nr; i++)
		if (rs->v[i].probe.family == p->family &&
		    !memcmp(rs->v[i].probe.addr, p->addr, 16) &&
		    !strcmp(rs->v[i].database, db) &&
		    !strcmp(rs->v[i].user, user))
			return;
	ALLOC_GROW(rs->v, rs->nr + 1, rs->alloc);
	r = &rs->v[rs->nr++];
	r->probe = *p;
	r->database = xstrdup(db);
	r->user = xstrdup(user);
	inet_ntop(p->family == 4 ? AF_INET : AF_INET6, p->addr, r->addr_text,
		  sizeof(r->addr_text));
	r->probe.database = r->database;
	r->probe.user = r->user;
}

/* A name that stands for what the token matches, for a probe. */
static const char *
sample_name(const struct hba_token *t)
{
	if (!t->quoted && (!strcmp(t->str, "all") || !strcmp(t->str, "sameuser")
			   || !strcmp(t->str, "samerole")))
		return ANY_NAME;
	return t->str;
}

/* An address inside the record's range: its first host, or elsewhere[]
 * for a range of everything. */
static int
sample_addr(const struct hba_record *r, struct hba_probe *p)
{
	int bits = hba_prefix_len(r), i, n = r->family == 4 ? 4 : 16;

	if (r->addr_kind == ADDR_ALL)
		return parse_ip(elsewhere[0], p);
	if (r->addr_kind != ADDR_CIDR)
		return -1;
	if (bits == 0)
		return parse_ip(elsewhere[r->family == 6], p);
	p->family = r->family;
	memset(p->addr, 0, 16);
	for (i = 0; i < n; i++)
		p->addr[i] = r->addr[i] & r->mask[i];
	if (bits <= n * 8 - 2)
		p->addr[n - 1] |= 1; /* a host, not the network address */
	return 0;
}

static void
rows_from_file(const struct hba_conf *conf, struct rows *rs)
{
	struct hba_probe p;
	size_t i;
	int v6 = 0;

	memset(&p, 0, sizeof(p));
	for (i = 0; i < conf->nr; i++) {
		const struct hba_record *r = &conf->v[i].rec;

		if (conf->v[i].error || r->type == HBA_LOCAL ||
		    sample_addr(r, &p))
			continue;
		v6 |= p.family == 6;
		add_row(rs, &p, sample_name(&r->databases->v[0]),
			sample_name(&r->users->v[0]));
	}
	parse_ip(elsewhere[0], &p);
	add_row(rs, &p, ANY_NAME, ANY_NAME);
	if (v6) {
		parse_ip(elsewhere[1], &p);
		add_row(rs, &p, ANY_NAME, ANY_NAME);
	}
}

static int
rows_from_probes(const struct str_list *probes, struct rows *rs, char **err)
{
	size_t i;

	for (i = 0; i < probes->nr; i++) {
		char *copy = xstrdup(probes->v[i]);
		char *db = strchr(copy, ','), *user = db ? strchr(db + 1, ',') : NULL;
		struct hba_probe p;

		memset(&p, 0, sizeof(p));
		if (user) {
			*db = '\0';
			*user = '\0';
		}
		if (!user || !db[1] || !user[1] || parse_ip(copy, &p)) {
			*err = xasprintf("invalid probe '%s' (want ADDRESS,"
					 "DATABASE,USER)",
					 probes->v[i]);
			free(copy);
			return PGT_EUSAGE;
		}
		add_row(rs, &p, db + 1, user + 1);
		free(copy);
	}
	return 0;
}

enum column { COL_PLAIN, COL_TLS, COL_TLS_CERT, COL__COUNT };
static const char *const column_key[COL__COUNT] = {"plaintext", "tls",
						   "tls_client_cert"};

struct outcome {
	const char *verdict; /* "allowed", "refused", "unknown" */
	long line;           /* -1 when no record matched */
	const char *why;     /* method, or the reason for a refusal */
};

static struct outcome
decide(const struct hba_conf *conf, struct row *row, enum column col)
{
	struct outcome o = {"refused", -1, "no record matches"};
	struct hba_decision d;
	const struct hba_entry *e;

	row->probe.kind = col == COL_PLAIN ? CONN_PLAIN : CONN_SSL;
	d = hba_decide(conf, &row->probe);
	if (d.maybe >= 0 && (d.entry < 0 || d.maybe < d.entry)) {
		o.verdict = "unknown";
		o.line = (long)conf->v[d.maybe].line;
		o.why = "may match first (group, regex or name lookup)";
		return o;
	}
	if (d.entry < 0)
		return o;
	e = &conf->v[d.entry];
	o.line = (long)e->line;
	o.why = hba_method_names[e->rec.method];
	if (e->rec.method == METHOD_REJECT)
		return o;
	if (col == COL_TLS && e->rec.clientcert != CLIENTCERT_NONE) {
		o.why = "client certificate required";
		return o;
	}
	o.verdict = "allowed";
	return o;
}

static void
put_text(const struct hba_conf *conf, struct rows *rs, struct buf *out)
{
	size_t i;
	int c;

	buf_addf(out,
		 "%s: which record decides a TCP connection (first match "
		 "wins)\n\n",
		 conf->files[0]->path);
	buf_addf(out, "%-20s %-14s %-14s %-32s %-32s %s\n", "address",
		 "database", "user", "plaintext", "TLS, no client cert",
		 "TLS + client cert");
	for (i = 0; i < rs->nr; i++) {
		struct row *r = &rs->v[i];

		buf_addf(out, "%-20s %-14s %-14s", r->addr_text, r->database,
			 r->user);
		for (c = 0; c < COL__COUNT; c++) {
			struct outcome o = decide(conf, r, (enum column)c);
			char cell[96];

			if (o.line < 0)
				snprintf(cell, sizeof(cell), "%s (%s)", o.verdict,
					 o.why);
			else
				snprintf(cell, sizeof(cell), "%s (line %ld %s)",
					 o.verdict, o.line, o.why);
			buf_addf(out, c < COL__COUNT - 1 ? " %-32s" : " %s",
				 cell);
		}
		buf_addch(out, '\n');
	}
}

static void
put_json(const struct hba_conf *conf, struct rows *rs, struct buf *out)
{
	struct json j;
	size_t i;
	int c;

	jw_init(&j, out, 1);
	jw_object_begin(&j);
	jw_kv_string(&j, "file", conf->files[0]->path);
	jw_key(&j, "rows");
	jw_array_begin(&j);
	for (i = 0; i < rs->nr; i++) {
		struct row *r = &rs->v[i];

		jw_object_begin(&j);
		jw_kv_string(&j, "address", r->addr_text);
		jw_kv_string(&j, "database", r->database);
		jw_kv_string(&j, "user", r->user);
		for (c = 0; c < COL__COUNT; c++) {
			struct outcome o = decide(conf, r, (enum column)c);

			jw_key(&j, column_key[c]);
			jw_object_begin(&j);
			jw_kv_string(&j, "verdict", o.verdict);
			jw_key(&j, "line");
			if (o.line < 0)
				jw_null(&j);
			else
				jw_int(&j, o.line);
			jw_kv_string(&j, "why", o.why);
			jw_object_end(&j);
		}
		jw_object_end(&j);
	}
	jw_array_end(&j);
	jw_object_end(&j);
	buf_addch(out, '\n');
}

int
explain_hba(const struct hba_conf *conf, const struct str_list *probes,
	    int json, struct buf *out, char **err)
{
	struct rows rs = {NULL, 0, 0};
	size_t i;
	int rc = 0;

	*err = NULL;
	if (probes->nr)
		rc = rows_from_probes(probes, &rs, err);
	else
		rows_from_file(conf, &rs);
	if (!rc && json)
		put_json(conf, &rs, out);
	else if (!rc)
		put_text(conf, &rs, out);
	for (i = 0; i < rs.nr; i++) {
		free(rs.v[i].database);
		free(rs.v[i].user);
	}
	free(rs.v);
	return rc;
}
