/* SPDX-License-Identifier: MIT */
/*
 * document.h — the documents an editor has open: their text as the editor
 * holds it (never the file on disk), kept up to date through full and
 * incremental changes, and what was last reported on each.
 */
#ifndef PGT_LSP_DOCUMENT_H
#define PGT_LSP_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"
#include "../util/source.h"

/* A position as the protocol counts it: 0-based line, and UTF-16 code
 * units into the line (the default positionEncoding). */
struct lsp_pos {
	uint32_t line, character;
};

/* One finding as it was published, for code actions and hover. */
struct lsp_published {
	char *rule_id; /* owned */
	char *message; /* owned; masked */
	char *href;    /* owned or NULL: the rule's documentation */
	int severity;  /* the protocol's: 1 error, 2 warning, 3 information */
	struct lsp_pos start, end;
	char *fix_text; /* owned or NULL: the safe rewrite of fix_start..end */
	struct lsp_pos fix_start, fix_end;
};

struct lsp_doc {
	char *uri;	     /* owned; as the client spelt it */
	char *path;	     /* owned; the file a file: URI names, or NULL */
	enum file_kind kind; /* what pgtlslint reads it as (FILE_NONE: not) */
	struct buf text;
	long long version;
	int dirty;			 /* changed since last linted */
	struct lsp_published *published; /* owned */
	size_t npublished;
};

struct lsp_docs {
	struct lsp_doc **v; /* owned, each owned */
	size_t nr, alloc;
};

/* The path a file: URI names (percent-decoded), or NULL for another
 * scheme or a malformed URI. Caller frees. */
char *lsp_uri_to_path(const char *uri);

/* The byte offset of pos in text, clamped as the protocol says: past a
 * line's end is its end, past the last line is the text's end. */
size_t lsp_offset_of(const char *text, size_t len, struct lsp_pos pos);

/* The position of byte offset at in text (the inverse of
 * lsp_offset_of). */
struct lsp_pos lsp_pos_of(const char *text, size_t len, size_t at);

/* Opens (or reopens) uri with text; returns the document. */
struct lsp_doc *lsp_docs_open(struct lsp_docs *d, const char *uri,
			      const char *text, size_t len, long long version);
struct lsp_doc *lsp_docs_find(const struct lsp_docs *d, const char *uri);
void lsp_docs_close(struct lsp_docs *d, const char *uri);
void lsp_docs_release(struct lsp_docs *d);

/* Replaces the text between start and end (a range change), or all of it
 * (whole != 0), with text[0..len). */
void lsp_doc_change(struct lsp_doc *doc, int whole, struct lsp_pos start,
		    struct lsp_pos end, const char *text, size_t len);

/* Replaces what was published on doc; takes the array. */
void lsp_doc_set_published(struct lsp_doc *doc, struct lsp_published *v,
			   size_t n);
void lsp_published_release(struct lsp_published *p);

#endif
