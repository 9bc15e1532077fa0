/* SPDX-License-Identifier: MIT */
/* walk.c — path expansion, exclusion and classification by name. */
#define _DEFAULT_SOURCE /* struct dirent's d_type; without it, lstat */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/xalloc.h"
#include "util/sort.h"

struct walker {
	const struct walk_hooks *hooks;
	struct walk *w;
	struct diags *diags;
};

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Whether s, of n bytes, ends with suffix. Every name walked is tested
 * against some 25 suffixes: its length is taken once. */
static inline int
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t b = strlen(suffix);

	return n >= b && !memcmp(s + n - b, suffix, b);
}

static inline int
ends_with_nocase(const char *s, size_t n, const char *suffix)
{
	size_t b = strlen(suffix);

	return n >= b && !strcasecmp(s + n - b, suffix);
}

const char *const file_kind_names[FILE__COUNT] = {
	NULL, "pgconf", NULL, "hba", "cert", "pgbouncer", "env", "dockerfile", "properties", "yaml",
	"shell", "service", "json", "prisma", "toml", "js", "go", "py", "java", "php", "cs"};

enum file_kind
walk_kind_named(const char *name)
{
	int k;

	for (k = 0; k < FILE__COUNT; k++)
		if (file_kind_names[k] && !strcmp(file_kind_names[k], name))
			return (enum file_kind)k;
	return FILE_NONE;
}

static int
js_name(const char *b, size_t n)
{
	static const char *const exts[] = {".js", ".mjs", ".cjs", ".jsx",
					   ".ts", ".mts", ".cts", ".tsx"};
	size_t i;

	if (ends_with(b, n, ".d.ts") || ends_with(b, n, ".min.js"))
		return 0; /* declarations and bundles: no code of the team's */
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (ends_with(b, n, exts[i]))
			return 1;
	return 0;
}

/* The names certificates, keys and CRLs go by (OpenSSL's and
 * PostgreSQL's conventions: server.crt, server.key, root.crt, root.crl,
 * *.pem), in any case. */
static int
cert_name(const char *b, size_t n)
{
	static const char *const exts[] = {".crt", ".pem", ".cer", ".der",
					   ".key", ".crl"};
	size_t i;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (ends_with_nocase(b, n, exts[i]) && n > 4)
			return 1;
	return 0;
}

enum file_kind
walk_classify(const char *path)
{
	const char *b = base_name(path);
	size_t n = strlen(b);

	if (!strcmp(b, "postgresql.conf"))
		return FILE_PGCONF_ROOT;
	if (!strcmp(b, ".env") || !strncmp(b, ".env.", 5) ||
	    (ends_with(b, n, ".env") && n > 4))
		return FILE_ENV;
	/* docker build takes any file name (-f); these are the conventional
	 * ones, in any case (a "dockerfile" is found on case-insensitive
	 * file systems and named explicitly elsewhere) */
	if (!strcasecmp(b, "Dockerfile") || !strncasecmp(b, "Dockerfile.", 11) ||
	    !strcasecmp(b, "Containerfile") ||
	    !strncasecmp(b, "Containerfile.", 14) ||
	    ends_with_nocase(b, n, ".dockerfile"))
		return FILE_DOCKERFILE;
	if (ends_with(b, n, ".properties"))
		return FILE_PROPERTIES;
	if (ends_with(b, n, ".yml") || ends_with(b, n, ".yaml"))
		return FILE_YAML;
	if (ends_with(b, n, ".sh") || ends_with(b, n, ".bash"))
		return FILE_SHELL;
	/* lock files list packages, never connections */
	if (ends_with(b, n, ".json") && strcmp(b, "package-lock.json") &&
	    strcmp(b, "composer.lock"))
		return FILE_JSON;
	if (ends_with(b, n, ".prisma"))
		return FILE_PRISMA;
	if (ends_with(b, n, ".toml"))
		return FILE_TOML;
	/* Flyway's configuration file is java.util.Properties
	 * (documentation: Configuration Files, flyway.conf) */
	if (!strcmp(b, "flyway.conf"))
		return FILE_PROPERTIES;
	if (js_name(b, n))
		return FILE_JS;
	if (ends_with(b, n, ".go"))
		return FILE_GO;
	if (ends_with(b, n, ".py"))
		return FILE_PY;
	if (ends_with(b, n, ".java"))
		return FILE_JAVA;
	if (ends_with(b, n, ".php"))
		return FILE_PHP;
	if (ends_with(b, n, ".cs"))
		return FILE_CSHARP;
	if (cert_name(b, n))
		return FILE_CERT;
	if (!strcmp(b, "pgbouncer.ini"))
		return FILE_PGBOUNCER;
	/* pg_hba.conf and files like it (prod_hba.conf, pg_hba.conf.d/...
	 * entries) are authentication files; pg_ident.conf and
	 * pg_service.conf have formats of their own. */
	if (strstr(b, "hba") && ends_with(b, n, ".conf") && b[0] != '.')
		return FILE_HBA;
	if (!strcmp(b, "pg_service.conf") || !strcmp(b, ".pg_service.conf"))
		return FILE_SERVICE;
	if (strstr(b, "hba") || !strcmp(b, "pg_ident.conf"))
		return FILE_NONE;
	/* include_dir skips names starting with "." (GetConfFilesInDir), so
	 * a hidden *.conf is never a fragment of a server configuration. */
	if (ends_with(b, n, ".conf") && b[0] != '.')
		return FILE_PGCONF_PART;
	return FILE_NONE;
}

/* Adds path (taken: the walk owns it from here). */
static void
add_entry(struct walker *wk, char *path, enum file_kind kind,
	  int explicit_arg)
{
	struct walk *w = wk->w;

	ALLOC_GROW(w->v, w->nr + 1, w->alloc);
	w->v[w->nr].path = path;
	w->v[w->nr].kind = kind;
	w->v[w->nr].explicit_arg = explicit_arg;
	w->nr++;
	if (wk->hooks->found && wk->hooks->found(wk->hooks->arg, w))
		free(w->v[--w->nr].path);
}

static int
skipped_dir(const char *name)
{
	return !strcmp(name, ".git") || !strcmp(name, "node_modules") ||
	       !strcmp(name, "vendor");
}

/* A directory entry's name and, where readdir knows it, its type. */
struct dir_item {
	char *name; /* owned */
	int type;   /* DIR_ITEM_* */
};

enum { DIR_ITEM_OTHER, DIR_ITEM_DIR, DIR_ITEM_FILE, DIR_ITEM_UNKNOWN };

static int
item_type(const struct dirent *de)
{
#ifdef DT_UNKNOWN
	switch (de->d_type) {
	case DT_DIR:
		return DIR_ITEM_DIR;
	case DT_REG:
		return DIR_ITEM_FILE;
	case DT_UNKNOWN:
		return DIR_ITEM_UNKNOWN;
	default: /* links (never followed), FIFOs, devices, sockets */
		return DIR_ITEM_OTHER;
	}
#else
	(void)de;
	return DIR_ITEM_UNKNOWN;
#endif
}

static int
cmp_item(const void *a, const void *b)
{
	return strcmp(((const struct dir_item *)a)->name,
		      ((const struct dir_item *)b)->name);
}

/* Walks dir in name order. An entry's type comes from readdir, so most
 * need no lstat(2); names that no reader takes are never looked at. */
static void
walk_dir(struct walker *wk, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct dir_item *items = NULL;
	size_t n = 0, alloc = 0, i, dlen;
	int slash;

	if (!d) {
		diags_add(wk->diags, dir, 1,
			  xasprintf("cannot open directory '%s': %s", dir,
				    strerror(errno)));
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		ALLOC_GROW(items, n + 1, alloc);
		items[n].name = xstrdup(de->d_name);
		items[n++].type = item_type(de);
	}
	closedir(d);
	sort_array(items, n, sizeof(*items), cmp_item);
	/* an entry's path: dir, a '/' unless dir ends in one, its name;
	 * "." left out */
	dlen = !strcmp(dir, ".") ? 0 : strlen(dir);
	slash = dlen && dir[dlen - 1] != '/';
	for (i = 0; i < n; i++) {
		const char *name = items[i].name;
		size_t nlen = strlen(name);
		char *p = xmalloc(dlen + slash + nlen + 1);
		enum file_kind kind;
		int type = items[i].type;
		struct stat sb;

		memcpy(p, dir, dlen);
		if (slash)
			p[dlen] = '/';
		memcpy(p + dlen + slash, name, nlen + 1);
		kind = walk_classify(p);

		if (type == DIR_ITEM_UNKNOWN &&
		    (kind != FILE_NONE || !skipped_dir(name)))
			type = lstat(p, &sb) != 0   ? DIR_ITEM_OTHER
			       : S_ISDIR(sb.st_mode) ? DIR_ITEM_DIR
			       : S_ISREG(sb.st_mode) ? DIR_ITEM_FILE
						     : DIR_ITEM_OTHER;
		if (type == DIR_ITEM_DIR && !skipped_dir(name) &&
		    !wk->hooks->excluded(wk->hooks->arg, p))
			walk_dir(wk, p);
		else if (type == DIR_ITEM_FILE && kind != FILE_NONE &&
			 !wk->hooks->excluded(wk->hooks->arg, p)) {
			add_entry(wk, p, kind, 0);
			p = NULL;
		}
		free(p);
		free(items[i].name);
	}
	free(items);
}

void
walk_paths(const char *const *paths, size_t npaths,
	   const struct walk_hooks *hooks, enum file_kind stdin_kind,
	   struct walk *w, struct diags *diags)
{
	struct walker wk = {hooks, w, diags};
	size_t i;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < npaths; i++) {
		struct stat sb;

		if (!strcmp(paths[i], "-")) {
			add_entry(&wk, xstrdup("-"), stdin_kind, 1);
			continue;
		}
		if (stat(paths[i], &sb) != 0) {
			diags_add(diags, paths[i], 1,
				  xasprintf("cannot read '%s': %s", paths[i],
					    strerror(errno)));
			continue;
		}
		if (S_ISDIR(sb.st_mode))
			walk_dir(&wk, paths[i]);
		else
			add_entry(&wk, xstrdup(paths[i]),
				  walk_classify(paths[i]), 1);
	}
}

void
walk_release(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->nr; i++)
		free(w->v[i].path);
	free(w->v);
	memset(w, 0, sizeof(*w));
}
