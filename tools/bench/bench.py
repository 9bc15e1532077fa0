#!/usr/bin/env python3
"""bench.py -- pgtlslint beside the floors, on one warm synthetic tree.

Generates (once, cached) a tree of SIZE_MB with tools/bench/gen_tree.py,
and one of half that size, then measures on the warm trees:

- on a dense tree (tools/bench/gen_dense.py: as dense as real code) of
  DENSE_MB (default 200) and of SIZE_MB, and on the sparse tree, side
  by side, each after one warm-up and as the median of five: `cat`
  of every file to /dev/null (the I/O floor), `rg` with the trigger words
  (the practical floor), ast-grep with tools/bench/ast-grep-rules.yml when
  AST_GREP names it (one run: it is slow), and pgtlslint with -j 1 and
  -j 2; wall seconds, MB/s, peak RSS, the ratio to rg and the recall of the
  planted findings (rg and ast-grep at line level);
- on the dense trees, that --no-prefilter gives the same report;
- the throughput on the dense tree's files that name PostgreSQL (every
  one goes to a lexer): pgtlslint -j 1 over them, and the lexer alone
  (tools/bench/lexbench.c, named by LEXBENCH: tokens_read over their
  JS/TS, Go, Python and Java, read into memory first);
- the scaling: pgtlslint -j 2 on the half tree against the whole;
- instructions per MB: pgtlslint -j 1 under valgrind --tool=callgrind on
  a tree of CALLGRIND_MB (repeatable on a noisy machine);
- the pre-commit case: pgtlslint on one small file, median of 21 runs.

A measurement: nothing is asserted.

usage: tools/bench/bench.py PGTLSLINT [SIZE_MB] [WORKDIR] [AST_GREP]
environment: CALLGRIND_MB (default 20), DENSE_MB (default 200), LEXBENCH
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TRIGGERS = (r"postgres|sslmode|PGSSL|rejectUnauthorized|InsecureSkipVerify|"
            r"NODE_TLS_REJECT_UNAUTHORIZED|jdbc:|ssl_min_protocol_version|"
            r"^host\s")


def run(argv, cwd, stdout):
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.chdir(cwd)
        fd = os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 1)
        os.execvp(argv[0], argv)
    _, status, usage = os.wait4(pid, 0)
    return time.monotonic() - start, usage.ru_maxrss / 1024


def measure(argv, cwd, out, runs=3):
    """Median seconds, peak RSS MB, and the fastest and slowest run."""
    run(argv, cwd, out)  # warm-up
    times = [run(argv, cwd, out) for _ in range(runs)]
    secs = [t[0] for t in times]
    return (statistics.median(secs), max(t[1] for t in times), min(secs),
            max(secs))


def tree_of(work, size, kind="sparse"):
    tree = os.path.join(work, "%s-%dMB" % ("tree" if kind == "sparse"
                                            else "dense", size))
    if not os.path.exists(os.path.join(tree, "truth.tsv")):
        gen = "gen_tree.py" if kind == "sparse" else "gen_dense.py"
        subprocess.run([sys.executable, os.path.join(HERE, gen),
                        tree, str(size)], check=True)
    truth = set()
    with open(os.path.join(tree, "truth.tsv")) as f:
        for line in f:
            path, n, rule = line.split()
            truth.add((path, int(n), rule))
    return tree, truth, tree_mb(tree)


def tree_mb(tree):
    """The tree's files in MB, its generator's lists left out."""
    return sum(os.path.getsize(os.path.join(d, f))
               for d, _, fs in os.walk(tree) for f in fs
               if f not in ("truth.tsv", "named.txt")) / 1e6


def named_tree(tree):
    """The files of a dense tree that name PostgreSQL, hard-linked into a
    tree of their own: what the lexers read, for their throughput."""
    out = tree + "-named"
    if not os.path.isdir(out):
        with open(os.path.join(tree, "named.txt")) as f:
            for rel in f.read().split():
                os.makedirs(os.path.dirname(os.path.join(out, rel)),
                            exist_ok=True)
                os.link(os.path.join(tree, rel), os.path.join(out, rel))
    return out, tree_mb(out)


def line_recall(truth, hits):
    return "%.0f %%" % (100 * sum((p, n) in hits for p, n, _ in truth)
                        / len(truth))


def rg_hits(out):
    hits = set()
    with open(out, errors="replace") as f:
        for line in f:
            path, n = line.split(":", 2)[:2]
            hits.add((os.path.normpath(path), int(n)))
    return hits


def ast_grep_hits(out):
    hits = set()
    with open(out) as f:
        for line in f:
            m = json.loads(line)
            hits.add((os.path.normpath(m["file"]),
                      m["range"]["start"]["line"] + 1))
    return hits


def our_recall(truth, out):
    with open(out) as f:
        found = {(os.path.normpath(x["path"]), x["line"], x["rule"])
                 for x in json.load(f)["findings"]}
    return "%.0f %%" % (100 * len(truth & found) / len(truth))


def instructions_per_mb(binary, work, size):
    tree, _, mb = tree_of(work, size)
    log = os.path.join(work, "callgrind.log")
    subprocess.run(["valgrind", "--tool=callgrind",
                    "--callgrind-out-file=/dev/null", "--log-file=" + log,
                    binary, "-j", "1", "--format", "json",
                    "--fail-on", "never", "."],
                   cwd=tree, stdout=subprocess.DEVNULL, check=True)
    with open(log) as f:
        refs = re.search(r"Collected : (\d+)", f.read())
    return int(refs.group(1)) / mb, mb


def spawn_ms(argv, cwd):
    """Median wall time of argv over 21 runs, started with posix_spawn
    (subprocess), whose cost does not grow with this script's memory as
    fork's does."""
    times = []
    for _ in range(21):
        start = time.monotonic()
        subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL)
        times.append(time.monotonic() - start)
    return statistics.median(times) * 1000


def one_file_ms(binary, tree, truth):
    path = min((p for p, _, _ in truth if p.endswith(".py")),
               key=lambda p: os.path.getsize(os.path.join(tree, p)))
    return (spawn_ms([binary, "--fail-on", "never", path], tree), path,
            os.path.getsize(os.path.join(tree, path)),
            spawn_ms(["true"], tree), spawn_ms([binary, "--version"], tree))


def compare(title, tree, truth, mb, binary, ast_grep, out):
    """One tree: each tool's median wall time (min-max over the runs),
    MB/s, peak RSS, ratio to rg and recall of the plants."""
    ours = [binary, "--format", "json", "--fail-on", "never", "."]
    tools = [
        ("cat", ["sh", "-c", "find . -type f -exec cat {} + >/dev/null"]),
        ("rg", ["rg", "-n", "--no-heading", "-e", TRIGGERS, "."]),
    ]
    if ast_grep and shutil.which(ast_grep):
        tools.append(("ast-grep", [ast_grep, "scan", "--rule",
                                   os.path.join(HERE, "ast-grep-rules.yml"),
                                   "--json=stream", "."]))
    tools += [("pgtlslint -j 1", ours[:1] + ["-j", "1"] + ours[1:]),
              ("pgtlslint -j 2", ours[:1] + ["-j", "2"] + ours[1:])]
    rows, secs_of = [], {}
    for name, argv in tools:
        runs = 1 if name == "ast-grep" else 5
        secs, rss, lo, hi = measure(argv, tree, out, runs)
        secs_of[name] = secs
        recall = ""
        if name == "rg":
            recall = line_recall(truth, rg_hits(out))
        elif name == "ast-grep":
            recall = line_recall(truth, ast_grep_hits(out))
        elif name.startswith("pgtlslint"):
            recall = our_recall(truth, out)
        rows.append((name, secs, lo, hi, mb / secs, rss, recall))
    print("%s: %s, %.0f MB, %d planted findings" % (title, tree, mb,
                                                    len(truth)))
    print("%-16s %8s %13s %8s %12s %9s %8s" % (
        "tool", "seconds", "(min-max)", "MB/s", "peak RSS MB", "x rg",
        "recall"))
    for name, secs, lo, hi, rate, rss, recall in rows:
        print("%-16s %8.2f %13s %8.0f %12.1f %9.2f %8s" % (
            name, secs, "(%.2f-%.2f)" % (lo, hi), rate, rss,
            secs / secs_of["rg"], recall))
    print("-j 2 over -j 1: %.2fx" % (secs_of["pgtlslint -j 1"]
                                      / secs_of["pgtlslint -j 2"]))
    return secs_of


def main():
    binary = os.path.abspath(sys.argv[1])
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    work = os.path.abspath(sys.argv[3] if len(sys.argv) > 3 else
                           os.path.join(tempfile.gettempdir(),
                                        "pgtlslint-bench"))
    ast_grep = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else ""
    callgrind_mb = int(os.environ.get("CALLGRIND_MB", "20"))
    dense_mb = int(os.environ.get("DENSE_MB", "200"))
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, "out")
    ours = [binary, "--format", "json", "--fail-on", "never", "."]
    for dmb in sorted({dense_mb, size}):
        tree, truth, mb = tree_of(work, dmb, "dense")
        compare("dense tree", tree, truth, mb, binary,
                ast_grep if dmb == dense_mb else "", out)
        # the prefilter's soundness on code as dense as real code
        same = []
        for flags in ([], ["--no-prefilter"]):
            run(ours[:1] + ["-j", "2"] + flags + ours[1:], tree, out)
            with open(out, "rb") as f:
                same.append(f.read())
        print("prefilter: %s" % ("the same report with --no-prefilter"
                                 if same[0] == same[1] else
                                 "REPORTS DIFFER with --no-prefilter"))
        named, named_mb = named_tree(tree)
        secs, _, lo, hi = measure(ours[:1] + ["-j", "1"] + ours[1:], named,
                                  out, 5)
        print("linting the %.0f MB of files that name PostgreSQL (every "
              "one goes to a lexer): %.0f MB/s on one core (%.0f-%.0f)"
              % (named_mb, named_mb / secs, named_mb / hi, named_mb / lo))
        lexbench = os.environ.get("LEXBENCH")
        if lexbench:
            paths = "\n".join(os.path.join(d, f)
                              for d, _, fs in os.walk(named) for f in fs)
            lexed = subprocess.run([lexbench], input=paths, text=True,
                                   stdout=subprocess.PIPE).stdout.strip()
            print("lexing alone (tokens_read, in memory, one core): %s"
                  % lexed)
        print()
    tree, truth, mb = tree_of(work, size)
    half, _, half_mb = tree_of(work, max(size // 2, 1))
    secs_of = compare("sparse tree", tree, truth, mb, binary, ast_grep, out)
    if not (ast_grep and shutil.which(ast_grep)):
        print("ast-grep: not installed (make bench installs it with npm)")
    half_secs, _, _, _ = measure(ours[:1] + ["-j", "2"] + ours[1:], half,
                                 out)
    print("scaling: %.0f MB in %.2f s, %.0f MB in %.2f s: %.2fx the time "
          "for %.2fx the bytes" % (half_mb, half_secs, mb,
                                   secs_of["pgtlslint -j 2"],
                                   secs_of["pgtlslint -j 2"] / half_secs,
                                   mb / half_mb))
    ms, path, nbytes, true_ms, version_ms = one_file_ms(binary, tree, truth)
    print("one small file (%s, %d bytes): %.1f ms, median of 21 "
          "(starting `true` the same way: %.1f ms; pgtlslint --version, "
          "which loads its libraries and reads no file: %.1f ms)"
          % (path, nbytes, ms, true_ms, version_ms))
    if shutil.which("valgrind"):
        ipm, cmb = instructions_per_mb(binary, work, callgrind_mb)
        print("instructions: %.1f million per MB (callgrind, -j 1, "
              "%.0f MB tree)" % (ipm / 1e6, cmb))


if __name__ == "__main__":
    main()
