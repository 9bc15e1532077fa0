#!/bin/sh
# make-deb.sh — a Debian package of the built tool, with dpkg-deb.
# Its Depends are computed from the libraries the binary links (ldd, then
# dpkg -S for the package that ships each), so they follow the build.
# usage: make-deb.sh BINARY VERSION OUTDIR (from make, which passes its
# BUILD on to the install this runs)
set -eu
bin=$1 version=$2 out=$3
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
chmod 0755 "$stage"
make --no-print-directory -s install DESTDIR="$stage" PREFIX=/usr >/dev/null
deps=$(ldd "$bin" | awk '/=>/ { print $3 }' | while read -r lib; do
	dpkg -S "$(readlink -f "$lib")" 2>/dev/null ||
		dpkg -S "$lib" 2>/dev/null || true
done | cut -d: -f1 | sort -u | while read -r pkg; do
	v=$(dpkg-query -W -f '${Version}' "$pkg" | sed 's/-[^-]*$//')
	printf '%s (>= %s), ' "$pkg" "$v"
done | sed 's/, $//')
mkdir -p "$stage/DEBIAN"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: pgtlslint
Version: $version
Architecture: $arch
Maintainer: pgtlslint developers <pgtlslint@users.noreply.github.com>
Depends: $deps
Section: devel
Priority: optional
Homepage: https://github.com/pgtlslint/pgtlslint
Description: find what lets PostgreSQL traffic go unencrypted or unverified
 pgtlslint reads postgresql.conf, pg_hba.conf, connection strings wherever
 they are written, and the code that opens connections, and reports what
 lets traffic go unencrypted or unverified, judged by what each setting
 really does for its server or driver.
CONTROL
mkdir -p "$out"
dpkg-deb --root-owner-group --build "$stage" \
	"$out/pgtlslint_${version}_${arch}.deb" >/dev/null
echo "$out/pgtlslint_${version}_${arch}.deb"
