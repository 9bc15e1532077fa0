/* SPDX-License-Identifier: MIT */
/*
 * test_ruleset.c — the embedded rules are complete and consistent, the
 * compiled ones equal what their YAML says, and a malformed rule file is
 * an error at its exact line and column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/ruleset.h"
#include "tests.h"

static void
assert_same_str(const char *id, const char *field, const char *a,
		const char *b)
{
	ck_assert_msg((!a && !b) || (a && b && !strcmp(a, b)),
		      "%s: %s differs: '%s' / '%s'", id, field,
		      a ? a : "(null)", b ? b : "(null)");
}

/* tools/rulegen.c wrote each rule as constants at build time; parsing
 * rules.d now must give the same rules, field by field. */
START_TEST(test_compiled_rules_equal_yaml)
{
	struct ruleset compiled, parsed;
	char *err = NULL;
	size_t i, j;

	ruleset_init(&compiled);
	ruleset_init(&parsed);
	ck_assert_int_eq(ruleset_load_embedded(&compiled, &err), 0);
	ck_assert_int_eq(ruleset_load_dir(&parsed, "../rules.d", &err), 0);
	ck_assert_int_eq(ruleset_finish(&compiled, &err), 0);
	ck_assert_int_eq(ruleset_finish(&parsed, &err), 0);
	ck_assert_uint_eq(compiled.nr, parsed.nr);
	for (i = 0; i < parsed.nr; i++) {
		const struct rule *a = &compiled.v[i], *b = &parsed.v[i];

		assert_same_str(b->id, "id", a->id, b->id);
		assert_same_str(b->id, "name", a->name, b->name);
		assert_same_str(b->id, "summary", a->summary, b->summary);
		assert_same_str(b->id, "message", a->message, b->message);
		assert_same_str(b->id, "why", a->why, b->why);
		assert_same_str(b->id, "fix", a->fix, b->fix);
		assert_same_str(b->id, "bad", a->example_bad, b->example_bad);
		assert_same_str(b->id, "good", a->example_good,
				b->example_good);
		assert_same_str(b->id, "help_uri", a->help_uri, b->help_uri);
		assert_same_str(b->id, "security_severity",
				a->security_severity, b->security_severity);
		assert_same_str(b->id, "setting", a->setting, b->setting);
		assert_same_str(b->id, "operand", a->operand, b->operand);
		assert_same_str(b->id, "replace_with", a->replace_with,
				b->replace_with);
		assert_same_str(b->id, "pattern", a->pattern, b->pattern);
		/* unit tests run in tests/ */
		assert_same_str(b->id, "origin", a->origin, b->origin + 3);
		ck_assert_int_eq(a->severity, b->severity);
		ck_assert_int_eq(a->target, b->target);
		ck_assert_int_eq(a->enabled, b->enabled);
		ck_assert_int_eq(a->builtin, b->builtin);
		ck_assert_int_eq(a->op, b->op);
		ck_assert_ptr_eq(a->check, b->check);
		ck_assert_int_eq(!a->re, !b->re);
		ck_assert_uint_eq(a->ntags, b->ntags);
		for (j = 0; j < b->ntags; j++)
			assert_same_str(b->id, "tag", a->tags[j], b->tags[j]);
	}
	ruleset_release(&compiled);
	ruleset_release(&parsed);
}
END_TEST

START_TEST(test_embedded_rules_complete)
{
	struct ruleset rs;
	char *err = NULL;
	size_t i;

	ruleset_init(&rs);
	ck_assert_int_eq(ruleset_load_embedded(&rs, &err), 0);
	ck_assert_int_eq(ruleset_finish(&rs, &err), 0);
	for (i = 0; i < rs.nr; i++) {
		const struct rule *r = &rs.v[i];
		char want[64];

		/* rules.d/<ID>.yaml: the file name is the rule's id. */
		snprintf(want, sizeof(want), "rules.d/%s.yaml", r->id);
		ck_assert_str_eq(r->origin, want);
		ck_assert_msg(r->why && r->fix && r->example_bad &&
				  r->example_good && r->help_uri &&
				  r->security_severity && r->ntags,
			      "%s lacks documentation", r->id);
		ck_assert_msg(!strncmp(r->id, "PGT", 3), "%s", r->id);
	}
	ck_assert_ptr_nonnull(ruleset_find(&rs, "ssl-disabled"));
	ck_assert_ptr_nonnull(ruleset_find(&rs, "pgt101"));
	ck_assert_ptr_nonnull(ruleset_active(&rs, "PGT110"));
	ruleset_release(&rs);
}
END_TEST

static const struct {
	const char *yaml, *want;
} bad_rules[] = {
	{"id: X1\n", "t.yaml:1:1: invalid id 'X1' (want e.g. PGT101)"},
	{"id: ABC001\nname: Bad_Name\n",
	 "t.yaml:1:1: missing or invalid kebab-case 'name'"},
	{"id: ABC001\nname: a\nseverity: fatal\n", "t.yaml:3:11: unknown severity"},
	{"id: ABC001\nname: a\ncolour: red\n", "t.yaml:3:1: unknown key 'colour'"},
	/* found by the rules fuzzer: the first condition's regex leaked */
	{"id: ABC001\ncondition:\n  setting: a\n  match: x\n"
	 "condition:\n  match: y\n",
	 "t.yaml:6:3: duplicate key"},
	{"id: ABC001\nname: a\nseverity: note\ntarget: pgconf\nsummary: s\n",
	 "t.yaml:1:1: a rule needs exactly one of builtin, check, condition"},
	{"id: ABC001\nname: a\nseverity: note\ntarget: pgconf\nsummary: s\n"
	 "check: nope\n",
	 "t.yaml:6:8: unknown check 'nope'"},
	{"id: ABC001\nname: a\nseverity: note\ntarget: pgconf\nsummary: s\n"
	 "message: m\ncondition: {setting: ssl, match: 'a(b'}\n",
	 "t.yaml:7:34: invalid regex at offset 3: missing closing parenthesis"},
	{"id: [unclosed\n", "t.yaml:2:1: did not find expected ',' or ']'"},
	{"- a\n- b\n", "t.yaml:1:1: a rule file must be a mapping"},
};

START_TEST(test_bad_rule_positions)
{
	struct ruleset rs;
	char *err = NULL;

	ruleset_init(&rs);
	ck_assert_int_ne(ruleset_add_yaml(&rs, "t.yaml", bad_rules[_i].yaml,
					  strlen(bad_rules[_i].yaml), &err),
			 0);
	ck_assert_ptr_nonnull(err);
	ck_assert_str_eq(err, bad_rules[_i].want);
	free(err);
	ck_assert_uint_eq(rs.nr, 0);
	ruleset_release(&rs);
}
END_TEST

START_TEST(test_duplicate_ids)
{
	struct ruleset rs;
	char *err = NULL;
	const char *rule = "id: ABC001\nname: a\nseverity: note\ntarget: "
			   "pgconf\nsummary: s\nmessage: m\ncondition: "
			   "{setting: ssl, absent: true}\n";

	ruleset_init(&rs);
	ck_assert_int_eq(ruleset_add_yaml(&rs, "a.yaml", rule, strlen(rule),
					  &err),
			 0);
	ck_assert_int_eq(ruleset_add_yaml(&rs, "b.yaml", rule, strlen(rule),
					  &err),
			 0);
	ck_assert_int_ne(ruleset_finish(&rs, &err), 0);
	ck_assert_str_eq(err, "b.yaml: rule id 'ABC001' already defined in "
			      "'a.yaml'");
	free(err);
	ruleset_release(&rs);
}
END_TEST

Suite *
suite_ruleset(void)
{
	Suite *s = suite_create("ruleset");
	TCase *tc = tcase_create("load");

	tcase_add_test(tc, test_embedded_rules_complete);
	tcase_add_test(tc, test_compiled_rules_equal_yaml);
	tcase_add_loop_test(tc, test_bad_rule_positions, 0,
			    (int)(sizeof(bad_rules) / sizeof(bad_rules[0])));
	tcase_add_test(tc, test_duplicate_ids);
	suite_add_tcase(s, tc);
	return s;
}
