/* SPDX-License-Identifier: MIT */
/*
 * finding.h — one reported problem, and the list a run collects.
 *
 * A finding copies what reporters need (path, positions, the source line)
 * so that the source it came from can be freed as soon as its file is
 * done: memory stays bounded by the largest file plus the findings.
 */
#ifndef PGT_FINDING_H
#define PGT_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "rules/rule.h"
#include "util/source.h"

/* A safe rewrite: replace bytes [begin, end) of the file with text. */
struct fix {
	size_t begin, end;
	char *text;            /* owned */
	uint32_t line, col, end_col; /* 1-based bytes */
	uint32_t col16, end_col16;   /* the same in UTF-16 units, for SARIF */
	enum file_kind kind;	     /* the format the file was read as */
	int from_stdin;		     /* the file is standard input's text */
	uint64_t text_hash; /* of the whole text the fix was made for */
};

struct finding {
	const struct rule *rule; /* borrowed from the ruleset */
	enum severity severity;
	char *path;              /* owned; as the user named it */
	uint32_t line, col;      /* 1-based; col in bytes */
	uint32_t end_line, end_col; /* end_col is exclusive */
	uint32_t col16, end_col16;  /* col and end_col in UTF-16 code units */
	char *message;           /* owned; secrets already masked */
	char *snippet;		    /* owned; line `line`, secrets masked */
	size_t snippet_col, snippet_end; /* the span in snippet, 0-based */
	int masked;              /* snippet and message are fit to print */
	struct fix *fix;         /* owned or NULL */
};

struct findings {
	struct finding *v; /* owned */
	size_t nr, alloc;
};

/*
 * Places f at src[begin..end) (a span never crosses its first line):
 * fills line, columns and the snippet (not masked yet); leaves the rest
 * alone.
 */
void finding_place(struct finding *f, const struct source *src, size_t begin,
		   size_t end);

/*
 * Masks the secrets of src (secrets.h) in f's snippet and message, moving
 * the snippet's columns with them. Findings are made unmasked, and masked
 * once their file has been analysed (findings_mask), so that the secrets
 * of a file are looked for after its scanners let their tokens go: one
 * file's tokens are held at a time.
 */
void finding_mask(struct finding *f, const struct source *src);

/* finding_mask for each finding of fs from index from on that src holds
 * (by path). Call before src is released. */
void findings_mask(struct findings *fs, size_t from, const struct source *src);

/*
 * Adds a finding of rule for src[begin..end) with the rule's severity.
 * Takes ownership of message (masked later: findings_mask). Returns the finding (valid until the next
 * add) so the caller may adjust its severity.
 */
struct finding *findings_add(struct findings *fs, const struct rule *rule,
			     const struct source *src, size_t begin, size_t end,
			     char *message);

/*
 * A fingerprint that survives line moves and unrelated edits: the rule,
 * the file and the text of the finding's line with blanks removed. Equal
 * lines give equal fingerprints; callers count repeats.
 */
uint64_t finding_fingerprint(const struct finding *f);

/* Attaches a fix replacing src[begin..end) with text (copied). */
void finding_set_fix(struct finding *f, const struct source *src, size_t begin,
		     size_t end, const char *text);

/* Frees what one finding owns. */
void finding_release(struct finding *f);

/* Drops (and frees) each finding for which drop(f, arg) is true, keeping
 * the order of the rest; returns how many went. */
size_t findings_drop_if(struct findings *fs,
			int (*drop)(const struct finding *f, void *arg),
			void *arg);

/* Sorts by (path, line, col, rule id, message) for deterministic output
 * and removes exact duplicates. */
void findings_sort(struct findings *fs);
void findings_release(struct findings *fs);

#endif
