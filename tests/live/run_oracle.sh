#!/bin/sh
# run_oracle.sh — run one PostgreSQL oracle (NAME.py); in CI a missing
# server is a failure (exit 77 from the oracle), elsewhere a clear skip.
# usage: run_oracle.sh NAME PGTLSLINT
python3 "$(dirname "$0")/$1.py" "$2"
rc=$?
if [ "$rc" -eq 77 ]; then
	[ -n "${CI:-}" ] && { echo "$1: CI must run it" >&2; exit 1; }
	exit 0
fi
exit "$rc"
