/* SPDX-License-Identifier: MIT */
/*
 * secrets_text.c — the secrets of a piece of text, by the rules every
 * format shares.
 *
 * A string's secrets: parsed as what it is (libpq keyword/value or URI,
 * JDBC URL), its password and sslpassword values (and after a password, a
 * key no driver knows or the token a parse error stops at: the rest of a
 * value cut by a blank or an '&'); when it is none of those, or does not
 * parse, the plain-text rules: KEY (=|:|:=|=>) VALUE for a key named like
 * a secret, VALUE being a quoted string to its closing quote or else the
 * bytes up to an unescaped blank or quote (a shell's "NAME=\" goes on
 * on the next line); and in every case a URI's password, from the ':' of
 * its user info up to the last '@' before the host.
 */
#include "secrets_text.h"

#include <stdlib.h>
#include <string.h>

#include "parsers/conninfo.h"
#include "parsers/jdbc.h"
#include "secrets.h"
#include "util/sort.h"
#include "util/xalloc.h"


void
secrets_add(struct source_ranges *r, size_t b, size_t e)
{
	if (e <= b)
		return;
	ALLOC_GROW(r->v, r->nr + 1, r->alloc);
	r->v[r->nr].begin = b;
	r->v[r->nr].end = e;
	r->nr++;
}

static int
cmp_range(const void *a, const void *b)
{
	const struct source_range *x = a, *y = b;

	if (x->begin != y->begin)
		return x->begin < y->begin ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

/* Sorts and merges overlapping or touching ranges. */
void
secrets_normalize(struct source_ranges *r)
{
	size_t i, k = 0;

	sort_array(r->v, r->nr, sizeof(*r->v), cmp_range);
	for (i = 0; i < r->nr; i++) {
		if (k && r->v[i].begin <= r->v[k - 1].end) {
			if (r->v[i].end > r->v[k - 1].end)
				r->v[k - 1].end = r->v[i].end;
			continue;
		}
		r->v[k++] = r->v[i];
	}
	r->nr = k;
}

char
secrets_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
ends_with(const char *s, size_t n, const char *suffix, size_t k)
{
	size_t i;

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if (secrets_lower(s[n - k + i]) != suffix[i])
			return 0;
	return 1;
}

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

int
secrets_name_is_secret(const char *name, size_t len)
{
#define WORD(s) {s, sizeof(s) - 1}
	static const struct {
		const char *s;
		size_t n;
	} suffixes[] = {WORD("password"),	    WORD("passwd"),
			WORD("passphrase"),	    WORD("passphrase_command"),
			WORD("secret"),		    WORD("secrets")},
	  last_words[] = {WORD("pwd"),	  WORD("pass"),	      WORD("token"),
			  WORD("key"),	  WORD("apikey"),     WORD("credential"),
			  WORD("credentials")};
#undef WORD
	size_t i, w;

	/* Called on every identifier of a file with a finding: a name is
	 * one of the words or ends in one, so it ends in one of their last
	 * three letters, which most names do not. */
	if (len < 3)
		return 0;
#define TAIL(a, b, c) \
	((unsigned)(a) | (unsigned)(b) << 8 | (unsigned)(c) << 16)
	switch (TAIL(secrets_lower(name[len - 3]), secrets_lower(name[len - 2]),
		     secrets_lower(name[len - 1]))) {
	case TAIL('o', 'r', 'd'): /* password */
	case TAIL('s', 'w', 'd'): /* passwd */
	case TAIL('a', 's', 'e'): /* passphrase */
	case TAIL('a', 'n', 'd'): /* passphrase_command */
	case TAIL('r', 'e', 't'): /* secret */
	case TAIL('e', 't', 's'): /* secrets */
	case TAIL('p', 'w', 'd'):
	case TAIL('a', 's', 's'): /* pass */
	case TAIL('k', 'e', 'n'): /* token */
	case TAIL('k', 'e', 'y'): /* key, apikey */
	case TAIL('i', 'a', 'l'): /* credential */
	case TAIL('a', 'l', 's'): /* credentials */
		break;
	default:
		return 0;
	}
#undef TAIL
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends_with(name, len, suffixes[i].s, suffixes[i].n))
			return 1;
	/* The last word: after a separator or a lower-to-upper change. */
	for (w = len; w > 0 && is_alnum(name[w - 1]); w--)
		if (name[w - 1] >= 'A' && name[w - 1] <= 'Z' && w >= 2 &&
		    name[w - 2] >= 'a' && name[w - 2] <= 'z') {
			w--;
			break;
		}
	for (i = 0; i < sizeof(last_words) / sizeof(last_words[0]); i++)
		if (len - w == last_words[i].n &&
		    ends_with(name + w, len - w, last_words[i].s,
			      last_words[i].n))
			return 1;
	return 0;
}

static int
key_char(char c)
{
	return is_alnum(c) || c == '_' || c == '.' || c == '-';
}

static int
quote_char(char c)
{
	return c == '"' || c == '\'' || c == '`';
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* After a secret's key at p (its end): the operator that binds a value,
 * and the blanks around it. Returns the value's offset, or 0. */
static size_t
after_key(const char *v, size_t n, size_t p, int quoted_key)
{
	size_t q = p;

	if (quoted_key && q < n && quote_char(v[q]))
		q++;
	if (quoted_key && q < n && v[q] == ']')
		q++; /* os.environ["PGPASSWORD"] = ... */
	while (q < n && blank(v[q]))
		q++;
	if (q + 1 < n && ((v[q] == ':' && v[q + 1] == '=') ||
			  (v[q] == '=' && v[q + 1] == '>')))
		q += 2;
	else if (q < n && ((v[q] == '=' && (q + 1 >= n || v[q + 1] != '=')) ||
			   (v[q] == ':' && (q + 1 >= n || v[q + 1] != ':')) ||
			   (quoted_key && v[q] == ',')))
		q++;
	else
		return 0;
	while (q < n && blank(v[q]))
		q++;
	/* "password:" alone on its line: the value is on the next */
	if (q < n && (v[q] == '\n' || v[q] == '\r')) {
		while (q < n && (v[q] == '\n' || v[q] == '\r' || blank(v[q])))
			q++;
	}
	return q;
}

/* The end of a value at q: a quoted one's closing quote (escapes
 * skipped), else the first unescaped blank or quote. */
static size_t
value_end(const char *v, size_t n, size_t q, size_t *inner)
{
	*inner = q;
	if (q < n && quote_char(v[q])) {
		char c = v[q++];

		*inner = q;
		while (q < n && v[q] != c) {
			if (v[q] == '\\' && q + 1 < n)
				q++;
			q++;
		}
		return q;
	}
	while (q < n && v[q] != ' ' && v[q] != '\t' && v[q] != '\n' &&
	       v[q] != '\r' && !quote_char(v[q])) {
		if (v[q] == '\\' && q + 1 < n)
			q++;
		q++;
	}
	return q;
}

/* A value that is only a placeholder (${X}, $X, {{ x }}, <x>) holds no
 * secret of its own. */
int
secrets_lone_placeholder(const char *v, size_t n)
{
	size_t i;

	if (n > 3 && v[0] == '$' && v[1] == '{' && v[n - 1] == '}')
		return !memchr(v + 2, '}', n - 3);
	if (n > 1 && v[0] == '$') {
		for (i = 1; i < n && (is_alnum(v[i]) || v[i] == '_'); i++)
			;
		return i == n;
	}
	if (n > 4 && !memcmp(v, "{{", 2) && !memcmp(v + n - 2, "}}", 2))
		return 1;
	return n > 1 && v[0] == '<' && v[n - 1] == '>';
}

/* YAML's "|" or ">" (with its chomping and indentation indicators): the
 * value is on the lines below, where the parsed pairs find it. */
static int
block_indicator(const char *v, size_t n)
{
	return n && (v[0] == '|' || v[0] == '>') &&
	       strspn(v + 1, "-+0123456789") >= n - 1;
}

/* The plain-text rules: KEY op VALUE, for keys named like a secret. */
void
secrets_plain_text(const char *v, size_t n, struct source_ranges *out)
{
	size_t i = 0;

	while (i < n) {
		size_t kb = i, q, inner, e;
		int quoted;

		if (!key_char(v[i]) || (i && key_char(v[i - 1]))) {
			i++;
			continue;
		}
		while (i < n && key_char(v[i]))
			i++;
		if (!secrets_name_is_secret(v + kb, i - kb))
			continue;
		quoted =
		    kb && quote_char(v[kb - 1]) && i < n && v[i] == v[kb - 1];
		q = after_key(v, n, i, quoted);
		if (!q)
			continue;
		/* a shell's "NAME=\" goes on on the next line */
		if (q + 1 < n && v[q] == '\\' && v[q + 1] == '\n')
			for (q += 2; q < n && blank(v[q]); q++)
				;
		e = value_end(v, n, q, &inner);
		if (!secrets_lone_placeholder(v + inner, e - inner) &&
		    !block_indicator(v + inner, e - inner))
			secrets_add(out, inner, e);
		i = e > i ? e : i + 1;
	}
}

/* A URI's password: from the ':' of its user info to the last '@'
 * before the host part ends (libpq stops at the first '@', other
 * drivers at the last: mask what either would send). */
void
secrets_uri_userinfo(const char *v, size_t n, struct source_ranges *out)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++) {
		size_t s, e, at = 0, colon = 0, k;

		if (memcmp(v + i, "://", 3))
			continue;
		s = i + 3;
		for (e = s; e < n && !strchr("/?#\"' \t\r\n`", v[e]); e++)
			if (v[e] == '@')
				at = e;
		for (k = s; at && k < at; k++)
			if (v[k] == ':') {
				colon = k;
				break;
			}
		if (colon)
			secrets_add(out, colon + 1, at);
		i = e > i ? e - 1 : i;
	}
}

/* Where libpq would read secrets in a connection string: its password
 * and sslpassword values; 1 when it parsed as one. */
static int
connection_string(const char *v, size_t n, struct source_ranges *out)
{
	struct conninfo ci;
	size_t i;
	int rc;

	if (jdbc_is_url(v, n))
		rc = jdbc_parse(v, n, &ci);
	else if (conninfo_is_uri(v, n) || memchr(v, '=', n))
		rc = conninfo_parse_forwarding(v, n, SECRETS_PG_VERSION, &ci);
	else
		return 0;
	for (i = 0; i < ci.nr; i++) {
		size_t b = ci.v[i].value_begin, e = ci.v[i].value_end;

		/* a key no driver knows right after a secret: its rest, cut
		 * by a blank or an '&' */
		if (i && ci.v[i].forwarded &&
		    secrets_name_is_secret(ci.v[i - 1].key,
					   strlen(ci.v[i - 1].key)) &&
		    strspn(v + ci.v[i - 1].value_end, " \t\r\n&") >=
			ci.v[i].key_begin - ci.v[i - 1].value_end) {
			secrets_add(out, ci.v[i].key_begin, e);
			continue;
		}
		if (!secrets_name_is_secret(ci.v[i].key, strlen(ci.v[i].key))) {
			/* "Host=db;Password=x" reads as one value */
			struct source_ranges in = {NULL, 0, 0, 0};
			size_t k;

			secrets_plain_text(v + b, e - b, &in);
			for (k = 0; k < in.nr; k++)
				secrets_add(out, b + in.v[k].begin, b + in.v[k].end);
			free(in.v);
			continue;
		}
		if (e - b >= 2 && v[b] == '\'' && v[e - 1] == '\'')
			b++, e--; /* the quotes are not the secret */
		secrets_add(out, b, e);
	}
	/* What stands right after a secret where the string goes wrong may
	 * be the rest of it, cut by a blank or an '&' (conninfo.c names the
	 * place in its message and quotes nothing). */
	if (rc && ci.nr &&
	    secrets_name_is_secret(ci.v[ci.nr - 1].key,
				   strlen(ci.v[ci.nr - 1].key)) &&
	    ci.err_begin >= ci.v[ci.nr - 1].value_end &&
	    strspn(v + ci.v[ci.nr - 1].value_end, " \t\r\n&") >=
		ci.err_begin - ci.v[ci.nr - 1].value_end)
		secrets_add(out, ci.err_begin, ci.err_end);
	conninfo_release(&ci);
	return rc == 0;
}

/* Whether the word w (lower case) starts at text[i] in any case. */
static int
word_at(const char *text, size_t len, size_t i, const char *w, size_t n)
{
	size_t k;

	if (len - i < n)
		return 0;
	for (k = 1; k < n && secrets_lower(text[i + k]) == w[k]; k++)
		;
	return k == n;
}

/* Every secret's key holds one of these words (secrets_name_is_secret's,
 * any case), and a URI's password follows "://": a text holding none has
 * no secret for any rule here. Called on whole files, comments and
 * strings: one switch per byte, a comparison only at the words' first
 * letters. */
int
secrets_might_hold(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (secrets_lower(text[i])) {
		case 'p':
			if (word_at(text, len, i, "pass", 4) ||
			    word_at(text, len, i, "pwd", 3))
				return 1;
			break;
		case 's':
			if (word_at(text, len, i, "secret", 6))
				return 1;
			break;
		case 't':
			if (word_at(text, len, i, "token", 5))
				return 1;
			break;
		case 'k':
			if (word_at(text, len, i, "key", 3))
				return 1;
			break;
		case 'c':
			if (word_at(text, len, i, "cred", 4))
				return 1;
			break;
		case ':':
			if (word_at(text, len, i, "://", 3))
				return 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* The secrets of a string's value v[0..n), as ranges of v. */
void
secrets_in_string(const char *v, size_t n, struct source_ranges *out)
{
	secrets_uri_userinfo(v, n, out);
	if (!connection_string(v, n, out))
		secrets_plain_text(v, n, out);
}

/*
 * Moves the ranges vr of a value v[0..n) written at text[b, e) into out.
 * A verbatim value's bytes are the text's from b; another's are found in
 * order in [b, e) (quotes, escapes and indentation are only ever left
 * out), and when they cannot be, the whole of [b, e) is secret.
 */
void
secrets_map_value(const struct source_ranges *vr, const char *text, size_t b, size_t e,
	  const char *v, size_t n, int verbatim, struct source_ranges *out)
{
	size_t i, j = b, k = 0;

	for (i = 0; i < vr->nr; i++) {
		if (verbatim) {
			secrets_add(out, b + vr->v[i].begin,
			    b + vr->v[i].end < e ? b + vr->v[i].end : e);
			continue;
		}
		for (; k < vr->v[i].end && k < n; k++, j++) {
			while (j < e && text[j] != v[k])
				j++;
			if (j >= e) {
				secrets_add(out, b, e);
				return;
			}
			if (k >= vr->v[i].begin)
				secrets_add(out, j, j + 1);
		}
	}
}

