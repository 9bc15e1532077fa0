/* SPDX-License-Identifier: MIT */
/*
 * secrets.h — the one place that knows what is secret, and masks it.
 *
 * Every output that echoes what a file holds (source lines under
 * --show-source, --diff, messages, --show-settings, --explain-conn) goes
 * through here. Secrets are found by each format's own rules -- its parser
 * or lexer, its quoting -- not by a guess at where a value ends: a quoted
 * value is masked to its closing quote, a YAML or Kubernetes value on the
 * line after its key is masked there, a joined string has every literal
 * part that holds secret bytes masked.
 *
 * What counts as secret: libpq's password and sslpassword (keyword/value,
 * URI query, JDBC), a URI's user-info password up to the last '@' before
 * the host, pg_hba.conf's ldapbindpasswd and radiussecrets, and any
 * setting, key, property, variable or argument named like a password,
 * passphrase, secret, token or key (PGPASSWORD, spring.datasource.password,
 * DB_PASSWORD, setPassword(...), getConnection's third argument).
 */
#ifndef PGT_SECRETS_H
#define PGT_SECRETS_H

#include <stddef.h>

#include "util/source.h"

struct tokens;

#define MASK_TEXT "****"

/* Whether a setting, key or variable called name[0..len) holds a secret
 * (password, passwd, pwd, passphrase, secret, token, key, ...). */
int secrets_name_is_secret(const char *name, size_t len);

/*
 * The byte ranges of src that hold secrets, by the format src->kind says
 * (FILE_NONE: the rules for plain text). Found on first use and kept in
 * src, which owns them.
 */
const struct source_ranges *secrets_of(const struct source *src);

/*
 * For source code its scanner has lexed: finds src's secrets (as
 * secrets_of would, and keeps them there) from ts, that lexing's tokens,
 * instead of lexing the file again. Tokens of another file or lexed
 * otherwise are not used. ts's TOKF_JUDGED marks are cleared.
 */
void secrets_find_in_tokens(const struct source *src, struct tokens *ts);

/*
 * A malloc'd copy of src's bytes [begin, end) (one line, say) with every
 * secret byte masked: each run of them becomes MASK_TEXT. When col is not
 * NULL, *col (an offset from begin) is moved to where that byte is in the
 * copy; likewise *end_col.
 */
char *secrets_mask_span(const struct source *src, size_t begin, size_t end,
			size_t *col, size_t *end_col);

/*
 * A malloc'd copy of value (len bytes) fit to print for a setting or
 * parameter called name (NULL: none): MASK_TEXT when the name is secret,
 * else the value with the secrets it holds masked (a connection string's
 * password, a URI's user info).
 */
char *secrets_mask_value(const char *name, const char *value, size_t len);

/*
 * The same, cut after QUOTE_MAX bytes (at a character boundary, with
 * "..." after it): a value as a message quotes it.
 */
char *secrets_quote(const char *name, const char *value, size_t len);

/*
 * Masks, in place of the malloc'd message *msg, every secret of src
 * quoted in it: a safety net for messages that echo a file's bytes.
 */
void secrets_mask_message(const struct source *src, char **msg);

#endif
