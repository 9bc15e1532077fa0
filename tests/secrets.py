#!/usr/bin/env python3
"""secrets.py -- the secrets matrix: no output ever holds a planted secret.

Each SHAPE below is a file (or two) holding one secret in one key and
quoting form of one format, on a line that also has a finding (so that
the line is printed). Every shape is linted in every output format with
source lines and settings shown, with --diff, with --fix, and where it
applies with --explain-conn and --explain-hba. Two assertions each:

  * the secret's bytes (the marker below) appear nowhere in the output;
  * where a source line is printed (text with --show-source, --diff), the
    line with the secret is there, masked: "****" appears. So the test
    fails when a mask is removed (a shape whose line stopped being shown
    fails too: it would prove nothing).

The old fixture tree (tests/fixtures/secrets) is one more shape.

usage: secrets.py PGTLSLINT
"""
import os
import shutil
import subprocess
import sys
import tempfile

MARK = "PLANTED-s3cr3t"
S = MARK + "-7Yq"

# (name, {file: content}, extra): extra is "hba" (run --explain-hba too),
# ("conn", STRING) (--explain-conn STRING), "diff" (the secret's line has
# no finding of its own: it must show masked as --diff's context), or None
# (it must show masked under --show-source).
SHAPES = [
    ("kv comma", {".env": f'DATABASE_URL="host=db.example.com password=ab,{S} sslmode=disable"\n'}, None),
    ("kv ampersand", {".env": f'DATABASE_URL="host=db.example.com password=ab&{S} sslmode=disable"\n'}, None),
    ("kv semicolon", {".env": f'DATABASE_URL="host=db.example.com password=ab;{S} sslmode=disable"\n'}, None),
    ("kv quoted blank", {".env": f"DATABASE_URL=\"host=db.example.com password='a b {S}' sslmode=disable\"\n"}, None),
    ("kv escaped blank", {".env": f'DATABASE_URL=host=db.example.com password=a\\ {S} sslmode=disable\n'}, None),
    ("kv apostrophe", {".env": f"DATABASE_URL=\"host=db.example.com password=it\\'s{S} sslmode=disable\"\n"}, None),
    ("uri two @", {".env": f"DATABASE_URL=postgres://app:pa@{S}@db.example.com/app?sslmode=disable\n"}, None),
    ("uri query", {".env": f"DATABASE_URL=postgres://app@db.example.com/app?password={S}&sslmode=disable\n"}, None),
    ("uri sslpassword", {".env": f"DATABASE_URL=postgres://app@db.example.com/app?sslpassword={S}&sslmode=disable\n"}, None),
    ("kv sslpassword", {".env": f'DATABASE_URL="host=db.example.com sslpassword={S} sslmode=disable"\n'}, None),
    ("jdbc password", {"application.properties": f"spring.datasource.url=jdbc:postgresql://db.example.com/app?password={S}&sslmode=disable\n"}, None),
    ("properties key value", {"application.properties": f"spring.datasource.url=jdbc:postgresql://db.example.com/app?sslmode=disable\nspring.datasource.password {S}\n"}, None),
    ("properties colon", {"application.properties": f"spring.datasource.url=jdbc:postgresql://db.example.com/app?sslmode=disable\nspring.datasource.password: ab,{S};x\n"}, None),
    ("primary_conninfo doubled quotes", {"postgresql.conf": f"ssl = off\nprimary_conninfo = 'host=primary.example.com password=''a b {S}'' sslmode=disable'\n"}, None),
    ("ssl_passphrase_command", {"postgresql.conf": f"ssl = off\nssl_passphrase_command = 'echo {S}'\n"}, None),
    ("include of an absolute file", {"postgresql.conf": "ssl = off\ninclude '@ABS@/creds.conf'\n", "creds.conf": f"primary_conninfo = 'host=p.example.com password={S} sslmode=disable'\nssl_passphrase_command = 'echo {S}'\n"}, None),
    ("hba ldapbindpasswd", {"pg_hba.conf": f"host all all 0.0.0.0/0 ldap ldapserver=ldap.example.com ldapbasedn=\"dc=x\" ldapbinddn=\"cn=a\" ldapbindpasswd={S}\n"}, "hba"),
    ("hba ldapbindpasswd quoted", {"pg_hba.conf": f"host all all 0.0.0.0/0 ldap ldapserver=ldap.example.com ldapbasedn=\"dc=x\" ldapbinddn=\"cn=a\" ldapbindpasswd=\"a b {S}\"\n"}, "hba"),
    ("hba radiussecrets list", {"pg_hba.conf": f"host all all 0.0.0.0/0 radius radiusservers=r1,r2 radiussecrets=\"x,{S}\"\n"}, "hba"),
    ("hba radiussecrets unquoted", {"pg_hba.conf": f"host all all 0.0.0.0/0 radius radiusservers=r1 radiussecrets=x,{S}\n"}, "hba"),
    ("pg_service.conf", {"pg_service.conf": f"[db]\nhost=db.example.com\nsslmode=disable\npassword=a b {S}\n"}, None),
    ("dockerfile env space", {"Dockerfile": f"FROM debian\nENV PGHOST=db.example.com PGSSLMODE=disable\nENV PGPASSWORD {S}\n"}, None),
    ("compose list", {"docker-compose.yml": f"services:\n  app:\n    environment:\n      - PGHOST=db.example.com\n      - PGSSLMODE=disable\n      - PGPASSWORD={S}\n"}, None),
    ("kubernetes value next line", {"deploy.yaml": f"env:\n  - name: DATABASE_URL\n    value: postgres://db.example.com/app?sslmode=disable\n  - name: PGPASSWORD\n    value:\n      \"a b {S}\"\n"}, None),
    ("yaml block", {"application.yml": f"spring:\n  datasource:\n    url: jdbc:postgresql://db.example.com/app?sslmode=disable\n    password: |\n      {S}\n"}, None),
    ("shell prefix", {"run.sh": f"PGPASSWORD={S} psql \"host=db.example.com sslmode=disable\"\n"}, None),
    ("shell continuation", {"run.sh": f"export PGHOST=db.example.com PGSSLMODE=disable\nexport PGPASSWORD=\\\n{S}\n"}, None),
    ("python next line", {"db.py": f"import psycopg\nc = psycopg.connect(host='db.example.com', sslmode='disable',\n    password=\n    '{S}')\n"}, None),
    ("python joined", {"db.py": f"import psycopg\nPASSWORD = 'pre' + '{S}'\nc = psycopg.connect('host=db.example.com sslmode=disable password=' + 'x{S}')\n"}, None),
    ("python f-string", {"db.py": f"import psycopg\nc = psycopg.connect(f'postgresql://app:{S}@{{host}}/app?sslmode=disable')\n"}, None),
    ("python dict", {"db.py": f"import psycopg\nc = psycopg.connect(host='db.example.com', sslmode='disable', **{{'password': '{S}'}})\n"}, None),
    ("python error missing =", {"db.py": f"import psycopg\nc = psycopg.connect('host=db.example.com password=ab {S} sslmode=disable')\n"}, None),
    ("python error unterminated", {"db.py": f"import psycopg\nc = psycopg.connect(\"host=db.example.com password='{S} sslmode=disable\")\n"}, None),
    ("uri error query", {"db.py": f"import psycopg\nc = psycopg.connect('postgresql://app@db.example.com/app?password=ab&{S}=1&sslmode=disable')\n"}, None),
    ("java next line", {"Db.java": f"import org.postgresql.Driver;\nclass Db {{ void f() {{\n  props.setProperty(\"sslmode\", \"disable\");\n  props.setProperty(\"password\",\n      \"{S}\");\n  DriverManager.getConnection(\"jdbc:postgresql://db.example.com/app\", props);\n}} }}\n"}, None),
    ("java joined constant", {"Db.java": f"import java.sql.DriverManager;\nclass Db {{\n  static final String PASSWORD = \"pre\" +\n      \"{S}\";\n  void f() {{ DriverManager.getConnection(\"jdbc:postgresql://db.example.com/app?sslmode=disable\", \"app\", \"{S}x\"); }}\n}}\n"}, None),
    ("js next line", {"db.js": f"const {{ Pool }} = require('pg');\nconst pool = new Pool({{ host: 'db.example.com', ssl: false,\n  password:\n    '{S}' }});\n"}, None),
    ("js template", {"db.js": f"const {{ Client }} = require('pg');\nconst c = new Client({{ connectionString: `postgres://app:{S}@${{host}}/app?sslmode=disable` }});\n"}, None),
    ("go struct", {"main.go": f"package main\nimport \"github.com/jackc/pgx/v5\"\nvar cfg = Config{{Password: \"{S}\", Host: \"db.example.com\"}}\nfunc f() {{ pgx.Connect(ctx, \"host=db.example.com sslmode=disable password={S}\") }}\n"}, None),
    ("npgsql in env", {".env": f'PGHOST=db.example.com\nPGSSLMODE=disable\nDB="Host=db.example.com;Password={S};SSL Mode=Disable"\n'}, "diff"),
    ("explain-conn kv", {}, ("conn", f"host=db.example.com password=ab,{S} sslmode=require")),
    ("explain-conn error", {}, ("conn", f"host=db.example.com password=ab {S} sslmode=require")),
    ("explain-conn uri error", {}, ("conn", f"postgres://app:{S}@db.example.com/app?x=%zz")),
    ("explain-conn query error", {}, ("conn", f"postgres://app@db.example.com/app?password=a&{S}=1")),
]

FORMATS = ["text", "json", "sarif", "github", "gitlab"]


class Tally:
    def __init__(self):
        self.ok = self.bad = 0

    def check(self, what, out, want_mask):
        if MARK in out:
            self.bad += 1
            print(f"FAIL: {what}: printed the secret:")
            for line in out.splitlines():
                if MARK in line:
                    print("    " + line[:200])
        elif want_mask and "****" not in out:
            self.bad += 1
            print(f"FAIL: {what}: no masked line shown (a check that "
                  "cannot fail)")
        else:
            self.ok += 1


def run(cmd, cwd, stdin=None):
    p = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True,
                       text=True, errors="replace")
    return p.stdout + p.stderr


def write_shape(d, files):
    for name, content in files.items():
        with open(os.path.join(d, name), "w") as f:
            f.write(content.replace("@ABS@", d))


def main():
    binary = os.path.abspath(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    t = Tally()
    shapes = SHAPES + [("fixture tree", "tree", None)]
    for name, files, extra in shapes:
        with tempfile.TemporaryDirectory() as d:
            if files == "tree":
                shutil.copytree(os.path.join(here, "fixtures", "secrets"),
                                d, dirs_exist_ok=True)
            else:
                write_shape(d, files)
            if files:
                for fmt in FORMATS:
                    out = run([binary, "--format", fmt, "--show-source",
                               "--show-settings", "--color", "always",
                               "."], d)
                    t.check(f"{name}: --format {fmt}", out,
                            fmt == "text" and extra != "diff")
                out = run([binary, "--diff", "."], d)
                t.check(f"{name}: --diff", out, extra == "diff")
                out = run([binary, "--fix", "--show-source", "."], d)
                t.check(f"{name}: --fix", out, False)
                if len(files) == 1 and name != "include of an absolute file":
                    (fname, content), = files.items()
                    out = run([binary, "--show-source", "--show-settings",
                               "--stdin-filename", fname, "-"], d,
                              stdin=content)
                    t.check(f"{name}: stdin", out, extra != "diff")
            if extra == "hba":
                for fmt in ("text", "json"):
                    out = run([binary, "--explain-hba", "pg_hba.conf",
                               "--format", fmt], d)
                    t.check(f"{name}: --explain-hba {fmt}", out, False)
            elif extra and extra[0] == "conn":
                for drv in ("libpq", "pgjdbc", "node-postgres"):
                    out = run([binary, "--explain-conn", extra[1],
                               "--driver", drv], d)
                    t.check(f"{name}: --explain-conn --driver {drv}", out,
                            False)
    print(f"secrets: {t.ok} passed, {t.bad} failed "
          f"({len(shapes)} shapes)")
    return 1 if t.bad else 0


if __name__ == "__main__":
    sys.exit(main())
