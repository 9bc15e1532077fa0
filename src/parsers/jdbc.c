/* SPDX-License-Identifier: MIT */
/*
 * jdbc.c — pgjdbc URLs (pgjdbc/src/main/java/org/postgresql/Driver.java
 * parseURL; https://jdbc.postgresql.org/documentation/use/):
 *
 *   jdbc:postgresql:[//host[:port][,host[:port]...]/]database[?params]
 *   jdbc:postgresql:database   jdbc:postgresql:/   jdbc:postgresql://
 *   params := token { '&' token }, token := key [ '=' value ]
 *
 * After "//" the host list must end with exactly one '/'. A port is split
 * at the last ':' after any ']'. Values (not keys) go through
 * java.net.URLDecoder: '+' is a space, %XX a byte, a bad % refuses the URL.
 * A token without '=' has the value "".
 */
#include "jdbc.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/scan.h"
#include "../util/xalloc.h"

#define PREFIX "jdbc:postgresql:"
#define PREFIX_LEN 16

int
jdbc_is_url(const char *text, size_t len)
{
	return len >= PREFIX_LEN && !strncmp(text, PREFIX, PREFIX_LEN);
}

/* URLDecoder.decode; returns NULL on a malformed escape. */
static char *
url_decode(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			buf_addch(&b, ' ');
		else if (s[i] != '%')
			buf_addch(&b, s[i]);
		else if (i + 2 < n && scan_hexval(s[i + 1]) >= 0 &&
			 scan_hexval(s[i + 2]) >= 0) {
			buf_addch(&b, (char)(scan_hexval(s[i + 1]) << 4 |
					     scan_hexval(s[i + 2])));
			i += 2;
		} else {
			buf_release(&b);
			return NULL;
		}
	}
	return buf_detach(&b);
}

static void
add(struct conninfo *ci, const char *key, size_t kb, size_t ke, char *value,
    size_t vb, size_t ve)
{
	struct conn_param *p;

	ALLOC_GROW(ci->v, ci->nr + 1, ci->alloc);
	p = &ci->v[ci->nr++];
	memset(p, 0, sizeof(*p));
	p->key = xstrdup(key);
	p->value = value;
	p->key_begin = kb;
	p->key_end = ke;
	p->value_begin = vb;
	p->value_end = ve;
}

/* Whether s[b..e) holds a hole of a URL parsed with holes. */
static int
hole_in(const struct conninfo *ci, const char *s, size_t b, size_t e)
{
	return ci->holes && e > b && memchr(s + b, CONNINFO_HOLE, e - b);
}

/* A hole ending the text right after literal bytes of the same part
 * ("jdbc:postgresql://h/app" + params): it may add parameters. */
static void
note_open_end(struct conninfo *ci, const char *s, size_t b, size_t e,
	      size_t n)
{
	if (ci->holes && e == n && e > b + 1 && s[e - 1] == CONNINFO_HOLE &&
	    s[e - 2] != CONNINFO_HOLE)
		ci->open = 1;
}

static int
refuse(struct conninfo *ci, size_t b, size_t e, const char *msg)
{
	ci->error = xstrdup(msg);
	ci->err_begin = b;
	ci->err_end = e;
	return -1;
}

static int
parse_hosts(struct conninfo *ci, const char *s, size_t b, size_t e)
{
	struct buf hosts = BUF_INIT, ports = BUF_INIT;
	size_t i = b;

	while (i <= e) {
		size_t n = i, colon = (size_t)-1, bracket = (size_t)-1;

		while (n < e && s[n] != ',') {
			if (s[n] == ':')
				colon = n;
			if (s[n] == ']')
				bracket = n;
			n++;
		}
		if (hosts.len)
			buf_addch(&hosts, ','), buf_addch(&ports, ',');
		if (colon != (size_t)-1 &&
		    (bracket == (size_t)-1 || bracket < colon)) {
			size_t k;

			if (colon + 1 == n) {
				buf_release(&hosts);
				buf_release(&ports);
				return refuse(ci, colon, n,
					      "invalid port number in JDBC URL");
			}
			for (k = colon + 1; k < n && !hole_in(ci, s, colon, n);
			     k++)
				if (s[k] < '0' || s[k] > '9') {
					buf_release(&hosts);
					buf_release(&ports);
					return refuse(ci, colon + 1, n,
						      "invalid port number in "
						      "JDBC URL");
				}
			buf_add(&hosts, s + i, colon - i);
			buf_add(&ports, s + colon + 1, n - colon - 1);
		} else {
			buf_add(&hosts, s + i, n - i);
			buf_adds(&ports, "5432");
		}
		i = n + 1;
	}
	add(ci, "host", b, b, buf_detach(&hosts), b, e);
	add(ci, "port", b, b, buf_detach(&ports), b, e);
	return 0;
}

static int
parse_args(struct conninfo *ci, const char *s, size_t i, size_t n)
{
	while (i < n) {
		size_t end = i, eq = (size_t)-1;
		char *key, *value;

		while (end < n && s[end] != '&') {
			if (s[end] == '=' && eq == (size_t)-1)
				eq = end;
			end++;
		}
		if (hole_in(ci, s, i, eq == (size_t)-1 ? end : eq)) {
			ci->open = 1; /* "?" + params: we cannot see them */
		} else if (end > i) {
			if (eq == (size_t)-1) {
				key = xstrndup(s + i, end - i);
				value = xstrdup("");
				eq = end;
			} else {
				key = xstrndup(s + i, eq - i);
				value = url_decode(s + eq + 1, end - eq - 1);
			}
			if (!value) {
				free(key);
				return refuse(ci, eq + 1, end,
					      "malformed %-escape in JDBC URL "
					      "parameter");
			}
			add(ci, key, i, eq, value, eq < end ? eq + 1 : end, end);
			free(key);
		}
		i = end + 1;
	}
	return 0;
}

static int
parse(const char *text, size_t len, int holes, struct conninfo *ci)
{
	size_t n = strnlen(text, len), q, i = PREFIX_LEN, slash;
	const char *qm;
	char *db;

	memset(ci, 0, sizeof(*ci));
	ci->holes = holes;
	if (!jdbc_is_url(text, n))
		return refuse(ci, 0, n, "not a jdbc:postgresql: URL");
	qm = memchr(text, '?', n);
	q = qm ? (size_t)(qm - text) : n;
	if (q - i >= 2 && text[i] == '/' && text[i + 1] == '/') {
		i += 2;
		slash = i;
		while (slash < q && text[slash] != '/')
			slash++;
		if (q - i == 0 || (q - i == 1 && text[i] == '/')) {
			/* "//" and "///": the default host and database. */
		} else if (slash >= q && hole_in(ci, text, i, q)) {
			/* "jdbc:postgresql://" + rest: host, port and
			 * database in one part we cannot see */
			add(ci, "host", i, i, xstrndup(text + i, q - i), i, q);
			ci->open |= q == n;
			return q < n ? parse_args(ci, text, q + 1, n) : 0;
		} else if (slash >= q) {
			return refuse(ci, i, q,
				      "JDBC URL must contain a / at the end of "
				      "the host or port");
		} else if (memchr(text + slash + 1, '/', q - slash - 1) &&
			   !hole_in(ci, text, i, q)) {
			return refuse(ci, slash, q,
				      "JDBC URL has more than one / after the "
				      "host list");
		} else {
			if (parse_hosts(ci, text, i, slash))
				return -1;
			i = slash + 1;
		}
	}
	note_open_end(ci, text, i, q, n);
	db = url_decode(text + i, q > i ? q - i : 0);
	if (!db)
		return refuse(ci, i, q, "malformed %-escape in JDBC URL");
	if (*db)
		add(ci, "dbname", i, i, db, i, q);
	else
		free(db);
	return q < n ? parse_args(ci, text, q + 1, n) : 0;
}

int
jdbc_parse(const char *text, size_t len, struct conninfo *ci)
{
	return parse(text, len, 0, ci);
}

int
jdbc_parse_holes(const char *text, size_t len, struct conninfo *ci)
{
	return parse(text, len, 1, ci);
}
