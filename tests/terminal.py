#!/usr/bin/env python3
"""terminal.py -- text output is safe for a terminal.

File names and values holding ESC sequences, CR, LF, NUL, DEL, C1
controls, bidirectional overrides and invalid UTF-8 are linted in text
form with source lines, settings, --diff and --explain-conn. The output
must hold no control byte but LF and TAB, no DEL, no C1 control, no bidi
override, and only valid UTF-8; and every line must be one the tool
meant to write (a file name with a newline cannot forge a finding line).

usage: terminal.py PGTLSLINT
"""
import os
import re
import subprocess
import sys
import tempfile

NASTY = "\x1b[31mred\x1b]0;title\x07\r\x7f\u0085\u009b\u202e"

# (file name, content): each holds a finding on the nasty line.
CASES = [
    ("evil\x1b[2J.env", "PGHOST=db.example.com\nPGSSLMODE=disable\n"),
    ("a\nfake.conf:1:1: error: forged [PGT101 x]\n.env",
     "PGHOST=db.example.com\nPGSSLMODE=disable\n"),
    ("values.env", f"PGHOST=db.example.com\nPGSSLMODE=disable # {NASTY}\n"
                   f"APP_NAME={NASTY}\n"),
    ("bytes.env", b"PGHOST=db.example.com\nPGSSLMODE=disable # \xff\xfe "
                  b"\xc2\x9b\n"),
    ("postgresql.conf", f"ssl = off\napplication_name = '{NASTY}'\n"),
    ("pg_hba.conf", f"host all all 0.0.0.0/0 md5 # {NASTY}\n"),
    ("db.py", f"import psycopg\nc = psycopg.connect('host=db.example.com "
              f"sslmode=disable application_name={NASTY[:5]}')\n"),
]

LINE = re.compile(r"^(pgtlslint: (note|error): |    |--- |\+\+\+ |@@ |[-+ ]"
                  r"|# |[a-z_.]+ = |[^\n]*:[0-9]+:[0-9]+: (error|warning|note)"
                  r": |[a-z/.-]+: )")


def bad_bytes(out):
    """The unsafe things in out, described."""
    found = []
    for i, b in enumerate(out):
        if (b < 0x20 and b not in (0x0a, 0x09)) or b == 0x7f:
            found.append(f"byte 0x{b:02x} at {i}")
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError as e:
        return found + [f"invalid UTF-8 at {e.start}"]
    for ch in text:
        if 0x80 <= ord(ch) <= 0x9f or 0x202a <= ord(ch) <= 0x202e or \
                0x2066 <= ord(ch) <= 0x2069:
            found.append(f"U+{ord(ch):04X}")
    return found


def main():
    binary = os.path.abspath(sys.argv[1])
    ok = bad = 0
    for name, content in CASES:
        with tempfile.TemporaryDirectory() as d:
            data = content if isinstance(content, bytes) else \
                content.encode()
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
            runs = [
                ["--format", "text", "--show-source", "--show-settings",
                 "--color", "always", "."],
                ["--format", "text", "--show-source", "--color", "never",
                 "."],
                ["--diff", "."],
            ]
            for args in runs:
                p = subprocess.run([binary] + args, cwd=d,
                                   capture_output=True)
                out = p.stdout + p.stderr
                # colours are ours: drop them before looking
                plain = re.sub(rb"\x1b\[[0-9;]*m", b"", out) \
                    if "always" in args else out
                what = f"{name!r} {' '.join(args[:2])}"
                problems = bad_bytes(plain)
                forged = [x for x in plain.decode("utf-8", "replace")
                          .splitlines()
                          if x.strip() and not LINE.match(x)]
                if "forged" in name and any(
                        x.startswith("fake.conf") for x in forged):
                    problems.append("a forged finding line")
                if not out.strip():
                    problems.append("no output (a check that cannot fail)")
                if problems:
                    bad += 1
                    print(f"FAIL {what}: {problems[:5]}")
                else:
                    ok += 1
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "pg_hba.conf"), "w") as f:
            f.write(f'host "db{NASTY}" all 10.0.0.0/8 md5\n')
        for fmt in ("text", "json"):
            p = subprocess.run([binary, "--explain-hba", "pg_hba.conf",
                                "--format", fmt], cwd=d, capture_output=True)
            problems = bad_bytes(p.stdout + p.stderr)
            if not p.stdout.strip():
                problems.append("no output (a check that cannot fail)")
            if problems:
                bad += 1
                print(f"FAIL --explain-hba {fmt}: {problems[:5]}")
            else:
                ok += 1
    for arg in ("host=db.example.com sslmode=bogus" + NASTY,
                "postgres://db.example.com/x?sslmode=" + NASTY):
        p = subprocess.run([binary, "--explain-conn", arg],
                           capture_output=True)
        problems = bad_bytes(p.stdout + p.stderr)
        if problems:
            bad += 1
            print(f"FAIL --explain-conn: {problems[:5]}")
        else:
            ok += 1
    print(f"terminal: {ok} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
