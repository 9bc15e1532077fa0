#!/bin/sh
# mkcert.sh — make a test certificate (and its key) with the openssl
# command, with fixed validity dates so that golden outputs stay the same.
# Keys are made here, in the test's scratch directory: none is committed.
#
# usage: mkcert.sh NAME [-k rsa:2048|ec:P-256|ed25519] [-d sha256|sha1]
#                  [-s YYYYMMDDHHMMSSZ] [-e YYYYMMDDHHMMSSZ] [-c CN]
#                  [-n SUBJECT_ALT_NAME] [-i ISSUER] [-a] [-K KEYFILE]
#                  [-p PASSPHRASE]
# writes NAME.crt and NAME.key (unless -K names an existing key); -i signs
# with ISSUER.crt/ISSUER.key (else self-signed); -a makes a CA; -p
# encrypts the key (PKCS#8, AES-256).
set -eu
name=$1
shift
keyspec=rsa:2048 digest=sha256 start=20250101000000Z end=20300101000000Z
cn=$name san="" issuer="" ca="" keyfile="" pass=""
while getopts k:d:s:e:c:n:i:aK:p: opt; do
	case $opt in
	k) keyspec=$OPTARG ;;
	d) digest=$OPTARG ;;
	s) start=$OPTARG ;;
	e) end=$OPTARG ;;
	c) cn=$OPTARG ;;
	n) san=$OPTARG ;;
	i) issuer=$OPTARG ;;
	a) ca=1 ;;
	K) keyfile=$OPTARG ;;
	p) pass=$OPTARG ;;
	*) exit 2 ;;
	esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$keyfile" ]; then
	keyfile=$name.key
	case $keyspec in
	rsa:*) openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${keyspec#rsa:}" -out "$work/k" 2>/dev/null ;;
	ec:*) openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:${keyspec#ec:}" -out "$work/k" 2>/dev/null ;;
	ed25519) openssl genpkey -algorithm ED25519 -out "$work/k" 2>/dev/null ;;
	*) echo "mkcert: unknown key $keyspec" >&2; exit 2 ;;
	esac
	if [ -n "$pass" ]; then
		openssl pkcs8 -topk8 -v2 aes-256-cbc -passout "pass:$pass" -in "$work/k" -out "$keyfile"
	else
		cp "$work/k" "$keyfile"
	fi
	chmod 600 "$keyfile"
fi
signkey=$keyfile
[ -n "$pass" ] && openssl pkey -passin "pass:$pass" -in "$keyfile" -out "$work/k" && signkey=$work/k
mkdir "$work/new"
: >"$work/index.txt"
echo 1000 >"$work/serial"
{
	echo "[ca]"
	echo "default_ca = c"
	echo "[c]"
	echo "database = $work/index.txt"
	echo "serial = $work/serial"
	echo "new_certs_dir = $work/new"
	echo "policy = p"
	echo "unique_subject = no"
	echo "copy_extensions = none"
	echo "[p]"
	echo "commonName = supplied"
	echo "[ext]"
	if [ -n "$ca" ]; then
		echo "basicConstraints = critical,CA:TRUE"
		echo "keyUsage = keyCertSign, cRLSign"
	else
		echo "basicConstraints = CA:FALSE"
	fi
	[ -z "$san" ] || echo "subjectAltName = $san"
} >"$work/ca.cnf"
openssl req -new -key "$signkey" -subj "/CN=$cn" -out "$work/req" 2>/dev/null
if [ -n "$issuer" ]; then
	set -- -cert "$issuer.crt" -keyfile "$issuer.key"
else
	set -- -selfsign -keyfile "$signkey"
fi
md=$digest
[ "$keyspec" = ed25519 ] && md=default
openssl ca -batch -notext -config "$work/ca.cnf" -extensions ext \
	-startdate "$start" -enddate "$end" -md "$md" "$@" \
	-in "$work/req" -out "$name.crt" 2>"$work/err" ||
	{ cat "$work/err" >&2; exit 1; }
