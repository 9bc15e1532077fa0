#!/usr/bin/env python3
"""bench-memory.py -- peak RSS and wall time of pgtlslint on hostile input.

Writes the inputs of tests/hostile.sh's size cases (a 100 MB single line,
ten million short lines, a million-line postgresql.conf) to a temporary
directory, runs pgtlslint on each in a fresh process, and prints peak
resident memory (getrusage of the child) and wall seconds. A measurement,
not a test: nothing is asserted.

usage: tools/bench-memory.py [PGTLSLINT]
"""
import os
import resource
import subprocess
import sys
import tempfile
import time


def write_cases(d):
    weak = "PGHOST=db.example.com\nPGSSLMODE=disable\n"
    cases = []
    p = os.path.join(d, "long.env")
    with open(p, "w") as f:
        f.write("A=")
        for _ in range(100):
            f.write("x" * 1000000)
        f.write("\n" + weak)
    cases.append(("100 MB single line (.env)", p))
    p = os.path.join(d, "lines.env")
    with open(p, "w") as f:
        f.write("X=1\n" * 10000000 + weak)
    cases.append(("10 million lines (.env, 40 MB)", p))
    p = os.path.join(d, "postgresql.conf")
    with open(p, "w") as f:
        f.write("work_mem = 4MB\n" * 1000000 + "ssl = off\n")
    cases.append(("1 million lines (postgresql.conf)", p))
    return cases


def measure(binary, path):
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execv(binary, [binary, "--no-show-source", path])
    _, status, usage = os.wait4(pid, 0)
    return time.monotonic() - start, usage.ru_maxrss / 1024, \
        os.waitstatus_to_exitcode(status)


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "pgtlslint")
    with tempfile.TemporaryDirectory() as d:
        print(f"{'input':36} {'size MB':>8} {'seconds':>8} {'peak RSS MB':>12} exit")
        for name, path in write_cases(d):
            size = os.path.getsize(path) / 1e6
            secs, rss, rc = measure(binary, path)
            print(f"{name:36} {size:8.1f} {secs:8.2f} {rss:12.1f} {rc:4}")


if __name__ == "__main__":
    main()
