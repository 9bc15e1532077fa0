/* SPDX-License-Identifier: MIT */
/*
 * transport.h — the language server protocol's base protocol: messages
 * framed by a "Content-Length: N" header and a blank line, read from and
 * written to file descriptors.
 * https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#baseProtocol
 */
#ifndef PGT_LSP_TRANSPORT_H
#define PGT_LSP_TRANSPORT_H

#include <stddef.h>

#include "../util/buf.h"

/* Largest message read: a larger one is skipped (its bytes read and
 * dropped) and answered with an error. */
#define LSP_MAX_MESSAGE ((size_t)64 << 20)
/* Largest header section; a longer one is not a header. */
#define LSP_MAX_HEADER 8192

struct lsp_reader {
	int fd;
	char *buf;	      /* owned; bytes read, not yet consumed */
	size_t off, len, cap; /* buf[off..len) unread */
	int eof;
};

enum lsp_read {
	LSP_READ_MESSAGE, /* body holds a message */
	LSP_READ_BAD,	  /* a framing error: *err says what; go on reading */
	LSP_READ_EOF	  /* the input ended (perhaps in a message) */
};

void lsp_reader_init(struct lsp_reader *r, int fd);
void lsp_reader_release(struct lsp_reader *r);

/* Reads the next message's body into body (reset first). On LSP_READ_BAD,
 * *err (caller frees) names the problem. */
enum lsp_read lsp_read_message(struct lsp_reader *r, struct buf *body,
			       char **err);

/* Whether a whole message is waiting, or bytes are: the caller may read on
 * before doing slow work (a burst of edits is linted once). */
int lsp_input_pending(const struct lsp_reader *r);

/* Writes one message. Returns 0, or -1 when the output is gone. */
int lsp_write_message(int fd, const char *json, size_t len);

#endif
