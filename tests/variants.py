#!/usr/bin/env python3
"""variants.py -- the checklist's four client programs, each weakened once.

The programs in examples/hardened-db/app lint clean (a golden case says so).
Here each variant changes one thing -- sslmode require / disable / missing,
rejectUnauthorized: false, NonValidatingFactory, InsecureSkipVerify, a
literal password -- and must fire exactly one finding, of the expected rule,
at the expected place. The place is written in the edited text itself: the
anchor is a piece of one line with "|" where the finding must start -- a
literal argument or property at its opening quote, a value inside a
connection string at its first byte, a missing setting at the start of
the connection string or config object it is missing from.

usage: variants.py PGTLSLINT EXAMPLES_APP_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

CA = "/etc/ssl/company-ca.pem"

# (file, what, old text, new text, rule, anchor)
VARIANTS = [
    ("app.py", "sslmode require",
     f'"sslmode=verify-full sslrootcert={CA}"', '"sslmode=require"',
     "PGT303", '"sslmode=|require"'),
    ("app.py", "sslmode disable",
     f'"sslmode=verify-full sslrootcert={CA}"', '"sslmode=disable"',
     "PGT301", '"sslmode=|disable"'),
    ("app.py", "sslmode missing",
     f'"sslmode=verify-full sslrootcert={CA}"', f'"sslrootcert={CA}"',
     "PGT302", '"|host=db.example.com'),
    ("app.py", "literal password",
     'password=os.environ["DB_PASSWORD"]', 'password="Tr0ub4dor-3"',
     "PGT308", 'password="|Tr0ub4dor-3"'),
    ("PgTlsExample.java", "sslmode require",
     '"sslmode", "verify-full"', '"sslmode", "require"',
     "PGT303", '"sslmode", "|require"'),
    ("PgTlsExample.java", "sslmode disable",
     '"sslmode", "verify-full"', '"sslmode", "disable"',
     "PGT301", '"sslmode", "|disable"'),
    ("PgTlsExample.java", "sslmode missing",
     '    props.setProperty("sslmode", "verify-full");\n', '',
     "PGT302", '"|jdbc:postgresql://'),
    ("PgTlsExample.java", "NonValidatingFactory",
     f'props.setProperty("sslrootcert", "{CA}");',
     'props.setProperty("sslfactory", '
     '"org.postgresql.ssl.NonValidatingFactory");',
     "PGT305", '"sslfactory", "|org.'),
    ("PgTlsExample.java", "literal password",
     'System.getenv("DB_PASSWORD")', '"s3cret-Pass"',
     "PGT308", '"password", "|s3cret-Pass"'),
    ("main.go", "sslmode require",
     f"sslmode=verify-full&sslrootcert={CA}", "sslmode=require",
     "PGT303", "sslmode=|require"),
    ("main.go", "sslmode disable",
     f"sslmode=verify-full&sslrootcert={CA}", "sslmode=disable",
     "PGT301", "sslmode=|disable"),
    ("main.go", "sslmode missing",
     f"?sslmode=verify-full&sslrootcert={CA}", "",
     "PGT302", '"|postgres://order_app:'),
    ("main.go", "InsecureSkipVerify",
     "conn, err := pgx.Connect(context.Background(), url)",
     "cfg, _ := pgx.ParseConfig(url)\n"
     "\tcfg.TLSConfig.InsecureSkipVerify = true\n"
     "\tconn, err := pgx.ConnectConfig(context.Background(), cfg)",
     "PGT305", "InsecureSkipVerify = |true"),
    ("main.go", "literal password",
     'os.Getenv("DB_PASSWORD")', '"hunter2-Secret"',
     "PGT308", '"|hunter2-Secret"'),
    ("db.mjs", "rejectUnauthorized false",
     "rejectUnauthorized: true", "rejectUnauthorized: false",
     "PGT305", "rejectUnauthorized: |false"),
    ("db.mjs", "ssl missing",
     '  ssl: {\n    ca: fs.readFileSync("/etc/ssl/company-ca.pem", "utf8"),\n'
     "    rejectUnauthorized: true\n  }\n", "",
     "PGT301", "new Pool(|{"),
    ("db.mjs", "ssl false",
     '{\n    ca: fs.readFileSync("/etc/ssl/company-ca.pem", "utf8"),\n'
     "    rejectUnauthorized: true\n  }", "false",
     "PGT301", "ssl: |false"),
    ("db.mjs", "literal password",
     "process.env.DB_PASSWORD", '"s3cret-Pass"',
     "PGT308", 'password: "|s3cret-Pass"'),
]


def place(text, anchor):
    """1-based line and column of the '|' of anchor in text."""
    cut = anchor.index("|")
    piece = anchor[:cut] + anchor[cut + 1:]
    at = text.find(piece)
    if at < 0 or text.find(piece, at + 1) >= 0:
        raise SystemExit(f"anchor {anchor!r} is not unique in the variant")
    at += cut
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def main():
    binary, app = os.path.abspath(sys.argv[1]), sys.argv[2]
    passed = failed = 0
    for name, what, old, new, rule, anchor in VARIANTS:
        with open(os.path.join(app, name), encoding="utf-8") as f:
            text = f.read()
        if text.count(old) != 1:
            raise SystemExit(f"{name}: {old!r} does not occur exactly once")
        text = text.replace(old, new)
        want = (rule, *place(text, anchor))
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                f.write(text)
            run = subprocess.run([binary, "--format", "json", name],
                                 cwd=tmp, capture_output=True, text=True)
        got = [(f["rule"], f["line"], f["column"])
               for f in json.loads(run.stdout)["findings"]]
        if got == [want]:
            passed += 1
            print(f"  {name:18} {what:24} {rule} at {want[1]}:{want[2]}")
        else:
            failed += 1
            print(f"FAIL: {name} {what}: want [{want}], got {got}")
    print(f"variants: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
