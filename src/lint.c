/* SPDX-License-Identifier: MIT */
/* lint.c — orchestration of one run over the paths given. */
#include "lint.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/server.h"
#include "rules/engine.h"
#include "util/mask.h"
#include "util/xalloc.h"
#include "walk.h"
#include "util/sort.h"

/* Realpaths of files already read as part of a root's includes. */
struct seen {
	char **v; /* owned, each owned */
	size_t nr, alloc;
};

static void
seen_add_config(struct seen *s, const struct server_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nfiles; i++)
		if (cfg->realpaths[i]) {
			ALLOC_GROW(s->v, s->nr + 1, s->alloc);
			s->v[s->nr++] = xstrdup(cfg->realpaths[i]);
		}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
seen_has(const struct seen *s, const char *path)
{
	char *rp = realpath(path, NULL);
	int found;

	if (!rp)
		return 0;
	found = search_array(&rp, s->v, s->nr, sizeof(*s->v), cmp_str) != NULL;
	free(rp);
	return found;
}

static void
seen_release(struct seen *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		free(s->v[i]);
	free(s->v);
}

/* Reads a file (or stdin for "-"); problems become diagnostics. */
static int
load(struct lint_result *res, const char *path, struct source *src)
{
	char *err = NULL;
	int rc = !strcmp(path, "-") ? source_load_fd(src, "<stdin>", 0, &err)
				    : source_load(src, path, &err);

	if (rc != PGT_OK) {
		diags_add(&res->diags, path, rc == PGT_EIO, err);
		return -1;
	}
	if (source_is_binary(src)) {
		diags_add(&res->diags, path, 0,
			  xasprintf("skipped binary file '%s'", path));
		source_release(src);
		return -1;
	}
	return 0;
}

static void
put_setting(struct buf *out, const char *name, const char *value, size_t len)
{
	char *shown = mask_value(name, value, len);
	size_t k;

	buf_addf(out, "%s = '", name);
	for (k = 0; shown[k]; k++) {
		if (shown[k] == '\'')
			buf_addch(out, '\'');
		buf_addch(out, shown[k]);
	}
	buf_addch(out, '\'');
	free(shown);
}

/* Effective settings: each winning assignment with where it was made, then
 * for a root the defaults in force for the typed settings never set. */
static void
dump_settings(struct buf *out, const struct server_config *cfg, int root)
{
	const struct guc_def *def;
	size_t i;

	buf_addf(out, "# %s\n", cfg->files[0]->path);
	for (i = 0; i < cfg->nr; i++) {
		const struct setting *s = &cfg->v[i];

		if (s->overridden)
			continue;
		put_setting(out, s->name, s->value, s->value_len);
		buf_addf(out, "\t# %s:%u\n", s->src->path, s->line);
	}
	if (!root || cfg->incomplete)
		return;
	for (i = 0; (def = guc_at(i)); i++) {
		const char *v = guc_default(def, cfg->version);

		if (def->since > cfg->version || server_config_get(cfg, def->name))
			continue;
		put_setting(out, def->name, v, strlen(v));
		buf_addf(out, "\t# default (PostgreSQL %d)\n", cfg->version);
	}
}

/* A lone *.conf counts as a fragment when every name it sets is a
 * PostgreSQL parameter and it has no syntax error. */
static int
looks_like_fragment(const struct server_config *cfg)
{
	size_t i;

	if (!cfg->nr)
		return 0;
	for (i = 0; i < cfg->nproblems; i++)
		if (cfg->problems[i].kind == PROBLEM_SYNTAX)
			return 0;
	for (i = 0; i < cfg->nr; i++)
		if (!guc_is_known_name(cfg->v[i].name) &&
		    !strchr(cfg->v[i].name, '.'))
			return 0;
	return 1;
}

static void
lint_pgconf(const struct pgt_options *o, struct check_ctx *ctx,
	    struct lint_result *res, const struct walk_entry *e,
	    struct seen *seen)
{
	struct server_config cfg;
	struct source src;
	int root = e->kind == FILE_PGCONF_ROOT;
	const char *b = strrchr(e->path, '/');

	b = b ? b + 1 : e->path;
	if (!root && seen_has(seen, e->path))
		return;
	if (load(res, e->path, &src))
		return;
	server_config_load(&cfg, &src, o->pg_version,
			   root && strcmp(e->path, "-"));
	if (root || e->explicit_arg || !strcmp(b, "postgresql.auto.conf") ||
	    looks_like_fragment(&cfg)) {
		res->files++;
		engine_run_server(ctx, &cfg, root);
		if (o->show_settings)
			dump_settings(&res->settings, &cfg, root);
	}
	if (root)
		seen_add_config(seen, &cfg);
	server_config_release(&cfg);
}

void
lint_run(const struct pgt_options *o, const struct ruleset *rules,
	 struct lint_result *res)
{
	struct walk w;
	struct seen seen = {NULL, 0, 0};
	struct check_ctx ctx;
	size_t i;
	int pass;

	memset(res, 0, sizeof(*res));
	buf_init(&res->settings);
	ctx.rules = rules;
	ctx.out = &res->findings;
	ctx.pg_version = o->pg_version;
	walk_paths(o->paths.v, o->paths.nr, o->excludes.v, o->excludes.nr, &w,
		   &res->diags);
	/* Roots first, so that fragments they include are not read twice. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < w.nr; i++) {
			const struct walk_entry *e = &w.v[i];

			if (e->kind == FILE_NONE && pass == 0 && e->explicit_arg)
				diags_add(&res->diags, e->path, 0,
					  xasprintf("skipped '%s': not a file "
						    "type pgtlslint reads",
						    e->path));
			if ((pass == 0) != (e->kind == FILE_PGCONF_ROOT) ||
			    e->kind == FILE_NONE)
				continue;
			lint_pgconf(o, &ctx, res, e, &seen);
		}
		sort_array(seen.v, seen.nr, sizeof(*seen.v), cmp_str);
	}
	seen_release(&seen);
	walk_release(&w);
	findings_sort(&res->findings);
}

void
lint_result_release(struct lint_result *res)
{
	findings_release(&res->findings);
	diags_release(&res->diags);
	buf_release(&res->settings);
}
