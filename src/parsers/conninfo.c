/* SPDX-License-Identifier: MIT */
/*
 * conninfo.c — libpq connection strings (fe-connect.c, PostgreSQL 12-18).
 *
 * Keyword/value grammar (conninfo_parse):
 *   string  := { blank } { setting { blank } }
 *   setting := keyword { blank } '=' { blank } value
 *   keyword := bytes up to '=' or a blank
 *   value   := '\'' { '\\' any | byte but '\'' } '\''   (quoted)
 *            | { '\\' any | byte but blank }           (unquoted)
 *   blank   := isspace() in the C locale
 *
 * URI grammar (conninfo_uri_parse_options, _params, _decode):
 *   postgresql:// | postgres://  [user[:password]@] host-list [/dbname]
 *   [?keyword=value{&keyword=value}]
 *   host-list := host[:port]{,host[:port]}, host := '[' ipv6 ']' | name
 *   Each part is percent-decoded (%XX, never %00); userinfo ends at the
 *   first '@' seen before any '/'; "ssl=true" means sslmode=require.
 *
 * Unknown keywords are errors (and in a URI query too). Messages follow
 * libpq's, except that a value is never echoed where it may be a password.
 */
#include "conninfo.h"

#include <netdb.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "../util/buf.h"
#include "../util/scan.h"
#include "../util/xalloc.h"

/* PQconninfoOptions[] per version: keyword, environment variable, first
 * version that has it. Checked against PQconndefaults() of the installed
 * libpq by tests/live/conninfo_oracle.c. */
static const struct keyword {
	const char *name, *env;
	int since;
} keywords[] = {
    {"application_name", "PGAPPNAME", 9},
    {"channel_binding", "PGCHANNELBINDING", 13},
    {"client_encoding", "PGCLIENTENCODING", 9},
    {"connect_timeout", "PGCONNECT_TIMEOUT", 9},
    {"dbname", "PGDATABASE", 9},
    {"fallback_application_name", NULL, 9},
    {"gssdelegation", "PGGSSDELEGATION", 16},
    {"gssencmode", "PGGSSENCMODE", 12},
    {"gsslib", "PGGSSLIB", 9},
    {"host", "PGHOST", 9},
    {"hostaddr", "PGHOSTADDR", 9},
    {"keepalives", NULL, 9},
    {"keepalives_count", NULL, 9},
    {"keepalives_idle", NULL, 9},
    {"keepalives_interval", NULL, 9},
    {"krbsrvname", "PGKRBSRVNAME", 9},
    {"load_balance_hosts", "PGLOADBALANCEHOSTS", 16},
    {"max_protocol_version", "PGMAXPROTOCOLVERSION", 18},
    {"min_protocol_version", "PGMINPROTOCOLVERSION", 18},
    {"oauth_client_id", NULL, 18},
    {"oauth_client_secret", NULL, 18},
    {"oauth_issuer", NULL, 18},
    {"oauth_scope", NULL, 18},
    {"options", "PGOPTIONS", 9},
    {"passfile", "PGPASSFILE", 10},
    {"password", "PGPASSWORD", 9},
    {"port", "PGPORT", 9},
    {"replication", NULL, 9},
    {"require_auth", "PGREQUIREAUTH", 16},
    {"requirepeer", "PGREQUIREPEER", 9},
    {"scram_client_key", NULL, 18},
    {"scram_server_key", NULL, 18},
    {"service", "PGSERVICE", 9},
    {"ssl_max_protocol_version", "PGSSLMAXPROTOCOLVERSION", 13},
    {"ssl_min_protocol_version", "PGSSLMINPROTOCOLVERSION", 13},
    {"sslcert", "PGSSLCERT", 9},
    {"sslcertmode", "PGSSLCERTMODE", 16},
    {"sslcompression", "PGSSLCOMPRESSION", 9},
    {"sslcrl", "PGSSLCRL", 9},
    {"sslcrldir", "PGSSLCRLDIR", 14},
    {"sslkey", "PGSSLKEY", 9},
    {"sslkeylogfile", NULL, 18},
    {"sslmode", "PGSSLMODE", 9},
    {"sslnegotiation", "PGSSLNEGOTIATION", 17},
    {"sslpassword", NULL, 13},
    {"sslrootcert", "PGSSLROOTCERT", 9},
    {"sslsni", "PGSSLSNI", 14},
    {"target_session_attrs", "PGTARGETSESSIONATTRS", 10},
    {"tcp_user_timeout", NULL, 12},
    {"user", "PGUSER", 9},
};

int
conninfo_is_keyword(const char *key, int version)
{
	size_t i;

	if (!strcmp(key, "requiressl"))
		return 1;
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (!strcmp(key, keywords[i].name))
			return keywords[i].since <= version;
	return 0;
}

const char *
conninfo_env_keyword(const char *var, int version)
{
	size_t i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (keywords[i].env && !strcmp(var, keywords[i].env) &&
		    keywords[i].since <= version)
			return keywords[i].name;
	return NULL;
}

int
conninfo_is_uri(const char *text, size_t len)
{
	return (len >= 13 && !strncmp(text, "postgresql://", 13)) ||
	       (len >= 11 && !strncmp(text, "postgres://", 11));
}

static size_t
uri_prefix(const char *text, size_t len)
{
	if (len >= 13 && !strncmp(text, "postgresql://", 13))
		return 13;
	return 11;
}

struct parser {
	const char *text;
	size_t len;
	int version;
	struct conninfo *ci;
	int forward; /* keep unknown keys (conninfo_parse_forwarding) */
};

/* Records why libpq rejects the string; the first reason stands (a parse
 * that goes on after an unknown keyword meets more). */
static int
fail(struct parser *p, size_t b, size_t e, const char *fmt, ...)
{
	va_list ap;

	if (p->ci->error)
		return -1;
	va_start(ap, fmt);
	p->ci->error = xvasprintf(fmt, ap);
	va_end(ap);
	p->ci->err_begin = b;
	p->ci->err_end = e;
	return -1;
}

/* conninfo_storeval: takes ownership of value. */
static int
store(struct parser *p, const char *key, size_t kb, size_t ke, char *value,
      size_t vb, size_t ve, int remapped)
{
	struct conn_param *cp;

	if (!strcmp(key, "requiressl")) {
		/* requiressl=1 means require; anything else means prefer. */
		char *v = xstrdup(value[0] == '1' ? "require" : "prefer");

		free(value);
		value = v;
		key = "sslmode";
		remapped = 1;
	}
	if (!conninfo_is_keyword(key, p->version) && !p->forward) {
		free(value);
		return -2; /* the caller words the error */
	}
	ALLOC_GROW(p->ci->v, p->ci->nr + 1, p->ci->alloc);
	cp = &p->ci->v[p->ci->nr++];
	cp->forwarded = !conninfo_is_keyword(key, p->version);
	cp->key = xstrdup(key);
	cp->value = value;
	cp->key_begin = kb;
	cp->key_end = ke;
	cp->value_begin = vb;
	cp->value_end = ve;
	cp->remapped = remapped;
	return 0;
}

/* The keywords whose values libpq never shows (dispchar "*" in
 * PQconninfoOptions). */
static int
secret_keyword(const char *key)
{
	return !strcmp(key, "password") || !strcmp(key, "sslpassword") ||
	       !strcmp(key, "oauth_client_secret");
}

/*
 * The secret whose value text[at] directly follows (only blanks or one
 * '&' between), or NULL: what stands there may be the rest of that value,
 * cut short by a blank or an '&' the writer meant as part of it, so a
 * message names the place and never quotes it.
 */
static const char *
after_secret(const struct parser *p, size_t at)
{
	const struct conn_param *last =
	    p->ci->nr ? &p->ci->v[p->ci->nr - 1] : NULL;
	size_t i;

	if (!last || !secret_keyword(last->key) || last->value_end > at)
		return NULL;
	for (i = last->value_end; i < at; i++)
		if (!strchr(" \t\n\r\v\f&", p->text[i]))
			return NULL;
	return last->key;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

/* Whether s[b..e) holds a hole (parsing with holes). */
static int
has_hole(const struct parser *p, size_t b, size_t e)
{
	return p->ci->holes && e > b &&
	       memchr(p->text + b, CONNINFO_HOLE, e - b);
}

/*
 * A hole that may add parameters of its own: where a keyword goes, or
 * ending the text right after literal bytes of the same value ("dbname=
 * app" + extra). A hole that is a whole value (host=%s) is that value.
 */
static int
hole_ends_value(const struct parser *p, size_t b, size_t e)
{
	return p->ci->holes && e > b + 1 && e == strnlen(p->text, p->len) &&
	       p->text[e - 1] == CONNINFO_HOLE &&
	       p->text[e - 2] != CONNINFO_HOLE;
}

/* conninfo_parse. A NUL byte ends the string, as in libpq. */
static int
parse_kv(struct parser *p)
{
	const char *s = p->text;
	size_t n = strnlen(p->text, p->len), i = 0;

	while (i < n) {
		size_t kb, ke, vb, ve;
		struct buf val = BUF_INIT;
		const char *secret;
		char *key;
		int rc;

		if (is_space(s[i])) {
			i++;
			continue;
		}
		kb = i;
		while (i < n && s[i] != '=' && !is_space(s[i]))
			i++;
		ke = i;
		while (i < n && is_space(s[i]))
			i++;
		if (has_hole(p, kb, ke) && (i >= n || s[i] != '=')) {
			p->ci->open = 1; /* "host=db " + extra */
			continue;
		}
		if ((i >= n || s[i] != '=') && after_secret(p, kb))
			return fail(p, kb, ke,
				    "missing \"=\" after the value of \"%s\": "
				    "a blank ends an unquoted value (quote it "
				    "in '...')",
				    after_secret(p, kb));
		if (i >= n || s[i] != '=')
			return fail(
			    p, kb, ke,
			    "missing \"=\" after \"%.*s\" in connection "
			    "info string",
			    (int)(ke - kb < QUOTE_MAX ? ke - kb : QUOTE_MAX),
			    s + kb);
		i++;
		while (i < n && is_space(s[i]))
			i++;
		vb = i;
		if (i < n && s[i] == '\'') {
			for (i++;; i++) {
				if (i >= n) {
					buf_release(&val);
					return fail(
					    p, vb, n,
					    "unterminated quoted string "
					    "in connection info string");
				}
				if (s[i] == '\\') {
					if (++i < n)
						buf_addch(&val, s[i]);
					else
						i--;
					continue;
				}
				if (s[i] == '\'') {
					i++;
					break;
				}
				buf_addch(&val, s[i]);
			}
			ve = i;
		} else {
			while (i < n && !is_space(s[i])) {
				if (s[i] == '\\') {
					i++;
					if (i < n)
						buf_addch(&val, s[i++]);
				} else
					buf_addch(&val, s[i++]);
			}
			ve = i; /* the value, not the blank that ends it */
			if (i < n)
				i++;
			if (hole_ends_value(p, vb, ve))
				p->ci->open = 1;
		}
		if (has_hole(p, kb, ke)) { /* a keyword we cannot see */
			p->ci->open = 1;
			buf_release(&val);
			continue;
		}
		key = xstrndup(s + kb, ke - kb);
		secret = after_secret(p, kb);
		rc = store(p, key, kb, ke, buf_detach(&val), vb, ve, 0);
		/* An unknown keyword is libpq's error, but the keywords after
		 * it are still read: a password there is still written. */
		if (rc == -2 && secret)
			fail(p, kb, ke,
			     "invalid connection option after the value of "
			     "\"%s\": a blank ends an unquoted value (quote it "
			     "in '...')",
			     secret);
		else if (rc == -2)
			fail(p, kb, ke, "invalid connection option \"%.*s\"",
			     (int)QUOTE_MAX, key);
		free(key);
		if (rc && rc != -2)
			return rc;
	}
	p->ci->complete = 1;
	return p->ci->error ? -1 : 0;
}

/*
 * conninfo_uri_decode of s[0..len); *out is malloc'd. Errors point at the
 * component [eb, ee) and name it rather than echo it (it may be the
 * password).
 */
static int
decode(struct parser *p, const char *s, size_t len, size_t eb, size_t ee,
       const char *what, char **out)
{
	struct buf d = BUF_INIT;
	size_t i;

	for (i = 0; i < len; i++) {
		int hi, lo;

		if (s[i] != '%') {
			buf_addch(&d, s[i]);
			continue;
		}
		hi = i + 1 < len ? scan_hexval(s[i + 1]) : -1;
		lo = hi >= 0 && i + 2 < len ? scan_hexval(s[i + 2]) : -1;
		if (hi < 0 || lo < 0) {
			buf_release(&d);
			fail(p, eb, ee, "invalid percent-encoded token in %s",
			     what);
			return -1;
		}
		if (!hi && !lo) {
			buf_release(&d);
			fail(p, eb, ee,
			     "forbidden value %%00 in percent-encoded value "
			     "of %s",
			     what);
			return -1;
		}
		buf_addch(&d, (char)(hi << 4 | lo));
		i += 2;
	}
	*out = buf_detach(&d);
	return 0;
}

/* Decodes and stores a URI component (a keyword libpq always knows). */
static int
store_component(struct parser *p, const char *key, const char *s, size_t len,
		size_t b, size_t e)
{
	char *v = NULL;

	if (decode(p, s, len, b, e, key, &v))
		return -1;
	return store(p, key, b, e, v, b, e, 0);
}

/* conninfo_uri_parse_params: keyword=value pairs joined by '&'. */
static int
parse_params(struct parser *p, size_t i, size_t n)
{
	const char *s = p->text;

	while (i < n) {
		size_t kb = i, eq = (size_t)-1, end;
		const char *secret;
		char *key = NULL, *val = NULL;
		int rc, remapped = 0;

		for (end = i; end < n && s[end] != '&'; end++)
			if (s[end] == '=' && has_hole(p, kb, end)) {
				break; /* a key we cannot see: checked below */
			} else if (s[end] == '=') {
				if (eq != (size_t)-1)
					return fail(p, kb, end + 1,
						    "extra key/value separator "
						    "\"=\" in URI query "
						    "parameter \"%.*s\"",
						    (int)(eq - kb < QUOTE_MAX
							      ? eq - kb
							      : QUOTE_MAX),
						    s + kb);
				eq = end;
			}
		if (has_hole(p, kb, eq == (size_t)-1 ? end : eq)) {
			/* "?" + params: parameters we cannot see */
			p->ci->open = 1;
			while (end < n && s[end] != '&')
				end++;
			i = end + (end < n);
			continue;
		}
		if (eq == (size_t)-1)
			return fail(p, kb, end,
				    "missing key/value separator \"=\" in URI "
				    "query parameter");
		if (decode(p, s + kb, eq - kb, kb, eq, "a URI query keyword",
			   &key))
			return -1;
		if (decode(p, s + eq + 1, end - eq - 1, eq + 1, end, key,
			   &val)) {
			free(key);
			return -1;
		}
		if (!p->forward && !strcmp(key, "ssl") &&
		    !strcmp(val, "true")) {
			/* JDBC compatibility: ssl=true is sslmode=require
			 * (libpq only; other drivers read or forward ssl). */
			free(key);
			free(val);
			key = xstrdup("sslmode");
			val = xstrdup("require");
			remapped = 1;
		}
		secret = after_secret(p, kb);
		rc = store(p, key, kb, eq, val, eq + 1, end, remapped);
		/* as in parse_kv: the parameters after an unknown one are
		 * still read */
		if (rc == -2 && secret)
			fail(p, kb, eq,
			     "invalid URI query parameter after the value of "
			     "\"%s\": write '&' in a value as %%26",
			     secret);
		else if (rc == -2)
			fail(p, kb, eq, "invalid URI query parameter: \"%.*s\"",
			     (int)QUOTE_MAX, key);
		free(key);
		if (rc && rc != -2)
			return rc;
		i = end + (end < n);
	}
	p->ci->complete = 1;
	return p->ci->error ? -1 : 0;
}

/*
 * The host list of a URI: '[ipv6]' or a name, each with an optional
 * ':port', joined by ','. libpq joins the hosts and the ports into two
 * lists and percent-decodes each list whole (so %2C separates hosts).
 * Leaves *pi at the terminator, returned in *stop ('\0', '/' or '?').
 */
static int
parse_hosts(struct parser *p, size_t *pi, size_t n, char *stop)
{
	const char *s = p->text;
	struct buf hosts = BUF_INIT, ports = BUF_INIT;
	size_t i = *pi, hb = i, pb = (size_t)-1, pe = i;
	char c;
	int rc = 0;

	for (;;) {
		size_t b = i, e;

		if (i < n && s[i] == '[') {
			b = ++i;
			while (i < n && s[i] != ']')
				i++;
			if (i >= n)
				rc = fail(p, b - 1, n,
					  "end of string reached when looking "
					  "for matching \"]\" in IPv6 host "
					  "address in URI");
			else if (i == b)
				rc = fail(p, b - 1, i + 1,
					  "IPv6 host address may not be empty "
					  "in URI");
			else if (i + 1 < n && !strchr(":/?,", s[i + 1]))
				rc = fail(p, i + 1, i + 2,
					  "unexpected character \"%c\" at "
					  "position %zu in URI (expected \":\" "
					  "or \"/\")",
					  s[i + 1], i + 2);
			if (rc)
				goto out;
			e = i++;
		} else {
			while (i < n && !strchr(":/?,", s[i]))
				i++;
			e = i;
		}
		buf_add(&hosts, s + b, e - b);
		if (hole_ends_value(p, b, e))
			p->ci->open = 1; /* "postgres://db" + rest */
		c = i < n ? s[i] : '\0';
		if (c == ':') {
			size_t q = ++i;

			while (i < n && !strchr("/?,", s[i]))
				i++;
			if (hole_ends_value(p, q, i))
				p->ci->open = 1;
			if (pb == (size_t)-1)
				pb = q;
			pe = i;
			buf_add(&ports, s + q, i - q);
			c = i < n ? s[i] : '\0';
		}
		if (c != ',')
			break;
		i++;
		buf_addch(&hosts, ',');
		buf_addch(&ports, ',');
	}
	if (hosts.len)
		rc = store_component(p, "host", hosts.ptr, hosts.len, hb, i);
	if (!rc && ports.len)
		rc = store_component(p, "port", ports.ptr, ports.len,
				     pb == (size_t)-1 ? hb : pb, pe);
	*pi = i;
	*stop = c;
out:
	buf_release(&hosts);
	buf_release(&ports);
	return rc;
}

/* conninfo_uri_parse_options. */
static int
parse_uri(struct parser *p)
{
	const char *s = p->text;
	size_t n = strnlen(p->text, p->len), i = uri_prefix(s, n), j;
	char c;

	/* User info ends at the first '@' met before any '/'. */
	for (j = i; j < n && s[j] != '@' && s[j] != '/'; j++)
		;
	if (j < n && s[j] == '@') {
		size_t k = i;

		while (s[k] != ':' && s[k] != '@')
			k++;
		if (k > i && store_component(p, "user", s + i, k - i, i, k))
			return -1;
		if (s[k] == ':') {
			size_t pw = ++k;

			while (s[k] != '@')
				k++;
			if (k > pw && store_component(p, "password", s + pw,
						      k - pw, pw, k))
				return -1;
		}
		i = k + 1;
	}
	if (parse_hosts(p, &i, n, &c))
		return -1;
	if (c && c != '?') {
		size_t db = ++i;

		while (i < n && s[i] != '?')
			i++;
		if (hole_ends_value(p, db, i))
			p->ci->open = 1; /* "postgres://h/app" + "?..." */
		/* An empty dbname is not stored (PGDATABASE still applies). */
		if (i > db &&
		    store_component(p, "dbname", s + db, i - db, db, i))
			return -1;
		c = i < n ? s[i] : '\0';
	}
	if (c)
		return parse_params(p, i + 1, n);
	p->ci->complete = 1;
	return 0;
}

static int
parse(const char *text, size_t len, int version, int forward, int holes,
      struct conninfo *ci)
{
	struct parser p = {text, len, version, ci, forward};

	memset(ci, 0, sizeof(*ci));
	ci->holes = holes;
	ci->is_uri = conninfo_is_uri(text, len);
	return ci->is_uri ? parse_uri(&p) : parse_kv(&p);
}

int
conninfo_parse(const char *text, size_t len, int version, struct conninfo *ci)
{
	return parse(text, len, version, 0, 0, ci);
}

int
conninfo_parse_forwarding(const char *text, size_t len, int version,
			  struct conninfo *ci)
{
	return parse(text, len, version, 1, 0, ci);
}

int
conninfo_parse_holes(const char *text, size_t len, int version, int forward,
		     struct conninfo *ci)
{
	return parse(text, len, version, forward, 1, ci);
}

int
conninfo_unknown(const struct conninfo *ci, const struct conn_param *cp)
{
	return ci->holes && cp && cp->value &&
	       strchr(cp->value, CONNINFO_HOLE) != NULL;
}

void
conninfo_release(struct conninfo *ci)
{
	size_t i;

	for (i = 0; i < ci->nr; i++) {
		free(ci->v[i].key);
		free(ci->v[i].value);
	}
	free(ci->v);
	free(ci->error);
	memset(ci, 0, sizeof(*ci));
}

const struct conn_param *
conninfo_get(const struct conninfo *ci, const char *key)
{
	size_t i = ci->nr;

	while (i-- > 0)
		if (!strcmp(ci->v[i].key, key))
			return &ci->v[i];
	return NULL;
}

static int
one_of(const char *v, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(v, *names))
			return 1;
	return 0;
}

static size_t
count_elems(const char *v)
{
	size_t n = 1;

	for (; *v; v++)
		n += *v == ',';
	return n;
}

/* The rank of a TLS version (case-insensitive), 0 for unset, -1 invalid. */
static int
tls_rank(const char *v)
{
	static const char *const names[] = {"TLSv1", "TLSv1.1", "TLSv1.2",
					    "TLSv1.3"};
	int i;

	if (!v || !*v)
		return 0;
	for (i = 0; i < 4; i++)
		if (!strcasecmp(v, names[i]))
			return i + 1;
	return -1;
}

/* parse_int_param() then the 1..65535 range, for each port in the list. */
static int
ports_valid(const char *list)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		char *copy = xstrndup(p, n), *end, *q = copy;
		long v;
		int ok;

		while (is_space(*q))
			q++;
		v = strtol(q, &end, 10);
		while (is_space(*end))
			end++;
		ok = !n || (end != q && !*end && v >= 1 && v <= 65535);
		free(copy);
		if (!ok)
			return 0;
		p += n + (p[n] == ',');
	}
	return 1;
}

/*
 * Whether some host of the hostaddr list can be tried: an empty element
 * (the host name is used) or a numeric address. libpq parses each with
 * getaddrinfo(AI_NUMERICHOST) when it comes to that host (fe-connect.c
 * PQconnectPoll, CHT_HOST_ADDRESS: "could not parse network address")
 * and moves on to the next; when none can be parsed it cannot connect.
 */
static int
hostaddr_usable(const char *list)
{
	const char *p = list;

	for (;;) {
		size_t n = strcspn(p, ",");
		char *one = xstrndup(p, n);
		struct addrinfo hint, *res = NULL;
		int ok;

		memset(&hint, 0, sizeof(hint));
		hint.ai_flags = AI_NUMERICHOST;
		hint.ai_family = AF_UNSPEC;
		hint.ai_socktype = SOCK_STREAM;
		ok = !n || getaddrinfo(one, NULL, &hint, &res) == 0;
		if (res)
			freeaddrinfo(res);
		free(one);
		if (ok)
			return 1;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

static char *
bad(const struct conn_param *cp, const struct conn_param **param,
    const char *fmt)
{
	char *shown = str_cut(cp->value, QUOTE_MAX), *msg;

	*param = cp;
	msg = xasprintf(fmt, shown);
	free(shown);
	return msg;
}

/* The effective value of key when we can see it; *hidden when a hole
 * stands in it (no check may judge it). */
static const struct conn_param *
get_seen(const struct conninfo *ci, const char *key, int *hidden)
{
	const struct conn_param *cp = conninfo_get(ci, key);

	if (conninfo_unknown(ci, cp)) {
		*hidden = 1;
		return NULL;
	}
	return cp;
}

char *
conninfo_check(const struct conninfo *ci, int version,
	       const struct conn_param **param)
{
	static const char *const sslmodes[] = {
	    "disable",	 "allow",	"prefer", "require",
	    "verify-ca", "verify-full", NULL};
	static const char *const gssmodes[] = {"disable", "prefer", "require",
					       NULL};
	static const char *const tsa14[] = {
	    "any",     "read-write",	 "read-only", "primary",
	    "standby", "prefer-standby", NULL};
	static const char *const tsa10[] = {"any", "read-write", NULL};
	int hosts_hidden = 0, mode_hidden = 0, hidden = 0;
	const struct conn_param *host = get_seen(ci, "host", &hosts_hidden),
				*addr = get_seen(ci, "hostaddr", &hosts_hidden),
				*port = get_seen(ci, "port", &hosts_hidden),
				*mode = get_seen(ci, "sslmode", &mode_hidden),
				*cp;
	size_t nhosts = 1;

	*param = NULL;
	if (hosts_hidden)
		host = addr = NULL; /* how many hosts: unknown */
	if (addr && *addr->value)
		nhosts = count_elems(addr->value);
	else if (host && *host->value)
		nhosts = count_elems(host->value);
	if (host && *host->value && addr && *addr->value &&
	    count_elems(host->value) != nhosts) {
		*param = host;
		return xasprintf(
		    "could not match %zu host names to %zu hostaddr "
		    "values",
		    count_elems(host->value), nhosts);
	}
	if (port && *port->value && count_elems(port->value) > 1 &&
	    count_elems(port->value) != nhosts) {
		*param = port;
		return xasprintf(
		    "could not match %zu port numbers to %zu hosts",
		    count_elems(port->value), nhosts);
	}
	if ((cp = get_seen(ci, "channel_binding", &hidden)) &&
	    !one_of(cp->value, gssmodes))
		return bad(cp, param, "invalid channel_binding value: \"%s\"");
	if (mode && !one_of(mode->value, sslmodes))
		return bad(mode, param, "invalid sslmode value: \"%s\"");
	if ((cp = get_seen(ci, "ssl_min_protocol_version", &hidden)) &&
	    tls_rank(cp->value) < 0)
		return bad(cp, param,
			   "invalid ssl_min_protocol_version value: \"%s\"");
	if ((cp = get_seen(ci, "ssl_max_protocol_version", &hidden)) &&
	    tls_rank(cp->value) < 0)
		return bad(cp, param,
			   "invalid ssl_max_protocol_version value: \"%s\"");
	/* sslVerifyProtocolRange, with libpq's default minimum (TLSv1.2
	 * since 13) when none is given. */
	if (cp && tls_rank(cp->value) > 0) {
		int min_hidden = 0;
		const struct conn_param *min =
		    get_seen(ci, "ssl_min_protocol_version", &min_hidden);
		int rmin = min ? tls_rank(min->value) : version >= 13 ? 3 : 0;

		if (!min_hidden && rmin > tls_rank(cp->value)) {
			*param = cp;
			return xstrdup("invalid SSL protocol version range");
		}
	}
	if ((cp = get_seen(ci, "gssencmode", &hidden)) &&
	    !one_of(cp->value, gssmodes))
		return bad(cp, param, "invalid gssencmode value: \"%s\"");
	if ((cp = get_seen(ci, "target_session_attrs", &hidden)) &&
	    !one_of(cp->value, version >= 14 ? tsa14 : tsa10))
		return bad(cp, param,
			   "invalid target_session_attrs value: \"%s\"");
	if (version >= 16 && (cp = get_seen(ci, "sslrootcert", &hidden)) &&
	    !strcmp(cp->value, "system") && mode &&
	    strcmp(mode->value, "verify-full"))
		return bad(mode, param,
			   "weak sslmode \"%s\" may not be used with "
			   "sslrootcert=system (use \"verify-full\")");
	if (version >= 17 && !mode_hidden &&
	    (cp = get_seen(ci, "sslnegotiation", &hidden))) {
		static const char *const neg[] = {"postgres", "direct", NULL};
		const char *m = mode ? mode->value : "prefer";

		if (!one_of(cp->value, neg))
			return bad(cp, param,
				   "invalid sslnegotiation value: \"%s\"");
		if (!strcmp(cp->value, "direct") &&
		    (!strcmp(m, "disable") || !strcmp(m, "allow") ||
		     !strcmp(m, "prefer"))) {
			*param = mode ? mode : cp;
			return xasprintf("weak sslmode \"%s\" may not be used "
					 "with sslnegotiation=direct (use "
					 "\"require\", \"verify-ca\", or "
					 "\"verify-full\")",
					 m);
		}
	}
	if (!hosts_hidden && port && !ports_valid(port->value))
		return bad(port, param, "invalid port number: \"%s\"");
	if (!hosts_hidden && addr && *addr->value &&
	    !hostaddr_usable(addr->value))
		return bad(addr, param,
			   "could not parse network address \"%s\"");
	return NULL;
}
