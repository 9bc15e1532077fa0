/* SPDX-License-Identifier: MIT */
/* engine.c — declarative conditions and dispatch to C checks. */
#include "engine.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../model/client.h"
#include "../model/facts.h"
#include "../model/hba_conf.h"
#include "../model/server.h"
#include "../util/buf.h"
#include "../secrets.h"
#include "../util/regex.h"
#include "../diag.h"
#include "../util/xalloc.h"
#include "ruleset.h"

/* Which built-in rule reports each kind of parser problem. */
static const char *const problem_rule[] = {
	[PROBLEM_SYNTAX] = "PGT108",
	[PROBLEM_VALUE] = "PGT108",
	[PROBLEM_NAME] = "PGT108",
	[PROBLEM_INCLUDE] = "PGT109",
};

static void
report_problems(struct check_ctx *ctx, const struct server_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nproblems; i++) {
		const struct server_problem *p = &cfg->problems[i];
		const struct rule *r = ruleset_active(ctx->rules,
						      problem_rule[p->kind]);

		if (r)
			check_emit(ctx, r, p->src, p->begin, p->end, "%s",
				   p->message);
	}
}

/* Expands {setting} and {value} in the rule's message template. */
static char *
expand(const struct rule *r, const char *value, size_t len, int is_default)
{
	struct buf b = BUF_INIT;
	const char *t = r->message;
	char *shown = secrets_quote(r->setting, value, len);

	while (*t) {
		if (!strncmp(t, "{setting}", 9)) {
			buf_adds(&b, r->setting);
			t += 9;
		} else if (!strncmp(t, "{value}", 7)) {
			buf_adds(&b, shown);
			t += 7;
		} else
			buf_addch(&b, *t++);
	}
	if (is_default)
		buf_adds(&b, " (the default)");
	free(shown);
	return buf_detach(&b);
}

static int
condition_holds(struct check_ctx *ctx, const struct rule *r,
		const struct setting *s, const struct guc_def *def,
		int version, const char *value, size_t len)
{
	const char *want;
	int m;

	switch (r->op) {
	case COND_EQUALS:
		want = def ? guc_canonical(def, version, r->operand,
					   strlen(r->operand))
			   : r->operand;
		if (!want)
			return 0;
		return strlen(want) == len && !strncasecmp(want, value, len);
	case COND_MATCH:
		m = regex_match(r->re, value, len);
		if (m < 0 && ctx->diags)
			/* A backtracking bomb in a user's pattern: bounded by
			 * PCRE2's match limit, and said, not hidden. */
			diags_add(ctx->diags, s ? s->src->path : "", 0,
				  xasprintf("rule %s: the pattern hit its match "
					    "limit on '%s'%s; treated as no "
					    "match",
					    r->id, r->setting,
					    s ? "" : " (default)"));
		return m == 1;
	default:
		return 0;
	}
}

static void
run_condition(struct check_ctx *ctx, const struct rule *r,
	      const struct server_config *cfg, int is_root)
{
	const struct setting *s = server_config_get(cfg, r->setting);
	const struct guc_def *def = guc_find(r->setting, cfg->version);
	int absences_known = is_root && !cfg->incomplete;
	const char *v;

	if (r->op == COND_ABSENT) {
		if (!s && absences_known)
			findings_add(ctx->out, r, cfg->files[0], 0, 0,
				     expand(r, "", 0, 0));
		return;
	}
	if (s) {
		/* Typed settings compare canonically; a value PostgreSQL
		 * rejects is PGT108's, not ours. */
		v = def ? s->canonical : s->value;
		if (v && condition_holds(ctx, r, s, def, cfg->version, v,
					 strlen(v))) {
			struct finding *f = findings_add(
			    ctx->out, r, s->src, s->begin, s->end,
			    expand(r, s->value, s->value_len, 0));

			if (r->replace_with)
				check_fix(f, s->src, s->begin, s->end,
					  r->replace_with);
		}
		return;
	}
	if (!def || !absences_known)
		return;
	v = guc_default(def, cfg->version);
	if (condition_holds(ctx, r, NULL, def, cfg->version, v, strlen(v)))
		findings_add(ctx->out, r, cfg->files[0], 0, 0,
			     expand(r, v, strlen(v), 1));
}

void
engine_run_server(struct check_ctx *ctx, const struct server_config *cfg,
		  int is_root)
{
	size_t i;

	report_problems(ctx, cfg);
	for (i = 0; i < ctx->rules->nr; i++) {
		const struct rule *r = &ctx->rules->v[i];

		if (!r->enabled || r->target != TARGET_PGCONF || r->builtin)
			continue;
		if (r->check)
			r->check->server(ctx, r, cfg, is_root);
		else
			run_condition(ctx, r, cfg, is_root);
	}
}

void
engine_run_hba(struct check_ctx *ctx, const struct hba_conf *conf,
	       int is_root, const struct server_facts *server)
{
	const struct rule *syntax = ruleset_active(ctx->rules, "PGT209");
	size_t i;

	for (i = 0; syntax && i < conf->nr; i++)
		if (conf->v[i].error)
			check_emit(ctx, syntax, conf->v[i].src,
				   conf->v[i].err_begin, conf->v[i].err_end,
				   "%s", conf->v[i].error);
	/* load_hba: "configuration file contains no entries" refuses it. */
	if (syntax && is_root && !conf->nr && !conf->incomplete)
		check_emit(ctx, syntax, conf->files[0], 0, 0,
			   "the file has no records: PostgreSQL refuses to "
			   "start with it");
	for (i = 0; i < ctx->rules->nr; i++) {
		const struct rule *r = &ctx->rules->v[i];

		if (r->enabled && r->target == TARGET_HBA && r->check)
			r->check->hba(ctx, r, conf, server);
	}
}

struct finding *
engine_emit(struct check_ctx *ctx, const char *id, const struct source *src,
	    size_t begin, size_t end, const char *fmt, ...)
{
	const struct rule *r = ruleset_active(ctx->rules, id);
	struct finding *f;
	va_list ap;

	if (!r)
		return NULL;
	va_start(ap, fmt);
	f = findings_add(ctx->out, r, src, begin, end, xvasprintf(fmt, ap));
	va_end(ap);
	return f;
}

void
engine_run_client(struct check_ctx *ctx, const struct client_fact *f)
{
	struct client_verdict v;
	size_t i;

	client_judge(f, ctx->pg_version, &v);
	for (i = 0; i < ctx->rules->nr; i++) {
		const struct rule *r = &ctx->rules->v[i];

		if (r->enabled && r->target == TARGET_CLIENT && r->check)
			r->check->client(ctx, r, f, &v);
	}
	client_verdict_release(&v);
}

void
engine_run_cert(struct check_ctx *ctx, const struct source *src,
		const struct cert_file *cf, const struct cert_role *role)
{
	size_t i;

	for (i = 0; i < ctx->rules->nr; i++) {
		const struct rule *r = &ctx->rules->v[i];

		if (r->enabled && r->target == TARGET_CERT && r->check)
			r->check->cert(ctx, r, src, cf, role);
	}
}

/* The rule each kind of setting fact is judged by, and how its message
 * says it (the fact's what, and for PGT305 the driver it concerns). */
static const struct {
	enum fact_kind kind;
	const char *id;
} fact_rules[] = {
    {FACT_NO_VERIFY, "PGT305"}, {FACT_WEAK_FLOOR, "PGT306"},
    {FACT_PASSWORD, "PGT308"},	{FACT_INVALID, "PGT309"},
    {FACT_TLS_OFF, "PGT301"},
};

static void
run_setting_fact(struct check_ctx *ctx, const struct fact *f)
{
	struct finding *fd = NULL;
	size_t i;

	for (i = 0; i < sizeof(fact_rules) / sizeof(fact_rules[0]); i++)
		if (fact_rules[i].kind == f->kind)
			break;
	if (i == sizeof(fact_rules) / sizeof(fact_rules[0]))
		return;
	if (f->kind == FACT_NO_VERIFY && f->driver >= 0)
		fd = engine_emit(ctx, fact_rules[i].id, f->src, f->begin,
				 f->end,
				 "certificate verification is switched off: "
				 "%s (%s)",
				 f->what, driver_names[f->driver]);
	else if (f->kind == FACT_PASSWORD)
		fd = engine_emit(ctx, fact_rules[i].id, f->src, f->begin,
				 f->end, "password written in %s (****)",
				 f->what);
	else
		fd = engine_emit(ctx, fact_rules[i].id, f->src, f->begin,
				 f->end, "%s", f->what);
	if (f->has_fix)
		check_fix(fd, f->src, f->fix_begin, f->fix_end, f->fix);
}

void
engine_run_facts(struct check_ctx *ctx, const struct facts *fs)
{
	size_t i;

	for (i = 0; i < fs->nr; i++)
		if (fs->v[i].kind == FACT_CONNECTION)
			engine_run_client(ctx, fs->v[i].conn);
		else
			run_setting_fact(ctx, &fs->v[i]);
}
