/* SPDX-License-Identifier: MIT */
/*
 * confdir.h — the files an include_dir reads, as PostgreSQL's
 * GetConfFilesInDir chooses them (src/backend/utils/misc/conffiles.c):
 * names ending in ".conf", at least 6 bytes long, not starting with ".",
 * not directories, in strcmp order; and where an include's file is.
 * Shared by postgresql.conf and pg_hba.conf includes.
 */
#ifndef PGT_CONFDIR_H
#define PGT_CONFDIR_H

#include <stddef.h>

/*
 * Lists dir. Returns 0 with *paths ("dir/name", owned, each owned) and
 * *n; or -1 with errno from opendir. Free with confdir_free.
 */
int confdir_list(const char *dir, char ***paths, size_t *n);
void confdir_free(char **paths, size_t n);

/*
 * The file an include names: target as it is when absolute, else relative
 * to the directory of the including file (AbsoluteConfigLocation, and
 * hba.c's tokenize_expand_file), made canonical as canonicalize_path does
 * (src/port/path.c: no "." components, "x/.." removed, no doubled or
 * trailing slashes), so that paths stay short in every message. Returns a
 * malloc'd string.
 */
char *confdir_join(const char *including, const char *target);

#endif
