/* SPDX-License-Identifier: MIT */
/*
 * checks_client.c — findings from a client verdict (model/client.c), per
 * RULES.md's reporting decisions 1-3: PGT301-PGT304 are one outcome per
 * connection and never for connections that stay on the host; an explicit
 * verification override is reported as PGT305 instead of PGT303/PGT304.
 */
#include "checks_client.h"

#include <string.h>

#include "../model/client.h"
#include "../model/value.h"

/* Which outcome each of PGT301-PGT304 reports. */
static const struct {
	const char *id;
	enum tls_outcome outcome;
	const char *says;
} outcome_rules[] = {
    {"PGT301", OUTCOME_NONE, "never uses TLS"},
    {"PGT302", OUTCOME_OPPORTUNISTIC, "may fall back to plaintext"},
    {"PGT303", OUTCOME_ENCRYPT_ONLY,
     "encrypts but does not verify the server certificate"},
    {"PGT304", OUTCOME_VERIFY_CA,
     "checks the certificate chain but not the host name"},
};

static const char *
driver_phrase(const struct client_fact *f)
{
	return f->driver_guessed ? "as read by libpq-based clients"
				 : driver_names[f->driver];
}

/* Where a deciding value comes from, when not written in place: the
 * environment, a placeholder's default (RULES.md decision 11: judged as
 * written, and said so), a constant. */
static const char *
origin_phrase(const struct client_param *p)
{
	if (!p)
		return "";
	if (p->from_env)
		return ", from the environment";
	if (p->origin == ORIGIN_DEFAULT)
		return ", a placeholder's default";
	return "";
}

/* Where a parameter is written, or the whole connection for defaults. */
static void
span(const struct client_fact *f, const struct client_param *p, size_t *b,
     size_t *e)
{
	*b = p ? p->begin : f->begin;
	*e = p ? p->end : f->end;
}

void
check_client_outcome(struct check_ctx *ctx, const struct rule *r,
		     const struct client_fact *f,
		     const struct client_verdict *v)
{
	size_t i, b, e;
	struct finding *fd;

	if ((v->local && !ctx->judge_loopback) || !v->reason)
		return;
	if (v->no_verify && v->outcome >= OUTCOME_ENCRYPT_ONLY)
		return; /* PGT305 says more */
	for (i = 0; i < sizeof(outcome_rules) / sizeof(outcome_rules[0]); i++) {
		if (strcmp(outcome_rules[i].id, r->id) ||
		    outcome_rules[i].outcome != v->outcome)
			continue;
		span(f, v->cause, &b, &e);
		fd = check_emit(ctx, r, f->src, b, e, "%s %s: %s%s (%s)",
				f->what, outcome_rules[i].says, v->reason,
				origin_phrase(v->cause), driver_phrase(f));
		/* sslmode=verify-full is the fix wherever the value is
		 * written exactly (not for node's no-verify, not behind an
		 * escape we could not map). */
		if (v->cause && v->cause->exact && v->cause->value &&
		    !strcmp(v->cause->key, "sslmode"))
			check_fix(fd, f->src, b, e, "verify-full");
	}
}

void
check_client_no_verify(struct check_ctx *ctx, const struct rule *r,
		       const struct client_fact *f,
		       const struct client_verdict *v)
{
	const struct client_param *p = v->no_verify;
	struct finding *fd;

	if (!p)
		return;
	fd = check_emit(ctx, r, f->src, p->begin, p->end,
			"certificate verification is switched off: %s%s%s "
			"accepts any server certificate (%s)",
			p->key, p->in_code ? ": " : "=",
			p->value ? p->value : "?", driver_phrase(f));
	if (p->in_code && p->exact && !strcmp(p->key, "rejectUnauthorized"))
		check_fix(fd, f->src, p->begin, p->end, "true");
}

void
check_client_floor(struct check_ctx *ctx, const struct rule *r,
		   const struct client_fact *f, const struct client_verdict *v)
{
	if (v->weak_floor)
		check_emit(ctx, r, f->src, v->weak_floor->begin,
			   v->weak_floor->end, "%s allows TLS below 1.2: %s=%s",
			   f->what, v->weak_floor->key, v->weak_floor->value);
}

void
check_client_implicit_root(struct check_ctx *ctx, const struct rule *r,
			   const struct client_fact *f,
			   const struct client_verdict *v)
{
	size_t b, e;

	if (!v->implicit_root)
		return;
	span(f, v->cause, &b, &e);
	check_emit(ctx, r, f->src, b, e,
		   "%s verifies against ~/.postgresql/root.crt: no sslrootcert "
		   "is given (%s)",
		   f->what, driver_phrase(f));
}

void
check_client_password(struct check_ctx *ctx, const struct rule *r,
		      const struct client_fact *f,
		      const struct client_verdict *v)
{
	const struct client_param *p = client_get(f, "password");

	(void)v;
	if (p && p->value && *p->value)
		check_emit(ctx, r, f->src, p->begin, p->end,
			   "password written in the %s%s (****)",
			   p->from_env	  ? "environment"
			   : p->overrides ? "connect() arguments"
			   : p->in_code	  ? "connection properties"
					  : f->what,
			   p->origin == ORIGIN_DEFAULT ? ", as a default" : "");
}

void
check_client_ambiguous(struct check_ctx *ctx, const struct rule *r,
		       const struct client_fact *f,
		       const struct client_verdict *v)
{
	if (v->ambiguous)
		check_emit(ctx, r, f->src, v->ambiguous->begin,
			   v->ambiguous->end,
			   "sslmode=%s means full verification in "
			   "node-postgres today but not in libpq (and not "
			   "under uselibpqcompat): write sslmode=verify-full",
			   v->ambiguous->value);
}
