#!/bin/sh
# run.sh — replay each target's regression inputs, then fuzz it for N
# seconds from the fixtures it reads; print executions per target.
# A crash leaves its input in BUILD/fuzz-artifacts/ and fails the run:
# copy it into tests/fuzz/regressions/<target>/ once fixed.
# usage: run.sh BUILD SECONDS TARGET...
set -u
build=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$build/fuzz-work
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"
status=0 total=0

# The fixtures a target reads, as seeds.
seeds() {
	case $1 in
	pgconf) find "$root/tests/fixtures" "$root/examples" -name '*.conf' ! -name '*hba*' ;;
	hba) find "$root/tests/fixtures" "$root/examples" -name '*hba*' -type f ;;
	assign)
		find "$root/tests/fixtures" "$root/examples" -type f \( -name '.env*' \
			-o -name '*.properties' -o -name 'Dockerfile*' -o -name '*service*' -o -name '*.ini' \) ;;
	conninfo | libpq | jdbc) echo "$work.values" ;;
	yaml) find "$root/tests/fixtures" "$root/examples" -name '*.y*ml' ! -name '.pgtlslint.yaml' ;;
	js) find "$root/tests/fixtures" "$root/examples" -name '*.[jt]s*' ;;
	go) find "$root/tests/fixtures" "$root/examples" -name '*.go' ;;
	py) find "$root/tests/fixtures" "$root/examples" -name '*.py' ;;
	java) find "$root/tests/fixtures" "$root/examples" -name '*.java' ;;
	rules) find "$root/rules.d" "$root/tests/fixtures" -path '*rules*' -name '*.yaml' ;;
	config) find "$root/tests/fixtures" -name '.pgtlslint.yaml' ;;
	secrets) find "$root/tests/fixtures/secrets" "$root/tests/fixtures/corpus" -type f ;;
	lsp) find "$here/seeds/lsp" -type f ;;
	cert) find "$work.certs" -type f ;;
	esac
}

printf '%-9s %12s %8s  %s\n' target executions seconds result
for t in "$@"; do
	bin=$build/fuzz_$t
	regress=$here/regressions/$t
	if [ -d "$regress" ] && ! "$bin" "$regress"/* >"$work.log" 2>&1; then
		echo "FAIL: $t: a regression input crashes again:"; tail -20 "$work.log"
		status=1
		continue
	fi
	rm -rf "$work" "$work.certs" && mkdir -p "$work" "$work.certs"
	# certificates and keys: made here, never committed
	if [ "$t" = cert ]; then
		(cd "$work.certs" &&
			sh "$root/tests/certs/mkcert.sh" ca -a -k ec:P-256 &&
			sh "$root/tests/certs/mkcert.sh" srv -i ca -k rsa:1024 -d sha1 \
				-n 'DNS:*.example.com,IP:10.0.0.1,IP:::1' &&
			sh "$root/tests/certs/mkcert.sh" enc -p x -k ed25519 &&
			openssl pkey -in srv.key -outform DER -out srv.der &&
			cat srv.crt ca.crt ca.key >bundle.pem) >/dev/null 2>&1
	fi
	# connection strings: each assigned value of the carriers, one seed
	# each (a JDBC seed without its jdbc:postgresql: prefix)
	find "$root/tests/fixtures" "$root/examples" -type f \( -name '.env*' \
		-o -name '*.properties' \) -exec cat {} + |
		sed -n 's/^[^#=]*=//p' | sed "s/^['\"]//; s/['\"]\$//" |
		if [ "$t" = jdbc ]; then sed -n 's/^jdbc:postgresql://p'; else cat; fi |
		sort -u | head -400 >"$work.values"
	seeds "$t" | while read -r f; do
		if [ "$f" = "$work.values" ]; then
			n=0
			while IFS= read -r v; do
				n=$((n + 1))
				printf '%s' "$v" >"$work/value$n"
			done <"$f"
		else
			cp "$f" "$work/$(printf '%s' "$f" | cksum | cut -d' ' -f1)" 2>/dev/null
		fi
	done
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$artifacts/$t-" "$work" >"$work.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work.log")
	total=$((total + ${runs:-0}))
	if [ $rc = 0 ]; then
		printf '%-9s %12s %8s  ok\n' "$t" "${runs:-?}" "$seconds"
	else
		printf '%-9s %12s %8s  CRASH (exit %s)\n' "$t" "${runs:-?}" "$seconds" "$rc"
		grep -E 'ERROR|SUMMARY|differs|Test unit written' "$work.log" | head -8
		status=1
	fi
done
echo "fuzz: $# targets, $total executions in total"
rm -rf "$work" "$work.log" "$work.values" "$work.certs"
exit $status
