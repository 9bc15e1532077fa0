#!/usr/bin/env python3
"""client_oracle.py -- real libpq connections against the libpq table.

For each sslmode and each situation below, psql connects with a keyword/
value string, and the effective outcome that pgtlslint's own table gives
for that exact string (--explain-conn, the table the rules read) must
predict whether the connection is made and whether it is encrypted:

  server ssl off                 -> only none and opportunistic connect,
                                    in plaintext
  certificate from another CA,   -> what verifies refuses; none,
  sslrootcert names that CA         opportunistic and encrypt-only connect
  no root file at all (HOME      -> likewise: nothing can be verified
  empty, no sslrootcert)
  trusted CA, certificate for    -> everything but verify-full connects
  another host name
  trusted CA, right host name    -> everything connects

Expectations come from what each outcome promises, never from libpq's
known behaviour: a wrong table row (say "require with sslrootcert does not
verify") predicts a connection that libpq refuses, and the test fails.

The server listens on 127.0.0.1 only; the client names the host
"localhost" with hostaddr=127.0.0.1, so verify-full checks "localhost".

usage: client_oracle.py PGTLSLINT
"""
import json
import os
import subprocess
import sys
import tempfile

from pgserver import Server, bindir_version, find_bindir

PORT = 5496
MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]


def openssl(*args):
    subprocess.run(["openssl"] + list(args), check=True, capture_output=True)


def make_ca(d, name):
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=" + name, "-keyout", d + "/" + name + ".key",
            "-out", d + "/" + name + ".crt")
    return d + "/" + name + ".crt"


def make_server_cert(d, ca, name, san):
    base = d + "/" + name
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name,
            "-keyout", base + ".key", "-out", base + ".csr")
    with open(base + ".ext", "w") as f:
        f.write("subjectAltName=%s\n" % san)
    openssl("x509", "-req", "-in", base + ".csr", "-CA", ca + ".crt",
            "-CAkey", ca + ".key", "-CAcreateserial", "-days", "2",
            "-extfile", base + ".ext", "-out", base + ".crt")
    return base + ".crt", base + ".key"


def outcome(binary, conninfo, version):
    out = subprocess.run([binary, "--explain-conn", conninfo, "--format",
                          "json", "--pg-version", str(version)],
                         stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(out.stdout)["outcome"]


def connect(server, conninfo, home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(HOME=home, PGCONNECT_TIMEOUT="5")
    r = subprocess.run(
        [os.path.join(server.bindir, "psql"), "-X", "-At", "-c",
         "select ssl from pg_stat_ssl where pid = pg_backend_pid()",
         conninfo], env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode:
        return False, None
    return True, r.stdout.strip() == "t"


# What each outcome promises (DESIGN.md), as (connects?, encrypted?) per
# situation; None: the outcome allows either. Nothing here knows libpq:
# only the table's answer decides the expectation.
def expect(situation, out):
    enc = {"none": False, "opportunistic": None}.get(out, True)
    if situation == "ssl off":
        return out in ("none", "opportunistic"), False
    if situation in ("untrusted CA", "no root file"):
        return out in ("none", "opportunistic", "encrypt-only"), enc
    if situation == "wrong host name":
        return out != "verify-full", enc
    return True, enc


def main():
    binary = os.path.abspath(sys.argv[1])
    bindir = find_bindir()
    if not bindir:
        print("client oracle: SKIP: no PostgreSQL server installed")
        return 77
    version = bindir_version(bindir)
    server = Server(bindir, PORT)
    home = tempfile.mkdtemp(prefix="pgtlslint-home-")
    results = []
    try:
        d = server.path("tls")
        os.makedirs(d)
        ca1, ca2 = make_ca(d, "ca1"), make_ca(d, "ca2")
        good = make_server_cert(d, d + "/ca1", "localhost",
                                "DNS:localhost,IP:127.0.0.1")
        other = make_server_cert(d, d + "/ca1", "db.example.invalid",
                                 "DNS:db.example.invalid")
        for name in os.listdir(d):
            server.chown(os.path.join(d, name))
            os.chmod(os.path.join(d, name), 0o600 if name.endswith(".key")
                     else 0o644)
        server.chown(d)
        server.start("ssl = off\n", tcp=True)
        hba = os.path.join(server.data, "pg_hba.conf")
        server.write(hba, "local all all trust\n"
                     "host all all 127.0.0.1/32 trust\n")
        server.reload()
        conf = os.path.join(server.data, "postgresql.conf")
        situations = [
            ("ssl off", "ssl = off\n", None),
            ("untrusted CA", "ssl = on\nssl_cert_file = '%s'\n"
             "ssl_key_file = '%s'\n" % good, ca2),
            ("no root file", "ssl = on\nssl_cert_file = '%s'\n"
             "ssl_key_file = '%s'\n" % good, None),
            ("wrong host name", "ssl = on\nssl_cert_file = '%s'\n"
             "ssl_key_file = '%s'\n" % other, ca1),
            ("right host name", "ssl = on\nssl_cert_file = '%s'\n"
             "ssl_key_file = '%s'\n" % good, ca1),
        ]
        for situation, settings, root in situations:
            server.write(conf, settings)
            server.run(os.path.join(bindir, "pg_ctl"), "-D", server.data,
                       "-w", "restart", "-l", server.path("log"))
            for mode in MODES:
                conninfo = ("host=localhost hostaddr=127.0.0.1 port=%d "
                            "dbname=postgres user=postgres sslmode=%s"
                            % (PORT, mode))
                if root:
                    conninfo += " sslrootcert=" + root
                out = outcome(binary, conninfo, version)
                got = connect(server, conninfo, home)
                want_ok, want_enc = expect(situation, out)
                agree = got[0] == want_ok and (
                    want_enc is None or not got[0] or got[1] == want_enc)
                results.append((situation, mode, out, got, agree))
    finally:
        server.stop()
        os.rmdir(home)
    bad = [r for r in results if not r[4]]
    for situation, mode, out, got, _ in bad:
        print("DISAGREE %s sslmode=%s: table says %s, libpq %s" % (
            situation, mode, out,
            "refused" if not got[0] else
            "connected with TLS" if got[1] else "connected in plaintext"))
    print("client oracle (libpq %d): %d connections in %d situations; "
          "%d agree with the table, %d disagree"
          % (version, len(results), 5, len(results) - len(bad), len(bad)))
    print("client-oracle: %d passed, %d failed"
          % (len(results) - len(bad), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
