#!/usr/bin/env python3
"""sarif_check.py -- validate SARIF files: the OASIS 2.1.0 schema, then the
rules GitHub code scanning applies on upload (unique rule ids, a ruleIndex
that points at the rule, partialFingerprints, relative URIs with a
uriBaseId, 1-based regions).

usage: sarif_check.py SCHEMA FILE...   (needs Debian's python3-jsonschema)
"""
import json
import sys

import jsonschema


def github_problems(doc):
    for run in doc["runs"]:
        rules = run["tool"]["driver"].get("rules", [])
        ids = [r["id"] for r in rules]
        if len(ids) != len(set(ids)):
            yield "duplicate rule ids"
        for r in rules:
            sev = r.get("properties", {}).get("security-severity")
            if sev is not None and not 0.0 <= float(sev) <= 10.0:
                yield "rule %s: security-severity out of range" % r["id"]
            if not r.get("help", {}).get("markdown"):
                yield "rule %s: no help markdown" % r["id"]
        for res in run.get("results", []):
            i = res.get("ruleIndex")
            if i is None or ids[i] != res["ruleId"]:
                yield "result %s: ruleIndex does not match" % res["ruleId"]
            if not res.get("partialFingerprints"):
                yield "result %s: no partialFingerprints" % res["ruleId"]
            for loc in res["locations"]:
                art = loc["physicalLocation"]["artifactLocation"]
                reg = loc["physicalLocation"]["region"]
                if not art["uri"].startswith("file://") and \
                        art.get("uriBaseId") != "%SRCROOT%":
                    yield "relative uri %s without uriBaseId" % art["uri"]
                if art["uri"].startswith("./") or ".." in art["uri"]:
                    yield "uri %s is not normalised" % art["uri"]
                if reg["startLine"] < 1 or reg["startColumn"] < 1 or \
                        reg["endColumn"] < reg["startColumn"]:
                    yield "bad region %r" % reg


def main():
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        with open(path) as f:
            doc = json.load(f)
        problems = [e.message for e in validator.iter_errors(doc)]
        problems += list(github_problems(doc))
        for p in problems:
            print("%s: %s" % (path, p))
        bad += bool(problems)
    print("sarif: %d passed, %d failed" % (len(sys.argv) - 2 - bad, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
