/* SPDX-License-Identifier: MIT */
/* regex.c — PCRE2 wrapper: compile once, JIT on first use, bounded
 * matching. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>

#include "xalloc.h"

/* Bounds for one match: small enough to stop backtracking bombs quickly. */
#define REGEX_MATCH_LIMIT 1000000u
#define REGEX_DEPTH_LIMIT 10000u

struct regex {
	pcre2_code *code;          /* owned */
	pcre2_match_context *mctx; /* owned */
	/* A rule's pattern is JIT-compiled when it is first matched, so a
	 * run that never matches it never pays for that; workers share the
	 * pattern, hence the lock. */
	pthread_mutex_t jit_lock;
	int jit_done;
};

struct regex *
regex_compile(const char *pattern, char **err, size_t *erroffset)
{
	int errcode;
	PCRE2_SIZE off;
	struct regex *re;
	pcre2_code *code;

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			     PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &errcode,
			     &off, NULL);
	if (!code) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(errcode, msg, sizeof(msg));
		*err = xstrdup((const char *)msg);
		*erroffset = off;
		return NULL;
	}
	re = xcalloc(1, sizeof(*re));
	re->code = code;
	pthread_mutex_init(&re->jit_lock, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	if (!re->mctx) {
		regex_free(re);
		*err = xstrdup("out of memory");
		*erroffset = 0;
		return NULL;
	}
	pcre2_set_match_limit(re->mctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, REGEX_DEPTH_LIMIT);
	return re;
}

void
regex_free(struct regex *re)
{
	if (!re)
		return;
	pcre2_match_context_free(re->mctx);
	pthread_mutex_destroy(&re->jit_lock);
	pcre2_code_free(re->code);
	free(re);
}

int
regex_match(struct regex *re, const char *s, size_t len)
{
	pcre2_match_data *md;
	int rc;

	pthread_mutex_lock(&re->jit_lock);
	if (!re->jit_done) {
		/* JIT is an optimisation: a failure to JIT still leaves a
		 * usable interpreter-backed pattern. */
		(void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
		re->jit_done = 1;
	}
	pthread_mutex_unlock(&re->jit_lock);
	/* match data per call: threads may match the same pattern at once */
	md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (!md)
		return -1;
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, 0, md, re->mctx);
	pcre2_match_data_free(md);

	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return -1;
}
