/* SPDX-License-Identifier: MIT */
/*
 * checks_server.c — analyses of a server's effective configuration that a
 * single value test cannot express (PGT101-PGT104, PGT106, PGT110).
 *
 * Facts: https://www.postgresql.org/docs/current/runtime-config-connection.html
 * ("SSL"); defaults per version live in model/guc.c. Absences are only
 * judged from a root postgresql.conf whose includes were all readable
 * (RULES.md reporting decision 5).
 */
#include "checks_server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../model/server.h"
#include "../util/xalloc.h"

/* Where absences are reported: line 1 of the root file. */
static const struct source *
root_src(const struct server_config *cfg)
{
	return cfg->files[0];
}

static int
absences_known(const struct server_config *cfg, int is_root)
{
	return is_root && !cfg->incomplete;
}

static int
ssl_state(const struct server_config *cfg, int is_root)
{
	return server_config_bool(cfg, "ssl", absences_known(cfg, is_root));
}

void
check_ssl_disabled(struct check_ctx *ctx, const struct rule *r,
		   const struct server_config *cfg, int is_root)
{
	const struct setting *s = server_config_get(cfg, "ssl");

	if (s && s->canonical && !strcmp(s->canonical, "off"))
		check_fix(check_emit(ctx, r, s->src, s->begin, s->end,
				     "ssl is '%.*s': the server accepts only "
				     "unencrypted connections",
				     (int)s->value_len, s->value),
			  s->src, s->begin, s->end, "on");
	else if (!s && absences_known(cfg, is_root))
		check_fix_append(
		    check_emit(ctx, r, root_src(cfg), 0, 0,
			       "ssl is never turned on (the default is off): "
			       "the server accepts only unencrypted "
			       "connections"),
		    root_src(cfg), "ssl = on");
}

/* Position of a TLS version name in protocol order; -1 for "" or other. */
static int
tls_rank(const char *v)
{
	static const char *const order[] = {"TLSv1", "TLSv1.1", "TLSv1.2",
					    "TLSv1.3"};
	int i;

	for (i = 0; v && i < 4; i++)
		if (!strcmp(v, order[i]))
			return i;
	return -1;
}

#define TLS12_RANK 2

void
check_ssl_min_protocol(struct check_ctx *ctx, const struct rule *r,
		       const struct server_config *cfg, int is_root)
{
	const struct setting *s =
	    server_config_get(cfg, "ssl_min_protocol_version");

	if (s && s->canonical) {
		if (tls_rank(s->canonical) < TLS12_RANK)
			check_fix(check_emit(ctx, r, s->src, s->begin, s->end,
					     "ssl_min_protocol_version is '%s': "
					     "clients may negotiate TLS older "
					     "than 1.2",
					     s->canonical),
				  s->src, s->begin, s->end, "'TLSv1.2'");
		return;
	}
	if (s || ctx->pg_version >= 13 || ssl_state(cfg, is_root) != 1 ||
	    !absences_known(cfg, is_root))
		return;
	if (ctx->pg_version == 12)
		check_fix_append(
		    check_emit(ctx, r, root_src(cfg), 0, 0,
			       "ssl_min_protocol_version is unset: PostgreSQL "
			       "12 then accepts TLSv1"),
		    root_src(cfg), "ssl_min_protocol_version = 'TLSv1.2'");
	else
		check_emit(ctx, r, root_src(cfg), 0, 0,
			   "PostgreSQL %d has no ssl_min_protocol_version and "
			   "accepts TLSv1",
			   ctx->pg_version);
}

void
check_ssl_max_protocol(struct check_ctx *ctx, const struct rule *r,
		       const struct server_config *cfg, int is_root)
{
	const struct setting *s =
	    server_config_get(cfg, "ssl_max_protocol_version");
	const char *min = server_config_value(cfg, "ssl_min_protocol_version");
	int max_rank;

	(void)is_root;
	if (!s || !s->canonical || !*s->canonical)
		return;
	max_rank = tls_rank(s->canonical);
	if (max_rank < TLS12_RANK)
		check_emit(ctx, r, s->src, s->begin, s->end,
			   "ssl_max_protocol_version is '%s': TLS 1.2 and "
			   "later are refused",
			   s->canonical);
	else if (tls_rank(min) > max_rank)
		check_emit(ctx, r, s->src, s->begin, s->end,
			   "ssl_max_protocol_version '%s' is below "
			   "ssl_min_protocol_version '%s': no protocol is left",
			   s->canonical, min);
}

/*
 * OpenSSL cipher-list classes that are weak, with the names and name
 * fragments that select them (https://docs.openssl.org/3.0/man1/
 * openssl-ciphers/ "CIPHER LIST FORMAT" and "CIPHER STRINGS").
 */
enum weak { W_NULL, W_ANULL, W_EXPORT, W_LOW, W_RC4, W_DES, W_3DES, W_MD5,
	    W__COUNT };
static const char *const weak_names[W__COUNT] = {
	"eNULL", "aNULL", "EXPORT", "LOW", "RC4", "DES", "3DES", "MD5"};

/* Bit mask of weak classes one cipher-list element names. */
static unsigned
weak_classes(const char *e, size_t n)
{
	static const struct {
		const char *word;
		unsigned mask;
	} words[] = {
	    {"NULL", 1u << W_NULL},   {"eNULL", 1u << W_NULL},
	    {"aNULL", 1u << W_ANULL}, {"ADH", 1u << W_ANULL},
	    {"AECDH", 1u << W_ANULL}, {"EXPORT", 1u << W_EXPORT},
	    {"EXP", 1u << W_EXPORT},  {"LOW", 1u << W_LOW},
	    {"RC4", 1u << W_RC4},     {"DES", 1u << W_DES},
	    {"3DES", 1u << W_3DES},   {"MD5", 1u << W_MD5},
	    /* ALL is every suite but eNULL; COMPLEMENTOFDEFAULT is the
	     * part of ALL that DEFAULT leaves out (aNULL among it). */
	    {"ALL", ~(1u << W_NULL) & ((1u << W__COUNT) - 1)},
	    {"COMPLEMENTOFDEFAULT", ~(1u << W_NULL) & ((1u << W__COUNT) - 1)},
	    {"COMPLEMENTOFALL", 1u << W_NULL},
	};
	unsigned mask = 0;
	size_t i, a = 0;
	int cbc3 = 0;

	/* "A+B" selects suites in both A and B: any weak part counts. Suite
	 * names like "DES-CBC3-SHA" are split on '-' to find their parts. */
	while (a < n) {
		size_t b = a;

		while (b < n && e[b] != '+' && e[b] != '-')
			b++;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strlen(words[i].word) == b - a &&
			    !strncmp(words[i].word, e + a, b - a))
				mask |= words[i].mask;
		if (b - a == 4 && !strncmp(e + a, "CBC3", 4))
			cbc3 = 1;
		a = b + 1;
	}
	if (cbc3) /* DES-CBC3-SHA is 3DES, not single DES */
		mask = (mask & ~(1u << W_DES)) | (1u << W_3DES);
	return mask;
}

void
check_ssl_ciphers(struct check_ctx *ctx, const struct rule *r,
		  const struct server_config *cfg, int is_root)
{
	const struct setting *s = server_config_get(cfg, "ssl_ciphers");
	unsigned enabled = 0, banned = 0;
	const char *p, *end;
	char list[128];
	size_t used = 0;
	int i;

	(void)is_root;
	if (!s)
		return; /* the default is the server's own choice */
	p = s->value;
	end = s->value + s->value_len;
	while (p < end) {
		size_t n = strcspn(p, ": ,;");
		char sign = *p;
		unsigned m;

		if (sign == '!' || sign == '-' || sign == '+')
			m = weak_classes(p + 1, n - 1);
		else
			m = weak_classes(p, n);
		if (sign == '!') {
			banned |= m;
			enabled &= ~m;
		} else if (sign == '-')
			enabled &= ~m;
		else if (sign != '+' && sign != '@')
			enabled |= m & ~banned;
		p += n + (p + n < end);
	}
	if (!enabled)
		return;
	list[0] = '\0';
	for (i = 0; i < W__COUNT; i++)
		if (enabled & (1u << i))
			used += (size_t)snprintf(list + used,
						 sizeof(list) - used, "%s%s",
						 used ? ", " : "",
						 weak_names[i]);
	check_emit(ctx, r, s->src, s->begin, s->end,
		   "ssl_ciphers enables weak ciphers: %s", list);
}

void
check_ssl_ca_unset(struct check_ctx *ctx, const struct rule *r,
		   const struct server_config *cfg, int is_root)
{
	const struct setting *s = server_config_get(cfg, "ssl_ca_file");

	if (ssl_state(cfg, is_root) != 1)
		return;
	if (s && s->value_len == 0)
		check_emit(ctx, r, s->src, s->begin, s->end,
			   "ssl_ca_file is empty: client certificates cannot "
			   "be verified");
	else if (!s && absences_known(cfg, is_root))
		check_emit(ctx, r, root_src(cfg), 0, 0,
			   "ssl is on but ssl_ca_file is unset: client "
			   "certificates cannot be verified");
}

void
check_ssl_files(struct check_ctx *ctx, const struct rule *r,
		const struct server_config *cfg, int is_root)
{
	static const char *const names[] = {"ssl_cert_file", "ssl_key_file",
					    "ssl_ca_file", "ssl_crl_file"};
	const char *root = root_src(cfg)->path;
	const char *slash = strrchr(root, '/');
	size_t i;

	if (ssl_state(cfg, is_root) != 1)
		return;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct setting *s = server_config_get(cfg, names[i]);
		struct stat sb;
		char *path;

		/* Absolute paths name the deployed machine: not judged. */
		if (!s || !s->value_len || s->value[0] == '/')
			continue;
		path = slash ? xasprintf("%.*s/%s", (int)(slash - root), root,
					 s->value)
			     : xstrdup(s->value);
		if (stat(path, &sb) != 0)
			check_emit(ctx, r, s->src, s->begin, s->end,
				   "%s '%s' is not beside '%s'", names[i],
				   s->value, root);
		free(path);
	}
}
