/* SPDX-License-Identifier: MIT */
/* value.c — values built from parts, with provenance (see value.h). */
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"

void
value_init(struct value *v)
{
	memset(v, 0, sizeof(*v));
	buf_init(&v->text);
}

void
value_release(struct value *v)
{
	buf_release(&v->text);
	free(v->v);
	memset(v, 0, sizeof(*v));
}

static struct value_seg *
add_seg(struct value *v, size_t n, size_t ref, size_t from,
	enum value_origin o)
{
	struct value_seg *s;

	ALLOC_GROW(v->v, v->nr + 1, v->alloc);
	s = &v->v[v->nr++];
	memset(s, 0, sizeof(*s));
	s->at = v->text.len;
	s->len = n;
	s->ref = ref;
	s->from = from;
	s->origin = o;
	return s;
}

void
value_add(struct value *v, const char *bytes, size_t n, size_t ref,
	  size_t from, int linear, enum value_origin o)
{
	if (!n)
		return;
	add_seg(v, n, ref, from, o)->linear = linear;
	buf_add(&v->text, bytes, n);
}

void
value_add_unknown(struct value *v, size_t ref, size_t from)
{
	if (v->text.len && v->text.ptr[v->text.len - 1] == VALUE_UNKNOWN)
		return;
	add_seg(v, 1, ref, from, ORIGIN_UNKNOWN);
	buf_addch(&v->text, VALUE_UNKNOWN);
}

/* The index of the first segment ending after byte k (segments are in
 * text order), or v->nr. */
static size_t
seg_after(const struct value *v, size_t k)
{
	size_t lo = 0, hi = v->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->v[mid].at + v->v[mid].len <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The segment holding byte k, or NULL. */
static const struct value_seg *
seg_at(const struct value *v, size_t k)
{
	size_t i = seg_after(v, k);

	return i < v->nr && v->v[i].at <= k ? &v->v[i] : NULL;
}

size_t
value_offset(void *arg, size_t k)
{
	const struct value *v = arg;
	const struct value_seg *s = seg_at(v, k);
	size_t off;

	if (!s && k && k == v->text.len && v->nr &&
	    v->v[v->nr - 1].at + v->v[v->nr - 1].len == k)
		return value_offset(arg, k - 1) + 1; /* just past the end */
	if (!s)
		return v->fallback ? v->fallback(v->fallback_arg, k) : 0;
	off = s->linear ? s->from + (k - s->at) : s->from;
	return v->locate ? v->locate(v->locate_arg, s->ref, off) : off;
}

enum value_origin
value_origin_of(const struct value *v, size_t b, size_t e)
{
	enum value_origin o = ORIGIN_LITERAL;
	size_t i;

	if (value_has_unknown(v->text.ptr + b, e - b))
		return ORIGIN_UNKNOWN;
	for (i = seg_after(v, b); i < v->nr && v->v[i].at < e; i++)
		if (v->v[i].origin > o)
			o = v->v[i].origin;
	return o;
}

int
value_has_unknown(const char *s, size_t n)
{
	return n && memchr(s, VALUE_UNKNOWN, n) != NULL;
}
