#!/bin/sh
# update-readme.sh — replace the rule table between the rules-table markers
# of README.md with the one generated from rules.d (make readme).
# usage: update-readme.sh PGTLSLINT [README]
set -e
readme=${2:-README.md}
table=$(mktemp)
trap 'rm -f "$table" "$table.new"' EXIT
"$(dirname "$0")/rules-table.sh" "$1" >"$table"
awk -v table="$table" '
	/<!-- rules-table:begin -->/ { print; while ((getline l < table) > 0) print l; skip = 1; next }
	/<!-- rules-table:end -->/ { skip = 0 }
	!skip { print }
' "$readme" >"$table.new"
cat "$table.new" >"$readme"
