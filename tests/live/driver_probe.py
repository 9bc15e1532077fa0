#!/usr/bin/env python3
"""driver_probe.py — every driver measured against a loopback probe server
(issue 15), and pgtlslint compared with what each really did.

usage: driver_probe.py PGTLSLINT WORKDIR [DRIVER ...]

For each driver whose packages are installed, each generated variant (a
connection string and driver options) is
  1. connected by a tiny client program of that driver to the probe
     (tests/live/probe/), once per scenario until the outcome is known:
     does it ask for TLS, fall back to plaintext on 'N', accept a
     self-signed certificate, a certificate for another host?
  2. written into a source file of that driver's language, in its real
     connection position, and linted with --judge-loopback (the probe is
     on loopback) and --pg-version of the libpq installed;
and the two outcomes are compared. docs/driver-outcomes.md is written from
the measurements (with --write-table). A difference the driver's version
or this machine's files explain (Driver.difference: a root certificate
file named but absent here; a row that changed between the version
installed and the latest release, which pgtlslint's tables follow, RULES.md
decision 10) is counted and listed apart, and does not fail the run.

Environment of the clients: no PG* variables; HOME has no
~/.postgresql/root.crt (so a missing sslrootcert means "none" for libpq
and pgjdbc); SSL_CERT_FILE and NODE_EXTRA_CA_CERTS name the test CA, which
stands for a public CA in the "system roots" cases of Go and Node.
"""

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "probe"))

import certs  # noqa: E402
import probe_server  # noqa: E402
import drivers  # noqa: E402

OUTCOMES = ("refused", "none", "opportunistic", "encrypt-only", "verify-ca",
            "verify-full")
# What pgtlslint's finding on the connection says its outcome is.
RULE_OUTCOME = {"PGT309": "refused", "PGT301": "none", "PGT302": "opportunistic",
                "PGT303": "encrypt-only", "PGT305": "encrypt-only",
                "PGT304": "verify-ca"}


MISSING_FILE = re.compile(r"No such file|does not exist|unable to read CA file|"
                          r"could not read root certificate|ENOENT", re.I)


def measure(probe, client, variant):
    """The driver's real outcome for one variant, from the probe's records:
    scenarios are tried in order until one decides."""
    seen = {}

    def attempt(scenario):
        result = client.connect(variant.conn.replace("@PORT", str(probe.ports[scenario])),
                                variant.options)
        # A connection on which nothing was sent says nothing of this
        # attempt: lib/pq dials before it rejects its own sslmode, and
        # that bare socket may be served only during the next attempt.
        recs = [r for r in probe.take_records()
                if r["tls_requested"] or r["startup"] or r["direct_tls"]]
        seen[scenario] = (result, recs)
        return result, recs

    def startup(recs, how):
        return any(r["startup"] == how for r in recs)

    def refused():
        # Refused before connecting (or before its first message). A root
        # certificate file that is not on this machine is the machine's,
        # not the string's: the driver fails closed (it would verify with
        # the file in place).
        return "fails-closed" if MISSING_FILE.search(result) else "refused"

    result, recs = attempt("good")
    if not recs:
        return refused(), seen
    asked = recs[0]["tls_requested"]
    if not asked:
        if not startup(recs, "plaintext"):
            return refused(), seen
        _, recs = attempt("plain-refused")
        return ("opportunistic" if startup(recs, "encrypted") else "none"), seen
    _, recs = attempt("no-tls")
    if startup(recs, "plaintext"):
        return "opportunistic", seen
    _, recs = attempt("self-signed")
    if startup(recs, "encrypted"):
        return "encrypt-only", seen
    _, recs = attempt("wrong-host")
    if startup(recs, "encrypted"):
        return "verify-ca", seen
    good = seen["good"][1]
    if startup(good, "encrypted"):
        attempt("expired")
        return "verify-full", seen
    # Asked for TLS and accepted no certificate at all, not even one that
    # chains to the test CA and names the host: it can never connect
    # unverified (libpq's verify-* without a root certificate file).
    return "fails-closed", seen


def lint_outcomes(pgtlslint, tree, version):
    """{file name: outcome} from one pgtlslint run over tree."""
    run = subprocess.run(
        [pgtlslint, "--judge-loopback", "--pg-version", str(version),
         "--fail-on", "never", "--no-show-source", "--color", "never", tree],
        capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("driver-probe: pgtlslint failed: " + run.stderr[:400])
    found = {}
    for line in run.stdout.splitlines():
        name = line.split(":", 1)[0]
        for rule, outcome in RULE_OUTCOME.items():
            if "[" + rule + " " in line:
                found.setdefault(os.path.basename(name), set()).add(outcome)
    out = {}
    for name, outcomes in found.items():
        for o in OUTCOMES:  # the weakest named wins (refused first)
            if o in outcomes:
                out[name] = o
                break
    return out


def agrees(measured, linted):
    if measured == "fails-closed":
        return linted in ("verify-ca", "verify-full", "refused")
    return measured == linted


def write_table(path, rows, version):
    """docs/driver-outcomes.md: driver x variant -> measured outcome."""
    with open(path, "w") as f:
        f.write("# What each driver really does: measured outcomes\n\n"
                "Written by `tests/live/driver_probe.py --write-table` (run it with\n"
                "`make driver-table`); do not edit by hand. Each row is one connection\n"
                "variant, connected by the driver's own client program to a loopback\n"
                "probe server that plays PostgreSQL's opening (tests/live/probe/).\n\n"
                "Outcomes: `none` (never asks for TLS), `opportunistic` (falls back to\n"
                "plaintext when the server says no), `encrypt-only` (accepts a\n"
                "self-signed certificate), `verify-ca` (accepts a certificate for\n"
                "another host), `verify-full`, `fails-closed` (accepts no certificate:\n"
                "no root certificate to check against), `refused` (the driver rejected\n"
                "its own parameters before connecting). *Expired*: whether a\n"
                "verifying driver accepted an expired certificate.\n\n"
                "Clients ran with no `PG*` variables and no `~/.postgresql/root.crt`;\n"
                "the test CA was the \"system\" CA (`SSL_CERT_FILE`,\n"
                "`NODE_EXTRA_CA_CERTS`). libpq %d.\n" % version)
        current = None
        for name, ver, label, outcome, expired in rows:
            if name != current:
                current = name
                f.write("\n## %s %s\n\n| variant | outcome | expired |\n|---|---|---|\n"
                        % (name, ver))
            f.write("| `%s` | %s | %s |\n" % (label.replace("|", "\\|"), outcome,
                                              "" if expired is None else
                                              ("accepted" if expired else "rejected")))


def libpq_version():
    out = subprocess.run(["pg_config", "--version"], capture_output=True, text=True).stdout
    return int(out.split()[1].split(".")[0]) if out else 15


def run_driver(name, driver, pgtlslint, version, work, cache, env, certificates):
    """Measures and lints one driver with its own probe server; returns
    (report lines, table rows, log lines, disagreements)."""
    out, rows, log = [], [], []
    client, why = driver.start(cache, env)
    if client is None:
        if os.environ.get("CI"):
            return ["driver-probe: %s: CI must run it: %s" % (name, why)], rows, log, 1
        return ["driver-probe: %s: skipped (%s)" % (name, why)], rows, log, 0
    tree = os.path.join(work, "lint", name.replace("/", "-"))
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(tree)
    files = {}
    for i, v in enumerate(driver.variants):
        fname = "v%03d%s" % (i, driver.extension)
        with open(os.path.join(tree, fname), "w") as f:
            f.write(driver.source(v))
        files[fname] = v
    linted = lint_outcomes(pgtlslint, tree, version)
    probe = probe_server.Probe(certificates)
    agree = disagree = 0
    explained = {}
    t0 = time.monotonic()
    try:
        for fname, v in files.items():
            measured, seen = measure(probe, client, v)
            got = linted.get(fname, "verify-full")
            expired = seen.get("expired")
            rows.append((name, driver.version, v.label, measured,
                         None if expired is None else
                         any(r["startup"] == "encrypted" for r in expired[1])))
            if agrees(measured, got):
                agree += 1
                continue
            why = driver.difference(v, measured, got)
            if why:
                explained[why] = explained.get(why, 0) + 1
                log.append("EXPLAINED %s %s: %s measured %s, pgtlslint %s: %s"
                           % (name, fname, v.label, measured, got, why))
                continue
            disagree += 1
            line = ("DISAGREE %s %s: %s measured %s, pgtlslint %s (client: %s)"
                    % (name, fname, v.label, measured, got, seen["good"][0]))
            log.append(line)
            if disagree <= 5:
                out.append("  " + line)
    finally:
        client.close()
        probe.close()
    out.append("driver-probe %-13s %s: %d variants, %d agree, %d disagree, %d explained (%.0f s)"
               % (name, driver.version, len(files), agree, disagree, sum(explained.values()),
                  time.monotonic() - t0))
    out += ["    %d explained: %s" % (n, why) for why, n in explained.items()]
    return out, rows, log, disagree


def main():
    args = sys.argv[1:]
    table = "--write-table" in args
    args = [a for a in args if a != "--write-table"]
    if len(args) < 2:
        sys.exit(__doc__)
    pgtlslint = os.path.abspath(args[0])
    work = os.path.abspath(args[1])
    # the client programs (Go and Java builds, npm packages) are kept
    # across runs and build trees: PROBE_CACHE, or WORKDIR
    cache = os.path.abspath(os.environ.get("PROBE_CACHE", work))
    wanted = args[2:]
    os.makedirs(work, exist_ok=True)
    ca, certificates = certs.make(os.path.join(work, "certs"))
    home = os.path.join(work, "home")
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(HOME=home, SSL_CERT_FILE=ca, NODE_EXTRA_CA_CERTS=ca, PROBE_CA=ca)
    version = libpq_version()
    chosen = {n: d for n, d in drivers.drivers(ca).items() if not wanted or n in wanted}
    # each driver has its own probe server and client: they run at once
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        jobs = {n: pool.submit(run_driver, n, d, pgtlslint, version, work, cache, env,
                               certificates)
                for n, d in chosen.items()}
        results = {n: j.result() for n, j in jobs.items()}
    failed = total = 0
    rows = []
    with open(os.path.join(work, "disagreements.txt"), "w") as log:
        for name in chosen:
            out, driver_rows, lines, disagree = results[name]
            print("\n".join(out))
            rows += driver_rows
            log.writelines(line + "\n" for line in lines)
            failed += disagree
            total += len(driver_rows)
    if table:
        write_table(os.path.join(HERE, "..", "..", "docs", "driver-outcomes.md"), rows, version)
    print("driver-probe: %d passed, %d failed" % (total - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
