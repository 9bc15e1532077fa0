/* SPDX-License-Identifier: MIT */
/*
 * yaml_carrier.h — the name = value pairs a YAML file holds, for the
 * client rules: every scalar under its key (with the dotted key path, as
 * Spring flattens application.yml), docker-compose "environment" lists and
 * maps, and Kubernetes "env" name/value items. All documents of a stream.
 */
#ifndef PGT_YAML_CARRIER_H
#define PGT_YAML_CARRIER_H

#include "../util/source.h"
#include "assign.h"

/* Nodes visited per file at most (YAML aliases can multiply a tree). */
#define YAML_MAX_NODES 200000
#define YAML_MAX_DEPTH 64

/*
 * Fills out from src. Returns 0, or -1 with *err (malloc'd) describing a
 * YAML error as "line:col: problem" (reading stops there) or the first
 * document that a limit kept from being read whole (the others are read:
 * a document nested deeper than YAML_MAX_FLOW_DEPTH in flow collections,
 * one of more than YAML_MAX_NODES nodes); what was read stays in out.
 */
int yaml_carrier_parse(const struct source *src, assign_keep_fn keep,
		       struct assignments *out, char **err);

#endif
