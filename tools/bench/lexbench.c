/* SPDX-License-Identifier: MIT */
/*
 * lexbench.c — the lexer alone, at memory speed: reads every JS/TS, Go,
 * Python and Java file named on standard input (one path a line) into
 * memory, then times tokens_read over all of them, the way the scanners
 * call it, ROUNDS times. Prints the bytes lexed and the MB/s of the
 * fastest, median and slowest round on one core (CPU time of this
 * thread, so the machine's other load does not count).
 *
 * A measurement for `make bench` (tools/bench/bench.py), not a test.
 *
 * usage: lexbench < list-of-paths
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scanners/tokens.h"
#include "secrets_text.h"
#include "util/source.h"
#include "util/xalloc.h"
#include "walk.h"

#define ROUNDS 7

struct input {
	struct source src;
	enum lex_lang lang;
};

static double
cpu_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(void)
{
	struct input *in = NULL;
	size_t n = 0, alloc = 0, i, tokens = 0, bytes = 0;
	double secs[ROUNDS];
	char line[4096];
	int r;

	while (fgets(line, sizeof(line), stdin)) {
		char *err = NULL;
		enum file_kind kind;

		line[strcspn(line, "\n")] = '\0';
		kind = walk_classify(line);
		if (kind != FILE_JS && kind != FILE_GO && kind != FILE_PY &&
		    kind != FILE_JAVA)
			continue;
		ALLOC_GROW(in, n + 1, alloc);
		if (source_load(&in[n].src, line, &err) != PGT_OK) {
			fprintf(stderr, "lexbench: %s\n", err);
			free(err);
			continue;
		}
		/* the language its scanner lexes it as */
		in[n].src.kind = kind;
		in[n].lang = secrets_code_lang(&in[n].src);
		bytes += in[n++].src.len;
	}
	for (r = 0; r < ROUNDS; r++) {
		double start = cpu_seconds();

		tokens = 0;
		for (i = 0; i < n; i++) {
			struct tokens ts;

			tokens_read(&ts, &in[i].src, in[i].lang, 0);
			tokens += ts.nr;
			tokens_release(&ts);
		}
		secs[r] = cpu_seconds() - start;
	}
	qsort(secs, ROUNDS, sizeof(secs[0]), cmp_double);
	printf("%zu files, %zu bytes, %zu tokens; MB/s fastest %.0f median "
	       "%.0f slowest %.0f\n",
	       n, bytes, tokens, (double)bytes / 1e6 / secs[0],
	       (double)bytes / 1e6 / secs[ROUNDS / 2],
	       (double)bytes / 1e6 / secs[ROUNDS - 1]);
	for (i = 0; i < n; i++)
		source_release(&in[i].src);
	free(in);
	return 0;
}
