#!/bin/sh
# precommit.sh — the real pre-commit, offline, against this repository:
# in a throw-away git repository, a commit that adds a weak connection
# string is blocked, and passes once the string is fixed.
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
# try-repo: the way to try a hook repository before configuring it.
echo 'PGSSLMODE=disable' >.env.weak
echo 'PGHOST=db.example.com' >>.env.weak
blocked "try-repo on a weak file" PGT301 -- \
	pre-commit try-repo "$repo" pgtlslint --ref "$rev" --files .env.weak
echo "precommit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
