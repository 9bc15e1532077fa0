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
pass=0 fail=0

run_case() {
	dir=$1
	args=""
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	where=$dir
	[ -f "$dir/target" ] && where=$dir/$(cat "$dir/target")
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
echo "golden${WRAP:+ under ${WRAP%% *}}: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
