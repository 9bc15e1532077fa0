/* SPDX-License-Identifier: MIT */
/*
 * guc.c — typed server settings, their accepted values and defaults.
 *
 * Source: src/backend/utils/misc/guc_tables.c (guc.c before PostgreSQL 16)
 * and https://www.postgresql.org/docs/current/runtime-config-connection.html
 * ("SSL" section). Each row names the versions it holds for; the live oracle
 * test (tests/live/pgconf_oracle.sh) checks every ssl* default against the
 * installed server's pg_settings.boot_val.
 */
#include "guc.h"

#include <string.h>
#include <strings.h>

/* ssl_protocol_versions_info in guc_tables.c; ssl_min_protocol_version
 * uses the table without its "" entry (PG_TLS_ANY). */
static const struct guc_enum_value tls_versions_max[] = {
	{"", ""},
	{"TLSv1", "TLSv1"},
	{"TLSv1.1", "TLSv1.1"},
	{"TLSv1.2", "TLSv1.2"},
	{"TLSv1.3", "TLSv1.3"},
	{NULL, NULL}};

/* password_encryption_options: PostgreSQL 10-13 also took on/true/yes/1
 * as hidden spellings of md5; 14 removed them (release notes 14, E.1.2). */
static const struct guc_enum_value password_encryption_values[] = {
	{"md5", "md5"},
	{"scram-sha-256", "scram-sha-256"},
	{"on", "md5"},
	{"true", "md5"},
	{"yes", "md5"},
	{"1", "md5"},
	{NULL, NULL}};

static const struct guc_def gucs[] = {
	/* Sorted by name for bsearch. */
	{"password_encryption", GUC_ENUM, 10, "scram-sha-256", 14, "md5",
	 password_encryption_values, 13},
	{"ssl", GUC_BOOL, 8, "off", 0, NULL, NULL, 0},
	{"ssl_ca_file", GUC_STRING, 9, "", 0, NULL, NULL, 0},
	{"ssl_cert_file", GUC_STRING, 9, "server.crt", 0, NULL, NULL, 0},
	{"ssl_ciphers", GUC_STRING, 8, "HIGH:MEDIUM:+3DES:!aNULL", 0, NULL,
	 NULL, 0},
	{"ssl_crl_dir", GUC_STRING, 14, "", 0, NULL, NULL, 0},
	{"ssl_crl_file", GUC_STRING, 9, "", 0, NULL, NULL, 0},
	{"ssl_dh_params_file", GUC_STRING, 10, "", 0, NULL, NULL, 0},
	{"ssl_ecdh_curve", GUC_STRING, 9, "prime256v1", 0, NULL, NULL, 0},
	{"ssl_key_file", GUC_STRING, 9, "server.key", 0, NULL, NULL, 0},
	{"ssl_max_protocol_version", GUC_ENUM, 12, "", 0, NULL,
	 tls_versions_max, 0},
	{"ssl_min_protocol_version", GUC_ENUM, 12, "TLSv1.2", 13, "TLSv1",
	 tls_versions_max + 1, 0},
	{"ssl_passphrase_command", GUC_STRING, 11, "", 0, NULL, NULL, 0},
	{"ssl_passphrase_command_supports_reload", GUC_BOOL, 11, "off", 0,
	 NULL, NULL, 0},
	{"ssl_prefer_server_ciphers", GUC_BOOL, 9, "on", 0, NULL, NULL, 0},
};

const struct guc_def *
guc_find(const char *name, int version)
{
	size_t lo = 0, hi = sizeof(gucs) / sizeof(gucs[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, gucs[mid].name);

		if (c == 0)
			return gucs[mid].since <= version ? &gucs[mid] : NULL;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct guc_def *
guc_at(size_t i)
{
	return i < sizeof(gucs) / sizeof(gucs[0]) ? &gucs[i] : NULL;
}

const char *
guc_default(const struct guc_def *def, int version)
{
	if (def->changed_in && version < def->changed_in)
		return def->def_before;
	return def->def;
}

int
guc_parse_bool(const char *s, size_t len, int *out)
{
	if (len == 0)
		return 0;
	switch (s[0]) {
	case 't': case 'T':
		if (len <= 4 && !strncasecmp(s, "true", len))
			return *out = 1, 1;
		break;
	case 'f': case 'F':
		if (len <= 5 && !strncasecmp(s, "false", len))
			return *out = 0, 1;
		break;
	case 'y': case 'Y':
		if (len <= 3 && !strncasecmp(s, "yes", len))
			return *out = 1, 1;
		break;
	case 'n': case 'N':
		if (len <= 2 && !strncasecmp(s, "no", len))
			return *out = 0, 1;
		break;
	case 'o': case 'O':
		/* "o" alone is ambiguous between on and off. */
		if (len == 2 && !strncasecmp(s, "on", 2))
			return *out = 1, 1;
		if (len >= 2 && len <= 3 && !strncasecmp(s, "off", len))
			return *out = 0, 1;
		break;
	case '1':
		if (len == 1)
			return *out = 1, 1;
		break;
	case '0':
		if (len == 1)
			return *out = 0, 1;
		break;
	}
	return 0;
}

const char *
guc_canonical(const struct guc_def *def, int version, const char *value,
	      size_t len)
{
	const struct guc_enum_value *v;
	int b;

	switch (def->type) {
	case GUC_BOOL:
		if (!guc_parse_bool(value, len, &b))
			return NULL;
		return b ? "on" : "off";
	case GUC_ENUM:
		for (v = def->values; v->name; v++) {
			if (strlen(v->name) != len ||
			    strncasecmp(v->name, value, len))
				continue;
			if (strcmp(v->name, v->canonical) &&
			    version > def->aliases_until)
				return NULL;
			return v->canonical;
		}
		return NULL;
	case GUC_STRING:
		break;
	}
	return value;
}
