#!/bin/sh
# sarif.sh — SARIF for every fixture validates against the schema and
# GitHub's upload rules, and the SARIF Multitool finds nothing to say. Debian's python3-jsonschema lives under
# /usr/bin/python3, which may not be the python3 first on PATH.
# usage: sarif.sh PGTLSLINT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for dir in "$here"/fixtures/rules/*/*/ "$here"/fixtures/cli/project/; do
	n=$((n + 1))
	(cd "$dir" && "$bin" --format sarif . >"$tmp/$n.sarif" 2>/dev/null)
done
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" "$here/sarif_check.py" "$here/schemas/sarif-schema-2.1.0.json" "$tmp"/*.sarif || exit 1
# The SARIF Multitool (make builds it into build/sarif-multitool from npm;
# SARIF_MULTITOOL names it): the specification's and GitHub's rules.
if [ -n "${SARIF_MULTITOOL:-}" ] && [ -x "$SARIF_MULTITOOL" ]; then
	exec "$py" "$here/sarif_multitool.py" "$SARIF_MULTITOOL" "$tmp"/*.sarif
elif [ -n "${CI:-}" ]; then
	echo "sarif: the SARIF Multitool is missing in CI" >&2; exit 1
else
	echo "sarif: SKIP the SARIF Multitool (npm unreachable)"
fi
