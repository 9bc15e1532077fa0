/* SPDX-License-Identifier: MIT */
/*
 * scan_common.c — tokens, brackets and string expressions for the source
 * scanners.
 */
#include "scan_common.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../model/conn_string.h"
#include "../model/client.h"
#include "../model/value.h"
#include "../util/buf.h"
#include "../util/source.h"
#include "../util/scan.h"
#include "../util/xalloc.h"
#include "eval.h"

int
tok_holds(const struct tokens *ts, size_t i, const char *word)
{
	return i < ts->nr && tok_kind(ts, i) == TOK_STRING &&
	       scan_contains(ts->src->text + tok_begin(ts, i),
			     tok_end(ts, i) - tok_begin(ts, i), word);
}

size_t
tok_call_arg(const struct tokens *ts, size_t open, size_t n)
{
	size_t close = tok_match(ts, open), k = open + 1;

	while (close && k < close) {
		size_t e = eval_expr_end(ts, k);

		if (e == k)
			return 0;
		if (!n--)
			return k;
		if (!tok_punct(ts, e, ','))
			return 0;
		k = e + 1;
	}
	return 0;
}

int
tok_same(const struct tokens *ts, size_t a, size_t b)
{
	size_t n = tok_end(ts, a) - tok_begin(ts, a);

	return n == tok_end(ts, b) - tok_begin(ts, b) &&
	       !memcmp(ts->src->text + tok_begin(ts, a),
		       ts->src->text + tok_begin(ts, b), n);
}

char *
tok_literal(const struct tokens *ts, size_t i)
{
	struct token t = tok_get(ts, i);
	size_t len;
	char *v;

	if (t.kind != TOK_STRING ||
	    (t.flags & (TOKF_INTERPOLATED | TOKF_UNTERMINATED)))
		return NULL;
	v = lex_string_value(ts->src->text, &t, ts->lang, &len);
	if (strlen(v) != len) { /* a NUL escape: not a name we know */
		free(v);
		return NULL;
	}
	return v;
}

struct client_param *
tok_add_param(struct client_fact *f, const struct tokens *ts, size_t v,
	      const char *key, const char *value)
{
	struct token t = tok_get(ts, v);
	size_t b = t.begin, e = t.end;
	struct client_param *p;

	if (t.kind == TOK_STRING)
		lex_string_body(ts->src->text, &t, ts->lang, &b, &e);
	p = client_fact_add(f, key, value, b, e);
	p->exact = t.kind != TOK_STRING ||
		   (!(t.flags & (TOKF_ESCAPES | TOKF_INTERPOLATED |
				 TOKF_TEXT_BLOCK | TOKF_UNTERMINATED)) &&
		    value && e - b == strlen(value));
	return p;
}

size_t
tok_object_prop(const struct tokens *ts, size_t open, const char *name)
{
	size_t k, close = tok_match(ts, open);

	for (k = open + 1; k + 2 < close; k++) {
		char *key;
		int hit;

		if (tok_match(ts, k)) { /* a nested object, call or array */
			k = tok_match(ts, k);
			continue;
		}
		if (!tok_is(ts, k + 1, ":"))
			continue;
		if (tok_kind(ts, k) == TOK_IDENT)
			hit = tok_is(ts, k, name);
		else if ((key = tok_literal(ts, k))) {
			hit = !strcmp(key, name);
			free(key);
		} else
			continue;
		if (hit)
			return k + 2;
	}
	return 0;
}

/* The end (exclusive) of the operand starting at token i: names joined
 * by "." with their calls and indexes, as in os.Getenv("X"). */
static size_t
operand_end(const struct tokens *ts, size_t i)
{
	while (i < ts->nr && tok_kind(ts, i) != TOK_EOF) {
		if (tok_match(ts, i))
			i = tok_match(ts, i) + 1;
		else if (tok_kind(ts, i) == TOK_IDENT ||
			 tok_kind(ts, i) == TOK_NUMBER || tok_is(ts, i, "."))
			i++;
		else
			break;
		if (i < ts->nr && tok_kind(ts, i) == TOK_IDENT &&
		    tok_kind(ts, i - 1) == TOK_IDENT)
			break; /* two names in a row: a new statement */
	}
	return i;
}

/*
 * A string expression is its parts: each literal, with the literals next
 * to it (side by side, or across "+"), and each other operand, which is
 * an unknown part "${}". part_next gives the first token of the part
 * after the one at token i, or NO_PART when the expression ends there.
 */
#define NO_PART ((size_t)-1)

static size_t
part_next(const struct tokens *ts, size_t i)
{
	i = tok_kind(ts, i) == TOK_STRING ? i + 1 : operand_end(ts, i);
	if (i < ts->nr && tok_kind(ts, i) == TOK_STRING &&
	    tok_kind(ts, i - 1) == TOK_STRING)
		return i; /* "a" "b", or "a" + "b" (tokens.h) */
	if (!tok_is(ts, i, "+") || i + 1 >= ts->nr)
		return NO_PART;
	return operand_end(ts, i + 1) > i + 1 ||
			   tok_kind(ts, i + 1) == TOK_STRING
		   ? i + 1
		   : NO_PART;
}

/* The bytes part i adds to the value (malloc'd), and their number. */
static char *
part_value(const struct tokens *ts, size_t i, size_t *len)
{
	struct token t;

	if (tok_kind(ts, i) != TOK_STRING) {
		char hole[] = {VALUE_UNKNOWN, '\0'};

		*len = 1;
		return xstrdup(hole); /* not a literal: unknown */
	}
	t = tok_get(ts, i);
	return lex_string_value(ts->src->text, &t, ts->lang, len);
}

size_t
tok_byte_offset(const struct tokens *ts, size_t i, const char *v, size_t n,
	       size_t k)
{
	const char *text = ts->src->text;
	struct token t = tok_get(ts, i);
	size_t begin, end, j, q;

	lex_string_body(text, &t, ts->lang, &begin, &end);
	for (j = begin, q = 0; q < n; q++, j++) {
		if (v[q] == VALUE_UNKNOWN && j < end &&
		    (text[j] == '{' || text[j] == '$')) {
			if (q == k)
				return j; /* a field: where it opens */
			j = lex_field_end(text, end, j);
			continue;
		}
		while (j < end && text[j] != v[q])
			j++;
		if (j >= end)
			return SCAN_NOT_EXACT;
		if (q == k)
			return j;
	}
	return SCAN_NOT_EXACT;
}

size_t
scan_join_locate(struct scan_join *j, size_t k, size_t *tok)
{
	struct scan_join_at p;
	size_t lo = 0, hi = j->nsamples, len, off;
	char *v;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (j->samples[mid].at <= k)
			lo = mid;
		else
			hi = mid;
	}
	p = j->samples[lo];
	if (j->cursor.at <= k && j->cursor.at > p.at)
		p = j->cursor; /* spans are mostly asked for in order */
	for (;;) {
		v = part_value(j->ts, p.tok, &len);
		if (k < p.at + len || part_next(j->ts, p.tok) == NO_PART)
			break;
		free(v);
		p.at += len;
		p.tok = part_next(j->ts, p.tok);
	}
	j->cursor = p;
	*tok = p.tok;
	off = tok_kind(j->ts, p.tok) == TOK_STRING && k < p.at + len
		  ? tok_byte_offset(j->ts, p.tok, v, len, k - p.at)
		  : SCAN_NOT_EXACT;
	free(v);
	return off;
}

size_t
scan_join(struct tokens *ts, size_t i, struct buf *value, struct scan_join *j)
{
	size_t nparts = 0, len, b;
	struct token last;
	char *v;

	memset(j, 0, sizeof(*j));
	j->ts = ts;
	for (; i != NO_PART; i = part_next(ts, i), nparts++) {
		if (nparts % JOIN_SAMPLE == 0) {
			ALLOC_GROW(j->samples, j->nsamples + 1, j->alloc);
			j->samples[j->nsamples].at = value->len;
			j->samples[j->nsamples++].tok = i;
		}
		if (tok_kind(ts, i) == TOK_STRING) {
			j->last = i;
			tok_judge(ts, i);
		}
		v = part_value(ts, i, &len);
		buf_add(value, v, len);
		free(v);
	}
	j->len = value->len;
	j->cursor = j->samples[0];
	last = tok_get(ts, j->last);
	lex_string_body(ts->src->text, &last, ts->lang, &b, &j->end);
	return nparts;
}

void
scan_join_release(struct scan_join *j)
{
	free(j->samples);
	memset(j, 0, sizeof(*j));
}

void
scan_judge_expr(struct fact_ctx *fx, struct eval *ev, size_t i,
		const struct client_fact *context, int driver_position)
{
	struct value v;
	struct text_map map;
	struct conn_string cs;

	value_init(&v);
	eval_expr(ev, i, &v);
	if (strlen(v.text.ptr) == v.text.len &&
	    (v.text.len || driver_position)) {
		memset(&map, 0, sizeof(map));
		map.src = ev->ts->src;
		map.map = value_offset;
		map.map_arg = &v;
		map.base = value_offset(&v, 0);
		map.end = v.text.len ? value_offset(&v, v.text.len - 1) + 1
				     : map.base;
		if (map.end < map.base)
			map.end = map.base;
		cs = conn_string_plain(v.text.ptr, v.text.len, &map,
				       "connection string");
		cs.value = &v;
		cs.env = context;
		cs.driver_position = driver_position;
		conn_string_judge(fx, &cs);
	}
	value_release(&v);
}

void
scan_password_expr(struct fact_ctx *fx, struct eval *ev, size_t i, int driver,
		   const char *where)
{
	struct value v;
	enum value_origin o;

	value_init(&v);
	eval_expr(ev, i, &v);
	o = value_origin_of(&v, 0, v.text.len);
	if (v.text.len && o != ORIGIN_UNKNOWN &&
	    strlen(v.text.ptr) == v.text.len &&
	    !client_is_placeholder(v.text.ptr))
		facts_add(fx->out, FACT_PASSWORD, ev->ts->src,
			  value_offset(&v, 0),
			  value_offset(&v, v.text.len - 1) + 1, driver, "%s%s",
			  where,
			  o == ORIGIN_DEFAULT ? ", as a default" : "");
	value_release(&v);
}

int
scan_jdbc_vendor(struct eval *ev, size_t i)
{
	struct value v;
	int vendor = 0;
	size_t n;

	value_init(&v);
	eval_expr(ev, i, &v);
	n = strcspn(v.text.ptr, "\x1a");
	if (n >= 16 && !strncmp(v.text.ptr, "jdbc:postgresql:", 16))
		vendor = 1;
	else if (n >= 5 && !strncmp(v.text.ptr, "jdbc:", 5) &&
		 memchr(v.text.ptr + 5, ':', n - 5))
		vendor = -1;
	value_release(&v);
	return vendor;
}

void
scan_report_no_verify(struct fact_ctx *fx, const struct tokens *ts,
		      size_t first, size_t last, int driver, const char *what,
		      const char *fix)
{
	fact_set_fix(facts_add(fx->out, FACT_NO_VERIFY, ts->src,
			       tok_begin(ts, first), tok_end(ts, last), driver,
			       "%s", what),
		     tok_begin(ts, last), tok_end(ts, last), fix);
}

void
scan_report_weak_floor(struct fact_ctx *fx, const struct tokens *ts,
		       size_t first, size_t last, const char *what,
		       const char *fix)
{
	fact_set_fix(facts_add(fx->out, FACT_WEAK_FLOOR, ts->src,
			       tok_begin(ts, first), tok_end(ts, last), -1, "%s",
			       what),
		     tok_begin(ts, last), tok_end(ts, last), fix);
}

/* The name token i is one of names (NULL-ended). */
static int
tok_in(const struct tokens *ts, size_t i, const char *const *names)
{
	for (; *names; names++)
		if (tok_is(ts, i, *names))
			return 1;
	return 0;
}

/*
 * The expression at token s is an argument of a call that prints or logs
 * it (print, console.log, logger.info, fmt.Println, System.out.println,
 * log.Printf): a message for people, not a connection (RULES.md decision
 * 7). The call is found walking back to the unclosed "(" before s.
 */
static int
in_log_call(const struct tokens *ts, size_t s)
{
	static const char *const printers[] = {
	    "print", "println", "printf", "Print", "Println", "Printf",
	    "Fprint", "Fprintln", "Fprintf", "puts", NULL};
	static const char *const levels[] = {
	    "log",   "info",   "warn",	 "warning", "error", "debug", "trace",
	    "fatal", "Fatal",  "Fatalf", "Info",    "Infof", "Debug", "Debugf",
	    "Warn",  "Warnf",  "Error",	 "Errorf",  "Log",   "Logf",  "exception",
	    "critical", NULL};
	size_t k = s, depth = 0, steps = 0, q, n;
	const char *qual;

	while (k > 0 && steps++ < 512) {
		k--;
		if (tok_match(ts, k) && tok_match(ts, k) < s)
			continue; /* a bracket closed before s */
		if (tok_punct(ts, k, ')') || tok_punct(ts, k, ']') ||
		    tok_punct(ts, k, '}'))
			depth++;
		else if (tok_opens(ts, k) && depth)
			depth--;
		else if (tok_opens(ts, k))
			break;
	}
	if (!k || !tok_punct(ts, k, '(') || tok_kind(ts, k - 1) != TOK_IDENT)
		return 0;
	if (tok_in(ts, k - 1, printers))
		return 1;
	if (!tok_in(ts, k - 1, levels) || k < 3 || !tok_punct(ts, k - 2, '.'))
		return 0;
	q = k - 3;
	qual = ts->src->text + tok_begin(ts, q);
	n = tok_end(ts, q) - tok_begin(ts, q);
	if ((n == 7 && !strncmp(qual, "console", 7)) || (n == 1 && *qual == 't'))
		return 1;
	for (; n >= 3; n--, qual++)
		if (!strncasecmp(qual, "log", 3))
			return 1;
	return 0;
}

/*
 * The names a format call takes as its format -- fmt.Sprintf(NAME, ...),
 * String.format(NAME, ...), sprintf(NAME, ...), Python's NAME % args and
 * NAME.format(...): their tokens, into *out (one pass over the file).
 */
static size_t
format_names(const struct tokens *ts, size_t **out)
{
	size_t k, n = 0, alloc = 0;

	*out = NULL;
	for (k = 2; k + 2 < ts->nr; k++) {
		if (tok_kind(ts, k) != TOK_IDENT)
			continue;
		if ((tok_punct(ts, k - 1, '(') &&
		     (tok_is(ts, k - 2, "Sprintf") || tok_is(ts, k - 2, "format") ||
		      tok_is(ts, k - 2, "sprintf") ||
		      tok_is(ts, k - 2, "Errorf"))) ||
		    (ts->lang == LEX_PY &&
		     (tok_punct(ts, k + 1, '%') ||
		      (tok_punct(ts, k + 1, '.') &&
		       tok_is(ts, k + 2, "format"))))) {
			ALLOC_GROW(*out, n + 1, alloc);
			(*out)[n++] = k;
		}
	}
	return n;
}

/*
 * A literal with a '%' bound to a name (NAME = "...%s...") that a format
 * call takes as its format (names: format_names): a format, whose
 * conversions are filled in at the call (RULES.md decision 11), not a
 * connection string of its own.
 */
static int
bound_format(const struct tokens *ts, size_t s, const size_t *names, size_t n)
{
	size_t k;

	if (!n || s < 2 || !tok_punct(ts, s - 1, '=') ||
	    tok_kind(ts, s - 2) != TOK_IDENT ||
	    !memchr(ts->src->text + tok_begin(ts, s), '%',
		    tok_end(ts, s) - tok_begin(ts, s)))
		return 0;
	for (k = 0; k < n; k++)
		if (names[k] != s - 2 && tok_same(ts, names[k], s - 2))
			return 1;
	return 0;
}

void
scan_judge_strings_in(struct fact_ctx *fx, struct eval *ev,
		      const struct client_fact *context)
{
	struct tokens *ts = ev->ts;
	size_t i, s, *formats, nformats = format_names(ts, &formats);

	for (i = 0; i < ts->nr; i++) {
		if (tok_kind(ts, i) != TOK_STRING || tok_judged(ts, i))
			continue;
		s = eval_expr_start(ev, i);
		if (s == i && bound_format(ts, s, formats, nformats))
			continue;
		if (in_log_call(ts, s)) {
			struct value v; /* read, so its pieces are done */

			value_init(&v);
			eval_expr(ev, s, &v);
			value_release(&v);
			continue;
		}
		scan_judge_expr(fx, ev, s, context, 0);
	}
	free(formats);
}

void
scan_judge_strings(struct fact_ctx *fx, struct eval *ev, int driver)
{
	struct client_fact context; /* no parameters: only the driver */

	client_fact_init(&context,
			 driver >= 0 ? (enum driver)driver : DRIVER_LIBPQ,
			 ev->ts->src, 0, 0, "environment");
	context.driver_guessed = driver < 0;
	scan_judge_strings_in(fx, ev, &context);
	client_fact_release(&context);
}

void
scan_copy_open(struct source *copy, struct tokens *ts, const struct source *src,
	       char *text, enum lex_lang lang)
{
	source_from_mem(copy, src->path, text, src->len);
	copy->kind = src->kind;
	free(text);
	tokens_read(ts, copy, lang, 0);
}

void
scan_copy_close(struct fact_ctx *fx, size_t from, const struct source *src,
		struct source *copy, struct tokens *ts)
{
	size_t i;

	tokens_release(ts);
	for (i = from; i < fx->out->nr; i++) {
		fx->out->v[i].src = src;
		if (fx->out->v[i].conn)
			fx->out->v[i].conn->src = src;
	}
	source_release(copy);
}

void
scan_hand_over(struct tokens *ts, struct tokens *lexed)
{
	if (lexed)
		*lexed = *ts;
	else
		tokens_release(ts);
}
