/* SPDX-License-Identifier: MIT */
/* confdir.c — GetConfFilesInDir's choice of files. */
#include "confdir.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
