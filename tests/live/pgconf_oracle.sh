#!/bin/sh
# pgconf_oracle.sh — run the PostgreSQL oracle; in CI a missing server is a
# failure, elsewhere a clear skip.
# usage: pgconf_oracle.sh PGTLSLINT
here=$(dirname "$0")
python3 "$here/pgconf_oracle.py" "$1"
rc=$?
if [ "$rc" -eq 77 ]; then
	[ -n "${CI:-}" ] && { echo "pgconf oracle: CI must run it" >&2; exit 1; }
	exit 0
fi
exit "$rc"
