#!/usr/bin/env python3
"""fix_check.py -- every fix, applied to its fixture, really fixes.

For each fixture case: lint a copy (JSON); run --fix on the copy; lint it
again. Every finding that carried a fix must be gone, and the only lines
that changed must be lines that carried a fix (or lines appended at the
end): everything else stays byte for byte.

usage: fix_check.py PGTLSLINT FIXTURES_DIR
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile


def lint(binary, case, args):
    out = subprocess.run([binary, "--format", "json"] + args + ["."],
                         cwd=case, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out)["findings"]


def files_of(root):
    out = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, root)] = f.read().split(b"\n")
    return out


def main():
    binary, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    cases = sorted(glob.glob(os.path.join(root, "rules", "*", "bad*"))) + \
        sorted(glob.glob(os.path.join(root, "reference", "*")))
    checked = fixed = 0
    problems = []
    for case in cases:
        tmp = tempfile.mkdtemp()
        work = os.path.join(tmp, "case")
        shutil.copytree(case, work, symlinks=True)
        args = []
        if os.path.exists(os.path.join(work, "args")):
            args = open(os.path.join(work, "args")).read().split()
        before = lint(binary, work, args)
        fixable = [f for f in before if "fix" in f]
        if not fixable:
            shutil.rmtree(tmp)
            continue
        old = files_of(work)
        subprocess.run([binary, "--fix"] + args + ["."], cwd=work,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = lint(binary, work, args)
        new = files_of(work)
        label = os.path.relpath(case, root)
        for f in fixable:
            checked += 1
            if any(g["rule"] == f["rule"] and g["path"] == f["path"] and
                   g["line"] == f["line"] for g in after):
                problems.append("%s: %s at %s:%d still reported after --fix"
                                % (label, f["rule"], f["path"], f["line"]))
            else:
                fixed += 1
        fix_lines = {(f["path"], f["fix"]["line"]) for f in fixable}
        for path, lines in old.items():
            lines2 = new.get(path, [])
            for i, line in enumerate(lines):
                if i < len(lines2) and lines2[i] != line and \
                        (path, i + 1) not in fix_lines:
                    problems.append("%s: %s:%d changed but had no fix"
                                    % (label, path, i + 1))
        shutil.rmtree(tmp)
    for p in problems:
        print("FAIL " + p)
    print("fixes: %d of %d fixable findings fixed; %d problems"
          % (fixed, checked, len(problems)))
    print("fix: %d passed, %d failed" % (fixed, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
