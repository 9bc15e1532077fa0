#!/bin/sh
# pre-commit-hook.sh — the pre-commit entry: build pgtlslint once in the
# hook's own checkout (pre-commit's cache), then lint the staged files it
# is given.
set -u
hook_dir=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -x "$hook_dir/pgtlslint" ]; then
	echo "pgtlslint: building in $hook_dir (first run only)" >&2
	# Nothing around us (a make above, a BUILD in the environment) may
	# move the binary away from $hook_dir/pgtlslint.
	if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	     make -C "$hook_dir" -s -j2 BUILD=build SANITIZE= all >&2; then
		echo "pgtlslint: build failed; run 'make deps' in $hook_dir" \
		     "(or install libpcre2-dev, libyaml-dev and libjansson-dev)" >&2
		exit 2
	fi
fi
exec "$hook_dir/pgtlslint" --no-show-source --color never "$@"
