/* SPDX-License-Identifier: MIT */
/*
 * hba_conf.h — a pg_hba.conf with everything it pulls in: @file lists and
 * (PostgreSQL 16+) include, include_if_exists and include_dir records, as
 * the records PostgreSQL matches, in order.
 *
 * It does NOT judge the records: model/hba_model.c reasons about matching,
 * rules/checks_hba.c reports.
 */
#ifndef PGT_HBA_CONF_H
#define PGT_HBA_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "../parsers/hba.h"
#include "../parsers/hba_record.h"
#include "../util/source.h"

#define HBA_MAX_INCLUDE_DEPTH 10 /* CONF_FILE_MAX_DEPTH */

struct hba_index;

struct hba_entry {
	const struct source *src; /* borrowed from hba_conf.files */
	uint32_t line;
	size_t begin, end;        /* the logical line */
	struct hba_line *tokens;  /* borrowed from hba_conf */
	struct hba_record rec;    /* valid when !error */
	char *error;              /* owned; why PostgreSQL rejects it */
	size_t err_begin, err_end;
};

struct hba_conf {
	struct source **files;   /* owned, each owned; files[0] is the root */
	char **realpaths;        /* owned, each owned or NULL */
	struct hba_lines *lines; /* owned; the tokens of each file */
	size_t nfiles, files_alloc;
	struct hba_entry *v;     /* owned; records and errors, in order */
	size_t nr, alloc;
	int incomplete;          /* an include named a file not on this
				    machine (an absolute path) */
	int version;
	struct hba_index *index; /* owned; built on first use (hba_model.c) */
};

/*
 * Reads root (ownership passes to conf) and what it includes, judging each
 * record for PostgreSQL major version. Never fails: problems are entries
 * with an error. Free with hba_conf_release.
 */
void hba_conf_load(struct hba_conf *conf, struct source *root, int version);
void hba_conf_release(struct hba_conf *conf);

/* Number of entries that are valid records. */
size_t hba_conf_records(const struct hba_conf *conf);

#endif
