/* SPDX-License-Identifier: MIT */
/*
 * walk.h — expand the paths given into the files to read, classified by
 * name, in a deterministic order (directories sorted by strcmp).
 *
 * Recursion skips .git, node_modules, vendor, what --exclude names, and
 * symbolic links (a link named on the command line is followed).
 */
#ifndef PGT_WALK_H
#define PGT_WALK_H

#include <stddef.h>

#include "diag.h"

enum file_kind {
	FILE_NONE,        /* not a format we read */
	FILE_PGCONF_ROOT, /* postgresql.conf: a whole server configuration */
	FILE_PGCONF_PART, /* another *.conf: a fragment, if it parses as one */
	FILE_HBA,         /* pg_hba.conf, *hba*.conf */
	FILE_ENV,         /* .env, .env.*, *.env */
	FILE_DOCKERFILE,  /* Dockerfile, Dockerfile.*, *.dockerfile */
	FILE_PROPERTIES,  /* *.properties */
	FILE_YAML,        /* *.yml, *.yaml */
	FILE_SHELL,       /* *.sh, *.bash */
	FILE_SERVICE,     /* pg_service.conf, .pg_service.conf */
	FILE_JS,          /* source code from here on: *.js, *.mjs, *.cjs, *.jsx, *.ts, *.mts, *.cts, *.tsx */
	FILE_GO,          /* *.go */
	FILE_PY,          /* *.py */
	FILE_JAVA,        /* *.java */
	FILE__COUNT
};

/* Names for --stdin-type, indexed by enum file_kind (NULL: not one). */
extern const char *const file_kind_names[FILE__COUNT];

struct walk_entry {
	char *path; /* owned */
	enum file_kind kind;
	int explicit_arg; /* named on the command line */
};

struct walk {
	struct walk_entry *v; /* owned */
	size_t nr, alloc;
};

/* The kind called name (--stdin-type), or FILE_NONE. */
enum file_kind walk_kind_named(const char *name);

/* The kind of a file from its name alone. */
enum file_kind walk_classify(const char *path);

/*
 * Expands paths into w, leaving out what excluded(arg, path) says of a
 * directory's entries. Problems (a path that does not exist, an
 * unreadable directory) go to diags as errors. Free with walk_release.
 */
void walk_paths(const char *const *paths, size_t npaths,
		int (*excluded)(void *arg, const char *path), void *arg,
		enum file_kind stdin_kind, struct walk *w,
		struct diags *diags);
void walk_release(struct walk *w);

#endif
