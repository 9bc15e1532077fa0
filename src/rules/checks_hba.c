/* SPDX-License-Identifier: MIT */
/*
 * checks_hba.c — judgements of pg_hba.conf records by what they really
 * match (model/hba_model.c), per RULES.md's reporting decision 4:
 * a record that can never match gets PGT207 and none of PGT201-PGT206;
 * PGT201 fires only where a remote plaintext connection can reach the
 * record; reject records are never too broad.
 */
#include "checks_hba.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/hba_model.h"
#include "../util/xalloc.h"

/* Valid entries, each visited once. */
#define FOR_EACH_RECORD(conf, i, e)                                            \
	for ((i) = 0; (i) < (conf)->nr; (i)++)                                 \
		if (((e) = &(conf)->v[(i)])->error)                            \
			continue;                                              \
		else

static int
never_matches(const struct hba_conf *conf, size_t i)
{
	struct hba_cover c = hba_covered(conf, i, ~0u, 0);

	return c.decided && c.complete;
}

static const char *
type_name(const struct hba_entry *e)
{
	return hba_conntype_names[e->rec.type];
}

static struct finding *
at_type(struct check_ctx *ctx, const struct rule *r, const struct hba_entry *e,
	const char *fmt, const char *arg)
{
	size_t b = e->tokens->fields[0].v[0].begin;
	size_t end = e->tokens->fields[0].v[0].end;

	return check_emit(ctx, r, e->src, b, end, fmt, arg);
}

static int
remote(const struct hba_entry *e)
{
	return e->rec.type != HBA_LOCAL && !hba_is_loopback(&e->rec);
}

void
check_hba_host_plaintext(struct check_ctx *ctx, const struct rule *r,
			 const struct hba_conf *conf,
			 const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i;

	(void)server;
	FOR_EACH_RECORD(conf, i, e)
	{
		if ((e->rec.type != HBA_HOST &&
		     e->rec.type != HBA_HOSTNOGSSENC) ||
		    e->rec.method == METHOD_REJECT || !remote(e) ||
		    hba_covered(conf, i, CONN_PLAIN, 1).complete ||
		    never_matches(conf, i))
			continue;
		check_fix(at_type(ctx, r, e,
				  "'%s' record lets remote clients in without "
				  "TLS (hostssl would require it)",
				  type_name(e)),
			  e->src, e->tokens->fields[0].v[0].begin,
			  e->tokens->fields[0].v[0].end, "hostssl");
	}
}

void
check_hba_hostnossl(struct check_ctx *ctx, const struct rule *r,
		    const struct hba_conf *conf,
		    const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i;

	(void)server;
	FOR_EACH_RECORD(conf, i, e)
	{
		if (e->rec.type != HBA_HOSTNOSSL ||
		    e->rec.method == METHOD_REJECT || !remote(e) ||
		    hba_covered(conf, i, CONN_PLAIN, 1).complete ||
		    never_matches(conf, i))
			continue;
		at_type(ctx, r, e,
			"'hostnossl' record accepts remote clients only when "
			"they do not use TLS (method '%s')",
			hba_method_names[e->rec.method]);
	}
}

static struct finding *
at_method(struct check_ctx *ctx, const struct rule *r,
	  const struct hba_entry *e, const char *fmt, const char *arg)
{
	return check_emit(ctx, r, e->src, e->rec.method_begin,
			  e->rec.method_end, fmt, arg);
}

void
check_hba_trust_remote(struct check_ctx *ctx, const struct rule *r,
		       const struct hba_conf *conf,
		       const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i;

	(void)server;
	FOR_EACH_RECORD(conf, i, e)
	{
		if (e->rec.method != METHOD_TRUST || !remote(e) ||
		    never_matches(conf, i))
			continue;
		at_method(ctx, r, e,
			  "'trust' on a '%s' record for remote clients: anyone "
			  "who can reach the port logs in as any listed user "
			  "without a password",
			  type_name(e));
	}
}

void
check_hba_password(struct check_ctx *ctx, const struct rule *r,
		   const struct hba_conf *conf,
		   const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i;

	(void)server;
	FOR_EACH_RECORD(conf, i, e)
	{
		struct finding *f;
		int plain;

		if (e->rec.method != METHOD_PASSWORD || never_matches(conf, i))
			continue;
		plain = remote(e) && (hba_kinds(e->rec.type) & CONN_PLAIN);
		f = at_method(ctx, r, e,
			      plain ? "method 'password' on a '%s' record "
				      "sends the password in clear over "
				      "unencrypted connections"
				    : "method 'password' on a '%s' record "
				      "sends the password in clear to the "
				      "server",
			      type_name(e));
		f->severity = plain ? SEV_ERROR : SEV_WARNING;
	}
}

void
check_hba_md5(struct check_ctx *ctx, const struct rule *r,
	      const struct hba_conf *conf, const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i;

	(void)server;
	FOR_EACH_RECORD(conf, i, e)
	{
		if (e->rec.method == METHOD_MD5 && !never_matches(conf, i))
			check_fix(at_method(ctx, r, e,
					    "method 'md5' on a '%s' record: "
					    "use scram-sha-256",
					    type_name(e)),
				  e->src, e->rec.method_begin, e->rec.method_end,
				  "scram-sha-256");
	}
}

void
check_hba_broad(struct check_ctx *ctx, const struct rule *r,
		const struct hba_conf *conf, const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i;

	(void)server;
	FOR_EACH_RECORD(conf, i, e)
	{
		int bits = hba_prefix_len(&e->rec);
		char text[80];

		if (e->rec.type == HBA_LOCAL || e->rec.method == METHOD_REJECT ||
		    !remote(e) || never_matches(conf, i))
			continue;
		if (e->rec.addr_kind != ADDR_ALL && (bits < 0 || bits >= 8))
			continue;
		hba_format_addr(&e->rec, text, sizeof(text));
		check_emit(ctx, r, e->src, e->rec.addr_begin, e->rec.addr_end,
			   "address '%s' admits clients from %s", text,
			   e->rec.addr_kind == ADDR_ALL || bits == 0
			       ? "anywhere"
			       : "a network larger than /8");
	}
}

/* The earlier record lets in what this one would have protected more. */
static const char *
weaker(const struct hba_entry *early, const struct hba_entry *late)
{
	unsigned lk = hba_kinds(late->rec.type), ek = hba_kinds(early->rec.type);

	if (!(lk & CONN_PLAIN) && lk != CONN_LOCAL && (ek & CONN_PLAIN) &&
	    early->rec.method != METHOD_REJECT)
		return "admits plaintext";
	if (hba_method_strength(early->rec.method) <
	    hba_method_strength(late->rec.method))
		return "has a weaker method";
	if (early->rec.method != METHOD_REJECT &&
	    early->rec.clientcert < late->rec.clientcert)
		return "checks no client certificate";
	return NULL;
}

void
check_hba_shadowed(struct check_ctx *ctx, const struct rule *r,
		   const struct hba_conf *conf,
		   const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i, k;

	(void)server;
	FOR_EACH_RECORD(conf, i, e)
	{
		struct hba_cover c = hba_covered(conf, i, ~0u, 0);
		char lines[128];
		size_t used = 0;
		const char *why = NULL;
		struct finding *f;
		size_t weak_line = 0;

		if (!c.decided || !c.complete)
			continue;
		lines[0] = '\0';
		for (k = 0; k < c.nby; k++) {
			const struct hba_entry *s = &conf->v[c.by[k]];
			const char *w = weaker(s, e);

			used += (size_t)snprintf(
			    lines + used, sizeof(lines) - used, "%s%s%u",
			    k ? ", " : "", s->src != e->src ? s->src->path : "",
			    s->line);
			if (used >= sizeof(lines))
				used = sizeof(lines) - 1;
			if (w && !why) {
				why = w;
				weak_line = s->line;
			}
		}
		f = at_type(ctx, r, e,
			    c.nby > 1 ? "record can never match: lines %s "
					"take every connection it would "
					"(first match wins)"
				      : "record can never match: line %s takes "
					"every connection it would (first "
					"match wins)",
			    lines);
		if (why) {
			char *more = xasprintf("%s; line %zu %s", f->message,
					       weak_line, why);

			free(f->message);
			f->message = more;
			f->severity = SEV_ERROR;
		}
	}
}

void
check_hba_clientcert_obsolete(struct check_ctx *ctx, const struct rule *r,
			      const struct hba_conf *conf,
			      const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i;

	(void)server;
	FOR_EACH_RECORD(conf, i, e)
	{
		size_t k;

		if (!e->rec.clientcert_obsolete)
			continue;
		for (k = 0; k < e->rec.noptions; k++)
			if (!strcmp(e->rec.options[k].name, "clientcert"))
				check_emit(ctx, r, e->src,
					   e->rec.options[k].begin,
					   e->rec.options[k].end,
					   "clientcert=%s was removed in "
					   "PostgreSQL 14: the server refuses "
					   "this file",
					   e->rec.options[k].value);
	}
}

void
check_hba_hostssl_without_ssl(struct check_ctx *ctx, const struct rule *r,
			      const struct hba_conf *conf,
			      const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i;

	if (server->ssl_on != 0)
		return;
	FOR_EACH_RECORD(conf, i, e)
	{
		if (e->rec.type == HBA_HOSTSSL)
			at_type(ctx, r, e,
				"hostssl record can never match: ssl is off in "
				"'%s'",
				server->conf_path);
	}
}

void
check_hba_cert_without_ca(struct check_ctx *ctx, const struct rule *r,
			  const struct hba_conf *conf,
			  const struct server_facts *server)
{
	const struct hba_entry *e;
	size_t i;

	if (server->ca_file_set != 0)
		return;
	FOR_EACH_RECORD(conf, i, e)
	{
		if (e->rec.clientcert == CLIENTCERT_NONE)
			continue;
		if (e->rec.method == METHOD_CERT)
			at_method(ctx, r, e,
				  "method 'cert' needs ssl_ca_file, which is "
				  "unset in '%s'",
				  server->conf_path);
		else
			check_emit(ctx, r, e->src, e->rec.clientcert_begin,
				   e->rec.clientcert_end,
				   "clientcert needs ssl_ca_file, which is "
				   "unset in '%s'",
				   server->conf_path);
	}
}
