/* SPDX-License-Identifier: MIT */
/* scope.c — which .pgtlslint.yaml governs each file, and its rules. */
#include "scope.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules/suppress.h"
#include "status.h"
#include "util/hash.h"
#include "util/xalloc.h"

/* Turns each named rule on or off; returns the first name no rule has. */
static const char *
toggle_rules(const struct str_list *names, struct ruleset *rs, int on)
{
	size_t i;

	for (i = 0; i < names->nr; i++) {
		struct rule *r = ruleset_find(rs, names->v[i]);

		if (!r)
			return names->v[i];
		r->enabled = on;
	}
	return NULL;
}

/* The rules: embedded, the --rules-dir ones, the configuration's
 * rules_dir, its rules: section, then --enable and --disable. */
static int
build_rules(const struct pgt_options *o, struct scope *sc, char **err)
{
	struct ruleset *rs = &sc->rules;
	const char *bad;
	size_t i;

	if (ruleset_load_embedded(rs, err))
		return PGT_ERULE;
	for (i = 0; i < o->rules_dirs.nr; i++)
		if (ruleset_load_dir(rs, o->rules_dirs.v[i], err))
			return PGT_ERULE;
	for (i = 0; i < sc->config.nrules_dirs; i++)
		if (ruleset_load_dir(rs, sc->config.rules_dirs[i], err))
			return PGT_ERULE;
	if (ruleset_finish(rs, err) ||
	    (sc->config.path && config_apply_rules(&sc->config, rs, err)))
		return PGT_ERULE;
	if (o->report_unused_ignores)
		suppress_report_unused(rs);
	if ((bad = toggle_rules(&o->enable, rs, 1)) ||
	    (bad = toggle_rules(&o->disable, rs, 0))) {
		*err = xasprintf("no rule '%s' (see --list-rules)", bad);
		return PGT_EUSAGE;
	}
	return 0;
}

/* A scope for the configuration file at path (NULL: none); error is set
 * when it cannot be used. */
static struct scope *
scope_new(const struct pgt_options *o, const char *path)
{
	struct scope *sc = xcalloc(1, sizeof(*sc));

	ruleset_init(&sc->rules);
	sc->config.fail_on = -1;
	if (path)
		sc->key = realpath(path, NULL);
	if (!(path && config_load(&sc->config, path, &sc->error)))
		build_rules(o, sc, &sc->error);
	sc->pg_version = o->pg_version_set || !sc->config.pg_version
				 ? o->pg_version
				 : sc->config.pg_version;
	return sc;
}

static void
scope_free(struct scope *sc)
{
	free(sc->key);
	config_release(&sc->config);
	ruleset_release(&sc->rules);
	free(sc->error);
	free(sc);
}

static void
scopes_add(struct scopes *s, struct scope *sc)
{
	ALLOC_GROW(s->v, s->nr + 1, s->alloc);
	s->v[s->nr++] = sc;
}

/* Where a path's configuration is looked for: stdin is named by
 * --stdin-filename, or lives in the working directory. */
static const char *
lookup_path(const struct scopes *s, const char *path)
{
	if (!strcmp(path, "-") || !strcmp(path, "<stdin>"))
		return s->o->stdin_filename ? s->o->stdin_filename : ".";
	return path;
}

int
scopes_init(struct scopes *s, const struct pgt_options *o, char **err)
{
	char *path;
	struct scope *primary;

	memset(s, 0, sizeof(*s));
	s->o = o;
	path = o->config_path ? xstrdup(o->config_path)
			      : config_find(lookup_path(s, o->paths.nr
								 ? o->paths.v[0]
								 : "-"));
	primary = scope_new(o, path);
	free(path);
	scopes_add(s, primary);
	if (!primary->error)
		return 0;
	*err = primary->error;
	primary->error = NULL;
	return PGT_EUSAGE;
}

void
scopes_release(struct scopes *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		scope_free(s->v[i]);
	free(s->v);
	for (i = 0; i < s->dirs_cap; i++)
		free(s->dirs[i].dir);
	free(s->dirs);
	memset(s, 0, sizeof(*s));
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* The scope of the configuration file at found (NULL: none), taking
 * found. */
static struct scope *
scope_of_file(struct scopes *s, char *found)
{
	char *key = found ? realpath(found, NULL) : NULL;
	struct scope *sc;
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (key ? s->v[i]->key && !strcmp(s->v[i]->key, key)
			: !s->v[i]->config.path)
			break;
	free(key);
	if (i < s->nr) {
		free(found);
		return s->v[i];
	}
	sc = scope_new(s->o, found);
	free(found);
	scopes_add(s, sc);
	return sc;
}

/* The slot of dir in the table: its own, or the empty one it would take
 * (FNV-1a, linear probing). */
static struct dir_scope *
dir_slot(const struct scopes *s, const char *dir)
{
	size_t i;

	for (i = (size_t)str_hash(dir) & (s->dirs_cap - 1);
	     s->dirs[i].dir && strcmp(s->dirs[i].dir, dir);
	     i = (i + 1) & (s->dirs_cap - 1))
		;
	return &s->dirs[i];
}

static void
dirs_grow(struct scopes *s)
{
	struct dir_scope *old = s->dirs;
	size_t cap = s->dirs_cap, i;

	s->dirs_cap = cap ? cap * 2 : 64;
	s->dirs = xcalloc(s->dirs_cap, sizeof(*s->dirs));
	for (i = 0; i < cap; i++)
		if (old[i].dir)
			*dir_slot(s, old[i].dir) = old[i];
	free(old);
}

/* The parent of dir as spelt, when dir names a real directory (not a
 * link) below it: then the parent's configuration is dir's too unless
 * dir has its own. NULL otherwise. */
static char *
spelt_parent(const char *dir)
{
	const char *slash = strrchr(dir, '/'), *last;
	struct stat sb;

	last = slash ? slash + 1 : dir;
	if (!*last || !strcmp(last, ".") || !strcmp(last, "..") ||
	    lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return NULL;
	if (!slash)
		return xstrdup(".");
	return xstrndup(dir, slash == dir ? 1 : (size_t)(slash - dir));
}

/* The scope of the nearest configuration at or above dir, taking dir. A
 * walk meets each directory after its parent, so most cost one stat(2)
 * for their own file; the rest are looked up from the root (config_find). */
static struct scope *
scope_of_dir(struct scopes *s, char *dir)
{
	char *own, *parent;
	struct dir_scope *slot = s->dirs_cap ? dir_slot(s, dir) : NULL;
	struct scope *sc = NULL;
	struct stat sb;

	if (slot && slot->dir) {
		free(dir);
		return slot->sc;
	}
	own = xasprintf("%s/%s", dir, CONFIG_NAME);
	if (stat(own, &sb) == 0 && S_ISREG(sb.st_mode))
		sc = scope_of_file(s, own);
	else {
		free(own);
		parent = s->dirs_cap ? spelt_parent(dir) : NULL;
		slot = parent ? dir_slot(s, parent) : NULL;
		sc = slot && slot->dir ? slot->sc
				       : scope_of_file(s, config_find(dir));
		free(parent);
	}
	if (2 * (s->ndirs + 1) > s->dirs_cap)
		dirs_grow(s);
	slot = dir_slot(s, dir);
	slot->dir = dir;
	slot->sc = sc;
	s->ndirs++;
	return sc;
}

struct scope *
scopes_for(struct scopes *s, const char *path)
{
	if (s->o->config_path)
		return s->v[0];
	return scope_of_dir(s, dir_of(lookup_path(s, path)));
}

/* path relative to the directory of sc's configuration; as given (less
 * "./") when it lies outside, as a file named by --config may. */
static char *
relative_to(const struct scope *sc, const char *path)
{
	char *real = realpath(path, NULL), *rel;

	rel = config_relative(&sc->config, real);
	free(real);
	while (!rel && path[0] == '.' && path[1] == '/')
		path += 2;
	return rel ? rel : xstrdup(path);
}

/* Whether --exclude pattern pat names path (or its base name): written
 * as users write them, a leading "./" and a trailing "/" do not count
 * ("./vendor/" is "vendor"). */
static int
exclude_matches(const char *pat, const char *path, const char *base)
{
	size_t n;
	char *p;
	int hit;

	while (pat[0] == '.' && pat[1] == '/')
		pat += 2;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	n = strlen(pat);
	while (n > 1 && pat[n - 1] == '/')
		n--;
	p = xstrndup(pat, n);
	hit = !fnmatch(p, path, 0) || !fnmatch(p, base, 0);
	free(p);
	return hit;
}

int
scopes_excluded(void *arg, const char *path)
{
	struct scopes *s = arg;
	const struct str_list *cli = &s->o->excludes;
	const char *base = strrchr(path, '/');
	struct scope *sc;
	char *rel;
	size_t i;
	int hit;

	base = base ? base + 1 : path;
	for (i = 0; i < cli->nr; i++)
		if (exclude_matches(cli->v[i], path, base))
			return 1;
	sc = scopes_for(s, path);
	if (!sc->config.nexclude)
		return 0;
	rel = relative_to(sc, path);
	hit = config_excludes(&sc->config, rel);
	free(rel);
	return hit;
}

static int
ignored(const struct finding *f, void *arg)
{
	struct scope *sc = scopes_for(arg, f->path);
	char *rel;
	int hit;

	if (!sc->config.nignores)
		return 0;
	rel = relative_to(sc, f->path);
	hit = config_ignores(&sc->config, rel, f->rule);
	free(rel);
	return hit;
}

size_t
scopes_apply_ignores(struct scopes *s, struct findings *fs)
{
	return findings_drop_if(fs, ignored, s);
}
