/* SPDX-License-Identifier: MIT */
/* ignore_edit.c — where an ignore comment can go, and what it says. */
#include "ignore_edit.h"

#include <string.h>

#include "../scanners/lexer.h"

/* The reason is the user's to write; suppress.c keeps it beside the
 * rule. */
#define REASON "TODO: say why this is safe"

/* The comment that starts a line in kind; NULL: the format has none
 * (JSON). */
static const char *
comment_of(enum file_kind kind)
{
	switch (kind) {
	case FILE_JS:
	case FILE_GO:
	case FILE_JAVA:
	case FILE_PHP:
	case FILE_CSHARP:
	case FILE_PRISMA:
		return "//";
	case FILE_JSON:
	case FILE_NONE:
	case FILE__COUNT:
		return NULL;
	default:
		return "#";
	}
}

/* Whether offset at lies strictly inside a token of text (a string or a
 * comment over several lines), lexed as the scanners lex kind. */
static int
inside_token(enum file_kind kind, const char *path, const char *text,
	     size_t len, size_t at)
{
	enum lex_lang lang;
	struct lexer lx;
	struct token t;
	size_t n = strlen(path);

	switch (kind) {
	case FILE_GO:
		lang = LEX_GO;
		break;
	case FILE_PY:
		lang = LEX_PY;
		break;
	case FILE_JAVA:
	case FILE_CSHARP:
		lang = LEX_JAVA;
		break;
	case FILE_JS:
	case FILE_PHP:
		lang = n && path[n - 1] == 'x' ? LEX_JSX : LEX_JS;
		break;
	default:
		return 0;
	}
	lexer_init(&lx, text, len, lang);
	for (lex_next(&lx, &t); t.kind != TOK_EOF && t.begin < at;
	     lex_next(&lx, &t))
		if (t.end > at)
			return 1;
	return 0;
}

/* Whether offset at (a line start) is inside a quoted value that spans
 * lines: dotenv and shell quotes, TOML's triple quotes. */
static int
inside_quotes(enum file_kind kind, const char *text, size_t at)
{
	char quote = 0;
	size_t i;

	if (kind == FILE_TOML) {
		int open = 0;

		for (i = 0; i + 3 <= at; i++)
			if ((text[i] == '"' || text[i] == '\'') &&
			    text[i + 1] == text[i] && text[i + 2] == text[i]) {
				open = !open;
				i += 2;
			}
		return open;
	}
	if (kind != FILE_ENV && kind != FILE_SHELL)
		return 0;
	for (i = 0; i < at; i++) {
		char c = text[i];

		if (quote) {
			if (c == '\\' && quote == '"' && i + 1 < at)
				i++;
			else if (c == quote)
				quote = 0;
		} else if (c == '\\' && i + 1 < at)
			i++;
		else if (c == '"' || c == '\'')
			quote = c;
		else if (c == '#' &&
			 (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' ||
			  text[i - 1] == '\n'))
			while (i + 1 < at && text[i + 1] != '\n')
				i++;
	}
	return quote != 0;
}

/* The indentation of the line at b: its length. */
static size_t
indent_of(const char *text, size_t len, size_t b)
{
	size_t i = b;

	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	return i - b;
}

/* Whether the YAML line at at is inside a block scalar: the nearest line
 * above that is less indented ends with a "|" or ">" header (YAML 1.2
 * 8.1.1: "|" or ">", then chomping and indentation indicators). */
static int
inside_block_scalar(const char *text, size_t len, size_t at)
{
	size_t ind = indent_of(text, len, at), e = at;

	while (e > 0) {
		size_t b = e - 1, i;

		while (b > 0 && text[b - 1] != '\n')
			b--;
		i = b + indent_of(text, len, b);
		if (i < e - 1 && text[i] != '#' &&
		    indent_of(text, len, b) < ind) {
			size_t k = e - 1;

			while (k > i &&
			       (text[k - 1] == ' ' || text[k - 1] == '\r' ||
				text[k - 1] == '+' || text[k - 1] == '-' ||
				(text[k - 1] >= '1' && text[k - 1] <= '9')))
				k--;
			return k > i &&
			       (text[k - 1] == '|' || text[k - 1] == '>');
		}
		e = b;
	}
	return 0;
}

int
ignore_line_edit(enum file_kind kind, const char *path, const char *text,
		 size_t len, size_t line_start, const char *rule_id,
		 struct buf *out)
{
	const char *comment = comment_of(kind);
	const char *nl = memchr(text + line_start, '\n', len - line_start);
	int crlf = nl && nl > text + line_start && nl[-1] == '\r';
	size_t k = line_start;

	if (!comment)
		return -1;
	/* the line above continues into this one */
	if (k > 0 && text[k - 1] == '\n')
		k--;
	if (k > 0 && text[k - 1] == '\r')
		k--;
	if (k > 0 && text[k - 1] == '\\')
		return -1;
	if (inside_token(kind, path, text, len, line_start) ||
	    inside_quotes(kind, text, line_start) ||
	    ((kind == FILE_YAML) && inside_block_scalar(text, len, line_start)))
		return -1;
	buf_add(out, text + line_start, indent_of(text, len, line_start));
	buf_addf(out, "%s pgtlslint: ignore %s -- " REASON "%s", comment,
		 rule_id, crlf ? "\r\n" : "\n");
	return 0;
}
