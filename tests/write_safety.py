#!/usr/bin/env python3
"""write_safety.py -- --fix writes only the files it fixes.

Each case builds a tree to fix beside an "outside" directory, plants what
an attacker could (a symbolic link where a fix would land, at the old
temporary name, a directory link, an include that reaches out), runs
pgtlslint --fix, and checks by checksum that nothing outside the tree and
nothing but the fixed files changed; that a refused write leaves the
file as it was with exit status 2; that a fixed file keeps its mode; and
that a read-only directory or a FIFO stops nothing else.

usage: write_safety.py PGTLSLINT
"""
import hashlib
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile

WEAK = "PGHOST=db.example.com\nPGSSLMODE=disable\n"


def snapshot(root):
    """Path -> (kind, mode, checksum or link target) of everything."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for n in dirs + files:
            p = os.path.join(dirpath, n)
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                out[p] = ("link", os.readlink(p))
            elif stat.S_ISREG(st.st_mode):
                with open(p, "rb") as f:
                    out[p] = ("file", stat.S_IMODE(st.st_mode),
                              hashlib.sha256(f.read()).hexdigest())
            else:
                out[p] = ("other", stat.S_IFMT(st.st_mode))
    return out


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


class Tally:
    ok = bad = 0

    def check(self, what, cond, detail=""):
        if cond:
            self.ok += 1
        else:
            self.bad += 1
            print(f"FAIL {what} {detail}")


def run(binary, args, cwd, user=None):
    cmd = [binary] + args
    if user:
        cmd = ["setpriv", "--reuid", user, "--regid", user,
               "--clear-groups"] + cmd
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                          timeout=60)


def main():
    binary = os.path.abspath(sys.argv[1])
    t = Tally()
    with tempfile.TemporaryDirectory() as top:
        os.chmod(top, 0o755)
        tree, outside = os.path.join(top, "tree"), os.path.join(top, "out")
        write(os.path.join(outside, "victim.env"), WEAK, 0o600)
        write(os.path.join(outside, "x.conf"),
              "ssl_min_protocol_version = 'TLSv1'\n")
        write(os.path.join(tree, "app.env"), WEAK, 0o640)
        # links where a write could land: the old temporary name, a
        # target that is a link, a directory link, an include outside
        os.symlink(os.path.join(outside, "victim.env"),
                   os.path.join(tree, "app.env.pgtlslint-fix"))
        os.symlink(os.path.join(outside, "victim.env"),
                   os.path.join(tree, "link.env"))
        os.symlink(outside, os.path.join(tree, "dirlink"))
        write(os.path.join(tree, "db", "postgresql.conf"),
              "ssl = on\nssl_ca_file = 'ca.crt'\ninclude '../../out/x.conf'\n")
        os.mkfifo(os.path.join(tree, "fifo.env"))
        before_out = snapshot(outside)
        before = snapshot(tree)
        p = run(binary, ["--fix", "."], tree)
        after_out = snapshot(outside)
        t.check("nothing outside the tree changed", before_out == after_out,
                str(set(after_out.items()) ^ set(before_out.items())))
        after = snapshot(tree)
        changed = {k for k in after if after.get(k) != before.get(k)}
        t.check("only app.env changed", changed ==
                {os.path.join(tree, "app.env")}, str(changed))
        st = os.stat(os.path.join(tree, "app.env"))
        t.check("mode kept", stat.S_IMODE(st.st_mode) == 0o640,
                oct(st.st_mode))
        with open(os.path.join(tree, "app.env")) as f:
            t.check("app.env fixed", "sslmode=verify-full" in
                    f.read().lower().replace("pgsslmode", "sslmode"))
        t.check("an include outside the paths given is not fixed",
                "outside the paths given" in p.stderr, p.stderr)
        t.check("refusals are errors (exit 2)", p.returncode == 2,
                str(p.returncode))
        t.check("no temporary file left", not [
            n for n in os.listdir(tree) if n.startswith(".pgtlslint-")])

        # a link named on the command line is read, never written
        before_out = snapshot(outside)
        p = run(binary, ["--fix", "link.env"], tree)
        t.check("a link named on the command line is not written",
                snapshot(outside) == before_out and
                "symbolic link" in p.stderr, p.stderr)
        t.check("a link refused is exit 2", p.returncode == 2,
                str(p.returncode))

        # a directory we may not write: the file is left whole
        ro = os.path.join(top, "ro")
        write(os.path.join(ro, "app.env"), WEAK)
        try:
            nobody = pwd.getpwnam("nobody")
        except KeyError:
            nobody = None
        user = None
        if os.geteuid() == 0 and nobody and shutil.which("setpriv"):
            user = str(nobody.pw_uid)
            os.chmod(os.path.join(ro, "app.env"), 0o666)
        os.chmod(ro, 0o555)
        before_ro = snapshot(ro)
        p = run(binary, ["--fix", "."], ro, user)
        t.check("read-only directory: file untouched, exit 2",
                snapshot(ro) == before_ro and p.returncode == 2,
                f"{p.returncode} {p.stderr}")
        os.chmod(ro, 0o755)
    print(f"write-safety: {t.ok} passed, {t.bad} failed")
    return 1 if t.bad else 0


if __name__ == "__main__":
    sys.exit(main())
