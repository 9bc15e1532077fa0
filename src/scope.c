/* SPDX-License-Identifier: MIT */
/* scope.c — which .pgtlslint.yaml governs each file, and its rules. */
#include "scope.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"
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
		ruleset_find(rs, "PGT001")->enabled = 1;
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
	for (i = 0; i < sizeof(s->recent) / sizeof(*s->recent); i++)
		free(s->recent[i].dir);
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

/* The scope of the configuration file found for dir. */
static struct scope *
scope_of_dir(struct scopes *s, const char *dir)
{
	char *found = config_find(dir), *key;
	struct scope *sc;
	size_t i;

	key = found ? realpath(found, NULL) : NULL;
	for (i = 0; i < s->nr; i++)
		if (key ? s->v[i]->key && !strcmp(s->v[i]->key, key)
			: !s->v[i]->config.path)
			break;
	if (i < s->nr) {
		free(found);
		free(key);
		return s->v[i];
	}
	free(key);
	sc = scope_new(s->o, found);
	free(found);
	scopes_add(s, sc);
	return sc;
}

struct scope *
scopes_for(struct scopes *s, const char *path)
{
	const size_t n = sizeof(s->recent) / sizeof(*s->recent);
	size_t i;
	char *dir;

	if (s->o->config_path)
		return s->v[0];
	dir = dir_of(lookup_path(s, path));
	for (i = 0; i < n; i++)
		if (s->recent[i].dir && !strcmp(dir, s->recent[i].dir)) {
			free(dir);
			return s->recent[i].sc;
		}
	i = s->next_recent;
	s->next_recent = (i + 1) % n;
	free(s->recent[i].dir);
	s->recent[i].dir = dir;
	s->recent[i].sc = scope_of_dir(s, dir);
	return s->recent[i].sc;
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
		if (!fnmatch(cli->v[i], path, 0) || !fnmatch(cli->v[i], base, 0))
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
