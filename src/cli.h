/* SPDX-License-Identifier: MIT */
/*
 * cli.h — command-line options. cli_parse fills struct pgt_options and
 * never prints: main.c reports what it returns.
 */
#ifndef PGT_CLI_H
#define PGT_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "rules/rule.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
#define MAX_JOBS 256	      /* -j */
#define FAIL_NEVER SEV__COUNT /* --fail-on never */

struct str_list {
	const char **v; /* owned array; strings borrowed from argv */
	size_t nr, alloc;
};

struct pgt_options {
	struct str_list paths;
	const char *format; /* "text" (default), "json", "sarif", "github" */
	const char *output; /* NULL: stdout */
	int fail_on;	    /* enum severity, or FAIL_NEVER */
	int pg_version;	    /* default 16 */
	int fail_on_set, pg_version_set; /* given on the command line */
	const char *config_path;	 /* --config FILE */
	const char *baseline;		 /* --baseline FILE */
	const char *write_baseline;	 /* --write-baseline FILE */
	int list_rules;
	const char *explain;
	struct str_list enable, disable; /* codes or names, comma lists split */
	struct str_list rules_dirs;
	struct str_list excludes;
	enum color_mode color;
	int show_source;	    /* -1: on when the output is a terminal */
	const char *stdin_type;	    /* kind of "-" input */
	const char *stdin_filename; /* lint "-" as if it were this file */
	int show_settings;
	int report_unused_ignores;
	int fix, diff;		  /* --fix, --diff */
	const char *explain_hba;  /* --explain-hba FILE */
	struct str_list probes;	  /* --probe ADDRESS,DATABASE,USER */
	const char *explain_conn; /* --explain-conn STRING */
	const char *driver;	  /* --driver NAME, for --explain-conn */
	const char *explain_cert; /* --explain-cert FILE */
	int jobs;		  /* -j: files linted at once (1..MAX_JOBS) */
	int no_prefilter;	  /* --no-prefilter: lex every source file */
	int judge_loopback;	  /* --judge-loopback: loopback hosts and
				     sockets judged like remote ones */
	unsigned shard, shards;	  /* --shard K/N: this run is shard K of N
				     (1-based); shards 0: no sharding */
	int64_t now;	    /* --now: seconds since 1970, UTC (default: the
			       clock) */
	int now_set;
	int cert_warn_days; /* --cert-warn-days (default 30) */
	int version, help;
	int lsp; /* "pgtlslint lsp": serve the language server protocol */
};

/*
 * Parses argv. Returns 0, or PGT_EUSAGE with *err (malloc'd, caller frees)
 * naming the problem. Release with cli_release.
 */
int cli_parse(int argc, char **argv, struct pgt_options *o, char **err);
void cli_release(struct pgt_options *o);

/* Appends s (borrowed) to l. */
void str_list_add(struct str_list *l, const char *s);

/* The --help text. */
extern const char cli_usage[];

#endif
