#!/bin/sh
# precommit.sh — the real pre-commit, offline, against this repository:
# in a throw-away git repository, a commit that adds a weak connection
# string is blocked, and passes once the string is fixed; a weak file of
# every kind the tool reads is blocked.
# usage: precommit.sh   (run from the repository; uses its HEAD)
set -u
repo=$(git rev-parse --show-toplevel 2>/dev/null) || {
	echo "precommit: SKIP: not a git checkout"; exit 0; }
if ! command -v pre-commit >/dev/null; then
	[ -n "${CI:-}" ] && { echo "precommit: pre-commit missing in CI" >&2; exit 1; }
	echo "precommit: SKIP: pre-commit is not installed (make deps)"; exit 0
fi
rev=$(git -C "$repo" rev-parse HEAD)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache" HOME="$tmp/home"
mkdir -p "$HOME" "$tmp/app"
cd "$tmp/app" || exit 1
git init -q .
git config user.email test@example.invalid
git config user.name test
git config commit.gpgsign false
cat >.pre-commit-config.yaml <<CFG
repos:
  - repo: $repo
    rev: $rev
    hooks: [{id: pgtlslint}]
CFG
pass=0 fail=0
pre-commit install >/dev/null || { echo "precommit: install failed"; exit 1; }
git add .pre-commit-config.yaml
git commit -qm "pre-commit config" >/dev/null 2>&1 || true

# blocked NAME RULE -- CMD...: CMD must fail, and because of RULE.
blocked() {
	name=$1 rule=$2
	shift 3
	if "$@" >"$tmp/out" 2>&1; then
		fail=$((fail + 1)); echo "FAIL: $name passed"
		cat "$tmp/out"
	elif grep -q "$rule" "$tmp/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $name refused, but not by $rule"
		cat "$tmp/out"
	fi
}

echo 'DATABASE_URL=postgresql://app@db.example.com/orders?sslmode=disable' >.env
git add .env
blocked "a weak connection string" PGT301 -- git commit -qm "weak"

echo 'DATABASE_URL=postgresql://app@db.example.com/orders?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem' >.env
git add .env
if git commit -qm "fixed" >"$tmp/out" 2>&1; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: the fixed file was refused"
	cat "$tmp/out"
fi
# Source files are hooked too: a driver call in code is a connection.
printf 'const { Client } = require("pg");\nnew Client({ host: "db.example.com", ssl: { rejectUnauthorized: false } });\n' >db.js
git add db.js
blocked "a weak db.js" PGT305 -- git commit -qm "weak code"
git reset -q db.js && rm db.js
# Every kind of file the tool reads, each with a weakness, is blocked.
block_kind() {
	file=$1 rule=$2
	mkdir -p "$(dirname "$file")"
	printf '%b' "$3" >"$file"
	git add "$file"
	blocked "a weak $file" "$rule" -- git commit -qm "weak $file"
	git reset -q "$file" && rm -f "$file"
}
block_kind postgresql.conf PGT101 'ssl = off\n'
block_kind pg_hba.conf PGT201 'hostssl all all 0.0.0.0/0 scram-sha-256\nhost all all 0.0.0.0/0 scram-sha-256\n'
block_kind prod.env PGT301 'PGHOST=db.example.com\nPGSSLMODE=disable\n'
block_kind dockerfile PGT301 'FROM app\nENV PGHOST=db.example.com PGSSLMODE=disable\n'
block_kind app.properties PGT301 'spring.datasource.url=jdbc:postgresql://db.example.com/x?sslmode=disable\n'
block_kind compose.yaml PGT301 'services:\n  app:\n    environment:\n      DATABASE_URL: postgresql://db.example.com/x?sslmode=disable\n'
block_kind appsettings.json PGT301 '{"ConnectionStrings": {"Db": "Host=db.example.com;Username=u;SSL Mode=Disable"}}\n'
block_kind flyway.toml PGT301 '[environments.default]\nurl = "jdbc:postgresql://db.example.com/x?sslmode=disable"\n'
block_kind schema.prisma PGT301 'datasource db {\n  provider = "postgresql"\n  url = "postgresql://db.example.com/x?sslmode=disable"\n}\n'
block_kind run.sh PGT301 'psql "host=db.example.com sslmode=disable"\n'
block_kind pg_service.conf PGT301 '[app]\nhost=db.example.com\nsslmode=disable\n'
block_kind db.py PGT301 'import psycopg\npsycopg.connect("host=db.example.com sslmode=disable")\n'
block_kind Db.java PGT301 'class Db { String u = "jdbc:postgresql://db.example.com/x?sslmode=disable"; }\n'
block_kind db.go PGT301 'package db\nimport "database/sql"\nfunc f() { sql.Open("postgres", "host=db.example.com sslmode=disable") }\n'
block_kind db.ts PGT301 'import { Pool } from "pg";\nnew Pool({ connectionString: "postgres://db.example.com/x?sslmode=disable" });\n'
block_kind db.php PGT301 '<?php\nnew PDO("pgsql:host=db.example.com;sslmode=disable");\n'
block_kind Db.cs PGT301 'class Db { const string C = "Host=db.example.com;Username=u;SSL Mode=Disable"; }\n'
# a clear private key, made here (none is committed to this repository)
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null >"$tmp/key.pem"
block_kind tls/server.key PGT406 "$(cat "$tmp/key.pem")\n"
# try-repo: the way to try a hook repository before configuring it.
echo 'PGSSLMODE=disable' >.env.weak
echo 'PGHOST=db.example.com' >>.env.weak
blocked "try-repo on a weak file" PGT301 -- \
	pre-commit try-repo "$repo" pgtlslint --ref "$rev" --files .env.weak
# The README's snippet names a rev that exists: a commit of this history
# whose hook is this one (what the runs above used), and pre-commit
# try-repo at that rev blocks the weak file. A shallow clone cannot tell.
readme_rev=$(sed -n 's/^ *rev: *\([0-9a-f]\{40\}\).*/\1/p' "$repo/README.md" |
	head -n 1)
if [ "$(git -C "$repo" rev-parse --is-shallow-repository)" = true ]; then
	echo "precommit: note: shallow clone, the README's rev not checked"
elif [ -n "$readme_rev" ] &&
	git -C "$repo" merge-base --is-ancestor "$readme_rev" HEAD &&
	python3 - "$repo" "$readme_rev" <<'PY'
import subprocess, sys, yaml
repo, rev = sys.argv[1:]
def hook(ref):
    return yaml.safe_load(subprocess.run(
        ["git", "-C", repo, "show", ref + ":.pre-commit-hooks.yaml"],
        capture_output=True, check=True).stdout)
sys.exit(hook(rev) != hook("HEAD"))
PY
then
	pass=$((pass + 1))
	# and the hook at that rev blocks a weak file, as users will run it
	blocked "try-repo at the README's rev" PGT301 -- \
		pre-commit try-repo "$repo" pgtlslint --ref "$readme_rev" \
		--files .env.weak
else
	fail=$((fail + 1))
	echo "FAIL: the README's pre-commit rev '$readme_rev' is not a commit" \
	     "of this history defining this hook"
fi
echo "precommit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
