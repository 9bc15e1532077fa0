/* SPDX-License-Identifier: MIT */
/* test_cert.c — each driver's host name check, and the date helpers.
 * Each expectation comes from the driver's code as cited in
 * src/model/cert_host.c, not from running ours. */
#include <stdlib.h>
#include <string.h>

#include "model/cert.h"
#include "model/cert_host.h"
#include "tests.h"

static char *dns_db[] = {"db.example.com"};
static char *dns_star[] = {"*.example.com"};
static char *dns_star_b[] = {"*.b.com"};
static char *dns_star_tld[] = {"*.com"};
static char *dns_partial[] = {"f*.example.com"};
static char *dns_other[] = {"other.test"};
static struct cert_ip ip_10005 = {{10, 0, 0, 5}, 4};
static struct cert_ip ip_v6_loop = {
    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 16};

/* A: one dNSName; B: a wildcard; C: CN only; D: an IP address as CN
 * beside a dNSName; E: an IP name and a dNSName; F: "*.com"; G: a
 * partial wildcard; H: ::1; I: "*.b.com". */
static const struct cert certs[] = {
    {.dns = dns_db, .ndns = 1, .has_san = 1, .common_name = "server"},
    {.dns = dns_star, .ndns = 1, .has_san = 1, .common_name = "server"},
    {.common_name = "db.example.com"},
    {.dns = dns_db, .ndns = 1, .has_san = 1, .common_name = "10.0.0.5"},
    {.dns = dns_db,
     .ndns = 1,
     .ips = &ip_10005,
     .nips = 1,
     .has_san = 1,
     .common_name = "server"},
    {.dns = dns_star_tld, .ndns = 1, .has_san = 1},
    {.dns = dns_partial, .ndns = 1, .has_san = 1},
    {.dns = dns_other, .ndns = 1, .ips = &ip_v6_loop, .nips = 1, .has_san = 1},
    {.dns = dns_star_b, .ndns = 1, .has_san = 1},
};

#define L HOST_MATCH_LIBPQ
#define J HOST_MATCH_PGJDBC
#define G HOST_MATCH_GO
#define N HOST_MATCH_NODE
#define P HOST_MATCH_PYTHON

static const struct {
	char cert;
	const char *host;
	enum host_matcher how;
	int pg_version, want;
} matches[] = {
    /* libpq: case-insensitive; a wildcard is one leading label */
    {'A', "db.example.com", L, 16, 1},
    {'A', "DB.Example.COM", L, 16, 1},
    {'A', "other.example.com", L, 16, 0},
    {'A', "db.example.com.", L, 16, 0}, /* no trailing-dot handling */
    {'B', "a.example.com", L, 16, 1},
    {'B', "a.b.example.com", L, 16, 0},
    {'B', "example.com", L, 16, 0},
    {'I', "a..b.com", L, 16, 1}, /* wildcard_certificate_match's quirk */
    {'C', "db.example.com", L, 16, 1},
    /* an IP host: CN read when there is no iPAddress name (15+) */
    {'D', "10.0.0.5", L, 16, 1},
    {'D', "10.0.0.5", L, 14, 0},
    {'E', "10.0.0.5", L, 16, 1},
    {'E', "10.0.5", L, 16, 1}, /* inet_aton's a.b.c form */
    {'E', "10.0.0.5", L, 14, 0},
    {'F', "example.com", L, 16, 1},
    {'G', "foo.example.com", L, 16, 0},
    {'H', "::1", L, 16, 1},
    {'H', "::1", L, 14, 0},
    /* Go: never the CN; one trailing dot of the host trimmed */
    {'A', "DB.example.com", G, 16, 1},
    {'A', "db.example.com.", G, 16, 1},
    {'B', "a.example.com", G, 16, 1},
    {'B', "a.b.example.com", G, 16, 0},
    {'C', "db.example.com", G, 16, 0},
    {'D', "10.0.0.5", G, 16, 0},
    {'E', "10.0.0.5", G, 16, 1},
    {'F', "example.com", G, 16, 1},
    {'G', "foo.example.com", G, 16, 0},
    {'H', "::1", G, 16, 1},
    {'H', "[::1]", G, 16, 1},
    /* Node: partial wildcards, no "*.tld", IP hosts by iPAddress only */
    {'A', "db.example.com.", N, 16, 1},
    {'B', "a.example.com", N, 16, 1},
    {'B', "a.b.example.com", N, 16, 0},
    {'C', "db.example.com", N, 16, 1},
    {'D', "10.0.0.5", N, 16, 0},
    {'E', "10.0.0.5", N, 16, 1},
    {'F', "example.com", N, 16, 0},
    {'G', "foo.example.com", N, 16, 1},
    {'G', "bar.example.com", N, 16, 0},
    {'H', "::1", N, 16, 1},
    /* pgjdbc: names and IP addresses as text; CN when no dNSName */
    {'A', "DB.EXAMPLE.COM", J, 16, 1},
    {'B', "a.example.com", J, 16, 1},
    {'B', "a.b.example.com", J, 16, 0},
    {'C', "db.example.com", J, 16, 1},
    {'D', "10.0.0.5", J, 16, 0},
    {'E', "10.0.0.5", J, 16, 1},
    {'F', "example.com", J, 16, 1},
    {'G', "foo.example.com", J, 16, 0},
    {'H', "[::1]", J, 16, 0}, /* Java's text: 0:0:0:0:0:0:0:1 */
    {'H', "[0:0:0:0:0:0:0:1]", J, 16, 1},
    /* CPython + OpenSSL: whole-label wildcard, two dots after it */
    {'A', "db.example.com", P, 16, 1},
    {'B', "a.example.com", P, 16, 1},
    {'B', "a.b.example.com", P, 16, 0},
    {'C', "db.example.com", P, 16, 1},
    {'D', "10.0.0.5", P, 16, 0},
    {'E', "10.0.0.5", P, 16, 1},
    {'F', "example.com", P, 16, 0},
    {'G', "foo.example.com", P, 16, 0},
    {'H', "::1", P, 16, 1},
};

START_TEST(test_host_match)
{
	const struct cert *c = &certs[matches[_i].cert - 'A'];

	ck_assert_msg(cert_host_matches(c, matches[_i].host, matches[_i].how,
					matches[_i].pg_version) ==
			  matches[_i].want,
		      "case %d: certificate %c, host '%s', matcher %d", _i,
		      matches[_i].cert, matches[_i].host, matches[_i].how);
}
END_TEST

START_TEST(test_dates)
{
	int64_t t;
	char out[11];

	ck_assert_int_eq(cert_days_from_civil(1970, 1, 1), 0);
	ck_assert_int_eq(cert_days_from_civil(2000, 3, 1), 11017);
	ck_assert_int_eq(cert_days_from_civil(1969, 12, 31), -1);
	ck_assert_int_eq(cert_parse_date("2026-12-06", &t), 0);
	cert_format_date(t, out);
	ck_assert_str_eq(out, "2026-12-06");
	cert_format_date(t + 86399, out);
	ck_assert_str_eq(out, "2026-12-06");
	cert_format_date(cert_days_from_civil(2024, 2, 29) * 86400, out);
	ck_assert_str_eq(out, "2024-02-29");
	cert_format_date(-1, out);
	ck_assert_str_eq(out, "1969-12-31");
	ck_assert_int_eq(cert_parse_date("2026-13-01", &t), -1);
	ck_assert_int_eq(cert_parse_date("2026-1-01", &t), -1);
	ck_assert_int_eq(cert_parse_date("2026-01-01x", &t), -1);
	ck_assert_int_eq(cert_parse_date("", &t), -1);
}
END_TEST

Suite *
suite_cert(void)
{
	Suite *s = suite_create("cert");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_host_match, 0,
			    sizeof(matches) / sizeof(matches[0]));
	tcase_add_test(tc, test_dates);
	suite_add_tcase(s, tc);
	return s;
}
