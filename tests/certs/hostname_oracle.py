#!/usr/bin/env python3
"""hostname_oracle.py -- each driver's own host name check as the oracle
for PGT404.

For each certificate shape (made with tests/certs/mkcert.sh) and each
host, the verdict comes from the driver's language, never from
pgtlslint:
  Go        crypto/x509 Certificate.VerifyHostname (pgx, lib/pq, bun)
  Node      tls.checkServerIdentity (node-postgres, postgres.js)
  pgjdbc    org.postgresql.ssl.PGjdbcHostnameVerifier, from the jar
  Python    a real TLS handshake with ssl.SSLContext(PROTOCOL_TLS_CLIENT)
            and server_hostname, as asyncpg makes it
(libpq is checked by tests/live/cert_oracle.py with psql.) Then a tree
holds a postgresql.conf naming the certificate and, per driver and host,
a source file with that host in the driver's connect call and
sslmode=verify-full -- the path users take; pgtlslint must report PGT404
on exactly the files whose oracle said "fail".

usage: hostname_oracle.py PGTLSLINT
Exits 0 when all agree, 1 otherwise; 77 (skipped) without go, node,
javac or the pgjdbc jar.
"""
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
MKCERT = os.path.join(HERE, "mkcert.sh")
JAR = "/usr/share/java/postgresql.jar"

# (name, subjectAltName or "", CN)
CERTS = [
    ("one-name", "DNS:db.example.com", "server"),
    ("wildcard", "DNS:*.example.com", "server"),
    ("cn-only", "", "db.example.com"),
    ("ip-as-cn", "DNS:db.example.com", "10.0.0.5"),
    ("ip-name", "DNS:db.example.com,IP:10.0.0.5", "server"),
    ("star-tld", "DNS:*.com", "server"),
    ("partial-wildcard", "DNS:f*.example.com", "server"),
    ("ipv6", "IP:::1,DNS:other.test", "server"),
]
HOSTS = ["db.example.com", "DB.Example.COM", "db.example.com.",
         "a.example.com", "a.b.example.com", "example.com",
         "foo.example.com", "10.0.0.5", "::1"]


def sh(cmd, cwd, **kw):
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True,
                          text=True, **kw).stdout


def verdicts(out):
    return {line.rsplit(" ", 1)[0]: line.rsplit(" ", 1)[1] == "ok"
            for line in out.splitlines() if line.strip()}


def python_verifies(cert, key, ca, host):
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def serve():
        conn, _ = listener.accept()
        try:
            server.wrap_socket(conn, server_side=True).close()
        except (ssl.SSLError, OSError):
            conn.close()
    t = threading.Thread(target=serve)
    t.start()
    client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # asyncpg's context
    client.load_verify_locations(ca)
    ok = True
    with socket.create_connection(listener.getsockname()) as s:
        try:
            client.wrap_socket(s, server_hostname=host).close()
        except ssl.SSLCertVerificationError:
            ok = False
    t.join()
    listener.close()
    return ok


def url_host(host):
    return "[%s]" % host if ":" in host else host


def sources(host):
    """(driver, file name, text) for a verify-full connection to host."""
    h = url_host(host)
    yield ("go", "main.go",
           'package main\n\nimport (\n\t"context"\n\n\t"github.com/jackc/'
           'pgx/v5"\n)\n\nfunc main() {\n\tpgx.Connect(context.Background('
           '), "postgres://%s/app?sslmode=verify-full&sslrootcert=ca.crt")'
           '\n}\n' % h)
    if ":" not in host:  # node-postgres keeps the brackets of an IPv6 URL
        yield ("node", "db.js",
               'const { Pool } = require("pg");\n\nconst pool = new Pool({ '
               'connectionString: "postgresql://%s/app?sslmode=verify-full" '
               '});\n' % h)
    yield ("pgjdbc", "Db.java",
           'import java.sql.DriverManager;\n\nclass Db {\n\tstatic void c()'
           ' throws Exception {\n\t\tDriverManager.getConnection("jdbc:'
           'postgresql://%s/app?sslmode=verify-full&sslrootcert=ca.crt");'
           '\n\t}\n}\n' % h)
    yield ("python", "db.py",
           'import asyncpg\n\n\nasync def main():\n    await asyncpg.connect('
           '"postgresql://%s/app?sslmode=verify-full&sslrootcert=ca.crt")\n'
           % h)


def main():
    binary = os.path.abspath(sys.argv[1])
    for tool in ("go", "node", "javac", "java"):
        if not shutil.which(tool):
            print("hostname oracle: no %s: skipped" % tool)
            return 77
    if not os.path.exists(JAR):
        print("hostname oracle: no pgjdbc jar: skipped")
        return 77
    work = tempfile.mkdtemp(prefix="pgtlslint-hostname-")
    checked = agreed = 0
    wanted = {}
    try:
        sh(["javac", "-cp", JAR, "-d", work,
            os.path.join(HERE, "oracle", "VerifyHost.java")], work)
        env = dict(os.environ, GO111MODULE="off", GOFLAGS="",
                   GOCACHE=os.path.join(work, "gocache"))
        sh(["go", "build", "-o", "verify_host",
            os.path.join(HERE, "oracle", "verify_host.go")], work, env=env)
        sh(["sh", MKCERT, "ca", "-a", "-c", "oracle CA"], work)
        for name, san, cn in CERTS:
            args = ["sh", MKCERT, name, "-i", "ca", "-c", cn]
            sh(args + (["-n", san] if san else []), work)
            crt = os.path.join(work, name + ".crt")
            oracle = {
                "go": verdicts(sh(["./verify_host", crt] + HOSTS, work)),
                "node": verdicts(sh(["node", os.path.join(
                    HERE, "oracle", "verify_host.js"), crt] + HOSTS, work)),
                "pgjdbc": verdicts(sh(["java", "-cp", JAR + ":" + work,
                                       "VerifyHost", crt] +
                                      [url_host(h) for h in HOSTS], work)),
                "python": {h: python_verifies(
                    crt, os.path.join(work, name + ".key"),
                    os.path.join(work, "ca.crt"), h) for h in HOSTS},
            }
            tree = os.path.join(work, "tree-" + name)
            os.mkdir(tree)
            shutil.copy(crt, os.path.join(tree, "server.crt"))
            with open(os.path.join(tree, "postgresql.conf"), "w") as f:
                f.write("ssl = on\nssl_cert_file = 'server.crt'\n"
                        "ssl_ca_file = 'server.crt'\n")
            expect = {}
            for k, host in enumerate(HOSTS):
                for driver, fname, text in sources(host):
                    path = "h%d/%s/%s" % (k, driver, fname)
                    os.makedirs(os.path.join(tree, os.path.dirname(path)))
                    with open(os.path.join(tree, path), "w") as f:
                        f.write(text)
                    h = url_host(host) if driver == "pgjdbc" else host
                    expect[path] = (driver, host, oracle[driver][h])
            out = subprocess.run([binary, "--format", "json", "--enable",
                                  "PGT404", "."], cwd=tree,
                                 capture_output=True, text=True).stdout
            flagged = {f["path"] for f in json.loads(out)["findings"]
                       if f["rule"] == "PGT404"}
            for path, (driver, host, ok) in sorted(expect.items()):
                checked += 1
                want = "connects" if ok else "fails"
                wanted[want] = wanted.get(want, 0) + 1
                got = "fails" if path in flagged else "connects"
                if want == got:
                    agreed += 1
                else:
                    print("DISAGREE %s, %s to %s: the driver %s, pgtlslint "
                          "says it %s" % (name, driver, host, want, got))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("hostname oracle: %d of %d agree (the drivers said: %s)"
          % (agreed, checked, ", ".join("%s %d" % kv
                                        for kv in sorted(wanted.items()))))
    return 0 if checked and agreed == checked else 1


if __name__ == "__main__":
    sys.exit(main())
