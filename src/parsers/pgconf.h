/* SPDX-License-Identifier: MIT */
/*
 * pgconf.h — parse one postgresql.conf-syntax file into items.
 *
 * Follows src/backend/utils/misc/guc-file.l (token classes) and its
 * ParseConfigFp() (one "name [=] value" per line, error recovery to the
 * next line, 100 errors per file at most). It does NOT follow includes or
 * decide which assignment wins: model/server.c does that.
 */
#ifndef PGT_PGCONF_H
#define PGT_PGCONF_H

#include <stddef.h>
#include <stdint.h>

enum pgconf_item_kind {
	PGCONF_SETTING,
	PGCONF_INCLUDE,           /* include 'file' */
	PGCONF_INCLUDE_IF_EXISTS, /* include_if_exists 'file' */
	PGCONF_INCLUDE_DIR,       /* include_dir 'dir' */
	PGCONF_ERROR              /* a line PostgreSQL rejects */
};

struct pgconf_item {
	enum pgconf_item_kind kind;
	char *name;         /* owned; lowercased (guc_name_compare folds case) */
	char *value;        /* owned; quotes stripped, escapes undone; NULL for
			       errors */
	size_t value_len;   /* bytes in value (a '\0' escape may end it early
			       for C strings, which PostgreSQL also does) */
	int quoted;         /* value was a quoted string */
	size_t begin, end;  /* offsets of the value token, or of the error */
	size_t name_begin, name_end; /* offsets of the name token */
	uint32_t line;      /* the line PostgreSQL reports (sourceline) */
	char *error;        /* owned; for PGCONF_ERROR: PostgreSQL's reason */
};

struct pgconf_file {
	struct pgconf_item *v; /* owned */
	size_t nr, alloc;
	int abandoned;         /* stopped after too many syntax errors */
};

/*
 * Parses text[0..len) into out (initialised by the call). Never fails:
 * malformed lines become PGCONF_ERROR items. Free with pgconf_release.
 */
void pgconf_parse(const char *text, size_t len, struct pgconf_file *out);
void pgconf_release(struct pgconf_file *f);

/*
 * Undoes quoting as PostgreSQL's DeescapeQuotedString does: tok is the
 * whole token including both quotes. Returns a malloc'd string; *outlen
 * receives its length.
 */
char *pgconf_unquote(const char *tok, size_t len, size_t *outlen);

#endif
