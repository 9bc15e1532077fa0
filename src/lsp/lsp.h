/* SPDX-License-Identifier: MIT */
/*
 * lsp.h — pgtlslint lsp: a language server over standard input and
 * output (LSP 3.17). Diagnostics for each open document's text as the
 * editor holds it, safe fixes and ignore comments as code actions, the
 * rule's explanation on hover.
 */
#ifndef PGT_LSP_H
#define PGT_LSP_H

#include "../cli.h"

/* Serves on in_fd and out_fd until the client sends exit or the input
 * ends. o gives what a command line would (--config, --pg-version,
 * --enable, ...). Returns the exit status the protocol asks for: 0 after
 * shutdown and exit, else 1. */
int lsp_serve(const struct pgt_options *o, int in_fd, int out_fd);

#endif
