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
#include "util/source.h"

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

/* What walk_paths asks of its caller. */
struct walk_hooks {
	/* whether a directory's entry is left out */
	int (*excluded)(void *arg, const char *path);
	/* NULL, or told of each file as soon as it is added (the last entry
	 * of w), so that work can start before the walk ends; nonzero
	 * takes it back out of w */
	int (*found)(void *arg, struct walk *w);
	void *arg;
};

/*
 * Expands paths into w, leaving out what hooks->excluded says of a
 * directory's entries. Problems (a path that does not exist, an
 * unreadable directory) go to diags as errors. Free with walk_release.
 */
void walk_paths(const char *const *paths, size_t npaths,
		const struct walk_hooks *hooks, enum file_kind stdin_kind,
		struct walk *w, struct diags *diags);
void walk_release(struct walk *w);

#endif
