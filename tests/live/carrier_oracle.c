/* SPDX-License-Identifier: MIT */
/*
 * carrier_oracle.c — the real libpq judges pgtlslint on connection strings
 * as users write them: each generated string (oracle_libpq.h) is the
 * argument of psycopg.connect(...) in a Python file, in four literal
 * styles (plain "...", raw r"...", every punctuation byte an \xHH escape,
 * triple-quoted '''...'''), and pgtlslint reads the files as it reads any
 * project. For each call:
 *
 *  - PGT309 must be reported exactly when libpq refuses the string before
 *    any network I/O: PQconninfoParse rejects it, or PQconnectStart (every
 *    host a Unix socket directory that does not exist) fails on its
 *    options rather than on the socket;
 *  - otherwise the outcome rule must be the one libpq's effective sslmode
 *    gives (disable PGT301, allow and prefer PGT302, require PGT303 or,
 *    with an sslrootcert, PGT304, verify-ca PGT304, verify-full none),
 *    and none for a connection that only reaches loopback hosts or Unix
 *    sockets (RULES.md decision 3).
 *
 * pgtlslint runs with --pg-version of the libpq under test. Agreement must
 * be at least 99.5 % in every style.
 *
 * usage: carrier_oracle PGTLSLINT WORKDIR [COUNT]   (default 12000)
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "oracle_libpq.h"
#include "util/buf.h"
#include "util/xalloc.h"

enum style { PLAIN, RAW, ESCAPED, TRIPLE, STYLES };
static const char *const style_names[STYLES] = {"plain", "raw", "escaped",
						"triple"};

/* What libpq says of one string, as the findings it should give. */
struct expect {
	int refused; /* PGT309 */
	int outcome; /* 301..304, or 0 */
};

/* One call written in one style: its lines, and what was reported. */
struct call {
	long string;  /* which generated string */
	long first, last;
	unsigned got; /* bit 0: PGT309, bits 1..4: PGT301..PGT304 */
};

static int
loopback(const char *h, size_t n)
{
	if (n >= 2 && h[0] == '[' && h[n - 1] == ']')
		h++, n -= 2;
	return (n == 9 && !strncasecmp(h, "localhost", 9)) ||
	       (n == 3 && !strncmp(h, "::1", 3)) ||
	       (n >= 4 && !strncmp(h, "127.", 4));
}

/* Every host of the parsed options is loopback or a socket (an empty
 * list: libpq's default socket); hostaddr, when given, decides. */
static int
all_local(PQconninfoOption *opts)
{
	const char *host = NULL, *addr = NULL, *p;

	for (; opts->keyword; opts++) {
		if (!strcmp(opts->keyword, "host"))
			host = opts->val;
		if (!strcmp(opts->keyword, "hostaddr"))
			addr = opts->val;
	}
	p = addr && *addr ? addr : host;
	if (!p)
		return 1;
	for (;;) {
		size_t n = strcspn(p, ",");

		if (n && p[0] != '/' && p[0] != '@' && !loopback(p, n))
			return 0;
		if (!p[n])
			return 1;
		p += n + 1;
	}
}

static const char *
option(PQconninfoOption *opts, const char *key)
{
	for (; opts->keyword; opts++)
		if (!strcmp(opts->keyword, key))
			return opts->val;
	return NULL;
}

static struct expect
libpq_expect(const char *s)
{
	struct expect x = {0, 0};
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(s, &err);
	struct kv v[64];
	size_t n;
	const char *mode, *root;

	PQfreemem(err);
	if (!opts) {
		x.refused = 1;
		return x;
	}
	n = libpq_values(opts, v);
	if (libpq_stage2(v, n))
		x.refused = 1;
	else if (!all_local(opts)) {
		mode = option(opts, "sslmode");
		root = option(opts, "sslrootcert");
		if (!mode)
			mode = "prefer"; /* DefaultSSLMode, no PGSSLMODE */
		x.outcome = !strcmp(mode, "disable")			? 301
			    : !strcmp(mode, "allow") || !strcmp(mode, "prefer") ? 302
			    : !strcmp(mode, "require")
				? (root && *root ? 304 : 303)
			    : !strcmp(mode, "verify-ca") ? 304
							 : 0;
	}
	PQconninfoFree(opts);
	return x;
}

/* Writes s as a Python literal in style st; 0 when that style cannot
 * hold it (a raw string cannot end in a backslash or hold its quote). */
static int
python_literal(struct buf *out, const char *s, enum style st)
{
	size_t i, n = strlen(s);

	switch (st) {
	case RAW: {
		char q = !strchr(s, '"') ? '"' : !strchr(s, '\'') ? '\'' : 0;

		if (!q || strchr(s, '\n') || (n && s[n - 1] == '\\') ||
		    strstr(s, "\\\"") || strstr(s, "\\'"))
			return 0;
		buf_addf(out, "r%c%s%c", q, s, q);
		return 1;
	}
	case ESCAPED:
		buf_addch(out, '"');
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];

			if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z') || c >= 0x80)
				buf_addch(out, (char)c);
			else
				buf_addf(out, "\\x%02x", c);
		}
		buf_addch(out, '"');
		return 1;
	case TRIPLE:
		buf_adds(out, "'''");
		for (i = 0; i < n; i++) {
			if (s[i] == '\\' || s[i] == '\'')
				buf_addch(out, '\\');
			buf_addch(out, s[i]);
		}
		buf_adds(out, "'''");
		return 1;
	default:
		buf_addch(out, '"');
		for (i = 0; i < n; i++) {
			if (s[i] == '\\' || s[i] == '"')
				buf_addch(out, '\\');
			if (s[i] == '\n')
				buf_adds(out, "\\n");
			else if (s[i] == '\t')
				buf_adds(out, "\\t");
			else
				buf_addch(out, s[i]);
		}
		buf_addch(out, '"');
		return 1;
	}
}

/* The call whose lines hold line, by binary search, or NULL. */
static struct call *
call_at(struct call *v, size_t n, long line)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].last < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].first <= line ? &v[lo] : NULL;
}

static void
show(const char *what, const char *s, enum style st, unsigned want,
     unsigned got)
{
	printf("DISAGREE %s (%s): [", what, style_names[st]);
	for (; *s; s++)
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else
			putchar(*s);
	printf("] want %#x, got %#x\n", want, got);
}

static unsigned
want_bits(struct expect x)
{
	return x.refused ? 1u : x.outcome ? 1u << (x.outcome - 300) : 0;
}

int
main(int argc, char **argv)
{
	long count = argc > 3 ? atol(argv[3]) : 12000, i;
	int version = PQlibVersion() / 10000, st;
	struct call *calls[STYLES];
	size_t ncalls[STYLES] = {0};
	long line[STYLES], agree[STYLES] = {0}, total[STYLES] = {0};
	long shown = 0, all_agree = 0, all_total = 0;
	struct expect *want;
	char **strings;
	FILE *files[STYLES], *run;
	struct buf cmd = BUF_INIT, text = BUF_INIT;
	char buf[8192];

	if (argc < 3) {
		fprintf(stderr, "usage: carrier_oracle PGTLSLINT WORKDIR [COUNT]\n");
		return 2;
	}
	oracle_clear_pg_env();
	want = xmalloc((size_t)count * sizeof(*want));
	strings = xmalloc((size_t)count * sizeof(*strings));
	for (st = 0; st < STYLES; st++) {
		char *path = xasprintf("%s/%s.py", argv[2], style_names[st]);

		files[st] = fopen(path, "w");
		if (!files[st]) {
			perror(path);
			return 2;
		}
		free(path);
		fputs("import psycopg\n", files[st]);
		line[st] = 2;
		calls[st] = xmalloc((size_t)count * sizeof(*calls[st]));
	}
	for (i = 0; i < count; i++) {
		struct buf s = BUF_INIT;

		if (rnd(2))
			gen_kv(&s);
		else
			gen_uri(&s);
		strings[i] = buf_detach(&s);
		want[i] = libpq_expect(strings[i]);
		for (st = 0; st < STYLES; st++) {
			struct call *c = &calls[st][ncalls[st]];
			const char *p;

			buf_reset(&text);
			if (!python_literal(&text, strings[i], (enum style)st))
				continue; /* not written in this style */
			c->string = i;
			c->first = line[st];
			for (p = text.ptr; *p; p++)
				line[st] += *p == '\n';
			c->last = line[st];
			c->got = 0;
			fprintf(files[st], "c = psycopg.connect(%s)\n", text.ptr);
			line[st]++;
			ncalls[st]++;
		}
	}
	for (st = 0; st < STYLES; st++)
		fclose(files[st]);
	buf_addf(&cmd, "'%s' --pg-version %d --fail-on never --no-show-source --color never '%s' 2>/dev/null",
		 argv[1], version, argv[2]);
	run = popen(cmd.ptr, "r");
	while (run && fgets(buf, sizeof(buf), run)) {
		char *colon = strchr(buf, ':'), *code = strstr(buf, "[PGT");
		long at;
		int rule;
		struct call *c;

		if (!colon || !code)
			continue;
		*colon = '\0';
		at = atol(colon + 1);
		rule = atoi(code + 4);
		for (st = 0; st < STYLES; st++) {
			const char *base = strrchr(buf, '/');

			if (!strncmp(base ? base + 1 : buf, style_names[st],
				     strlen(style_names[st])))
				break;
		}
		if (st == STYLES || !(c = call_at(calls[st], ncalls[st], at)))
			continue;
		if (rule == 309)
			c->got |= 1u;
		else if (rule >= 301 && rule <= 304)
			c->got |= 1u << (rule - 300);
	}
	/* pgtlslint exits 0 here (--fail-on never): anything else means it
	 * did not run, and an empty report must not pass for agreement. */
	if (!run || pclose(run) != 0) {
		fprintf(stderr, "carrier_oracle: could not run %s\n", argv[1]);
		return 2;
	}
	for (st = 0; st < STYLES; st++) {
		size_t k;

		for (k = 0; k < ncalls[st]; k++) {
			const struct call *c = &calls[st][k];
			unsigned w = want_bits(want[c->string]);

			total[st]++;
			if (c->got == w)
				agree[st]++;
			else if (shown++ < 25)
				show("verdict", strings[c->string], (enum style)st,
				     w, c->got);
		}
		all_agree += agree[st];
		all_total += total[st];
	}
	printf("carrier oracle (libpq %d, psycopg.connect in Python): %ld "
	       "strings;",
	       version, count);
	for (st = 0; st < STYLES; st++)
		printf(" %s %ld/%ld%s", style_names[st], agree[st], total[st],
		       st + 1 < STYLES ? "," : "\n");
	printf("carrier-oracle: %ld passed, %ld failed (%.2f%% agree)\n",
	       all_agree, all_total - all_agree,
	       all_total ? 100.0 * (double)all_agree / (double)all_total : 0);
	for (i = 0; i < count; i++)
		free(strings[i]);
	free(strings);
	free(want);
	for (st = 0; st < STYLES; st++)
		free(calls[st]);
	buf_release(&cmd);
	buf_release(&text);
	for (st = 0; st < STYLES; st++)
		if (total[st] && (double)agree[st] < 0.995 * (double)total[st])
			return 1;
	return 0;
}
