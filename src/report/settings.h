/* SPDX-License-Identifier: MIT */
/* settings.h — --show-settings: a server's effective settings. */
#ifndef PGT_SETTINGS_H
#define PGT_SETTINGS_H

#include "../util/buf.h"

struct server_config;

/* Appends to out each winning assignment of cfg with where it was made
 * (secrets masked, control bytes escaped), then, for a root whose
 * settings are all known, the defaults in force for the typed settings
 * never set. */
void settings_dump(struct buf *out, const struct server_config *cfg, int root);

#endif
