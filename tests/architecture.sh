#!/bin/sh
# architecture.sh — the layering DESIGN.md asks for, checked on the tree:
# detectors (scanners, carriers, parsers, model) return facts and only
# src/rules/ raises findings, so a rule code is written in no other C file
# and no detector includes the rule engine.
# usage: architecture.sh SRC_DIR   (exit 1 and the offending lines on failure)
set -u
src=${1:-src}
bad=0

# A rule code as a C string ("PGT305") outside src/rules/. Comments may
# name rules; strings are what a finding would be raised with.
codes=$(grep -rnE '"PGT[0-9]{3}' "$src" --include='*.c' --include='*.h' |
	grep -v "^$src/rules/")
if [ -n "$codes" ]; then
	echo "rule codes outside $src/rules/:"
	echo "$codes" | sed 's/^/  /'
	bad=1
fi

# The engine and the checks, included by a detector.
engine=$(grep -rnE '#include ".*(rules/engine|rules/checks)[a-z_]*\.h"' \
	"$src/scanners" "$src/parsers" "$src/model" "$src/carriers.c" \
	"$src/carriers.h" 2>/dev/null)
if [ -n "$engine" ]; then
	echo "detectors that include the rule engine:"
	echo "$engine" | sed 's/^/  /'
	bad=1
fi

[ "$bad" -eq 0 ] && echo "architecture: detectors return facts, rules raise findings"
exit "$bad"
