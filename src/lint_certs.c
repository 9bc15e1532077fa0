/* SPDX-License-Identifier: MIT */
/* lint_certs.c — certificate and key files read once, with their roles. */
#include "lint_certs.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cli.h"
#include "parsers/assign.h"
#include "parsers/pgbouncer_ini.h"
#include "rules/engine.h"
#include "util/confdir.h"
#include "util/scan.h"
#include "util/xalloc.h"

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The entry for path (same realpath, or same name when it has none). */
static struct cert_entry *
find_entry(struct cert_store *st, const char *path, const char *real)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (real && st->v[i].real ? !strcmp(real, st->v[i].real)
					  : !strcmp(path, st->v[i].path))
			return &st->v[i];
	return NULL;
}

/* Whether absolute path p lies inside a directory the run lints: the
 * deployed tree itself (pgtlslint /etc/postgresql). */
static int
inside_linted_dir(const struct pgt_options *o, const char *p)
{
	char *rp = realpath(p, NULL);
	size_t i;
	int in = 0;

	for (i = 0; rp && !in && i < o->paths.nr; i++) {
		char *root = realpath(o->paths.v[i], NULL);
		size_t n = root ? strlen(root) : 0;

		in = root && !strncmp(rp, root, n) && (rp[n] == '/' || n == 1);
		free(root);
	}
	free(rp);
	return in;
}

char *
cert_path_beside(const struct pgt_options *o, const char *conf, const char *v)
{
	if (!v || !*v)
		return NULL;
	if (v[0] == '/')
		return inside_linted_dir(o, v) ? xstrdup(v) : NULL;
	return confdir_join(conf, v);
}

/* The value of [pgbouncer] key in as (the last one wins), or NULL. */
static const char *
pgbouncer_value(const struct assignments *as, const char *key)
{
	size_t i = as->nr;

	while (i-- > 0)
		if (!strcmp(as->v[i].name, key) && as->v[i].path &&
		    !strcmp(as->v[i].path, "pgbouncer"))
			return as->v[i].value;
	return NULL;
}

/*
 * The TLS files a pgbouncer.ini names (pgbouncer's documentation,
 * "TLS settings"): client_tls_* are what it presents to its clients,
 * server_tls_* what it presents to the servers. Paths are taken beside
 * the file, as a server's are.
 */
size_t
pooler_tls_files(const struct pgt_options *o, const char *path,
		 const struct source *src, struct pooler_files out[2])
{
	static const char *const keys[2][3] = {
	    {"client_tls_cert_file", "client_tls_key_file",
	     "client_tls_ca_file"},
	    {"server_tls_cert_file", "server_tls_key_file",
	     "server_tls_ca_file"}};
	struct assignments as;
	size_t stop, k;

	assignments_init(&as, NULL);
	stop = pgbouncer_ini_parse(src->text, src->len, &as);
	for (k = 0; k < 2; k++) {
		struct pooler_files *p = &out[k];

		p->conf = xstrdup(path);
		p->cert =
		    cert_path_beside(o, path, pgbouncer_value(&as, keys[k][0]));
		p->key =
		    cert_path_beside(o, path, pgbouncer_value(&as, keys[k][1]));
		p->ca =
		    cert_path_beside(o, path, pgbouncer_value(&as, keys[k][2]));
		p->presented = k == 0;
	}
	assignments_release(&as);
	return stop;
}

/* Whether a ".git" (a repository's directory, or a worktree's file)
 * stands in the directory of path or in one above it. */
static int
in_git_tree(const char *path)
{
	const char *b = base_name(path);
	char *dir = b == path
			? xstrdup(".")
			: xstrndup(path, (size_t)(b - path) - (b - path > 1));
	char *real = realpath(dir, NULL);
	int found = 0;

	free(dir);
	while (real) {
		char *git = xasprintf("%s/.git", strcmp(real, "/") ? real : "");
		char *slash = strrchr(real, '/');

		found = access(git, F_OK) == 0;
		free(git);
		if (found || !slash || !strcmp(real, "/"))
			break;
		slash[slash == real] = '\0'; /* "/a" goes up to "/" */
	}
	free(real);
	return found;
}

/* The entry already read for path, or NULL. */
static struct cert_entry *
lookup(struct cert_store *st, const char *path)
{
	char *real = realpath(path, NULL);
	struct cert_entry *e = real ? find_entry(st, path, real) : NULL;

	free(real);
	return e;
}

static struct cert_entry *
add_entry(struct cert_store *st, const char *path,
	  const struct walk_entry *walked)
{
	char *real = strcmp(path, "-") ? realpath(path, NULL) : NULL;
	struct cert_entry *e = find_entry(st, path, real);

	if (e) {
		free(real);
		if (walked && !e->walked)
			e->walked = walked;
		return e;
	}
	if (!walked && !real)
		return NULL; /* named by a server, not there: PGT110's */
	ALLOC_GROW(st->v, st->nr + 1, st->alloc);
	e = &st->v[st->nr++];
	memset(e, 0, sizeof(*e));
	e->path = xstrdup(path);
	e->real = real;
	e->walked = walked;
	return e;
}

/* The file beside path named name, when the store holds it. */
static struct cert_entry *
sibling(struct cert_store *st, const char *path, const char *name)
{
	const char *b = base_name(path);
	char *p = xasprintf("%.*s%s", (int)(b - path), path, name);
	struct cert_entry *e = lookup(st, p);

	free(p);
	return e;
}

/* Which server reads each key, and its certificate; a lone server.key
 * (PostgreSQL's default ssl_key_file name) pairs with the server.crt
 * beside it, as the server would read them from one data directory. */
static void
set_roles(struct cert_store *st, const struct cert_server_files *sv, size_t nsv)
{
	size_t i;

	for (i = 0; i < nsv; i++) {
		struct cert_entry *k =
		    sv[i].key && !sv[i].pooler ? lookup(st, sv[i].key) : NULL;
		struct cert_entry *c =
		    sv[i].cert ? lookup(st, sv[i].cert) : NULL;
		struct cert_entry *ca = sv[i].ca ? lookup(st, sv[i].ca) : NULL;

		if (ca && !sv[i].pooler)
			ca->role.ca_of = sv[i].conf;
		if (!k)
			continue;
		k->role.key_of = sv[i].conf;
		k->role.cert_path = sv[i].cert;
		k->role.cert = c ? &c->cf : NULL;
	}
	for (i = 0; i < st->nr; i++) {
		struct cert_entry *k = &st->v[i], *c;

		if (k->role.key_of || strcmp(base_name(k->path), "server.key"))
			continue;
		k->role.key_of = "PostgreSQL's default ssl_key_file name";
		c = sibling(st, k->path, "server.crt");
		if (c) {
			k->role.cert_path = c->path;
			k->role.cert = &c->cf;
		}
	}
}

static void
collect_servers(struct cert_store *st, const struct cert_server_files *sv,
		size_t nsv)
{
	size_t i;

	for (i = 0; i < nsv; i++) {
		struct cert_entry *c = sv[i].cert && sv[i].presented
					   ? lookup(st, sv[i].cert)
					   : NULL;

		if (!c || !c->loaded || !c->cf.ncerts)
			continue;
		ALLOC_GROW(st->servers.v, st->servers.nr + 1,
			   st->servers.alloc);
		st->servers.v[st->servers.nr].path = c->path;
		st->servers.v[st->servers.nr++].leaf = &c->cf.certs[0];
	}
}

void
cert_store_build(struct cert_store *st, const struct walk *w,
		 const struct cert_server_files *sv, size_t nsv,
		 cert_load_fn load, void *arg)
{
	size_t i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < w->nr; i++)
		if (w->v[i].kind == FILE_CERT)
			add_entry(st, w->v[i].path, &w->v[i]);
	for (i = 0; i < nsv; i++) {
		if (sv[i].cert)
			add_entry(st, sv[i].cert, NULL);
		if (sv[i].key)
			add_entry(st, sv[i].key, NULL);
		if (sv[i].ca)
			add_entry(st, sv[i].ca, NULL);
		if (sv[i].crl)
			add_entry(st, sv[i].crl, NULL);
	}
	/* every entry is added: pointers into v hold from here on */
	for (i = 0; i < st->nr; i++) {
		struct cert_entry *e = &st->v[i];

		if (load(arg, e->path, &e->src))
			continue;
		e->loaded = 1;
		cert_file_read(&e->cf, &e->src);
		cert_file_stat(&e->cf, e->path);
		/* standard input stands where --stdin-filename puts it */
		e->role.in_repository = in_git_tree(e->src.path);
	}
	set_roles(st, sv, nsv);
	collect_servers(st, sv, nsv);
}

/* The data keys of a Kubernetes Secret of type kubernetes.io/tls, and the
 * CA beside them (kubernetes.io/docs/concepts/configuration/secret/
 * #tls-secrets): base64 in "data". */
static int
tls_secret_name(const char *name)
{
	return !strcmp(name, "tls.crt") || !strcmp(name, "tls.key") ||
	       !strcmp(name, "ca.crt");
}

void
lint_embedded_certs(struct check_ctx *ctx, const struct source *src,
		    const struct assignments *as)
{
	struct cert_role role;
	size_t i;
	int repo = -1;

	memset(&role, 0, sizeof(role));
	for (i = 0; i < as->nr; i++) {
		const struct assignment *a = &as->v[i];
		size_t n = strlen(a->value), len = 0;
		char *pem = NULL;
		struct source tmp;
		struct cert_file cf;

		if (scan_contains(a->value, n, "-----BEGIN ")) {
			pem = xstrndup(a->value, n);
			len = n;
		} else if (tls_secret_name(a->name))
			pem = cert_base64_decode(a->value, n, &len);
		if (!pem)
			continue;
		source_from_mem(&tmp, src->path, pem, len);
		tmp.kind = FILE_CERT;
		cert_forget(pem, len);
		if (cert_file_read(&cf, &tmp)) {
			if (repo < 0)
				repo = in_git_tree(src->path);
			role.in_repository = repo;
			cert_file_place_all(&cf, a->name_begin);
			engine_run_cert(ctx, src, &cf, &role);
		}
		cert_file_release(&cf);
		OPENSSL_cleanse(tmp.text, tmp.len);
		source_release(&tmp);
	}
}

void
cert_store_release(struct cert_store *st)
{
	size_t i;

	for (i = 0; i < st->nr; i++) {
		struct cert_entry *e = &st->v[i];

		if (e->loaded) {
			source_release(&e->src);
			cert_file_release(&e->cf);
		}
		free(e->path);
		free(e->real);
	}
	free(st->v);
	free(st->servers.v);
	memset(st, 0, sizeof(*st));
}
