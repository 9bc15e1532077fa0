/* SPDX-License-Identifier: MIT */
/*
 * explain_hba.h — --explain-hba: for each client address range and
 * database/user a pg_hba.conf names, which record decides a plaintext
 * connection, a TLS connection without a client certificate, and one with
 * a client certificate, and whether it gets in.
 */
#ifndef PGT_EXPLAIN_HBA_H
#define PGT_EXPLAIN_HBA_H

#include "../cli.h"
#include "../model/hba_conf.h"
#include "../util/buf.h"

/*
 * Writes the explanation of conf to out, as a table or (json) a JSON
 * document. probes ("ADDRESS,DATABASE,USER") replace the rows derived
 * from the file. Returns 0, or PGT_EUSAGE with *err (caller frees) for a
 * malformed probe.
 */
int explain_hba(const struct hba_conf *conf, const struct str_list *probes,
		int json, struct buf *out, char **err);

#endif
