/* SPDX-License-Identifier: MIT */
/*
 * hba_record.c — judge one tokenized pg_hba.conf line as PostgreSQL does.
 *
 * Record forms (https://www.postgresql.org/docs/current/auth-pg-hba-conf.html):
 *
 *   local    DATABASE USER METHOD [OPTION=VALUE ...]
 *   host*    DATABASE USER ADDRESS METHOD [OPTION=VALUE ...]
 *   host*    DATABASE USER IP-ADDRESS IP-MASK METHOD [OPTION=VALUE ...]
 *
 * host* is host, hostssl, hostnossl, hostgssenc or hostnogssenc (12+).
 * Messages are parse_hba_line()'s and parse_hba_auth_opt()'s
 * (src/backend/libpq/hba.c), checked against a live server's
 * pg_hba_file_rules by tests/live/hba_oracle.py. Addresses are parsed with
 * getaddrinfo(AI_NUMERICHOST), exactly as the server does; anything that is
 * not numeric is a host name.
 *
 * Divergences, on purpose: sspi and bsd are accepted (they depend on the
 * platform the server is built for, not on the file), RADIUS server names
 * are not resolved, and /regex tokens (16+) are not compiled.
 */
#include "hba_record.h"

#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "../util/buf.h"
#include "../util/xalloc.h"

const char *const hba_conntype_names[HBA_CONNTYPE__COUNT] = {
	"local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc"};
const char *const hba_method_names[METHOD__COUNT] = {
	"reject", "trust", "ident", "password", "md5", "scram-sha-256", "gss",
	"sspi", "pam", "bsd", "ldap", "cert", "radius", "peer", "oauth"};
_Static_assert(sizeof(hba_method_names) / sizeof(hba_method_names[0]) ==
		   METHOD__COUNT,
	       "method names");

/* What the options set, for the checks parse_hba_line makes after them. */
struct opts_seen {
	int ldapserver, ldapbasedn, ldapbinddn, ldapbindpasswd;
	int ldapsearchattribute, ldapsearchfilter, ldapprefix, ldapsuffix;
	int radiusservers, radiussecrets;
	size_t nservers, nsecrets, nports, nidentifiers;
	int oauth_issuer, oauth_scope;
};

struct ctx {
	struct hba_record *rec;
	int version;
	char **err;
	size_t *eb, *ee;
};

static int
fail(struct ctx *c, size_t begin, size_t end, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	*c->err = xvasprintf(fmt, ap);
	va_end(ap);
	str_cut_quoted(c->err, QUOTE_MAX); /* the values it quotes */
	*c->eb = begin;
	*c->ee = end;
	return -1;
}

static int
is_keyword(const struct hba_token *t, const char *k)
{
	return !t->quoted && !strcmp(t->str, k);
}

/* getaddrinfo(AI_NUMERICHOST): 0 and the address, EAI_NONAME for a host
 * name, or another EAI_ code. */
static int
numeric_addr(const char *s, int *family, unsigned char out[16])
{
	struct addrinfo hints, *res = NULL;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST;
	hints.ai_family = AF_UNSPEC;
	rc = getaddrinfo(s, NULL, &hints, &res);
	if (rc == 0 && res) {
		memset(out, 0, 16);
		if (res->ai_family == AF_INET) {
			*family = 4;
			memcpy(out, &((struct sockaddr_in *)(void *)res->ai_addr)
					 ->sin_addr,
			       4);
		} else {
			*family = 6;
			memcpy(out,
			       &((struct sockaddr_in6 *)(void *)res->ai_addr)
				    ->sin6_addr,
			       16);
		}
	}
	if (res)
		freeaddrinfo(res);
	return rc == 0 && !res ? EAI_NONAME : rc;
}

/* pg_sockaddr_cidr_mask(): a decimal bit count within the family's size. */
static int
cidr_mask(const char *bits, int family, unsigned char mask[16])
{
	char *end;
	long n = strtol(bits, &end, 10);
	int i;

	if (!*bits || *end || n < 0 || n > (family == 4 ? 32 : 128))
		return -1;
	memset(mask, 0, 16);
	for (i = 0; i < n; i++)
		mask[i / 8] |= (unsigned char)(0x80 >> (i % 8));
	return 0;
}

static int
parse_address(struct ctx *c, const struct hba_line *line, size_t *fi)
{
	struct hba_record *r = c->rec;
	const struct hba_field *f;
	const struct hba_token *t;
	char *str, *slash;
	int rc;

	if (*fi >= line->nfields)
		return fail(c, line->end, line->end,
			    "end-of-line before IP address specification");
	f = &line->fields[*fi];
	t = &f->v[0];
	r->addr_begin = t->begin;
	r->addr_end = t->end;
	if (f->nr > 1)
		return fail(c, t->begin, f->v[f->nr - 1].end,
			    "multiple values specified for host address");
	if (is_keyword(t, "all") || is_keyword(t, "samehost") ||
	    is_keyword(t, "samenet")) {
		r->addr_kind = is_keyword(t, "all")	   ? ADDR_ALL
			       : is_keyword(t, "samehost") ? ADDR_SAMEHOST
							   : ADDR_SAMENET;
		(*fi)++;
		return 0;
	}
	str = xstrdup(t->str);
	slash = strchr(str, '/');
	if (slash)
		*slash = '\0';
	rc = numeric_addr(str, &r->family, r->addr);
	if (rc == EAI_NONAME) {
		r->addr_kind = ADDR_HOSTNAME;
		r->hostname = t->str;
	} else if (rc) {
		rc = fail(c, t->begin, t->end, "invalid IP address \"%s\": %s",
			  str, gai_strerror(rc));
		free(str);
		return rc;
	} else
		r->addr_kind = ADDR_CIDR;
	free(str);
	if (slash && r->addr_kind == ADDR_HOSTNAME)
		return fail(c, t->begin, t->end,
			    "specifying both host name and CIDR mask is "
			    "invalid: \"%s\"",
			    t->str);
	if (slash) {
		if (cidr_mask(strchr(t->str, '/') + 1, r->family, r->mask))
			return fail(c, t->begin, t->end,
				    "invalid CIDR mask in address \"%s\"",
				    t->str);
	} else if (r->addr_kind == ADDR_CIDR) {
		int mfam = 0;

		if (++*fi >= line->nfields)
			return fail(c, line->end, line->end,
				    "end-of-line before netmask "
				    "specification");
		f = &line->fields[*fi];
		t = &f->v[0];
		r->addr_end = t->end;
		if (f->nr > 1)
			return fail(c, t->begin, f->v[f->nr - 1].end,
				    "multiple values specified for netmask");
		rc = numeric_addr(t->str, &mfam, r->mask);
		if (rc)
			return fail(c, t->begin, t->end,
				    "invalid IP mask \"%s\": %s", t->str,
				    gai_strerror(rc));
		if (mfam != r->family)
			return fail(c, t->begin, t->end,
				    "IP address and mask do not match");
	}
	(*fi)++;
	return 0;
}

static int
parse_method(struct ctx *c, const struct hba_line *line, size_t fi)
{
	struct hba_record *r = c->rec;
	const struct hba_field *f;
	const struct hba_token *t;
	int m;

	if (fi >= line->nfields)
		return fail(c, line->end, line->end,
			    "end-of-line before authentication method");
	f = &line->fields[fi];
	t = &f->v[0];
	r->method_begin = t->begin;
	r->method_end = t->end;
	if (f->nr > 1)
		return fail(c, t->begin, f->v[f->nr - 1].end,
			    "multiple values specified for authentication "
			    "type");
	for (m = 0; m < METHOD__COUNT; m++)
		if (!strcmp(t->str, hba_method_names[m]))
			break;
	if (m == METHOD__COUNT || (m == METHOD_OAUTH && c->version < 18))
		return fail(c, t->begin, t->end,
			    "invalid authentication method \"%s\"", t->str);
	r->method = (enum hba_method)m;
	if (r->type == HBA_LOCAL && r->method == METHOD_IDENT)
		r->method = METHOD_PEER; /* hba.c: ident on local means peer */
	if (r->type == HBA_LOCAL && r->method == METHOD_GSS)
		return fail(c, t->begin, t->end,
			    "gssapi authentication is not supported on local "
			    "sockets");
	if (r->type != HBA_LOCAL && r->method == METHOD_PEER)
		return fail(c, t->begin, t->end,
			    "peer authentication is only supported on local "
			    "sockets");
	if (r->type != HBA_HOSTSSL && r->method == METHOD_CERT)
		return fail(c, t->begin, t->end,
			    "cert authentication is only supported on hostssl "
			    "connections");
	return 0;
}

/* SplitGUCList(): comma-separated items, blanks trimmed, none empty. */
static int
split_list(const char *v, size_t *count)
{
	const char *p = v;

	*count = 0;
	for (;;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		while (n && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (!n)
			return -1;
		(*count)++;
		if (!e)
			return 0;
		p = e + 1;
	}
}

static int
only_for(struct ctx *c, const struct hba_option *o, const char *methods)
{
	return fail(c, o->begin, o->end,
		    "authentication option \"%s\" is only valid for "
		    "authentication methods %s",
		    o->name, methods);
}

static int
require(struct ctx *c, const struct hba_option *o, enum hba_method m)
{
	return c->rec->method == m ? 0 : only_for(c, o, hba_method_names[m]);
}

static int
parse_clientcert(struct ctx *c, const struct hba_option *o)
{
	struct hba_record *r = c->rec;
	const char *v = o->value;

	if (r->type != HBA_HOSTSSL)
		return fail(c, o->begin, o->end,
			    "clientcert can only be configured for \"hostssl\" "
			    "rows");
	r->clientcert_begin = o->begin;
	r->clientcert_end = o->end;
	if (!strcmp(v, "verify-full")) {
		r->clientcert = CLIENTCERT_FULL;
		return 0;
	}
	if (!strcmp(v, "verify-ca")) {
		if (r->method == METHOD_CERT)
			return fail(c, o->begin, o->end,
				    "clientcert can only be set to "
				    "\"verify-full\" when using \"cert\" "
				    "authentication");
		r->clientcert = CLIENTCERT_CA;
		return 0;
	}
	if (!strcmp(v, "1") || !strcmp(v, "0") || !strcmp(v, "no-verify")) {
		/* Removed in PostgreSQL 14 (PGT208 reports it). */
		r->clientcert = v[0] == '1' ? CLIENTCERT_CA : CLIENTCERT_NONE;
		r->clientcert_obsolete = c->version >= 14;
		return 0;
	}
	return fail(c, o->begin, o->end, "invalid value for clientcert: \"%s\"",
		    v);
}

/* The n-th '?'-separated part after the DN of an LDAP URL is non-empty:
 * ldap://host/dn?attributes?scope?filter (RFC 4516). */
static int
url_part_set(const char *after_dn, int n)
{
	const char *p = after_dn;

	while (n-- > 0) {
		p = strchr(p, '?');
		if (!p)
			return 0;
		p++;
	}
	return *p && *p != '?';
}

/* What OpenLDAP's ldap_url_parse gives parse_hba_auth_opt. */
static int
parse_ldapurl(struct ctx *c, const struct hba_option *o, struct opts_seen *s)
{
	const char *v = o->value, *rest, *slash;

	if (!strncmp(v, "ldap://", 7) || !strncmp(v, "ldaps://", 8))
		rest = strstr(v, "://") + 3;
	else if (!strncmp(v, "ldapi://", 8))
		return fail(c, o->begin, o->end,
			    "unsupported LDAP URL scheme: ldapi");
	else
		return fail(c, o->begin, o->end,
			    "could not parse LDAP URL \"%s\"", v);
	s->ldapserver = *rest && *rest != '/';
	slash = strchr(rest, '/');
	s->ldapbasedn = slash != NULL;
	if (slash) {
		s->ldapsearchattribute |= url_part_set(slash, 1);
		s->ldapsearchfilter |= url_part_set(slash, 3);
	}
	return 0;
}

static int
parse_option(struct ctx *c, const struct hba_option *o, struct opts_seen *s)
{
	static const char *const ldap_opts[] = {
	    "ldaptls", "ldapscheme", "ldapserver", "ldapport", "ldapbinddn",
	    "ldapbindpasswd", "ldapsearchattribute", "ldapsearchfilter",
	    "ldapbasedn", "ldapprefix", "ldapsuffix"};
	const struct hba_record *r = c->rec;
	const char *n = o->name;
	size_t i;

	if (!strcmp(n, "map")) {
		if (r->method != METHOD_IDENT && r->method != METHOD_PEER &&
		    r->method != METHOD_GSS && r->method != METHOD_SSPI &&
		    r->method != METHOD_CERT &&
		    !(r->method == METHOD_OAUTH && c->version >= 18))
			return only_for(c, o,
					c->version >= 18
					    ? "ident, peer, gssapi, sspi, cert, "
					      "and oauth"
					    : "ident, peer, gssapi, sspi, and "
					      "cert");
		return 0;
	}
	if (!strcmp(n, "clientcert"))
		return parse_clientcert(c, o);
	if (!strcmp(n, "clientname") && c->version >= 14) {
		if (r->type != HBA_HOSTSSL)
			return fail(c, o->begin, o->end,
				    "clientname can only be configured for "
				    "\"hostssl\" rows");
		if (strcmp(o->value, "CN") && strcmp(o->value, "DN"))
			return fail(c, o->begin, o->end,
				    "invalid value for clientname: \"%s\"",
				    o->value);
		return 0;
	}
	if (!strcmp(n, "pamservice") || !strcmp(n, "pam_use_hostname"))
		return require(c, o, METHOD_PAM);
	if (!strcmp(n, "ldapurl"))
		return require(c, o, METHOD_LDAP) || parse_ldapurl(c, o, s);
	for (i = 0; i < sizeof(ldap_opts) / sizeof(ldap_opts[0]); i++) {
		if (strcmp(n, ldap_opts[i]))
			continue;
		if (require(c, o, METHOD_LDAP))
			return -1;
		if (!strcmp(n, "ldapport") && atoi(o->value) == 0)
			return fail(c, o->begin, o->end,
				    "invalid LDAP port number: \"%s\"",
				    o->value);
		s->ldapserver |= !strcmp(n, "ldapserver");
		s->ldapbasedn |= !strcmp(n, "ldapbasedn");
		s->ldapbinddn |= !strcmp(n, "ldapbinddn");
		s->ldapbindpasswd |= !strcmp(n, "ldapbindpasswd");
		s->ldapsearchattribute |= !strcmp(n, "ldapsearchattribute");
		s->ldapsearchfilter |= !strcmp(n, "ldapsearchfilter");
		s->ldapprefix |= !strcmp(n, "ldapprefix");
		s->ldapsuffix |= !strcmp(n, "ldapsuffix");
		return 0;
	}
	if (!strcmp(n, "krb_realm") || !strcmp(n, "include_realm"))
		return r->method == METHOD_GSS || r->method == METHOD_SSPI
			   ? 0
			   : only_for(c, o, "gssapi and sspi");
	if (!strcmp(n, "compat_realm") || !strcmp(n, "upn_username"))
		return require(c, o, METHOD_SSPI);
	if (!strncmp(n, "radius", 6) &&
	    (!strcmp(n + 6, "servers") || !strcmp(n + 6, "secrets") ||
	     !strcmp(n + 6, "ports") || !strcmp(n + 6, "identifiers"))) {
		size_t count;

		if (require(c, o, METHOD_RADIUS))
			return -1;
		if (split_list(o->value, &count))
			return fail(c, o->begin, o->end,
				    "could not parse RADIUS %s list \"%s\"",
				    n + 6, o->value);
		if (!strcmp(n + 6, "ports")) {
			const char *p = o->value;

			for (; p; p = strchr(p, ','), p = p ? p + 1 : p)
				if (atoi(p) == 0)
					return fail(c, o->begin, o->end,
						    "invalid RADIUS port "
						    "number: \"%s\"",
						    o->value);
			s->nports = count;
		}
		if (n[6] == 's' && n[8] == 'r') /* servers */
			s->radiusservers = 1, s->nservers = count;
		else if (n[6] == 's')
			s->radiussecrets = 1, s->nsecrets = count;
		else if (n[6] == 'i')
			s->nidentifiers = count;
		return 0;
	}
	if (c->version >= 18 &&
	    (!strcmp(n, "issuer") || !strcmp(n, "scope") ||
	     !strcmp(n, "validator") || !strcmp(n, "delegate_ident_mapping"))) {
		s->oauth_issuer |= !strcmp(n, "issuer");
		s->oauth_scope |= !strcmp(n, "scope");
		return require(c, o, METHOD_OAUTH);
	}
	return fail(c, o->begin, o->end,
		    "unrecognized authentication option name: \"%s\"", n);
}

/* The checks parse_hba_line makes once every option is read. */
static int
check_mandatory(struct ctx *c, const struct hba_line *line,
		const struct opts_seen *s)
{
	const struct hba_record *r = c->rec;
	size_t b = r->method_begin, e = line->end;

	if (r->method == METHOD_LDAP) {
		if (s->ldapprefix || s->ldapsuffix) {
			if (s->ldapbasedn || s->ldapbinddn ||
			    s->ldapbindpasswd || s->ldapsearchattribute ||
			    s->ldapsearchfilter)
				return fail(c, b, e,
					    "cannot mix options for simple "
					    "bind and search+bind modes");
		} else if (!s->ldapbasedn)
			return fail(c, b, e,
				    "authentication method \"ldap\" requires "
				    "argument \"ldapbasedn\", \"ldapprefix\", "
				    "or \"ldapsuffix\" to be set");
		if (s->ldapsearchattribute && s->ldapsearchfilter)
			return fail(c, b, e,
				    "cannot use ldapsearchattribute together "
				    "with ldapsearchfilter");
	}
	if (r->method == METHOD_RADIUS) {
		if (!s->radiusservers || !s->radiussecrets)
			return fail(c, b, e,
				    "authentication method \"radius\" requires "
				    "argument \"%s\" to be set",
				    s->radiusservers ? "radiussecrets"
						     : "radiusservers");
		if (s->nsecrets != 1 && s->nsecrets != s->nservers)
			return fail(c, b, e,
				    "the number of RADIUS secrets (%zu) must "
				    "be 1 or the same as the number of RADIUS "
				    "servers (%zu)",
				    s->nsecrets, s->nservers);
		if (s->nports > 1 && s->nports != s->nservers)
			return fail(c, b, e,
				    "the number of RADIUS ports (%zu) must be "
				    "1 or the same as the number of RADIUS "
				    "servers (%zu)",
				    s->nports, s->nservers);
		if (s->nidentifiers > 1 && s->nidentifiers != s->nservers)
			return fail(c, b, e,
				    "the number of RADIUS identifiers (%zu) "
				    "must be 1 or the same as the number of "
				    "RADIUS servers (%zu)",
				    s->nidentifiers, s->nservers);
	}
	if (r->method == METHOD_OAUTH && (!s->oauth_scope || !s->oauth_issuer))
		return fail(c, b, e,
			    "authentication method \"oauth\" requires "
			    "argument \"%s\" to be set",
			    s->oauth_scope ? "issuer" : "scope");
	return 0;
}

static int
parse_options(struct ctx *c, const struct hba_line *line, size_t fi)
{
	struct hba_record *r = c->rec;
	struct opts_seen seen;
	size_t i, n = 0;

	memset(&seen, 0, sizeof(seen));
	for (i = fi; i < line->nfields; i++)
		n += line->fields[i].nr;
	r->options = xcalloc(n ? n : 1, sizeof(*r->options));
	for (; fi < line->nfields; fi++)
		for (i = 0; i < line->fields[fi].nr; i++) {
			const struct hba_token *t = &line->fields[fi].v[i];
			struct hba_option *o = &r->options[r->noptions];
			char *eq = strchr(t->str, '=');

			if (!eq)
				return fail(c, t->begin, t->end,
					    "authentication option not in "
					    "name=value format: %s",
					    t->str);
			o->name = xstrndup(t->str, (size_t)(eq - t->str));
			o->value = eq + 1;
			o->begin = t->begin;
			o->end = t->end;
			r->noptions++;
			if (parse_option(c, o, &seen))
				return -1;
		}
	if (check_mandatory(c, line, &seen))
		return -1;
	if (r->method == METHOD_CERT)
		r->clientcert = CLIENTCERT_FULL;
	return 0;
}

static int
parse_type(struct ctx *c, const struct hba_line *line)
{
	const struct hba_field *f = &line->fields[0];
	const struct hba_token *t = &f->v[0];
	int i;

	if (f->nr > 1)
		return fail(c, t->begin, f->v[f->nr - 1].end,
			    "multiple values specified for connection type");
	for (i = 0; i < HBA_CONNTYPE__COUNT; i++)
		if (!strcmp(t->str, hba_conntype_names[i]))
			break;
	if (i == HBA_CONNTYPE__COUNT ||
	    ((i == HBA_HOSTGSSENC || i == HBA_HOSTNOGSSENC) && c->version < 12))
		return fail(c, t->begin, t->end,
			    "invalid connection type \"%s\"", t->str);
	c->rec->type = (enum hba_conntype)i;
	return 0;
}

int
hba_record_parse(const struct hba_line *line, int version,
		 struct hba_record *rec, char **err, size_t *err_begin,
		 size_t *err_end)
{
	struct ctx c = {rec, version, err, err_begin, err_end};
	size_t fi = 3;

	memset(rec, 0, sizeof(*rec));
	*err = NULL;
	if (parse_type(&c, line))
		return -1;
	if (line->nfields < 2)
		return fail(&c, line->end, line->end,
			    "end-of-line before database specification");
	rec->databases = &line->fields[1];
	if (line->nfields < 3)
		return fail(&c, line->end, line->end,
			    "end-of-line before role specification");
	rec->users = &line->fields[2];
	if (rec->type != HBA_LOCAL && parse_address(&c, line, &fi))
		return -1;
	if (parse_method(&c, line, fi))
		return -1;
	return parse_options(&c, line, fi + 1);
}

void
hba_record_release(struct hba_record *rec)
{
	size_t i;

	for (i = 0; i < rec->noptions; i++)
		free(rec->options[i].name);
	free(rec->options);
	memset(rec, 0, sizeof(*rec));
}

void
hba_format_addr(const struct hba_record *rec, char *out, size_t cap)
{
	int bits = 0, i, contiguous = 1, n = rec->family == 4 ? 4 : 16;

	switch (rec->addr_kind) {
	case ADDR_ALL:
		snprintf(out, cap, "all");
		return;
	case ADDR_SAMEHOST:
		snprintf(out, cap, "samehost");
		return;
	case ADDR_SAMENET:
		snprintf(out, cap, "samenet");
		return;
	case ADDR_HOSTNAME:
		snprintf(out, cap, "%s", rec->hostname);
		return;
	case ADDR_NONE:
		snprintf(out, cap, "local");
		return;
	case ADDR_CIDR:
		break;
	}
	for (i = 0; i < n * 8; i++) {
		int set = rec->mask[i / 8] & (0x80 >> (i % 8));

		if (set && bits != i)
			contiguous = 0;
		bits += set != 0;
	}
	inet_ntop(rec->family == 4 ? AF_INET : AF_INET6, rec->addr, out,
		  (socklen_t)cap);
	if (contiguous)
		snprintf(out + strlen(out), cap - strlen(out), "/%d", bits);
	else
		snprintf(out + strlen(out), cap - strlen(out), " (netmask)");
}
