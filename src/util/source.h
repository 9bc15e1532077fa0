/* SPDX-License-Identifier: MIT */
/*
 * source.h — one input file, read whole, with a line index.
 *
 * A source owns its path, text and index; source_release frees them. The
 * text is NUL-terminated, but parsers use len: NUL bytes in the middle are
 * data, not terminators.
 */
#ifndef PGT_SOURCE_H
#define PGT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "../status.h"

/* The formats we read; walk.c classifies a file by its name. */
enum file_kind {
	FILE_NONE,	  /* not a format we read */
	FILE_PGCONF_ROOT, /* postgresql.conf: a whole server configuration */
	FILE_PGCONF_PART, /* another *.conf: a fragment, if it parses as one */
	FILE_HBA,	  /* pg_hba.conf, *hba*.conf */
	FILE_CERT,	  /* *.crt, *.pem, *.cer, *.der, *.key, *.crl:
			     certificates, keys and CRLs, PEM or DER */
	FILE_PGBOUNCER,	  /* pgbouncer.ini: the TLS files it names */
	FILE_ENV,	  /* .env, .env.*, *.env */
	FILE_DOCKERFILE,  /* Dockerfile, Dockerfile.*, *.dockerfile */
	FILE_PROPERTIES,  /* *.properties */
	FILE_YAML,	  /* *.yml, *.yaml */
	FILE_SHELL,	  /* *.sh, *.bash */
	FILE_SERVICE,	  /* pg_service.conf, .pg_service.conf */
	FILE_JSON,	  /* *.json: read as YAML (JSON is its flow style) */
	FILE_PRISMA,	  /* *.prisma: a Prisma schema's datasource */
	FILE_TOML,	  /* *.toml (flyway.toml, ...) */
	FILE_JS,   /* source code from here on: *.js, *.mjs, *.cjs, *.jsx, *.ts,
		      *.mts, *.cts, *.tsx */
	FILE_GO,   /* *.go */
	FILE_PY,   /* *.py */
	FILE_JAVA, /* *.java */
	FILE_PHP,  /* *.php: read with the JavaScript lexer */
	FILE_CSHARP, /* *.cs: read with the Java lexer */
	FILE__COUNT
};

/* What source_decode did to a file's bytes. */
enum source_encoding {
	SOURCE_AS_IS,	   /* UTF-8 (or bytes) read as they are */
	SOURCE_UTF8_BOM,   /* a UTF-8 byte order mark dropped */
	SOURCE_UTF16LE,	   /* UTF-16 with its byte order mark, now UTF-8 */
	SOURCE_UTF16BE,
	SOURCE_CR_LINES	   /* lines ended by a lone CR, now by LF */
};

/* Largest file we read; larger ones are skipped with a note. */
#define SOURCE_MAX_BYTES ((size_t)1 << 30)

/* Where each line starts, and a hash of the text; built on first use, as
 * most files read never report a position (the prefilter skips them). */
struct source_lines {
	size_t *start; /* start[i] = offset of line i + 1; NULL: not built */
	size_t n;
	uint64_t hash; /* FNV-1a of the text; 0: not computed */
};

/* Byte ranges [begin, end) of a source, sorted and disjoint. */
struct source_ranges {
	struct source_range {
		size_t begin, end;
	} *v; /* owned */
	size_t nr, alloc;
	int found; /* filled in (secrets_of, secrets.h) */
};

struct source {
	char *path;                 /* owned; the path as the user named it */
	char *text;                 /* owned; len bytes plus a NUL */
	size_t len;
	struct source_lines *lines; /* owned; use source_nlines and friends */
	enum file_kind kind;	    /* the format it is read as (FILE_NONE:
				       not known); set by the reader */
	int from_stdin;		    /* read from standard input ("-") */
	enum source_encoding encoding; /* how the file's bytes were turned
					  into text (source_decode) */
	struct source_ranges *secrets; /* owned; where its secrets are,
					  found on first use by secrets_of */
};

struct pos {
	uint32_t line; /* 1-based */
	uint32_t col;  /* 1-based, in bytes */
};

/*
 * Reads path into src. Returns PGT_OK; PGT_EIO with *err set when the file
 * cannot be read; PGT_ESKIP with *err set for what is deliberately not read
 * (a directory, FIFO or device, a file over SOURCE_MAX_BYTES). *err is
 * malloc'd; the caller frees it. On failure src is left released.
 */
int source_load(struct source *src, const char *path, char **err);

/* Fills src from memory (copied); for stdin and tests. */
void source_from_mem(struct source *src, const char *path, const char *text,
		     size_t len);

/* Reads all of fd into src (for stdin). Same returns as source_load. */
int source_load_fd(struct source *src, const char *path, int fd, char **err);

void source_release(struct source *src);

/* Number of lines (a last line without a newline counts; an empty text
 * is one empty line). */
size_t source_nlines(const struct source *src);

/* Offset of the first byte of line (0-based, below source_nlines). */
size_t source_line_start(const struct source *src, size_t line);

/* Line and column of a byte offset (offset may equal len). */
struct pos source_pos(const struct source *src, size_t offset);

/*
 * The text of line (1-based) without its line terminator; *len receives
 * its length. Returns a pointer into src->text.
 */
const char *source_line(const struct source *src, uint32_t line, size_t *len);

/* A hash of the whole text (computed once), to tell later whether a
 * file still holds what was read. */
uint64_t source_hash(const struct source *src);

/* True when the first 8 KiB hold a NUL byte (git's and grep's test). */
int source_is_binary(const struct source *src);

/*
 * The text of a carrier or source file (src->kind from FILE_ENV on) as its
 * readers see it, whatever its editor saved: a UTF-16 file with a byte
 * order mark becomes UTF-8, a UTF-8 byte order mark is dropped (editors
 * do not show it, so columns stay theirs), and an .env or shell file whose
 * lines end with a lone CR (classic Mac) gets LF line ends (python-dotenv
 * reads with universal newlines). Server files are left as PostgreSQL
 * reads them. Sets src->encoding; call once, before any position is
 * taken.
 */
void source_decode(struct source *src);

/*
 * text (len bytes, as source_decode left it) back in the file's encoding
 * into out; returns -1, writing nothing, for an encoding we do not write
 * back (UTF-16).
 */
struct buf;
int source_encode(enum source_encoding enc, const char *text, size_t len,
		  struct buf *out);

#endif
