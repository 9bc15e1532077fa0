/* SPDX-License-Identifier: MIT */
/*
 * server.c — include processing and last-assignment-wins, as
 * ParseConfigFile / ParseConfigDirectory / ProcessConfigFileInternal do
 * (src/backend/utils/misc/guc-file.l, conffiles.c, guc.c):
 *
 * - a relative include is resolved against the including file's directory;
 * - include_dir reads the names ending in ".conf" that do not start with
 *   "." (at least 6 bytes long), regular files only, in strcmp order, each
 *   one depth level below the directive;
 * - depth above 10 is an error at the including line;
 * - a file that includes itself is "configuration file recursion"; longer
 *   cycles end at the depth limit in PostgreSQL, we name the cycle at the
 *   include that closes it;
 * - include_if_exists skips a missing file silently;
 * - only the last assignment of a name is validated and applied (earlier
 *   ones are marked "ignore" before validation).
 */
#include "../util/confdir.h"
#include "../util/sort.h"
#include "server.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../parsers/pgconf.h"
#include "../util/xalloc.h"

static void
add_problem(struct server_config *cfg, enum server_problem_kind kind,
	    const struct source *src, size_t begin, size_t end, uint32_t line,
	    char *message)
{
	struct server_problem *p;

	ALLOC_GROW(cfg->problems, cfg->nproblems + 1, cfg->problems_alloc);
	p = &cfg->problems[cfg->nproblems++];
	p->kind = kind;
	p->src = src;
	p->begin = begin;
	p->end = end;
	p->line = line;
	p->message = message;
}

static const struct source *
add_file(struct server_config *cfg, struct source *src)
{
	char *rp = realpath(src->path, NULL);
	struct source *owned = xmalloc(sizeof(*owned));

	*owned = *src;
	if (owned->kind != FILE_PGCONF_ROOT)
		owned->kind = FILE_PGCONF_PART;
	ALLOC_GROW(cfg->files, cfg->nfiles + 1, cfg->files_alloc);
	cfg->realpaths = xrealloc(cfg->realpaths,
				  cfg->files_alloc * sizeof(*cfg->realpaths));
	cfg->files[cfg->nfiles] = owned;
	cfg->realpaths[cfg->nfiles] = rp;
	cfg->nfiles++;
	return owned;
}

/* The files being read, innermost last, for cycle detection. */
struct include_stack {
	const char *rp[SERVER_MAX_INCLUDE_DEPTH + 2];
	int depth;
};

static void read_file(struct server_config *cfg, struct source *src,
		      struct include_stack *st);

static char *
join_relative(const char *including, const char *target)
{
	const char *slash;

	if (target[0] == '/')
		return xstrdup(target);
	slash = strrchr(including, '/');
	if (!slash)
		return xstrdup(target);
	return xasprintf("%.*s/%s", (int)(slash - including), including,
			 target);
}

static int
on_stack(const struct include_stack *st, const char *rp)
{
	int i;

	for (i = 0; i < st->depth; i++)
		if (st->rp[i] && !strcmp(st->rp[i], rp))
			return 1;
	return 0;
}

/*
 * Reads one included file named by item of src. strict: a missing file
 * is a problem (include) rather than skipped (include_if_exists).
 */
static void
include_file(struct server_config *cfg, const struct source *from,
	     const struct pgconf_item *item, const char *path, int strict,
	     struct include_stack *st)
{
	struct source inc;
	struct stat sb;
	char *err = NULL, *rp;

	if (st->depth + 1 > SERVER_MAX_INCLUDE_DEPTH + 1) {
		add_problem(cfg, PROBLEM_INCLUDE, from, item->begin, item->end,
			    item->line,
			    xasprintf("include nesting depth exceeds %d at "
				      "'%s'",
				      SERVER_MAX_INCLUDE_DEPTH, path));
		return;
	}
	rp = realpath(path, NULL);
	if (rp && on_stack(st, rp)) {
		add_problem(cfg, PROBLEM_INCLUDE, from, item->begin, item->end,
			    item->line,
			    xasprintf("include cycle: '%s' is already being "
				      "read",
				      path));
		free(rp);
		return;
	}
	free(rp);
	if (stat(path, &sb) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
		/* An absolute path names the deployed machine's file system,
		 * which we cannot see: what it holds is unknown, not wrong. */
		if (path[0] == '/')
			cfg->incomplete = 1;
		else if (strict)
			add_problem(cfg, PROBLEM_INCLUDE, from, item->begin,
				    item->end, item->line,
				    xasprintf("could not open file '%s'", path));
		return;
	}
	if (source_load(&inc, path, &err) != PGT_OK) {
		add_problem(cfg, PROBLEM_INCLUDE, from, item->begin, item->end,
			    item->line, err);
		return;
	}
	read_file(cfg, &inc, st);
}

static void
include_dir(struct server_config *cfg, const struct source *from,
	    const struct pgconf_item *item, const char *dir,
	    struct include_stack *st)
{
	char **names;
	size_t n, i;

	if (confdir_list(dir, &names, &n)) {
		if (dir[0] == '/' && errno == ENOENT)
			cfg->incomplete = 1;
		else
			add_problem(cfg, PROBLEM_INCLUDE, from, item->begin,
				    item->end, item->line,
				    xasprintf("could not open directory '%s'",
					      dir));
		return;
	}
	for (i = 0; i < n; i++)
		include_file(cfg, from, item, names[i], 1, st);
	confdir_free(names, n);
}

static void
add_setting(struct server_config *cfg, const struct source *src,
	    struct pgconf_item *it)
{
	struct setting *s;

	ALLOC_GROW(cfg->v, cfg->nr + 1, cfg->alloc);
	s = &cfg->v[cfg->nr++];
	memset(s, 0, sizeof(*s));
	s->name = it->name;
	s->value = it->value;
	s->value_len = it->value_len;
	it->name = it->value = NULL; /* ownership moves to the setting */
	s->src = src;
	s->begin = it->begin;
	s->end = it->end;
	s->line = it->line;
	s->def = guc_find(s->name, cfg->version);
	s->canonical = s->def ? guc_canonical(s->def, cfg->version, s->value,
					      s->value_len)
			      : s->value;
}

static void
read_file(struct server_config *cfg, struct source *loaded,
	  struct include_stack *st)
{
	const struct source *src = add_file(cfg, loaded);
	struct pgconf_file pf;
	size_t i;

	st->rp[st->depth++] = cfg->realpaths[cfg->nfiles - 1];
	pgconf_parse(src->text, src->len, &pf);
	/* guc-file.l has no notion of a byte order mark: its bytes are
	 * LETTERs, so they start the first name, which no parameter has. */
	if (src->len >= 3 && !memcmp(src->text, "\xEF\xBB\xBF", 3) && pf.nr &&
	    pf.v[0].kind != PGCONF_ERROR && pf.v[0].begin > 0)
		add_problem(cfg, PROBLEM_SYNTAX, src, 0, 3, 1,
			    xstrdup("the file starts with a UTF-8 byte order "
				    "mark: PostgreSQL reads it as part of the "
				    "first parameter's name and refuses the "
				    "file"));
	for (i = 0; i < pf.nr; i++) {
		struct pgconf_item *it = &pf.v[i];
		char *target;

		switch (it->kind) {
		case PGCONF_SETTING:
			add_setting(cfg, src, it);
			continue;
		case PGCONF_ERROR:
			add_problem(cfg, PROBLEM_SYNTAX, src, it->begin,
				    it->end, it->line, it->error);
			it->error = NULL;
			continue;
		default:
			break;
		}
		if (strspn(it->value, " \t\r\n") == strlen(it->value)) {
			add_problem(cfg, PROBLEM_INCLUDE, src, it->begin,
				    it->end, it->line,
				    xstrdup(it->kind == PGCONF_INCLUDE_DIR
						? "empty configuration "
						  "directory name"
						: "empty configuration file "
						  "name"));
			continue;
		}
		target = join_relative(src->path, it->value);
		if (it->kind == PGCONF_INCLUDE_DIR)
			include_dir(cfg, src, it, target, st);
		else
			include_file(cfg, src, it, target,
				     it->kind == PGCONF_INCLUDE, st);
		free(target);
	}
	if (pf.abandoned)
		add_problem(cfg, PROBLEM_SYNTAX, src, src->len, src->len,
			    (uint32_t)source_nlines(src),
			    xstrdup("too many syntax errors, PostgreSQL "
				    "abandons the rest of the file"));
	pgconf_release(&pf);
	st->depth--;
}

static int
cmp_setting_ptr(const void *a, const void *b)
{
	const struct setting *x = *(const struct setting *const *)a;
	const struct setting *y = *(const struct setting *const *)b;
	int c = strcmp(x->name, y->name);

	/* Same name: keep file order (the array is in reading order). */
	return c ? c : (x > y) - (x < y);
}

/*
 * Marks all but the last assignment of each name (sorting, so a file of
 * millions of lines stays fast), then validates the ones that remain.
 */
static void
resolve(struct server_config *cfg)
{
	struct setting **by_name = xmalloc((cfg->nr + 1) * sizeof(*by_name));
	size_t i;

	for (i = 0; i < cfg->nr; i++)
		by_name[i] = &cfg->v[i];
	sort_array(by_name, cfg->nr, sizeof(*by_name), cmp_setting_ptr);
	for (i = 0; i + 1 < cfg->nr; i++)
		if (!strcmp(by_name[i]->name, by_name[i + 1]->name))
			by_name[i]->overridden = 1;
	free(by_name);
	for (i = 0; i < cfg->nr; i++) {
		const struct setting *s = &cfg->v[i];

		if (s->overridden || s->canonical)
			continue;
		add_problem(cfg, PROBLEM_VALUE, s->src, s->begin, s->end,
			    s->line,
			    xasprintf("invalid value for parameter '%s': "
				      "'%.*s'",
				      s->name, (int)s->value_len, s->value));
	}
}

void
server_config_load(struct server_config *cfg, struct source *root,
		   int version, int with_auto)
{
	struct include_stack st = {{NULL}, 0};

	memset(cfg, 0, sizeof(*cfg));
	cfg->version = version;
	read_file(cfg, root, &st);
	if (with_auto) {
		/* ProcessConfigFileInternal reads PG_AUTOCONF_FILENAME last,
		 * with include_if_exists semantics, at depth 0. */
		char *path = join_relative(cfg->files[0]->path,
					   "postgresql.auto.conf");
		struct source aut;
		char *err = NULL;

		if (source_load(&aut, path, &err) == PGT_OK)
			read_file(cfg, &aut, &st);
		free(err);
		free(path);
	}
	resolve(cfg);
}

void
server_config_release(struct server_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nr; i++) {
		free(cfg->v[i].name);
		free(cfg->v[i].value);
	}
	for (i = 0; i < cfg->nproblems; i++)
		free(cfg->problems[i].message);
	for (i = 0; i < cfg->nfiles; i++) {
		source_release(cfg->files[i]);
		free(cfg->files[i]);
		free(cfg->realpaths[i]);
	}
	free(cfg->v);
	free(cfg->problems);
	free(cfg->files);
	free(cfg->realpaths);
	memset(cfg, 0, sizeof(*cfg));
}

const struct setting *
server_config_get(const struct server_config *cfg, const char *name)
{
	size_t i = cfg->nr;

	while (i-- > 0)
		if (!strcmp(cfg->v[i].name, name))
			return &cfg->v[i];
	return NULL;
}

const char *
server_config_value(const struct server_config *cfg, const char *name)
{
	const struct setting *s = server_config_get(cfg, name);
	const struct guc_def *def;

	if (s)
		return s->canonical;
	def = guc_find(name, cfg->version);
	return def ? guc_default(def, cfg->version) : NULL;
}

int
server_config_has_file(const struct server_config *cfg, const char *rp)
{
	size_t i;

	for (i = 0; i < cfg->nfiles; i++)
		if (cfg->realpaths[i] && !strcmp(cfg->realpaths[i], rp))
			return 1;
	return 0;
}

int
server_config_bool(const struct server_config *cfg, const char *name,
		   int absences_known)
{
	const struct setting *s = server_config_get(cfg, name);
	const char *v;

	if (!s && !absences_known)
		return -1;
	v = server_config_value(cfg, name);
	if (!v)
		return -1;
	return !strcmp(v, "on");
}
