/* SPDX-License-Identifier: MIT */
/*
 * json.h — a small streaming JSON writer into a buf (jw_: the json_
 * names are jansson's, the language server's reader).
 *
 * It tracks nesting to place commas; strings are escaped per RFC 8259 and
 * bytes that are not valid UTF-8 become U+FFFD, so the output is always
 * valid JSON whatever the input file held.
 */
#ifndef PGT_JSON_H
#define PGT_JSON_H

#include <stddef.h>
#include "buf.h"

#define JSON_MAX_DEPTH 32

struct json {
	struct buf *out;   /* borrowed */
	int depth;
	unsigned char first[JSON_MAX_DEPTH]; /* nothing written yet at level */
	int after_key; /* a key was written; the next value belongs to it */
	int pretty;
};

void jw_init(struct json *j, struct buf *out, int pretty);
void jw_object_begin(struct json *j);
void jw_object_end(struct json *j);
void jw_array_begin(struct json *j);
void jw_array_end(struct json *j);
/* Writes a member key; the next value call writes its value. */
void jw_key(struct json *j, const char *key);
void jw_string(struct json *j, const char *s);
void jw_string_len(struct json *j, const char *s, size_t len);
void jw_int(struct json *j, long long v);
void jw_bool(struct json *j, int v);
void jw_null(struct json *j);
/* Raw JSON text (already valid), e.g. a number with a fixed format. */
void jw_raw(struct json *j, const char *text);

/* Shorthands for "key": value members. */
void jw_kv_string(struct json *j, const char *key, const char *s);
void jw_kv_int(struct json *j, const char *key, long long v);

/* Appends s escaped as JSON string contents (no quotes). */
void jw_escape(struct buf *b, const char *s, size_t len);

#endif
