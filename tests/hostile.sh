#!/bin/sh
# hostile.sh — input written to hurt: each case has a stated outcome, and
# no case may crash, hang (60 s limit) or lose the finding next to it.
# usage: hostile.sh PGTLSLINT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# check NAME WANT_STATUS GREP_PATTERN -- CMD...: status and a line of output.
check() {
	name=$1 want=$2 pattern=$3
	shift 4
	timeout 60 "$@" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" -eq "$want" ] && grep -q -- "$pattern" "$tmp/out"; then
		pass=$((pass + 1))
		printf '  %-44s ok (exit %s)\n' "$name" "$got"
	else
		fail=$((fail + 1))
		printf '  %-44s FAILED (exit %s, want %s)\n' "$name" "$got" "$want"
		sed 's/^/      /' "$tmp/out" | head -10
	fi
}
weak='PGHOST=db.example.com
PGSSLMODE=disable'

# 1. Binary file among good ones: skipped with a note, the rest linted;
# a server file is never skipped: PostgreSQL reads it, NUL bytes and all.
mkdir "$tmp/bin" && printf 'PGSSLMODE=\0\0\0' >"$tmp/bin/app.env"
printf '%s\n' "$weak" >"$tmp/bin/.env"
printf 'ssl = on\0\0\0' >"$tmp/bin/postgresql.conf"
check "binary file skipped, neighbour linted" 1 "PGT301" -- "$bin" "$tmp/bin"
check "binary file note" 1 "skipped binary file" -- "$bin" "$tmp/bin"
check "binary postgresql.conf read as the server does" 1 \
	"postgresql.conf:1:9: error: syntax error" -- "$bin" "$tmp/bin"

# 2. A NUL byte after the first 8 KiB: read as data, finding kept.
{ head -c 9000 /dev/zero | tr '\0' '#'; printf '\n'; printf 'X=a\0b\n'; printf '%s\n' "$weak"; } >"$tmp/nul.env"
check "NUL byte late in a file" 1 "PGT301" -- "$bin" --stdin-filename .env - <"$tmp/nul.env"

# 3. Invalid UTF-8: JSON stays valid, columns count bytes of the valid part.
printf '# caf\351 \377\376\nhost all all 0.0.0.0/0 md5 # \303\n' >"$tmp/pg_hba.conf"
check "invalid UTF-8: finding at byte column" 1 "pg_hba.conf:2:1: error" -- "$bin" --no-show-source "$tmp/pg_hba.conf"
"$bin" --format json "$tmp/pg_hba.conf" >"$tmp/bad.json"
check "invalid UTF-8: JSON parses" 0 "ok" -- python3 -c "import json,sys; json.load(open('$tmp/bad.json')); print('ok')"
"$bin" --format sarif "$tmp/pg_hba.conf" >"$tmp/bad.sarif"
check "invalid UTF-8: SARIF parses" 0 "ok" -- python3 -c "import json,sys; json.load(open('$tmp/bad.sarif')); print('ok')"

# 4. CRLF line ends in every carrier.
printf 'PGHOST=db.example.com\r\nPGSSLMODE=disable\r\n' >"$tmp/crlf.env"
check "CRLF .env" 1 ":2:11: error" -- "$bin" --no-show-source --stdin-filename .env - <"$tmp/crlf.env"
printf 'host all all 10.0.0.0/8 md5\r\n' >"$tmp/crlf_hba.conf"
check "CRLF pg_hba.conf" 1 "PGT201" -- "$bin" "$tmp/crlf_hba.conf"
printf 'env:\r\n  - name: PGSSLMODE\r\n    value: require\r\n  - name: PGHOST\r\n    value: db.example.com\r\n' >"$tmp/crlf.yaml"
check "CRLF YAML" 1 "crlf.yaml:3:12: error" -- "$bin" --no-show-source "$tmp/crlf.yaml"

# 5. A byte order mark in front.
printf '\357\273\277PGSSLMODE=disable\nPGHOST=db.example.com\n' >"$tmp/bom.env"
# (columns are the editor's: the mark is not counted)
check "BOM .env: first line still read" 1 ".env:1:11: error" -- "$bin" --no-show-source --stdin-filename .env - <"$tmp/bom.env"
printf '\357\273\277ENV PGHOST=db.example.com PGSSLMODE=disable\n' >"$tmp/Dockerfile"
check "BOM Dockerfile" 1 "PGT301" -- "$bin" "$tmp/Dockerfile"

# A JSON file over 128 KiB is data: skipped with a note, at once.
python3 -c "print('[' + ','.join('{\"u\": \"https://x.example/a?b=%d\"}' % i for i in range(8000)) + ']')" >"$tmp/data.json"
check "large JSON skipped as data" 0 "JSON over 128 KiB is data" -- "$bin" --no-show-source "$tmp/data.json"

# 6. A 100 MB line, and ten million short lines (peak memory for these is
# measured by tools/bench-memory.sh, not asserted here).
{ printf 'A='; head -c 100000000 /dev/zero | tr '\0' 'x'; printf '\n%s\n' "$weak"; } >"$tmp/long.env"
check "100 MB single line" 1 "PGT301" -- "$bin" --no-show-source "$tmp/long.env"
rm -f "$tmp/long.env"
awk 'BEGIN { for (i = 0; i < 10000000; i++) print "X=1"; print "PGHOST=db.example.com"; print "PGSSLMODE=disable" }' >"$tmp/lines.env"
check "ten million lines of .env" 1 ":10000002:11: error" -- "$bin" --no-show-source "$tmp/lines.env"
rm -f "$tmp/lines.env"

# 7. YAML that nests or multiplies.
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "%*sk%d:\n", i, "", i; printf "%*sPGSSLMODE: disable\n", 5000, "" }' >"$tmp/deep.yaml"
check "YAML nested 5000 deep" 0 "YAML read only in part" -- "$bin" "$tmp/deep.yaml"
cat >"$tmp/laughs.yaml" <<'YAML'
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: [*g,*g,*g,*g,*g,*g,*g,*g,*g]
PGSSLMODE: disable
YAML
check "YAML billion laughs: bounded, later key still read" 1 "YAML read only in part" -- "$bin" "$tmp/laughs.yaml"

# 8. Links and special files.
mkdir -p "$tmp/links/sub" && ln -s .. "$tmp/links/sub/up" && ln -s /etc/passwd "$tmp/links/outside.env"
printf '%s\n' "$weak" >"$tmp/links/real.env"
check "symlink loop and outside link not followed" 1 "real.env" -- "$bin" "$tmp/links"
mkfifo "$tmp/links/fifo.env"
check "FIFO in a tree skipped (no hang)" 1 "real.env" -- "$bin" "$tmp/links"
check "FIFO named on the command line" 0 "not a regular file" -- "$bin" "$tmp/links/fifo.env"
check "dangling path on the command line" 2 "cannot read" -- "$bin" "$tmp/does-not-exist.env"
mkdir "$tmp/dev" && ln -s /dev/zero "$tmp/dev/postgresql.conf"
check "device file named on the command line" 0 "not a regular file" -- "$bin" "$tmp/dev/postgresql.conf"

# 9. Unreadable input: diagnosed, the run goes on, exit status 2.
printf '%s\n' "$weak" >"$tmp/dev/weak.env"
check "read error on stdin (a directory)" 2 "cannot read" -- sh -c "'$bin' --stdin-filename .env - <'$tmp/dev'"
# Root reads everything, so as root these run as nobody (setpriv).
as_user=""
if [ "$(id -u)" = 0 ]; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 755 "$tmp" "$tmp/dev"
fi
mkdir "$tmp/locked" && printf '%s\n' "$weak" >"$tmp/locked/.env" && chmod 000 "$tmp/locked"
printf '%s\n' "$weak" >"$tmp/dev/secret.env" && chmod 000 "$tmp/dev/secret.env"
if $as_user "$bin" --version >/dev/null 2>&1; then
	check "unreadable directory: diagnosed" 2 "cannot open directory" -- $as_user "$bin" "$tmp/locked" "$tmp/dev/weak.env"
	check "unreadable directory: the rest linted" 2 "weak.env:2:11: error" -- $as_user "$bin" --no-show-source "$tmp/locked" "$tmp/dev/weak.env"
	check "unreadable file: diagnosed, the rest linted" 2 "cannot open" -- $as_user "$bin" "$tmp/dev/secret.env" "$tmp/dev/weak.env"
else
	echo "  (user nobody cannot run $bin here: unreadable-input cases skipped)"
fi
chmod 700 "$tmp/locked"

# 10. Include cycles and include depth bombs in postgresql.conf.
mkdir "$tmp/inc"
i=0
while [ $i -lt 30 ]; do
	printf "include 'f%d.conf'\n" $((i + 1)) >"$tmp/inc/f$i.conf"
	i=$((i + 1))
done
printf "include 'f0.conf'\nssl = off\n" >"$tmp/inc/postgresql.conf"
check "include depth bomb: stopped at PostgreSQL's depth" 1 "PGT109" -- "$bin" --no-show-source "$tmp/inc/postgresql.conf"
check "include depth bomb: the root's finding kept" 1 "postgresql.conf:2:7: error" -- "$bin" --no-show-source "$tmp/inc/postgresql.conf"
printf "include 'postgresql.conf'\nssl = off\n" >"$tmp/inc/cycle.conf"
printf "include 'cycle.conf'\n" >"$tmp/inc/postgresql.conf"
check "include cycle: named, no hang" 1 "PGT109" -- "$bin" --no-show-source "$tmp/inc/postgresql.conf"

# include_dir '.' in every file: PostgreSQL stops a directory at the file
# that fails, so this is linear (it was factorial); the root's finding kept.
mkdir "$tmp/fan"
printf "ssl = off\ninclude_dir '.'\n" >"$tmp/fan/postgresql.conf"
for f in a b c d e f g h i; do printf "include_dir '.'\n" >"$tmp/fan/$f.conf"; done
check "include_dir '.' fan-out: linear, root kept" 1 "postgresql.conf:1:7: error" -- "$bin" --no-show-source "$tmp/fan/postgresql.conf"
# A relative include missing is a finding however the root is named.
printf "include 'missing.conf'\nssl = off\n" >"$tmp/inc/postgresql.conf"
check "missing relative include, absolute root path" 1 "PGT109" -- "$bin" --no-show-source "$tmp/inc/postgresql.conf"
check "missing relative include, absolute root: PGT101" 1 "PGT101" -- "$bin" --no-show-source "$tmp/inc/postgresql.conf"
# A missing @file of a pg_hba.conf named by its absolute path: the same
# error as with a relative one, and the records before it still judged.
mkdir "$tmp/atfile"
printf 'host all all 0.0.0.0/0 md5\nhost @missing.list all 10.0.0.0/8 md5\n' >"$tmp/atfile/pg_hba.conf"
check "missing @file, absolute path: reported" 1 "could not open secondary authentication file \"@missing.list\"" -- "$bin" --no-show-source "$tmp/atfile/pg_hba.conf"
check "missing @file, absolute path: line 1 judged" 1 "pg_hba.conf:1:1: error.*PGT201" -- "$bin" --no-show-source "$tmp/atfile/pg_hba.conf"
# Two pg_hba.conf files that include each other: judged once, not skipped.
mkdir "$tmp/mutual"
printf 'host all all 0.0.0.0/0 md5\ninclude b_hba.conf\n' >"$tmp/mutual/a_hba.conf"
printf 'hostssl all all 10.0.0.0/8 scram-sha-256\ninclude a_hba.conf\n' >"$tmp/mutual/b_hba.conf"
check "hba files including each other: judged" 1 "a_hba.conf:1:1: error.*PGT201" -- "$bin" --no-show-source --pg-version 16 "$tmp/mutual"
# A YAML document nested a million deep is skipped (a byte pre-scan, before
# libyaml); the next document's finding is kept.
{ printf 'a: '; head -c 1000000 /dev/zero | tr '\0' '['; head -c 1000000 /dev/zero | tr '\0' ']'; printf '\n---\nPGHOST: db.example.com\nPGSSLMODE: disable\n'; } >"$tmp/flow.yaml"
check "YAML flow nested 1M deep: next document read" 1 "flow.yaml:4:12: error" -- "$bin" --no-show-source "$tmp/flow.yaml"

# 11. A custom rule with a catastrophic pattern: bounded and reported.
mkdir "$tmp/rules" && cat >"$tmp/rules/BOMB001.yaml" <<'YAML'
id: BOMB001
name: backtracking-bomb
severity: note
target: pgconf
summary: x
message: x
condition:
  setting: application_name
  match: '^(a+)+$'
YAML
printf "application_name = '%sb'\n" "$(head -c 40 /dev/zero | tr '\0' a)" >"$tmp/bomb.conf"
check "catastrophic regex: match limit reported" 0 "hit its match limit" -- "$bin" --rules-dir "$tmp/rules" --stdin-filename postgresql.conf --disable PGT101 - <"$tmp/bomb.conf"

# 12. JavaScript that never closes: literals end at their line or the file,
# findings before them are kept, and NUL bytes are data.
js="const pg = require('pg');
const c = new pg.Client({ host: 'db.example.com', ssl: false });"
printf '%s\nconst t = `${ {\nconst s = "no end\n' "$js" >"$tmp/open.js"
check "JS: unterminated template after a finding" 1 "open.js:2:.*PGT301" -- "$bin" --no-show-source "$tmp/open.js"
{ printf '%s\n//' "$js"; head -c 9000 /dev/zero | tr '\0' '#'; printf "\nconst x = 'a\0b'; /* \\"; } >"$tmp/nul.js"
check "JS: late NUL, open comment, backslash at EOF" 1 "PGT301" -- "$bin" --stdin-filename nul.js - <"$tmp/nul.js"
{ printf '%s\n' "$js"; head -c 3000000 /dev/zero | tr '\0' '{'; head -c 3000000 /dev/zero | tr '\0' '('; } >"$tmp/deep.js"
check "JS: 6 MB of unclosed brackets" 1 "PGT301" -- "$bin" --no-show-source "$tmp/deep.js"

# 13. Connections built from pieces, written to hurt (issue 14): each piece
# that cannot be known is unknown, never a guess, and cost stays linear.
{ printf 'package main\nimport "github.com/jackc/pgx/v4"\nconst dsn = "host=db.example.com"'
  i=0; while [ $i -lt 1000 ]; do printf ' + " application_name=a" + x%d + " port=5432"' $i; i=$((i + 1)); done
  printf '\nfunc f() { pgx.Connect(ctx, dsn + " sslmode=disable") }\n'; } >"$tmp/pieces.go"
awk 'BEGIN { printf "import psycopg\ndsn = \"host=db.example.com\""; for (i = 0; i < 100000; i++) printf " + \" x\""; print ""; print "psycopg.connect(\"host=db.example.com sslmode=disable\")" }' >"$tmp/concat.py"
check "100,000-piece concatenation: finding kept" 1 "concat.py:3:.*PGT30" -- "$bin" --no-show-source "$tmp/concat.py"
check "1,000-piece Go constant: no crash" 1 "PGT30" -- "$bin" --no-show-source "$tmp/pieces.go"
printf 'import psycopg\na = b\nb = a\npsycopg.connect(a)\npsycopg.connect("host=db.example.com " + b + " sslmode=disable")\n' >"$tmp/cycle.py"
check "names bound to each other: unknown, literal still judged" 1 "cycle.py:5:.*PGT301" -- "$bin" --no-show-source "$tmp/cycle.py"
printf 'package main\nimport ("fmt"; "github.com/jackc/pgx/v4")\nfunc f() { pgx.Connect(ctx, fmt.Sprintf("host=%%s sslmode=%%s %%s %%s", "db.example.com", "disable")) }\nfunc g() { pgx.Connect(ctx, fmt.Sprintf("host=%%s", "db.example.com", "x", "y")) }\n' >"$tmp/sprintf.go"
check "Sprintf with too few and too many arguments" 1 "sprintf.go:3:.*PGT301" -- "$bin" --no-show-source "$tmp/sprintf.go"
printf 'const { Client } = require("pg");\nconst u = `postgres://${`${`${h}`}`}/db`;\nnew Client({ connectionString: u, ssl: false });\n' >"$tmp/nested.js"
check "template nested in a template: no crash" 1 "nested.js:3:.*PGT301" -- "$bin" --no-show-source "$tmp/nested.js"

echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
