/* SPDX-License-Identifier: MIT */
/*
 * hba_conf.c — @file expansion and include records for pg_hba.conf, as
 * tokenize_auth_file / next_field_expand / tokenize_expand_file /
 * tokenize_include_file do (src/backend/libpq/hba.c):
 *
 * - "@name" (not quoted before the @, longer than one byte) is replaced by
 *   every token of every line of that file, relative to the file holding
 *   it; an error in that file is an error of the line that names it;
 * - from PostgreSQL 16, a line of exactly two fields whose first token is
 *   include, include_if_exists or include_dir reads those files in place
 *   (include_dir: *.conf files not starting with '.', in strcmp order);
 * - nesting deeper than 10 is an error; we name cycles where they close.
 */
#include "hba_conf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../util/confdir.h"
#include "hba_index.h"
#include "../util/xalloc.h"

struct stack {
	const char *rp[HBA_MAX_INCLUDE_DEPTH + 2];
	int depth;
};

static size_t
add_file(struct hba_conf *conf, struct source *src)
{
	size_t i = conf->nfiles;
	size_t old = conf->files_alloc;

	ALLOC_GROW(conf->files, i + 1, conf->files_alloc);
	if (conf->files_alloc != old) {
		conf->realpaths = xrealloc(conf->realpaths,
					   conf->files_alloc * sizeof(char *));
		conf->lines = xrealloc(conf->lines, conf->files_alloc *
							sizeof(*conf->lines));
	}
	conf->files[i] = xmalloc(sizeof(struct source));
	*conf->files[i] = *src;
	conf->files[i]->kind = FILE_HBA;
	conf->realpaths[i] = realpath(src->path, NULL);
	hba_tokenize(src->text, src->len, &conf->lines[i]);
	conf->nfiles++;
	return i;
}

static int
on_stack(const struct stack *st, const char *rp)
{
	int i;

	for (i = 0; rp && i < st->depth; i++)
		if (st->rp[i] && !strcmp(st->rp[i], rp))
			return 1;
	return 0;
}

/* missing_ok of an @file: a missing one is an error, said its own way. */
#define AT_FILE (-1)

/*
 * Opens path (written so in the file) for inclusion; missing_ok: skip it
 * silently when missing (include_if_exists), or AT_FILE. Returns the file
 * index, or -1 with *err set (NULL when the file is to be skipped
 * silently).
 */
static long
open_included(struct hba_conf *conf, const char *path, const char *written,
	      int missing_ok, const struct stack *st, char **err)
{
	int is_at_file = missing_ok < 0;

	struct source src;
	struct stat sb;
	char *rp, *lerr = NULL;

	*err = NULL;
	if (st->depth > HBA_MAX_INCLUDE_DEPTH) {
		*err = xasprintf("could not open file \"%s\": maximum nesting "
				 "depth exceeded",
				 path);
		return -1;
	}
	if (stat(path, &sb) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
		/* as written: absolute names the deployed machine, relative
		 * the tree given, whatever path the tree was named by */
		if (written[0] == '/')
			conf->incomplete = 1; /* not on this machine */
		else if (is_at_file)
			/* tokenize_expand_file's message (PostgreSQL 15) */
			*err = xasprintf("could not open secondary "
					 "authentication file \"@%s\" as "
					 "\"%s\": No such file or directory",
					 written, path);
		else if (!missing_ok)
			*err = xasprintf("could not open file \"%s\": No such "
					 "file or directory",
					 path);
		return -1;
	}
	rp = realpath(path, NULL);
	if (on_stack(st, rp)) {
		*err = xasprintf("include cycle: \"%s\" is already being read",
				 path);
		free(rp);
		return -1;
	}
	free(rp);
	if (source_load(&src, path, &lerr) != PGT_OK) {
		*err = lerr;
		return -1;
	}
	return (long)add_file(conf, &src);
}

static void read_lines(struct hba_conf *conf, size_t file, struct stack *st);

static int expand_line(struct hba_conf *conf, size_t file,
		       struct hba_line *line, struct stack *st, char **err);

/*
 * Appends to add every token of every line of file idx, its own @files
 * expanded first (tokenize_expand_file), standing at position [b, e).
 */
static int
collect_file(struct hba_conf *conf, size_t idx, struct stack *st,
	     struct hba_field *add, size_t b, size_t e, char **err)
{
	size_t i, j, k;
	int rc = 0;

	st->rp[st->depth++] = conf->realpaths[idx];
	for (i = 0; !rc && i < conf->lines[idx].nr; i++) {
		struct hba_line *l = &conf->lines[idx].v[i];

		rc = expand_line(conf, idx, l, st, err);
		for (j = 0; !rc && j < l->nfields; j++)
			for (k = 0; k < l->fields[j].nr; k++) {
				/* its string stays the included file's,
				 * which conf keeps */
				struct hba_token nt = l->fields[j].v[k];

				nt.begin = b;
				nt.end = e;
				ALLOC_GROW(add->v, add->nr + 1, add->alloc);
				add->v[add->nr++] = nt;
			}
	}
	st->depth--;
	return rc;
}

/* Replaces token t of field fl by the tokens in add (taking them); the
 * field gets an array of its own, as its file's is not growable. */
static void
splice(struct hba_field *fl, size_t t, struct hba_field *add)
{
	if (!fl->owned) {
		struct hba_token *own = xmalloc((fl->nr + 1) * sizeof(*own));

		memcpy(own, fl->v, fl->nr * sizeof(*own));
		fl->v = own;
		fl->alloc = fl->nr + 1;
		fl->owned = 1;
	}
	ALLOC_GROW(fl->v, fl->nr + add->nr, fl->alloc);
	memmove(&fl->v[t + add->nr], &fl->v[t + 1],
		(fl->nr - t - 1) * sizeof(*fl->v));
	if (add->nr)
		memcpy(&fl->v[t], add->v, add->nr * sizeof(*add->v));
	fl->nr = fl->nr - 1 + add->nr;
	free(add->v);
}

/* Replaces each @file token of line by that file's tokens; an error names
 * the @token (err_begin/err_end via the token kept in place). A field
 * left with no token is no field: PostgreSQL's tokenize_auth_file appends
 * a field only when it holds tokens, so the fields after it move left. */
static int
expand_line(struct hba_conf *conf, size_t file, struct hba_line *line,
	    struct stack *st, char **err)
{
	size_t f, t;

	for (f = 0; f < line->nfields; f++) {
		struct hba_field *fl = &line->fields[f];

		for (t = 0; t < fl->nr;) {
			struct hba_token at = fl->v[t];
			struct hba_field add = {NULL, 0, 0, 1};
			char *path;
			long idx;

			if (at.quoted || at.str[0] != '@' || !at.str[1]) {
				t++;
				continue;
			}
			path = confdir_join(conf->files[file]->path, at.str + 1);
			idx = open_included(conf, path, at.str + 1, AT_FILE, st,
					    err);
			free(path);
			if (idx < 0 && *err)
				return -1;
			if (idx >= 0 && collect_file(conf, (size_t)idx, st, &add,
						     at.begin, at.end, err)) {
				free(add.v);
				return -1;
			}
			splice(fl, t, &add);
			t += add.nr;
		}
		if (!fl->nr) { /* every token was an empty @file */
			if (fl->owned)
				free(fl->v);
			memmove(fl, fl + 1,
				(line->nfields - f - 1) * sizeof(*fl));
			line->nfields--;
			f--; /* the next field is now at f */
		}
	}
	return 0;
}

static struct hba_entry *
new_entry(struct hba_conf *conf, size_t file, struct hba_line *line)
{
	struct hba_entry *e;

	ALLOC_GROW(conf->v, conf->nr + 1, conf->alloc);
	e = &conf->v[conf->nr++];
	memset(e, 0, sizeof(*e));
	e->src = conf->files[file];
	e->line = line->line;
	e->begin = line->begin;
	e->end = line->end;
	e->tokens = line;
	return e;
}

/* include_dir: each file GetConfFilesInDir chooses, in order. */
static char *
include_dir(struct hba_conf *conf, const char *dir, const char *written,
	    struct stack *st)
{
	char **names, *err = NULL;
	size_t n, i;

	if (confdir_list(dir, &names, &n)) {
		if (written[0] == '/' && errno == ENOENT) {
			conf->incomplete = 1;
			return NULL;
		}
		return xasprintf("could not open directory \"%s\"", dir);
	}
	for (i = 0; i < n && !err; i++) {
		long idx = open_included(conf, names[i], names[i], 0, st, &err);

		if (idx >= 0)
			read_lines(conf, (size_t)idx, st);
	}
	confdir_free(names, n);
	return err;
}

/* Handles an include record; returns 1 when line was one. */
static int
include_record(struct hba_conf *conf, size_t file, struct hba_line *line,
	       struct stack *st)
{
	const char *kw, *target;
	char *path, *err = NULL;
	long idx;

	if (conf->version < 16 || line->nfields != 2)
		return 0;
	kw = line->fields[0].v[0].str;
	if (strcmp(kw, "include") && strcmp(kw, "include_if_exists") &&
	    strcmp(kw, "include_dir"))
		return 0;
	target = line->fields[1].v[0].str;
	path = confdir_join(conf->files[file]->path, target);
	if (!strcmp(kw, "include_dir"))
		err = include_dir(conf, path, target, st);
	else {
		idx = open_included(conf, path, target, kw[7] == '_', st, &err);
		if (idx >= 0)
			read_lines(conf, (size_t)idx, st);
	}
	free(path);
	if (err) {
		struct hba_entry *e = new_entry(conf, file, line);

		e->error = err;
		e->err_begin = line->fields[1].v[0].begin;
		e->err_end = line->fields[1].v[0].end;
	}
	return 1;
}

static void
read_lines(struct hba_conf *conf, size_t file, struct stack *st)
{
	size_t i;

	st->rp[st->depth++] = conf->realpaths[file];
	for (i = 0; i < conf->lines[file].nr; i++) {
		/* Each file's lines stay put when conf->lines grows. */
		struct hba_line *line = &conf->lines[file].v[i];
		struct hba_entry *e;
		char *err = NULL;

		if (expand_line(conf, file, line, st, &err)) {
			e = new_entry(conf, file, line);
			e->error = err;
			e->err_begin = line->begin;
			e->err_end = line->end;
			continue;
		}
		/* Emptied by @files: tokenize_auth_file keeps no line
		 * without fields. */
		if (!line->nfields)
			continue;
		if (include_record(conf, file, line, st))
			continue;
		e = new_entry(conf, file, line);
		if (hba_record_parse(line, conf->version, &e->rec, &e->error,
				     &e->err_begin, &e->err_end))
			hba_record_release(&e->rec);
	}
	st->depth--;
}

void
hba_conf_load(struct hba_conf *conf, struct source *root, int version)
{
	struct stack st;
	size_t i;

	memset(conf, 0, sizeof(*conf));
	memset(&st, 0, sizeof(st));
	conf->version = version;
	conf->index = hba_index_new();
	i = add_file(conf, root);
	/* a record per line, mostly: no array of records copied as it grows */
	ALLOC_GROW(conf->v, conf->lines[i].nr, conf->alloc);
	read_lines(conf, i, &st);
}

size_t
hba_conf_records(const struct hba_conf *conf)
{
	size_t i, n = 0;

	for (i = 0; i < conf->nr; i++)
		n += !conf->v[i].error;
	return n;
}

void
hba_conf_release(struct hba_conf *conf)
{
	size_t i;

	for (i = 0; i < conf->nr; i++) {
		hba_record_release(&conf->v[i].rec);
		free(conf->v[i].error);
	}
	for (i = 0; i < conf->nfiles; i++) {
		hba_lines_release(&conf->lines[i]);
		source_release(conf->files[i]);
		free(conf->files[i]);
		free(conf->realpaths[i]);
	}
	free(conf->v);
	free(conf->files);
	free(conf->realpaths);
	free(conf->lines);
	hba_index_free(conf->index);
	memset(conf, 0, sizeof(*conf));
}
