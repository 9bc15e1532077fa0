/* SPDX-License-Identifier: MIT */
/* checks.c — the registry of C checks, and how they report. */
#include "checks.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"
#include "checks_server.h"

static const struct check registry[] = {
	{"ssl_ca_unset", TARGET_PGCONF, check_ssl_ca_unset},
	{"ssl_ciphers_weak", TARGET_PGCONF, check_ssl_ciphers},
	{"ssl_disabled", TARGET_PGCONF, check_ssl_disabled},
	{"ssl_files_missing", TARGET_PGCONF, check_ssl_files},
	{"ssl_max_protocol", TARGET_PGCONF, check_ssl_max_protocol},
	{"ssl_min_protocol", TARGET_PGCONF, check_ssl_min_protocol},
};

const struct check *
check_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(registry) / sizeof(registry[0]); i++)
		if (!strcmp(registry[i].name, name))
			return &registry[i];
	return NULL;
}

struct finding *
check_emit(struct check_ctx *ctx, const struct rule *r,
	   const struct source *src, size_t begin, size_t end,
	   const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	return findings_add(ctx->out, r, src, begin, end, msg);
}
