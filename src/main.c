/* SPDX-License-Identifier: MIT */
/*
 * main.c — argv to options, one run, the report, the exit status. The only
 * file that prints errors or exits (STYLE.md 14).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "cli.h"
#include "scope.h"
#include "fix.h"
#include "lint.h"
#include "lsp/lsp.h"
#include "carriers.h"
#include "model/client.h"
#include "model/conn_string.h"
#include "model/hba_conf.h"
#include "parsers/conninfo.h"
#include "util/json.h"
#include "secrets.h"
#include "util/term.h"
#include "util/xalloc.h"
#include "model/cert.h"
#include "rules/checks.h"
#include "report/explain_cert.h"
#include "report/explain_hba.h"
#include "report/explain_rule.h"
#include "report/report.h"
#include "rules/ruleset.h"
#include "status.h"

#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2

static int
fail(const char *msg)
{
	fputs("pgtlslint: error: ", stderr);
	term_puts(stderr, msg, 0);
	fputc('\n', stderr);
	return EXIT_TROUBLE;
}

/* --baseline and --write-baseline. Returns 0, 1 when the run is over
 * (the baseline was written), or -1 after printing an error. */
static int
use_baseline(const struct pgt_options *o, struct findings *fs,
	     size_t *baselined)
{
	struct baseline b;
	char *err = NULL;

	if (o->write_baseline) {
		if (baseline_write(o->write_baseline, fs, &err)) {
			fail(err);
			free(err);
			return -1;
		}
		fprintf(stderr, "pgtlslint: note: wrote %zu findings to '%s'\n",
			fs->nr, o->write_baseline);
		return 1;
	}
	if (!o->baseline)
		return 0;
	if (baseline_load(&b, o->baseline, &err)) {
		fail(err);
		free(err);
		return -1;
	}
	*baselined = baseline_apply(&b, fs);
	baseline_release(&b);
	return 0;
}

static void
list_rules(const struct ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nr; i++) {
		const struct rule *r = &rs->v[i];

		/* a custom rule's text (--rules-dir) is the tree's: escaped */
		printf("%-7s %-8s %-7s %-32s ", r->id,
		       severity_names[r->severity], target_names[r->target],
		       r->name);
		term_puts(stdout, r->summary, 0);
		printf("%s\n", r->enabled ? "" : " (disabled)");
	}
}

/* Text from files (a --rules-dir rule, a pg_hba.conf's names), line by
 * line, escaped for the terminal. */
static void
put_escaped(const char *text)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n");
		struct buf line = BUF_INIT;

		term_escape(&line, p, n, TERM_KEEP_TABS);
		puts(line.ptr);
		buf_release(&line);
		p += n + (p[n] == '\n');
	}
}

static int
explain(const struct ruleset *rs, const char *which)
{
	const struct rule *r = ruleset_find(rs, which);
	struct buf text = BUF_INIT;

	if (!r) {
		fputs("pgtlslint: error: no rule '", stderr);
		term_puts(stderr, which, 0);
		fputs("' (see --list-rules)\n", stderr);
		return EXIT_TROUBLE;
	}
	explain_rule(r, &text);
	put_escaped(text.ptr);
	buf_release(&text);
	return EXIT_CLEAN;
}

static int
run_explain_hba(const struct pgt_options *o, int pg_version)
{
	struct source src;
	struct hba_conf conf;
	struct buf out = BUF_INIT;
	char *err = NULL;
	int rc;

	if (source_load(&src, o->explain_hba, &err) != PGT_OK) {
		rc = fail(err);
		free(err);
		return rc;
	}
	hba_conf_load(&conf, &src, pg_version);
	if (explain_hba(&conf, &o->probes, !strcmp(o->format, "json"), &out,
			&err)) {
		rc = fail(err);
		free(err);
	} else {
		put_escaped(out.ptr);
		rc = EXIT_CLEAN;
	}
	buf_release(&out);
	hba_conf_release(&conf);
	return rc;
}

/* --explain-conn: the string's effective outcome for a driver, from the
 * same tables the rules use. */
static int
run_explain_conn(const struct pgt_options *o, int pg_version)
{
	const char *s = o->explain_conn;
	struct client_fact f;
	struct client_verdict v;
	struct conninfo ci;
	struct buf out = BUF_INIT;
	struct json j;
	int d, rc;

	for (d = 0; d < DRIVER__COUNT; d++)
		if (!strcmp(o->driver ? o->driver : "libpq", driver_names[d]))
			break;
	if (d == DRIVER__COUNT)
		return fail(
		    "unknown --driver (want libpq, pgjdbc, pgx, lib/pq, "
		    "node-postgres, postgres.js, asyncpg, npgsql, prisma, "
		    "r2dbc-postgresql, bun or vertx-pg-client)");
	struct text_map map;
	struct conn_string cs;
	struct client_fact named; /* --driver: the driver reading it */
	struct source arg;	  /* the string, for masking what quotes it */
	size_t b, e;
	char *reason, *refused = NULL;

	memset(&map, 0, sizeof(map));
	map.end = strlen(s);
	map.verbatim = 1;
	cs = conn_string_plain(s, strlen(s), &map, "connection string");
	cs.driver_position = 1; /* --explain-conn: whatever it looks like */
	client_fact_init(&named, (enum driver)d, NULL, 0, 0, "--driver");
	if (o->driver)
		cs.env = &named; /* pgx forwards what libpq would refuse */
	rc = conn_string_fact(&cs, pg_version, &f, &ci);
	client_fact_release(&named);
	source_from_mem(&arg, "--explain-conn", s, strlen(s));
	if (rc > 0) {
		if (o->driver)
			f.driver = (enum driver)d;
		refused = conn_refusal(&f, pg_version, &b, &e);
	}
	if (rc <= 0 || refused) {
		char *msg =
		    refused
			? refused
			: xstrdup(rc < 0 ? ci.error
					 : "not a connection string or URL");

		secrets_mask_message(&arg, &msg);
		source_release(&arg);
		fputs("pgtlslint: error: ", stderr);
		term_puts(stderr, msg, 0);
		fputc('\n', stderr);
		free(msg);
		if (rc != 0) {
			conninfo_release(&ci);
			client_fact_release(&f);
		}
		return EXIT_TROUBLE;
	}
	client_judge(&f, pg_version, &v);
	jw_init(&j, &out, 1);
	jw_object_begin(&j);
	jw_kv_string(&j, "driver", driver_names[f.driver]);
	jw_kv_string(&j, "outcome", outcome_names[v.outcome]);
	reason = xstrdup(v.reason ? v.reason : "");
	secrets_mask_message(&arg, &reason);
	source_release(&arg);
	jw_kv_string(&j, "reason", reason);
	jw_key(&j, "local");
	jw_bool(&j, v.local);
	jw_key(&j, "verification_off");
	jw_bool(&j, v.no_verify != NULL);
	jw_key(&j, "weak_floor");
	jw_bool(&j, v.weak_floor != NULL);
	jw_object_end(&j);
	buf_addch(&out, '\n');
	if (!strcmp(o->format, "json"))
		fwrite(out.ptr, 1, out.len, stdout);
	else {
		printf("%s: %s (", driver_names[f.driver],
		       outcome_names[v.outcome]);
		term_puts(stdout, reason, 0);
		printf(")%s\n",
		       v.local ? "; loopback or Unix socket only" : "");
	}
	free(reason);
	buf_release(&out);
	client_verdict_release(&v);
	client_fact_release(&f);
	conninfo_release(&ci);
	return EXIT_CLEAN;
}

/* --explain-cert FILE [PATH...]: what the file holds, then each
 * verify-full client under PATH with whether it covers its host. */
static int
run_explain_cert(const struct pgt_options *o, struct scopes *scopes)
{
	struct source src;
	struct cert_file cf;
	struct lint_result res;
	struct buf out = BUF_INIT;
	char *err = NULL;
	size_t i;

	if (source_load(&src, o->explain_cert, &err) != PGT_OK) {
		int rc = fail(err);

		free(err);
		return rc;
	}
	src.kind = FILE_CERT;
	cert_file_read(&cf, &src);
	cert_file_stat(&cf, o->explain_cert);
	explain_cert(&out, o->explain_cert, &cf, o->now, o->cert_warn_days);
	cert_file_release(&cf);
	source_release(&src);
	if (o->paths.nr) {
		const struct check *hostname_check =
		    check_find("client_cert_hostname");

		lint_run(o, scopes, NULL, &res);
		buf_adds(&out, "verify-full clients:\n");
		for (i = 0; i < res.findings.nr; i++) {
			const struct finding *f = &res.findings.v[i];

			if (f->rule->check != hostname_check)
				continue;
			buf_addf(&out, "  %s:%u: %s\n", f->path, f->line,
				 f->message);
		}
		lint_result_release(&res);
	}
	put_escaped(out.ptr);
	buf_release(&out);
	return EXIT_CLEAN;
}

static int
has_stdin(const struct pgt_options *o)
{
	size_t i;

	for (i = 0; i < o->paths.nr; i++)
		if (!strcmp(o->paths.v[i], "-"))
			return 1;
	return 0;
}

static int
use_color(const struct pgt_options *o, FILE *out)
{
	const char *no_color = getenv("NO_COLOR");

	if (o->color != COLOR_AUTO)
		return o->color == COLOR_ALWAYS;
	return isatty(fileno(out)) && !(no_color && *no_color);
}

static int
exit_status(const struct pgt_options *o, const struct lint_result *res)
{
	size_t i;

	if (diags_errors(&res->diags))
		return EXIT_TROUBLE;
	if (o->fail_on == FAIL_NEVER)
		return EXIT_CLEAN;
	for (i = 0; i < res->findings.nr; i++)
		if ((int)res->findings.v[i].severity <= o->fail_on)
			return EXIT_FINDINGS;
	return EXIT_CLEAN;
}

/*
 * --fix and --diff. --diff prints the fixes and ends the run (returns the
 * exit status); --fix writes them (standard input's fixed text to
 * standard output), then lints again, so that what is reported is what
 * the fixed files still hold. Returns -1 when the run goes on.
 */
static int
apply_fixes(const struct pgt_options *o, struct scopes *scopes,
	    struct lint_result *res, FILE *out)
{
	struct buf diff = BUF_INIT, fixed_stdin = BUF_INIT;
	struct fix_options fo;
	struct fix_result fr;
	struct lint_result again;
	struct diags trouble = {NULL, 0, 0}; /* files not fixed */
	int rc = -1;

	memset(&fo, 0, sizeof(fo));
	fo.roots = (const char *const *)o->paths.v;
	fo.nroots = o->paths.nr;
	fo.stdin_text = &res->stdin_text;
	fo.diff = o->diff ? &diff : NULL;
	fo.stdin_fixed = &fixed_stdin;
	buf_add(&fixed_stdin, res->stdin_text.ptr, res->stdin_text.len);
	fix_apply(&res->findings, &fo, &trouble, &fr);
	if (o->diff) {
		ALLOC_APPEND(res->diags, trouble);
		fwrite(diff.ptr, 1, diff.len, out);
		rc = diags_errors(&res->diags) ? EXIT_TROUBLE
		     : fr.applied	       ? EXIT_FINDINGS
					       : EXIT_CLEAN;
		goto out;
	}
	fprintf(stderr, "pgtlslint: note: fixed %zu finding%s in %zu file%s\n",
		fr.applied, fr.applied == 1 ? "" : "s", fr.files,
		fr.files == 1 ? "" : "s");
	if (res->stdin_text.len || fixed_stdin.len)
		fwrite(fixed_stdin.ptr, 1, fixed_stdin.len, stdout);
	if (fr.applied) {
		lint_run(o, scopes, &fixed_stdin, &again);
		lint_result_release(res);
		*res = again;
	}
	ALLOC_APPEND(res->diags, trouble);
out:
	diags_release(&trouble);
	buf_release(&diff);
	buf_release(&fixed_stdin);
	return rc;
}

static int
run(const struct pgt_options *o, struct scopes *scopes)
{
	const struct ruleset *rs = &scopes->v[0]->rules;
	const struct reporter_ops *fmt = reporter_find(o->format);
	struct report_counts counts;
	struct lint_result res;
	FILE *out = stdout;
	int rc, show_source;

	if (o->output) {
		out = fopen(o->output, "w");
		if (!out) {
			perror(o->output);
			return EXIT_TROUBLE;
		}
	} else if (o->fix && has_stdin(o))
		out = stderr; /* standard output is the fixed text */
	lint_run(o, scopes, NULL, &res);
	counts.baselined = 0;
	rc = use_baseline(o, &res.findings, &counts.baselined);
	if (rc) {
		rc = rc > 0 ? EXIT_CLEAN : EXIT_TROUBLE;
		goto out;
	}
	if ((o->diff || o->fix) &&
	    (rc = apply_fixes(o, scopes, &res, out)) >= 0)
		goto out;
	if (o->fix && o->baseline)
		use_baseline(o, &res.findings, &counts.baselined);
	show_source =
	    o->show_source >= 0 ? o->show_source : isatty(fileno(out));
	fwrite(res.settings.ptr, 1, res.settings.len, out);
	counts.files = res.files;
	counts.suppressed = res.suppressed;
	if (report_run(fmt, out, stderr, rs, &res.findings, res.diags.v,
		       res.diags.nr, &counts, use_color(o, out), show_source))
		rc = fail("cannot write the report");
	else
		rc = exit_status(o, &res);
out:
	lint_result_release(&res);
	if (out != stdout && out != stderr && fclose(out) != 0)
		rc = fail("cannot write the report");
	return rc;
}

int
main(int argc, char **argv)
{
	struct pgt_options o;
	struct scopes scopes;
	const struct scope *primary;
	char *err = NULL;
	int rc;

	if (cli_parse(argc, argv, &o, &err)) {
		fail(err);
		fputs("try 'pgtlslint --help'\n", stderr);
		free(err);
		cli_release(&o);
		return EXIT_TROUBLE;
	}
	if (o.help || o.version) {
		if (o.help)
			fputs(cli_usage, stdout);
		else
			printf("pgtlslint %s\n", pgtlslint_version);
		cli_release(&o);
		return EXIT_CLEAN;
	}
	if (o.lsp) {
		/* a client that goes away is the end of input, not a signal */
		signal(SIGPIPE, SIG_IGN);
		rc = lsp_serve(&o, STDIN_FILENO, STDOUT_FILENO);
		cli_release(&o);
		return rc;
	}
	if (scopes_init(&scopes, &o, &err)) {
		rc = fail(err);
		free(err);
		scopes_release(&scopes);
		cli_release(&o);
		return rc;
	}
	/* The primary configuration speaks for the whole run. */
	primary = scopes.v[0];
	if (!o.fail_on_set && primary->config.fail_on >= 0)
		o.fail_on = primary->config.fail_on;
	if (o.list_rules) {
		list_rules(&primary->rules);
		rc = EXIT_CLEAN;
	} else if (o.explain) {
		rc = explain(&primary->rules, o.explain);
	} else if (o.explain_hba) {
		rc = run_explain_hba(&o, primary->pg_version);
	} else if (o.explain_conn) {
		rc = run_explain_conn(&o, primary->pg_version);
	} else if (o.explain_cert) {
		rc = run_explain_cert(&o, &scopes);
	} else
		rc = run(&o, &scopes);
	scopes_release(&scopes);
	cli_release(&o);
	return rc;
}
