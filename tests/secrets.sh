#!/bin/sh
# secrets.sh — a password planted in every carrier and language
# (tests/fixtures/secrets: .env, Dockerfile, .properties, compose,
# pg_service.conf, primary_conninfo, a RADIUS secret in pg_hba.conf, JS,
# Python, Go, Java, an invalid conninfo) must never be printed: not by any
# output format with source lines and settings shown, --diff, --fix,
# --explain-hba, --explain-conn, or an error message.
# usage: secrets.sh PGTLSLINT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
secret=PLANTED-s3cr3t-9Zq
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# never NAME CMD...: CMD's stdout and stderr hold no trace of the secret.
never() {
	name=$1
	shift
	"$@" >"$tmp/out" 2>&1
	if grep -q "$secret" "$tmp/out"; then
		fail=$((fail + 1))
		echo "FAIL: $name printed the secret:"
		grep -n "$secret" "$tmp/out" | head -5
	elif [ ! -s "$tmp/out" ]; then
		fail=$((fail + 1))
		echo "FAIL: $name printed nothing (a test that cannot fail)"
	else
		pass=$((pass + 1))
	fi
}

cp -r "$here/fixtures/secrets" "$tmp/tree"
grep -rlq "$secret" "$tmp/tree" || { echo "FAIL: no planted secret"; exit 1; }
cd "$tmp/tree" || exit 1
for f in text json sarif github gitlab; do
	never "--format $f" "$bin" --format "$f" --show-source --show-settings \
		--color always .
done
never "--diff" "$bin" --diff .
cp -r "$tmp/tree" "$tmp/fixed"
never "--fix" "$bin" --fix --show-source "$tmp/fixed"
never "--explain-hba" "$bin" --explain-hba pg_hba.conf
never "--explain-hba json" "$bin" --explain-hba pg_hba.conf --format json
never "--explain-conn" "$bin" --explain-conn "host=db.example.com password=$secret sslmode=require"
never "--explain-conn error" "$bin" --explain-conn "host=db.example.com password=$secret sslmode=bogus"
never "--explain-conn URI error" "$bin" --explain-conn "postgres://app:$secret@db.example.com/app?x=%zz"
never "stdin" sh -c "'$bin' --show-source --stdin-filename db.py - <db.py"
echo "secrets: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
