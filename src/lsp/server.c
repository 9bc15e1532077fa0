/* SPDX-License-Identifier: MIT */
/*
 * server.c — the language server: JSON-RPC messages (read with jansson)
 * to documents, lint runs and replies.
 * https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/
 *
 * Each open document is linted as its text stands in the editor, as
 * standard input named by its path would be: its .pgtlslint.yaml scope,
 * kind and cross-file partner (the postgresql.conf beside a pg_hba.conf)
 * are those of the command line. Edits that arrive together are linted
 * once, after the last.
 */
#include "lsp.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../lint.h"
#include "../report/explain_rule.h"
#include "../report/report.h"
#include "../scope.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"
#include "document.h"
#include "ignore_edit.h"
#include "transport.h"

/* JSON-RPC 2.0 and LSP error codes. */
enum {
	ERR_PARSE = -32700,
	ERR_INVALID_REQUEST = -32600,
	ERR_METHOD_NOT_FOUND = -32601,
	ERR_INVALID_PARAMS = -32602,
	ERR_SERVER_NOT_INITIALIZED = -32002
};

/* window/logMessage types. */
enum { LOG_ERROR = 1, LOG_WARNING = 2 };

struct server {
	const struct pgt_options *o; /* borrowed */
	struct lsp_reader in;
	int out;
	struct lsp_docs docs;
	int initialized, shut_down, exit_seen, out_gone;
};

/* A JSON string of s[0..n), its invalid UTF-8 bytes replaced by U+FFFD
 * (a file's bytes reach messages; jansson takes only UTF-8). */
static json_t *
jstrn(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	json_t *v;
	size_t i = 0;

	while (i < n) {
		size_t k = utf8_valid_seq(s + i, n - i);

		if (k)
			buf_add(&b, s + i, k);
		else
			buf_adds(&b, "\xEF\xBF\xBD");
		i += k ? k : 1;
	}
	v = json_stringn(b.ptr, b.len);
	buf_release(&b);
	return v;
}

static json_t *
jstr(const char *s)
{
	return jstrn(s, strlen(s));
}

/* Sends msg (taken). */
static void
send_json(struct server *s, json_t *msg)
{
	char *text = msg ? json_dumps(msg, JSON_COMPACT) : NULL;

	if (text && !s->out_gone &&
	    lsp_write_message(s->out, text, strlen(text)))
		s->out_gone = 1;
	free(text);
	json_decref(msg);
}

static void
reply(struct server *s, json_t *id, json_t *result)
{
	send_json(s, json_pack("{s:s,s:O,s:o}", "jsonrpc", "2.0", "id", id,
			       "result", result ? result : json_null()));
}

static void PGT_PRINTF(4, 5)
    reply_error(struct server *s, json_t *id, int code, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	send_json(s, json_pack("{s:s,s:O,s:{s:i,s:o}}", "jsonrpc", "2.0", "id",
			       id ? id : json_null(), "error", "code", code,
			       "message", jstr(msg)));
	free(msg);
}

static void
notify(struct server *s, const char *method, json_t *params)
{
	send_json(s, json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method",
			       method, "params", params));
}

/* What a notification could not do: it has no reply, so the client's
 * log says it. */
static void PGT_PRINTF(3, 4)
    log_message(struct server *s, int type, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	notify(s, "window/logMessage",
	       json_pack("{s:i,s:o}", "type", type, "message", jstr(msg)));
	free(msg);
}

static const char *
get_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* A Position; 0, or -1 when obj is not one. */
static int
get_pos(const json_t *obj, struct lsp_pos *p)
{
	const json_t *l = json_object_get(obj, "line"),
		     *c = json_object_get(obj, "character");

	if (!json_is_integer(l) || !json_is_integer(c) ||
	    json_integer_value(l) < 0 || json_integer_value(c) < 0 ||
	    json_integer_value(l) > UINT32_MAX ||
	    json_integer_value(c) > UINT32_MAX)
		return -1;
	p->line = (uint32_t)json_integer_value(l);
	p->character = (uint32_t)json_integer_value(c);
	return 0;
}

static int
get_range(const json_t *obj, struct lsp_pos *start, struct lsp_pos *end)
{
	return !json_is_object(obj) ||
		       get_pos(json_object_get(obj, "start"), start) ||
		       get_pos(json_object_get(obj, "end"), end)
		   ? -1
		   : 0;
}

static json_t *
pos_json(struct lsp_pos p)
{
	return json_pack("{s:I,s:I}", "line", (json_int_t)p.line, "character",
			 (json_int_t)p.character);
}

static json_t *
range_json(struct lsp_pos start, struct lsp_pos end)
{
	return json_pack("{s:o,s:o}", "start", pos_json(start), "end",
			 pos_json(end));
}

static json_t *
diagnostic_json(const struct lsp_published *p)
{
	json_t *d =
	    json_pack("{s:o,s:i,s:s,s:o}", "range",
		      range_json(p->start, p->end), "severity", p->severity,
		      "source", "pgtlslint", "message", jstr(p->message));

	if (p->rule_id)
		json_object_set_new(d, "code", jstr(p->rule_id));
	if (p->href)
		json_object_set_new(d, "codeDescription",
				    json_pack("{s:o}", "href", jstr(p->href)));
	return d;
}

static void
publish(struct server *s, const struct lsp_doc *doc)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < doc->npublished; i++)
		json_array_append_new(list,
				      diagnostic_json(&doc->published[i]));
	notify(s, "textDocument/publishDiagnostics",
	       json_pack("{s:s,s:I,s:o}", "uri", doc->uri, "version",
			 (json_int_t)doc->version, "diagnostics", list));
}

/* The command line's options, for one document: its text is "-", named
 * by its path (paths: the caller's list, released by the caller). */
static struct pgt_options
options_for(const struct server *s, const struct lsp_doc *doc)
{
	struct pgt_options o = *s->o;

	memset(&o.paths, 0, sizeof(o.paths));
	str_list_add(&o.paths, "-");
	o.stdin_filename = doc->path;
	o.stdin_type = NULL;
	o.jobs = 1;
	o.shard = o.shards = 0;
	o.show_settings = 0;
	if (!o.now_set)
		o.now = (int64_t)time(NULL); /* the server runs for days */
	return o;
}

/* The postgresql.conf beside a pg_hba.conf, when there is one: the
 * pairing lint.c makes on the command line (RULES.md PGT210, PGT211). */
static char *
server_conf_beside(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *conf;

	if (!slash)
		return NULL;
	conf = xasprintf("%.*s/postgresql.conf", (int)(slash - path), path);
	if (!strcmp(conf, path) || access(conf, F_OK)) {
		free(conf);
		return NULL;
	}
	return conf;
}

/* Whether the walk would skip path: it, or a directory it is in, is
 * excluded (--exclude, or a .pgtlslint.yaml's exclude:). */
static int
excluded(struct scopes *scopes, const char *path)
{
	char *p = xstrdup(path), *slash;
	int hit = scopes_excluded(scopes, p);

	while (!hit && (slash = strrchr(p, '/')) && slash != p) {
		*slash = '\0';
		hit = scopes_excluded(scopes, p);
	}
	free(p);
	return hit;
}

struct published_list {
	struct lsp_published *v;
	size_t nr, alloc;
};

static struct lsp_published *
published_add(struct published_list *l, const char *message, int severity)
{
	struct lsp_published *p;

	ALLOC_GROW(l->v, l->nr + 1, l->alloc);
	p = &l->v[l->nr++];
	memset(p, 0, sizeof(*p));
	p->message = xstrdup(message);
	p->severity = severity;
	return p;
}

static void
add_finding(struct published_list *l, const struct lsp_doc *doc,
	    const struct finding *f)
{
	static const int severity[SEV__COUNT] = {1, 2, 3};
	struct lsp_published *p =
	    published_add(l, f->message, severity[f->severity]);
	/* source_decode dropped a byte order mark the editor may have sent */
	size_t bom =
	    doc->text.len >= 3 && !memcmp(doc->text.ptr, "\xEF\xBB\xBF", 3) ? 3
									    : 0;

	p->rule_id = xstrdup(f->rule->id);
	p->href = f->rule->help_uri ? xstrdup(f->rule->help_uri) : NULL;
	p->start.line = p->end.line = f->line ? f->line - 1 : 0;
	p->start.character = f->col16 ? f->col16 - 1 : 0;
	p->end.character = f->end_col16 ? f->end_col16 - 1 : p->start.character;
	if (f->fix) {
		p->fix_text = xstrdup(f->fix->text);
		p->fix_start = lsp_pos_of(doc->text.ptr, doc->text.len,
					  f->fix->begin + bom);
		p->fix_end =
		    lsp_pos_of(doc->text.ptr, doc->text.len, f->fix->end + bom);
	}
}

/* Lints doc's text and publishes what it finds. */
static void
lint_doc(struct server *s, struct lsp_doc *doc)
{
	struct pgt_options o;
	struct scopes scopes;
	struct published_list out = {NULL, 0, 0};
	char *err = NULL, *partner = NULL;
	size_t i;

	doc->dirty = 0;
	if (!doc->path || doc->kind == FILE_NONE) {
		lsp_doc_set_published(doc, NULL, 0);
		publish(s, doc);
		return;
	}
	o = options_for(s, doc);
	if (doc->kind == FILE_HBA && (partner = server_conf_beside(doc->path)))
		str_list_add(&o.paths, partner);
	if (scopes_init(&scopes, &o, &err)) {
		published_add(&out, err, 1);
		free(err);
	} else if (!excluded(&scopes, doc->path)) {
		struct lint_buffer *bufs =
		    xcalloc(s->docs.nr + 1, sizeof(*bufs));
		struct lint_result res;
		size_t n = 0;

		for (i = 0; i < s->docs.nr; i++)
			if (s->docs.v[i] != doc && s->docs.v[i]->path) {
				bufs[n].path = s->docs.v[i]->path;
				bufs[n].text = s->docs.v[i]->text.ptr;
				bufs[n++].len = s->docs.v[i]->text.len;
			}
		lint_run_buffers(&o, &scopes, &doc->text, bufs, n, &res);
		for (i = 0; i < res.findings.nr; i++)
			if (!strcmp(res.findings.v[i].path, doc->path))
				add_finding(&out, doc, &res.findings.v[i]);
		for (i = 0; i < res.diags.nr; i++)
			if (!partner || strcmp(res.diags.v[i].path, partner))
				published_add(&out, res.diags.v[i].message,
					      res.diags.v[i].is_error ? 1 : 3);
		lint_result_release(&res);
		free(bufs);
	}
	scopes_release(&scopes);
	free(o.paths.v);
	free(partner);
	lsp_doc_set_published(doc, out.v, out.nr);
	publish(s, doc);
}

/* Lints every document changed since it was last linted; a changed
 * postgresql.conf changes what the pg_hba.conf files open beside it say. */
static void
lint_dirty(struct server *s)
{
	size_t i, j;

	for (i = 0; i < s->docs.nr; i++)
		if (s->docs.v[i]->dirty &&
		    s->docs.v[i]->kind == FILE_PGCONF_ROOT)
			for (j = 0; j < s->docs.nr; j++)
				if (s->docs.v[j]->kind == FILE_HBA)
					s->docs.v[j]->dirty = 1;
	for (i = 0; i < s->docs.nr && !s->out_gone; i++)
		if (s->docs.v[i]->dirty)
			lint_doc(s, s->docs.v[i]);
}

static void
mark_all_dirty(struct server *s)
{
	size_t i;

	for (i = 0; i < s->docs.nr; i++)
		s->docs.v[i]->dirty = 1;
}

/* ---- requests ---- */

static void
on_initialize(struct server *s, json_t *id, json_t *params)
{
	(void)params;
	if (s->initialized) {
		reply_error(s, id, ERR_INVALID_REQUEST,
			    "initialize was already received");
		return;
	}
	s->initialized = 1;
	reply(s, id,
	      json_pack("{s:{s:s,s:{s:b,s:i,s:{s:b}},s:{s:[s]},s:b},"
			"s:{s:s,s:s}}",
			"capabilities", "positionEncoding", "utf-16",
			"textDocumentSync", "openClose", 1, "change", 2, "save",
			"includeText", 0, "codeActionProvider",
			"codeActionKinds", "quickfix", "hoverProvider", 1,
			"serverInfo", "name", "pgtlslint", "version",
			pgtlslint_version));
}

static void
on_shutdown(struct server *s, json_t *id, json_t *params)
{
	(void)params;
	s->shut_down = 1;
	reply(s, id, NULL);
}

static json_t *
text_edit(const char *uri, struct lsp_pos start, struct lsp_pos end,
	  const char *text)
{
	return json_pack("{s:{s:[{s:o,s:o}]}}", "changes", uri, "range",
			 range_json(start, end), "newText", jstr(text));
}

static json_t *
code_action(const char *title, const struct lsp_published *p, json_t *edit,
	    int preferred)
{
	return json_pack("{s:o,s:s,s:[o],s:o,s:b}", "title", jstr(title),
			 "kind", "quickfix", "diagnostics", diagnostic_json(p),
			 "edit", edit, "isPreferred", preferred);
}

/* Whether the client's context.only (absent: any kind) admits
 * "quickfix" (kinds are hierarchical: "" admits all). */
static int
wants_quickfix(const json_t *context)
{
	const json_t *only = json_object_get(context, "only"), *k;
	size_t i;

	if (!json_is_array(only))
		return 1;
	json_array_foreach(only, i, k)
	{
		const char *v = json_string_value(k);

		if (v && (!*v || !strcmp(v, "quickfix")))
			return 1;
	}
	return 0;
}

static void
on_code_action(struct server *s, json_t *id, json_t *params)
{
	const char *uri =
	    get_str(json_object_get(params, "textDocument"), "uri");
	const struct lsp_doc *doc;
	struct lsp_pos start, end;
	json_t *actions;
	size_t i;

	if (!uri || get_range(json_object_get(params, "range"), &start, &end)) {
		reply_error(s, id, ERR_INVALID_PARAMS,
			    "codeAction needs textDocument.uri and range");
		return;
	}
	actions = json_array();
	doc = wants_quickfix(json_object_get(params, "context"))
		  ? lsp_docs_find(&s->docs, uri)
		  : NULL;
	for (i = 0; doc && i < doc->npublished; i++) {
		const struct lsp_published *p = &doc->published[i];
		struct buf line = BUF_INIT;
		char *title;

		if (!p->rule_id || p->start.line < start.line ||
		    p->start.line > end.line)
			continue;
		if (p->fix_text) {
			int insert = !memcmp(&p->fix_start, &p->fix_end,
					     sizeof(p->fix_start));
			char *shown =
			    xstrdup(p->fix_text + (*p->fix_text == '\n'));

			shown[strcspn(shown, "\n")] = '\0';
			title = xasprintf("Fix %s: %s '%s'", p->rule_id,
					  insert ? "add" : "write", shown);
			json_array_append_new(
			    actions,
			    code_action(title, p,
					text_edit(uri, p->fix_start, p->fix_end,
						  p->fix_text),
					1));
			free(title);
			free(shown);
		}
		if (!ignore_line_edit(
			doc->kind, doc->path, doc->text.ptr, doc->text.len,
			lsp_offset_of(doc->text.ptr, doc->text.len,
				      (struct lsp_pos){p->start.line, 0}),
			p->rule_id, &line)) {
			struct lsp_pos at = {p->start.line, 0};

			title = xasprintf("Ignore %s on this line (with a "
					  "reason)",
					  p->rule_id);
			json_array_append_new(
			    actions,
			    code_action(title, p,
					text_edit(uri, at, at, line.ptr), 0));
			free(title);
		}
		buf_release(&line);
	}
	reply(s, id, actions);
}

static void
on_hover(struct server *s, json_t *id, json_t *params)
{
	const char *uri =
	    get_str(json_object_get(params, "textDocument"), "uri");
	const struct lsp_doc *doc;
	struct lsp_pos at;
	struct pgt_options o;
	struct scopes scopes;
	struct buf text = BUF_INIT;
	char *err = NULL;
	const struct lsp_published *first = NULL;
	size_t i;

	if (!uri || get_pos(json_object_get(params, "position"), &at)) {
		reply_error(s, id, ERR_INVALID_PARAMS,
			    "hover needs textDocument.uri and position");
		return;
	}
	doc = lsp_docs_find(&s->docs, uri);
	if (!doc || !doc->path) {
		reply(s, id, NULL);
		return;
	}
	o = options_for(s, doc);
	if (!scopes_init(&scopes, &o, &err)) {
		const struct ruleset *rs = &scopes_for(&scopes, "-")->rules;

		for (i = 0; i < doc->npublished; i++) {
			const struct lsp_published *p = &doc->published[i];
			const struct rule *r;

			if (!p->rule_id || p->start.line != at.line ||
			    at.character < p->start.character ||
			    at.character > p->end.character ||
			    !(r = ruleset_find(rs, p->rule_id)))
				continue;
			if (first)
				buf_adds(&text, "\n---\n\n");
			first = first ? first : p;
			buf_addf(&text, "%s\n\n", p->message);
			explain_rule(r, &text);
		}
	}
	free(err);
	scopes_release(&scopes);
	free(o.paths.v);
	if (!first)
		reply(s, id, NULL);
	else
		reply(s, id,
		      json_pack("{s:{s:s,s:o},s:o}", "contents", "kind",
				"plaintext", "value", jstrn(text.ptr, text.len),
				"range", range_json(first->start, first->end)));
	buf_release(&text);
}

/* ---- notifications ---- */

static void
on_exit(struct server *s, json_t *params)
{
	(void)params;
	s->exit_seen = 1;
}

static void
on_did_open(struct server *s, json_t *params)
{
	const json_t *td = json_object_get(params, "textDocument");
	const char *uri = get_str(td, "uri");
	const json_t *text = json_object_get(td, "text"),
		     *version = json_object_get(td, "version");

	if (!uri || !json_is_string(text)) {
		log_message(s, LOG_ERROR,
			    "pgtlslint: didOpen needs textDocument.uri and "
			    "text");
		return;
	}
	lsp_docs_open(
	    &s->docs, uri, json_string_value(text), json_string_length(text),
	    json_is_integer(version) ? json_integer_value(version) : 0);
}

static void
on_did_change(struct server *s, json_t *params)
{
	const json_t *td = json_object_get(params, "textDocument"),
		     *changes = json_object_get(params, "contentChanges"), *c;
	const char *uri = get_str(td, "uri");
	struct lsp_doc *doc = uri ? lsp_docs_find(&s->docs, uri) : NULL;
	size_t i;

	if (!doc || !json_is_array(changes)) {
		log_message(s, LOG_ERROR, "pgtlslint: didChange %s",
			    doc ? "needs contentChanges"
				: "for a document that is not open");
		return;
	}
	json_array_foreach(changes, i, c)
	{
		const json_t *text = json_object_get(c, "text"),
			     *range = json_object_get(c, "range");
		struct lsp_pos start = {0, 0}, end = {0, 0};

		if (!json_is_string(text) ||
		    (range && get_range(range, &start, &end))) {
			/* the edits after this one would land in the wrong
			 * place: the text is unknown until the next full
			 * change or didOpen */
			log_message(s, LOG_ERROR,
				    "pgtlslint: a malformed change to %s: its "
				    "text is now out of step",
				    uri);
			return;
		}
		lsp_doc_change(doc, range == NULL, start, end,
			       json_string_value(text),
			       json_string_length(text));
	}
	if (json_is_integer(json_object_get(td, "version")))
		doc->version =
		    json_integer_value(json_object_get(td, "version"));
}

static void
on_did_close(struct server *s, json_t *params)
{
	const char *uri =
	    get_str(json_object_get(params, "textDocument"), "uri");
	const struct lsp_doc *doc = uri ? lsp_docs_find(&s->docs, uri) : NULL;

	if (!doc)
		return;
	/* the pg_hba.conf files beside it read the file on disk again */
	if (doc->kind == FILE_PGCONF_ROOT)
		mark_all_dirty(s);
	/* the client shows nothing for a closed document: clear it */
	notify(s, "textDocument/publishDiagnostics",
	       json_pack("{s:s,s:[]}", "uri", uri, "diagnostics"));
	lsp_docs_close(&s->docs, uri);
}

/* didSave, a watched file or the settings changed: configurations and
 * partners on disk may have, so every open document is linted again. */
static void
on_disk_changed(struct server *s, json_t *params)
{
	(void)params;
	mark_all_dirty(s);
}

struct method {
	const char *name;
	void (*request)(struct server *s, json_t *id, json_t *params);
	void (*notification)(struct server *s, json_t *params);
};

static const struct method methods[] = {
    {"initialize", on_initialize, NULL},
    {"shutdown", on_shutdown, NULL},
    {"textDocument/codeAction", on_code_action, NULL},
    {"textDocument/hover", on_hover, NULL},
    {"exit", NULL, on_exit},
    {"textDocument/didOpen", NULL, on_did_open},
    {"textDocument/didChange", NULL, on_did_change},
    {"textDocument/didSave", NULL, on_disk_changed},
    {"textDocument/didClose", NULL, on_did_close},
    {"workspace/didChangeWatchedFiles", NULL, on_disk_changed},
    {"workspace/didChangeConfiguration", NULL, on_disk_changed},
};

static const struct method *
method_named(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (!strcmp(methods[i].name, name))
			return &methods[i];
	return NULL;
}

/* One message: a request (it has an id) gets exactly one reply; a
 * notification none, whatever happens (those we do not act on --
 * initialized, $/cancelRequest, ... -- are dropped). */
static void
handle(struct server *s, const struct buf *body)
{
	json_error_t je;
	json_t *msg = json_loadb(body->ptr, body->len, JSON_ALLOW_NUL, &je);
	json_t *id, *params;
	const json_t *method;
	const struct method *m;

	if (!msg) {
		reply_error(s, NULL, ERR_PARSE,
			    "not JSON: %s (line %d, column %d)", je.text,
			    je.line, je.column);
		return;
	}
	id = json_object_get(msg, "id");
	method = json_object_get(msg, "method");
	params = json_object_get(msg, "params");
	if (!json_is_object(msg) ||
	    (id && !json_is_integer(id) && !json_is_string(id))) {
		reply_error(s, NULL, ERR_INVALID_REQUEST,
			    "a message is an object with an integer or string "
			    "id");
	} else if (!method) {
		/* a response to a request of ours (we send none) or junk */
		if (!json_object_get(msg, "result") &&
		    !json_object_get(msg, "error"))
			reply_error(s, id, ERR_INVALID_REQUEST,
				    "a message without a method");
	} else if (!json_is_string(method)) {
		if (id)
			reply_error(s, id, ERR_INVALID_REQUEST,
				    "method is not a string");
	} else if (!id) {
		m = method_named(json_string_value(method));
		if (m && m->notification &&
		    ((s->initialized && !s->shut_down) ||
		     m->notification == on_exit))
			m->notification(s, params);
	} else {
		m = method_named(json_string_value(method));
		lint_dirty(s); /* a request sees every edit before it */
		if (!m || !m->request)
			reply_error(s, id, ERR_METHOD_NOT_FOUND,
				    "no method '%s'",
				    json_string_value(method));
		else if (!s->initialized && m->request != on_initialize)
			reply_error(s, id, ERR_SERVER_NOT_INITIALIZED,
				    "initialize first");
		else if (s->shut_down)
			reply_error(s, id, ERR_INVALID_REQUEST,
				    "the server is shut down");
		else
			m->request(s, id, params);
	}
	json_decref(msg);
}

int
lsp_serve(const struct pgt_options *o, int in_fd, int out_fd)
{
	struct server s;
	struct buf body = BUF_INIT;
	char *err = NULL;
	enum lsp_read r;

	memset(&s, 0, sizeof(s));
	s.o = o;
	s.out = out_fd;
	lsp_reader_init(&s.in, in_fd);
	while (!s.exit_seen && !s.out_gone &&
	       (r = lsp_read_message(&s.in, &body, &err)) != LSP_READ_EOF) {
		if (r == LSP_READ_BAD) {
			reply_error(&s, NULL, ERR_PARSE, "%s", err);
			free(err);
			err = NULL;
		} else
			handle(&s, &body);
		if (!s.exit_seen && !lsp_input_pending(&s.in))
			lint_dirty(&s);
	}
	buf_release(&body);
	lsp_reader_release(&s.in);
	lsp_docs_release(&s.docs);
	return s.shut_down && s.exit_seen ? 0 : 1;
}
