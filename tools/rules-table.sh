#!/bin/sh
# rules-table.sh — the README's rule table, generated from the rules the
# binary embeds (rules.d/), so the two cannot drift apart.
# usage: rules-table.sh PGTLSLINT
echo "| code | name | severity | what it flags |"
echo "|---|---|---|---|"
"$1" --list-rules | awk '{
	code = $1; sev = $2; name = $4
	summary = $0; sub(/^[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +/, "", summary)
	printf "| %s | %s | %s | %s |\n", code, name, sev, summary
}'
