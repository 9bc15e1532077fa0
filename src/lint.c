/* SPDX-License-Identifier: MIT */
/*
 * lint.c — orchestration of one run over the paths given: server
 * configurations first (so that fragments they include are read once, and
 * so that each pg_hba.conf can be paired with its server), then lone
 * fragments, then pg_hba.conf files.
 */
#include "lint.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carriers.h"
#include "lint_certs.h"
#include "lint_queue.h"
#include "parsers/shell.h"
#include "model/hba_conf.h"
#include "model/server.h"
#include "report/settings.h"
#include "rules/engine.h"
#include "rules/suppress.h"
#include "scope.h"
#include "secrets.h"
#include "util/hash.h"
#include "util/sort.h"
#include "parsers/yaml_carrier.h"
#include "util/xalloc.h"
#include "scanners/scan_go.h"
#include "scanners/scan_java.h"
#include "scanners/scan_js.h"
#include "scanners/scan_cs.h"
#include "scanners/scan_php.h"
#include "scanners/scan_py.h"
#include "walk.h"

/* The largest *.json read (see load_into). */
#define JSON_MAX_BYTES (128 << 10)

/* A sorted set of realpaths: files already read inside another file. */
struct pathset {
	char **v; /* owned, each owned */
	size_t nr, alloc;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
pathset_add(struct pathset *s, const char *rp)
{
	if (!rp)
		return;
	ALLOC_GROW(s->v, s->nr + 1, s->alloc);
	s->v[s->nr++] = xstrdup(rp);
}

static int
pathset_has(const struct pathset *s, const char *path)
{
	char *rp;
	int found;

	if (!s->nr || !(rp = realpath(path, NULL)))
		return 0;
	found = search_array(&rp, s->v, s->nr, sizeof(*s->v), cmp_str) != NULL;
	free(rp);
	return found;
}

static void
pathset_release(struct pathset *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		free(s->v[i]);
	free(s->v);
}

/* What one file is read as: its path, its kind, and for "-" the text
 * standard input held (read once, before the walk). */
struct input {
	const struct pgt_options *o;
	const struct buf *stdin_text; /* borrowed; NULL: "-" was unreadable */
	const struct lint_buffer *buffers; /* borrowed: read instead of the
					      files of the same paths */
	size_t nbuffers;
};

/* What a pg_hba.conf check needs to know of a server configuration. */
struct server_summary {
	char *dir;	/* owned; realpath of the configuration's directory */
	char *path;	/* owned; as the user named it */
	char *hba_file; /* owned; realpath of hba_file, or NULL */
	char *cert_file, *key_file, *ca_file, *crl_file; /* owned; its TLS
							    files beside it,
							    or NULL
							    (server_tls_file) */
	struct server_facts facts; /* conf_path borrows path */
};

struct run {
	const struct pgt_options *o;
	struct input in;
	const struct walk *walk;       /* borrowed; the files of the run */
	struct scopes *scopes;	       /* borrowed */
	const struct scope **scope_of; /* owned; per walk entry */
	size_t scope_of_alloc;
	struct lint_queue queue;       /* carrier and source files */
	const struct scope **unusable; /* owned; scopes said to be unusable */
	size_t nunusable, unusable_alloc;
	struct diags scope_diags;      /* why, said after the walk's own */
	struct lint_result *res;
	struct check_ctx ctx;
	struct pathset included;	/* read through an include */
	struct server_summary *servers; /* owned */
	size_t nservers, servers_alloc;
	struct suppressions suppressions; /* markers of every file read */
	struct cert_store certs;	  /* certificate and key files */
	struct pooler_files *poolers;	  /* owned; two per pgbouncer.ini */
	size_t npoolers, poolers_alloc;
};

/* Rules and PostgreSQL version from the settings in force for walk
 * entry e. */
static void
enter_scope(struct run *run, const struct walk_entry *e)
{
	const struct scope *sc = run->scope_of[e - run->walk->v];

	run->ctx.rules = &sc->rules;
	run->ctx.pg_version = sc->pg_version;
}

/* Every file read passes here once, for its ignore comments, and for a
 * server file, a note on what a NUL byte in it does: PostgreSQL's readers
 * see C strings (guc-file.l, pg_get_line.c), and we read it as they do. */
static void
scan_markers(struct run *run, const struct source *src)
{
	const char *nul = memchr(src->text, '\0', src->len);

	suppress_scan(&run->suppressions, src, run->ctx.rules,
		      &run->res->diags);
	if (!nul)
		return;
	diags_add(&run->res->diags, src->path, 0,
		  xasprintf("'%s' line %u holds a NUL byte: %s", src->path,
			    source_pos(src, (size_t)(nul - src->text)).line,
			    src->kind == FILE_HBA
				? "PostgreSQL drops the rest of that line, and "
				  "its line end with it, so the next line "
				  "joins it"
				: "PostgreSQL ends a quoted value there, and "
				  "refuses it anywhere but in a comment"));
}

/* Reads a file as kind (or stdin for "-", named as --stdin-filename
 * says); problems become diagnostics in diags. */
static int
load_into(const struct input *in, const char *path, enum file_kind kind,
	  struct source *src, struct diags *diags)
{
	const char *name =
	    in->o->stdin_filename ? in->o->stdin_filename : "<stdin>";
	char *err = NULL;
	int rc = PGT_OK;
	size_t i;

	for (i = 0; i < in->nbuffers && strcmp(in->buffers[i].path, path); i++)
		;
	if (i < in->nbuffers)
		source_from_mem(src, path, in->buffers[i].text,
				in->buffers[i].len);
	else if (!strcmp(path, "-")) {
		if (!in->stdin_text)
			return -1; /* its read error is already reported */
		source_from_mem(src, name, in->stdin_text->ptr,
				in->stdin_text->len);
		src->from_stdin = 1;
	} else
		rc = source_load(src, path, &err);
	if (rc != PGT_OK) {
		diags_add(diags, path, rc == PGT_EIO, err);
		return -1;
	}
	src->kind = kind;
	source_decode(src);
	if (kind >= FILE_ENV && source_is_binary(src)) {
		diags_add(diags, path, 0,
			  xasprintf("skipped binary file '%s'", path));
		source_release(src);
		return -1;
	}
	/* Configuration JSON is small (appsettings.json, app.json, a task
	 * definition); a large one is data (an OpenAPI document, fixtures),
	 * and libyaml's document of it takes about 18 times its size in
	 * memory (an 11.8 MB array: 219 MB) */
	if (kind == FILE_JSON && src->len > JSON_MAX_BYTES) {
		diags_add(diags, path, 0,
			  xasprintf("skipped '%s': JSON over %d KiB is data, "
				    "not configuration",
				    path, JSON_MAX_BYTES >> 10));
		source_release(src);
		return -1;
	}
	return 0;
}

static int
load(const struct run *run, const struct walk_entry *e, struct source *src)
{
	return load_into(&run->in, e->path, e->kind, src, &run->res->diags);
}

static char *
dir_realpath(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir =
	    slash ? xstrndup(path, (size_t)(slash - path) + !(slash - path))
		  : xstrdup(".");
	char *rp = realpath(dir, NULL);

	free(dir);
	return rp;
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
		if (!guc_name_find(cfg->v[i].name, 0) &&
		    !strchr(cfg->v[i].name, '.'))
			return 0;
	return 1;
}

/*
 * A TLS file the server reads: the setting's value, or its default name
 * when ssl may be on and it is unset, beside the configuration as PGT110
 * looks for it; NULL for none, or for an absolute path outside what the
 * run lints (the deployed machine's, not this one's).
 */
static char *
server_tls_file(const struct pgt_options *o, const struct server_config *cfg,
		const char *conf, const char *name, const char *default_name,
		int ssl_on)
{
	const struct setting *s = server_config_get(cfg, name);

	return cert_path_beside(o, conf,
				s			    ? s->value
				: ssl_on && !cfg->incomplete ? default_name
							     : NULL);
}

/* The TLS files a pgbouncer.ini names (lint_certs.c), kept for the
 * certificate phase. */
static void
read_pooler(struct run *run, const struct walk_entry *e)
{
	struct source src;
	size_t stop;

	if (load(run, e, &src))
		return;
	ALLOC_GROW(run->poolers, run->npoolers + 2, run->poolers_alloc);
	stop = pooler_tls_files(run->o, e->path, &src,
				&run->poolers[run->npoolers]);
	run->npoolers += 2;
	if (stop && run->o->shard < 2)
		diags_add(&run->res->diags, e->path, 0,
			  xasprintf("'%s' line %u: a syntax error: pgbouncer "
				    "reads no further",
				    e->path, source_pos(&src, stop - 1).line));
	if (run->o->shard < 2)
		run->res->files++;
	source_release(&src);
}

static void
summarize(struct run *run, const struct server_config *cfg)
{
	int known = !cfg->incomplete;
	struct server_summary *s;
	const char *ca = server_config_value(cfg, "ssl_ca_file");
	const struct setting *hba = server_config_get(cfg, "hba_file");

	ALLOC_GROW(run->servers, run->nservers + 1, run->servers_alloc);
	s = &run->servers[run->nservers++];
	s->path = xstrdup(cfg->files[0]->path);
	s->dir = dir_realpath(s->path);
	s->hba_file = NULL;
	if (hba && hba->value_len) {
		char *p =
		    hba->value[0] == '/' || !strrchr(s->path, '/')
			? xstrdup(hba->value)
			: xasprintf("%.*s/%s",
				    (int)(strrchr(s->path, '/') - s->path),
				    s->path, hba->value);

		s->hba_file = realpath(p, NULL);
		free(p);
	}
	s->facts.ssl_on = server_config_bool(cfg, "ssl", known);
	s->facts.ca_file_set =
	    !ca || (!known && !server_config_get(cfg, "ssl_ca_file"))
		? -1
		: *ca != '\0';
	s->facts.conf_path = s->path;
	/* server.crt and server.key: the defaults (guc_tables.c) */
	s->cert_file = server_tls_file(run->o, cfg, s->path, "ssl_cert_file",
				       "server.crt", s->facts.ssl_on != 0);
	s->key_file = server_tls_file(run->o, cfg, s->path, "ssl_key_file",
				      "server.key", s->facts.ssl_on != 0);
	s->ca_file = server_tls_file(run->o, cfg, s->path, "ssl_ca_file", NULL,
				     0);
	s->crl_file = server_tls_file(run->o, cfg, s->path, "ssl_crl_file",
				      NULL, 0);
}

/* The server's own replication connection (primary_conninfo), judged as
 * a libpq client. */
static void
judge_primary_conninfo(struct run *run, const struct server_config *cfg)
{
	const struct setting *s = server_config_get(cfg, "primary_conninfo");
	struct facts facts = {NULL, 0, 0};
	struct fact_ctx fx = {&facts, run->ctx.pg_version, 0};
	struct text_map map;
	struct conn_string cs;
	int quoted;

	if (!s || !s->value_len)
		return;
	quoted = s->src->text[s->begin] == '\'';
	memset(&map, 0, sizeof(map));
	map.src = s->src;
	map.base = s->begin + quoted;
	map.end = s->end - quoted;
	/* Quotes doubled or escaped inside shift the bytes: whole value. */
	map.verbatim = map.end - map.base == s->value_len;
	cs =
	    conn_string_plain(s->value, s->value_len, &map, "primary_conninfo");
	cs.driver_position = 1; /* the walreceiver's libpq reads it */
	conn_string_judge(&fx, &cs);
	engine_run_facts(&run->ctx, &facts);
	facts_release(&facts);
}

static void
lint_pgconf(struct run *run, const struct walk_entry *e)
{
	struct server_config cfg;
	struct source src;
	int root = e->kind == FILE_PGCONF_ROOT;
	const char *b = strrchr(e->path, '/');
	size_t i, from;

	b = b ? b + 1 : e->path;
	if (!root && pathset_has(&run->included, e->path))
		return;
	if (load(run, e, &src))
		return;
	enter_scope(run, e);
	from = run->res->findings.nr;
	server_config_load(
	    &cfg, &src, run->ctx.pg_version,
	    root && (strcmp(e->path, "-") || run->o->stdin_filename));
	if (root || e->explicit_arg || !strcmp(b, "postgresql.auto.conf") ||
	    looks_like_fragment(&cfg)) {
		run->res->files++;
		engine_run_server(&run->ctx, &cfg, root);
		judge_primary_conninfo(run, &cfg);
		if (run->o->show_settings)
			settings_dump(&run->res->settings, &cfg, root);
	}
	if (root) {
		for (i = 1; i < cfg.nfiles; i++)
			pathset_add(&run->included, cfg.realpaths[i]);
		summarize(run, &cfg);
	}
	for (i = 0; i < cfg.nfiles; i++) {
		scan_markers(run, cfg.files[i]);
		findings_mask(&run->res->findings, from, cfg.files[i]);
	}
	server_config_release(&cfg);
}

/* A shard other than the first judges no server configuration, but its
 * clients need the servers' certificates (PGT404). */
static void
summarize_only(struct run *run, const struct walk_entry *e)
{
	struct server_config cfg;
	struct source src;

	if (load(run, e, &src))
		return;
	enter_scope(run, e);
	server_config_load(&cfg, &src, run->ctx.pg_version,
			   strcmp(e->path, "-") || run->o->stdin_filename);
	summarize(run, &cfg);
	server_config_release(&cfg);
}

static struct server_facts
pair_server(const struct run *run, const struct hba_conf *conf)
{
	struct server_facts none = {-1, -1, NULL};
	char *rp = conf->realpaths[0],
	     *dir = dir_realpath(conf->files[0]->path);
	const struct server_summary *same_dir = NULL;
	size_t i;

	for (i = 0; i < run->nservers; i++) {
		const struct server_summary *s = &run->servers[i];

		if (rp && s->hba_file && !strcmp(rp, s->hba_file)) {
			free(dir);
			return s->facts;
		}
		if (!same_dir && dir && s->dir && !strcmp(dir, s->dir) &&
		    !s->hba_file)
			same_dir = s;
	}
	free(dir);
	return same_dir ? same_dir->facts : none;
}

/* Adds the files conf read besides its root to s, sorted again. */
static void
pathset_add_included(struct pathset *s, const struct hba_conf *conf)
{
	size_t j;

	for (j = 1; j < conf->nfiles; j++)
		pathset_add(s, conf->realpaths[j]);
	sort_array(s->v, s->nr, sizeof(*s->v), cmp_str);
}

/* Whether realpath rp (NULL: none) is in the sorted set s. */
static int
pathset_has_real(const struct pathset *s, const char *rp)
{
	return rp && s->nr &&
	       search_array(&rp, s->v, s->nr, sizeof(*s->v), cmp_str) != NULL;
}

/*
 * Loads every pg_hba.conf first, so that files one of them includes are
 * judged only as part of it: the roots are the files no other includes
 * (or named on the command line), then, in walk order, any file no root
 * reaches -- files that include each other are judged once, from the
 * first, not skipped both.
 */
static void
lint_hba_files(struct run *run, const struct walk *w)
{
	struct hba_conf *confs = xcalloc(w->nr + 1, sizeof(*confs));
	unsigned char *judge = xcalloc(w->nr + 1, 1);
	struct pathset inside = {NULL, 0, 0}, reached = {NULL, 0, 0};
	size_t i, j;

	for (i = 0; i < w->nr; i++) {
		struct source src;

		if (w->v[i].kind != FILE_HBA || load(run, &w->v[i], &src))
			continue;
		enter_scope(run, &w->v[i]);
		hba_conf_load(&confs[i], &src, run->ctx.pg_version);
		pathset_add_included(&inside, &confs[i]);
	}
	for (i = 0; i < w->nr; i++)
		if (confs[i].nfiles &&
		    (w->v[i].explicit_arg ||
		     !pathset_has_real(&inside, confs[i].realpaths[0]))) {
			judge[i] = 1;
			pathset_add_included(&reached, &confs[i]);
		}
	for (i = 0; i < w->nr; i++)
		if (confs[i].nfiles && !judge[i] &&
		    !pathset_has_real(&reached, confs[i].realpaths[0])) {
			judge[i] = 1; /* in a cycle that no root reaches */
			pathset_add_included(&reached, &confs[i]);
		}
	for (i = 0; i < w->nr; i++) {
		struct server_facts facts;

		if (judge[i]) {
			size_t from = run->res->findings.nr;

			enter_scope(run, &w->v[i]);
			run->res->files++;
			facts = pair_server(run, &confs[i]);
			engine_run_hba(&run->ctx, &confs[i], 1, &facts);
			for (j = 0; j < confs[i].nfiles; j++) {
				scan_markers(run, confs[i].files[j]);
				findings_mask(&run->res->findings, from,
					      confs[i].files[j]);
			}
		}
		if (confs[i].nfiles)
			hba_conf_release(&confs[i]);
	}
	pathset_release(&inside);
	pathset_release(&reached);
	free(judge);
	free(confs);
}

static int
load_cert(void *arg, const char *path, struct source *src)
{
	const struct run *run = arg;

	return load_into(&run->in, path, FILE_CERT, src, &run->res->diags);
}

/*
 * Reads the certificate and key files (those walked, and those a server
 * names), then, in the first shard, judges each that the walk found or
 * that only a server's setting can name (a file called "tls/cert" is no
 * certificate by its name); the others are read for their facts only.
 */
static void
lint_certs(struct run *run, struct scopes *scopes)
{
	struct cert_server_files *sv =
	    xcalloc(run->nservers + run->npoolers + 1, sizeof(*sv));
	size_t i, nsv = run->nservers + run->npoolers;

	for (i = 0; i < run->nservers; i++) {
		const struct server_summary *f = &run->servers[i];

		sv[i] = (struct cert_server_files){
		    .conf = f->path, .cert = f->cert_file, .key = f->key_file,
		    .ca = f->ca_file, .crl = f->crl_file, .presented = 1};
	}
	for (i = 0; i < run->npoolers; i++) {
		const struct pooler_files *p = &run->poolers[i];

		sv[run->nservers + i] = (struct cert_server_files){
		    .conf = p->conf, .cert = p->cert, .key = p->key,
		    .ca = p->ca, .pooler = 1, .presented = p->presented};
	}
	if (run->o->explain_cert) {
		/* --explain-cert: that file is the only server certificate,
		 * and only the clients it must satisfy are reported */
		sv[0] = (struct cert_server_files){.conf = "--explain-cert",
						   .cert = run->o->explain_cert,
						   .presented = 1};
		nsv = 1;
	}
	cert_store_build(&run->certs, run->walk, sv, nsv, load_cert, run);
	free(sv);
	for (i = 0; i < run->certs.nr && run->o->shard < 2 &&
		    !run->o->explain_cert;
	     i++) {
		struct cert_entry *e = &run->certs.v[i];
		const struct scope *sc;
		size_t from = run->res->findings.nr;

		if (!e->loaded ||
		    (!e->walked && (walk_classify(e->path) != FILE_NONE ||
				    scopes_excluded(scopes, e->path))))
			continue;
		sc = e->walked ? run->scope_of[e->walked - run->walk->v]
			       : scopes_for(scopes, e->path);
		if (sc->error)
			continue;
		run->ctx.rules = &sc->rules;
		run->ctx.pg_version = sc->pg_version;
		run->res->files++;
		if (e->cf.problem)
			diags_add(&run->res->diags, e->path, 0,
				  xasprintf("%s '%s': %s",
					    cert_file_count(&e->cf)
						? "read only in part"
						: "skipped",
					    e->path, e->cf.problem));
		engine_run_cert(&run->ctx, &e->src, &e->cf, &e->role);
		suppress_scan(&run->suppressions, &e->src, run->ctx.rules,
			      &run->res->diags);
		findings_mask(&run->res->findings, from, &e->src);
	}
}

/* .env, Dockerfile, .properties, YAML and shell scripts: the assignments
 * that can matter, then the connections they hold. */
static void
judge_assignments_file(struct fact_ctx *fx, struct check_ctx *ctx,
		       const struct walk_entry *e, const struct source *src)
{
	struct assignments as;
	struct carrier_keep keep;
	char *err = NULL;

	if (!carriers_worth_parsing(fx, src))
		return;
	carriers_keep_init(&keep, src);
	switch (e->kind) {
	case FILE_ENV:
		envfile_parse(src->text, src->len, &keep.keep, &as);
		break;
	case FILE_SHELL:
		shell_parse(src->text, src->len, &keep.keep, &as);
		break;
	case FILE_DOCKERFILE:
		dockerfile_parse(src->text, src->len, &keep.keep, &as);
		break;
	case FILE_PROPERTIES:
		properties_parse(src->text, src->len, &keep.keep, &as);
		break;
	case FILE_TOML:
		toml_parse(src->text, src->len, &keep.keep, &as);
		break;
	default:
		if (yaml_carrier_parse(src, &keep.keep, &as, &err))
			diags_add(ctx->diags, e->path, 0,
				  xasprintf("'%s': %s read only in part: %s",
					    src->path,
					    e->kind == FILE_JSON ? "JSON"
								 : "YAML",
					    err));
		free(err);
		break;
	}
	carriers_keep_release(&keep);
	carriers_judge_assignments(fx, src, &as);
	if (e->kind == FILE_YAML || e->kind == FILE_JSON)
		lint_embedded_certs(ctx, src, &as);
	if (e->kind == FILE_SHELL || e->kind == FILE_DOCKERFILE) {
		struct text_map whole;

		memset(&whole, 0, sizeof(whole));
		whole.src = src;
		whole.end = src->len;
		whole.verbatim = 1;
		carriers_scan_text(fx, src->text, src->len, &whole, &as);
	}
	assignments_release(&as);
}

/* .env, Dockerfile, .properties, YAML, shell scripts, pg_service.conf,
 * JavaScript/TypeScript, Go, Python, Java: one file, on its own (a
 * lint_file_fn: arg is the run's struct input). */
static int
lint_carrier(void *arg, const struct walk_entry *e, const struct scope *sc,
	     const struct server_certs *certs, struct file_result *out)
{
	const struct input *in = arg;
	struct check_ctx ctx = {.rules = &sc->rules,
				.out = &out->findings,
				.diags = &out->diags,
				.pg_version = sc->pg_version,
				.no_prefilter = in->o->no_prefilter,
				.judge_loopback = in->o->judge_loopback,
				.now = in->o->now,
				.cert_warn_days = in->o->cert_warn_days,
				.server_certs = certs,
				.certs_pending = !certs,
				.list_hosts = in->o->explain_cert != NULL};
	struct facts facts = {NULL, 0, 0};
	struct fact_ctx fx = {&facts, sc->pg_version, in->o->no_prefilter};
	struct source src;
	struct tokens lexed = {0}; /* a scanner's, for the secrets */
	size_t from;

	if (load_into(in, e->path, e->kind, &src, &out->diags))
		return 0;
	out->files++;
	from = out->findings.nr;
	/* the detectors find, the rules judge */
	if (e->kind == FILE_SERVICE)
		carriers_judge_service(&fx, &src);
	else if (e->kind == FILE_PRISMA)
		carriers_judge_prisma(&fx, &src);
	else if (e->kind == FILE_JS)
		js_judge_source(&fx, &src, &lexed);
	else if (e->kind == FILE_GO)
		go_judge_source(&fx, &src, &lexed);
	else if (e->kind == FILE_PY)
		py_judge_source(&fx, &src, &lexed);
	else if (e->kind == FILE_JAVA)
		java_judge_source(&fx, &src, &lexed);
	else if (e->kind == FILE_PHP)
		php_judge_source(&fx, &src);
	else if (e->kind == FILE_CSHARP)
		cs_judge_source(&fx, &src);
	else
		judge_assignments_file(&fx, &ctx, e, &src);
	engine_run_facts(&ctx, &facts);
	facts_release(&facts);
	if (ctx.needs_certs) {
		tokens_release(&lexed);
		source_release(&src);
		return 1;
	}
	/* Markers matter only to this file's findings, or to PGT001's
	 * report of the unused ones: most files need no look for them. */
	if (suppress_needed(ctx.rules, out->findings.nr))
		suppress_scan(&out->markers, &src, ctx.rules, &out->diags);
	if (out->findings.nr > from) /* the file is not lexed again */
		secrets_find_in_tokens(&src, &lexed);
	tokens_release(&lexed);
	findings_mask(&out->findings, from, &src);
	source_release(&src);
	return 0;
}

/*
 * --shard K/N: whether this run lints entry e. Carrier and source files
 * are spread by a hash of their path as given (FNV-1a), so the split is
 * the same on every machine and adding a file moves no other; server
 * configurations and pg_hba.conf files, which read each other, all go to
 * shard 1. The shards' findings together are the whole run's.
 */
static int
in_shard(const struct pgt_options *o, const struct walk_entry *e)
{
	if (o->shards < 2)
		return 1;
	if (e->kind < FILE_ENV)
		return o->shard == 1;
	return str_hash(e->path) % o->shards == o->shard - 1;
}

static int
walk_excluded(void *arg, const char *path)
{
	const struct run *run = arg;

	return scopes_excluded(run->scopes, path);
}

/*
 * Each file as the walk finds it: its scope, looked up once, into
 * run->scope_of, and a carrier or source file of this shard into the
 * queue, to be linted while the walk goes on. A nested configuration that
 * cannot be used is an error for its subtree (said once, after the walk's
 * own problems; the run ends with exit 2): its files are dropped.
 */
static int
walk_found(void *arg, struct walk *w)
{
	struct run *run = arg;
	const struct walk_entry *e = &w->v[w->nr - 1];
	const struct scope *sc = scopes_for(run->scopes, e->path);
	size_t j;

	if (sc->error) {
		for (j = 0; j < run->nunusable && run->unusable[j] != sc; j++)
			;
		if (j == run->nunusable) {
			ALLOC_GROW(run->unusable, run->nunusable + 1,
				   run->unusable_alloc);
			run->unusable[run->nunusable++] = sc;
			diags_add(&run->scope_diags, sc->config.path, 1,
				  xasprintf("%s: the files it governs are not "
					    "linted",
					    sc->error));
		}
		return 1;
	}
	ALLOC_GROW(run->scope_of, w->nr, run->scope_of_alloc);
	run->scope_of[w->nr - 1] = sc;
	if (e->kind >= FILE_ENV && in_shard(run->o, e))
		lint_queue_add(&run->queue, e, sc);
	return 0;
}

/* Standard input, read once for the whole run (and for --fix). */
static const struct buf *
read_stdin(const struct pgt_options *o, const struct buf *given,
	   struct lint_result *res)
{
	struct source src;
	char *err = NULL;
	size_t i;

	for (i = 0; i < o->paths.nr && strcmp(o->paths.v[i], "-"); i++)
		;
	if (i == o->paths.nr)
		return NULL;
	if (given) {
		buf_add(&res->stdin_text, given->ptr, given->len);
		return &res->stdin_text;
	}
	if (source_load_fd(&src, "-", 0, &err) != PGT_OK) {
		diags_add(&res->diags, "-", 1, err);
		return NULL;
	}
	buf_add(&res->stdin_text, src.text, src.len);
	source_release(&src);
	return &res->stdin_text;
}

void
lint_run(const struct pgt_options *o, struct scopes *scopes,
	 const struct buf *stdin_text, struct lint_result *res)
{
	lint_run_buffers(o, scopes, stdin_text, NULL, 0, res);
}

void
lint_run_buffers(const struct pgt_options *o, struct scopes *scopes,
		 const struct buf *stdin_text,
		 const struct lint_buffer *buffers, size_t nbuffers,
		 struct lint_result *res)
{
	struct run run;
	struct walk w;
	const struct walk_hooks hooks = {walk_excluded, walk_found, &run};
	size_t i;

	memset(res, 0, sizeof(*res));
	memset(&run, 0, sizeof(run));
	buf_init(&res->settings);
	buf_init(&res->stdin_text);
	run.o = o;
	run.in.o = o;
	run.in.stdin_text = read_stdin(o, stdin_text, res);
	run.in.buffers = buffers;
	run.in.nbuffers = nbuffers;
	run.walk = &w;
	run.res = res;
	run.ctx.out = &res->findings;
	run.ctx.diags = &res->diags;
	run.ctx.judge_loopback = o->judge_loopback;
	run.ctx.now = o->now;
	run.ctx.cert_warn_days = o->cert_warn_days;
	run.ctx.list_hosts = o->explain_cert != NULL;
	run.scopes = scopes;
	lint_queue_init(&run.queue, o->jobs, lint_carrier, &run.in);
	walk_paths(o->paths.v, o->paths.nr, &hooks,
		   o->stdin_type       ? walk_kind_named(o->stdin_type)
		   : o->stdin_filename ? walk_classify(o->stdin_filename)
				       : FILE_NONE,
		   &w, &res->diags);
	ALLOC_APPEND(res->diags, run.scope_diags);
	free(run.unusable);
	for (i = 0; i < w.nr; i++)
		if (w.v[i].kind == FILE_NONE && w.v[i].explicit_arg)
			diags_add(&res->diags, w.v[i].path, 0,
				  xasprintf("skipped '%s': not a file type "
					    "pgtlslint reads",
					    w.v[i].path));
	for (i = 0; i < w.nr; i++)
		if (w.v[i].kind == FILE_PGCONF_ROOT && o->shard < 2)
			lint_pgconf(&run, &w.v[i]);
		else if (w.v[i].kind == FILE_PGCONF_ROOT)
			summarize_only(&run, &w.v[i]);
	sort_array(run.included.v, run.included.nr, sizeof(*run.included.v),
		   cmp_str);
	for (i = 0; i < w.nr && o->shard < 2; i++)
		if (w.v[i].kind == FILE_PGCONF_PART)
			lint_pgconf(&run, &w.v[i]);
	for (i = 0; i < w.nr; i++)
		if (w.v[i].kind == FILE_PGBOUNCER)
			read_pooler(&run, &w.v[i]);
	/* the clients verify the servers' certificates: read them first */
	lint_certs(&run, scopes);
	lint_queue_close(&run.queue, &run.certs.servers);
	if (o->shard < 2)
		lint_hba_files(&run, &w);
	lint_queue_finish(&run.queue, &res->findings, &res->diags,
			  &run.suppressions, &res->files);
	cert_store_release(&run.certs);
	for (i = 0; i < run.nservers; i++) {
		free(run.servers[i].dir);
		free(run.servers[i].path);
		free(run.servers[i].hba_file);
		free(run.servers[i].cert_file);
		free(run.servers[i].key_file);
		free(run.servers[i].ca_file);
		free(run.servers[i].crl_file);
	}
	free(run.servers);
	for (i = 0; i < run.npoolers; i++) {
		free(run.poolers[i].conf);
		free(run.poolers[i].cert);
		free(run.poolers[i].key);
		free(run.poolers[i].ca);
	}
	free(run.poolers);
	free(run.scope_of);
	pathset_release(&run.included);
	walk_release(&w);
	res->suppressed = suppress_apply(&run.suppressions, &res->findings);
	res->suppressed += scopes_apply_ignores(scopes, &res->findings);
	suppress_release(&run.suppressions);
	findings_sort(&res->findings);
}

void
lint_result_release(struct lint_result *res)
{
	findings_release(&res->findings);
	diags_release(&res->diags);
	buf_release(&res->settings);
	buf_release(&res->stdin_text);
}
