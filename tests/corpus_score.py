#!/usr/bin/env python3
"""corpus_score.py -- precision and recall of the source scanners.

Each entry of tests/fixtures/corpus/<language>/ is one labelled case: a
file whose first line says which findings it must produce, "want: 7
PGT301; 9 PGT305" (line and rule) or "want: none"; or, where a carrier
needs its real name (docker-compose.yml, .env, .github/workflows/x.yml), a
directory whose files each carry such a label (an unlabelled file wants
none; a format with no comments, such as JSON, is labelled in the case's
want.txt: "appsettings.json: 4 PGT303"). The scorer lints the corpus once (JSON),
counts per language the findings that were wanted (true positives), those
that were not (false positives) and the wanted ones missing (false
negatives), prints precision and recall, and exits 1 when any language is
below the thresholds.

usage: corpus_score.py PGTLSLINT CORPUS_DIR [MIN_PRECISION MIN_RECALL]
"""
import json
import os
import re
import subprocess
import sys

WANT = re.compile(r"^(?:#|//)\s*want:\s*(.*)$")


def labels(path, required=True):
    with open(path, encoding="utf-8", errors="replace") as f:
        m = WANT.match(f.readline().rstrip("\n"))
    if not m:
        if required:
            raise SystemExit(f"{path}: first line is not a 'want:' label")
        return set()
    return parse_want(m.group(1))


def parse_want(text):
    if text.strip() == "none":
        return set()
    want = set()
    for item in text.split(";"):
        line, rule = item.split()
        want.add((int(line), rule))
    return want


def sidecar(corpus, rel):
    """want.txt of a directory case: "FILE: want" lines for files whose
    format has no comments (JSON); {relative path: set of wants}."""
    path = os.path.join(corpus, rel, "want.txt")
    out = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    name, _, want = line.partition(":")
                    out[os.path.join(rel, name.strip())] = parse_want(want)
    return out


def case_files(corpus, rel):
    """The files of one case, each with whether it must carry a label."""
    if not os.path.isdir(os.path.join(corpus, rel)):
        return [(rel, True)]
    out = []
    for root, _, names in os.walk(os.path.join(corpus, rel)):
        for name in names:
            if name != "want.txt" or root != os.path.join(corpus, rel):
                out.append((os.path.relpath(os.path.join(root, name),
                                            corpus), False))
    if not out:
        raise SystemExit(f"{rel}: an empty case")
    return sorted(out)


def main():
    binary, corpus = os.path.abspath(sys.argv[1]), sys.argv[2]
    min_p = float(sys.argv[3]) if len(sys.argv) > 3 else 0.98
    min_r = float(sys.argv[4]) if len(sys.argv) > 4 else 0.95
    run = subprocess.run([binary, "--format", "json", "--fail-on", "never",
                          "."], cwd=corpus, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"pgtlslint exited {run.returncode}: {run.stderr}")
    found = {}
    for f in json.loads(run.stdout)["findings"]:
        found.setdefault(os.path.normpath(f["path"]), set()).add(
            (f["line"], f["rule"]))
    ok = True
    print(f"{'language':10} {'cases':>5} {'TP':>4} {'FP':>4} {'FN':>4} "
          f"{'precision':>9} {'recall':>7}")
    for lang in sorted(os.listdir(corpus)):
        if not os.path.isdir(os.path.join(corpus, lang)):
            continue  # SHAPES.md: where the cases come from
        tp = fp = fn = cases = 0
        for name in sorted(os.listdir(os.path.join(corpus, lang))):
            cases += 1
            side = sidecar(corpus, os.path.join(lang, name))
            for rel, required in case_files(corpus, os.path.join(lang, name)):
                want = side[rel] if rel in side else labels(
                    os.path.join(corpus, rel), required)
                got = found.pop(rel, set())
                tp += len(want & got)
                for line, rule in sorted(got - want):
                    fp += 1
                    print(f"  false positive: {rel}:{line} {rule}")
                for line, rule in sorted(want - got):
                    fn += 1
                    print(f"  missed: {rel}:{line} {rule}")
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{lang:10} {cases:5} {tp:4} {fp:4} {fn:4} {precision:9.3f} "
              f"{recall:7.3f}")
        ok &= precision >= min_p and recall >= min_r
    for rel in found:
        print(f"  finding in a file outside the corpus layout: {rel}")
        ok = False
    if not ok:
        print(f"corpus: below precision {min_p} or recall {min_r}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
