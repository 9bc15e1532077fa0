#!/usr/bin/env python3
"""gen_dense.py -- a synthetic monorepo as dense as real code, for
`make bench` (issue 17). gen_tree.py's tree is sparse: few of its files
pass the prefilter. This one is written to the densities the issue
measured on real repositories, and prints them:

- 75 % of the files are Java, Python, Go, JavaScript or TypeScript; the
  rest YAML, JSON, .properties and .env;
- about half of the source files mention `host` or `localhost` in
  ordinary code (servers, URLs, configuration), which names no database;
- about 13 % name PostgreSQL, a driver or a connection keyword;
- sizes from a long tail: most files are short, a few reach 5,000 lines;
- planted findings in each shape the value model knows -- templates,
  constants, concatenations, setters, framework configurations -- listed
  in DIR/truth.tsv (path, line, rule);
- decoys that must stay silent: weak settings in comments, docstrings
  naming `verify-full`, other vendors' TLS switches, `verify-full`
  connections.

DIR/named.txt lists the files that name PostgreSQL (plants and decoys):
the files a lexer must read, for the lexing throughput.

The same SIZE_MB and seed give the same bytes on every machine.

usage: gen_dense.py DIR [SIZE_MB] [SEED]
"""
import os
import random
import sys

# Ordinary code, per language: {i} a counter, {w} a word.
FILLER = {
    "java": ["    private int {w}{i}(int x) {{ return x * {i} + 7; }}",
             "    // {w} the {w} of each request before retrying",
             "    final List<String> {w}s{i} = new ArrayList<>();",
             "        if ({w} == null) {{ throw new IllegalStateException(\"{w}\"); }}"],
    "py": ["def {w}_{i}(items):", "    return [x * {i} for x in items]",
           "    # {w}: keep the {w} stable between runs",
           "{w}_cache{i} = {{}}", "    if not items:", "        return None"],
    "go": ["func {w}{i}(x int) int {{ return x*{i} + 7 }}",
           "\t// {w} holds the {w} for the next batch",
           "\tif err != nil {{ return fmt.Errorf(\"{w}: %w\", err) }}",
           "var {w}Count{i} = 0"],
    "js": ["export function {w}{i}(x) {{ return x * {i} + 7; }}",
           "  // {w}: the {w} of the current view",
           "  const {w}{i} = items.map((x) => x.{w});",
           "  if (!{w}) {{ throw new Error('{w}'); }}"],
    "ts": ["export const {w}{i} = (x: number): number => x * {i} + 7;",
           "  // {w}: typed {w} for the API layer",
           "  readonly {w}{i}: string[] = [];",
           "  if (!this.{w}) {{ return undefined; }}"],
}
# A line of each language that names a host without naming a database.
HOSTS = {
    "java": "    String host = uri.getHost(); // localhost in development",
    "py": "app.run(host=os.environ.get(\"HOST\", \"localhost\"), port=8080)",
    "go": "\taddr := net.JoinHostPort(host, port) // host from the flags",
    "js": "server.listen(port, process.env.HOST || 'localhost');",
    "ts": "const host: string = config.host ?? 'localhost';",
}
WORDS = ("alpha beta gamma delta cache queue render parse worker retry "
         "order invoice user session token").split()

# Plants: (language, lines, index of the weak line, rule). Each is a
# shape the value model reads; the weak line is where the finding is.
PLANTS = [
    ("py", ["import psycopg2", "HOST = os.environ['DB_HOST']",
            "conn = psycopg2.connect(f\"host={{HOST}} dbname=app "
            "sslmode=disable\")"], 2, "PGT301"),
    ("py", ["import psycopg2", "",
            "SSLMODE = \"require\"",
            "conn = psycopg2.connect(host=db_host(), dbname=\"app\", "
            "sslmode=SSLMODE)"], 2, "PGT303"),
    ("py", ["DATABASES = {{", "    'default': {{",
            "        'ENGINE': 'django.db.backends.postgresql',",
            "        'HOST': 'db.example.com',",
            "        'OPTIONS': {{'sslmode': 'prefer'}},", "    }}", "}}"],
     4, "PGT302"),
    ("java", ["import java.sql.DriverManager;", "import java.util.Properties;",
              "class Db{i} {{",
              "    Connection open(String host) throws Exception {{",
              "        Properties props = new Properties();",
              "        props.setProperty(\"sslmode\", \"disable\");",
              "        return DriverManager.getConnection("
              "\"jdbc:postgresql://\" + host + \"/app\", props);",
              "    }}", "}}"], 5, "PGT301"),
    ("java", ["class Urls{i} {{",
              "    static final String URL = \"jdbc:postgresql://db.example"
              ".com/app?ssl=true&sslfactory=org.postgresql.ssl."
              "NonValidatingFactory\";", "}}"], 1, "PGT305"),
    ("go", ["package db", "", "import (", "\t\"database/sql\"", "\t\"fmt\"",
            "\t_ \"github.com/jackc/pgx/v5/stdlib\"", ")", "",
            "func open{i}(host string) (*sql.DB, error) {{",
            "\tdsn := fmt.Sprintf(\"host=%s user=app sslmode=disable\", host)",
            "\treturn sql.Open(\"pgx\", dsn)", "}}"], 9, "PGT301"),
    ("js", ["const {{ Pool }} = require('pg');",
            "const pool{i} = new Pool({{",
            "  connectionString: `postgres://app@${{process.env.DB_HOST}}/app`,",
            "  ssl: {{ rejectUnauthorized: false }},", "}});"], 3, "PGT305"),
    ("ts", ["import {{ Sequelize }} from 'sequelize';",
            "export const db{i} = new Sequelize('app', 'app', process.env.PW, {{",
            "  host: process.env.DB_HOST, dialect: 'postgres',",
            "  dialectOptions: {{ ssl: {{ require: true, "
            "rejectUnauthorized: false }} }},", "}});"], 3, "PGT305"),
    ("js", ["const {{ Client }} = require('pg');",
            "const base = 'postgres://app@db.example.com/app';",
            "const client{i} = new Client(base + '?sslmode=' + 'disable');"],
     2, "PGT301"),
]
# Decoys: PostgreSQL words that are no finding (comments, docstrings,
# another vendor, a verified connection).
DECOYS = [
    ("py", ["# never ship sslmode=disable: see the runbook",
            "def connect_{i}():",
            "    \"\"\"Connects to postgres with sslmode=verify-full.\"\"\"",
            "    return psycopg.connect(\"host=db.example.com "
            "sslmode=verify-full sslrootcert=/etc/ssl/ca.pem\")"]),
    ("js", ["const mysql = require('mysql2');",
            "// postgres used sslmode=disable here once; mysql now",
            "const conn{i} = mysql.createConnection({{ host: 'db', "
            "ssl: {{ rejectUnauthorized: false }} }});"]),
    ("go", ["package cache", "",
            "import \"github.com/redis/go-redis/v9\"", "",
            "// not postgres: redis over TLS, verified",
            "var client{i} = redis.NewClient(&redis.Options{{Addr: "
            "\"localhost:6379\"}})"]),
    ("java", ["class Docs{i} {{",
              "    /** Connects with sslmode=verify-full to postgres. */",
              "    String url = \"jdbc:postgresql://db.example.com/app?"
              "sslmode=verify-full&sslrootcert=/etc/ca.pem\";", "}}"]),
]
CONFIGS = [
    ("yaml", "compose.yaml",
     ["services:", "  app:", "    environment:",
      "      DATABASE_URL: postgres://app@db.example.com/app?sslmode=disable"],
     3, "PGT301"),
    ("env", "app.env", ["PGHOST=db.example.com", "PGSSLMODE=allow"], 1,
     "PGT302"),
    ("properties", "application.properties",
     ["spring.datasource.url=jdbc:postgresql://db.example.com/app"
      "?sslmode=prefer"], 0, "PGT302"),
]
CONFIG_FILLER = {
    "yaml": "  {w}{i}: \"{w}-{i}\"", "json": "  \"{w}{i}\": \"{w}-{i}\",",
    "properties": "app.{w}.key{i}={w}", "env": "APP_{W}_{i}={w}",
}


def body(rnd, kind, nlines, with_host):
    lines = FILLER[kind]
    out = []
    for i in range(nlines):
        out.append(rnd.choice(lines).format(i=i, w=rnd.choice(WORDS)))
    if with_host:
        out.insert(rnd.randrange(len(out) + 1), HOSTS[kind])
    return out


def main():
    root = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    total, written, i = size * 1000000, 0, 0
    truth, stats = [], {"files": 0, "source": 0, "host": 0, "pg": 0}
    named = []  # the files that name PostgreSQL: what the lexers see
    kinds = ["java", "py", "go", "js", "ts"]
    while written < total:
        d = os.path.join(root, "svc%03d" % (i % 97), "mod%02d" % (i % 11))
        os.makedirs(d, exist_ok=True)
        nlines = min(int(rnd.paretovariate(1.3) * 60), 5000)
        plant = None  # (line, rule) of a planted finding
        names_pg = False  # the file names PostgreSQL: a lexer reads it
        if i % 4 == 3:  # a configuration file
            k = (i // 4) % 8
            if k < len(CONFIGS) and (i // 32) % 3 == 0:
                ext, name, lines, weak, rule = CONFIGS[k]
                path = os.path.join(d, "%d-%s" % (i, name))
                text = lines + [CONFIG_FILLER[ext].format(
                    i=n, w=rnd.choice(WORDS), W=rnd.choice(WORDS).upper())
                    for n in range(nlines // 4)]
                plant = (weak + 1, rule)
            else:
                ext = ["yaml", "json", "properties", "env"][k % 4]
                path = os.path.join(d, "c%06d.%s" % (i, ext))
                fill = [CONFIG_FILLER[ext].format(
                    i=n, w=rnd.choice(WORDS), W=rnd.choice(WORDS).upper())
                    for n in range(nlines // 4)]
                if ext == "json":
                    fill = ["{"] + fill + ["  \"end\": true", "}"]
                text = fill
        else:
            stats["source"] += 1
            kind = kinds[i % len(kinds)]
            with_host = rnd.random() < 0.5
            text = body(rnd, kind, nlines, with_host)
            stats["host"] += with_host
            roll = rnd.random()
            if roll < 0.06:  # a plant
                kind, lines, weak, rule = PLANTS[(i // 4) % len(PLANTS)]
                plant = (weak + 1, rule)
            elif roll < 0.13:  # a decoy
                kind, lines = DECOYS[(i // 4) % len(DECOYS)]
            if roll < 0.13:
                text = [l.format(i=i) for l in lines] + body(
                    rnd, kind, nlines, with_host)
                stats["pg"] += 1
                names_pg = True
            path = os.path.join(d, "f%06d.%s" % (i, kind))
        if plant:
            truth.append((os.path.relpath(path, root),) + plant)
        if plant or names_pg:
            named.append(os.path.relpath(path, root))
        with open(path, "w") as out:
            out.write("\n".join(text) + "\n")
            written += out.tell()
        stats["files"] += 1
        i += 1
    with open(os.path.join(root, "named.txt"), "w") as t:
        t.write("".join(p + "\n" for p in named))
    with open(os.path.join(root, "truth.tsv"), "w") as t:
        for path, line, rule in truth:
            t.write("%s\t%d\t%s\n" % (path, line, rule))
    print("%s: %d files (%d source), %.0f MB, %d planted findings; of the "
          "source files %.0f %% mention host or localhost, %.0f %% name "
          "PostgreSQL, a driver or a connection keyword"
          % (root, stats["files"], stats["source"], written / 1e6,
             len(truth), 100 * stats["host"] / stats["source"],
             100 * stats["pg"] / stats["source"]))


if __name__ == "__main__":
    main()
