#!/bin/sh
# deb.sh — the Debian package installs into a scratch root, lints the
# bundled examples, and removes itself without a trace.
# usage: deb.sh PACKAGE.deb
set -u
deb=$1
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
pass=0 fail=0
check() { if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $*"; fi; }
dpkg_root() { dpkg --root="$root" --force-not-root --force-depends \
	--force-script-chrootless --log=/dev/null "$@" >/dev/null 2>&1; }
check dpkg_root -i "$deb"
check test -x "$root/usr/bin/pgtlslint"
"$root/usr/bin/pgtlslint" --no-show-source examples >/dev/null 2>&1
check test $? -eq 1 # the examples hold findings by design
check test -f "$root/usr/share/man/man1/pgtlslint.1"
check dpkg_root -r pgtlslint
check test -z "$(find "$root/usr" -type f 2>/dev/null)"
# Depends come from the libraries the binary links
for lib in libc6 libpcre2-8-0 libyaml-0-2; do
	check sh -c "dpkg-deb -f '$deb' Depends | grep -q '$lib (>= '"
done
echo "deb: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
