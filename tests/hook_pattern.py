#!/usr/bin/env python3
"""hook_pattern.py -- the pre-commit hook's files pattern is the walker's.

.pre-commit-hooks.yaml says which files pre-commit hands the hook; the
walker (src/walk.c walk_classify) says which files pgtlslint reads. For a
list of names of every kind, and of kinds it does not read, each name must
be both or neither: an empty file of that name given explicitly is either
read (no note) or "skipped ... not a file type pgtlslint reads".

usage: hook_pattern.py PGTLSLINT REPO
"""
import os
import re
import subprocess
import sys
import tempfile

NAMES = [
    "postgresql.conf", "conf.d/tls.conf", "pg_hba.conf", "prod_hba.conf",
    ".env", ".env.production", "prod.env", "Dockerfile", "Dockerfile.dev",
    "dockerfile", "build.Dockerfile", "Containerfile", "app.properties",
    "flyway.conf", "compose.yaml", "k8s/deploy.yml", "appsettings.json",
    "config/default.json", "schema.prisma", "flyway.toml", "run.sh",
    "ci.bash", "pg_service.conf", "db.py", "Db.java", "db.go", "db.js",
    "db.mjs", "db.cjs", "db.jsx", "db.ts", "db.mts", "db.cts", "db.tsx",
    "db.php", "Db.cs", "server.crt", "server.key", "tls/CA.PEM",
    "root.cer", "client.der", "root.crl", "pgbouncer.ini", "etc/pgbouncer/pgbouncer.ini",
    # not read
    "README.md", "notes.txt", "Makefile", "db.rb", "db.c", "image.png",
    "package-lock.json", "server.csr", "keystore.p12", "other.ini",
]


def main():
    binary, repo = os.path.abspath(sys.argv[1]), sys.argv[2]
    with open(os.path.join(repo, ".pre-commit-hooks.yaml")) as f:
        text = f.read()
    pattern = re.search(r"^\s*files:\s*'(.*)'\s*$", text, re.M).group(1)
    files = re.compile(pattern)
    exclude = re.search(r"^\s*exclude:\s*'(.*)'\s*$", text, re.M)
    exclude = re.compile(exclude.group(1)) if exclude else None
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in NAMES:
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w").close()
            run = subprocess.run([binary, "--no-show-source", name], cwd=tmp,
                                 capture_output=True, text=True)
            read = "not a file type" not in run.stderr
            hooked = bool(files.search(name)) and not (
                exclude and exclude.search(name))
            if read != hooked:
                bad += 1
                print("DIFFER: %s: pgtlslint %s it, the hook %s it"
                      % (name, "reads" if read else "skips",
                         "passes" if hooked else "skips"))
    print("hook pattern: %d names, %d agree, %d differ"
          % (len(NAMES), len(NAMES) - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
