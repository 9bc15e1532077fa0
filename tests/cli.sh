#!/bin/sh
# cli.sh — the command line: options, exit status, formats, custom rules.
# Each check runs pgtlslint and compares output or exit status exactly.
# usage: cli.sh PGTLSLINT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
fx=$here/fixtures/cli
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_status WANT CMD...: run CMD, compare its exit status.
expect_status() {
	want=$1; shift
	"$@" >"$tmp/out" 2>"$tmp/err"; got=$?
	if [ "$got" = "$want" ]; then ok; else
		ko "'$*' exited $got, want $want"; sed 's/^/    /' "$tmp/err"; fi
}
# expect_golden NAME CMD...: stdout must equal fixtures/cli/NAME exactly.
expect_golden() {
	name=$1; shift
	"$@" >"$tmp/out" 2>/dev/null
	if [ "${UPDATE:-}" = 1 ]; then cp "$tmp/out" "$fx/$name"; fi
	if cmp -s "$tmp/out" "$fx/$name"; then ok; else
		ko "'$*' differs from $name"; diff -u "$fx/$name" "$tmp/out" | head -20; fi
}
expect_grep() {
	pattern=$1; file=$2; what=$3
	if grep -q -- "$pattern" "$file"; then ok; else ko "$what: no '$pattern'"; fi
}

cd "$fx" || exit 1
# Basics and exit status.
expect_status 0 "$bin" --version
expect_grep "pgtlslint 0" "$tmp/out" "--version"
expect_status 0 "$bin" --help
expect_grep "usage: pgtlslint" "$tmp/out" "--help"
expect_status 2 "$bin"
expect_status 2 "$bin" --no-such-option project
expect_status 2 "$bin" --format xml project
expect_status 2 "$bin" --fail-on sometimes project
expect_status 2 "$bin" --pg-version eleven project
expect_status 2 "$bin" does-not-exist
expect_grep "cannot read 'does-not-exist'" "$tmp/err" "missing path"
expect_status 1 "$bin" project
expect_status 0 "$bin" --fail-on never project
expect_status 1 "$bin" --fail-on error project
expect_status 0 "$bin" --disable PGT101,ssl-min-protocol-weak --fail-on error project
expect_status 1 "$bin" --disable PGT101 --fail-on warning project
expect_status 2 "$bin" --disable PGT999 project
expect_status 2 "$bin" - </dev/null

# Directory walking: node_modules is skipped, --exclude works, order is fixed.
expect_golden project.txt "$bin" --no-show-source project
expect_golden project-excluded.txt "$bin" --no-show-source --exclude 'ignored' --exclude '*/conf.d/*' project
expect_golden project-source.txt "$bin" --show-source project/postgresql.conf

# Formats.
expect_golden project.json "$bin" --format json project
expect_golden project.sarif "$bin" --format sarif project
expect_golden project.github "$bin" --format github project

# Colour: only on request, and NO_COLOR wins over auto.
"$bin" --color always --no-show-source project >"$tmp/c" 2>&1
expect_grep "$(printf '\033')\[" "$tmp/c" "--color always"
NO_COLOR=1 "$bin" --color auto --no-show-source project >"$tmp/c" 2>&1
if grep -q "$(printf '\033')" "$tmp/c"; then ko "NO_COLOR"; else ok; fi

# --output writes the report to a file.
expect_status 1 "$bin" --format json -o "$tmp/report.json" project
expect_grep '"rule": "PGT101"' "$tmp/report.json" "--output"

# stdin.
expect_status 1 sh -c "echo 'ssl = off' | '$bin' --stdin-type pgconf -"
expect_grep "<stdin>:1:7: error" "$tmp/out" "stdin path"

# A binary carrier named on the command line is skipped with a note; a
# server file is read as PostgreSQL reads it (a NUL is a syntax error
# outside comments), with a note on the NUL.
expect_status 0 "$bin" binary.env
expect_grep "skipped binary file 'binary.env'" "$tmp/err" "binary note"
expect_status 1 "$bin" binary.conf
expect_grep "PGT108" "$tmp/out" "NUL in postgresql.conf syntax"
expect_grep "line 1 holds a NUL byte" "$tmp/err" "NUL note"

# Rules: listing, explaining, custom rules, malformed rules.
expect_status 0 "$bin" --list-rules
expect_grep "^PGT101  error    pgconf  ssl-disabled" "$tmp/out" "--list-rules"
expect_golden explain-PGT101.txt "$bin" --explain PGT101
expect_golden explain-PGT101.txt "$bin" --explain ssl-disabled
expect_status 2 "$bin" --explain PGT999
expect_status 1 "$bin" --rules-dir custom-rules --no-show-source project
expect_grep "project/postgresql.conf:3:19: warning: log_connections is 'off': connections are not logged \[ACME001 log-connections-off\]" "$tmp/out" "custom rule"
expect_status 0 "$bin" --rules-dir custom-rules --list-rules
expect_grep "^ACME001" "$tmp/out" "custom rule listed"
expect_status 2 "$bin" --rules-dir bad-rules project
expect_grep "bad-rules/BAD001.yaml:3:11: unknown severity" "$tmp/err" "rules error position"
expect_status 2 "$bin" --rules-dir bad-regex project
expect_grep "bad-regex/BAD002.yaml:9:10: invalid regex at offset 9" "$tmp/err" "regex error position"
expect_status 2 "$bin" --rules-dir no-such-dir project

# --explain-hba: the table, JSON for one probe, and usage errors.
ref=../reference/good-checklist/pg_hba.conf
expect_golden explain-hba.txt "$bin" --explain-hba "$ref"
expect_golden explain-hba-probe.json "$bin" --explain-hba "$ref" --format json --probe 10.0.3.4,orders,order_app --probe 192.168.1.1,orders,order_app
expect_status 2 "$bin" --probe 10.0.0.1,db,user project
expect_status 2 "$bin" --explain-hba "$ref" --probe 10.0.0.1,db
expect_status 2 "$bin" --explain-hba no-such-file

# --explain-conn: the driver tables, one string at a time.
expect_golden explain-conn.txt sh -c "'$bin' --explain-conn 'host=db.example.com sslmode=require'; '$bin' --explain-conn 'postgresql://db.example.com/x?sslmode=require' --driver node-postgres; '$bin' --explain-conn 'jdbc:postgresql://db.example.com/x?ssl=false'; '$bin' --explain-conn 'host=localhost sslmode=disable'"
expect_golden explain-conn.json "$bin" --explain-conn "host=db.example.com sslmode=verify-ca sslrootcert=/ca.pem" --format json
expect_status 2 "$bin" --explain-conn "postgresql://app:pw%zz@db/x"
expect_grep "invalid percent-encoded token in password" "$tmp/err" "--explain-conn error"
if grep -q "pw%zz" "$tmp/err"; then ko "--explain-conn printed a password"; else ok; fi
expect_status 2 "$bin" --explain-conn "just text"
expect_status 2 "$bin" --explain-conn "host=a sslmode=disable" --driver oracle-jdbc
# --judge-loopback: decision 3 off (the driver probe connects to loopback).
printf 'import psycopg\npsycopg.connect("host=localhost sslmode=disable")\n' >"$tmp/loop.py"
expect_status 0 "$bin" --no-show-source "$tmp/loop.py"
expect_status 1 "$bin" --no-show-source --judge-loopback "$tmp/loop.py"
expect_grep "loop.py:2:.*PGT301" "$tmp/out" "--judge-loopback judges localhost"
# The same facts as the rules: a driver's refusal, pgx's forwarded keys.
expect_status 2 "$bin" --explain-conn "host=db sslmode=verify_full" --driver pgx
expect_grep 'invalid sslmode value: "verify_full": pgx refuses to connect' "$tmp/err" "--explain-conn: pgx refuses"
expect_status 0 "$bin" --explain-conn "host=db TimeZone=UTC sslmode=require" --driver pgx
expect_grep "pgx: encrypt-only" "$tmp/out" "--explain-conn: pgx forwards unknown keys"
expect_status 0 "$bin" --explain-conn "host=db sslmode=verify_full" --driver node-postgres
expect_status 2 "$bin" --driver pgx project

# Suppressions: the fixture's four findings are suppressed, and counted.
(cd ../rules/PGT001/good-all-used && "$bin" --format json . >"$tmp/sup.json")
expect_grep '"suppressed": 4' "$tmp/sup.json" "suppression count"

# .pgtlslint.yaml: found from the path, flags win, per-path ignores.
expect_golden configured.txt sh -c "cd configured && '$bin' --no-show-source .; echo exit: \$?"
expect_golden configured-pg16.txt sh -c "cd configured && '$bin' --no-show-source --pg-version 16 .; echo exit: \$?"
expect_status 2 "$bin" bad-config
expect_grep "bad-config/.pgtlslint.yaml:3:1: unknown key 'colour'" "$tmp/err" "config error position"
expect_status 0 "$bin" --config configured/.pgtlslint.yaml --disable PGT105,hba-md5 configured
# Each file takes the nearest .pgtlslint.yaml, whole: svc-b's own file
# (its excludes, ignores, default pg_version, PGT106 on) replaces the
# monorepo's, which svc-a inherits; an editor's buffer takes the settings
# of the name it is given.
expect_golden monorepo.txt sh -c "cd monorepo && '$bin' --no-show-source .; echo exit: \$?"
expect_golden monorepo-stdin.txt sh -c "cd monorepo && '$bin' --no-show-source --stdin-filename svc-b/postgresql.conf - <svc-a/postgresql.conf; echo exit: \$?"
# An entry that fails after its path and rules were read (found by the
# config fuzzer: they leaked; make asan's LeakSanitizer would say so).
expect_status 2 "$bin" bad-ignore
expect_grep "bad-ignore/.pgtlslint.yaml:4:5: unknown key in ignore: 'reason'" "$tmp/err" "ignore entry error"
expect_status 2 "$bin" monorepo-bad
expect_grep "monorepo-bad/svc/.pgtlslint.yaml:3:3: no rule 'PGT999'" "$tmp/err" "nested config error position"
# ... and the rest of the tree is still linted and reported.
expect_grep "monorepo-bad/app/.env:2:11: error" "$tmp/out" "files beside a bad nested config"
expect_grep "the files it governs are not linted" "$tmp/err" "what a bad nested config costs"

# An ignore comment that names no rule, or a name that is no rule, says so.
expect_status 1 "$bin" --no-show-source markers
expect_grep "line 1: a pgtlslint: ignore comment names no rule" "$tmp/err" "bare ignore"
expect_grep "line 2: 'NOPE42' in a pgtlslint: ignore comment is no rule" "$tmp/err" "unknown rule in ignore"
if grep -q "line 3" "$tmp/err"; then ko "prose 'ignored' taken for a marker"; else ok; fi

# --exclude as people write directories: trailing slash, leading ./.
for pat in vendored/ ./vendored ./vendored/ vendored/sub/; do
	(cd excludes && "$bin" --no-show-source --exclude "$pat" . >"$tmp/out" 2>&1)
	if grep -q vendored "$tmp/out" || ! grep -q "app/.env" "$tmp/out"; then
		ko "--exclude $pat"; else ok; fi
done

# On a terminal the text report ends with a summary line; in a pipe not.
if command -v script >/dev/null 2>&1; then
	script -qec "'$bin' --no-show-source --color never excludes" /dev/null >"$tmp/tty" 2>&1
	expect_grep "2 errors in 2 files" "$tmp/tty" "summary line on a terminal"
	"$bin" --no-show-source excludes >"$tmp/out" 2>&1
	if grep -q " in 2 files" "$tmp/out"; then ko "summary line in a pipe"; else ok; fi
fi
expect_status 1 "$bin" --format sarif excludes
expect_grep '"informationUri": "https://github.com/pgtlslint/pgtlslint"' "$tmp/out" "SARIF informationUri"

# The shell completions and the man page name every option --help lists.
"$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/opts"
for doc in ../../../doc/completions/pgtlslint.bash \
	../../../doc/completions/_pgtlslint ../../../doc/pgtlslint.1; do
	missing=$(while read -r opt; do
		esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		grep -q -- "$opt" "$doc" || grep -q -- "$esc" "$doc" || echo "$opt"
	done <"$tmp/opts")
	if [ -z "$missing" ]; then ok; else ko "$doc lacks $missing"; fi
done

# -j: the report is the same, byte for byte, for any number of jobs.
trees="../rules ../corpus ../secrets ../../../examples"
"$bin" -j 1 --format json $trees >"$tmp/j1.json" 2>&1
"$bin" -j 8 --format json $trees >"$tmp/j8.json" 2>&1
"$bin" -j 3 --no-show-source $trees >"$tmp/j3.txt" 2>&1
"$bin" -j 1 --no-show-source $trees >"$tmp/j1.txt" 2>&1
if cmp -s "$tmp/j1.json" "$tmp/j8.json" && cmp -s "$tmp/j1.txt" "$tmp/j3.txt" &&
	grep -q '"files": [1-9]' "$tmp/j1.json"; then ok; else ko "-j 1 and -j 8 differ"; fi
# The prefilter skips files that name no driver or connection word; with
# it off every source file is lexed, and nothing may change.
"$bin" -j 1 --no-prefilter --format json $trees >"$tmp/nopre.json" 2>&1
if cmp -s "$tmp/j1.json" "$tmp/nopre.json"; then ok; else
	ko "--no-prefilter changes the report"; diff "$tmp/j1.json" "$tmp/nopre.json" | head -5; fi
# --shard: three shards' findings together are the whole run's, no more.
for k in 1 2 3; do "$bin" --shard $k/3 --format json $trees >"$tmp/shard$k.json" 2>&1; done
if python3 - "$tmp" <<'PY'; then ok; else ko "--shard 1/3..3/3 differ from the whole run"; fi
import json, sys
key = lambda f: (f["path"], f["line"], f["column"], f["rule"], f["message"])
whole = sorted(map(key, json.load(open(sys.argv[1] + "/j1.json"))["findings"]))
parts = []
for k in (1, 2, 3):
    found = json.load(open("%s/shard%d.json" % (sys.argv[1], k)))["findings"]
    assert found, "shard %d is empty" % k
    parts += map(key, found)
sys.exit(0 if sorted(parts) == whole else 1)
PY
expect_status 2 "$bin" --shard 0/3 project
expect_status 2 "$bin" --shard 4/3 project
expect_status 2 "$bin" --shard 2 project
expect_status 2 "$bin" -j 0 project
expect_status 2 "$bin" --jobs many project

# Baseline: record, then only new findings count; moved lines stay known.
cp -r project "$tmp/proj"
expect_status 0 "$bin" --write-baseline "$tmp/base.json" "$tmp/proj"
expect_grep "wrote 4 findings" "$tmp/err" "write-baseline note"
expect_status 0 "$bin" --baseline "$tmp/base.json" "$tmp/proj"
printf '\n\n# moved down\n' | cat - "$tmp/proj/postgresql.conf" >"$tmp/pc" && mv "$tmp/pc" "$tmp/proj/postgresql.conf"
expect_status 0 "$bin" --baseline "$tmp/base.json" "$tmp/proj"
echo "ssl_prefer_server_ciphers = off" >>"$tmp/proj/postgresql.conf"
"$bin" --baseline "$tmp/base.json" --format json "$tmp/proj" >"$tmp/new.json"
expect_grep '"baselined": 4' "$tmp/new.json" "baselined count"
expect_grep '"rule": "PGT107"' "$tmp/new.json" "new finding reported"
if grep -q '"rule": "PGT101"' "$tmp/new.json"; then ko "baselined finding reported"; else ok; fi
expect_status 2 "$bin" --baseline configured/pg_hba.conf project

# Editors: stdin linted as the named file; GitLab Code Quality.
expect_golden stdin-filename.txt sh -c "'$bin' --no-show-source --stdin-filename prod/pg_hba.conf - < project/../../rules/PGT201/bad-host-remote/pg_hba.conf"
expect_golden project.gitlab "$bin" --format gitlab project
expect_status 2 "$bin" --stdin-filename notes.txt -

# --diff shows the rewrites and writes nothing; --fix writes them.
cp -r project "$tmp/fixme"
expect_status 1 sh -c "cd '$tmp' && '$bin' --diff fixme"
expect_golden project.diff sh -c "cd '$tmp' && '$bin' --diff fixme"
if cmp -s project/postgresql.conf "$tmp/fixme/postgresql.conf"; then ok; else ko "--diff wrote a file"; fi
expect_status 0 "$bin" --fix "$tmp/fixme"
expect_grep "fixed 4 findings in 3 files" "$tmp/err" "--fix note"
expect_grep "^ssl = on$" "$tmp/fixme/postgresql.conf" "--fix result"
expect_status 2 "$bin" --fix --diff project

# The README's rule table is the one rules.d generates (make readme).
cp "$here/../README.md" "$tmp/README.md"
"$here/../tools/update-readme.sh" "$bin" "$tmp/README.md"
if cmp -s "$here/../README.md" "$tmp/README.md"; then ok; else
	ko "README rule table is stale: run 'make readme'"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
