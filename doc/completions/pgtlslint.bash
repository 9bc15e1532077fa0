# bash completion for pgtlslint (installed by make install); tests/cli.sh
# checks that it names every option of pgtlslint --help.
_pgtlslint() {
	local cur prev opts
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	opts="--format --output --color --show-source --no-show-source
	      --show-settings --fail-on --pg-version --enable --disable
	      --rules-dir --report-unused-ignores --list-rules --explain
	      --explain-hba --probe --explain-conn --driver --fix --diff
	      --config --baseline --write-baseline --exclude --stdin-filename
	      --stdin-type --jobs --shard --judge-loopback --no-prefilter
	      --now --cert-warn-days --explain-cert
	      --version --help"
	case $prev in
	-f|--format)
		COMPREPLY=($(compgen -W "text json sarif github gitlab" -- "$cur")); return ;;
	--color)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	--fail-on)
		COMPREPLY=($(compgen -W "error warning note never" -- "$cur")); return ;;
	--pg-version)
		COMPREPLY=($(compgen -W "12 13 14 15 16 17" -- "$cur")); return ;;
	--driver)
		COMPREPLY=($(compgen -W "libpq pgjdbc pgx lib/pq node-postgres postgres.js asyncpg npgsql prisma r2dbc-postgresql bun vertx-pg-client" -- "$cur")); return ;;
	--stdin-type)
		COMPREPLY=($(compgen -W "pgconf hba cert pgbouncer env dockerfile properties yaml shell service json prisma toml js go py java php cs" -- "$cur")); return ;;
	--enable|--disable|--explain)
		COMPREPLY=($(compgen -W "$(pgtlslint --list-rules 2>/dev/null | awk '{print $1}')" -- "$cur")); return ;;
	-o|--output|--config|--baseline|--write-baseline|--explain-hba|--explain-cert|--stdin-filename)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--rules-dir)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	elif [[ $COMP_CWORD == 1 && lsp == "$cur"* ]]; then
		COMPREPLY=(lsp $(compgen -f -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -o filenames -F _pgtlslint pgtlslint
