#!/bin/sh
# mkcrl.sh — a CRL signed by ISSUER (ISSUER.crt, ISSUER.key), with fixed
# dates, made with the openssl command, into NAME.crl.
# usage: mkcrl.sh NAME ISSUER LASTUPDATE NEXTUPDATE   (YYYYMMDDHHMMSSZ)
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/index.txt"
echo 01 >"$work/crlnumber"
printf '[ca]\ndefault_ca = c\n[c]\ndatabase = %s/index.txt\ncrlnumber = %s/crlnumber\ndefault_md = sha256\n' \
	"$work" "$work" >"$work/ca.cnf"
openssl ca -gencrl -config "$work/ca.cnf" -cert "$2.crt" -keyfile "$2.key" \
	-crl_lastupdate "$3" -crl_nextupdate "$4" -out "$1.crl" 2>"$work/err" ||
	{ cat "$work/err" >&2; exit 1; }
