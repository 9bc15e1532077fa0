/* SPDX-License-Identifier: MIT */
/* diag.c — the list of file-level diagnostics. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void
diags_add(struct diags *d, const char *path, int is_error, char *message)
{
	ALLOC_GROW(d->v, d->nr + 1, d->alloc);
	d->v[d->nr].path = xstrdup(path);
	d->v[d->nr].message = message;
	d->v[d->nr].is_error = is_error;
	d->nr++;
}

size_t
diags_errors(const struct diags *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->nr; i++)
		n += d->v[i].is_error != 0;
	return n;
}

void
diags_release(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->nr; i++) {
		free(d->v[i].path);
		free(d->v[i].message);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
