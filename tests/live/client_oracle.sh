#!/bin/sh
# client_oracle.sh — run the pg_hba.conf oracle; in CI a missing server is a
# failure, elsewhere a clear skip.
# usage: client_oracle.sh PGTLSLINT
python3 "$(dirname "$0")/client_oracle.py" "$1"
rc=$?
if [ "$rc" -eq 77 ]; then
	[ -n "${CI:-}" ] && { echo "client oracle: CI must run it" >&2; exit 1; }
	exit 0
fi
exit "$rc"
