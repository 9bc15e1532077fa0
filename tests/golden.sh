#!/bin/sh
# golden.sh — run every fixture case and compare with its expected output.
#
# A case is a directory tests/fixtures/rules/<ID>/<case>/ holding the input
# files, an optional `args` file (extra options, one line) and expected.txt:
# the text report (no source lines) followed by "exit: N". Cases are linted
# from inside their directory, so paths in the output are relative; a
# `target` file names another directory to lint instead (relative to the
# case), so a bundled example is tested where it lives.
#
# A case with a `setup` script is linted from a scratch copy in which the
# script ran first (with MKCERT naming tests/certs/mkcert.sh): certificates
# and keys are generated there, never committed. A setup that exits 77
# cannot run here (it needs root to set a file's owner): the case is
# skipped, with a note, except in CI.
#
# Beyond the exact comparison: a case named bad* must report its folder's
# rule ID and a case named good* must not, so a golden file rewritten by
# mistake cannot hide a rule that stopped firing.
#
# usage: [WRAP="valgrind -q --error-exitcode=99"] golden.sh PGTLSLINT [--update]
# (WRAP runs each case under a checker; any report it makes is a failure.)
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
update=${2:-}
root=$(cd "$(dirname "$0")" && pwd)/fixtures
MKCERT=$(cd "$(dirname "$0")" && pwd)/certs/mkcert.sh
export MKCERT
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
pass=0 fail=0 skipped=0

run_case() {
	dir=$1
	args=""
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	where=$dir
	[ -f "$dir/target" ] && where=$dir/$(cat "$dir/target")
	if [ -f "$dir/setup" ]; then
		where=$scratch/$(basename "$dir")
		rm -rf "$where" && cp -r "$dir" "$where"
		(cd "$where" && sh ./setup) >"$scratch/setup.log" 2>&1
		setup_rc=$?
		[ "$setup_rc" -eq 0 ] || { echo "setup: $setup_rc"; return; }
	fi
	# shellcheck disable=SC2086 # args is a list of options
	# shellcheck disable=SC2086 # WRAP is a command and its options
	(cd "$where" && ${WRAP:-} "$bin" --no-show-source --color never $args . 2>&1
	 echo "exit: $?")
}

for dir in "$root"/rules/*/*/ "$root"/reference/*/; do
	dir=${dir%/}
	[ -d "$dir" ] || continue
	case_name=$(basename "$dir")
	rule=$(basename "$(dirname "$dir")")
	got=$(run_case "$dir")
	if [ "$got" = "setup: 77" ] && [ -z "${CI:-}" ]; then
		skipped=$((skipped + 1))
		echo "skip ${dir#"$root"/}: its setup needs root"
		continue
	fi
	if [ "$update" = "--update" ]; then
		printf '%s\n' "$got" >"$dir/expected.txt"
	fi
	why=""
	if [ ! -f "$dir/expected.txt" ]; then
		why="missing expected.txt"
	elif [ "$got" != "$(cat "$dir/expected.txt")" ]; then
		why="output differs"
	fi
	case "$case_name" in
	bad*) printf '%s\n' "$got" | grep -q "\[$rule " ||
		why="${why:+$why; }a bad case must report $rule" ;;
	good*) printf '%s\n' "$got" | grep -q "\[$rule " &&
		why="${why:+$why; }a good case must not report $rule" ;;
	esac
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		echo "FAIL ${dir#"$root"/}: $why"
		printf '%s\n' "$got" | diff -u "$dir/expected.txt" - | sed 's/^/    /' | head -40
	else
		pass=$((pass + 1))
	fi
done
skips=""
[ "$skipped" -gt 0 ] && skips=", $skipped skipped"
echo "golden${WRAP:+ under ${WRAP%% *}}: $pass passed, $fail failed$skips"
[ "$fail" -eq 0 ]
