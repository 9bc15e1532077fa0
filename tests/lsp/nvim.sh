#!/bin/sh
# nvim.sh -- pgtlslint lsp under Neovim's built-in LSP client, headless,
# on a fixture project (tests/lsp/nvim.lua says what is checked).
# usage: nvim.sh PGTLSLINT
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v nvim >/dev/null; then
	echo "nvim: Neovim is not installed (make test-deps)" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/proj"
cat >"$tmp/proj/db.py" <<'PY'
import psycopg2

conn = psycopg2.connect("host=db.example.com dbname=app sslmode=disable")
PY
cd "$tmp/proj" || exit 1
PGT_BIN=$bin PGT_OUT=$tmp/result HOME=$tmp XDG_CONFIG_HOME=$tmp \
	XDG_STATE_HOME=$tmp XDG_DATA_HOME=$tmp \
	timeout 120 nvim --headless --clean -n -c "luafile $here/nvim.lua" db.py \
	</dev/null >"$tmp/nvim.log" 2>&1
rc=$?
if [ ! -s "$tmp/result" ]; then
	echo "nvim: no result (exit $rc)"
	cat "$tmp/nvim.log"
	exit 1
fi
sed 's/^/nvim: /' "$tmp/result"
grep -q '^ok ' "$tmp/result"
