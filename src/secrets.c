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
 * The secrets of a string (secrets_text.c) and of source code
 * (secrets_code.c) have files of their own.
 */
#include "secrets.h"

#include "secrets_text.h"

#include <stdlib.h>
#include <string.h>

#include "parsers/assign.h"
#include "parsers/hba.h"
#include "parsers/pgconf.h"
#include "parsers/service.h"
#include "parsers/yaml_carrier.h"
#include "util/buf.h"
#include "util/scan.h"
#include "util/sort.h"
#include "util/xalloc.h"

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
		if (n && !secrets_lone_placeholder(a->value, n))
			secrets_add(out, b, a->value_end);
		return;
	}
	secrets_in_string(a->value, n, &vr);
	secrets_map_value(&vr, text, a->value_begin, a->value_end, a->value, n,
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

/* A certificate or key file: the body of each private key block, and
 * all of a file without PEM blocks (DER, or what we could not read). */
static void
in_cert_file(const struct source *src, struct source_ranges *out)
{
	const char *t = src->text, *end = t + src->len, *p = t;
	int pem = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		size_t n = (size_t)(eol - p);

		if (n > 11 && !memcmp(p, "-----BEGIN ", 11)) {
			pem = 1;
			if (scan_contains(p, n, "PRIVATE KEY")) {
				const char *body = nl ? nl + 1 : end, *q = body;

				while (q < end && (size_t)(end - q) >= 9 &&
				       memcmp(q, "-----END ", 9)) {
					const char *qn =
					    memchr(q, '\n', (size_t)(end - q));

					q = qn ? qn + 1 : end;
				}
				secrets_add(out, (size_t)(body - t),
					    (size_t)(q - t));
				eol = q < end ? q : end;
				nl = eol;
			}
		}
		p = nl && nl < end ? nl + 1 : end;
	}
	if (!pem)
		secrets_add(out, 0, src->len);
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
			secrets_plain_text(line, len, &vr);
			secrets_uri_userinfo(line, len, &vr);
			secrets_map_value(&vr, src->text, (size_t)(line - src->text),
				  (size_t)(line - src->text) + len, line, len,
				  1, out);
		} else if (it->kind != PGCONF_SETTING) {
			continue;
		} else if (secrets_name_is_secret(it->name, strlen(it->name))) {
			secrets_add(out, b, e);
		} else {
			secrets_in_string(it->value, it->value_len, &vr);
			secrets_map_value(&vr, src->text, b, e, it->value,
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
					secrets_add(out, (size_t)(eq + 1 - src->text),
					    tk->end);
					continue;
				}
				if (secret) {
					secrets_add(out, tk->begin, tk->end);
					continue;
				}
				secrets_uri_userinfo(w, n, &vr);
				secrets_map_value(&vr, src->text, tk->begin, tk->end, w,
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
	case FILE_TOML:
		toml_parse(src->text, src->len, NULL, &as);
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
	secrets_plain_text(src->text, src->len, out);
	secrets_uri_userinfo(src->text, src->len, out);
}

void
secrets_find_in_tokens(const struct source *src, struct tokens *ts)
{
	struct source_ranges *r = src->secrets;

	if (r->found || ts->src != src || ts->lang != secrets_code_lang(src))
		return; /* secrets_of will read src itself */
	r->found = 1;
	if (!secrets_might_hold(src->text, src->len))
		return;
	tokens_unjudge(ts);
	secrets_in_tokens(ts, r);
	secrets_normalize(r);
}

const struct source_ranges *
secrets_of(const struct source *src)
{
	struct source_ranges *r = src->secrets;

	if (r->found)
		return r;
	r->found = 1;
	if (src->kind == FILE_CERT) {
		in_cert_file(src, r);
		secrets_normalize(r);
		return r;
	}
	if (!secrets_might_hold(src->text, src->len))
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
	case FILE_JSON:
	case FILE_TOML:
	case FILE_SERVICE:
		in_carrier(src, r);
		break;
	case FILE_JS:
	case FILE_GO:
	case FILE_PY:
	case FILE_JAVA:
	case FILE_PHP:
	case FILE_CSHARP:
		secrets_in_code(src, r);
		break;
	default:
		secrets_in_string(src->text, src->len, r);
		break;
	}
	secrets_normalize(r);
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

			while (at < seg && (src->text[at] == ' ' ||
					     src->text[at] == '\t')) {
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
	secrets_in_string(value, len, &vr);
	secrets_normalize(&vr);
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
