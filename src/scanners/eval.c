/* SPDX-License-Identifier: MIT */
/*
 * eval.c — source expressions as values with provenance (see eval.h).
 *
 * Format strings follow their language's documentation:
 * - Go fmt (https://pkg.go.dev/fmt): %[flags][width][.prec]verb, %[n]verb
 *   picks argument n, %% is a percent sign;
 * - Python printf-style formatting (https://docs.python.org/3/library/
 *   stdtypes.html#printf-style-string-formatting): %(name)s takes a
 *   mapping key, %% a percent sign; str.format (https://docs.python.org/
 *   3/library/string.html#formatstrings): {} {0} {name}, {{ and }};
 * - Java java.util.Formatter (String.format, String.formatted):
 *   %[index$][flags][width][.prec]conversion, %n a line separator.
 * An argument whose value we see whole takes the directive's place as
 * written (a number or a string: %s %d %v %i %u); anything else there is
 * a hole.
 */
#include "eval.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../model/template.h"
#include "../util/xalloc.h"
#include "scan_common.h"

/* --- tokens --------------------------------------------------------- */

static int
closer(const struct tokens *ts, size_t i)
{
	return tok_punct(ts, i, ')') || tok_punct(ts, i, ']') ||
	       tok_punct(ts, i, '}');
}

int
eval_all_unknown(struct eval *ev, size_t i, int blanks_unseen)
{
	struct value v;
	size_t k;
	int none = 1;

	value_init(&v);
	eval_expr(ev, i, &v);
	for (k = 0; k < v.text.len; k++)
		none &= v.text.ptr[k] == VALUE_UNKNOWN ||
			(blanks_unseen && v.text.ptr[k] == ' ');
	value_release(&v);
	return none;
}

size_t
eval_expr_end(const struct tokens *ts, size_t i)
{
	size_t start = i;

	for (; i < ts->nr && tok_kind(ts, i) != TOK_EOF; i++) {
		if (tok_match(ts, i)) {
			i = tok_match(ts, i);
			continue;
		}
		if (closer(ts, i) || tok_punct(ts, i, ',') ||
		    tok_punct(ts, i, ';'))
			return i;
		if (i > start && tok_kind(ts, i - 1) != TOK_PUNCT &&
		    tok_kind(ts, i) != TOK_PUNCT &&
		    memchr(ts->src->text + tok_end(ts, i - 1), '\n',
			   tok_begin(ts, i) - tok_end(ts, i - 1)) &&
		    !(tok_kind(ts, i) == TOK_STRING &&
		      tok_kind(ts, i - 1) == TOK_STRING))
			return i;
	}
	return i;
}

/* The end (exclusive) of the operand starting at token i: names joined
 * by "." with their calls and indexes (os.Getenv("X"), a.b[0].c()), a
 * Java or JS "new" expression; at least one token. */
static size_t
operand_end(const struct tokens *ts, size_t i)
{
	size_t start = i;

	if (tok_is(ts, i, "new") || tok_is(ts, i, "await"))
		i++;
	if (i >= ts->nr ||
	    (tok_kind(ts, i) != TOK_IDENT && tok_kind(ts, i) != TOK_NUMBER))
		return start + 1;
	for (i++; i < ts->nr;) {
		if (tok_punct(ts, i, '.') && i + 1 < ts->nr &&
		    tok_kind(ts, i + 1) == TOK_IDENT)
			i += 2;
		else if ((tok_punct(ts, i, '(') || tok_punct(ts, i, '[')) &&
			 tok_match(ts, i))
			i = tok_match(ts, i) + 1;
		else
			break;
	}
	return i;
}

/* --- bindings ------------------------------------------------------- */

static int
binding_cmp(const void *a, const void *b)
{
	const struct eval_binding *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (!c && x->field != y->field)
		return x->field - y->field;
	return c ? c : (x->name > y->name) - (x->name < y->name);
}

/* The key of the name at token n: "qualifier.name" after a ".", else the
 * name (malloc'd). */
static char *
name_key(const struct tokens *ts, size_t n)
{
	const char *t = ts->src->text;

	if (n >= 2 && tok_punct(ts, n - 1, '.') &&
	    tok_kind(ts, n - 2) == TOK_IDENT)
		return xasprintf(
		    "%.*s.%.*s",
		    (int)(tok_end(ts, n - 2) - tok_begin(ts, n - 2)),
		    t + tok_begin(ts, n - 2),
		    (int)(tok_end(ts, n) - tok_begin(ts, n)),
		    t + tok_begin(ts, n));
	return xstrndup(t + tok_begin(ts, n),
			tok_end(ts, n) - tok_begin(ts, n));
}

/* The indentation of token n's line, or (size_t)-1 when n is not the
 * first token of its line. */
static size_t
line_indent(const struct tokens *ts, size_t n, int must_lead)
{
	const char *t = ts->src->text;
	size_t at = tok_begin(ts, n), k = at, first;

	while (k > 0 && t[k - 1] != '\n')
		k--;
	for (first = k; first < at && (t[first] == ' ' || t[first] == '\t');)
		first++;
	return must_lead && first != at ? (size_t)-1 : first - k;
}

static void
add_binding(struct eval *ev, size_t name, size_t expr, unsigned count)
{
	struct eval_binding *b;

	ALLOC_GROW(ev->v, ev->nr + 1, ev->alloc);
	b = &ev->v[ev->nr++];
	memset(b, 0, sizeof(*b));
	b->key = name_key(ev->ts, name);
	b->name = name;
	b->expr = expr;
	b->count = count;
}

/* Whether an "=" at token k binds a name (*name); *count: 1 for a
 * binding, 2 for a compound or tuple assignment (the name is then not a
 * constant). */
static int
bound_name(const struct tokens *ts, size_t k, size_t *name, unsigned *count,
	   int *append)
{
	size_t n = k - 1;

	*count = 1;
	*append = 0;
	if (k < 1 || tok_punct(ts, k + 1, '=') || tok_punct(ts, k + 1, '>'))
		return 0;
	if (tok_punct(ts, n, ':') && n >= 1 && tok_kind(ts, n - 1) == TOK_IDENT)
		n--; /* Go := */
	else if (tok_kind(ts, n) == TOK_PUNCT) {
		/* a += b, a |= b: not a constant; a == b, a <= b: no binding */
		if (n >= 1 &&
		    strchr("+-*/%|&^", ts->src->text[tok_begin(ts, n)]) &&
		    tok_kind(ts, n - 1) == TOK_IDENT) {
			*count = 2;
			*name = n - 1;
			*append = ts->src->text[tok_begin(ts, n)] == '+';
			return 1;
		}
		return 0;
	} else if (tok_kind(ts, n) != TOK_IDENT)
		return 0;
	else if (n >= 2 && tok_punct(ts, n - 1, ':') &&
		 tok_kind(ts, n - 2) == TOK_IDENT &&
		 (ts->lang == LEX_PY || ts->lang == LEX_JS ||
		  ts->lang == LEX_JSX))
		n -= 2; /* name: type = ... */
	else if (ts->lang == LEX_GO && n >= 2 &&
		 tok_kind(ts, n - 1) == TOK_IDENT &&
		 (tok_is(ts, n - 2, "var") || tok_is(ts, n - 2, "const")))
		n--; /* var name type = ... */
	if (n >= 1 && tok_punct(ts, n - 1, ','))
		*count = 2; /* a, b = ... */
	*name = n;
	return 1;
}

/*
 * @Value("...") before a field declaration ([modifiers] Type name;): the
 * field's name token, or 0. Spring injects the string's placeholder
 * (org.springframework.beans.factory.annotation.Value).
 */
static size_t
spring_value_field(const struct tokens *ts, size_t at)
{
	size_t k;

	if (!tok_is(ts, at + 1, "Value") || !tok_punct(ts, at + 2, '(') ||
	    tok_kind(ts, at + 3) != TOK_STRING || !tok_punct(ts, at + 4, ')'))
		return 0;
	for (k = at + 5; k < at + 12 && k + 1 < ts->nr; k++) {
		if (tok_punct(ts, k, ';'))
			return k > at + 6 && tok_kind(ts, k - 1) == TOK_IDENT
				   ? k - 1
				   : 0;
		if (tok_opens(ts, k) || tok_punct(ts, k, '='))
			return 0; /* a method's parameter, an initializer */
	}
	return 0;
}

/* Brackets around a binding: a statement's (none, a block) or a call's
 * (keyword arguments, annotations, for headers: no bindings). */
#define EVAL_MAX_NEST 256

void
eval_init(struct eval *ev, struct tokens *ts)
{
	char stack[EVAL_MAX_NEST];
	size_t depth = 0, k, i, j;
	unsigned count;
	int append;

	memset(ev, 0, sizeof(*ev));
	ev->ts = ts;
	ev->cached_tok = (size_t)-1;
	for (k = 0; k < ts->nr; k++) {
		if (tok_opens(ts, k)) {
			char c = ts->src->text[tok_begin(ts, k)];

			/* Go's const ( ... ) and var ( ... ) are blocks */
			if (c == '(' && ts->lang == LEX_GO && k &&
			    (tok_is(ts, k - 1, "const") ||
			     tok_is(ts, k - 1, "var")))
				c = '{';
			if (depth < EVAL_MAX_NEST)
				stack[depth] = c;
			depth++;
			continue;
		}
		if (closer(ts, k) && depth) {
			depth--;
			continue;
		}
		if (ts->lang == LEX_GO && tok_punct(ts, k, ':') && depth &&
		    depth <= EVAL_MAX_NEST && stack[depth - 1] == '{' &&
		    tok_kind(ts, k - 1) == TOK_IDENT &&
		    !tok_punct(ts, k + 1, '=') &&
		    !(k >= 2 && (tok_is(ts, k - 2, "case") ||
				 tok_kind(ts, k - 2) == TOK_IDENT))) {
			/* a composite literal's Field: value */
			add_binding(ev, k - 1, k + 1, 1);
			ev->v[ev->nr - 1].field = 1;
			continue;
		}
		if (ts->lang == LEX_JAVA && tok_punct(ts, k, '@') &&
		    (i = spring_value_field(ts, k))) {
			add_binding(ev, i, k + 3, 1);
			ev->v[ev->nr - 1].spring = 1;
			continue;
		}
		if (!tok_punct(ts, k, '=') ||
		    (depth && (depth > EVAL_MAX_NEST ||
			       stack[depth - 1] != '{' || ts->lang == LEX_PY)))
			continue;
		if (bound_name(ts, k, &i, &count, &append)) {
			add_binding(ev, i, k + 1, count);
			ev->v[ev->nr - 1].append = append;
		}
	}
	if (!ev->nr)
		return;
	qsort(ev->v, ev->nr, sizeof(ev->v[0]), binding_cmp);
	/* one entry per key: the first binding, with every binding counted;
	 * a name += expr at the binding's own column (its block, read by
	 * indentation: Python has no braces) extends it instead */
	for (i = 0, j = 0; i < ev->nr; i++) {
		struct eval_binding *first = j ? &ev->v[j - 1] : NULL;

		if (first && !strcmp(first->key, ev->v[i].key) &&
		    first->field == ev->v[i].field) {
			if (ev->v[i].append && !first->append &&
			    line_indent(ts, ev->v[i].name, 1) ==
				line_indent(ts, first->name, 0)) {
				ALLOC_GROW(first->appends, first->nappends + 1,
					   first->appends_alloc);
				first->appends[first->nappends++] =
				    ev->v[i].expr;
			} else
				first->count += ev->v[i].count;
			free(ev->v[i].key);
			continue;
		}
		ev->v[j++] = ev->v[i];
	}
	ev->nr = j;
}

void
eval_release(struct eval *ev)
{
	size_t i;

	for (i = 0; i < ev->nr; i++) {
		free(ev->v[i].key);
		free(ev->v[i].appends);
	}
	free(ev->v);
	free(ev->cached);
	memset(ev, 0, sizeof(*ev));
}

static struct eval_binding *
find_key(const struct eval *ev, const char *key, int field)
{
	size_t lo = 0, hi = ev->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ev->v[mid].key, key);

		if (!c)
			c = ev->v[mid].field - field;
		if (!c)
			return ev->v[mid].count == 1 ? &ev->v[mid] : NULL;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* this.x, self.x and cls.x read the field x; so does Name.x for a class
 * or constant holder of the same file (a capitalised qualifier). */
static int
own_qualifier(const char *q, size_t n)
{
	return (n == 4 && !strncmp(q, "this", 4)) ||
	       (n == 4 && !strncmp(q, "self", 4)) ||
	       (n == 3 && !strncmp(q, "cls", 3)) ||
	       (n && isupper((unsigned char)q[0]));
}

static const struct eval_binding *
lookup_name(const struct eval *ev, const char *key)
{
	const struct eval_binding *b = find_key(ev, key, 0);
	const char *dot = strrchr(key, '.');

	if (!b && dot && own_qualifier(key, (size_t)(dot - key)))
		b = find_key(ev, dot + 1, 0);
	/* x.Field: the one composite literal of the file that sets it */
	if (!b && dot)
		b = find_key(ev, dot + 1, 1);
	return b;
}

const struct eval_binding *
eval_lookup(const struct eval *ev, size_t i)
{
	char *key;
	const struct eval_binding *b;

	if (tok_kind(ev->ts, i) != TOK_IDENT)
		return NULL;
	key = name_key(ev->ts, i);
	b = lookup_name(ev, key);
	free(key);
	return b;
}

/* --- where a value's bytes are -------------------------------------- */

/* The value of string token tok, decoded once while asked in a row. */
static const char *
token_value(struct eval *ev, size_t tok, size_t *len)
{
	if (ev->cached_tok != tok) {
		struct token t = tok_get(ev->ts, tok);

		free(ev->cached);
		ev->cached = lex_string_value(ev->ts->src->text, &t,
					      ev->ts->lang, &ev->cached_len);
		ev->cached_tok = tok;
	}
	*len = ev->cached_len;
	return ev->cached;
}

/* value.h's locate: byte off of the value of token ref. */
static size_t
eval_locate(void *arg, size_t ref, size_t off)
{
	struct eval *ev = arg;
	const struct tokens *ts = ev->ts;
	struct token t;
	size_t len, b, e, at;
	const char *v;

	if (tok_kind(ts, ref) != TOK_STRING)
		return tok_begin(ts, ref);
	t = tok_get(ts, ref);
	lex_string_body(ts->src->text, &t, ts->lang, &b, &e);
	v = token_value(ev, ref, &len);
	if (off >= len)
		return e;
	at = tok_byte_offset(ts, ref, v, len, off);
	return at != SCAN_NOT_EXACT ? at : b;
}

/* Bytes past the last part a value keeps: where its reading stopped. */
static size_t
eval_fallback(void *arg, size_t k)
{
	struct eval *ev = arg;

	(void)k;
	return tok_begin(ev->ts, ev->cut_tok);
}

/* --- building values ------------------------------------------------ */

/* Appends bytes [b, e) of src with their parts; bytes past the parts a
 * value keeps (EVAL_MAX_PARTS) go as they are, found through the
 * fallback. */
static void
append_range(struct value *dst, const struct value *src, size_t b, size_t e)
{
	size_t i, at = b;

	for (i = 0; i < src->nr && at < e; i++) {
		const struct value_seg *s = &src->v[i];
		size_t sb = s->at, se = s->at + s->len, lo, hi;

		if (se <= at || sb >= e)
			continue;
		lo = sb > at ? sb : at;
		hi = se < e ? se : e;
		if (lo > at)
			buf_add(&dst->text, src->text.ptr + at, lo - at);
		if (s->origin == ORIGIN_UNKNOWN)
			value_add_unknown(dst, s->ref, s->from);
		else
			value_add(dst, src->text.ptr + lo, hi - lo, s->ref,
				  s->linear ? s->from + (lo - sb) : s->from,
				  s->linear, s->origin);
		at = hi;
	}
	if (at < e)
		buf_add(&dst->text, src->text.ptr + at, e - at);
	if (src->fallback && !dst->fallback) {
		dst->fallback = src->fallback;
		dst->fallback_arg = src->fallback_arg;
	}
}

static void
append_value(struct value *dst, const struct value *src)
{
	append_range(dst, src, 0, src->text.len);
}

/* A value with no hole: seen whole. */
static int
known(const struct value *v)
{
	return !value_has_unknown(v->text.ptr, v->text.len);
}

/* The origin literal bytes get here: constant inside a binding. */
static enum value_origin
literal_origin(const struct eval *ev)
{
	return ev->depth ? ORIGIN_CONSTANT : ORIGIN_LITERAL;
}

static void
add_literal(struct eval *ev, struct value *v, const char *s, size_t n,
	    size_t tok, size_t from, enum value_origin o)
{
	if (v->nr >= EVAL_MAX_PARTS) {
		/* past the parts kept: the bytes, found where they start */
		if (!v->fallback) {
			ev->cut_tok = tok;
			v->fallback = eval_fallback;
			v->fallback_arg = ev;
		}
		buf_add(&v->text, s, n);
		return;
	}
	value_add(v, s, n, tok, from, 1, o);
}

static void
new_value(struct eval *ev, struct value *v)
{
	value_init(v);
	v->locate = eval_locate;
	v->locate_arg = ev;
}

/* --- format strings -------------------------------------------------- */

struct args {
	size_t v[64]; /* each argument's first token */
	size_t n;
	size_t named[16]; /* keyword arguments (Python): name tokens */
	size_t nnamed;
};

/* The arguments of the call whose "(" is token open, from token first. */
static void
read_args(const struct tokens *ts, size_t open, size_t first, struct args *a)
{
	size_t close = tok_match(ts, open), k = first;

	memset(a, 0, sizeof(*a));
	while (close && k < close) {
		size_t e = eval_expr_end(ts, k);

		if (e == k)
			break;
		if (ts->lang == LEX_PY && tok_kind(ts, k) == TOK_IDENT &&
		    tok_punct(ts, k + 1, '=') && !tok_punct(ts, k + 2, '=')) {
			if (a->nnamed < 16)
				a->named[a->nnamed++] = k;
		} else if (a->n < 64)
			a->v[a->n++] = k;
		if (!tok_punct(ts, e, ','))
			break;
		k = e + 1;
	}
}

/* Appends the value of the argument expression at token at, or a hole
 * when we cannot see it whole. */
static void
append_arg(struct eval *ev, struct value *out, size_t at)
{
	struct value a;

	new_value(ev, &a);
	eval_expr(ev, at, &a);
	if (known(&a) && a.text.len)
		append_value(out, &a);
	else if (!known(&a))
		value_add_unknown(out, at, 0);
	value_release(&a);
}

/* A hole standing for the directive at byte b of fmt. */
static void
format_hole(struct value *out, const struct value *fmt, size_t b)
{
	size_t i;

	for (i = 0; i < fmt->nr; i++)
		if (fmt->v[i].at <= b && b < fmt->v[i].at + fmt->v[i].len) {
			value_add_unknown(out, fmt->v[i].ref,
					  fmt->v[i].linear
					      ? fmt->v[i].from +
						    (b - fmt->v[i].at)
					      : fmt->v[i].from);
			return;
		}
	value_add_unknown(out, 0, 0);
}

/* printf-style directives (Go fmt, Python %, Java Formatter). */
static void
expand_printf(struct eval *ev, const struct value *fmt, const struct args *a,
	      struct value *out)
{
	const char *s = fmt->text.ptr;
	size_t n = fmt->text.len, i = 0, lit = 0, next = 0;

	while (i < n) {
		size_t d = i, argi;

		int indexed = 0;

		if (s[i] != '%') {
			i++;
			continue;
		}
		append_range(out, fmt, lit, i);
		if (i + 1 < n && s[i + 1] == '%') {
			append_range(out, fmt, i, i + 1);
			lit = i += 2;
			continue;
		}
		i++;
		if (i < n && s[i] == '(') { /* Python %(name)s: a mapping */
			while (i < n && s[i] != ')')
				i++;
			indexed = -1;
		}
		if (i < n && s[i] == '[') { /* Go %[2]s */
			size_t k = 0;

			for (i++; i < n && isdigit((unsigned char)s[i]); i++)
				k = k * 10 + (size_t)(s[i] - '0');
			next = k ? k - 1 : 0;
			indexed = 1;
		}
		{ /* Java %2$s */
			size_t k = 0, j = i;

			while (j < n && isdigit((unsigned char)s[j]))
				k = k * 10 + (size_t)(s[j++] - '0');
			if (j < n && s[j] == '$' && k) {
				next = k - 1;
				indexed = 1;
				i = j + 1;
			}
		}
		while (i < n && strchr("-+ #0,(<", s[i]))
			i++;
		while (i < n && (isdigit((unsigned char)s[i]) || s[i] == '.' ||
				 s[i] == '*'))
			i++;
		if (i < n && s[i] == ']') /* the end of a Go index */
			i++;
		if (i >= n) {
			format_hole(out, fmt, d);
			lit = n;
			break;
		}
		if (s[i] == 'n' && ev->ts->lang == LEX_JAVA) {
			format_hole(out, fmt,
				    d); /* %n: the platform's line end */
			lit = ++i;
			continue;
		}
		argi = next++;
		if (indexed >= 0 && argi < a->n && strchr("sdvuiS", s[i]))
			append_arg(ev, out, a->v[argi]);
		else
			format_hole(out, fmt, d);
		lit = ++i;
	}
	append_range(out, fmt, lit, n);
}

/* The keyword argument name of a call, or 0. */
static size_t
named_arg(const struct tokens *ts, const struct args *a, const char *name,
	  size_t len)
{
	size_t k;

	for (k = 0; k < a->nnamed; k++)
		if (tok_end(ts, a->named[k]) - tok_begin(ts, a->named[k]) ==
			len &&
		    !memcmp(ts->src->text + tok_begin(ts, a->named[k]), name,
			    len))
			return a->named[k] + 2;
	return 0;
}

/* str.format: {} {0} {name}; {{ and }} are braces; a field with an
 * attribute, index, conversion or spec is a hole. */
static void
expand_str_format(struct eval *ev, const struct value *fmt,
		  const struct args *a, struct value *out)
{
	const char *s = fmt->text.ptr;
	size_t n = fmt->text.len, i = 0, lit = 0, next = 0;
	int autos = 0, manual = 0; /* mixed, str.format raises ValueError */

	while (i < n) {
		size_t e, arg = 0;

		if (s[i] != '{' && s[i] != '}') {
			i++;
			continue;
		}
		append_range(out, fmt, lit, i);
		if (i + 1 < n && s[i + 1] == s[i]) {
			append_range(out, fmt, i, i + 1);
			lit = i += 2;
			continue;
		}
		if (s[i] == '}') { /* a stray brace: ValueError at run time */
			format_hole(out, fmt, i);
			lit = ++i;
			continue;
		}
		for (e = i + 1; e < n && s[e] != '}'; e++)
			;
		if (e == i + 1) {
			arg = next < a->n && !manual ? a->v[next++] : 0;
			autos = 1;
		} else if (isdigit((unsigned char)s[i + 1])) {
			size_t k = 0, j;

			for (j = i + 1; j < e && isdigit((unsigned char)s[j]);
			     j++)
				k = k * 10 + (size_t)(s[j] - '0');
			arg = j == e && k < a->n && !autos ? a->v[k] : 0;
			manual = 1;
		} else {
			size_t j = i + 1;

			while (j < e &&
			       (isalnum((unsigned char)s[j]) || s[j] == '_'))
				j++;
			arg = j == e
				  ? named_arg(ev->ts, a, s + i + 1, e - i - 1)
				  : 0;
		}
		if (arg)
			append_arg(ev, out, arg);
		else
			format_hole(out, fmt, i);
		lit = i = e < n ? e + 1 : n;
	}
	append_range(out, fmt, lit, n);
}

/* The elements of a list or slice literal whose opener is token open,
 * joined by sep (str.join, strings.Join, Array.join). */
static void
join_elements(struct eval *ev, size_t open, const struct value *sep,
	      struct value *out)
{
	const struct tokens *ts = ev->ts;
	size_t close = tok_match(ts, open), k = open + 1, first = 1;

	while (close && k < close) {
		size_t e = eval_expr_end(ts, k);

		if (e == k)
			break;
		if (!first)
			append_value(out, sep);
		first = 0;
		append_arg(ev, out, k);
		if (!tok_punct(ts, e, ','))
			break;
		k = e + 1;
	}
}

/* --- expressions ----------------------------------------------------- */

static size_t eval_term(struct eval *ev, size_t i, struct value *v);

/*
 * A Spring @Value string at token t, its placeholders read
 * (model/template.c): parts in the token's coordinates. A literal with an
 * escape in it is left unknown (its bytes are not the source's).
 */
static void
spring_value(struct eval *ev, size_t t, struct value *v)
{
	const struct tokens *ts = ev->ts;
	size_t body = tok_begin(ts, t) + 1, end = tok_end(ts, t) - 1, i;
	struct template_ctx tc = {TEMPLATE_SPRING, NULL, NULL};
	struct text_map map;
	struct value raw;

	if (end <= body || memchr(ts->src->text + body, '\\', end - body)) {
		value_add_unknown(v, t, 0);
		return;
	}
	memset(&map, 0, sizeof(map));
	map.src = ts->src;
	map.base = body;
	map.end = end;
	map.verbatim = 1;
	value_init(&raw);
	template_expand(&raw, ts->src->text + body, end - body, &map, &tc);
	for (i = 0; i < raw.nr; i++) {
		const struct value_seg *sg = &raw.v[i];

		if (sg->origin == ORIGIN_UNKNOWN)
			value_add_unknown(v, t, sg->from - body);
		else
			value_add(v, raw.text.ptr + sg->at, sg->len, t,
				  sg->from - body, sg->linear, sg->origin);
	}
	value_release(&raw);
}

/* Binding b's value: its expression, then each name += expr after it. */
static void
binding_value(struct eval *ev, struct eval_binding *b, struct value *v)
{
	size_t k;

	b->busy = 1;
	ev->depth++;
	if (b->spring)
		spring_value(ev, b->expr, v);
	else
		eval_expr(ev, b->expr, v);
	for (k = 0; k < b->nappends; k++)
		eval_expr(ev, b->appends[k], v);
	ev->depth--;
	b->busy = 0;
}

/* Where the next field of a template (${...}) or f-string ({...}, not
 * {{) opens in text[j..e). */
static size_t
next_field(const char *text, size_t j, size_t e, int template)
{
	for (; j < e; j++) {
		if (template && text[j] == '$' && j + 1 < e &&
		    text[j + 1] == '{')
			return j;
		if (template || text[j] != '{')
			continue;
		if (j + 1 < e && text[j + 1] == '{')
			j++; /* {{ is a brace */
		else
			return j;
	}
	return e;
}

/* A name, or names joined by "." (a field's expression we can look up). */
static int
plain_name(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.')
			return 0;
	return 1;
}

/* A string literal, its template or f-string fields read as names bound
 * in the file where they are one (${host}, {host}). */
static void
string_literal(struct eval *ev, size_t i, struct value *v)
{
	const struct tokens *ts = ev->ts;
	struct token t = tok_get(ts, i);
	size_t len, k, lit = 0, b, e, j;
	const char *val;

	tok_judge(ev->ts, i);
	val = token_value(ev, i, &len);
	if (!(t.flags & TOKF_INTERPOLATED)) {
		add_literal(ev, v, val, len, i, 0, literal_origin(ev));
		return;
	}
	/* each hole of the value is a field of the body, in order */
	lex_string_body(ts->src->text, &t, ts->lang, &b, &e);
	j = b;
	for (k = 0; k < len; k++) {
		const struct eval_binding *bd = NULL;
		size_t fe, nb, ne;
		char *key, *copy;

		if (val[k] != VALUE_UNKNOWN)
			continue;
		if (k > lit) {
			copy = xstrndup(val + lit, k - lit);
			add_literal(ev, v, copy, k - lit, i, lit,
				    literal_origin(ev));
			free(copy);
		}
		lit = k + 1;
		j = next_field(ts->src->text, j, e, t.flags & TOKF_TEMPLATE);
		if (j >= e) { /* an unterminated field: nothing to read */
			value_add_unknown(v, i, k);
			continue;
		}
		fe = lex_field_end(ts->src->text, e, j);
		nb = j + 1 + (ts->src->text[j] == '$');
		ne = fe > nb ? fe : nb;
		while (nb < ne && ts->src->text[nb] == ' ')
			nb++;
		while (ne > nb && ts->src->text[ne - 1] == ' ')
			ne--;
		key = xstrndup(ts->src->text + nb, ne - nb);
		if (plain_name(key))
			bd = lookup_name(ev, key);
		free(key);
		if (bd && !bd->busy && ev->depth < EVAL_MAX_DEPTH) {
			struct value c;

			new_value(ev, &c);
			binding_value(ev, (struct eval_binding *)bd, &c);
			if (known(&c))
				append_value(v, &c);
			else
				value_add_unknown(v, i, k);
			value_release(&c);
			/* the token's value may have been decoded over */
			val = token_value(ev, i, &len);
		} else
			value_add_unknown(v, i, k);
		j = fe + 1;
	}
	if (len > lit) {
		char *copy = xstrndup(val + lit, len - lit);

		add_literal(ev, v, copy, len - lit, i, lit, literal_origin(ev));
		free(copy);
	}
}

/* A name bound once: its expression, as a constant. */
static void
name_value(struct eval *ev, size_t i, struct value *v)
{
	struct eval_binding *b = (struct eval_binding *)eval_lookup(ev, i);

	if (!b || b->busy || ev->depth >= EVAL_MAX_DEPTH) {
		value_add_unknown(v, i, 0);
		return;
	}
	binding_value(ev, b, v);
}

/* Calls whose name says they read the environment with a default:
 * os.getenv("X", "d"), os.environ.get("X", "d"), getEnv("X", "d"),
 * env("X", default="d"), getOrDefault("X", "d"). */
static int
env_call_name(const struct tokens *ts, size_t name)
{
	size_t n = tok_end(ts, name) - tok_begin(ts, name), k;
	const char *s = ts->src->text + tok_begin(ts, name);

	if ((n == 3 && !strncmp(s, "get", 3) && name >= 2 &&
	     (tok_is(ts, name - 2, "environ") ||
	      tok_is(ts, name - 2, "env"))) ||
	    (n == 12 && !strncmp(s, "getOrDefault", 12)))
		return 1;
	for (k = 0; k + 3 <= n; k++)
		if (!strncasecmp(s + k, "env", 3))
			return 1;
	return 0;
}

/* An environment read at token name with default expression d (0:
 * none): a hole, or the default when we see it whole. */
static void
env_default(struct eval *ev, size_t name, size_t d, struct value *v)
{
	struct value dv;

	if (!d) {
		value_add_unknown(v, name, 0);
		return;
	}
	new_value(ev, &dv);
	eval_expr(ev, d, &dv);
	if (known(&dv)) {
		size_t s;

		for (s = 0; s < dv.nr; s++)
			dv.v[s].origin = ORIGIN_DEFAULT;
		append_value(v, &dv);
	} else
		value_add_unknown(v, name, 0);
	value_release(&dv);
}

/* Java's StringBuilder: new StringBuilder(x).append(a)...; a builder
 * bound to a name also takes each name.append(...) statement between its
 * binding and the use at token use. */
static size_t
string_builder(struct eval *ev, size_t i, struct value *v)
{
	const struct tokens *ts = ev->ts;
	size_t open = i + 2, k;

	if (!tok_punct(ts, open, '(') || !tok_match(ts, open))
		return 0;
	if (open + 1 < tok_match(ts, open) &&
	    tok_kind(ts, open + 1) != TOK_NUMBER)
		append_arg(ev, v, open + 1);
	for (k = tok_match(ts, open) + 1;
	     tok_punct(ts, k, '.') && tok_is(ts, k + 1, "append") &&
	     tok_punct(ts, k + 2, '(') && tok_match(ts, k + 2);
	     k = tok_match(ts, k + 2) + 1)
		append_arg(ev, v, k + 3);
	return k;
}

static void
builder_appends(struct eval *ev, const struct eval_binding *b, size_t use,
		struct value *v)
{
	const struct tokens *ts = ev->ts;
	size_t k;

	for (k = b->expr; k + 3 < use; k++) {
		size_t c;

		if (tok_kind(ts, k) != TOK_IDENT || !tok_same(ts, k, b->name) ||
		    !tok_punct(ts, k + 1, '.') ||
		    (k && tok_punct(ts, k - 1, '.')))
			continue;
		for (c = k + 1;
		     tok_punct(ts, c, '.') && tok_is(ts, c + 1, "append") &&
		     tok_punct(ts, c + 2, '(') && tok_match(ts, c + 2);
		     c = tok_match(ts, c + 2) + 1)
			append_arg(ev, v, c + 3);
	}
}

static int
is_builder(const struct tokens *ts, size_t i)
{
	return tok_is(ts, i, "new") && (tok_is(ts, i + 1, "StringBuilder") ||
					tok_is(ts, i + 1, "StringBuffer"));
}

/* NAME["key"] at token i, NAME bound once to a dict or object literal
 * that sets "key" once: the first token of its value, or 0. */
static size_t
subscript(const struct eval *ev, size_t i)
{
	const struct tokens *ts = ev->ts;
	const struct eval_binding *b = eval_lookup(ev, i);
	char *want = tok_literal(ts, i + 2);
	size_t open, k, at = 0;

	if (!b || b->busy || !want || !tok_punct(ts, b->expr, '{') ||
	    !tok_match(ts, b->expr)) {
		free(want);
		return 0;
	}
	open = b->expr;
	for (k = open + 1; k + 2 < tok_match(ts, open); k++) {
		char *key;

		if (tok_match(ts, k)) {
			k = tok_match(ts, k);
			continue;
		}
		if (!tok_punct(ts, k + 1, ':') ||
		    (k != open + 1 && !tok_punct(ts, k - 1, ',')))
			continue;
		key = tok_kind(ts, k) == TOK_STRING
			  ? tok_literal(ts, k)
			  : xstrndup(ts->src->text + tok_begin(ts, k),
				     tok_end(ts, k) - tok_begin(ts, k));
		if (key && !strcmp(key, want))
			at = at ? (size_t)-1 : k + 2;
		free(key);
	}
	free(want);
	return at == (size_t)-1 ? 0 : at;
}

/* The binding's expression is Go's url.Values{} or make(url.Values). */
static int
is_url_values(const struct tokens *ts, size_t e)
{
	if (tok_is(ts, e, "make"))
		e += 2;
	return tok_is(ts, e, "url") && tok_punct(ts, e + 1, '.') &&
	       tok_is(ts, e + 2, "Values");
}

struct query_pair {
	char *key;
	size_t value; /* the value expression's first token */
};

static int
pair_cmp(const void *a, const void *b)
{
	return strcmp(((const struct query_pair *)a)->key,
		      ((const struct query_pair *)b)->key);
}

/*
 * q.Encode() of a url.Values bound to q: each q.Set(k, v) and q.Add(k, v)
 * of the file as "k=v", sorted by key and joined by "&", as Encode does
 * (net/url url.go: "sorted by key"). A key we cannot see makes the whole
 * query a hole.
 */
static void
url_values_encode(struct eval *ev, const struct eval_binding *b,
		  struct value *v)
{
	const struct tokens *ts = ev->ts;
	struct query_pair pairs[64] = {{NULL, 0}};
	size_t n = 0, k, q;
	int unknown = 0;

	for (k = b->expr; k + 3 < ts->nr && n < 64; k++) {
		struct value key;
		size_t a0, a1;

		if (!tok_same(ts, k, b->name) || !tok_punct(ts, k + 1, '.') ||
		    !(tok_is(ts, k + 2, "Set") || tok_is(ts, k + 2, "Add")) ||
		    !tok_punct(ts, k + 3, '(') ||
		    !(a0 = tok_call_arg(ts, k + 3, 0)) ||
		    !(a1 = tok_call_arg(ts, k + 3, 1)))
			continue;
		new_value(ev, &key);
		eval_expr(ev, a0, &key);
		if (known(&key)) {
			pairs[n].key = xstrdup(key.text.ptr);
			pairs[n++].value = a1;
		} else
			unknown = 1;
		value_release(&key);
	}
	if (unknown)
		value_add_unknown(v, b->name, 0);
	else {
		qsort(pairs, n, sizeof(pairs[0]), pair_cmp);
		for (q = 0; q < n; q++) {
			if (q)
				value_add(v, "&", 1, b->name, 0, 0,
					  ORIGIN_LITERAL);
			value_add(v, pairs[q].key, strlen(pairs[q].key),
				  b->name, 0, 0, ORIGIN_LITERAL);
			value_add(v, "=", 1, b->name, 0, 0, ORIGIN_LITERAL);
			append_arg(ev, v, pairs[q].value);
		}
	}
	for (q = 0; q < n; q++)
		free(pairs[q].key);
}

/* Field name of the Go composite literal opening at token open: the
 * value's first token, or 0. */
static size_t
literal_field(const struct tokens *ts, size_t open, const char *name)
{
	size_t k, close = tok_match(ts, open);

	for (k = open + 1; close && k + 2 < close; k++) {
		if (tok_match(ts, k)) {
			k = tok_match(ts, k);
			continue;
		}
		if (tok_is(ts, k, name) && tok_punct(ts, k + 1, ':') &&
		    (k == open + 1 || tok_punct(ts, k - 1, ',')))
			return k + 2;
	}
	return 0;
}

/*
 * u.String() of a url.URL{...} bound to u (net/url URL.String):
 * scheme "://" [user "@"] host path ["?" RawQuery], with u.RawQuery set
 * later by an assignment taken too. User info is a hole: it holds the
 * credentials, read at run time or from url.UserPassword.
 */
static void
url_string(struct eval *ev, const struct eval_binding *b, struct value *v)
{
	const struct tokens *ts = ev->ts;
	size_t open = b->expr + 3, f;
	const struct eval_binding *raw;
	char *key;

	if ((f = literal_field(ts, open, "Scheme")))
		append_arg(ev, v, f);
	value_add(v, "://", 3, open, 0, 0, ORIGIN_LITERAL);
	if ((f = literal_field(ts, open, "User"))) {
		value_add_unknown(v, f, 0);
		value_add(v, "@", 1, f, 0, 0, ORIGIN_LITERAL);
	}
	if ((f = literal_field(ts, open, "Host")))
		append_arg(ev, v, f);
	if ((f = literal_field(ts, open, "Path")))
		append_arg(ev, v, f);
	key = xasprintf("%s.RawQuery", b->key);
	raw = lookup_name(ev, key);
	free(key);
	if ((f = literal_field(ts, open, "RawQuery")) || raw) {
		value_add(v, "?", 1, open, 0, 0, ORIGIN_LITERAL);
		append_arg(ev, v, f ? f : raw->expr);
	}
}

/* A call or name at token i: what it builds into v; returns the token
 * after it. */
static size_t
operand(struct eval *ev, size_t i, struct value *v)
{
	const struct tokens *ts = ev->ts;
	size_t end = operand_end(ts, i), last = i, k;
	struct args a;

	if (is_builder(ts, i)) {
		size_t e = string_builder(ev, i, v);

		if (e) {
			if (tok_punct(ts, e, '.') &&
			    tok_is(ts, e + 1, "toString"))
				e = operand_end(ts, e + 1);
			return e;
		}
	}
	/* the last name before the operand's final call */
	for (k = i; k < end; k++) {
		if (tok_match(ts, k)) {
			if (tok_punct(ts, k, '(') &&
			    tok_match(ts, k) + 1 == end)
				break;
			k = tok_match(ts, k);
			continue;
		}
		if (tok_kind(ts, k) == TOK_IDENT)
			last = k;
	}
	if (ts->lang == LEX_GO && end == i + 5 && tok_punct(ts, i + 1, '.') &&
	    (tok_is(ts, i + 2, "Encode") || tok_is(ts, i + 2, "String")) &&
	    tok_punct(ts, i + 3, '(') && tok_punct(ts, i + 4, ')')) {
		const struct eval_binding *b = eval_lookup(ev, i);

		if (b && !b->busy && tok_is(ts, i + 2, "Encode") &&
		    is_url_values(ts, b->expr)) {
			url_values_encode(ev, b, v);
			return end;
		}
		if (b && !b->busy && tok_is(ts, i + 2, "String") &&
		    tok_is(ts, b->expr, "url") &&
		    tok_is(ts, b->expr + 2, "URL") &&
		    tok_punct(ts, b->expr + 3, '{')) {
			((struct eval_binding *)b)->busy = 1;
			url_string(ev, b, v);
			((struct eval_binding *)b)->busy = 0;
			return end;
		}
	}
	if (k < end && tok_punct(ts, k, '(') && tok_is(ts, last, "toString") &&
	    last == i + 2 && tok_punct(ts, i + 1, '.') &&
	    tok_kind(ts, i) == TOK_IDENT) {
		/* sb.toString(): the builder's text */
		const struct eval_binding *b = eval_lookup(ev, i);

		name_value(ev, i, v);
		if (b && is_builder(ts, b->expr))
			builder_appends(ev, b, i, v);
		return end;
	}
	if (end == i + 4 && tok_punct(ts, i + 1, '[') &&
	    tok_kind(ts, i + 2) == TOK_STRING) {
		/* NAME["key"] of a dict or object literal bound to NAME */
		size_t at = subscript(ev, i);

		if (at && ev->depth < EVAL_MAX_DEPTH) {
			ev->depth++;
			eval_expr(ev, at, v);
			ev->depth--;
		} else
			value_add_unknown(v, i, 0);
		return end;
	}
	if (k < end && tok_punct(ts, k, '(')) { /* a call: name(...) */
		read_args(ts, k, k + 1, &a);
		if ((tok_is(ts, last, "Sprintf") && tok_is(ts, i, "fmt")) ||
		    (tok_is(ts, last, "format") && tok_is(ts, i, "String")) ||
		    /* PHP's sprintf, and sprintf-js's in JavaScript */
		    (last == i && tok_is(ts, i, "sprintf") &&
		     (ts->lang == LEX_JS || ts->lang == LEX_JSX))) {
			struct value f;

			new_value(ev, &f);
			if (a.n)
				eval_expr(ev, a.v[0], &f);
			memmove(a.v, a.v + 1,
				(a.n ? a.n - 1 : 0) * sizeof(a.v[0]));
			a.n -= a.n ? 1 : 0;
			if (f.text.len)
				expand_printf(ev, &f, &a, v);
			value_release(&f);
		} else if (tok_is(ts, last, "Sprint") && tok_is(ts, i, "fmt")) {
			size_t q;

			for (q = 0; q < a.n; q++)
				append_arg(ev, v, a.v[q]);
		} else if (tok_is(ts, last, "Join") &&
			   tok_is(ts, i, "strings") && a.n == 2) {
			struct value sep;
			size_t open = a.v[0];

			new_value(ev, &sep);
			eval_expr(ev, a.v[1], &sep);
			while (open < ts->nr && !tok_punct(ts, open, '{') &&
			       open < eval_expr_end(ts, a.v[0]))
				open++;
			if (known(&sep) && tok_punct(ts, open, '{'))
				join_elements(ev, open, &sep, v);
			else
				value_add_unknown(v, i, 0);
			value_release(&sep);
		} else if (env_call_name(ts, last)) {
			size_t d = named_arg(ts, &a, "default", 7);

			env_default(ev, last,
				    d	       ? d
				    : a.n >= 2 ? a.v[a.n - 1]
					       : 0,
				    v);
		} else if (tok_is(ts, last, "orElse") && a.n == 1)
			env_default(ev, last, a.v[0], v); /* Optional's */
		else
			value_add_unknown(v, i, 0);
		return end;
	}
	if (end == i + 1 || (end == i + 3 && tok_punct(ts, i + 1, '.'))) {
		/* a name, or qualifier.name */
		size_t name = end - 1;
		const struct eval_binding *b = eval_lookup(ev, name);

		if (b && is_builder(ts, b->expr)) {
			name_value(ev, name, v);
			builder_appends(ev, b, name, v);
		} else
			name_value(ev, name, v);
		if (tok_punct(ts, end, '.') && tok_is(ts, end + 1, "toString"))
			end = operand_end(ts, end + 1);
		return end;
	}
	value_add_unknown(v, i, 0);
	return end;
}

/* A primary and what follows it: .format(...), .formatted(...),
 * .join(...), and Python's "%" formatting. */
static size_t
eval_term(struct eval *ev, size_t i, struct value *v)
{
	const struct tokens *ts = ev->ts;
	struct value p;
	struct args a;

	if (i >= ts->nr || tok_kind(ts, i) == TOK_EOF)
		return i;
	new_value(ev, &p);
	if (tok_kind(ts, i) == TOK_STRING) {
		string_literal(ev, i, &p);
		/* literals side by side (and "a" + "b", its "+" folded) */
		while (i + 1 < ts->nr && tok_kind(ts, i + 1) == TOK_STRING &&
		       (tok_plus_string(ts, i) || ts->lang == LEX_PY))
			string_literal(ev, ++i, &p);
		i++;
	} else if (tok_kind(ts, i) == TOK_NUMBER) {
		add_literal(ev, &p, ts->src->text + tok_begin(ts, i),
			    tok_end(ts, i) - tok_begin(ts, i), i, 0,
			    literal_origin(ev));
		i++;
	} else if (tok_punct(ts, i, '(') && tok_match(ts, i)) {
		size_t close = tok_match(ts, i), e = eval_expr(ev, i + 1, &p);

		if (e != close) { /* a tuple, a cast, a lambda: unknown */
			value_release(&p);
			new_value(ev, &p);
			value_add_unknown(&p, i, 0);
		}
		i = close + 1;
	} else if (tok_kind(ts, i) == TOK_IDENT)
		i = operand(ev, i, &p);
	else {
		value_release(&p);
		return i;
	}
	/* methods on the string */
	while (tok_punct(ts, i, '.') && tok_punct(ts, i + 2, '(') &&
	       tok_match(ts, i + 2)) {
		size_t open = i + 2;
		struct value r;

		new_value(ev, &r);
		read_args(ts, open, open + 1, &a);
		if (tok_is(ts, i + 1, "format") && ts->lang == LEX_PY)
			expand_str_format(ev, &p, &a, &r);
		else if (tok_is(ts, i + 1, "formatted") && ts->lang == LEX_JAVA)
			expand_printf(ev, &p, &a, &r);
		else if (tok_is(ts, i + 1, "join") && ts->lang == LEX_PY &&
			 a.n == 1 && tok_match(ts, a.v[0]) &&
			 (tok_punct(ts, a.v[0], '[') ||
			  tok_punct(ts, a.v[0], '(')))
			join_elements(ev, a.v[0], &p, &r);
		else if (tok_is(ts, i + 1, "strip") ||
			 tok_is(ts, i + 1, "trim"))
			append_value(&r, &p);
		else
			value_add_unknown(&r, i + 1, 0);
		value_release(&p);
		p = r;
		i = tok_match(ts, open) + 1;
	}
	if (ts->lang == LEX_PY && tok_punct(ts, i, '%') &&
	    !tok_punct(ts, i + 1, '=')) {
		struct value r;
		size_t e = i + 1;

		new_value(ev, &r);
		memset(&a, 0, sizeof(a));
		if (tok_punct(ts, e, '(') && tok_match(ts, e)) {
			read_args(ts, e, e + 1, &a);
			e = tok_match(ts, e) + 1;
		} else if (!tok_punct(ts, e, '{')) {
			a.v[a.n++] = e;
			e = operand_end(ts, e);
			if (tok_kind(ts, a.v[0]) == TOK_STRING)
				e = a.v[0] + 1;
		} else
			e = tok_match(ts, e) ? tok_match(ts, e) + 1 : e + 1;
		expand_printf(ev, &p, &a, &r);
		value_release(&p);
		p = r;
		i = e;
	}
	/* a read of the environment, or else a literal: its default */
	if (!known(&p) && p.text.len == 1 &&
	    ((tok_punct(ts, i, '|') && tok_punct(ts, i + 1, '|')) ||
	     (tok_punct(ts, i, '?') && tok_punct(ts, i + 1, '?')) ||
	     tok_is(ts, i, "or"))) {
		size_t at = i + (tok_is(ts, i, "or") ? 1 : 2);
		struct value d;

		new_value(ev, &d);
		i = eval_term(ev, at, &d);
		if (known(&d) && d.text.len) {
			size_t s;

			value_release(&p);
			for (s = 0; s < d.nr; s++)
				d.v[s].origin = ORIGIN_DEFAULT;
			p = d;
		} else
			value_release(&d);
	}
	append_value(v, &p);
	value_release(&p);
	return i;
}

size_t
eval_expr(struct eval *ev, size_t i, struct value *v)
{
	const struct tokens *ts = ev->ts;

	v->locate = eval_locate;
	v->locate_arg = ev;
	i = eval_term(ev, i, v);
	while (tok_punct(ts, i, '+') && !tok_punct(ts, i + 1, '=') &&
	       !tok_punct(ts, i + 1, '+') && i + 1 < ts->nr) {
		size_t next = eval_term(ev, i + 1, v);

		if (next == i + 1)
			break;
		i = next;
	}
	return i;
}

/* The opener whose closer is token close (looking back a bounded way:
 * a call's arguments), or 0. */
static size_t
opener_of(const struct tokens *ts, size_t close)
{
	size_t j, steps;

	for (j = close, steps = 0; j > 0 && steps < 4096; steps++) {
		j--;
		if (tok_match(ts, j) == close)
			return j;
	}
	return 0;
}

/* Token i is the format argument of a format call: the call's first
 * token (fmt.Sprintf("...", ...), String.format("...", ...)), or 0. */
static size_t
format_call_start(const struct tokens *ts, size_t i)
{
	if (i >= 2 && tok_punct(ts, i - 1, '(') && tok_is(ts, i - 2, "sprintf") &&
	    (i < 3 || !tok_punct(ts, i - 3, '.')) &&
	    (ts->lang == LEX_JS || ts->lang == LEX_JSX))
		return i - 2;
	if (i < 4 || !tok_punct(ts, i - 1, '(') || !tok_punct(ts, i - 3, '.'))
		return 0;
	if ((tok_is(ts, i - 4, "fmt") &&
	     (tok_is(ts, i - 2, "Sprintf") || tok_is(ts, i - 2, "Sprint"))) ||
	    (tok_is(ts, i - 4, "String") && tok_is(ts, i - 2, "format")))
		return i - 4;
	return 0;
}

size_t
eval_expr_start(const struct eval *ev, size_t i)
{
	const struct tokens *ts = ev->ts;

	for (;;) {
		size_t k;

		if ((k = format_call_start(ts, i))) {
			i = k;
			continue;
		}
		if (i && tok_kind(ts, i - 1) == TOK_STRING &&
		    (tok_plus_string(ts, i - 1) ||
		     (ts->lang == LEX_PY && tok_kind(ts, i) == TOK_STRING))) {
			i--;
			continue;
		}
		if (i < 2 || !tok_punct(ts, i - 1, '+') ||
		    tok_punct(ts, i - 2, '+'))
			return i;
		/* the operand before "+": a literal, a number or a name
		 * chain (calls and indexes skipped back over) */
		k = i - 2;
		if (tok_kind(ts, k) == TOK_STRING ||
		    tok_kind(ts, k) == TOK_NUMBER) {
			i = k;
			continue;
		}
		while (k > 0) {
			if (closer(ts, k)) {
				size_t open = opener_of(ts, k);

				if (!open)
					return i;
				k = open - 1;
				continue;
			}
			if (tok_kind(ts, k) != TOK_IDENT)
				break;
			if (k >= 2 && tok_punct(ts, k - 1, '.')) {
				k -= 2;
				continue;
			}
			break;
		}
		if (tok_kind(ts, k) != TOK_IDENT)
			return i;
		if (k && tok_is(ts, k - 1, "new"))
			k--;
		i = k;
	}
}
