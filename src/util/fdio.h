/* SPDX-License-Identifier: MIT */
/* fdio.h — writing to file descriptors. */
#ifndef PGT_FDIO_H
#define PGT_FDIO_H

#include <stddef.h>

/* Writes all n bytes of p to fd, through short writes and EINTR.
 * Returns 0, or -1 with errno set. */
int fd_write_all(int fd, const char *p, size_t n);

#endif
