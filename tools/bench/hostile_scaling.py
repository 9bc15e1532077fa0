#!/usr/bin/env python3
"""hostile_scaling.py -- the hostile inputs at three sizes each.

Each input that was once super-linear is generated at three sizes and
linted in a fresh process (after a warm-up run, the median of three);
wall seconds and peak RSS are printed with the
growth exponent from the smallest to the largest size (1.0: linear; a
quadratic cost shows as 2.0) and the target the safety issue set for it.
A measurement, as the rest of make bench: nothing is asserted.

usage: tools/bench/hostile_scaling.py PGTLSLINT [WORKDIR]
"""
import math
import os
import random
import shutil
import sys
import tempfile
import time


def run(argv, cwd):
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.chdir(cwd)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(argv[0], argv)
    _, _, usage = os.wait4(pid, 0)
    return time.monotonic() - start, usage.ru_maxrss / 1024


def hba_records(d, n):
    rnd = random.Random(n)
    with open(os.path.join(d, "pg_hba.conf"), "w") as f:
        f.write("hostssl all all 10.0.0.0/8 scram-sha-256\n")
        for i in range(n):
            f.write("host db%d user%d 10.%d.%d.%d/32 scram-sha-256\n"
                    % (i % 50, i % 70, rnd.randrange(256),
                       rnd.randrange(256), rnd.randrange(256)))
    return ["pg_hba.conf"]


def hba_name_lists(d, n):
    rnd = random.Random(n)
    with open(os.path.join(d, "pg_hba.conf"), "w") as f:
        for i in range(n):
            dbs = ",".join("db%d" % rnd.randrange(200) for _ in range(8))
            users = ",".join("u%d" % rnd.randrange(200) for _ in range(8))
            f.write("hostssl %s %s 10.%d.%d.0/24 scram-sha-256\n"
                    % (dbs, users, rnd.randrange(256), rnd.randrange(256)))
    return ["pg_hba.conf"]


def include_dir_fanout(d, n):
    with open(os.path.join(d, "postgresql.conf"), "w") as f:
        f.write("ssl = on\ninclude_dir '.'\n")
    for i in range(n):
        with open(os.path.join(d, "f%02d.conf" % i), "w") as f:
            f.write("include_dir '.'\n")
    return ["postgresql.conf"]


def repeated_include(d, n):
    with open(os.path.join(d, "big.conf"), "w") as f:
        f.write(("# " + "x" * 98 + "\n") * 10000 + "work_mem = 4MB\n")
    with open(os.path.join(d, "postgresql.conf"), "w") as f:
        f.write("ssl = on\n" + "include 'big.conf'\n" * n)
    return ["postgresql.conf"]


def long_line(d, n):
    with open(os.path.join(d, "db.py"), "w") as f:
        f.write("import psycopg\nc = psycopg.connect('host=db.example.com "
                "sslmode=disable '" + " + 'a'" * n + ")\n")
    return ["--show-source", "db.py"]


def yaml_flow(d, n):
    with open(os.path.join(d, "a.yaml"), "w") as f:
        f.write("a: " + "[" * n + "]" * n + "\n---\nPGHOST: db.example.com\n"
                "PGSSLMODE: disable\n")
    return ["a.yaml"]


def js_chain(d, n):
    with open(os.path.join(d, "db.js"), "w") as f:
        f.write('const { Client } = require("pg");\n'
                'const s = "host=db.example.com "')
        piece = ' + "a"'
        f.write(piece * (n * 1024 * 1024 // len(piece)))
        f.write(';\nnew Client({ connectionString: '
                '"postgres://db.example.com/x?sslmode=disable" });\n')
    return ["db.js"]


# name, generator, sizes, unit, target
def yaml_env_items(d, n):
    # a list of N environments, each with placeholders: once quadratic
    # twice over (every item in one group, and each placeholder looked
    # up by a walk of every assignment)
    with open(os.path.join(d, "deploy.yaml"), "w") as f:
        for i in range(n):
            f.write("- name: svc%d\n  env:\n    PGHOST: ${HOST_%d}\n"
                    "    PGSSLMODE: ${MODE}\n    DATABASE_URL: "
                    "postgres://${U}@${H}/x%d\n" % (i, i, i))
    return ["deploy.yaml"]


CASES = [
    ("pg_hba.conf records", hba_records, (10000, 50000, 100000), "records",
     "100k <= 1 s"),
    ("pg_hba.conf 8x8 name lists", hba_name_lists, (10000, 50000, 100000),
     "records", "exponent <= 1.2"),
    ("include_dir '.' in every file", include_dir_fanout, (3, 6, 9), "files",
     "9 files <= 1 s, <= 64 MB"),
    ("1 MB file included N times", repeated_include, (250, 500, 1000),
     "includes", "1,000 <= 100 MB"),
    ("--show-source, one long line", long_line, (75000, 150000, 300000),
     "pieces", "exponent <= 1.2"),
    ("YAML flow nesting", yaml_flow, (250000, 500000, 1000000), "levels",
     "1M <= 1 s"),
    ("JS \"+\" chain", js_chain, (11, 22, 45), "MB",
     "45 MB <= 4x its size in RSS"),
    ("YAML list of environments", yaml_env_items, (10000, 20000, 40000),
     "items", "exponent <= 1.2"),
]


def exponent(a, b, x, y):
    if a <= 0 or b <= 0:
        return float("nan")
    return math.log(b / a) / math.log(y / x)


def main():
    binary = os.path.abspath(sys.argv[1])
    work = sys.argv[2] if len(sys.argv) > 2 else tempfile.gettempdir()
    print("hostile inputs at three sizes (fresh process each; exponent: "
          "growth from the first size to the last, 1.0 linear)")
    print("%-32s %-22s %-24s %-20s %6s %6s  %s" % (
        "input", "sizes", "seconds", "peak RSS MB", "t exp", "m exp",
        "target"))
    for name, gen, sizes, unit, target in CASES:
        secs, mems, files = [], [], 0
        for n in sizes:
            d = tempfile.mkdtemp(dir=work)
            args = gen(d, n)
            files = sum(os.path.getsize(os.path.join(d, x))
                        for x in os.listdir(d))
            argv = [binary, "--fail-on", "never"] + args
            run(argv, d)  # warm-up
            runs = sorted(run(argv, d) for _ in range(3))
            secs.append(runs[1][0])
            mems.append(max(r[1] for r in runs))
            shutil.rmtree(d)
        note = ""
        if unit == "MB":
            note = " (RSS %.1fx the file)" % (mems[-1] * 1024 * 1024 / files)
        print("%-32s %-22s %-24s %-20s %6.2f %6.2f  %s%s" % (
            name, "/".join(str(x) for x in sizes) + " " + unit,
            "/".join("%.2f" % x for x in secs),
            "/".join("%.0f" % x for x in mems),
            exponent(secs[0], secs[-1], sizes[0], sizes[-1]),
            exponent(mems[0], mems[-1], sizes[0], sizes[-1]), target, note))


if __name__ == "__main__":
    main()
