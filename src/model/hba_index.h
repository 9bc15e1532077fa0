/* SPDX-License-Identifier: MIT */
/*
 * hba_index.h — the first earlier pg_hba.conf record that matches all of
 * a piece of another, by hash lookups (see hba_index.c).
 */
#ifndef PGT_HBA_INDEX_H
#define PGT_HBA_INDEX_H

#include <stddef.h>

#include "hba_model.h"

struct hba_index;

/* An empty index; it is built from the records on first use. */
struct hba_index *hba_index_new(void);
void hba_index_free(struct hba_index *ix);

/*
 * The first valid entry before entry i whose record matches every
 * connection of kind (one enum conn_kind bit) to database token db, as
 * user token user, from address piece p; or -1. Builds ix from conf's
 * records the first time.
 */
long hba_index_first(const struct hba_conf *conf, struct hba_index *ix,
		     size_t i, unsigned kind, const struct hba_token *db,
		     const struct hba_token *user,
		     const struct hba_addr_piece *p);

/* The cover of entry i for every kind (hba_covered(conf, i, ~0u, 0)), when
 * it was kept; else NULL. Each check asks for it: it is computed once. */
const struct hba_cover *hba_index_cover(const struct hba_conf *conf,
					struct hba_index *ix, size_t i);
void hba_index_keep_cover(struct hba_index *ix, size_t i,
			  const struct hba_cover *c);

#endif
