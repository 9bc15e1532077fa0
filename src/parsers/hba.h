/* SPDX-License-Identifier: MIT */
/*
 * hba.h — tokenize pg_hba.conf text into logical lines of fields of tokens,
 * as tokenize_auth_file() and next_token() in src/backend/libpq/hba.c do.
 *
 * It does NOT expand @file tokens or follow include directives (the caller
 * does, model/hba_conf.c) and does NOT judge the fields (hba_record.c).
 */
#ifndef PGT_HBA_H
#define PGT_HBA_H

#include <stddef.h>
#include <stdint.h>

struct hba_token {
	const char *str;   /* borrowed from its file's hba_lines.strings;
			      quotes removed, "" undone */
	int quoted;        /* a quote came before the first character
			      (keywords lose their meaning; @ is literal) */
	size_t begin, end; /* source offsets of the token as written */
};

/* One field: a comma-separated list of tokens. */
struct hba_field {
	struct hba_token *v; /* borrowed from hba_lines.tokens; owned (and
				growable, alloc) once an @file expanded it */
	size_t nr, alloc;
	int owned;
};

struct hba_line {
	struct hba_field *fields; /* borrowed from hba_lines.fields */
	size_t nfields;
	uint32_t line;	   /* the number PostgreSQL gives the record:
			      its first physical line, unless a NUL
			      byte made it skip one before */
	size_t begin, end;        /* source offsets of the logical line */
};

/* A file's lines; every token, field and string of it in three arrays,
 * so that a file of a hundred thousand records is a handful of
 * allocations. */
struct hba_lines {
	struct hba_line *v; /* owned; lines with no field are left out */
	size_t nr, alloc;
	struct hba_field *fields; /* owned */
	struct hba_token *tokens; /* owned */
	char *strings;            /* owned; each token's, NUL-ended */
};

/*
 * Tokenizes text[0..len): lines ending in a backslash continue on the next
 * line; '#' outside quotes starts a comment; blanks are space, tab and CR;
 * a NUL byte drops what PostgreSQL's fgets-based reader drops (the rest
 * of that read, so often the line end: the next line joins this one);
 * line numbers are the ones PostgreSQL reports.
 * Never fails. Free with hba_lines_release.
 */
void hba_tokenize(const char *text, size_t len, struct hba_lines *out);
void hba_lines_release(struct hba_lines *l);

#endif
