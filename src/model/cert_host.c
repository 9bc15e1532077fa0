/* SPDX-License-Identifier: MIT */
/*
 * cert_host.c — a certificate's names against a client's host, per driver.
 *
 * Each matcher follows its driver's code (read for PostgreSQL 14.22,
 * 15.15, 16.13, 17.4; pgjdbc 42.7; Node 20; Go 1.15+; CPython 3 over
 * OpenSSL 3.0), cited at each function. What differs between them: which
 * names count for an IP address, when the subject's CN is read, and what
 * a '*' may stand for. Case is folded by strcasecmp: ASCII only in the C
 * locale, which pgtlslint never leaves, as the drivers fold it.
 */
#include "cert_host.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/xalloc.h"
#include "client.h"

enum host_matcher
host_matcher_of(int driver)
{
	switch (driver) {
	case DRIVER_LIBPQ:
		return HOST_MATCH_LIBPQ;
	case DRIVER_PGJDBC:
		return HOST_MATCH_PGJDBC;
	case DRIVER_PGX:
	case DRIVER_LIB_PQ:
	case DRIVER_BUN:
		return HOST_MATCH_GO;
	case DRIVER_NODE_PG:
	case DRIVER_POSTGRES_JS:
		return HOST_MATCH_NODE;
	case DRIVER_ASYNCPG:
		return HOST_MATCH_PYTHON;
	default:
		return HOST_MATCH_NONE; /* .NET, Rust, Vert.x: not modelled */
	}
}

/* One part of an inet_aton address: decimal, 0-octal or 0x-hex. */
static int
aton_part(const char **pp, unsigned long *v)
{
	const char *p = *pp;
	int base = 10, digits = 0;

	*v = 0;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0')
		base = 8;
	for (;; p++, digits++) {
		int d = *p >= '0' && *p <= '9'	 ? *p - '0'
			: *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
			: *p >= 'A' && *p <= 'F' ? *p - 'A' + 10
						 : 99;

		if (d >= base)
			break;
		*v = *v * (unsigned long)base + (unsigned long)d;
		if (*v > 0xffffffffUL)
			return -1;
	}
	if (!digits && base != 8)
		return -1;
	*pp = p;
	return 0;
}

/*
 * inet_aton's IPv4 forms, as libpq's is_ip_address accepts them: a, a.b,
 * a.b.c, a.b.c.d, each part a C constant (POSIX inet_addr; "127.1" is
 * 127.0.0.1). inet_aton is not POSIX, so it is parsed here.
 */
static int
parse_inet_aton(const char *s, unsigned char out[4])
{
	unsigned long part[4], v;
	int n = 0;

	for (;;) {
		if (n == 4 || aton_part(&s, &part[n]))
			return -1;
		n++;
		if (*s != '.')
			break;
		s++;
	}
	if (*s)
		return -1;
	v = part[n - 1];
	if (n == 1)
		;
	else if (part[0] > 255 || (n > 2 && part[1] > 255) ||
		 (n > 3 && part[2] > 255) ||
		 v > (0xffffffffUL >> (8 * (n - 1))))
		return -1;
	else if (n == 2)
		v |= part[0] << 24;
	else if (n == 3)
		v |= part[0] << 24 | part[1] << 16;
	else
		v |= part[0] << 24 | part[1] << 16 | part[2] << 8;
	out[0] = (unsigned char)(v >> 24);
	out[1] = (unsigned char)(v >> 16);
	out[2] = (unsigned char)(v >> 8);
	out[3] = (unsigned char)v;
	return 0;
}

/* A strict textual address (dotted quad or IPv6) as 4 or 16 bytes; 0 when
 * s is none. */
static size_t
parse_ip_strict(const char *s, unsigned char out[16])
{
	if (inet_pton(AF_INET, s, out) == 1)
		return 4;
	if (inet_pton(AF_INET6, s, out) == 1)
		return 16;
	return 0;
}

void
cert_ip_format(const struct cert_ip *ip, char *out, size_t n)
{
	if (!inet_ntop(ip->len == 4 ? AF_INET : AF_INET6, ip->addr, out,
		       (socklen_t)n))
		snprintf(out, n, "?");
}

/* Whether c has an iPAddress name equal to addr[0..len); an IPv4 address
 * equals its IPv4-mapped IPv6 form when mapped_too (Go's ip.Equal). */
static int
has_ip(const struct cert *c, const unsigned char *addr, size_t len,
       int mapped_too)
{
	static const unsigned char v4_mapped[12] = {0, 0, 0, 0, 0,    0,
						    0, 0, 0, 0, 0xff, 0xff};
	size_t i;

	for (i = 0; i < c->nips; i++) {
		const struct cert_ip *ip = &c->ips[i];

		if (ip->len == len && !memcmp(ip->addr, addr, len))
			return 1;
		if (mapped_too && ip->len + len == 20) {
			const unsigned char *v6 = len == 16 ? addr : ip->addr;
			const unsigned char *v4 = len == 4 ? addr : ip->addr;

			if (!memcmp(v6, v4_mapped, 12) &&
			    !memcmp(v6 + 12, v4, 4))
				return 1;
		}
	}
	return 0;
}

/* libpq's wildcard_certificate_match (fe-secure-common.c), exactly,
 * its corner cases included ("*.b.com" covers "a..b.com"). */
static int
libpq_wildcard(const char *pattern, const char *host)
{
	size_t lp = strlen(pattern), lh = strlen(host);

	if (lp < 3 || pattern[0] != '*' || pattern[1] != '.' || lp > lh)
		return 0;
	if (strcasecmp(pattern + 1, host + lh - lp + 1))
		return 0;
	return strchr(host, '.') >= host + lh - lp;
}

static int
libpq_name(const char *name, const char *host)
{
	return !strcasecmp(name, host) || libpq_wildcard(name, host);
}

/*
 * libpq (fe-secure-openssl.c pgtls_verify_peer_name_matches_certificate_
 * guts). From PostgreSQL 15: every dNSName is compared as text, every
 * iPAddress as bytes against the host parsed by inet_aton or inet_pton;
 * the first CN is read unless a name of the host's own type exists. Up to
 * 14: dNSNames only, and the CN when there is none.
 */
static int
match_libpq(const struct cert *c, const char *host, int pg_version)
{
	unsigned char v4[4], v6[16];
	int is_v4 = !parse_inet_aton(host, v4);
	int is_ip = is_v4 || inet_pton(AF_INET6, host, v6) == 1;
	int check_cn;
	size_t i;

	for (i = 0; i < c->ndns; i++)
		if (libpq_name(c->dns[i], host))
			return 1;
	if (pg_version < 15)
		check_cn = !c->ndns;
	else {
		for (i = 0; i < c->nips; i++)
			if (c->ips[i].len == 4
				? is_v4 && !memcmp(c->ips[i].addr, v4, 4)
				: !is_v4 && is_ip &&
				      !memcmp(c->ips[i].addr, v6, 16))
				return 1;
		check_cn = is_ip ? !c->nips : !c->ndns;
	}
	return check_cn && c->common_name && !c->cn_has_nul &&
	       libpq_name(c->common_name, host);
}

/* pgjdbc's PGjdbcHostnameVerifier.verifyHostName: one '*', first, in a
 * pattern with a dot, standing for part of one label. */
static int
pgjdbc_name(const char *host, const char *pattern)
{
	size_t lh = strlen(host), lp = strlen(pattern), off, i;
	const char *star = strrchr(pattern, '*');

	if (!star)
		return !strcasecmp(host, pattern);
	if (star != pattern || !strchr(pattern, '.') || lh + 1 < lp)
		return 0;
	off = lh - lp + 1;
	for (i = 0; i < off; i++)
		if (host[i] == '.')
			return 0;
	return !strncasecmp(host + off, pattern + 1, lp - 1);
}

/* Java's text for an iPAddress name (sun.security.x509.IPAddressName):
 * dotted quad, or eight hexadecimal groups without compression. */
static void
java_ip_text(const struct cert_ip *ip, char *out, size_t n)
{
	size_t i, used = 0;

	if (ip->len == 4) {
		snprintf(out, n, "%u.%u.%u.%u", ip->addr[0], ip->addr[1],
			 ip->addr[2], ip->addr[3]);
		return;
	}
	out[0] = '\0';
	for (i = 0; i < 16 && used < n; i += 2)
		used +=
		    (size_t)snprintf(out + used, n - used, "%s%x", i ? ":" : "",
				     ip->addr[i] << 8 | ip->addr[i + 1]);
}

/* pgjdbc (PGjdbcHostnameVerifier.verify): dNSName and iPAddress names
 * compared as text; the CN only when there is no dNSName. */
static int
match_pgjdbc(const struct cert *c, const char *host)
{
	size_t n = strlen(host), i;
	char *h = n > 1 && host[0] == '[' && host[n - 1] == ']'
		      ? xstrndup(host + 1, n - 2)
		      : xstrdup(host);
	int hit = 0;

	for (i = 0; !hit && i < c->ndns; i++)
		hit = pgjdbc_name(h, c->dns[i]);
	for (i = 0; !hit && i < c->nips; i++) {
		char text[64];

		java_ip_text(&c->ips[i], text, sizeof(text));
		hit = !strcasecmp(h, text);
	}
	if (!hit && !c->ndns && c->common_name && !c->cn_has_nul)
		hit = pgjdbc_name(h, c->common_name);
	free(h);
	return hit;
}

/* Go's validHostname (crypto/x509/verify.go): labels of letters, digits,
 * '_' and inner '-'; a pattern's first label may be "*". */
static int
go_valid_name(const char *s, size_t n, int pattern)
{
	size_t i, label = 0;

	if (!pattern && n && s[n - 1] == '.')
		n--;
	if (!n)
		return 0;
	for (i = 0; i <= n; i++) {
		char ch = i < n ? s[i] : '.';

		if (ch == '.') {
			if (!label)
				return 0;
			label = 0;
			continue;
		}
		if (pattern && i == 0 && ch == '*' && (n == 1 || s[1] == '.')) {
			label = 1;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '_' ||
		      (ch == '-' && label)))
			return 0;
		label++;
	}
	return 1;
}

/* Go's matchHostnames: equal label counts, "*" standing for one label. */
static int
go_match_names(const char *pattern, const char *host)
{
	size_t lh = strlen(host);

	if (lh && host[lh - 1] == '.')
		lh--;
	if (!*pattern || !lh)
		return 0;
	if (pattern[0] == '*' && pattern[1] == '.') {
		const char *dot = memchr(host, '.', lh);

		if (!dot)
			return 0;
		pattern++;
		lh -= (size_t)(dot - host);
		host = dot;
	}
	return strlen(pattern) == lh && !strncasecmp(pattern, host, lh);
}

/* Go (crypto/x509 Certificate.VerifyHostname, 1.15+): an IP address
 * against iPAddress names only; names against dNSNames, wildcards only
 * where both are valid host names; the CN is never read. */
static int
match_go(const struct cert *c, const char *host)
{
	size_t n = strlen(host), i;
	unsigned char ip[16];
	char inner[64];
	size_t len = 0;

	if (n > 2 && host[0] == '[' && host[n - 1] == ']' &&
	    n - 2 < sizeof(inner)) {
		memcpy(inner, host + 1, n - 2);
		inner[n - 2] = '\0';
		len = parse_ip_strict(inner, ip);
	} else
		len = parse_ip_strict(host, ip);
	if (len)
		return has_ip(c, ip, len, 1);
	for (i = 0; i < c->ndns; i++) {
		const char *p = c->dns[i];

		if (go_valid_name(host, n, 0) &&
		    go_valid_name(p, strlen(p), 1)) {
			if (go_match_names(p, host))
				return 1;
		} else if (*host && strcmp(host, ".") && *p && strcmp(p, ".") &&
			   !strcasecmp(p, host))
			return 1;
	}
	return 0;
}

/* Whether s[0..n) holds "xn--" (an IDNA A-label), in any case. */
static int
contains_xn(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 4 <= n; i++)
		if (!strncasecmp(s + i, "xn--", 4))
			return 1;
	return 0;
}

/* Node's check() (lib/tls.js): equal label counts, the first pattern
 * label may hold one '*' (a prefix and a suffix around it), never in a
 * two-label pattern or an xn-- label. */
static int
node_name(const char *pattern, const char *host)
{
	size_t lh = strlen(host), lp = strlen(pattern), i;
	const char *hdot, *pdot, *star;
	size_t hlabels = 1, plabels = 1, pre, suf, hfirst;

	if (lh && host[lh - 1] == '.')
		lh--;
	if (lp && pattern[lp - 1] == '.')
		lp--;
	if (!lp)
		return 0;
	for (i = 0; i < lp; i++) {
		if ((unsigned char)pattern[i] < 0x21 ||
		    (unsigned char)pattern[i] > 0x7f)
			return 0;
		if (pattern[i] == '.' &&
		    (i == 0 || i + 1 == lp || pattern[i + 1] == '.'))
			return 0; /* an empty label */
		plabels += pattern[i] == '.';
	}
	for (i = 0; i < lh; i++)
		hlabels += host[i] == '.';
	if (hlabels != plabels)
		return 0;
	hdot = memchr(host, '.', lh);
	pdot = memchr(pattern, '.', lp);
	hfirst = hdot ? (size_t)(hdot - host) : lh;
	/* Equal label counts: both have a dot or neither has. */
	if (hdot && (!pdot || lh - hfirst != lp - (size_t)(pdot - pattern) ||
		     strncasecmp(hdot, pdot, lh - hfirst)))
		return 0;
	pre = pdot ? (size_t)(pdot - pattern) : lp;
	star = memchr(pattern, '*', pre);
	if (!star || contains_xn(pattern, pre))
		return pre == hfirst && !strncasecmp(host, pattern, pre);
	if (memchr(star + 1, '*', pre - (size_t)(star - pattern) - 1) ||
	    plabels <= 2)
		return 0;
	suf = pre - (size_t)(star - pattern) - 1;
	pre = (size_t)(star - pattern);
	return pre + suf <= hfirst && !strncasecmp(host, pattern, pre) &&
	       !strncasecmp(host + hfirst - suf, star + 1, suf);
}

/* OpenSSL's valid_star under X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS
 * (crypto/x509/v3_utl.c): "*" as the whole first label, not in an IDNA
 * pattern, with two dots or more after it, letter-digit-hyphen labels. */
static int
openssl_valid_star(const char *p)
{
	size_t i, dots = 0, label = 0;

	if (p[0] != '*' || p[1] != '.')
		return 0;
	for (i = 2; p[i]; i++) {
		if (p[i] == '.') {
			if (!label || p[i - 1] == '-')
				return 0;
			dots++;
			label = 0;
		} else if ((p[i] >= 'a' && p[i] <= 'z') ||
			   (p[i] >= 'A' && p[i] <= 'Z') ||
			   (p[i] >= '0' && p[i] <= '9') ||
			   (p[i] == '-' && label))
			label++;
		else
			return 0;
	}
	return label && p[i - 1] != '-' && dots + 1 >= 2;
}

/* OpenSSL's equal_wildcard with wildcard_match: the '*' stands for one or
 * more letters, digits or hyphens (or a literal '*'). */
static int
openssl_name(const char *pattern, const char *host)
{
	size_t ls = strlen(pattern) - 1, lh = strlen(host), i;

	if (lh > 1 && host[0] == '.')
		return !strcasecmp(pattern, host);
	if (!openssl_valid_star(pattern))
		return !strcasecmp(pattern, host);
	if (lh < ls + 1 || strncasecmp(host + lh - ls, pattern + 1, ls))
		return 0;
	if (lh - ls == 1 && host[0] == '*')
		return 1;
	for (i = 0; i < lh - ls; i++)
		if (!((host[i] >= 'a' && host[i] <= 'z') ||
		      (host[i] >= 'A' && host[i] <= 'Z') ||
		      (host[i] >= '0' && host[i] <= '9') || host[i] == '-'))
			return 0;
	return 1;
}

/*
 * Node (tls.checkServerIdentity) and CPython's ssl (Modules/_ssl.c: an IP
 * address to X509_VERIFY_PARAM_set1_ip, a name to set1_host, OpenSSL 3.0
 * do_x509_check) alike: an IP address against iPAddress names only; a
 * name against the dNSNames, or the CN when there are none, each with
 * its own name match.
 */
static int
match_ip_names_or_cn(const struct cert *c, const char *host,
		     int (*name)(const char *pattern, const char *host))
{
	unsigned char ip[16];
	size_t len = parse_ip_strict(host, ip), i;

	if (len)
		return has_ip(c, ip, len, 0);
	for (i = 0; i < c->ndns; i++)
		if (name(c->dns[i], host))
			return 1;
	return !c->ndns && c->common_name && !c->cn_has_nul &&
	       name(c->common_name, host);
}

int
cert_host_matches(const struct cert *c, const char *host, enum host_matcher how,
		  int pg_version)
{
	switch (how) {
	case HOST_MATCH_LIBPQ:
		return match_libpq(c, host, pg_version);
	case HOST_MATCH_PGJDBC:
		return match_pgjdbc(c, host);
	case HOST_MATCH_GO:
		return match_go(c, host);
	case HOST_MATCH_NODE:
		return match_ip_names_or_cn(c, host, node_name);
	case HOST_MATCH_PYTHON:
		/* with X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS */
		return match_ip_names_or_cn(c, host, openssl_name);
	default:
		return 1;
	}
}
