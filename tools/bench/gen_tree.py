#!/usr/bin/env python3
"""gen_tree.py -- a deterministic synthetic monorepo for `make bench`.

Writes SIZE_MB of files under DIR: Java, Python, Go, JavaScript and
TypeScript sources and YAML, from 2 KB to 4 MB, most of them ordinary code
that never mentions PostgreSQL; and in each service directory a small
compose.yaml, app.env, application.properties, Dockerfile,
postgresql.conf and pg_hba.conf. A few files hold a planted weakness;
DIR/truth.tsv lists each one (path, line, rule) so that a tool's recall
can be measured. The same SIZE_MB and seed give the same bytes on every
machine.

usage: gen_tree.py DIR [SIZE_MB] [SEED]
"""
import os
import random
import sys

FILLER = {
    "java": ("    int f{n}(int x) {{ return x * {n} + {m}; }} // {w}\n"),
    "py": ("def f{n}(x):\n    return x * {n} + {m}  # {w}\n"),
    "go": ("func f{n}(x int) int {{ return x*{n} + {m} }} // {w}\n"),
    "js": ("export function f{n}(x) {{ return x * {n} + {m}; }} // {w}\n"),
    "ts": ("export const f{n} = (x: number): number => x * {n} + {m}; // {w}\n"),
    "yaml": ("key{n}:\n  value: \"{w} {m}\"\n"),
}
WORDS = "alpha beta gamma delta cache queue render parse worker retry".split()

# (kind, header, weak line, rule): a driver import and one weak setting.
PLANTS = [
    ("java", "import java.sql.DriverManager;\nclass P {{\n",
     '    static final String U = "jdbc:postgresql://db{n}.example.com/app?sslmode=disable";\n',
     "PGT301", "}\n"),
    ("py", "import psycopg\n\n",
     'conn = psycopg.connect("host=db{n}.example.com dbname=app sslmode=require")\n',
     "PGT303", ""),
    ("go", "package p\n\nimport \"github.com/jackc/pgx/v5\"\n\nvar _ = pgx.Connect\n",
     'var dsn{n} = "postgres://app@db{n}.example.com/app?sslmode=prefer"\n',
     "PGT302", ""),
    ("js", "const {{ Pool }} = require('pg');\n",
     "module.exports = new Pool({{ host: 'db{n}.example.com', ssl: {{ rejectUnauthorized: false }} }});\n",
     "PGT305", ""),
]


# Each service's configuration files: (name, head, filler line, plant,
# rule). The plant goes right after the head, in one service of ten.
CONFIGS = [
    ("compose.yaml", "services:\n  app:\n    environment:\n",
     "      APP_{W}_{n}: \"{w}-{m}\"\n",
     '      DATABASE_URL: "postgres://app@db.example.com/app?sslmode=disable"\n',
     "PGT301"),
    ("app.env", "", "APP_{W}_{n}={w}-{m}\n", "PGSSLMODE=allow\n", "PGT302"),
    ("application.properties", "", "app.{w}.key{n}={m}\n",
     "spring.datasource.url=jdbc:postgresql://db.example.com/app?sslmode=prefer\n",
     "PGT302"),
    ("Dockerfile", "FROM debian:12\n", "RUN echo {w} {m}\n",
     "ENV PGSSLMODE=require\n", "PGT303"),
    ("postgresql.conf", "ssl = on\n", "# {w} {m}\nwork_mem = '{m}kB'\n",
     "ssl_min_protocol_version = 'TLSv1'\n", "PGT102"),
    ("pg_hba.conf", "local all postgres peer\n",
     "hostssl app{n} all 10.{m}.0.0/16 scram-sha-256\n",
     "host all all 10.0.0.0/8 scram-sha-256\n", "PGT201"),
]


def write_configs(root, svc, rnd, truth):
    written = 0
    for k, (name, head, line, plant, rule) in enumerate(CONFIGS):
        path = os.path.join(root, "svc%03d" % svc, name)
        with open(path, "w") as out:
            out.write(head)
            if svc % 10 == 3 and (svc // 10) % len(CONFIGS) == k:
                out.write(plant)
                truth.append((os.path.relpath(path, root),
                              head.count("\n") + 1, rule))
            for n in range(rnd.randrange(20, 200)):
                w = rnd.choice(WORDS)
                out.write(line.format(n=n, m=rnd.randrange(1000), w=w,
                                      W=w.upper()))
            written += out.tell()
    return written


def filler(kind, rnd, nbytes, out):
    n = 0
    while out.tell() < nbytes:
        out.write(FILLER[kind].format(n=n, m=rnd.randrange(1000),
                                      w=rnd.choice(WORDS)))
        n += 1


def main():
    root = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    total, i, written, truth = size * 1000000, 0, 0, []
    kinds = ["java", "py", "go", "js", "ts", "yaml"]
    # a service per 10 MB: twice the size is twice everything, directories
    # and configuration files included
    services = max(1, (size + 5) // 10)
    while written < total:
        d = os.path.join(root, "svc%03d" % (i % services),
                         "pkg%02d" % (i % 13))
        os.makedirs(d, exist_ok=True)
        # mostly small files, a few large: 2 KB .. 4 MB
        nbytes = min(int(rnd.paretovariate(1.2) * 2000), 4000000)
        plant = PLANTS[(i // 200) % len(PLANTS)] if i % 200 == 7 else None
        kind = plant[0] if plant else kinds[i % len(kinds)]
        path = os.path.join(d, "f%06d.%s" % (i, kind))
        with open(path, "w") as out:
            if plant:
                head = plant[1].format(n=i)
                out.write(head)
                out.write(plant[2].format(n=i))
                truth.append((os.path.relpath(path, root),
                              head.count("\n") + 1, plant[3]))
            filler(kind, rnd, nbytes, out)
            if plant:
                out.write(plant[4])
            written += out.tell()
        i += 1
    for svc in range(min(i, services)):
        written += write_configs(root, svc, rnd, truth)
    with open(os.path.join(root, "truth.tsv"), "w") as t:
        for path, line, rule in truth:
            t.write("%s\t%d\t%s\n" % (path, line, rule))
    print("%s: %d files, %.0f MB, %d planted findings"
          % (root, i, written / 1e6, len(truth)))


if __name__ == "__main__":
    main()
