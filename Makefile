# pgtlslint — build, test and install (GNU make).
#
#   make          build ./pgtlslint
#   make deps     apt-get install what the build lacks (root, Debian)
#   make test-deps  ... and what the tests need
#   make demo     deps + build + lint examples/
#   make check    test-deps + build + every test
#   make asan     the whole test suite under ASan + UBSan
#   make fuzz     every libFuzzer target for FUZZ_SECONDS (default 30)
#   make analyze  cppcheck and clang-tidy over src/, zero reports
#   make bench    pgtlslint beside cat, rg and ast-grep on BENCH_MB (default 1024)
#   make golden   rewrite the golden outputs (review the diff!)
#   make readme   regenerate the README rule table from rules.d
#   make install / uninstall   PREFIX=/usr/local DESTDIR=

VERSION    := 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
DESTDIR    ?=
PKG_CONFIG ?= pkg-config
CC         ?= cc
CFLAGS     ?= -O2 -g
BUILD      ?= build

# Debian packages (pkg-config names in DESIGN.md): what the build needs,
# and what only the tests need -- the real components (PostgreSQL, libpq,
# pre-commit, the drivers the probe measures) and the analysers.
BUILD_PACKAGES := pkg-config libpcre2-dev libyaml-dev libjansson-dev libssl-dev
TEST_PACKAGES := check python3-jsonschema postgresql libpq-dev \
                 pre-commit valgrind clang libclang-rt-14-dev clang-tidy \
                 cppcheck ripgrep openssl python3-psycopg python3-psycopg2 \
                 python3-asyncpg libpostgresql-jdbc-java default-jdk-headless \
                 golang-go golang-github-jackc-pgx-v4-dev \
                 golang-github-lib-pq-dev neovim zsh

PCRE2_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libpcre2-8 2>/dev/null)
PCRE2_LIBS   ?= $(shell $(PKG_CONFIG) --libs libpcre2-8 2>/dev/null)
YAML_CFLAGS  ?= $(shell $(PKG_CONFIG) --cflags yaml-0.1 2>/dev/null)
YAML_LIBS    ?= $(shell $(PKG_CONFIG) --libs yaml-0.1 2>/dev/null)
# The pkg-config modules the binary links, each from a BUILD_PACKAGES
# package (install-test checks it). jansson parses the language server's
# JSON-RPC messages (pgtlslint lsp); libcrypto decodes certificates and
# keys (PGT401-PGT406).
BUILD_PC_MODULES := libpcre2-8 yaml-0.1 jansson libcrypto
CRYPTO_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libcrypto 2>/dev/null)
CRYPTO_LIBS   ?= $(shell $(PKG_CONFIG) --libs libcrypto 2>/dev/null)
JANSSON_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS   ?= $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null)
CHECK_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   ?= $(shell $(PKG_CONFIG) --libs check 2>/dev/null)
# libpq is a test-only dependency: the oracle that checks our parser.
LIBPQ_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libpq 2>/dev/null)
LIBPQ_LIBS   ?= $(shell $(PKG_CONFIG) --libs libpq 2>/dev/null)

# git's config.mak.dev warnings; -Werror always (the issue asks for it).
WARNINGS := -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
            -Wshadow -Wpointer-arith -Wvla -Wold-style-definition

ifeq ($(SANITIZE),1)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer
CFLAGS    := -O1 -g
endif

# ThreadSanitizer, for the -j thread pool (make tsan).
ifeq ($(SANITIZE),thread)
SAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
CFLAGS    := -O1 -g
endif

# libFuzzer: the library instrumented, each target linked with -fsanitize=fuzzer.
ifeq ($(SANITIZE),fuzz)
CC        := clang
SAN_FLAGS := -fsanitize=fuzzer-no-link,address,undefined \
             -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS    := -O1 -g
endif

ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 \
              $(WARNINGS) -DPGTLSLINT_VERSION='"$(VERSION)"' -Isrc -I$(BUILD)/gen \
              $(PCRE2_CFLAGS) $(YAML_CFLAGS) $(JANSSON_CFLAGS) $(CRYPTO_CFLAGS) $(SAN_FLAGS) -pthread -MMD -MP \
              $(CFLAGS)
ALL_LDFLAGS := $(SAN_FLAGS) -pthread $(LDFLAGS)
LIBS := $(PCRE2_LIBS) $(YAML_LIBS) $(JANSSON_LIBS) $(CRYPTO_LIBS)

SRCS := $(wildcard src/*.c src/util/*.c src/parsers/*.c src/model/*.c \
                   src/rules/*.c src/report/*.c src/scanners/*.c src/lsp/*.c)
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRCS)) $(BUILD)/obj/rules_embedded.o
LIB_OBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS))
RULEGEN_OBJS := $(filter-out $(BUILD)/obj/rules_embedded.o,$(LIB_OBJS))
TEST_SRCS := $(wildcard tests/unit/*.c)
TEST_OBJS := $(patsubst tests/unit/%.c,$(BUILD)/test/%.o,$(TEST_SRCS))
RULE_FILES := $(sort $(wildcard rules.d/*.yaml))

ifeq ($(BUILD),build)
BIN := pgtlslint
else
BIN := $(BUILD)/pgtlslint
endif

.PHONY: all deps test-deps demo check test asan tsan queue-test fuzz fuzz-run analyze analyze-run bench golden readme install uninstall clean fmt deb \
        check-fmt unit-test golden-test cli-test sarif-test fix-test hostile-test corpus-test variants-test secrets-test terminal-test write-safety-test architecture-test install-test deb-test hook-test live-test driver-test driver-table precommit-test \
        lsp-test nvim-test cert-secrets-test hostname-test

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# rules.d is compiled into the binary: tools/rulegen.c parses it with the
# program's own loader and writes each rule as constants (so a run parses
# no YAML, and a rule the loader rejects fails the build).
$(BUILD)/rulegen: tools/rulegen.c $(RULEGEN_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(RULEGEN_OBJS) $(LIBS) $(ALL_LDFLAGS)

$(BUILD)/gen/rules_embedded.c: $(BUILD)/rulegen $(RULE_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/rulegen $@ rules.d

$(BUILD)/obj/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/test/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(BUILD)/check_unit: $(TEST_OBJS) $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(TEST_OBJS) $(LIB_OBJS) $(LIBS) $(CHECK_LIBS)

$(BUILD)/conninfo_oracle: tests/live/conninfo_oracle.c tests/live/oracle_libpq.h $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LIBPQ_CFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS) $(LIBPQ_LIBS) $(ALL_LDFLAGS)

$(BUILD)/carrier_oracle: tests/live/carrier_oracle.c tests/live/oracle_libpq.h $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LIBPQ_CFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS) $(LIBPQ_LIBS) $(ALL_LDFLAGS)

# Installs only the Debian packages of $(1) this machine lacks (root).
define apt_install
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then \
	  echo "pgtlslint: please install:$$missing" >&2; exit 1; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "pgtlslint: run 'make $@' as root to install:$$missing" >&2; \
	  exit 1; fi; \
	echo "installing:$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -q --no-install-recommends $$missing >/dev/null || \
	  { apt-get update -q >/dev/null && \
	    apt-get install -y -q --no-install-recommends $$missing >/dev/null; }
endef

# What building pgtlslint needs (demo, install, the pre-commit hook).
deps:
	$(call apt_install,$(BUILD_PACKAGES))

# What the tests need too (check, asan, tsan, fuzz, analyze, bench).
test-deps:
	$(call apt_install,$(BUILD_PACKAGES) $(TEST_PACKAGES))

# The dependency step runs first, in its own make, so that the build's
# pkg-config lookups see what it installed.
demo: deps
	@$(MAKE) --no-print-directory all
	@echo "== pgtlslint examples/"
	@./$(BIN) --show-source examples/; test $$? -le 1

check: test-deps
	@$(MAKE) --no-print-directory test valgrind-test

asan: test-deps
	@$(MAKE) --no-print-directory test BUILD=build/asan SANITIZE=1

# The CLI suite (its -j 1/3/8 runs over every fixture, server
# configurations linted while the pool works) and the work queue's unit
# tests (threads taking files while more are added, a file put back)
# under ThreadSanitizer.
tsan: test-deps
	@TSAN_OPTIONS=halt_on_error=1 $(MAKE) --no-print-directory cli-test \
	  queue-test BUILD=build/tsan SANITIZE=thread

queue-test: $(BUILD)/check_unit
	@cd tests && CK_RUN_SUITE=lint_queue ../$(BUILD)/check_unit

test: unit-test golden-test cli-test sarif-test fix-test hostile-test \
      corpus-test variants-test secrets-test terminal-test \
      write-safety-test architecture-test install-test deb-test hook-test \
      live-test driver-test precommit-test lsp-test nvim-test \
      cert-secrets-test hostname-test

unit-test: $(BUILD)/check_unit $(BIN)
	@cd tests && ../$(BUILD)/check_unit

golden-test: $(BIN)
	@tests/golden.sh $(BIN)

cli-test: $(BIN)
	@tests/cli.sh $(BIN)

# The language server: a scripted client (every message and error path),
# then Neovim's own client, headless.
lsp-test: $(BIN)
	@python3 tests/lsp/client.py $(BIN)

nvim-test: $(BIN)
	@tests/lsp/nvim.sh $(BIN)

# Microsoft's SARIF Multitool (npm, its native Linux build), installed once
# into build/sarif-multitool; without npm the test says it skipped it.
SARIF_MULTITOOL_VERSION := 5.7.0
SARIF_MULTITOOL := build/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

$(SARIF_MULTITOOL):
	@mkdir -p build/sarif-multitool
	@cd build/sarif-multitool && npm install --silent --no-audit --no-fund \
	  @microsoft/sarif-multitool@$(SARIF_MULTITOOL_VERSION) >/dev/null 2>&1 \
	  && chmod u+x node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool \
	  || echo "sarif: could not install the SARIF Multitool from npm"

sarif-test: $(BIN)
	@$(MAKE) --no-print-directory -s $(SARIF_MULTITOOL) || true
	@SARIF_MULTITOOL=$(abspath $(SARIF_MULTITOOL)) tests/sarif.sh $(BIN)

hostile-test: $(BIN)
	@tests/hostile.sh $(BIN)

# Every golden case again under memcheck: uninitialised reads inside an
# allocation are invisible to ASan (a case once flipped on one).
valgrind-test: $(BIN)
	@WRAP="valgrind -q --error-exitcode=99" tests/golden.sh $(BIN)

fix-test: $(BIN)
	@python3 tests/fix_check.py $(BIN) tests/fixtures

# Precision and recall of the source scanners on a labelled corpus;
# fails below precision 0.98 or recall 0.95 in any language.
corpus-test: $(BIN)
	@python3 tests/corpus_score.py $(BIN) tests/fixtures/corpus 0.98 0.95

# Text output cannot drive a terminal or forge a line.
terminal-test: $(BIN)
	@python3 tests/terminal.py $(BIN)

# --fix writes only the files it fixes (links, includes out, read-only).
write-safety-test: $(BIN)
	@python3 tests/write_safety.py $(BIN)

# The secrets matrix: a planted secret in every key and quoting form of
# every format, never printed by any format or flag; its masked line shown.
secrets-test: $(BIN)
	@python3 tests/secrets.py $(BIN)

# Only src/rules/ raises findings; the check also fails on a planted
# violation, so it cannot pass by finding nothing.
architecture-test:
	@tests/architecture.sh src
	@rm -rf $(BUILD)/arch && mkdir -p $(BUILD)/arch && cp -r src $(BUILD)/arch/
	@echo 'static const char *planted = "PGT301";' >>$(BUILD)/arch/src/scanners/scan_go.c
	@! tests/architecture.sh $(BUILD)/arch/src >/dev/null
	@rm -rf $(BUILD)/arch

# The checklist's client programs, each weakened once: one finding each.
variants-test: $(BIN)
	@python3 tests/variants.py $(BIN) examples/hardened-db/app

# install and uninstall into a throw-away DESTDIR.
install-test: $(BIN)
	@for m in $(BUILD_PC_MODULES); do \
	  pc=$$($(PKG_CONFIG) --variable=pcfiledir $$m)/$$m.pc; \
	  pkg=$$(dpkg -S "$$pc" 2>/dev/null | cut -d: -f1); \
	  case " $(BUILD_PACKAGES) " in *" $$pkg "*) ;; *) \
	    echo "install: $$pc comes from '$$pkg', not a BUILD_PACKAGES package"; \
	    exit 1;; esac; done
	@rm -rf $(BUILD)/destdir
	@$(MAKE) --no-print-directory -s install DESTDIR=$(BUILD)/destdir PREFIX=/usr
	@$(BUILD)/destdir/usr/bin/pgtlslint --version >/dev/null
	@grep -q '"pgtlslint $(VERSION)"' $(BUILD)/destdir/usr/share/man/man1/pgtlslint.1
	@bash -n $(BUILD)/destdir/usr/share/bash-completion/completions/pgtlslint
	@zsh -n $(BUILD)/destdir/usr/share/zsh/vendor-completions/_pgtlslint
	@$(MAKE) --no-print-directory -s uninstall DESTDIR=$(BUILD)/destdir PREFIX=/usr
	@test ! -e $(BUILD)/destdir/usr/bin/pgtlslint
	@test ! -e $(BUILD)/destdir/usr/share/man/man1/pgtlslint.1
	@test ! -e $(BUILD)/destdir/usr/share/bash-completion/completions/pgtlslint
	@rm -rf $(BUILD)/destdir
	@echo "install: 1 passed, 0 failed"

# pgtlslint beside cat, rg and ast-grep on a generated tree of BENCH_MB
# (a measurement, not a test; trees are cached in BENCH_DIR). ast-grep
# comes from npm at a pinned version, when npm is there.
BENCH_MB  ?= 1024
BENCH_DIR ?= build/bench
AST_GREP_VERSION := 0.51.1
AST_GREP := $(BENCH_DIR)/node/node_modules/.bin/ast-grep

$(BUILD)/lexbench: tools/bench/lexbench.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS) $(ALL_LDFLAGS)

bench: test-deps
	@$(MAKE) --no-print-directory all $(BUILD)/lexbench
	@if [ ! -x $(AST_GREP) ] && command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix $(BENCH_DIR)/node \
	    @ast-grep/cli@$(AST_GREP_VERSION); fi
	@LEXBENCH=$(BUILD)/lexbench python3 tools/bench/bench.py $(BIN) $(BENCH_MB) $(BENCH_DIR) $(AST_GREP)
	@python3 tools/bench/hostile_scaling.py $(BIN) $(BENCH_DIR)
	@python3 tools/bench/lsp_latency.py $(BIN)

# Static analysis of src/: cppcheck and clang-tidy (configuration in
# .cppcheck-suppressions and .clang-tidy), both with zero reports.
ANALYZE_DEFS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 \
                -DPGTLSLINT_VERSION='"$(VERSION)"' -Isrc -I$(BUILD)/gen

analyze: test-deps
	@$(MAKE) --no-print-directory analyze-run

analyze-run: $(BUILD)/gen/rules_embedded.c
	cppcheck --enable=warning,performance,portability --std=c11 --quiet \
	  --error-exitcode=1 --inline-suppr -Isrc -I$(BUILD)/gen \
	  -D_POSIX_C_SOURCE=200809L --suppress=missingIncludeSystem \
	  --suppress=toomanyconfigs --suppressions-list=.cppcheck-suppressions src
	@echo $(SRCS) | tr ' ' '\n' | \
	  xargs -P 2 -I{} clang-tidy --quiet {} -- $(ANALYZE_DEFS) 2>/dev/null || \
	  { echo "analyze: clang-tidy reported problems"; exit 1; }
	@echo "analyze: cppcheck and clang-tidy clean over $(words $(SRCS)) files"

# libFuzzer targets (tests/fuzz/fuzz.c), each run FUZZ_SECONDS from the
# fixtures as seeds, after replaying the crashes it once found.
FUZZ_TARGETS := pgconf hba conninfo libpq jdbc assign yaml js go py java rules \
                config secrets lsp cert
FUZZ_SECONDS ?= 30

fuzz: test-deps
	@$(MAKE) --no-print-directory fuzz-run BUILD=build/fuzz SANITIZE=fuzz

fuzz-run: $(addprefix $(BUILD)/fuzz_,$(FUZZ_TARGETS))
	@tests/fuzz/run.sh $(BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LIBPQ_CFLAGS) -fsanitize=fuzzer -DFUZZ_$* -o $@ $< \
	  $(LIB_OBJS) $(LIBS) $(LIBPQ_LIBS) $(ALL_LDFLAGS)

# The real pre-commit against this repository's HEAD (commit first).
precommit-test:
	@tests/precommit.sh

# A Debian package (dpkg-deb; Depends from the linked libraries), and a
# test that installs it in a scratch root, runs it, and removes it.
deb: $(BIN)
	@tools/make-deb.sh $(BIN) $(VERSION) $(BUILD)

deb-test: $(BIN)
	@tests/deb.sh $$(tools/make-deb.sh $(BIN) $(VERSION) $(BUILD))

# The hook's files pattern and the walker read the same names.
hook-test: $(BIN)
	@python3 tests/hook_pattern.py $(BIN) .

live-test: $(BIN) $(BUILD)/conninfo_oracle $(BUILD)/carrier_oracle
	@$(BUILD)/conninfo_oracle
	@rm -rf $(BUILD)/carrier-oracle && mkdir -p $(BUILD)/carrier-oracle
	@$(BUILD)/carrier_oracle $(abspath $(BIN)) $(BUILD)/carrier-oracle
	@tests/live/run_oracle.sh pgconf_oracle $(BIN)
	@tests/live/run_oracle.sh hba_oracle $(BIN)
	@tests/live/run_oracle.sh client_oracle $(BIN)
	@tests/live/run_oracle.sh cert_oracle $(BIN)

# No byte of a private key in any output (keys made by openssl there),
# and --explain-cert on generated files.
cert-secrets-test: $(BIN)
	@python3 tests/certs/key_secrets.py $(BIN)
	@tests/certs/explain.sh $(BIN)

# PGT404 against each driver's own host name check (Go, Node, pgjdbc's
# verifier, CPython's ssl); libpq's is in live-test (psql).
hostname-test: $(BIN)
	@python3 tests/certs/hostname_oracle.py $(BIN); rc=$$?; \
	  if [ $$rc = 77 ] && [ -n "$${CI:-}" ]; then exit 1; fi; \
	  [ $$rc = 0 ] || [ $$rc = 77 ]

# Every driver against a loopback probe server (tests/live/driver_probe.py):
# what each really does, compared with what pgtlslint says. The client
# programs (Go, Java, npm) are built once into build/probe-clients.
driver-test: $(BIN)
	@PROBE_CACHE=build/probe-clients python3 tests/live/driver_probe.py \
	  $(BIN) $(BUILD)/driver-probe

# docs/driver-outcomes.md from the same measurements.
driver-table: $(BIN)
	@PROBE_CACHE=build/probe-clients python3 tests/live/driver_probe.py \
	  $(BIN) $(BUILD)/driver-probe --write-table

golden: $(BIN)
	@tests/golden.sh $(BIN) --update

readme: $(BIN)
	@tools/update-readme.sh ./$(BIN)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/pgtlslint
	sed 's/"pgtlslint [0-9][^"]*"/"pgtlslint $(VERSION)"/' doc/pgtlslint.1 \
	  >$(DESTDIR)$(MANDIR)/man1/pgtlslint.1
	chmod 0644 $(DESTDIR)$(MANDIR)/man1/pgtlslint.1
	install -m 0644 doc/completions/pgtlslint.bash \
	  $(DESTDIR)$(BASHCOMPDIR)/pgtlslint
	install -m 0644 doc/completions/_pgtlslint $(DESTDIR)$(ZSHCOMPDIR)/_pgtlslint

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pgtlslint $(DESTDIR)$(MANDIR)/man1/pgtlslint.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/pgtlslint $(DESTDIR)$(ZSHCOMPDIR)/_pgtlslint

fmt:
	clang-format -i $(SRCS) $(wildcard src/*/*.h src/*.h) $(TEST_SRCS)

check-fmt:
	clang-format --dry-run --Werror $(SRCS) $(wildcard src/*/*.h src/*.h)

clean:
	rm -rf build pgtlslint

-include $(OBJS:.o=.d) $(TEST_OBJS:.o=.d)
