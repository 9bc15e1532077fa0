/* SPDX-License-Identifier: MIT */
/*
 * fuzz.c — libFuzzer entry points, one per parser and lexer. The Makefile
 * builds this file once per target with -DFUZZ_<target>; each target
 * feeds the input to the parser as pgtlslint would, then to the model and
 * the rules, so that what a parser hands on is exercised too.
 *
 *   pgconf   postgresql.conf (includes resolved beside the working dir)
 *   hba      pg_hba.conf, every record for PostgreSQL 12 and 16
 *   conninfo connection strings, URIs and JDBC URLs, judged per driver
 *   libpq    conninfo differential: accept/reject and values as libpq
 *   jdbc     JDBC URLs (the input follows "jdbc:postgresql:")
 *   assign   .env, Dockerfile, .properties, pg_service.conf, TOML, a
 *            Prisma schema, pgbouncer.ini (first byte), each text decoded
 *            first
 *   yaml     YAML carriers (compose, Kubernetes, Spring, CI), and JSON
 *            (first byte odd), decoded first (UTF-16, byte order marks)
 *   js go py java   a source file through its lexer and scanner (js: PHP
 *            and C# too, by the first byte)
 *   rules    the custom rules loader
 *   config   .pgtlslint.yaml
 *   secrets  every format's secret finder, and masking with columns
 *   cert     certificate and key files (PEM, DER), and each driver's host
 *            name check of every certificate against hosts from the input
 *   lsp      a language server session: the input is what the client
 *            sends (framing, JSON-RPC, documents, edits), replies dropped
 *
 * Scanners lex every input (no prefilter). The harness's only state is
 * the embedded rule set, built once (the product itself keeps none).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "carriers.h"
#include "cli.h"
#include "lsp/lsp.h"
#include "model/cert.h"
#include "parsers/pgbouncer_ini.h"
#include "model/cert_host.h"
#include "config.h"
#include "diag.h"
#include "finding.h"
#include "model/client.h"
#include "model/conn_string.h"
#include "model/facts.h"
#include "model/hba_conf.h"
#include "model/server.h"
#include "parsers/assign.h"
#include "parsers/conninfo.h"
#include "parsers/jdbc.h"
#include "parsers/yaml_carrier.h"
#include "rules/engine.h"
#include "rules/ruleset.h"
#include "scanners/scan_cs.h"
#include "scanners/scan_go.h"
#include "scanners/scan_java.h"
#include "scanners/scan_js.h"
#include "scanners/scan_php.h"
#include "scanners/scan_py.h"
#include "secrets.h"
#include "util/source.h"
#include "util/xalloc.h"

#ifdef FUZZ_libpq
#include <libpq-fe.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Unused by the targets that judge no file. */
__attribute__((unused)) static const struct ruleset *
rules(void)
{
	static struct ruleset rs;
	static int ready;
	char *err = NULL;

	if (!ready) {
		ruleset_init(&rs);
		if (ruleset_load_embedded(&rs, &err) || ruleset_finish(&rs, &err))
			abort();
		ready = 1;
	}
	return &rs;
}

/* Runs fn over a check context and frees what it reported. */
#define WITH_CTX(ctx, body)                                                   \
	do {                                                                  \
		struct findings fs_;                                          \
		struct diags ds_;                                             \
		struct check_ctx ctx = {.rules = rules(),                     \
					.out = &fs_,                          \
					.diags = &ds_,                        \
					.pg_version = 16,                     \
					.no_prefilter = 1,                    \
					.cert_warn_days = 30};                \
		memset(&fs_, 0, sizeof(fs_));                                 \
		memset(&ds_, 0, sizeof(ds_));                                 \
		body;                                                         \
		findings_release(&fs_);                                       \
		diags_release(&ds_);                                          \
	} while (0)

/* Runs a detector over a fact context, then the rules over its facts. */
#define WITH_FACTS(fx, body)                                                  \
	do {                                                                  \
		struct facts facts_;                                          \
		struct fact_ctx fx = {&facts_, 16, 1};                        \
		memset(&facts_, 0, sizeof(facts_));                           \
		body;                                                         \
		WITH_CTX(ctx_, engine_run_facts(&ctx_, &facts_));             \
		facts_release(&facts_);                                       \
	} while (0)

#if defined(FUZZ_conninfo) || defined(FUZZ_libpq) || defined(FUZZ_jdbc)
static void
judge_all_drivers(const char *text, size_t len)
{
	int d;

	for (d = 0; d < DRIVER__COUNT; d++) {
		struct client_fact env, f;
		struct client_verdict v;
		struct conninfo ci;
		struct text_map map;
		struct conn_string cs;
		int rc;

		memset(&map, 0, sizeof(map));
		map.end = len;
		map.verbatim = 1;
		client_fact_init(&env, (enum driver)d, NULL, 0, 0, "fuzz");
		cs = conn_string_plain(text, len, &map, "connection string");
		cs.env = &env;
		cs.driver_position = d % 2; /* both readings */
		rc = conn_string_fact(&cs, 16, &f, &ci);
		if (rc > 0) {
			client_judge(&f, 16, &v);
			client_verdict_release(&v);
		}
		if (rc) {
			client_fact_release(&f);
			conninfo_release(&ci);
		}
		client_fact_release(&env);
	}
}
#endif

#ifdef FUZZ_libpq
static void
differs(const char *what, const char *text, const char *theirs,
	const char *ours)
{
	fprintf(stderr, "%s differs for [%s]: libpq [%s], ours [%s]\n", what,
		text, theirs ? theirs : "(none)", ours ? ours : "(none)");
	abort();
}

/* Our parser accepts what libpq 15 accepts, with the same values (the
 * conninfo oracle's property, on inputs libFuzzer finds). */
static void
compare_with_libpq(const char *text)
{
	struct conninfo ci;
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(text, &err), *o;
	int ours = conninfo_parse(text, strlen(text), 15, &ci);
	size_t i;

	if ((opts == NULL) != (ours != 0))
		differs("accept/reject", text, opts ? "accepts" : err,
			ours ? ci.error : "accepts");
	for (o = opts; o && o->keyword; o++) {
		const struct conn_param *p = conninfo_get(&ci, o->keyword);

		if (o->val && (!p || strcmp(p->value, o->val)))
			differs(o->keyword, text, o->val, p ? p->value : NULL);
	}
	for (i = 0; opts && i < ci.nr; i++) {
		for (o = opts; o->keyword && strcmp(o->keyword, ci.v[i].key); o++)
			;
		if (!o->keyword || !o->val)
			differs(ci.v[i].key, text, NULL, ci.v[i].value);
	}
	PQconninfoFree(opts);
	PQfreemem(err);
	conninfo_release(&ci);
}
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct source src;

	(void)src;
	(void)text;
#if defined(FUZZ_pgconf)
	{
		struct server_config cfg;

		source_from_mem(&src, "fuzz/postgresql.conf", text, size);
		server_config_load(&cfg, &src, 16, 0);
		WITH_CTX(ctx, engine_run_server(&ctx, &cfg, 1));
		server_config_release(&cfg);
	}
#elif defined(FUZZ_hba)
	{
		static const int versions[] = {12, 16};
		struct server_facts facts = {1, 1, NULL};
		size_t i;

		for (i = 0; i < 2; i++) {
			struct hba_conf conf;

			source_from_mem(&src, "fuzz/pg_hba.conf", text, size);
			hba_conf_load(&conf, &src, versions[i]);
			WITH_CTX(ctx, engine_run_hba(&ctx, &conf, 1, &facts));
			hba_conf_release(&conf);
		}
	}
#elif defined(FUZZ_conninfo)
	judge_all_drivers(text, size);
#elif defined(FUZZ_libpq)
	{
		/* libpq reads C strings: the input up to its first NUL */
		char *s = strndup(text, size);

		compare_with_libpq(s);
		judge_all_drivers(s, strlen(s));
		free(s);
	}
#elif defined(FUZZ_jdbc)
	{
		static const char prefix[] = "jdbc:postgresql:";
		char *url = malloc(sizeof(prefix) + size);
		struct conninfo ci;

		memcpy(url, prefix, sizeof(prefix) - 1);
		memcpy(url + sizeof(prefix) - 1, text, size);
		url[sizeof(prefix) - 1 + size] = '\0';
		jdbc_parse(url, sizeof(prefix) - 1 + size, &ci);
		conninfo_release(&ci);
		judge_all_drivers(url, sizeof(prefix) - 1 + size);
		free(url);
	}
#elif defined(FUZZ_assign)
	{
		static const char *const names[] = {
		    ".env",	       "Dockerfile",  "app.properties",
		    "pg_service.conf", "flyway.toml", "schema.prisma",
		    "pgbouncer.ini"};
		static const enum file_kind kinds[] = {
		    FILE_ENV,	  FILE_DOCKERFILE, FILE_PROPERTIES,
		    FILE_SERVICE, FILE_TOML,	   FILE_PRISMA,
		    FILE_PGBOUNCER};
		struct assignments as;
		int kind = size ? data[0] % 7 : 0;

		if (size) {
			text++;
			size--;
		}
		source_from_mem(&src, names[kind], text, size);
		src.kind = kinds[kind];
		source_decode(&src);
		memset(&as, 0, sizeof(as));
		if (kind == 3)
			WITH_FACTS(fx, carriers_judge_service(&fx, &src));
		else if (kind == 5)
			WITH_FACTS(fx, carriers_judge_prisma(&fx, &src));
		else {
			if (kind == 0)
				envfile_parse(src.text, src.len, NULL, &as);
			else if (kind == 1)
				dockerfile_parse(src.text, src.len, NULL, &as);
			else if (kind == 4)
				toml_parse(src.text, src.len, NULL, &as);
			else if (kind == 6)
				pgbouncer_ini_parse(src.text, src.len, &as);
			else
				properties_parse(src.text, src.len, NULL,
						 &as);
			WITH_FACTS(fx,
				 carriers_judge_assignments(&fx, &src, &as));
			assignments_release(&as);
		}
		source_release(&src);
	}
#elif defined(FUZZ_yaml)
	{
		struct assignments as;
		char *err = NULL;

		int json = size && (data[0] & 1);

		source_from_mem(&src, json ? "fuzz.json" : "fuzz.yaml", text,
				size);
		src.kind = json ? FILE_JSON : FILE_YAML;
		source_decode(&src);
		memset(&as, 0, sizeof(as));
		yaml_carrier_parse(&src, NULL, &as, &err);
		free(err);
		WITH_FACTS(fx, carriers_judge_assignments(&fx, &src, &as));
		assignments_release(&as);
		source_release(&src);
	}
#elif defined(FUZZ_js) || defined(FUZZ_go) || defined(FUZZ_py) ||            \
    defined(FUZZ_java)
	{
#if defined(FUZZ_js)
		int lang = size ? data[0] % 3 : 0;

		source_from_mem(&src,
				lang == 1   ? "fuzz.php"
				: lang == 2 ? "Fuzz.cs"
					    : "fuzz.jsx",
				text, size);
		src.kind = lang == 1 ? FILE_PHP : lang == 2 ? FILE_CSHARP : FILE_JS;
		if (lang == 1)
			WITH_FACTS(fx, php_judge_source(&fx, &src));
		else if (lang == 2)
			WITH_FACTS(fx, cs_judge_source(&fx, &src));
		else
			WITH_FACTS(fx, js_judge_source(&fx, &src, NULL));
#elif defined(FUZZ_go)
		source_from_mem(&src, "fuzz.go", text, size);
		WITH_FACTS(fx, go_judge_source(&fx, &src, NULL));
#elif defined(FUZZ_py)
		source_from_mem(&src, "fuzz.py", text, size);
		WITH_FACTS(fx, py_judge_source(&fx, &src, NULL));
#else
		source_from_mem(&src, "Fuzz.java", text, size);
		WITH_FACTS(fx, java_judge_source(&fx, &src, NULL));
#endif
		source_release(&src);
	}
#elif defined(FUZZ_rules)
	{
		struct ruleset rs;
		char *err = NULL;

		ruleset_init(&rs);
		if (!ruleset_add_yaml(&rs, "fuzz.yaml", text, size, &err))
			ruleset_finish(&rs, &err);
		free(err);
		ruleset_release(&rs);
	}
#elif defined(FUZZ_config)
	{
		char path[] = "/tmp/pgtlslint-fuzz-XXXXXX";
		int fd = mkstemp(path);
		struct config c;
		char *err = NULL;

		if (fd < 0)
			abort();
		if (write(fd, data, size) != (ssize_t)size)
			abort();
		close(fd);
		if (!config_load(&c, path, &err)) {
			struct ruleset rs;

			ruleset_init(&rs);
			if (!ruleset_load_embedded(&rs, &err) &&
			    !ruleset_finish(&rs, &err))
				config_apply_rules(&c, &rs, &err);
			ruleset_release(&rs);
		}
		free(err);
		config_release(&c);
		unlink(path);
	}
#elif defined(FUZZ_lsp)
	{
		char *argv[] = {"pgtlslint", "lsp", NULL};
		struct pgt_options o;
		char *err = NULL;
		FILE *in = tmpfile();
		int out = open("/dev/null", O_WRONLY);

		if (!in || out < 0 || cli_parse(2, argv, &o, &err) ||
		    fwrite(data, 1, size, in) != size || fflush(in) ||
		    lseek(fileno(in), 0, SEEK_SET))
			abort();
		lsp_serve(&o, fileno(in), out);
		cli_release(&o);
		fclose(in);
		close(out);
	}
#elif defined(FUZZ_cert)
	{
		static const char *const hosts[] = {"db.example.com", "10.0.0.1",
						    "::1", "a.b.example.com"};
		struct cert_file cf;
		char *tail = xstrndup(text + size / 2, size - size / 2);
		size_t i, h;
		int how;

		source_from_mem(&src, "fuzz.pem", text, size);
		src.kind = FILE_CERT;
		cert_file_read(&cf, &src);
		for (i = 0; i < cf.ncerts; i++)
			for (how = HOST_MATCH_NONE; how <= HOST_MATCH_PYTHON;
			     how++) {
				for (h = 0; h < sizeof(hosts) / sizeof(*hosts);
				     h++)
					cert_host_matches(&cf.certs[i], hosts[h],
							  how, 14 + h);
				cert_host_matches(&cf.certs[i], tail, how, 16);
			}
		for (i = 0; i < cf.nkeys && cf.ncerts; i++)
			cert_key_matches(&cf.certs[0], &cf.keys[i]);
		cert_file_release(&cf);
		source_release(&src);
		free(tail);
	}
#elif defined(FUZZ_secrets)
	{
		/* every format's secret finder, and masking a line and the
		 * whole text with columns moved */
		enum file_kind k;

		for (k = FILE_NONE; k < FILE__COUNT; k++) {
			size_t col = size / 3, end = size / 2;
			char *m, *msg = xstrndup(text, size < 64 ? size : 64);

			source_from_mem(&src, "fuzz.js", text, size);
			src.kind = k;
			m = secrets_mask_span(&src, 0, size, &col, &end);
			free(m);
			secrets_mask_message(&src, &msg);
			free(msg);
			source_release(&src);
		}
	}
#else
#error "build with -DFUZZ_<target>"
#endif
	return 0;
}
