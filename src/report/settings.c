/* SPDX-License-Identifier: MIT */
/* settings.c — --show-settings: a server's effective settings, each with
 * where it was made. */
#include "settings.h"

#include <stdlib.h>
#include <string.h>

#include "../model/guc.h"
#include "../model/server.h"
#include "../secrets.h"
#include "../util/term.h"

/* name = 'value' as postgresql.conf quotes it, secrets masked and
 * control bytes escaped. */
static void
put_setting(struct buf *out, const char *name, const char *value, size_t len)
{
	char *shown = secrets_mask_value(name, value, len);
	struct buf quoted = BUF_INIT;
	size_t k;

	for (k = 0; shown[k]; k++) {
		if (shown[k] == '\'')
			buf_addch(&quoted, '\'');
		buf_addch(&quoted, shown[k]);
	}
	term_escape(out, name, strlen(name), 0);
	buf_adds(out, " = '");
	term_escape(out, quoted.ptr, quoted.len, TERM_KEEP_TABS);
	buf_addch(out, '\'');
	buf_release(&quoted);
	free(shown);
}

/* "\t# path:line\n", the path escaped; a line PostgreSQL refuses says
 * so: "\t# path:line (refused: why)\n". */
static void
put_origin(struct buf *out, const char *path, uint32_t line,
	   const char *refused)
{
	buf_adds(out, "\t# ");
	term_escape(out, path, strlen(path), 0);
	buf_addf(out, ":%u", line);
	if (refused)
		buf_addf(out, " (refused: %s)", refused);
	buf_addch(out, '\n');
}

/* Effective settings: each winning assignment with where it was made, then
 * for a root the defaults in force for the typed settings never set. */
void
settings_dump(struct buf *out, const struct server_config *cfg, int root)
{
	const struct guc_def *def;
	size_t i;

	buf_adds(out, "# ");
	term_escape(out, cfg->files[0]->path, strlen(cfg->files[0]->path), 0);
	buf_addch(out, '\n');
	for (i = 0; i < cfg->nr; i++) {
		const struct setting *s = &cfg->v[i];

		if (s->overridden)
			continue;
		put_setting(out, s->name, s->value, s->value_len);
		put_origin(out, s->src->path, s->line, s->refused);
	}
	if (!root || cfg->incomplete)
		return;
	for (i = 0; (def = guc_at(i)); i++) {
		const char *v = guc_default(def, cfg->version);

		if (def->since > cfg->version ||
		    server_config_get(cfg, def->name))
			continue;
		put_setting(out, def->name, v, strlen(v));
		buf_addf(out, "\t# default (PostgreSQL %d)\n", cfg->version);
	}
}
