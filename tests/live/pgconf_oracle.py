#!/usr/bin/env python3
"""pgconf_oracle.py -- PostgreSQL itself as the oracle for postgresql.conf.

Starts a throw-away server (initdb in a temporary directory, Unix socket
only, no TCP), then for every fixture that holds a postgresql.conf copies
the fixture into the data directory and reads the view pg_file_settings,
which re-parses the file on each query. It asserts that:

  * syntax errors agree line by line (PGT108). The view parses at DEBUG3,
    so ParseConfigFp abandons a file after its first syntax error: we
    compare the first one per file. PostgreSQL reports an error at EOF
    without a final newline on line N-1 (ConfigFileLineno quirk); that
    mapping is applied explicitly.
  * invalid values agree ("setting could not be applied" vs our PGT108
    "invalid value") -- typed settings only, our table's scope;
  * include problems agree (PGT109): same file and line, except cycles,
    which PostgreSQL ends with "nesting depth exceeded" deep inside while
    we name the include that closes the cycle;
  * the effective value, file and line of every setting agree with the last
    row per name (--show-settings), for fixtures the server reads cleanly;
  * our boot defaults equal pg_settings.boot_val for every typed setting.

usage: pgconf_oracle.py PGTLSLINT [FIXTURES_DIR]
Exits 0 when every comparison agrees, 1 otherwise, 77 when no server.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from pgserver import Server, Tally, bindir_version, find_bindir

ORACLE_PORT = 5499


def fixture_cases(root):
    for conf in sorted(glob.glob(os.path.join(root, "**", "postgresql.conf"),
                                 recursive=True)):
        yield os.path.dirname(conf)


def copy_case(case, server):
    """Copies the fixture's files into the data directory; returns them."""
    placed = []
    for dirpath, _, files in os.walk(case):
        rel_dir = os.path.relpath(dirpath, case)
        for name in files:
            if rel_dir == "." and name in ("expected.txt", "args"):
                continue
            rel = os.path.normpath(os.path.join(rel_dir, name))
            os.makedirs(os.path.join(server.data, os.path.dirname(rel)),
                        exist_ok=True)
            with open(os.path.join(dirpath, name), "rb") as f:
                server.write(os.path.join(server.data, rel), f.read())
            placed.append(rel)
    return placed


def remove_case(placed, server):
    for rel in placed:
        if rel != "postgresql.conf":
            os.unlink(os.path.join(server.data, rel))
    for rel in sorted({os.path.dirname(r) for r in placed}, reverse=True):
        if rel and os.path.isdir(os.path.join(server.data, rel)):
            shutil.rmtree(os.path.join(server.data, rel), ignore_errors=True)
    server.write(os.path.join(server.data, "postgresql.conf"), "")


def ours(binary, case, version):
    out = subprocess.run([binary, "--show-settings", "--format", "json",
                          "--pg-version", str(version), "postgresql.conf"],
                         cwd=case, stdout=subprocess.PIPE, text=True).stdout
    start = out.index("{\n")
    settings = {}
    for line in out[:start].splitlines():
        if line.startswith("#"):
            continue
        head, _, where = line.rpartition("\t# ")
        m = re.match(r"^(\S+) = '(.*)'$", head, re.S)
        where, _, refused = where.partition(" (refused: ")
        settings[m.group(1)] = (m.group(2).replace("''", "'"), where,
                                bool(refused)
                                and not refused.startswith("cannot be"))
    return settings, json.loads(out[start:])["findings"]


def eof_line_quirk(case, path, line, message):
    """PostgreSQL's line for an error at EOF with no final newline."""
    with open(os.path.join(case, path), "rb") as f:
        data = f.read()
    nlines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if (message.endswith("near end of line") and not data.endswith(b"\n")
            and line == nlines):
        return line - 1
    return line


def judge_case(case, label, rows, settings, findings, tally, data_prefix,
               typed):
    rel = lambda p: os.path.relpath(p, data_prefix) if p else ""
    syntax, invalid, include, values = set(), set(), [], {}
    unknown = set()
    for f_, line, name, setting, error in rows:
        f_, line = rel(f_), int(line or 0)
        if not name and error == "syntax error":
            syntax.add((f_, line))
        elif not name and error:
            include.append((f_, line, error))
        elif name and error == "setting could not be applied":
            invalid.add((f_, line, name.lower()))
        elif name and error == "unrecognized configuration parameter":
            unknown.add((f_, line))
        if name:
            values[name.lower()] = (setting, "%s:%d" % (f_, line),
                                    bool(error))

    first = {}
    for f in findings:
        if f["rule"] == "PGT108" and f["message"].startswith("syntax error"):
            line = eof_line_quirk(case, f["path"], f["line"], f["message"])
            if f["path"] not in first or line < first[f["path"]]:
                first[f["path"]] = line
    read_by_server = {r[0] for r in [(rel(x[0]),) for x in rows]}
    read_by_server.add("postgresql.conf")
    ours_syntax = {(p, l) for p, l in first.items() if p in read_by_server}
    tally.compare(label + ": " + "first syntax error per file", sorted(syntax),
                  sorted(ours_syntax))

    # Include problems: every one PostgreSQL names at a line must be ours at
    # that line; a cycle we name is PostgreSQL's "nesting depth exceeded"
    # deeper down. A missing absolute path is deliberately not judged (it
    # names the deployed machine), so such server rows are left out.
    include = [(p, l, e) for p, l, e in include
               if not re.match(r'could not open (file|directory) "/', e)
               or ('"' + data_prefix) in e]
    ours_include = {(f["path"], f["line"]): f["message"] for f in findings
                    if f["rule"] == "PGT109"}
    deep = any(e == "nesting depth exceeded" for _, _, e in include)
    for p, l, e in include:
        if e != "nesting depth exceeded":
            tally.compare(label + ": " + "include problem at %s:%d" % (p, l), True,
                          (p, l) in ours_include)
    server_lines = {(p, l) for p, l, _ in include}
    for (p, l), m in sorted(ours_include.items()):
        tally.compare(label + ": " + "our include problem at %s:%d" % (p, l), True,
                      (p, l) in server_lines
                      or (m.startswith("include cycle") and deep))
    if syntax or include:
        return  # the server stopped reading part of the files
    # Names the release does not know: the same lines, every one.
    # (A byte order mark is part of the first name, which is then unknown.)
    ours_unknown = {(f["path"], f["line"]) for f in findings
                    if f["rule"] == "PGT108" and (f["message"].startswith(
                        "unrecognized configuration parameter")
                        or "byte order mark" in f["message"])}
    tally.compare(label + ": unrecognized names", sorted(unknown),
                  sorted(ours_unknown))
    # Invalid values: every one we report is refused by the server, and
    # every refused value of a typed setting is ours. (A restart-only
    # parameter such as listen_addresses is "not applied" in this view for
    # another reason, so untyped refusals are not all ours.)
    # (A parameter that "cannot be changed" is accepted by this view, which
    # parses as a reload does; startup refuses it: judge_startup.)
    ours_invalid = {(f["path"], f["line"]) for f in findings
                    if f["rule"] == "PGT108"
                    and f["message"].startswith("invalid value")}
    for where in sorted(ours_invalid):
        tally.compare(label + ": our invalid value at %s:%d" % where, True,
                      where in {(p, l) for p, l, _ in invalid})
    typed_invalid = {(p, l) for p, l, n in invalid if n in typed}
    tally.compare(label + ": " + "invalid values of typed settings",
                  sorted(typed_invalid),
                  sorted(typed_invalid & ours_invalid))
    ours_values = {n: v for n, v in settings.items()
                   if not v[1].startswith("default")}
    # --show-settings masks passwords (primary_conninfo's): so must we.
    # A line we mark refused is one the server marks with an error, except
    # untyped refusals we do not judge (see above): those compare as the
    # server's when we leave them unmarked.
    values = {n: (re.sub(r"password=\S+", "password=****", v[0]), v[1],
                  v[2] and (n in typed or (n in ours_values
                                           and ours_values[n][2])))
              for n, v in values.items()}
    tally.compare(label + ": " + "effective settings", values, ours_values)


# Our findings that say the server will not start with the file.
REFUSALS = re.compile(r"^(unrecognized configuration parameter|invalid "
                      r"value|parameter '.*' cannot be changed|syntax error)")


def judge_startup(label, server, findings, tally):
    """Startup itself as the oracle: every unknown name, unchangeable
    parameter, invalid value or syntax error we report makes postgres
    refuse the files; with none of them (and no include problem) it
    accepts them, unless the case holds what we deliberately leave
    unjudged (an include of an absolute path, a range)."""
    accepted, why = server.config_accepted()
    refusals = [f for f in findings if f["rule"] == "PGT108"
                and REFUSALS.match(f["message"])]
    if refusals:
        tally.compare(label + ": starts despite '%s'"
                      % refusals[0]["message"][:60], accepted, False)
    elif (not any(f["rule"] in ("PGT108", "PGT109") for f in findings)
          and not re.search(r'could not open configuration (file|directory) '
                            r'"/', why)):
        tally.compare(label + ": starts (%s)" % why.strip()[-120:],
                      accepted, True)


def main():
    binary = os.path.abspath(sys.argv[1])
    root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
    bindir = find_bindir()
    if not bindir:
        print("pgconf oracle: SKIP: no PostgreSQL server installed "
              "(make deps installs it)")
        return 77
    version = bindir_version(bindir)
    server = Server(bindir, ORACLE_PORT)
    tally = Tally()
    cases = 0
    empty = tempfile.mkdtemp()
    open(os.path.join(empty, "postgresql.conf"), "w").close()
    defaults, _ = ours(binary, empty, version)
    shutil.rmtree(empty)
    typed = set(defaults)
    try:
        server.start()
        for case in fixture_cases(root):
            placed = copy_case(case, server)
            rows = server.query(
                "select sourcefile, sourceline, name, setting, error "
                "from pg_file_settings where sourcefile is not null "
                "or name is null order by seqno")
            settings, findings = ours(binary, case, version)
            judge_startup(os.path.relpath(case, root), server, findings,
                          tally)
            judge_case(case, os.path.relpath(case, root), rows, settings,
                       findings, tally, server.data, typed)
            remove_case(placed, server)
            cases += 1
        boot = dict(server.query("select name, boot_val from pg_settings"))
        for name, (value, where, _) in sorted(defaults.items()):
            tally.compare("defaults: " + name, boot.get(name), value)
    finally:
        server.stop()
    for d in tally.disagreements:
        print("DISAGREE " + d)
    print("pgconf oracle (PostgreSQL %d): %d fixtures, %d comparisons, "
          "%d agree, %d disagree" % (version, cases, tally.checked,
                                     tally.agreed, len(tally.disagreements)))
    print("pgconf-oracle: %d passed, %d failed"
          % (tally.agreed, len(tally.disagreements)))
    return 0 if not tally.disagreements else 1


if __name__ == "__main__":
    sys.exit(main())
