/* SPDX-License-Identifier: MIT */
/*
 * mask.h — keep secrets out of every output.
 *
 * Any text we echo from a scanned file passes through here first.
 */
#ifndef PGT_MASK_H
#define PGT_MASK_H

#include <stddef.h>

#define MASK_TEXT "****"

/*
 * Returns a malloc'd copy of value (len bytes) fit to print for a setting
 * or parameter called name: the whole value becomes MASK_TEXT when the
 * name is about a password or passphrase; password=... in a conninfo and
 * the password of a URI's user info are replaced by MASK_TEXT.
 */
char *mask_value(const char *name, const char *value, size_t len);

/* Masks password=... and scheme://user:password@ inside text. */
char *mask_conninfo(const char *text, size_t len);

#endif
