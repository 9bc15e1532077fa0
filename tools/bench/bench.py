#!/usr/bin/env python3
"""bench.py -- pgtlslint beside the floors, on one warm synthetic tree.

Generates (once, cached) a tree of SIZE_MB with tools/bench/gen_tree.py,
then runs, each after one warm-up and as the median of three: `cat` of
every file to /dev/null (the I/O floor), `rg` with the trigger words (the
practical floor) and pgtlslint with -j 1 and -j 2. Prints wall seconds,
MB/s, peak RSS, the ratio to rg and the recall of the planted findings.
A measurement: nothing is asserted.

usage: tools/bench/bench.py PGTLSLINT [SIZE_MB] [WORKDIR]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TRIGGERS = r"postgres|sslmode|rejectUnauthorized|InsecureSkipVerify|NODE_TLS_REJECT_UNAUTHORIZED|jdbc:"


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


def measure(argv, cwd, out):
    run(argv, cwd, out)  # warm-up
    runs = [run(argv, cwd, out) for _ in range(3)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main():
    binary = os.path.abspath(sys.argv[1])
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    work = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        tempfile.gettempdir(), "pgtlslint-bench")
    work = os.path.abspath(work)
    tree = os.path.join(work, "tree-%dMB" % size)
    here = os.path.dirname(os.path.abspath(__file__))
    if not os.path.exists(os.path.join(tree, "truth.tsv")):
        subprocess.run([sys.executable, os.path.join(here, "gen_tree.py"),
                        tree, str(size)], check=True)
    truth = set()
    with open(os.path.join(tree, "truth.tsv")) as f:
        for line in f:
            path, n, rule = line.split()
            truth.add((path, int(n), rule))
    mb = sum(os.path.getsize(os.path.join(d, f))
             for d, _, fs in os.walk(tree) for f in fs) / 1e6
    out = os.path.join(work, "out")
    tools = [
        ("cat", ["sh", "-c", "find . -type f -exec cat {} + >/dev/null"]),
        ("rg", ["rg", "-n", "--no-heading", "-e", TRIGGERS, "."]),
        ("pgtlslint -j 1", [binary, "-j", "1", "--format", "json",
                            "--fail-on", "never", "."]),
        ("pgtlslint -j 2", [binary, "-j", "2", "--format", "json",
                            "--fail-on", "never", "."]),
    ]
    rows, rg_secs = [], None
    for name, argv in tools:
        secs, rss = measure(argv, tree, out)
        recall = ""
        if name == "rg":
            rg_secs = secs
            hits = set()
            with open(out, errors="replace") as f:
                for line in f:
                    path, n = line.split(":", 2)[:2]
                    hits.add((os.path.normpath(path), int(n)))
            recall = "%.0f %%" % (100 * sum((p, n) in hits
                                            for p, n, _ in truth)
                                  / len(truth))
        elif name.startswith("pgtlslint"):
            with open(out) as f:
                found = {(os.path.normpath(x["path"]), x["line"], x["rule"])
                         for x in json.load(f)["findings"]}
            recall = "%.0f %%" % (100 * len(truth & found) / len(truth))
        rows.append((name, secs, mb / secs, rss, recall))
    print("tree: %s, %.0f MB, %d planted findings" % (tree, mb, len(truth)))
    print("%-16s %8s %8s %12s %9s %8s" % ("tool", "seconds", "MB/s",
                                          "peak RSS MB", "x rg", "recall"))
    for name, secs, rate, rss, recall in rows:
        print("%-16s %8.2f %8.0f %12.1f %9.2f %8s" % (
            name, secs, rate, rss, secs / rg_secs, recall))


if __name__ == "__main__":
    main()
