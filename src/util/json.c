/* SPDX-License-Identifier: MIT */
/* json.c — streaming JSON writer with UTF-8 validation. */
#include "json.h"

#include <string.h>

#include "utf8.h"

void
jw_init(struct json *j, struct buf *out, int pretty)
{
	j->out = out;
	j->depth = 0;
	j->first[0] = 1;
	j->after_key = 0;
	j->pretty = pretty;
}

static void
json_newline(struct json *j)
{
	int i;

	if (!j->pretty)
		return;
	buf_addch(j->out, '\n');
	for (i = 0; i < j->depth; i++)
		buf_adds(j->out, "  ");
}

/* Comma and indentation before a key, or before a value in an array. */
static void
json_sep(struct json *j)
{
	if (!j->first[j->depth])
		buf_addch(j->out, ',');
	j->first[j->depth] = 0;
	if (j->depth > 0)
		json_newline(j);
}

static void
json_before_value(struct json *j)
{
	if (j->after_key)
		j->after_key = 0;
	else
		json_sep(j);
}

static void
json_open(struct json *j, char c)
{
	json_before_value(j);
	buf_addch(j->out, c);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = 1;
}

static void
json_close(struct json *j, char c)
{
	int empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		json_newline(j);
	buf_addch(j->out, c);
}

void
jw_object_begin(struct json *j)
{
	json_open(j, '{');
}

void
jw_object_end(struct json *j)
{
	json_close(j, '}');
}

void
jw_array_begin(struct json *j)
{
	json_open(j, '[');
}

void
jw_array_end(struct json *j)
{
	json_close(j, ']');
}

void
jw_escape(struct buf *b, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n;

		if (c == '"' || c == '\\') {
			buf_addch(b, '\\');
			buf_addch(b, (char)c);
			i++;
		} else if (c == '\n') {
			buf_adds(b, "\\n");
			i++;
		} else if (c == '\r') {
			buf_adds(b, "\\r");
			i++;
		} else if (c == '\t') {
			buf_adds(b, "\\t");
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			buf_addf(b, "\\u%04x", c);
			i++;
		} else if (c < 0x80) {
			buf_addch(b, (char)c);
			i++;
		} else if ((n = utf8_valid_seq(s + i, len - i)) > 0) {
			buf_add(b, s + i, n);
			i += n;
		} else {
			buf_adds(b, "\\ufffd");
			i++;
		}
	}
}

void
jw_string_len(struct json *j, const char *s, size_t len)
{
	json_before_value(j);
	buf_addch(j->out, '"');
	jw_escape(j->out, s, len);
	buf_addch(j->out, '"');
}

void
jw_string(struct json *j, const char *s)
{
	jw_string_len(j, s, strlen(s));
}

void
jw_key(struct json *j, const char *key)
{
	json_sep(j);
	buf_addch(j->out, '"');
	jw_escape(j->out, key, strlen(key));
	buf_adds(j->out, j->pretty ? "\": " : "\":");
	j->after_key = 1;
}

void
jw_raw(struct json *j, const char *text)
{
	json_before_value(j);
	buf_adds(j->out, text);
}

void
jw_int(struct json *j, long long v)
{
	json_before_value(j);
	buf_addf(j->out, "%lld", v);
}

void
jw_bool(struct json *j, int v)
{
	jw_raw(j, v ? "true" : "false");
}

void
jw_null(struct json *j)
{
	jw_raw(j, "null");
}

void
jw_kv_string(struct json *j, const char *key, const char *s)
{
	jw_key(j, key);
	jw_string(j, s);
}

void
jw_kv_int(struct json *j, const char *key, long long v)
{
	jw_key(j, key);
	jw_int(j, v);
}
