/* SPDX-License-Identifier: MIT */
/* confdir.c — GetConfFilesInDir's choice of files. */
#include "confdir.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "sort.h"
#include "xalloc.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
confdir_list(const char *dir, char ***paths, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t alloc = 0;

	*paths = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		struct stat sb;
		char *p;

		if (len < 6 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + len - 5, ".conf"))
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (stat(p, &sb) != 0 || S_ISDIR(sb.st_mode)) {
			free(p);
			continue;
		}
		ALLOC_GROW(*paths, *n + 1, alloc);
		(*paths)[(*n)++] = p;
	}
	closedir(d);
	sort_array(*paths, *n, sizeof(**paths), cmp_str);
	return 0;
}

void
confdir_free(char **paths, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

char *
confdir_join(const char *including, const char *target)
{
	const char *slash = strrchr(including, '/');
	char *joined = target[0] == '/' || !slash
			   ? xstrdup(target)
			   : xasprintf("%.*s/%s", (int)(slash - including + 1),
				       including, target);
	char **part = xcalloc(strlen(joined) + 1, sizeof(*part));
	char *p, *save = NULL;
	struct buf out = BUF_INIT;
	size_t n = 0, i;
	int absolute = joined[0] == '/';

	for (p = strtok_r(joined, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
		if (!strcmp(p, "."))
			continue;
		if (!strcmp(p, "..") && n && strcmp(part[n - 1], ".."))
			n--;
		else if (!strcmp(p, "..") && absolute)
			continue; /* "/.." is "/" */
		else
			part[n++] = p;
	}
	if (absolute)
		buf_addch(&out, '/');
	for (i = 0; i < n; i++) {
		if (i)
			buf_addch(&out, '/');
		buf_adds(&out, part[i]);
	}
	if (!out.len)
		buf_addch(&out, '.');
	free(part);
	free(joined);
	return buf_detach(&out);
}
