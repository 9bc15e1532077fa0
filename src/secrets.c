/* SPDX-License-Identifier: MIT */
/*
 * secrets.c — where a file's secrets are, found with its format's own
 * reader, and masking them in whatever we print.
 *
 * Per format (src->kind):
 *   postgresql.conf  a setting named like a secret (ssl_passphrase_command,
 *                    a custom *.password): the whole value token; any
 *                    other value: the secrets of the string it holds
 *                    (primary_conninfo's password); a line PostgreSQL
 *                    rejects: the plain-text rules on that line.
 *   pg_hba.conf      ldapbindpasswd=, radiussecrets= (and any option named
 *                    like a secret): the token after '=', quotes included
 *                    (hba.c next_token); a URI's user info in any token.
 *   .env, shell, Dockerfile, .properties, YAML, pg_service.conf
 *                    every pair its parser reads (keys named like a
 *                    secret: the whole value, wherever it is written, on
 *                    the next line or in a block too; other values: the
 *                    secrets of the string they hold), then the plain-text
 *                    rules over the whole file (a command line's
 *                    PGPASSWORD=..., a URI in a psql argument).
 *   JS/TS, Go, Python, Java
 *                    the lexer's tokens: the value of anything named like
 *                    a secret (name = ..., name: ..., "name", ...,
 *                    setName(...), getConnection's third argument) has
 *                    every literal masked; each string expression (its
 *                    literals joined across + and side by side) has the
 *                    bytes of its secrets masked in each literal they come
 *                    from; comments get the plain-text rules.
 *
 * The secrets of a string: parsed as what it is (libpq keyword/value or
 * URI, JDBC URL), its password and sslpassword values; when it is none
 * of those, or does not parse, the plain-text rules: KEY (=|:|:=|=>) VALUE
 * for a key named like a secret, VALUE being a quoted string to its
 * closing quote or else the bytes up to an unescaped blank or quote; and
 * in every case a URI's password, from the ':' of its user info up to the
 * last '@' before the host.
 */
#include "secrets.h"

#include <stdlib.h>
#include <string.h>

#include "parsers/assign.h"
#include "parsers/conninfo.h"
#include "parsers/hba.h"
#include "parsers/jdbc.h"
#include "parsers/pgconf.h"
#include "parsers/service.h"
#include "parsers/yaml_carrier.h"
#include "scanners/lexer.h"
#include "util/buf.h"
#include "util/sort.h"
#include "util/xalloc.h"

/* Newest libpq: its keyword list is the longest. */
#define SECRETS_PG_VERSION 18

static void
add(struct source_ranges *r, size_t b, size_t e)
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
static void
normalize(struct source_ranges *r)
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

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix), i;

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if (lower(s[n - k + i]) != suffix[i])
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
	static const char *const suffixes[] = {
	    "password",		  "passwd", "passphrase",
	    "passphrase_command", "secret", "secrets"};
	static const char *const last_words[] = {
	    "pwd",    "pass",	    "token",	  "key",
	    "apikey", "credential", "credentials"};
	size_t i, w;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends_with(name, len, suffixes[i]))
			return 1;
	/* The last word: after a separator or a lower-to-upper change. */
	for (w = len; w > 0 && is_alnum(name[w - 1]); w--)
		if (name[w - 1] >= 'A' && name[w - 1] <= 'Z' && w >= 2 &&
		    name[w - 2] >= 'a' && name[w - 2] <= 'z') {
			w--;
			break;
		}
	for (i = 0; i < sizeof(last_words) / sizeof(last_words[0]); i++)
		if (len - w == strlen(last_words[i]) &&
		    ends_with(name + w, len - w, last_words[i]))
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
static int
lone_placeholder(const char *v, size_t n)
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
static void
plain_text(const char *v, size_t n, struct source_ranges *out)
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
		if (!lone_placeholder(v + inner, e - inner) &&
		    !block_indicator(v + inner, e - inner))
			add(out, inner, e);
		i = e > i ? e : i + 1;
	}
}

/* A URI's password: from the ':' of its user info to the last '@'
 * before the host part ends (libpq stops at the first '@', other
 * drivers at the last: mask what either would send). */
static void
uri_userinfo(const char *v, size_t n, struct source_ranges *out)
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
			add(out, colon + 1, at);
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
			add(out, ci.v[i].key_begin, e);
			continue;
		}
		if (!secrets_name_is_secret(ci.v[i].key, strlen(ci.v[i].key))) {
			/* "Host=db;Password=x" reads as one value */
			struct source_ranges in = {NULL, 0, 0, 0};
			size_t k;

			plain_text(v + b, e - b, &in);
			for (k = 0; k < in.nr; k++)
				add(out, b + in.v[k].begin, b + in.v[k].end);
			free(in.v);
			continue;
		}
		if (e - b >= 2 && v[b] == '\'' && v[e - 1] == '\'')
			b++, e--; /* the quotes are not the secret */
		add(out, b, e);
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
		add(out, ci.err_begin, ci.err_end);
	conninfo_release(&ci);
	return rc == 0;
}

/* The secrets of a string's value v[0..n), as ranges of v. */
static void
string_secrets(const char *v, size_t n, struct source_ranges *out)
{
	uri_userinfo(v, n, out);
	if (!connection_string(v, n, out))
		plain_text(v, n, out);
}

/*
 * Moves the ranges vr of a value v[0..n) written at text[b, e) into out.
 * A verbatim value's bytes are the text's from b; another's are found in
 * order in [b, e) (quotes, escapes and indentation are only ever left
 * out), and when they cannot be, the whole of [b, e) is secret.
 */
static void
map_value(const struct source_ranges *vr, const char *text, size_t b, size_t e,
	  const char *v, size_t n, int verbatim, struct source_ranges *out)
{
	size_t i, j = b, k = 0;

	for (i = 0; i < vr->nr; i++) {
		if (verbatim) {
			add(out, b + vr->v[i].begin,
			    b + vr->v[i].end < e ? b + vr->v[i].end : e);
			continue;
		}
		for (; k < vr->v[i].end && k < n; k++, j++) {
			while (j < e && text[j] != v[k])
				j++;
			if (j >= e) {
				add(out, b, e);
				return;
			}
			if (k >= vr->v[i].begin)
				add(out, j, j + 1);
		}
	}
}

/* One name = value pair of a carrier. */
static void
pair(const char *text, const struct assignment *a, struct source_ranges *out)
{
	struct source_ranges vr = {NULL, 0, 0, 0};
	size_t n = strlen(a->value);

	if (secrets_name_is_secret(a->name, strlen(a->name)) ||
	    (a->path && secrets_name_is_secret(a->path, strlen(a->path)))) {
		size_t b = a->value_begin;

		/* a YAML block's indicator line is not the value */
		if (b < a->value_end && (text[b] == '|' || text[b] == '>'))
			while (b < a->value_end && text[b] != '\n')
				b++;
		if (n && !lone_placeholder(a->value, n))
			add(out, b, a->value_end);
		return;
	}
	string_secrets(a->value, n, &vr);
	map_value(&vr, text, a->value_begin, a->value_end, a->value, n,
		  a->verbatim, out);
	free(vr.v);
}

static void
pairs(const char *text, const struct assignments *as, struct source_ranges *out)
{
	size_t i;

	for (i = 0; i < as->nr; i++)
		pair(text, &as->v[i], out);
}

static void
in_pgconf(const struct source *src, struct source_ranges *out)
{
	struct pgconf_file pf;
	size_t i;

	pgconf_parse(src->text, src->len, &pf);
	for (i = 0; i < pf.nr; i++) {
		const struct pgconf_item *it = &pf.v[i];
		struct source_ranges vr = {NULL, 0, 0, 0};
		size_t b = it->begin + it->quoted, e = it->end - it->quoted;
		const char *line;
		size_t len;

		if (it->kind == PGCONF_ERROR) {
			line = source_line(src, it->line, &len);
			plain_text(line, len, &vr);
			uri_userinfo(line, len, &vr);
			map_value(&vr, src->text, (size_t)(line - src->text),
				  (size_t)(line - src->text) + len, line, len,
				  1, out);
		} else if (it->kind != PGCONF_SETTING) {
			continue;
		} else if (secrets_name_is_secret(it->name, strlen(it->name))) {
			add(out, b, e);
		} else {
			string_secrets(it->value, it->value_len, &vr);
			map_value(&vr, src->text, b, e, it->value,
				  it->value_len, e - b == it->value_len, out);
		}
		free(vr.v);
	}
	pgconf_release(&pf);
}

/* pg_hba.conf: an option named like a secret, from its '=' to the end
 * of its field (radiussecrets=a,b is read as one option and a stray
 * token "b" by PostgreSQL, and both are the secret). */
static void
in_hba(const struct source *src, struct source_ranges *out)
{
	struct hba_lines hl;
	size_t i, f, t;

	hba_tokenize(src->text, src->len, &hl);
	for (i = 0; i < hl.nr; i++)
		for (f = 0; f < hl.v[i].nfields; f++) {
			const struct hba_field *fl = &hl.v[i].fields[f];
			int secret = 0;

			for (t = 0; t < fl->nr; t++) {
				const struct hba_token *tk = &fl->v[t];
				const char *w = src->text + tk->begin;
				size_t n = tk->end - tk->begin;
				const char *eq = memchr(w, '=', n);
				struct source_ranges vr = {NULL, 0, 0, 0};

				if (!secret && eq &&
				    secrets_name_is_secret(w,
							   (size_t)(eq - w))) {
					secret = 1;
					add(out, (size_t)(eq + 1 - src->text),
					    tk->end);
					continue;
				}
				if (secret) {
					add(out, tk->begin, tk->end);
					continue;
				}
				uri_userinfo(w, n, &vr);
				map_value(&vr, src->text, tk->begin, tk->end, w,
					  n, 1, out);
				free(vr.v);
			}
		}
	hba_lines_release(&hl);
}

static void
in_carrier(const struct source *src, struct source_ranges *out)
{
	struct assignments as;
	struct service_file sf;
	char *err = NULL;

	assignments_init(&as, NULL);
	switch (src->kind) {
	case FILE_ENV:
	case FILE_SHELL:
		envfile_parse(src->text, src->len, NULL, &as);
		break;
	case FILE_DOCKERFILE:
		dockerfile_parse(src->text, src->len, NULL, &as);
		break;
	case FILE_PROPERTIES:
		properties_parse(src->text, src->len, NULL, &as);
		break;
	case FILE_SERVICE:
		service_parse(src->text, src->len, SECRETS_PG_VERSION, &sf);
		pairs(src->text, &sf.params, out);
		service_release(&sf);
		break;
	default:
		yaml_carrier_parse(src, NULL, &as, &err);
		free(err);
		break;
	}
	pairs(src->text, &as, out);
	assignments_release(&as);
	/* What no pair holds: command lines, a YAML the parser gave up on. */
	plain_text(src->text, src->len, out);
	uri_userinfo(src->text, src->len, out);
}

/* Source code ------------------------------------------------------ */

struct code {
	const struct source *src;
	enum lex_lang lang;
	struct token *v; /* owned; comments kept */
	size_t nr, alloc;
	unsigned char *joined; /* owned; per token: read as part of a string
				  expression already */
	struct source_ranges *out;
};

static int
tok_text_is(const struct code *c, size_t i, const char *word)
{
	size_t n = strlen(word);

	return i < c->nr && c->v[i].end - c->v[i].begin == n &&
	       !memcmp(c->src->text + c->v[i].begin, word, n);
}

static int
tok_punct(const struct code *c, size_t i, char ch)
{
	return i < c->nr && c->v[i].kind == TOK_PUNCT &&
	       c->src->text[c->v[i].begin] == ch;
}

/* The next token that is not a comment. */
static size_t
next_code(const struct code *c, size_t i)
{
	for (i++; i < c->nr && c->v[i].kind == TOK_COMMENT; i++)
		;
	return i;
}

/* Where each value byte of a string token is written: in order in its
 * body (escapes and indentation are only left out), or -1 for all when
 * they are not found so. */
static void
literal_offsets(const struct code *c, const struct token *t, const char *v,
		size_t n, size_t *off)
{
	const char *text = c->src->text;
	size_t b, e, j, k;

	lex_string_body(text, t, c->lang, &b, &e);
	for (j = b, k = 0; k < n; k++, j++) {
		while (j < e && text[j] != v[k])
			j++;
		if (j >= e) {
			for (k = 0; k < n; k++)
				off[k] = (size_t)-1;
			return;
		}
		off[k] = j;
	}
}

/* Masks the body of every string literal in tokens [from, to). */
static void
mask_literals(struct code *c, size_t from, size_t to)
{
	size_t i, b, e;

	for (i = from; i < to && i < c->nr; i++)
		if (c->v[i].kind == TOK_STRING) {
			lex_string_body(c->src->text, &c->v[i], c->lang, &b,
					&e);
			add(c->out, b, e);
		}
}

static int
opener(const struct code *c, size_t i)
{
	return tok_punct(c, i, '(') || tok_punct(c, i, '[') ||
	       tok_punct(c, i, '{');
}

static int
closer(const struct code *c, size_t i)
{
	return tok_punct(c, i, ')') || tok_punct(c, i, ']') ||
	       tok_punct(c, i, '}');
}

/* The end (exclusive) of the expression starting at token i: up to a
 * ',' ';' or unmatched closer at its own depth, or a new statement (two
 * operands in a row on different lines). */
static size_t
expression_end(const struct code *c, size_t i)
{
	size_t depth = 0, prev = (size_t)-1;

	for (; i < c->nr && c->v[i].kind != TOK_EOF; i++) {
		const struct token *t = &c->v[i];

		if (t->kind == TOK_COMMENT)
			continue;
		if (opener(c, i))
			depth++;
		else if (closer(c, i)) {
			if (!depth)
				return i;
			depth--;
		} else if (!depth &&
			   (tok_punct(c, i, ',') || tok_punct(c, i, ';')))
			return i;
		else if (!depth && prev != (size_t)-1 &&
			 c->v[prev].kind != TOK_PUNCT && t->kind != TOK_PUNCT &&
			 memchr(c->src->text + c->v[prev].end, '\n',
				t->begin - c->v[prev].end) &&
			 !(t->kind == TOK_STRING &&
			   c->v[prev].kind == TOK_STRING))
			return i;
		prev = i;
	}
	return i;
}

/* Whether token i names a secret: an identifier, or a string key. */
static int
names_secret(const struct code *c, size_t i)
{
	const struct token *t = &c->v[i];
	size_t b, e;

	if (t->kind == TOK_IDENT)
		return secrets_name_is_secret(c->src->text + t->begin,
					      t->end - t->begin);
	if (t->kind != TOK_STRING || (t->flags & TOKF_INTERPOLATED))
		return 0;
	lex_string_body(c->src->text, t, c->lang, &b, &e);
	return secrets_name_is_secret(c->src->text + b, e - b);
}

/* The previous token that is not a comment, or (size_t)-1. */
static size_t
prev_code(const struct code *c, size_t i)
{
	while (i-- > 0)
		if (c->v[i].kind != TOK_COMMENT)
			return i;
	return (size_t)-1;
}

/* The start of the value bound to a secret's name at token i, or 0:
 * name = v, name := v, name: v, name => v, setName(v) and name(v); a
 * string key as "name": v, ["name"] = v and f("name", v). */
static size_t
bound_value(const struct code *c, size_t i)
{
	size_t j = next_code(c, i), p = prev_code(c, i);
	int str = c->v[i].kind == TOK_STRING;

	if (!names_secret(c, i))
		return 0;
	if (str && p != (size_t)-1 && tok_punct(c, p, '[') &&
	    tok_punct(c, j, ']'))
		j = next_code(c, j);
	else if (str && p != (size_t)-1 && tok_punct(c, p, '(') &&
		 tok_punct(c, j, ','))
		return next_code(c, j);
	else if (str && !tok_punct(c, j, ':'))
		return 0;
	if (!str && tok_punct(c, j, '('))
		return next_code(c, j);
	if (tok_punct(c, j, ':') && tok_punct(c, next_code(c, j), '='))
		return next_code(c, next_code(c, j)); /* Go's := */
	if (tok_text_is(c, j, "=") || tok_text_is(c, j, ":=") ||
	    tok_text_is(c, j, "=>"))
		return next_code(c, j);
	if (tok_punct(c, j, ':') && !tok_punct(c, next_code(c, j), ':'))
		return next_code(c, j);
	return 0;
}

/* DriverManager.getConnection(url, user, password): its third argument. */
static size_t
positional_password(const struct code *c, size_t i)
{
	size_t j = next_code(c, i), commas = 0;

	if (!tok_text_is(c, i, "getConnection") || !tok_punct(c, j, '('))
		return 0;
	for (j = next_code(c, j); j < c->nr && commas < 2;
	     j = next_code(c, j)) {
		size_t e = expression_end(c, j);

		if (!tok_punct(c, e, ','))
			return 0;
		commas++;
		j = e;
	}
	return commas == 2 ? j : 0;
}

/* The last token of the operand starting at token k: a literal, or names
 * joined by '.' with their calls and indexes (os.Getenv("X")). */
static size_t
operand_last(const struct code *c, size_t k)
{
	size_t last = k, depth = 0;

	if (c->v[k].kind == TOK_STRING)
		return k;
	for (; k < c->nr && c->v[k].kind != TOK_EOF; k = next_code(c, k)) {
		if (opener(c, k))
			depth++;
		else if (closer(c, k)) {
			if (!depth)
				break;
			depth--;
		} else if (!depth && c->v[k].kind != TOK_IDENT &&
			   c->v[k].kind != TOK_NUMBER && !tok_punct(c, k, '.'))
			break;
		last = k;
	}
	return last;
}

/* One string expression from token i (literals joined by + or side by
 * side, other operands unknown): its secrets, masked in the literals they
 * come from -- byte by byte, or the whole literal when its bytes cannot be
 * told apart. */
static void
string_expression(struct code *c, size_t i)
{
	struct buf joined = BUF_INIT;
	struct source_ranges vr = {NULL, 0, 0, 0};
	size_t *off = NULL, *tok = NULL, alloc = 0, alloc2 = 0, k, r;

	for (;;) {
		size_t len = 1, at = joined.len, j;
		char *v;

		if (c->v[i].kind == TOK_STRING) {
			c->joined[i] = 1;
			v = lex_string_value(c->src->text, &c->v[i], c->lang,
					     &len);
			buf_add(&joined, v, len);
			ALLOC_GROW(off, joined.len + 1, alloc);
			literal_offsets(c, &c->v[i], v, len, off + at);
			free(v);
		} else {
			buf_addch(&joined, '\x01'); /* an unknown operand */
			ALLOC_GROW(off, joined.len + 1, alloc);
			off[at] = (size_t)-1;
		}
		ALLOC_GROW(tok, joined.len + 1, alloc2);
		for (k = at; k < joined.len; k++)
			tok[k] = c->v[i].kind == TOK_STRING ? i : (size_t)-1;
		j = next_code(c, i);
		if (c->v[i].kind == TOK_STRING && j < c->nr &&
		    c->v[j].kind == TOK_STRING) {
			i = j;
			continue;
		}
		if (!tok_text_is(c, j, "+"))
			break;
		k = next_code(c, j);
		if (k >= c->nr || c->v[k].kind == TOK_EOF ||
		    c->v[k].kind == TOK_PUNCT)
			break;
		i = operand_last(c, k);
	}
	string_secrets(joined.ptr, joined.len, &vr);
	for (r = 0; r < vr.nr; r++)
		for (k = vr.v[r].begin; k < vr.v[r].end && k < joined.len; k++)
			if (off[k] != (size_t)-1)
				add(c->out, off[k], off[k] + 1);
			else if (tok[k] != (size_t)-1)
				mask_literals(c, tok[k], tok[k] + 1);
	free(vr.v);
	free(off);
	free(tok);
	buf_release(&joined);
}

static enum lex_lang
lang_of(const struct source *src)
{
	switch (src->kind) {
	case FILE_GO:
		return LEX_GO;
	case FILE_PY:
		return LEX_PY;
	case FILE_JAVA:
		return LEX_JAVA;
	default: {
		const char *dot = strrchr(src->path, '.');

		return dot && (!strcmp(dot, ".ts") || !strcmp(dot, ".mts") ||
			       !strcmp(dot, ".cts"))
			   ? LEX_JS
			   : LEX_JSX;
	}
	}
}

static void
in_code(const struct source *src, struct source_ranges *out)
{
	struct code c = {src, lang_of(src), NULL, 0, 0, NULL, out};
	struct lexer lx;
	struct token t;
	size_t i, v;

	lexer_init(&lx, src->text, src->len, c.lang);
	do {
		lex_next(&lx, &t);
		ALLOC_GROW(c.v, c.nr + 1, c.alloc);
		c.v[c.nr++] = t;
	} while (t.kind != TOK_EOF);
	for (i = 0; i < c.nr; i++) {
		if (c.v[i].kind == TOK_COMMENT || c.v[i].kind == TOK_TEXT) {
			struct source_ranges vr = {NULL, 0, 0, 0};
			size_t n = c.v[i].end - c.v[i].begin;

			plain_text(src->text + c.v[i].begin, n, &vr);
			uri_userinfo(src->text + c.v[i].begin, n, &vr);
			map_value(&vr, src->text, c.v[i].begin, c.v[i].end,
				  src->text + c.v[i].begin, n, 1, out);
			free(vr.v);
			continue;
		}
		v = bound_value(&c, i);
		if (!v)
			v = positional_password(&c, i);
		if (v)
			mask_literals(&c, v, expression_end(&c, v));
	}
	c.joined = xcalloc(c.nr, 1);
	for (i = 0; i < c.nr; i++)
		if (c.v[i].kind == TOK_STRING && !c.joined[i])
			string_expression(&c, i);
	free(c.joined);
	free(c.v);
}

/* Whether text holds a word every secret's key or form needs: pass, pwd,
 * secret, token, key, cred (any case), or "://". Most files with
 * findings hold none, and need no second read. */
static int
might_hold_secrets(const char *text, size_t len)
{
	static const char *const words[] = {"pass", "pwd",  "secret", "token",
					    "key",  "cred", "://"};
	size_t i, w;

	for (i = 0; i < len; i++) {
		char c = lower(text[i]);

		if (!strchr("pstkc:", c) || !c)
			continue;
		for (w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
			size_t k, n = strlen(words[w]);

			for (k = 0; k < n && i + k < len &&
				    lower(text[i + k]) == words[w][k];
			     k++)
				;
			if (k == n)
				return 1;
		}
	}
	return 0;
}

const struct source_ranges *
secrets_of(const struct source *src)
{
	struct source_ranges *r = src->secrets;

	if (r->found)
		return r;
	r->found = 1;
	if (!might_hold_secrets(src->text, src->len))
		return r;
	switch (src->kind) {
	case FILE_PGCONF_ROOT:
	case FILE_PGCONF_PART:
		in_pgconf(src, r);
		break;
	case FILE_HBA:
		in_hba(src, r);
		break;
	case FILE_ENV:
	case FILE_SHELL:
	case FILE_DOCKERFILE:
	case FILE_PROPERTIES:
	case FILE_YAML:
	case FILE_SERVICE:
		in_carrier(src, r);
		break;
	case FILE_JS:
	case FILE_GO:
	case FILE_PY:
	case FILE_JAVA:
		in_code(src, r);
		break;
	default:
		string_secrets(src->text, src->len, r);
		break;
	}
	normalize(r);
	return r;
}

/* The first range that ends after offset (bsearch). */
static size_t
first_after(const struct source_ranges *r, size_t offset)
{
	size_t lo = 0, hi = r->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->v[mid].end <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Moves a wanted offset (in the source) to the copy being built. */
struct mark {
	size_t want; /* source offset, or (size_t)-1 */
	size_t *out; /* where its offset in the copy goes, or NULL */
};

static void
mark_copied(struct mark *m, size_t at, size_t stop, size_t copy_len)
{
	if (m->out && m->want >= at && m->want <= stop)
		*m->out = copy_len + (m->want - at);
}

static void
mark_masked(struct mark *m, size_t at, size_t stop, size_t mask_at)
{
	if (m->out && m->want > at && m->want < stop)
		*m->out = mask_at;
}

char *
secrets_mask_span(const struct source *src, size_t begin, size_t end,
		  size_t *col, size_t *end_col)
{
	const struct source_ranges *r = secrets_of(src);
	struct buf b = BUF_INIT;
	size_t at = begin, k = first_after(r, begin);
	struct mark c = {col ? begin + *col : (size_t)-1, col};
	struct mark e = {end_col ? begin + *end_col : (size_t)-1, end_col};

	while (at < end) {
		size_t stop =
		    k < r->nr && r->v[k].begin < end ? r->v[k].begin : end;
		size_t rend;

		if (stop < at)
			stop = at;
		mark_copied(&c, at, stop, b.len);
		mark_copied(&e, at, stop, b.len);
		buf_add(&b, src->text + at, stop - at);
		at = stop;
		if (at >= end)
			break;
		/* a secret: each line's part of it becomes one mask */
		rend = r->v[k].end < end ? r->v[k].end : end;
		while (at < rend) {
			const char *nl =
			    memchr(src->text + at, '\n', rend - at);
			size_t seg = nl ? (size_t)(nl - src->text) : rend;

			while (at < seg && blank(src->text[at])) {
				mark_copied(&c, at, at, b.len);
				mark_copied(&e, at, at, b.len);
				buf_addch(&b, src->text[at++]);
			}
			if (seg > at) {
				mark_masked(&c, at, seg, b.len);
				mark_masked(&e, at, seg,
					    b.len + strlen(MASK_TEXT));
				buf_adds(&b, MASK_TEXT);
			}
			at = seg;
			if (nl) {
				mark_copied(&c, at, at, b.len);
				mark_copied(&e, at, at, b.len);
				buf_addch(&b, '\n');
				at++;
			}
		}
		k++;
	}
	mark_copied(&c, end, end, b.len);
	mark_copied(&e, end, end, b.len);
	return buf_detach(&b);
}

char *
secrets_mask_value(const char *name, const char *value, size_t len)
{
	struct source_ranges vr = {NULL, 0, 0, 0};
	struct buf b = BUF_INIT;
	size_t at = 0, i;

	if (len && name && secrets_name_is_secret(name, strlen(name)))
		return xstrdup(MASK_TEXT);
	string_secrets(value, len, &vr);
	normalize(&vr);
	for (i = 0; i < vr.nr; i++) {
		buf_add(&b, value + at, vr.v[i].begin - at);
		buf_adds(&b, MASK_TEXT);
		at = vr.v[i].end;
	}
	buf_add(&b, value + at, len - at);
	free(vr.v);
	return buf_detach(&b);
}

char *
secrets_quote(const char *name, const char *value, size_t len)
{
	char *v = secrets_mask_value(name, value, len);
	char *q = str_cut(v, QUOTE_MAX);

	free(v);
	return q;
}

void
secrets_mask_message(const struct source *src, char **msg)
{
	const struct source_ranges *r = secrets_of(src);
	size_t i;

	for (i = 0; i < r->nr; i++) {
		size_t n = r->v[i].end - r->v[i].begin;
		char *secret;
		const char *p = *msg, *hit;
		struct buf b = BUF_INIT;

		/* Shorter ones would mask ordinary words of the message. */
		if (n < 4)
			continue;
		secret = xstrndup(src->text + r->v[i].begin, n);
		while (strlen(secret) == n && (hit = strstr(p, secret))) {
			buf_add(&b, p, (size_t)(hit - p));
			buf_adds(&b, MASK_TEXT);
			p = hit + n;
		}
		free(secret);
		if (!b.len)
			continue;
		buf_adds(&b, p);
		free(*msg);
		*msg = buf_detach(&b);
	}
}
