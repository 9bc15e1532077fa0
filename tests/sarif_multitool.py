#!/usr/bin/env python3
"""sarif_multitool.py -- the SARIF Multitool's verdict on our SARIF.

Runs Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool, its
native Linux build) as `validate --rule-kind "Sarif;Ghas"` over the given
SARIF files, which checks what the JSON schema cannot (the SARIF
specification's rules, GitHub code scanning's). The tool's exit code is 0
whatever it finds, so its own SARIF output is read: any result is a
failure, printed.

usage: sarif_multitool.py MULTITOOL FILE.sarif...
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    tool, files = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "verdict.sarif")
        run = subprocess.run([tool, "validate", "--rule-kind", "Sarif;Ghas",
                              "--output", out] + files,
                             capture_output=True, text=True)
        if not os.path.exists(out):
            print("sarif-multitool: no verdict written:\n" + run.stdout +
                  run.stderr)
            return 1
        with open(out, encoding="utf-8-sig") as f:
            verdict = json.load(f)
    results = [r for run_ in verdict.get("runs", [])
               for r in run_.get("results", [])]
    for r in results:
        loc = r.get("locations", [{}])[0].get("physicalLocation", {})
        print("MULTITOOL %s %s %s: %s" % (
            r.get("level", "warning"), r.get("ruleId"),
            os.path.basename(loc.get("artifactLocation", {}).get("uri", "")),
            json.dumps(r.get("message"))[:200]))
    print("sarif-multitool: %d files, %d problems" % (len(files),
                                                      len(results)))
    return 1 if results else 0


if __name__ == "__main__":
    sys.exit(main())
