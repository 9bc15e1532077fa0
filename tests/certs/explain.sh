#!/bin/sh
# explain.sh — --explain-cert on generated files, compared exactly with the
# expected text (the mode line, which depends on the umask and the user,
# is checked apart).
# usage: explain.sh PGTLSLINT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkcert=$(cd "$(dirname "$0")" && pwd)/mkcert.sh
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
sh "$mkcert" ca -a -c "test CA" -k ec:P-256
sh "$mkcert" server -i ca -d sha1 -n 'DNS:db.example.com,DNS:*.db.example.com,IP:10.0.0.5' -e 20260201000000Z
sh "$mkcert" enc -p secret
cat server.crt ca.crt >chain.crt
chmod 0640 enc.key
cat >.env <<'ENV'
A=postgresql://db.example.com/x?sslmode=verify-full&sslrootcert=ca.crt
B=postgresql://r1.db.example.com/x?sslmode=verify-full&sslrootcert=ca.crt
C=postgresql://db.internal/x?sslmode=verify-full&sslrootcert=ca.crt
D=postgresql://db.internal/x?sslmode=require
ENV
fail=0 pass=0
check() {
	if [ "$2" = "$3" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1"
		printf '%s\n' "$3" | diff -u - /dev/stdin <<EOT | sed 's/^/    /'
$2
EOT
	fi
}
got=$("$bin" --now 2026-01-15 --explain-cert chain.crt . | grep -v ': mode ')
check "--explain-cert chain.crt ." "$got" "chain.crt: certificate 1 of 2
  subject:   CN=server
  names:     DNS:db.example.com, DNS:*.db.example.com, IP:10.0.0.5
  issuer:    CN=test CA
  valid:     2025-01-01 to 2026-02-01: expires in 17 days
  key:       RSA 2048 bits
  signature: ecdsa-with-SHA1 (a broken digest)
  CA:        no
chain.crt: certificate 2 of 2
  subject:   CN=test CA
  names:     no subjectAltName (clients that read the CN use it)
  issuer:    CN=test CA (self-signed)
  valid:     2025-01-01 to 2030-01-01: valid
  key:       EC 256 bits, prime256v1
  signature: ecdsa-with-SHA256
  CA:        yes
verify-full clients:
  .env:1: verify-full to 'db.example.com' (libpq): covered
  .env:2: verify-full to 'r1.db.example.com' (libpq): covered
  .env:3: verify-full to 'db.internal' fails: no server certificate of this project covers it as libpq matches names: 'chain.crt' (DNS:db.example.com, DNS:*.db.example.com, IP:10.0.0.5)"
got=$("$bin" --explain-cert enc.key)
check "--explain-cert enc.key" "$got" "enc.key: private key 1 of 1: PKCS#8, encrypted
enc.key: mode 0640, owner uid $(id -u)"
"$bin" --explain-cert missing.crt >/dev/null 2>&1
check "--explain-cert missing.crt exits 2" "$?" 2
echo "explain-cert: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
