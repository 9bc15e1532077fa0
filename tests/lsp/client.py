#!/usr/bin/env python3
"""client.py -- a scripted Language Server Protocol client for
`pgtlslint lsp`: every message type the server handles and every error
path of the protocol, checked on a fixture project built in a temporary
directory.

Each check is written from the LSP 3.17 specification (framing, JSON-RPC
error codes, UTF-16 positions, WorkspaceEdit) and from what the command
line reports on the same text; the client applies the server's edits the
way an editor does and sends them back as incremental changes.

usage: tests/lsp/client.py PGTLSLINT      (exit 1 and the failed checks on failure)
"""
import json
import os
import select
import subprocess
import sys
import tempfile
import time

SECRET = "hunter2secretpw"
FAILED = []
PASSED = []


def check(cond, what):
    PASSED.append(what)
    if not cond:
        FAILED.append(what)
        print("FAIL:", what)
    return cond


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def uri_of(path):
    return "file://" + path.replace("%", "%25").replace(" ", "%20")


def utf16_slice(line, start, end):
    """line[start:end] with start and end in UTF-16 code units."""
    b = line.encode("utf-16-le")
    return b[2 * start:2 * end].decode("utf-16-le")


def offset_of(text, pos):
    """The index in text of an LSP position (UTF-16 units)."""
    lines = text.split("\n")
    i = sum(len(l) + 1 for l in lines[:pos["line"]])
    line = lines[pos["line"]] if pos["line"] < len(lines) else ""
    units = 0
    k = 0
    while k < len(line) and units < pos["character"]:
        units += 2 if ord(line[k]) > 0xFFFF else 1
        k += 1
    return i + k


def apply_edit(text, edit):
    s = offset_of(text, edit["range"]["start"])
    e = offset_of(text, edit["range"]["end"])
    return text[:s] + edit["newText"] + text[e:]


class Client:
    def __init__(self, binary, cwd):
        self.p = subprocess.Popen([binary, "lsp"], cwd=cwd,
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.buf = b""
        self.next_id = 1
        self.transcript = b""  # every byte the server wrote
        self.backlog = []

    def send_raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def notify(self, method, params):
        self.send_raw(frame({"jsonrpc": "2.0", "method": method,
                             "params": params}))

    def request(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            msg["params"] = params
        self.send_raw(frame(msg))
        return rid

    def _read_message(self, deadline):
        while True:
            head, sep, rest = self.buf.partition(b"\r\n\r\n")
            if sep:
                n = int(head.split(b":")[1])
                if len(rest) >= n:
                    self.buf = rest[n:]
                    return json.loads(rest[:n])
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if not r:
                return None
            chunk = os.read(self.p.stdout.fileno(), 1 << 20)
            if not chunk:
                return None
            self.transcript += chunk
            self.buf += chunk

    def wait(self, pred, timeout=20):
        """The first message (backlog first) pred accepts; None on
        timeout."""
        for i, m in enumerate(self.backlog):
            if pred(m):
                return self.backlog.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            m = self._read_message(deadline)
            if m is None:
                return None
            if pred(m):
                return m
            self.backlog.append(m)

    def reply(self, rid, timeout=20):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m,
                         timeout)

    def call(self, method, params=None):
        return self.reply(self.request(method, params))

    def open(self, uri, text, language="python"):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": 1, "text": text}})

    def send_edit(self, uri, version, edit):
        """An edit of the server's, sent back as an editor would."""
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": edit["range"],
                                "text": edit["newText"]}]})

    def hover(self, uri, line=0, character=0):
        return self.call("textDocument/hover", {
            "textDocument": {"uri": uri},
            "position": {"line": line, "character": character}})

    def actions(self, uri, line, end=0, only=None):
        context = {"diagnostics": []}
        if only is not None:
            context["only"] = only
        r = self.call("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": line, "character": 0},
                      "end": {"line": line, "character": end}},
            "context": context})
        return (r or {}).get("result") or []

    def diagnostics(self, uri, timeout=20):
        m = self.wait(lambda m: m.get("method") ==
                      "textDocument/publishDiagnostics" and
                      m["params"]["uri"] == uri, timeout)
        return None if m is None else m["params"]["diagnostics"]

    def drain(self, seconds=0.3):
        """Messages that arrive within seconds (and the backlog)."""
        got, self.backlog = self.backlog, []
        deadline = time.monotonic() + seconds
        while True:
            m = self._read_message(deadline)
            if m is None:
                return got
            got.append(m)

    def close(self, timeout=10):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        try:
            rc = self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = "hung"
        rest = self.p.stdout.read()
        self.transcript += rest
        err = self.p.stderr.read().decode(errors="replace")
        return rc, err


def codes(diags):
    return sorted(d.get("code", "") for d in diags or [])


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return path


APP_PY = ("import psycopg2\n"
          "\n"
          "conn = psycopg2.connect(\"host=db.example.com dbname=app "
          "sslmode=disable password=" + SECRET + "\")\n")


def initialized(binary, root):
    c = Client(binary, root)
    r = c.call("initialize", {"processId": None, "rootUri": uri_of(root),
                              "capabilities": {}})
    c.notify("initialized", {})
    return c, r


def test_session(binary, root):
    app = write(root, "app.py", APP_PY)
    sub = write(root, "sub/app.py", APP_PY)
    write(root, "sub/.pgtlslint.yaml", "rules:\n  PGT301: off\n")
    write(root, "server/postgresql.conf", "ssl = off\n")
    hba = write(root, "server/pg_hba.conf",
                "hostssl all all 10.0.0.0/8 scram-sha-256\n")
    conf = os.path.join(root, "server/postgresql.conf")
    data = write(root, "config/database.json",
                 '{"url": "postgres://app@db.example.com/app'
                 '?sslmode=disable"}\n')
    multi = write(root, "multi.py",
                  'import psycopg2\n'
                  'DSN = """\n'
                  'host=db.example.com\n'
                  'sslmode=disable\n'
                  '"""\n'
                  'psycopg2.connect(DSN)\n')
    spaced = write(root, "dir with space/app.py", APP_PY)
    write(root, "vendor/.keep", "")
    write(root, ".pgtlslint.yaml", "exclude: [vendor]\n")
    vendored = write(root, "vendor/app.py", APP_PY)

    c = Client(binary, root)
    # before initialize: a request is refused, a notification dropped
    r = c.hover(uri_of(app))
    check(r and r.get("error", {}).get("code") == -32002,
          "a request before initialize gets ServerNotInitialized")
    r = c.call("initialize", {"processId": None, "rootUri": uri_of(root),
                              "capabilities": {}})
    caps = (r or {}).get("result", {}).get("capabilities", {})
    check(caps.get("textDocumentSync", {}).get("change") == 2 and
          caps["textDocumentSync"].get("openClose") is True,
          "initialize: incremental sync with open and close")
    check(caps.get("hoverProvider") is True and
          "quickfix" in caps.get("codeActionProvider", {})
          .get("codeActionKinds", []),
          "initialize: hover and quick fixes")
    check(caps.get("positionEncoding") == "utf-16",
          "initialize: positions in UTF-16 units")
    check(r["result"].get("serverInfo", {}).get("name") == "pgtlslint",
          "initialize: serverInfo")
    r = c.call("initialize", {"capabilities": {}})
    check(r and r.get("error", {}).get("code") == -32600,
          "a second initialize is an invalid request")
    c.notify("initialized", {})

    # open: the buffer's findings, with codes, severity and documentation
    c.open(uri_of(app), APP_PY)
    d = c.diagnostics(uri_of(app))
    check(codes(d) == ["PGT301", "PGT308"],
          "didOpen: sslmode=disable and the password (got %s)" % codes(d))
    line = APP_PY.split("\n")[2]
    by = {x["code"]: x for x in d or []}
    if "PGT301" in by:
        rg = by["PGT301"]["range"]
        check(utf16_slice(line, rg["start"]["character"],
                          rg["end"]["character"]) == "disable" and
              rg["start"]["line"] == 2,
              "PGT301's range is the word disable")
        check(by["PGT301"]["severity"] == 1 and
              by["PGT301"]["source"] == "pgtlslint" and
              by["PGT301"]["codeDescription"]["href"].startswith("https://"),
              "a diagnostic has severity, source and codeDescription")
    if "PGT308" in by:
        check(SECRET not in by["PGT308"]["message"],
              "the password is masked in the message")

    # the same text on the command line says the same
    cli = subprocess.run([binary, "--format", "json", "--stdin-filename",
                          app, "-"], input=APP_PY.encode(),
                         capture_output=True, cwd=root)
    cli_codes = sorted(f["rule"] for f in
                       json.loads(cli.stdout)["findings"])
    check(cli_codes == codes(d),
          "the editor and the command line agree (%s)" % cli_codes)

    # hover: the rule's --explain text; nothing where no finding is
    rg = by.get("PGT301", {}).get("range", {"start": {"line": 2,
                                                      "character": 0}})
    r = c.call("textDocument/hover", {
        "textDocument": {"uri": uri_of(app)}, "position": rg["start"]})
    value = ((r or {}).get("result") or {}).get("contents", {}).get("value",
                                                                    "")
    explain = subprocess.run([binary, "--explain", "PGT301"],
                             capture_output=True, text=True).stdout
    check(explain and explain in value,
          "hover shows the rule's --explain text")
    r = c.call("textDocument/hover", {
        "textDocument": {"uri": uri_of(app)},
        "position": {"line": 0, "character": 1}})
    check(r and "result" in r and r["result"] is None,
          "hover away from a finding is null")

    # code actions: the safe fix, applied as an editor would
    r = c.call("textDocument/codeAction", {
        "textDocument": {"uri": uri_of(app)},
        "range": {"start": {"line": 2, "character": 0},
                  "end": {"line": 2, "character": 0}},
        "context": {"diagnostics": d or []}})
    actions = (r or {}).get("result") or []
    fixes = [a for a in actions if a["title"].startswith("Fix PGT301")]
    ignores = {a["title"].split()[1]: a for a in actions
               if a["title"].startswith("Ignore")}
    check(len(fixes) == 1 and fixes[0]["isPreferred"] and
          fixes[0]["kind"] == "quickfix",
          "codeAction offers PGT301's fix, preferred")
    check(set(ignores) == {"PGT301", "PGT308"},
          "codeAction offers an ignore comment for each finding")
    check(not any(a["title"].startswith("Fix PGT308") for a in actions),
          "no fix is offered for a password (none is safe)")
    text = APP_PY
    version = 1
    if fixes:
        edits = fixes[0]["edit"]["changes"][uri_of(app)]
        for e in edits:
            text = apply_edit(text, e)
            version += 1
            c.send_edit(uri_of(app), version, e)
        check("sslmode=verify-full" in text, "the fix writes verify-full")
        d = c.diagnostics(uri_of(app))
        # verify-full without sslrootcert is PGT307's (a note): the fix
        # says so in --fix's text too
        check(codes(d) == ["PGT307", "PGT308"],
              "after the fix, PGT301 is gone (got %s)" % codes(d))
    with open(app) as f:
        check(f.read() == APP_PY, "the file on disk is never written")
    if "PGT308" in ignores:
        acts = c.actions(uri_of(app), 2, end=3)
        ign = [a for a in acts if a["title"].startswith(
            "Ignore PGT308")]
        if check(len(ign) == 1, "the ignore action is offered again"):
            e = ign[0]["edit"]["changes"][uri_of(app)][0]
            text = apply_edit(text, e)
            version += 1
            c.send_edit(uri_of(app), version, e)
            check(e["newText"].startswith("# pgtlslint: ignore PGT308 -- "),
                  "the ignore comment is a Python comment with a reason")
            d = c.diagnostics(uri_of(app))
            check(codes(d) == ["PGT307"],
                  "the ignore comment silences PGT308 (got %s)" % codes(d))
    # a whole-text change (no range) replaces everything
    version += 1
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri_of(app), "version": version},
        "contentChanges": [{"text": APP_PY}]})
    m = c.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
               and m["params"]["uri"] == uri_of(app))
    check(m and codes(m["params"]["diagnostics"]) == ["PGT301", "PGT308"] and
          m["params"]["version"] == version,
          "a full change is linted, with its version")
    # a burst of edits is linted once, after the last
    for k in range(20):
        version += 1
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri_of(app), "version": version},
            "contentChanges": [{"range": {
                "start": {"line": 1, "character": 0},
                "end": {"line": 1, "character": 0}}, "text": "#"}]})
    c.call("textDocument/hover", {"textDocument": {"uri": uri_of(app)},
                                  "position": {"line": 0, "character": 0}})
    pubs = [m for m in c.drain() if m.get("method") ==
            "textDocument/publishDiagnostics"]
    check(pubs and pubs[-1]["params"]["version"] == version,
          "after a burst, the last version is published")

    # UTF-16 positions: an astral character before the finding
    emoji = ("import psycopg2\n"
             "x = '\U0001F418\U0001F418'; c = psycopg2.connect("
             "'host=db.example.com sslmode=disable')\n")
    eu = uri_of(os.path.join(root, "emoji.py"))
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": eu, "languageId": "python", "version": 1, "text": emoji}})
    d = c.diagnostics(eu)
    if check(codes(d) == ["PGT301"], "emoji.py: PGT301"):
        rg = d[0]["range"]
        check(utf16_slice(emoji.split("\n")[1], rg["start"]["character"],
                          rg["end"]["character"]) == "disable",
              "columns count UTF-16 units past an astral character")
    # an incremental edit addressed in UTF-16 units
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": eu, "version": 2},
        "contentChanges": [{"range": d[0]["range"] if d else None,
                            "text": "verify-full"}]})
    check(codes(c.diagnostics(eu)) == ["PGT307"],
          "an edit at UTF-16 positions lands on the word")

    # .pgtlslint.yaml scopes apply as on the command line
    c.open(uri_of(sub), APP_PY)
    check(codes(c.diagnostics(uri_of(sub))) == ["PGT308"],
          "a nested .pgtlslint.yaml turns PGT301 off in its subtree")
    c.open(uri_of(vendored), APP_PY)
    check(c.diagnostics(uri_of(vendored)) == [],
          "an excluded path gets no diagnostics")
    c.open(uri_of(spaced), APP_PY)
    check(codes(c.diagnostics(uri_of(spaced))) == ["PGT301", "PGT308"],
          "a percent-encoded URI names its file")

    # cross-file: pg_hba.conf judged with the postgresql.conf beside it
    hba_text = open(hba).read()
    c.open(uri_of(hba), hba_text, "conf")
    check("PGT210" in codes(c.diagnostics(uri_of(hba))),
          "hostssl while the postgresql.conf beside it has ssl off")
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri_of(conf), "languageId": "conf", "version": 1,
        "text": "ssl = on\nssl_min_protocol_version = 'TLSv1.2'\n"}})
    c.diagnostics(uri_of(conf))
    check("PGT210" not in codes(c.diagnostics(uri_of(hba))),
          "the open postgresql.conf buffer (ssl on) is the one paired")
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(conf)}})
    check(c.diagnostics(uri_of(conf)) == [],
          "didClose clears the document's diagnostics")
    check("PGT210" in codes(c.diagnostics(uri_of(hba))),
          "closed: the file on disk is paired again")

    # JSON has no comments: a fix, never an ignore comment
    dtext = open(data).read()
    c.open(uri_of(data), dtext, "json")
    d = c.diagnostics(uri_of(data))
    check(codes(d) == ["PGT301"], "database.json: PGT301")
    acts = c.actions(uri_of(data), 0)
    titles = [a["title"] for a in acts]
    check(any(t.startswith("Fix") for t in titles) and
          not any(t.startswith("Ignore") for t in titles),
          "JSON: the fix, and no comment (got %s)" % titles)
    # inside a string over several lines, a comment line would change it
    mtext = open(multi).read()
    c.open(uri_of(multi), mtext)
    d = c.diagnostics(uri_of(multi))
    check(codes(d) == ["PGT301"], "multi.py: PGT301")
    acts = c.actions(uri_of(multi), 3)
    titles = [a["title"] for a in acts]
    check(not any(t.startswith("Ignore") for t in titles),
          "no ignore comment inside a triple-quoted string (got %s)" % titles)
    acts = c.actions(uri_of(app), 2, only=["refactor"])
    check(acts == [], "context.only without quickfix: no actions")

    # didSave lints again; a URI that is no file gets nothing
    c.notify("textDocument/didSave", {"textDocument": {"uri": uri_of(app)}})
    check(c.diagnostics(uri_of(app)) is not None, "didSave lints again")
    c.open("untitled:Untitled-1", APP_PY)
    check(c.diagnostics("untitled:Untitled-1") == [],
          "a URI that names no file: no diagnostics")
    nul = APP_PY.replace("import", "imp\u0000ort")
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri_of(os.path.join(root, "nul.py")), "languageId": "python",
        "version": 1, "text": nul}})
    check(c.diagnostics(uri_of(os.path.join(root, "nul.py"))) is not None,
          "a NUL character in a document is linted, not fatal")
    big = ("const { Client } = require('pg');\n" +
           "// filler line for a large document\n" * 200000 +
           "new Client({ connectionString: "
           "'postgres://db.example.com/app?sslmode=disable' });\n")
    bu = uri_of(os.path.join(root, "big.js"))
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": bu, "languageId": "javascript", "version": 1, "text": big}})
    check(codes(c.diagnostics(bu, timeout=60)) == ["PGT301"],
          "a 7 MB document is linted")

    # protocol errors: each answered, the server goes on
    def error_of(raw, what, code, rid=None):
        c.send_raw(raw)
        m = c.wait(lambda m: "error" in m and m.get("id") == rid)
        check(m and m["error"]["code"] == code,
              "%s: error %d (got %s)" % (what, code, m))

    body = b'{"jsonrpc": "2.0", "id": 50, "method": '
    error_of(b"Content-Length: %d\r\n\r\n" % len(body) + body,
             "malformed JSON", -32700)
    error_of(frame([{"jsonrpc": "2.0", "id": 51, "method": "shutdown"}]),
             "a batch (array)", -32600)
    error_of(frame({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"}),
             "an id that is an object", -32600)
    error_of(frame({"jsonrpc": "2.0", "id": 52}), "no method", -32600, 52)
    error_of(b'Content-Length: 7\r\n\r\n{"a":"\xff"}', "invalid UTF-8",
             -32700)
    error_of(b"Content-Type: application/vscode-jsonrpc\r\n\r\n",
             "a header without Content-Length", -32700)
    error_of(b"Content-Length: ten\r\n\r\n", "Content-Length not a number",
             -32700)
    error_of(frame({"jsonrpc": "2.0", "id": 53, "method": "nonsense/x"}),
             "an unknown method", -32601, 53)
    error_of(frame({"jsonrpc": "2.0", "id": 54, "method":
                    "textDocument/hover", "params": {"textDocument": {
                        "uri": uri_of(app)}}}),
             "hover without a position", -32602, 54)
    error_of(frame({"jsonrpc": "2.0", "id": 55, "method":
                    "textDocument/codeAction", "params": {}}),
             "codeAction without a range", -32602, 55)
    c.notify("nonsense/notification", {})
    c.notify("$/cancelRequest", {"id": 1})
    m = c.hover(uri_of(app))
    check(m and "result" in m and not [x for x in c.backlog if "error" in x],
          "unknown notifications get no reply")
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(app)}})
    m = c.wait(lambda m: m.get("method") == "window/logMessage")
    check(m and m["params"]["type"] == 1,
          "a malformed notification is logged to the client")
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": "file:///nowhere.py", "version": 2},
        "contentChanges": [{"text": "x"}]})
    m = c.wait(lambda m: m.get("method") == "window/logMessage")
    check(m is not None, "a change to a document not open is logged")
    # a Content-Length too short: the rest runs into the next header
    good = frame({"jsonrpc": "2.0", "id": 60, "method": "textDocument/hover",
                  "params": {"textDocument": {"uri": uri_of(app)},
                             "position": {"line": 0, "character": 0}}})
    head, _, body = good.partition(b"\r\n\r\n")
    c.send_raw(b"Content-Length: %d\r\n\r\n" % (len(body) - 5) + body)
    r = c.hover(uri_of(app))
    check(r and "result" in r,
          "after a too short Content-Length, the next request is answered")
    check([m["error"]["code"] for m in c.backlog if "error" in m] == [-32700],
          "a too short Content-Length: one parse error")
    c.backlog = []
    # a Content-Length too long swallows the next message; the one after
    # is answered
    c.send_raw(b"Content-Length: %d\r\n\r\n" % (len(body) + 30) + body)
    c.request("textDocument/hover", {
        "textDocument": {"uri": uri_of(app)},
        "position": {"line": 0, "character": 0}})
    r = c.hover(uri_of(app))
    check(r and "result" in r,
          "after a too long Content-Length, the server reads on")
    check(c.backlog and all(m.get("error", {}).get("code") == -32700
                            for m in c.backlog),
          "a too long Content-Length: parse errors only")
    c.backlog = []
    # a message over the limit is skipped and answered with an error
    huge = 65 * (1 << 20)
    c.send_raw(b"Content-Length: %d\r\n\r\n" % huge)
    chunk = b" " * (1 << 20)
    for _ in range(65):
        c.send_raw(chunk)
    m = c.wait(lambda m: "error" in m and m.get("id") is None, 60)
    check(m and "limit" in m["error"]["message"],
          "a message over 64 MiB is skipped with an error")
    r = c.hover(uri_of(app))
    check(r and "result" in r, "the server answers after a huge message")
    # lowercase header names and a Content-Type are read
    c.send_raw(b"content-type: application/vscode-jsonrpc; charset=utf-8\r\n"
               + frame({"jsonrpc": "2.0", "id": 70, "method":
                        "textDocument/hover", "params": {
                            "textDocument": {"uri": uri_of(app)},
                            "position": {"line": 0, "character": 0}}})
               .lower().replace(b"content-length", b"content-length"))
    check(c.reply(70) is not None, "a Content-Type header is allowed")

    # shutdown, then requests are refused, then exit 0
    r = c.call("shutdown")
    check(r and r.get("result", 0) is None, "shutdown replies null")
    r = c.hover(uri_of(app))
    check(r and r.get("error", {}).get("code") == -32600,
          "a request after shutdown is an invalid request")
    c.notify("exit", None)
    rc, err = c.close()
    check(rc == 0, "exit after shutdown: status 0 (got %s)" % rc)
    check(err == "", "nothing on standard error (got %r)" % err[:200])
    check(SECRET.encode() not in c.transcript,
          "no byte of the password in anything the server wrote")
    with open(app) as f:
        check(f.read() == APP_PY, "no file was written")


def test_endings(binary, root):
    # exit without shutdown: status 1
    c, _ = initialized(binary, root)
    c.notify("exit", None)
    rc, _ = c.close()
    check(rc == 1, "exit without shutdown: status 1 (got %s)" % rc)
    # the input ends inside a message: no hang, status 1
    c, _ = initialized(binary, root)
    c.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"")
    rc, _ = c.close()
    check(rc == 1, "EOF inside a message: exit 1, no hang (got %s)" % rc)
    # the input ends inside a header
    c, _ = initialized(binary, root)
    c.send_raw(b"Content-Len")
    rc, _ = c.close()
    check(rc == 1, "EOF inside a header: exit 1 (got %s)" % rc)
    # the client goes away while the server writes
    c, _ = initialized(binary, root)
    c.p.stdout.close()
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri_of(os.path.join(root, "app.py")), "languageId": "python",
        "version": 1, "text": APP_PY}})
    try:
        c.p.stdin.close()
    except BrokenPipeError:
        pass
    try:
        rc = c.p.wait(10)
    except subprocess.TimeoutExpired:
        c.p.kill()
        rc = "hung"
    check(rc == 1, "output closed: exit 1, no signal (got %s)" % rc)
    # lsp takes no PATH
    p = subprocess.run([binary, "lsp", "app.py"], capture_output=True,
                       cwd=root)
    check(p.returncode == 2 and b"no PATH" in p.stderr,
          "'pgtlslint lsp PATH' is a usage error")


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as root:
        root = os.path.realpath(root)
        test_session(binary, root)
        test_endings(binary, root)
    if FAILED:
        print("lsp: %d passed, %d failed" % (len(PASSED) - len(FAILED),
                                             len(FAILED)))
        return 1
    print("lsp: %d passed, 0 failed" % len(PASSED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
