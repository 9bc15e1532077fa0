/* SPDX-License-Identifier: MIT */
/*
 * secrets_text.h — the secrets a piece of text holds, by the rules every
 * format shares (see secrets_text.c); for secrets.c and secrets_code.c.
 */
#ifndef PGT_SECRETS_TEXT_H
#define PGT_SECRETS_TEXT_H

#include <stddef.h>

#include "scanners/tokens.h"
#include "util/source.h"

/* Newest libpq: its keyword list is the longest. */
#define SECRETS_PG_VERSION 18

/* Adds [b, e) (nothing when empty); secrets_normalize sorts and merges. */
void secrets_add(struct source_ranges *r, size_t b, size_t e);
void secrets_normalize(struct source_ranges *r);

char secrets_lower(char c);

/* A value that is only a placeholder (${X}, $X, {{ x }}, <x>). */
int secrets_lone_placeholder(const char *v, size_t n);

/* KEY (=|:|:=|=>) VALUE for keys named like a secret, into out as ranges
 * of v. */
void secrets_plain_text(const char *v, size_t n, struct source_ranges *out);

/* A URI's password, from the ':' of its user info up to the last '@'. */
void secrets_uri_userinfo(const char *v, size_t n, struct source_ranges *out);

/* Whether text holds pass, pwd, secret, token, key, cred (any case) or
 * "://", which every rule here needs: without, it holds no secret. */
int secrets_might_hold(const char *text, size_t len);

/* The secrets of a string's value: parsed as the connection string it is
 * (libpq keyword/value or URI, JDBC), else the plain-text rules; and a
 * URI's user info in every case. */
void secrets_in_string(const char *v, size_t n, struct source_ranges *out);

/*
 * Moves the ranges vr of a value v[0..n) written at text[b, e) into out:
 * exactly when verbatim; else each byte found in order in [b, e), or the
 * whole of [b, e) when they cannot be.
 */
void secrets_map_value(const struct source_ranges *vr, const char *text,
		       size_t b, size_t e, const char *v, size_t n,
		       int verbatim, struct source_ranges *out);

/* The secrets of source code (secrets_code.c): lexed as
 * secrets_code_lang says, or from tokens of that lexing (their TOKF_JUDGED
 * marks cleared). */
void secrets_in_code(const struct source *src, struct source_ranges *out);
void secrets_in_tokens(struct tokens *ts, struct source_ranges *out);
enum lex_lang secrets_code_lang(const struct source *src);

#endif
