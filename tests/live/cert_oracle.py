#!/usr/bin/env python3
"""cert_oracle.py -- PostgreSQL and libpq as oracles for PGT401/404/405.

Certificates and keys come from the openssl command (tests/certs/
mkcert.sh); none is committed. Three comparisons, each label coming from
the server or libpq, never from pgtlslint:

  * PGT401: the server starts (pg_ctl start) with ssl on and a key file of
    each owner and mode, or refuses; pgtlslint, run over the data
    directory as deployed, must report PGT401 exactly for the refused
    ones. Owners other than the server's user need root: without it those
    cases are left out (said in the summary).
  * PGT405: the server refuses a key that is not its certificate's (same
    and different key types) and accepts its own; PGT405 exactly there.
  * PGT404: a server on 127.0.0.1 with each certificate (reloaded in
    turn); psql connects with sslmode=verify-full to each host name (with
    hostaddr=127.0.0.1, so that any name reaches it) or IP address. A
    Python file per connection, holding that string in psycopg.connect()
    -- the path users take -- must get PGT404 exactly when psql fails.

usage: cert_oracle.py PGTLSLINT
Exits 0 when every comparison agrees, 1 otherwise, 77 when no server.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from pgserver import Server, Tally, bindir_version, find_bindir

PORT = 5493
HERE = os.path.dirname(os.path.abspath(__file__))
MKCERT = os.path.join(HERE, "..", "certs", "mkcert.sh")

# (label, subjectAltName or "", CN)
CERTS = [
    ("localhost and 127.0.0.1", "DNS:localhost,IP:127.0.0.1", "server"),
    ("wildcard", "DNS:*.example.com", "server"),
    ("CN only", "", "db.example.com"),
    ("IP as CN, a dNSName", "DNS:db.example.com", "127.0.0.1"),
    ("one name", "DNS:db.example.com", "server"),
    ("IPv6 loopback name", "IP:::1,DNS:other.test", "server"),
]
HOSTS = ["localhost", "127.0.0.1", "db.example.com", "DB.Example.COM",
         "a.example.com", "a.db.example.com", "other.test"]


def mkcert(d, *args):
    subprocess.run(["sh", MKCERT] + list(args), cwd=d, check=True,
                   capture_output=True)


def lint(binary, tree, version, rule):
    out = subprocess.run([binary, "--format", "json", "--pg-version",
                          str(version), "--enable", rule, "."], cwd=tree,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True).stdout
    return [f for f in json.loads(out)["findings"] if f["rule"] == rule]


def try_start(srv, log):
    """Whether the postmaster starts with the data directory as it is."""
    r = subprocess.run(srv.as_user + [
        os.path.join(srv.bindir, "pg_ctl"), "-D", srv.data, "-o",
        "-c unix_socket_directories=%s -c port=%s -c listen_addresses=''"
        % (srv.sock, srv.port), "-l", log, "-w", "-t", "20", "start"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode == 0:
        subprocess.run(srv.as_user + [os.path.join(srv.bindir, "pg_ctl"),
                       "-D", srv.data, "-m", "fast", "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def place(srv, src_dir, names):
    for name in names:
        with open(os.path.join(src_dir, name), "rb") as f:
            srv.write(os.path.join(srv.data, name), f.read(), 0o600)


def key_modes(binary, srv, version, t, gen):
    """PGT401 and PGT405 against pg_ctl start."""
    root = os.geteuid() == 0
    mkcert(gen, "server", "-n", "DNS:localhost")
    mkcert(gen, "other", "-n", "DNS:localhost")
    mkcert(gen, "ecother", "-k", "ec:P-256", "-n", "DNS:localhost")
    conf = ("ssl = on\nssl_cert_file = 'server.crt'\n"
            "ssl_key_file = 'server.key'\n")
    srv.write(os.path.join(srv.data, "postgresql.conf"), conf)
    place(srv, gen, ["server.crt"])
    # (owner, mode): the server's own user, or root with the server's group
    cases = [("server", 0o600), ("server", 0o700), ("server", 0o640),
             ("server", 0o604), ("server", 0o644), ("server", 0o660)]
    if root:
        cases += [("root", 0o640), ("root", 0o644), ("root", 0o660),
                  ("root", 0o650), ("root", 0o740)]
    key = os.path.join(srv.data, "server.key")
    for owner, mode in cases:
        place(srv, gen, ["server.key"])
        if owner == "root":
            os.chown(key, 0, srv.owner[1])
        os.chmod(key, mode)
        started = try_start(srv, os.path.join(srv.tmp, "log"))
        ours = lint(binary, srv.data, version, "PGT401")
        t.compare("key owned by %s, mode %04o" % (owner, mode),
                  "refused" if not started else "started",
                  "refused" if ours else "started")
    skipped = 0 if root else 5
    for label, keyname in [("its own key", "server.key"),
                           ("another RSA key", "other.key"),
                           ("an EC key", "ecother.key")]:
        with open(os.path.join(gen, keyname), "rb") as f:
            srv.write(key, f.read(), 0o600)
        started = try_start(srv, os.path.join(srv.tmp, "log"))
        ours = lint(binary, srv.data, version, "PGT405")
        t.compare("certificate with " + label,
                  "refused" if not started else "started",
                  "refused" if ours else "started")
    for name in ("server.key", "server.crt"):
        os.unlink(os.path.join(srv.data, name))
    return skipped


def psql_verifies(srv, host, ca):
    conn = ("host=%s port=%s dbname=postgres user=postgres "
            "sslmode=verify-full sslrootcert=%s" % (host, srv.port, ca))
    if not host[0].isdigit() and ":" not in host:
        conn += " hostaddr=127.0.0.1"
    env = dict(os.environ, PGCONNECT_TIMEOUT="5")
    for k in ("PGSSLMODE", "PGHOST", "PGHOSTADDR", "PGSSLROOTCERT"):
        env.pop(k, None)
    r = subprocess.run([os.path.join(srv.bindir, "psql"), "-X", "-At", "-c",
                        "select 1", conn], env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True)
    return r.returncode == 0, conn


def host_names(binary, srv, version, t, gen):
    """PGT404 against psql verify-full."""
    mkcert(gen, "ca", "-a", "-c", "oracle CA")
    srv.write(os.path.join(srv.data, "postgresql.conf"),
              "ssl = on\nssl_cert_file = 'server.crt'\n"
              "ssl_key_file = 'server.key'\nlisten_addresses = '127.0.0.1'\n")
    started = False
    for i, (label, san, cn) in enumerate(CERTS):
        args = ["srv%d" % i, "-i", "ca", "-c", cn]
        if san:
            args += ["-n", san]
        mkcert(gen, *args)
        for ext in ("crt", "key"):
            with open(os.path.join(gen, "srv%d.%s" % (i, ext)), "rb") as f:
                srv.write(os.path.join(srv.data, "server." + ext), f.read(),
                          0o600)
        if not started:
            srv.run(os.path.join(srv.bindir, "pg_ctl"), "-D", srv.data,
                    "-o", "-c unix_socket_directories=%s -c port=%s"
                    % (srv.sock, srv.port), "-l", srv.path("log"), "-w",
                    "start")
            started = True
        else:
            srv.reload()
            subprocess.run(["sleep", "1"])
        tree = tempfile.mkdtemp(prefix="pgtlslint-oracle-tree-")
        try:
            shutil.copy(os.path.join(srv.data, "server.crt"), tree)
            shutil.copy(os.path.join(gen, "ca.crt"), tree)
            with open(os.path.join(tree, "postgresql.conf"), "w") as f:
                f.write("ssl = on\nssl_cert_file = 'server.crt'\n"
                        "ssl_ca_file = 'ca.crt'\n")
            outcomes = {}
            for k, host in enumerate(HOSTS):
                ok, conn = psql_verifies(srv, host, os.path.join(gen,
                                                                 "ca.crt"))
                outcomes["c%d.py" % k] = (host, ok)
                with open(os.path.join(tree, "c%d.py" % k), "w") as f:
                    f.write("import psycopg\n\nconn = psycopg.connect(%r)\n"
                            % conn)
            flagged = {f["path"] for f in lint(binary, tree, version,
                                               "PGT404")}
            for path, (host, ok) in sorted(outcomes.items()):
                t.compare("%s: verify-full to %s" % (label, host),
                          "connects" if ok else "fails",
                          "fails" if path in flagged else "connects")
        finally:
            shutil.rmtree(tree, ignore_errors=True)


def main():
    binary = os.path.abspath(sys.argv[1])
    bindir = find_bindir()
    if not bindir:
        print("cert oracle: no PostgreSQL server installed: skipped")
        return 77
    version = bindir_version(bindir)
    t = Tally()
    srv = Server(bindir, PORT)
    gen = tempfile.mkdtemp(prefix="pgtlslint-certs-")
    try:
        srv.run(os.path.join(bindir, "initdb"), "-D", srv.data, "-A",
                "trust", "-U", "postgres", "--no-sync")
        skipped = key_modes(binary, srv, version, t, gen)
        host_names(binary, srv, version, t, gen)
    finally:
        srv.stop()
        shutil.rmtree(gen, ignore_errors=True)
    for d in t.disagreements:
        print("DISAGREE " + d)
    print("  oracle said: " + ", ".join(
        "%s %d" % kv for kv in sorted(t.wanted.items())))
    print("cert oracle (PostgreSQL %d): %d of %d agree%s"
          % (version, t.agreed, t.checked,
             ", %d root-owned cases left out (not root)" % skipped
             if skipped else ""))
    return 0 if t.agreed == t.checked and t.checked else 1


if __name__ == "__main__":
    sys.exit(main())
