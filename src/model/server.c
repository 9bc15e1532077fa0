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
 * - a file "fails" on a syntax error or a failed include, and so does
 *   everything that read it; include_dir reads no file after one that
 *   failed (ParseConfigDirectory's "goto cleanup"): that keeps a
 *   directory that includes itself linear, as it is in PostgreSQL;
 * - only the last assignment of a name is validated and applied (earlier
 *   ones are marked "ignore" before validation); we drop them as we read,
 *   and read and parse each file once however often it is included.
 */
#include "../util/confdir.h"
#include "server.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../parsers/pgconf.h"
#include "../util/buf.h"
#include "../util/hash.h"
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

/* What one load keeps besides cfg: the files being read (innermost
 * last), and where each name's effective assignment is, so that one
 * overridden is dropped at once (memory follows the names a
 * configuration sets, not how often a file is included). */
struct loader {
	struct server_config *cfg;
	size_t stack[SERVER_MAX_INCLUDE_DEPTH + 2]; /* file indexes */
	int depth;
	size_t *slots; /* owned; per hash slot, a setting index + 1 */
	size_t cap;    /* a power of two; slots used <= cap / 2 */
	size_t dead;   /* overridden settings not yet dropped */
};

/* The file with realpath rp already read, or -1. */
static long
known_file(const struct server_config *cfg, const char *rp)
{
	size_t i;

	for (i = 0; rp && i < cfg->nfiles; i++)
		if (cfg->realpaths[i] && !strcmp(cfg->realpaths[i], rp))
			return (long)i;
	return -1;
}

/* Keeps src (its ownership passes to cfg) and its parse; returns its
 * index. Each file is read and parsed once, however often included. */
static size_t
add_file(struct server_config *cfg, struct source *src, char *rp)
{
	struct source *owned = xmalloc(sizeof(*owned));
	size_t i = cfg->nfiles, old = cfg->files_alloc;

	*owned = *src;
	if (owned->kind != FILE_PGCONF_ROOT)
		owned->kind = FILE_PGCONF_PART;
	ALLOC_GROW(cfg->files, cfg->nfiles + 1, cfg->files_alloc);
	if (old != cfg->files_alloc) {
		cfg->realpaths = xrealloc(cfg->realpaths, cfg->files_alloc *
							      sizeof(*cfg->realpaths));
		cfg->parsed = xrealloc(cfg->parsed,
				       cfg->files_alloc * sizeof(*cfg->parsed));
	}
	cfg->files[i] = owned;
	cfg->realpaths[i] = rp;
	pgconf_parse(owned->text, owned->len, &cfg->parsed[i]);
	cfg->nfiles++;
	return i;
}

static int read_file(struct loader *ld, size_t file, int first_time);

static int
on_stack(const struct loader *ld, const char *rp)
{
	int i;

	for (i = 0; rp && i < ld->depth; i++)
		if (ld->cfg->realpaths[ld->stack[i]] &&
		    !strcmp(ld->cfg->realpaths[ld->stack[i]], rp))
			return 1;
	return 0;
}

/*
 * Reads the file an include item of src names (path: where it is;
 * written: as the item writes it). strict: a missing file is a problem
 * (include) rather than skipped (include_if_exists). Returns what
 * ParseConfigFile returns: 0 when it or anything it reads failed.
 */
static int
include_file(struct loader *ld, const struct source *from,
	     const struct pgconf_item *item, const char *path,
	     const char *written, int strict)
{
	struct server_config *cfg = ld->cfg;
	struct source inc;
	struct stat sb;
	char *err = NULL, *rp;
	long known;

	if (ld->depth > SERVER_MAX_INCLUDE_DEPTH) {
		add_problem(cfg, PROBLEM_INCLUDE, from, item->begin, item->end,
			    item->line,
			    xasprintf("include nesting depth exceeds %d at "
				      "'%s'",
				      SERVER_MAX_INCLUDE_DEPTH, path));
		return 0;
	}
	rp = realpath(path, NULL);
	if (on_stack(ld, rp)) {
		/* PostgreSQL would go round until the depth limit and fail
		 * there: name the cycle where it closes, and fail here. */
		add_problem(cfg, PROBLEM_INCLUDE, from, item->begin, item->end,
			    item->line,
			    xasprintf("include cycle: '%s' is already being "
				      "read",
				      path));
		free(rp);
		return 0;
	}
	if (!rp && stat(path, &sb) != 0 &&
	    (errno == ENOENT || errno == ENOTDIR)) {
		/* An absolute path names the deployed machine's file system,
		 * which we cannot see: what it holds is unknown, not wrong.
		 * A relative one is part of the tree given. */
		if (written[0] == '/') {
			cfg->incomplete = 1;
			return 1;
		}
		if (strict)
			add_problem(cfg, PROBLEM_INCLUDE, from, item->begin,
				    item->end, item->line,
				    xasprintf("could not open file '%s'", path));
		return !strict;
	}
	if ((known = known_file(cfg, rp)) >= 0) {
		free(rp);
		return read_file(ld, (size_t)known, 0);
	}
	if (source_load(&inc, path, &err) != PGT_OK) {
		add_problem(cfg, PROBLEM_INCLUDE, from, item->begin, item->end,
			    item->line, err);
		free(rp);
		return 0;
	}
	return read_file(ld, add_file(cfg, &inc, rp), 1);
}

/* ParseConfigDirectory: its files in order, up to the first that fails
 * (PostgreSQL reads no further). */
static int
include_dir(struct loader *ld, const struct source *from,
	    const struct pgconf_item *item, const char *dir,
	    const char *written)
{
	char **names;
	size_t n, i;
	int ok = 1;

	if (confdir_list(dir, &names, &n)) {
		if (written[0] == '/' && errno == ENOENT) {
			ld->cfg->incomplete = 1;
			return 1;
		}
		add_problem(ld->cfg, PROBLEM_INCLUDE, from, item->begin,
			    item->end, item->line,
			    xasprintf("could not open directory '%s'", dir));
		return 0;
	}
	for (i = 0; i < n && ok; i++)
		ok = include_file(ld, from, item, names[i], names[i], 1);
	confdir_free(names, n);
	return ok;
}

/* Drops the overridden settings and rebuilds the name table. */
static void
compact(struct loader *ld)
{
	struct server_config *cfg = ld->cfg;
	size_t i, kept = 0;

	for (i = 0; i < cfg->nr; i++)
		if (!cfg->v[i].overridden)
			cfg->v[kept++] = cfg->v[i];
	cfg->nr = kept;
	ld->dead = 0;
	free(ld->slots);
	ld->cap = 64;
	while (ld->cap < 2 * (cfg->nr + 1))
		ld->cap *= 2;
	ld->slots = xcalloc(ld->cap, sizeof(*ld->slots));
	for (i = 0; i < cfg->nr; i++) {
		size_t k = (size_t)str_hash(cfg->v[i].name) & (ld->cap - 1);

		while (ld->slots[k])
			k = (k + 1) & (ld->cap - 1);
		ld->slots[k] = i + 1;
	}
}

/* The effective assignment of name is overridden by the one just added
 * at index at: marks the old one and points the table at the new. */
static void
supersede(struct loader *ld, size_t at)
{
	struct server_config *cfg = ld->cfg;
	const char *name = cfg->v[at].name;
	size_t k;

	if (2 * (cfg->nr - ld->dead) >= ld->cap)
		compact(ld); /* also enters at */
	k = (size_t)str_hash(name) & (ld->cap - 1);
	for (; ld->slots[k]; k = (k + 1) & (ld->cap - 1))
		if (!strcmp(cfg->v[ld->slots[k] - 1].name, name)) {
			if (ld->slots[k] - 1 != at) {
				cfg->v[ld->slots[k] - 1].overridden = 1;
				ld->dead++;
			}
			break;
		}
	ld->slots[k] = at + 1;
	if (ld->dead > 1024 && 2 * ld->dead > cfg->nr)
		compact(ld);
}

/*
 * ProcessConfigFileInternal looks up every line's name, overridden or not,
 * and refuses the whole file for one the release does not know (a custom
 * name with a dot is taken as an extension's placeholder).
 */
static void
check_name(struct server_config *cfg, struct setting *s)
{
	int removed_in, added_in;
	const char *nearest;
	struct buf why = BUF_INIT;

	/* a byte order mark glued to the first name is reported as such */
	if (!strncmp(s->name, "\xEF\xBB\xBF", 3))
		return;
	if (cfg->version < GUC_NAMES_FIRST || cfg->version > GUC_NAMES_LAST ||
	    guc_name_find(s->name, cfg->version) ||
	    guc_name_is_custom(s->name, cfg->version))
		return;
	guc_name_explain(s->name, cfg->version, &removed_in, &added_in,
			 &nearest);
	buf_addf(&why, "unrecognized configuration parameter \"%s\"",
		 s->name);
	if (removed_in)
		buf_addf(&why, " (removed in PostgreSQL %d)", removed_in);
	else if (added_in)
		buf_addf(&why, " (added in PostgreSQL %d)", added_in);
	buf_addf(&why, ": PostgreSQL %d refuses to start", cfg->version);
	if (nearest)
		buf_addf(&why, "; did you mean \"%s\"?", nearest);
	s->refused = "unrecognized configuration parameter";
	add_problem(cfg, PROBLEM_NAME, s->src, s->name_begin, s->name_end,
		    s->line, buf_detach(&why));
}

static void
add_setting(struct loader *ld, const struct source *src,
	    const struct pgconf_item *it)
{
	struct server_config *cfg = ld->cfg;
	struct setting *s;

	ALLOC_GROW(cfg->v, cfg->nr + 1, cfg->alloc);
	s = &cfg->v[cfg->nr++];
	memset(s, 0, sizeof(*s));
	s->name = it->name;
	s->value = it->value;
	s->value_len = it->value_len;
	s->src = src;
	s->begin = it->begin;
	s->end = it->end;
	s->name_begin = it->name_begin;
	s->name_end = it->name_end;
	s->line = it->line;
	s->def = guc_find(s->name, cfg->version);
	s->canonical = s->def ? guc_canonical(s->def, cfg->version, s->value,
					      s->value_len)
			      : s->value;
	check_name(cfg, s);
	supersede(ld, cfg->nr - 1);
}

/*
 * ParseConfigFp over file (first_time: its own syntax problems are
 * reported; an included file's are reported once, however often it is
 * read). Returns 0 when PostgreSQL's would return false: a syntax error,
 * or an include that failed.
 */
static int
read_file(struct loader *ld, size_t file, int first_time)
{
	struct server_config *cfg = ld->cfg;
	const struct source *src = cfg->files[file];
	/* a copy: cfg->parsed moves as includes add files, its items do not */
	const struct pgconf_file parsed = cfg->parsed[file], *pf = &parsed;
	size_t i;
	int ok = !pf->abandoned;

	ld->stack[ld->depth++] = file;
	/* guc-file.l has no notion of a byte order mark: its bytes are
	 * LETTERs, so they start the first name, which no parameter has. */
	if (first_time && src->len >= 3 &&
	    !memcmp(src->text, "\xEF\xBB\xBF", 3) && pf->nr &&
	    pf->v[0].kind != PGCONF_ERROR && pf->v[0].begin > 0)
		add_problem(cfg, PROBLEM_SYNTAX, src, 0, 3, 1,
			    xstrdup("the file starts with a UTF-8 byte order "
				    "mark: PostgreSQL reads it as part of the "
				    "first parameter's name and refuses the "
				    "file"));
	for (i = 0; i < pf->nr; i++) {
		const struct pgconf_item *it = &pf->v[i];
		char *target;

		switch (it->kind) {
		case PGCONF_SETTING:
			add_setting(ld, src, it);
			continue;
		case PGCONF_ERROR:
			ok = 0;
			if (first_time)
				add_problem(cfg, PROBLEM_SYNTAX, src, it->begin,
					    it->end, it->line,
					    xstrdup(it->error));
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
			ok = 0;
			continue;
		}
		target = confdir_join(src->path, it->value);
		if (it->kind == PGCONF_INCLUDE_DIR) {
			if (!include_dir(ld, src, it, target, it->value))
				ok = 0;
		} else if (!include_file(ld, src, it, target, it->value,
					 it->kind == PGCONF_INCLUDE))
			ok = 0;
		free(target);
	}
	if (pf->abandoned && first_time)
		add_problem(cfg, PROBLEM_SYNTAX, src, src->len, src->len,
			    (uint32_t)source_nlines(src),
			    xstrdup("too many syntax errors, PostgreSQL "
				    "abandons the rest of the file"));
	ld->depth--;
	return ok;
}

#define CANNOT_BE_CHANGED "cannot be changed"

/*
 * What set_config_option refuses of a setting our typed table does not
 * cover: a PGC_INTERNAL name ("cannot be changed"), a boolean
 * parse_bool refuses, a number parse_int/parse_real refuses. Enumerations
 * and ranges of other settings are not checked. NULL when accepted.
 */
static const char *
untyped_problem(const struct setting *s, int version)
{
	const struct guc_name *g;
	int b;

	if (s->def || !(g = guc_name_find(s->name, version)))
		return NULL;
	if (g->internal)
		return CANNOT_BE_CHANGED;
	switch (g->type) {
	case GUC_NAME_BOOL:
		return guc_parse_bool(s->value, strlen(s->value), &b)
			   ? NULL
			   : "not a boolean";
	case GUC_NAME_INT:
	case GUC_NAME_REAL:
		return guc_number_problem(g, s->value);
	default:
		return NULL;
	}
}

/* Validates the effective assignments (only they are checked). */
static void
validate(struct server_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nr; i++) {
		struct setting *s = &cfg->v[i];
		const char *why = NULL;
		char *shown;

		if (s->overridden || s->refused)
			continue;
		if (s->canonical)
			why = untyped_problem(s, cfg->version);
		if (s->canonical && !why)
			continue;
		s->refused = why && !strcmp(why, CANNOT_BE_CHANGED)
				 ? CANNOT_BE_CHANGED
				 : "invalid value";
		shown = str_cut(s->value, QUOTE_MAX);
		add_problem(cfg, PROBLEM_VALUE, s->src, s->begin, s->end,
			    s->line,
			    why && !strcmp(why, CANNOT_BE_CHANGED)
				? xasprintf("parameter '%s' cannot be changed",
					    s->name)
			    : why ? xasprintf("invalid value for parameter "
					      "'%s': '%s': %s",
					      s->name, shown, why)
				  : xasprintf("invalid value for parameter "
					      "'%s': '%s'",
					      s->name, shown));
		free(shown);
	}
}

void
server_config_load(struct server_config *cfg, struct source *root,
		   int version, int with_auto)
{
	struct loader ld;

	memset(cfg, 0, sizeof(*cfg));
	memset(&ld, 0, sizeof(ld));
	ld.cfg = cfg;
	compact(&ld);
	cfg->version = version;
	read_file(&ld, add_file(cfg, root, realpath(root->path, NULL)), 1);
	if (with_auto) {
		/* ProcessConfigFileInternal reads PG_AUTOCONF_FILENAME last,
		 * with include_if_exists semantics, at depth 0. */
		char *path = confdir_join(cfg->files[0]->path,
					  "postgresql.auto.conf");
		struct source aut;
		char *err = NULL;

		if (source_load(&aut, path, &err) == PGT_OK)
			read_file(&ld, add_file(cfg, &aut,
						realpath(path, NULL)),
				  1);
		free(err);
		free(path);
	}
	compact(&ld);
	free(ld.slots);
	validate(cfg);
}

void
server_config_release(struct server_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nproblems; i++)
		free(cfg->problems[i].message);
	for (i = 0; i < cfg->nfiles; i++) {
		pgconf_release(&cfg->parsed[i]);
		source_release(cfg->files[i]);
		free(cfg->files[i]);
		free(cfg->realpaths[i]);
	}
	free(cfg->parsed);
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
