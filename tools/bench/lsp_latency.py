#!/usr/bin/env python3
"""lsp_latency.py -- pgtlslint lsp: time from didChange to the
publishDiagnostics of that version, on 2,000-line files as an editor
sends them (one keystroke at a time, each waited for).

A measurement: nothing is asserted. Target (issue 18): median <= 10 ms.

usage: tools/bench/lsp_latency.py PGTLSLINT [EDITS]
"""
import json
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    def __init__(self, binary, cwd):
        self.p = subprocess.Popen([binary, "lsp"], cwd=cwd,
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)
        self.buf = b""

    def send(self, obj):
        self.p.stdin.write(frame(obj))
        self.p.stdin.flush()

    def recv(self):
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                n = int(head.split(b":")[1])
                if len(rest) >= n:
                    self.buf = rest[n:]
                    return json.loads(rest[:n])
            select.select([self.p.stdout], [], [], 30)
            chunk = os.read(self.p.stdout.fileno(), 1 << 20)
            if not chunk:
                raise SystemExit("the server ended")
            self.buf += chunk

    def published(self, uri, version):
        while True:
            m = self.recv()
            if (m.get("method") == "textDocument/publishDiagnostics" and
                    m["params"]["uri"] == uri and
                    m["params"].get("version") == version):
                return m["params"]["diagnostics"]


def js_file(lines):
    out = ["const { Pool } = require('pg');", ""]
    i = 0
    while len(out) < lines - 1:
        i += 1
        out += ["// service %d: its pool and a query helper" % i,
                "const pool%d = new Pool({" % i,
                "  host: process.env.DB_HOST_%d || 'db%d.internal'," % (i, i),
                "  ssl: { rejectUnauthorized: %s }," %
                ("false" if i % 25 == 0 else "true"),
                "});",
                "async function query%d(sql, args) {" % i,
                "  const client = await pool%d.connect();" % i,
                "  try { return await client.query(sql, args); }",
                "  finally { client.release(); }",
                "}", ""]
    return "\n".join(out[:lines]) + "\n"


def py_file(lines):
    out = ["import psycopg2", ""]
    i = 0
    while len(out) < lines - 1:
        i += 1
        out += ["def fetch_%d(cursor_factory=None):" % i,
                "    conn = psycopg2.connect(",
                "        'host=db%d.internal dbname=app sslmode=%s "
                "sslrootcert=/etc/ssl/ca.pem')" %
                (i, "disable" if i % 25 == 0 else "verify-full"),
                "    with conn.cursor() as cur:",
                "        cur.execute('select %d')" % i,
                "        return cur.fetchall()", ""]
    return "\n".join(out[:lines]) + "\n"


def measure(binary, root, name, text, edits):
    path = os.path.join(root, name)
    uri = "file://" + path
    s = Server(binary, root)
    s.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"capabilities": {}}})
    s.recv()
    s.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "x",
                                        "version": 1, "text": text}}})
    found = len(s.published(uri, 1))
    times = []
    nlines = text.count("\n")
    for v in range(2, edits + 2):
        line = (v * 37) % nlines
        change = {"range": {"start": {"line": line, "character": 0},
                            "end": {"line": line, "character": 0}},
                  "text": " "}
        start = time.perf_counter()
        s.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": v},
                           "contentChanges": [change]}})
        s.published(uri, v)
        times.append((time.perf_counter() - start) * 1000)
    s.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    s.send({"jsonrpc": "2.0", "method": "exit"})
    s.p.stdin.close()
    s.p.wait(10)
    times.sort()
    print("  %-8s %5d lines %7.1f KB %3d findings   didChange -> "
          "publishDiagnostics: median %.2f ms, p90 %.2f ms, max %.2f ms "
          "(%d edits)" %
          (name, nlines, len(text) / 1e3, found, statistics.median(times),
           times[int(len(times) * 0.9)], times[-1], len(times)))


def main():
    binary = os.path.abspath(sys.argv[1])
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    print("== language server latency (target: median <= 10 ms)")
    with tempfile.TemporaryDirectory() as root:
        measure(binary, root, "db.js", js_file(2000), edits)
        measure(binary, root, "db.py", py_file(2000), edits)


if __name__ == "__main__":
    main()
