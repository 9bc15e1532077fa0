/* SPDX-License-Identifier: MIT */
/* compat.h — the only place compiler attributes are spelled (STYLE.md 1). */
#ifndef PGT_COMPAT_H
#define PGT_COMPAT_H

#if defined(__GNUC__) || defined(__clang__)
#define PGT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define PGT_WARN_UNUSED __attribute__((warn_unused_result))
#define PGT_NORETURN __attribute__((noreturn))
#else
#define PGT_PRINTF(f, a)
#define PGT_WARN_UNUSED
#define PGT_NORETURN
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
