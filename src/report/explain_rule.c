/* SPDX-License-Identifier: MIT */
/* explain_rule.c — a rule's explanation as plain text. */
#include "explain_rule.h"

#include <string.h>

/* A titled section, each line of text indented by two blanks. */
static void
put_section(struct buf *out, const char *title, const char *text)
{
	const char *p = text;

	if (!text)
		return;
	buf_addf(out, "%s:\n", title);
	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n)
			buf_adds(out, "  ");
		buf_add(out, p, n);
		buf_addch(out, '\n');
		p += n + (p[n] == '\n');
	}
	buf_addch(out, '\n');
}

void
explain_rule(const struct rule *r, struct buf *out)
{
	buf_addf(out, "%s %s (%s, %s)\n\n", r->id, r->name,
		 severity_names[r->severity], target_names[r->target]);
	put_section(out, "What it does", r->summary);
	put_section(out, "Why it matters", r->why);
	put_section(out, "How to fix", r->fix);
	put_section(out, "Bad", r->example_bad);
	put_section(out, "Good", r->example_good);
	if (r->help_uri)
		buf_addf(out, "More: %s\n", r->help_uri);
}
