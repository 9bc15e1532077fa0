/* SPDX-License-Identifier: MIT */
/* document.c — open documents and their text. */
#include "document.h"

#include <stdlib.h>
#include <string.h>

#include "../util/scan.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"
#include "../walk.h"

/* RFC 8089: file:///path, or file://localhost/path; the path's bytes
 * percent-encoded (RFC 3986 2.1). A NUL byte cannot be in a path. */
char *
lsp_uri_to_path(const char *uri)
{
	const char *p;
	struct buf out = BUF_INIT;

	if (strncmp(uri, "file://", 7))
		return NULL;
	p = uri + 7;
	if (!strncmp(p, "localhost/", 10))
		p += 9;
	if (*p != '/')
		return NULL;
	for (; *p && *p != '?' && *p != '#'; p++) {
		int hi, lo;

		if (*p != '%') {
			buf_addch(&out, *p);
			continue;
		}
		hi = scan_hexval(p[1]);
		lo = hi < 0 ? -1 : scan_hexval(p[2]);
		if (lo < 0 || (hi == 0 && lo == 0)) {
			buf_release(&out);
			return NULL;
		}
		buf_addch(&out, (char)(hi << 4 | lo));
		p += 2;
	}
	return buf_detach(&out);
}

/* The protocol's line ends: "\n", "\r\n" and "\r". */
static size_t
line_end_len(const char *text, size_t len, size_t i)
{
	if (text[i] == '\n')
		return 1;
	if (text[i] == '\r')
		return i + 1 < len && text[i + 1] == '\n' ? 2 : 1;
	return 0;
}

size_t
lsp_offset_of(const char *text, size_t len, struct lsp_pos pos)
{
	size_t i = 0, units = 0, eol;
	uint32_t line = 0;

	while (line < pos.line) {
		if (i == len)
			return len;
		eol = line_end_len(text, len, i);
		i += eol ? eol : 1;
		line += eol != 0;
	}
	while (i < len && units < pos.character &&
	       !line_end_len(text, len, i)) {
		size_t n = utf8_valid_seq(text + i, len - i);

		/* an invalid byte is one unit, as its replacement would be */
		units += n == 4 ? 2 : 1;
		i += n ? n : 1;
	}
	return i;
}

struct lsp_pos
lsp_pos_of(const char *text, size_t len, size_t at)
{
	struct lsp_pos pos = {0, 0};
	size_t i = 0, eol;

	if (at > len)
		at = len;
	while (i < at) {
		eol = line_end_len(text, len, i);
		if (eol) {
			if (i + eol > at)
				break; /* between a CR and its LF */
			i += eol;
			pos.line++;
			pos.character = 0;
			continue;
		}
		eol = utf8_valid_seq(text + i, len - i);
		pos.character += eol == 4 ? 2 : 1;
		i += eol ? eol : 1;
	}
	return pos;
}

struct lsp_doc *
lsp_docs_find(const struct lsp_docs *d, const char *uri)
{
	size_t i;

	for (i = 0; i < d->nr; i++)
		if (!strcmp(d->v[i]->uri, uri))
			return d->v[i];
	return NULL;
}

struct lsp_doc *
lsp_docs_open(struct lsp_docs *d, const char *uri, const char *text, size_t len,
	      long long version)
{
	struct lsp_doc *doc = lsp_docs_find(d, uri);

	if (!doc) {
		doc = xcalloc(1, sizeof(*doc));
		doc->uri = xstrdup(uri);
		doc->path = lsp_uri_to_path(uri);
		doc->kind = doc->path ? walk_classify(doc->path) : FILE_NONE;
		buf_init(&doc->text);
		ALLOC_GROW(d->v, d->nr + 1, d->alloc);
		d->v[d->nr++] = doc;
	}
	buf_reset(&doc->text);
	buf_add(&doc->text, text, len);
	doc->version = version;
	doc->dirty = 1;
	return doc;
}

void
lsp_published_release(struct lsp_published *p)
{
	free(p->rule_id);
	free(p->message);
	free(p->href);
	free(p->fix_text);
}

void
lsp_doc_set_published(struct lsp_doc *doc, struct lsp_published *v, size_t n)
{
	size_t i;

	for (i = 0; i < doc->npublished; i++)
		lsp_published_release(&doc->published[i]);
	free(doc->published);
	doc->published = v;
	doc->npublished = n;
}

static void
doc_free(struct lsp_doc *doc)
{
	lsp_doc_set_published(doc, NULL, 0);
	free(doc->uri);
	free(doc->path);
	buf_release(&doc->text);
	free(doc);
}

void
lsp_docs_close(struct lsp_docs *d, const char *uri)
{
	size_t i;

	for (i = 0; i < d->nr; i++)
		if (!strcmp(d->v[i]->uri, uri)) {
			doc_free(d->v[i]);
			memmove(&d->v[i], &d->v[i + 1],
				(d->nr - i - 1) * sizeof(*d->v));
			d->nr--;
			return;
		}
}

void
lsp_docs_release(struct lsp_docs *d)
{
	size_t i;

	for (i = 0; i < d->nr; i++)
		doc_free(d->v[i]);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

void
lsp_doc_change(struct lsp_doc *doc, int whole, struct lsp_pos start,
	       struct lsp_pos end, const char *text, size_t len)
{
	struct buf next = BUF_INIT;
	size_t b, e;

	doc->dirty = 1;
	if (whole) {
		buf_reset(&doc->text);
		buf_add(&doc->text, text, len);
		return;
	}
	b = lsp_offset_of(doc->text.ptr, doc->text.len, start);
	e = lsp_offset_of(doc->text.ptr, doc->text.len, end);
	if (e < b) {
		size_t t = b;

		b = e;
		e = t;
	}
	buf_add(&next, doc->text.ptr, b);
	buf_add(&next, text, len);
	buf_add(&next, doc->text.ptr + e, doc->text.len - e);
	buf_release(&doc->text);
	doc->text = next;
}
