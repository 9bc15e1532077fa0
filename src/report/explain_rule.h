/* SPDX-License-Identifier: MIT */
/*
 * explain_rule.h — a rule's explanation: what it does, why it matters,
 * how to fix it, its examples. The text of --explain and of the language
 * server's hover.
 */
#ifndef PGT_EXPLAIN_RULE_H
#define PGT_EXPLAIN_RULE_H

#include "../rules/rule.h"
#include "../util/buf.h"

/* Appends r's explanation to out, as plain text. A custom rule's text
 * (--rules-dir) is the tree's: the caller escapes it for a terminal. */
void explain_rule(const struct rule *r, struct buf *out);

#endif
