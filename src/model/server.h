/* SPDX-License-Identifier: MIT */
/*
 * server.h — the effective configuration of one server: a root
 * postgresql.conf with everything it includes, then postgresql.auto.conf
 * beside it, applied in PostgreSQL's order (the last assignment wins).
 *
 * It does NOT judge anything: rules read the settings and the problems.
 */
#ifndef PGT_SERVER_H
#define PGT_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "../parsers/pgconf.h"
#include "../util/source.h"
#include "guc.h"

/* ParseConfigFile's CONF_FILE_MAX_DEPTH (src/include/utils/conffiles.h). */
#define SERVER_MAX_INCLUDE_DEPTH 10

struct setting {
	const char *name;          /* borrowed from parsed; lowercase */
	const char *value;         /* borrowed from parsed; as PostgreSQL
				      reads it */
	size_t value_len;
	const char *canonical;     /* borrowed: static table or value; NULL
				      when PostgreSQL rejects the value */
	const struct guc_def *def; /* borrowed; NULL for untyped names */
	const struct source *src;  /* borrowed from server_config.files */
	size_t begin, end;         /* the value as written */
	size_t name_begin, name_end; /* the name as written */
	uint32_t line;
	const char *refused;       /* static: why PostgreSQL refuses this
				      line (an unknown name, a value it
				      cannot parse), or NULL */
	int overridden;            /* a later assignment of the same name
				      wins (such settings are dropped as the
				      load goes: none is left after it) */
};

enum server_problem_kind {
	PROBLEM_SYNTAX,  /* a line PostgreSQL cannot parse */
	PROBLEM_VALUE,   /* a value PostgreSQL rejects for a typed setting */
	PROBLEM_NAME,    /* a name the release does not know */
	PROBLEM_INCLUDE  /* a missing include, a cycle, too deep */
};

struct server_problem {
	enum server_problem_kind kind;
	const struct source *src;  /* borrowed */
	size_t begin, end;
	uint32_t line;
	char *message;             /* owned */
};

struct server_config {
	struct source **files;     /* owned, each owned; files[0] is the root */
	size_t nfiles, files_alloc;
	char **realpaths;          /* owned; realpath of each file, or NULL */
	struct pgconf_file *parsed; /* owned; each file's items, parsed once
				       however often it is included */
	struct setting *v;         /* owned; the effective assignments, in
				      reading order */
	size_t nr, alloc;
	struct server_problem *problems; /* owned; in reading order */
	size_t nproblems, problems_alloc;
	int incomplete; /* an include could not be read (an absolute path
			   that is not on this machine): absences unknown */
	int version;    /* PostgreSQL major version judged */
};

/*
 * Reads root (already loaded into *root, whose ownership passes to cfg)
 * and follows its includes; with_auto also applies postgresql.auto.conf
 * from the root's directory. Never fails: unreadable includes become
 * problems. Free with server_config_release.
 */
void server_config_load(struct server_config *cfg, struct source *root,
			int version, int with_auto);
void server_config_release(struct server_config *cfg);

/* The effective (last) assignment of name, or NULL when never set. */
const struct setting *server_config_get(const struct server_config *cfg,
					const char *name);

/*
 * The effective canonical value of name: the last assignment's, or the
 * boot default of a typed setting, or NULL (unset untyped setting, or
 * a value PostgreSQL rejects).
 */
const char *server_config_value(const struct server_config *cfg,
				const char *name);

/*
 * A boolean setting as the server sees it: 1 or 0, or -1 when unknown (a
 * rejected value, or unset while absences_known is false — a fragment, or
 * a root with an include we could not read).
 */
int server_config_bool(const struct server_config *cfg, const char *name,
		       int absences_known);

/* True when realpath rp is one of the files read. */
int server_config_has_file(const struct server_config *cfg, const char *rp);

#endif
