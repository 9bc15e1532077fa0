/* SPDX-License-Identifier: MIT */
/* status.h — the one status type: 0 is success, negatives are failures. */
#ifndef PGT_STATUS_H
#define PGT_STATUS_H

enum pgt_status {
	PGT_OK = 0,
	PGT_EIO = -1,     /* a file could not be read */
	PGT_ESYNTAX = -2, /* input is malformed (reported as a finding) */
	PGT_ERULE = -3,   /* a rules file is malformed */
	PGT_EUSAGE = -4,  /* bad command line or configuration */
	PGT_ESKIP = -5    /* input deliberately skipped (binary, special) */
};

#endif
