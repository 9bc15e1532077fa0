#!/usr/bin/env python3
"""key_secrets.py -- no byte of a private key in any output.

Keys made here with the openssl command (none is committed), in the forms
pgtlslint reads: PKCS#8, PKCS#1 and SEC 1 PEM (one beside its certificate
in a bundle), DER, a PEM block OpenSSL cannot decode, and the base64 of a
Kubernetes TLS Secret. Each tree is
linted in every output format with source lines and settings shown, with
--diff and --fix, from standard input, and under the language server's
hover; no output may hold a line of a key's base64 body, nor eight bytes
in a row of a DER key. Where the finding's line is the DER key's first
line, the text output must show it masked ("****"), so that the test
fails if the mask is removed.

usage: key_secrets.py PGTLSLINT
"""
import base64
import os
import subprocess
import sys
import tempfile

FORMATS = ["text", "json", "sarif", "github", "gitlab"]


def openssl(*args, cwd):
    subprocess.run(["openssl"] + list(args), cwd=cwd, check=True,
                   capture_output=True)


def make_keys(d):
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
            "-subj", "/CN=db.example.com", "-keyout", "server.key", "-out",
            "server.crt", cwd=d)
    openssl("rsa", "-traditional", "-in", "server.key", "-out", "rsa.key",
            cwd=d)
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
            "ec.key", cwd=d)
    with open(os.path.join(d, "bundle.pem"), "w") as out:
        for name in ("server.crt", "ec.key"):
            with open(os.path.join(d, name)) as f:
                out.write(f.read())
    os.remove(os.path.join(d, "ec.key"))
    openssl("pkey", "-in", "server.key", "-outform", "DER", "-out",
            "client.der", cwd=d)
    with open(os.path.join(d, "broken.pem"), "w") as f:
        f.write("-----BEGIN PRIVATE KEY-----\nMIIEvAIBADAN!!!notbase64\n"
                "-----END PRIVATE KEY-----\n")
    os.chmod(os.path.join(d, "server.key"), 0o644)
    with open(os.path.join(d, "server.key"), "rb") as f:
        data = base64.b64encode(f.read()).decode()
    with open(os.path.join(d, "tls-secret.yaml"), "w") as f:
        f.write("apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\n"
                "data:\n  tls.key: %s\n" % data)


def secret_pieces(d):
    """Lines of every PEM key body, and windows of the DER key."""
    lines, windows = [], []
    for name in ("server.key", "rsa.key", "bundle.pem", "broken.pem"):
        inside = False
        with open(os.path.join(d, name)) as f:
            for line in f:
                line = line.strip()
                if line.startswith("-----BEGIN") and "PRIVATE KEY" in line:
                    inside = True
                elif line.startswith("-----END"):
                    inside = False
                elif inside and len(line) >= 12:
                    lines.append(line)
    with open(os.path.join(d, "server.key"), "rb") as f:
        data = base64.b64encode(f.read()).decode()
    # the Secret's base64: pieces past its "-----BEGIN" prefix
    lines += [data[i:i + 24] for i in range(60, len(data) - 24, 24)]
    with open(os.path.join(d, "client.der"), "rb") as f:
        der = f.read()
    # past the common ASN.1 header: bytes only this key has
    windows = [der[i:i + 8] for i in range(40, len(der) - 8, 8)]
    windows.append(base64.b64encode(der[40:88]).decode())
    return lines, windows


def leaks(out, lines, windows):
    found = [l for l in lines if l in out]
    text = out.encode("utf-8", "surrogateescape")
    for w in windows:
        if isinstance(w, bytes):
            hexed = "".join("\\x%02x" % b for b in w).encode()
            if w in text or hexed in text.lower():
                found.append(repr(w))
        elif w in out:
            found.append(w)
    return found


def lsp_hover(binary, d, path):
    """The server's diagnostics and hover for one opened key file."""
    import json
    uri = "file://" + os.path.join(d, path)
    with open(os.path.join(d, path), "rb") as f:
        text = f.read().decode("utf-8", "replace")
    msgs = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": "file://" + d,
                    "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "pem",
                                     "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": uri},
                    "position": {"line": 0, "character": 0}}},
        {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    data = b"".join(b"Content-Length: %d\r\n\r\n%s" % (len(b), b)
                    for b in (json.dumps(m).encode() for m in msgs))
    p = subprocess.run([binary, "lsp"], cwd=d, input=data,
                       capture_output=True)
    return (p.stdout + p.stderr).decode("utf-8", "replace")


def main():
    binary = os.path.abspath(sys.argv[1])
    counts = {"ok": 0, "bad": 0}

    def judge(label, out, must_hold):
        found = leaks(out, lines, windows)
        if must_hold not in out:
            found.append("no %r in the output" % must_hold)
        counts["bad" if found else "ok"] += 1
        if found:
            print("LEAK %s: %s" % (label, found[:3]))

    with tempfile.TemporaryDirectory() as d:
        os.mkdir(os.path.join(d, ".git"))  # a repository: PGT406 applies
        make_keys(d)
        lines, windows = secret_pieces(d)
        runs = [("--format " + fmt,
                 [binary, "--format", fmt, "--show-source", "--show-settings",
                  "--color", "always", "."]) for fmt in FORMATS]
        runs += [("--diff", [binary, "--diff", "."]),
                 ("--fix", [binary, "--fix", "--show-source", "."])]
        for label, cmd in runs:
            p = subprocess.run(cmd, cwd=d, capture_output=True)
            out = (p.stdout + p.stderr).decode("utf-8", "surrogateescape")
            # the DER key's line, where text shows it, must be masked
            judge(label, out, "****" if label == "--format text" else "")
        for name in ("server.key", "client.der", "bundle.pem",
                     "tls-secret.yaml"):
            with open(os.path.join(d, name), "rb") as f:
                p = subprocess.run([binary, "--show-source", "--format",
                                    "json", "--stdin-filename", name, "-"],
                                   cwd=d, input=f.read(), capture_output=True)
            judge("stdin " + name,
                  (p.stdout + p.stderr).decode("utf-8", "surrogateescape"),
                  "PGT406")
        for name in ("server.key", "bundle.pem", "tls-secret.yaml"):
            judge("lsp " + name, lsp_hover(binary, d, name), "PGT406")
    print("key secrets: %d passed, %d failed" % (counts["ok"], counts["bad"]))
    return 1 if counts["bad"] else 0


if __name__ == "__main__":
    sys.exit(main())
