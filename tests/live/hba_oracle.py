#!/usr/bin/env python3
"""hba_oracle.py -- PostgreSQL as the oracle for pg_hba.conf.

One throw-away server (ssl on with a CA and certificate made by the openssl
command, TCP on 127.0.0.1 only), two checks:

1. Line validity. Every fixture pg_hba.conf is written as the server's hba
   file (with the files it references) and pg_hba_file_rules is read; it
   re-parses the file on each query. The lines it rejects must be exactly
   the lines we report as PGT209 or PGT208, judged as PostgreSQL <major>.
   A rejected line shows an error, or -- for the options whose failure
   hba.c does not describe (clientcert=1, clientname=XX, radiusports=x) --
   a row with every field empty.

2. Behaviour. For a set of hba files, each loaded by a restart, real psql
   connections over TCP with sslmode=disable and sslmode=require, as two
   users to two databases, must be accepted or refused exactly as
   --explain-hba predicts (plaintext and "TLS, no client cert" columns),
   including a record shadowed by an earlier reject and a record that
   requires a client certificate.

usage: hba_oracle.py PGTLSLINT
Exits 0 when all agree, 1 otherwise, 77 when no server is installed.
"""
import glob
import json
import os
import subprocess
import sys

from pgserver import Server, Tally, bindir_version, find_bindir

PORT = 5497
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures")

USERS = {"alice": "alice-pw", "bob": "bob-pw"}
DATABASES = ["appdb", "postgres"]

# (name, records after "local all postgres trust"); each is loaded with a
# restart and probed with every user, database and sslmode.
SCENARIOS = [
    ("host admits plaintext", [
        "host all all 127.0.0.1/32 scram-sha-256"]),
    ("hostssl only", [
        "hostssl all all 127.0.0.1/32 scram-sha-256"]),
    ("reject guard before host", [
        "hostnossl all all 127.0.0.1/32 reject",
        "host all all 127.0.0.1/32 scram-sha-256"]),
    ("shadowed by an earlier reject", [
        "host all all 127.0.0.0/8 reject",
        "hostssl appdb alice 127.0.0.1/32 scram-sha-256"]),
    ("per user and database", [
        "hostssl appdb alice 127.0.0.1/32 scram-sha-256",
        "hostnossl all bob 127.0.0.1/32 trust",
        "host postgres all 127.0.0.1/32 reject",
        "host all all 127.0.0.1/32 scram-sha-256"]),
    ("client certificate required", [
        "hostssl all all 127.0.0.1/32 scram-sha-256 clientcert=verify-full"]),
    ("mask column and a range elsewhere", [
        "host all all 10.0.0.0/8 trust",
        "host all alice 127.0.0.1 255.255.255.255 trust",
        "hostssl all all 0.0.0.0/0 scram-sha-256"]),
]


def hba_fixtures():
    for path in sorted(glob.glob(os.path.join(FIXTURES, "**", "*.conf"),
                                 recursive=True)):
        name = os.path.basename(path)
        if "hba" in name and not name.startswith("."):
            yield path


def ours_invalid_lines(binary, path, version):
    out = subprocess.run(
        [binary, "--format", "json", "--pg-version", str(version),
         os.path.basename(path)],
        cwd=os.path.dirname(path), stdout=subprocess.PIPE, text=True).stdout
    lines = set()
    for f in json.loads(out)["findings"]:
        if f["path"] != os.path.basename(path):
            continue
        if f["rule"] == "PGT208" or (
                f["rule"] == "PGT209"
                and not f["message"].startswith("the file has no records")):
            lines.add(f["line"])
    return lines


def check_validity(server, binary, version, tally):
    hba = os.path.join(server.data, "pg_hba.conf")
    with open(hba, "rb") as f:
        original = f.read()
    count = 0
    for path in hba_fixtures():
        case = os.path.dirname(path)
        placed = []
        for dirpath, _, files in os.walk(case):
            for name in files:
                src = os.path.join(dirpath, name)
                rel = os.path.relpath(src, case)
                if src == path or name in ("expected.txt", "args",
                                           "postgresql.conf"):
                    continue
                with open(src, "rb") as f:
                    server.write(os.path.join(server.data, rel), f.read())
                placed.append(rel)
        with open(path, "rb") as f:
            server.write(hba, f.read())
        rows = server.query("select line_number, type, error "
                            "from pg_hba_file_rules")
        theirs = {int(line) for line, typ, err in rows if err or not typ}
        label = os.path.relpath(path, FIXTURES)
        tally.compare(label + ": rejected lines", sorted(theirs),
                      sorted(ours_invalid_lines(binary, path, version)))
        count += len(rows)
        for rel in placed:
            os.unlink(os.path.join(server.data, rel))
    server.write(hba, original)
    return count


def predict(binary, hba_path, version, db, user):
    out = subprocess.run(
        [binary, "--explain-hba", hba_path, "--format", "json",
         "--pg-version", str(version), "--probe",
         "127.0.0.1,%s,%s" % (db, user)],
        stdout=subprocess.PIPE, text=True, check=True).stdout
    row = json.loads(out)["rows"][0]
    return {"disable": row["plaintext"]["verdict"] == "allowed",
            "require": row["tls"]["verdict"] == "allowed"}


def check_behaviour(server, binary, version, tally):
    hba = os.path.join(server.data, "pg_hba.conf")
    for user, password in USERS.items():
        server.query("create role %s login password '%s'" % (user, password))
    server.query("create database appdb")
    connections = 0
    for name, records in SCENARIOS:
        server.write(hba, "local all postgres trust\n" +
                     "\n".join(records) + "\n")
        server.run(os.path.join(server.bindir, "pg_ctl"), "-D", server.data,
                   "-w", "restart", "-l", server.path("log"))
        for db in DATABASES:
            for user, password in USERS.items():
                want = predict(binary, hba, version, db, user)
                for mode in ("disable", "require"):
                    got = server.connect_tcp(db, user, mode, password)
                    tally.compare("%s: %s@%s sslmode=%s accepted"
                                  % (name, user, db, mode), got, want[mode])
                    connections += 1
    return connections


def main():
    binary = os.path.abspath(sys.argv[1])
    bindir = find_bindir()
    if not bindir:
        print("hba oracle: SKIP: no PostgreSQL server installed "
              "(make deps installs it)")
        return 77
    version = bindir_version(bindir)
    server = Server(bindir, PORT)
    tally = Tally()
    try:
        ca, crt, key = server.make_certs()
        server.start("ssl = on\nssl_cert_file = '%s'\nssl_key_file = '%s'\n"
                     "ssl_ca_file = '%s'\n" % (crt, key, ca), tcp=True)
        lines = check_validity(server, binary, version, tally)
        files = tally.checked
        connections = check_behaviour(server, binary, version, tally)
    finally:
        server.stop()
    for d in tally.disagreements:
        print("DISAGREE " + d)
    print("hba oracle (PostgreSQL %d): %d files, %d lines read by the "
          "server; %d connections made; %d comparisons, %d agree, "
          "%d disagree" % (version, files, lines, connections, tally.checked,
                           tally.agreed, len(tally.disagreements)))
    print("hba-oracle: %d passed, %d failed"
          % (tally.agreed, len(tally.disagreements)))
    return 0 if not tally.disagreements else 1


if __name__ == "__main__":
    sys.exit(main())
