/* SPDX-License-Identifier: MIT */
/* cli.c — option parsing (getopt_long) and the --help text. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/cert.h"
#include "status.h"
#include "walk.h"
#include "util/xalloc.h"

const char cli_usage[] =
    "usage: pgtlslint [OPTIONS] PATH...\n"
    "       pgtlslint lsp [RULE AND PROJECT OPTIONS]\n"
    "\n"
    "Find what lets PostgreSQL traffic go unencrypted or unverified.\n"
    "PATH is a file or a directory (searched recursively); '-' reads stdin\n"
    "(with --stdin-type). 'lsp' serves the Language Server Protocol on\n"
    "stdin and stdout, for editors.\n"
    "\n"
    "Output:\n"
    "  -f, --format FORMAT     text (default), json, sarif, github, gitlab\n"
    "  -o, --output FILE       write the report to FILE\n"
    "      --color WHEN        auto (default), always, never; NO_COLOR is "
    "honoured\n"
    "      --show-source       print the source line and a caret (default on "
    "a tty)\n"
    "      --no-show-source    never print source lines\n"
    "      --show-settings     print the effective settings of each "
    "postgresql.conf\n"
    "\n"
    "Rules:\n"
    "      --fail-on LEVEL     exit 1 on findings at or above error, warning "
    "(default),\n"
    "                          note; never: always exit 0 on findings\n"
    "      --pg-version N      PostgreSQL major version to judge against "
    "(default 16)\n"
    "      --enable RULES      enable rules (codes or names, comma-separated)\n"
    "      --disable RULES     disable rules (codes or names, "
    "comma-separated)\n"
    "      --rules-dir DIR     load extra rules from DIR/*.yaml "
    "(repeatable)\n"
    "      --report-unused-ignores  report 'pgtlslint: ignore' comments that\n"
    "                          suppress nothing (PGT001)\n"
    "      --list-rules        list every rule and exit\n"
    "      --explain RULE      explain a rule (code or name) and exit\n"
    "      --explain-hba FILE  show which pg_hba.conf record decides "
    "plaintext,\n"
    "                          TLS and TLS + client-certificate connections\n"
    "      --probe A,DB,USER   with --explain-hba: explain this client only\n"
    "                          (repeatable)\n"
    "      --explain-conn STR  what a connection string or URL really does:\n"
    "                          its driver's effective TLS outcome\n"
    "      --driver NAME       with --explain-conn: libpq (default), pgjdbc,\n"
    "                          pgx, lib/pq, node-postgres, postgres.js,\n"
    "                          asyncpg, npgsql, prisma, r2dbc-postgresql,\n"
    "                          bun, vertx-pg-client\n"
    "\n"
    "Certificates:\n"
    "      --now DATE          judge validity on DATE (YYYY-MM-DD, UTC; "
    "default:\n"
    "                          the clock), for reproducible runs\n"
    "      --cert-warn-days N  warn of certificates expiring within N days\n"
    "                          (default 30)\n"
    "      --explain-cert FILE [PATH...]  what a certificate or key file holds,\n"
    "                          and which verify-full clients under PATH it\n"
    "                          covers\n"
    "\n"
    "Fixes:\n"
    "      --fix               apply the safe rewrites in place (hostssl, ssl "
    "= on,\n"
    "                          TLSv1.2, scram-sha-256, sslmode=verify-full)\n"
    "      --diff              print those rewrites as a unified diff; write "
    "nothing\n"
    "\n"
    "Project:\n"
    "      --config FILE       settings for every file (default: each "
    "file's\n"
    "                          nearest .pgtlslint.yaml)\n"
    "      --baseline FILE     report only findings not in FILE\n"
    "      --write-baseline FILE  record today's findings in FILE and "
    "exit 0\n"
    "\n"
    "Input:\n"
    "      --exclude GLOB      skip paths matching GLOB (repeatable)\n"
    "      --stdin-filename NAME  lint '-' as if it were the file NAME\n"
    "                          (for editors: its kind and its path)\n"
    "      --stdin-type TYPE   what '-' holds: pgconf, hba, cert,\n"
    "                          pgbouncer, env, dockerfile, properties, yaml,\n"
    "                          shell, service, json, prisma, toml, js, go,\n"
    "                          py, java, php, cs\n"
    "  -j, --jobs N            lint N files at once (default: the online "
    "cores);\n"
    "                          the report is the same for any N\n"
    "      --shard K/N         lint only shard K of N (a CI matrix): source\n"
    "                          and carrier files split by a hash of their\n"
    "                          path; server configurations all in shard 1\n"
    "      --judge-loopback    judge connections to localhost, 127.x, ::1\n"
    "                          and Unix sockets like remote ones (they are\n"
    "                          exempt by default: RULES.md decision 3)\n"
    "      --no-prefilter      read every source and carrier file in full,\n"
    "                          even those naming no driver or connection word\n"
    "                          (slower; the report must be the same)\n"
    "\n"
    "  -V, --version           print the version and exit\n"
    "  -h, --help              print this help and exit\n"
    "\n"
    "Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage,\n"
    "rules or I/O error.\n";

enum {
	OPT_FAIL_ON = 256,
	OPT_PG_VERSION,
	OPT_LIST_RULES,
	OPT_EXPLAIN,
	OPT_ENABLE,
	OPT_DISABLE,
	OPT_RULES_DIR,
	OPT_EXCLUDE,
	OPT_COLOR,
	OPT_SHOW_SOURCE,
	OPT_NO_SHOW_SOURCE,
	OPT_STDIN_TYPE,
	OPT_SHOW_SETTINGS,
	OPT_EXPLAIN_HBA,
	OPT_PROBE,
	OPT_EXPLAIN_CONN,
	OPT_DRIVER,
	OPT_UNUSED_IGNORES,
	OPT_CONFIG,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_STDIN_FILENAME,
	OPT_FIX,
	OPT_DIFF,
	OPT_NO_PREFILTER,
	OPT_JUDGE_LOOPBACK,
	OPT_SHARD,
	OPT_NOW,
	OPT_CERT_WARN_DAYS,
	OPT_EXPLAIN_CERT
};

static const struct option long_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"pg-version", required_argument, NULL, OPT_PG_VERSION},
    {"list-rules", no_argument, NULL, OPT_LIST_RULES},
    {"explain", required_argument, NULL, OPT_EXPLAIN},
    {"enable", required_argument, NULL, OPT_ENABLE},
    {"disable", required_argument, NULL, OPT_DISABLE},
    {"rules-dir", required_argument, NULL, OPT_RULES_DIR},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"color", required_argument, NULL, OPT_COLOR},
    {"show-source", no_argument, NULL, OPT_SHOW_SOURCE},
    {"no-show-source", no_argument, NULL, OPT_NO_SHOW_SOURCE},
    {"stdin-type", required_argument, NULL, OPT_STDIN_TYPE},
    {"show-settings", no_argument, NULL, OPT_SHOW_SETTINGS},
    {"explain-hba", required_argument, NULL, OPT_EXPLAIN_HBA},
    {"probe", required_argument, NULL, OPT_PROBE},
    {"explain-conn", required_argument, NULL, OPT_EXPLAIN_CONN},
    {"driver", required_argument, NULL, OPT_DRIVER},
    {"report-unused-ignores", no_argument, NULL, OPT_UNUSED_IGNORES},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
    {"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
    {"fix", no_argument, NULL, OPT_FIX},
    {"diff", no_argument, NULL, OPT_DIFF},
    {"jobs", required_argument, NULL, 'j'},
    {"no-prefilter", no_argument, NULL, OPT_NO_PREFILTER},
    {"judge-loopback", no_argument, NULL, OPT_JUDGE_LOOPBACK},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"now", required_argument, NULL, OPT_NOW},
    {"cert-warn-days", required_argument, NULL, OPT_CERT_WARN_DAYS},
    {"explain-cert", required_argument, NULL, OPT_EXPLAIN_CERT},
    {"version", no_argument, NULL, 'V'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

void
str_list_add(struct str_list *l, const char *s)
{
	ALLOC_GROW(l->v, l->nr + 1, l->alloc);
	l->v[l->nr++] = s;
}

/* Splits a comma list in place (argv strings are writable). */
static void
list_add_split(struct str_list *l, char *s)
{
	char *tok;

	for (tok = strtok(s, ","); tok; tok = strtok(NULL, ","))
		if (*tok)
			str_list_add(l, tok);
}

static int
one_of(const char *v, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(v, names[i]))
			return i;
	return -1;
}

static int
usage_error(char **err, const char *opt, const char *val, const char *want)
{
	*err = xasprintf("invalid value '%s' for %s (want %s)", val, opt, want);
	return PGT_EUSAGE;
}

static int
parse_one(int c, char *arg, struct pgt_options *o, char **err)
{
	static const char *const fails[] = {"error", "warning", "note",
					    "never"};
	static const char *const colors[] = {"auto", "always", "never"};
	static const char *const formats[] = {"text", "json", "sarif", "github",
					      "gitlab"};
	char *end;
	long v;
	int i;

	switch (c) {
	case 'f':
		if (one_of(arg, formats, 5) < 0)
			return usage_error(
			    err, "--format", arg,
			    "text, json, sarif, github or gitlab");
		o->format = arg;
		return 0;
	case 'o':
		o->output = arg;
		return 0;
	case OPT_NO_PREFILTER:
		o->no_prefilter = 1;
		return 0;
	case OPT_JUDGE_LOOPBACK:
		o->judge_loopback = 1;
		return 0;
	case OPT_SHARD: {
		unsigned long k = strtoul(arg, &end, 10), n = 0;

		if (*end == '/' && end[1] >= '0' && end[1] <= '9')
			n = strtoul(end + 1, &end, 10);
		if (*end || !n || n > 100000 || !k || k > n)
			return usage_error(err, "--shard", arg,
					   "K/N with 1 <= K <= N, such as 2/8");
		o->shard = (unsigned)k;
		o->shards = (unsigned)n;
		return 0;
	}
	case OPT_NOW:
		if (cert_parse_date(arg, &o->now))
			return usage_error(err, "--now", arg,
					   "a date such as 2026-12-06");
		o->now_set = 1;
		return 0;
	case OPT_EXPLAIN_CERT:
		o->explain_cert = arg;
		return 0;
	case OPT_CERT_WARN_DAYS:
		v = strtol(arg, &end, 10);
		if (*end || v < 0 || v > 3650)
			return usage_error(err, "--cert-warn-days", arg,
					   "a number of days from 0 to 3650");
		o->cert_warn_days = (int)v;
		return 0;
	case 'j':
		v = strtol(arg, &end, 10);
		if (*end || v < 1 || v > MAX_JOBS)
			return usage_error(err, "--jobs", arg,
					   "a number from 1 to 256");
		o->jobs = (int)v;
		return 0;
	case OPT_FAIL_ON:
		i = one_of(arg, fails, 4);
		if (i < 0)
			return usage_error(err, "--fail-on", arg,
					   "error, warning, note or never");
		o->fail_on = i; /* matches enum severity, then FAIL_NEVER */
		o->fail_on_set = 1;
		return 0;
	case OPT_PG_VERSION:
		v = strtol(arg, &end, 10);
		if (*end || v < 9 || v > 99)
			return usage_error(err, "--pg-version", arg,
					   "a major version such as 16");
		o->pg_version = (int)v;
		o->pg_version_set = 1;
		return 0;
	case OPT_LIST_RULES:
		o->list_rules = 1;
		return 0;
	case OPT_EXPLAIN:
		o->explain = arg;
		return 0;
	case OPT_ENABLE:
		list_add_split(&o->enable, arg);
		return 0;
	case OPT_DISABLE:
		list_add_split(&o->disable, arg);
		return 0;
	case OPT_RULES_DIR:
		str_list_add(&o->rules_dirs, arg);
		return 0;
	case OPT_EXCLUDE:
		str_list_add(&o->excludes, arg);
		return 0;
	case OPT_COLOR:
		i = one_of(arg, colors, 3);
		if (i < 0)
			return usage_error(err, "--color", arg,
					   "auto, always or never");
		o->color = (enum color_mode)i;
		return 0;
	case OPT_SHOW_SOURCE:
		o->show_source = 1;
		return 0;
	case OPT_NO_SHOW_SOURCE:
		o->show_source = 0;
		return 0;
	case OPT_STDIN_TYPE:
		if (walk_kind_named(arg) == FILE_NONE)
			return usage_error(err, "--stdin-type", arg,
					   "pgconf, hba, env, dockerfile, "
					   "properties, yaml, shell, "
					   "service, js, go, py or java");
		o->stdin_type = arg;
		return 0;
	case OPT_SHOW_SETTINGS:
		o->show_settings = 1;
		return 0;
	case OPT_EXPLAIN_HBA:
		o->explain_hba = arg;
		return 0;
	case OPT_PROBE:
		str_list_add(&o->probes, arg);
		return 0;
	case OPT_EXPLAIN_CONN:
		o->explain_conn = arg;
		return 0;
	case OPT_DRIVER:
		o->driver = arg;
		return 0;
	case OPT_UNUSED_IGNORES:
		o->report_unused_ignores = 1;
		return 0;
	case OPT_CONFIG:
		o->config_path = arg;
		return 0;
	case OPT_BASELINE:
		o->baseline = arg;
		return 0;
	case OPT_WRITE_BASELINE:
		o->write_baseline = arg;
		return 0;
	case OPT_STDIN_FILENAME:
		o->stdin_filename = arg;
		return 0;
	case OPT_FIX:
		o->fix = 1;
		return 0;
	case OPT_DIFF:
		o->diff = 1;
		return 0;
	case 'V':
		o->version = 1;
		return 0;
	case 'h':
		o->help = 1;
		return 0;
	}
	return PGT_EUSAGE;
}

int
cli_parse(int argc, char **argv, struct pgt_options *o, char **err)
{
	int c, i;

	memset(o, 0, sizeof(*o));
	if (argc > 1 && !strcmp(argv[1], "lsp")) {
		o->lsp = 1; /* a file named lsp is ./lsp */
		argc--;
		argv++;
	}
	o->format = "text";
	o->fail_on = SEV_WARNING;
	o->pg_version = 16;
	o->show_source = -1;
	o->cert_warn_days = 30;
	*err = NULL;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:j:Vh", long_options, NULL)) !=
	       -1) {
		if (c == '?') {
			*err = optopt
				   ? xasprintf("unknown option '-%c'", optopt)
				   : xasprintf("unknown option '%s'",
					       argv[optind - 1]);
			return PGT_EUSAGE;
		}
		if (c == ':') {
			*err = xasprintf("option '%s' needs a value",
					 argv[optind - 1]);
			return PGT_EUSAGE;
		}
		if (parse_one(c, optarg, o, err))
			return PGT_EUSAGE;
	}
	for (i = optind; i < argc; i++)
		str_list_add(&o->paths, argv[i]);
	if (o->probes.nr && !o->explain_hba) {
		*err = xstrdup("--probe needs --explain-hba");
		return PGT_EUSAGE;
	}
	if (o->fix && o->diff) {
		*err = xstrdup("--fix and --diff exclude each other");
		return PGT_EUSAGE;
	}
	if (o->driver && !o->explain_conn) {
		*err = xstrdup("--driver needs --explain-conn");
		return PGT_EUSAGE;
	}
	if (!o->now_set)
		o->now = (int64_t)time(NULL);
	if (!o->jobs) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		o->jobs = cores < 1	     ? 1
			  : cores > MAX_JOBS ? MAX_JOBS
					     : (int)cores;
	}
	if (o->lsp && (o->paths.nr || o->fix || o->diff || o->output ||
		       o->baseline || o->write_baseline || o->list_rules ||
		       o->explain || o->explain_hba || o->explain_conn ||
		       o->explain_cert)) {
		*err = xstrdup("lsp reads the editor's documents: it takes no "
			       "PATH, and the rule and project options only");
		return PGT_EUSAGE;
	}
	if (o->lsp)
		return 0;
	if (!o->paths.nr && !o->list_rules && !o->explain && !o->version &&
	    !o->help && !o->explain_hba && !o->explain_conn &&
	    !o->explain_cert) {
		*err = xstrdup("no PATH given (try --help)");
		return PGT_EUSAGE;
	}
	for (i = 0; i < (int)o->paths.nr; i++)
		if (!strcmp(o->paths.v[i], "-") && !o->stdin_type &&
		    (!o->stdin_filename ||
		     walk_classify(o->stdin_filename) == FILE_NONE)) {
			*err = xstrdup("'-' needs --stdin-type, or a "
				       "--stdin-filename pgtlslint reads");
			return PGT_EUSAGE;
		}
	return 0;
}

void
cli_release(struct pgt_options *o)
{
	free(o->paths.v);
	free(o->enable.v);
	free(o->disable.v);
	free(o->rules_dirs.v);
	free(o->excludes.v);
	free(o->probes.v);
	memset(o, 0, sizeof(*o));
}
