#!/usr/bin/env python3
"""Regression gate for extraction quality on the shared dev set.

Runs ../shared/tools/score.py over ../shared/corpus/dev with the given newsgraph
binary, prints its table, and exits 1 when entity F1 < 0.90 or core relation F1 < 0.70
(the floors of the extraction issue; raise them as quality improves).

    python3 scripts/quality_gate.py [--newsgraph PATH] [--shared PATH]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

FLOORS = {"entities": 0.90, "core_relations": 0.70}


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--newsgraph", default=os.path.join(root, ".build", "debug", "newsgraph"))
    parser.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    args = parser.parse_args()
    binary = os.path.abspath(args.newsgraph)
    if not os.access(binary, os.X_OK):
        print(f"quality gate: FAILED: no newsgraph binary at {binary}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        summary_path = os.path.join(folder, "summary.json")
        command = [
            sys.executable, os.path.join(args.shared, "tools", "score.py"),
            "--gold", os.path.join(args.shared, "corpus", "dev"),
            "--run", f"'{binary}' extract -q {{input}} -o {{output}}",
            "--json", summary_path,
        ]
        result = subprocess.run(command)
        if result.returncode != 0:
            print("quality gate: FAILED: score.py did not run", file=sys.stderr)
            return 1
        with open(summary_path, encoding="utf-8") as handle:
            summary = json.load(handle)
    failures = []
    for key, floor in FLOORS.items():
        f1 = summary[key]["f1"]
        status = "ok" if f1 >= floor else "BELOW FLOOR"
        print(f"quality gate: {key.replace('_', ' ')} F1 {f1:.3f} (floor {floor:.2f}) {status}")
        if f1 < floor:
            failures.append(key)
    if summary.get("unreadable"):
        failures.append("unreadable graphs")
    if failures:
        print(f"quality gate: FAILED: {', '.join(failures)}", file=sys.stderr)
        return 1
    print("quality gate: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
