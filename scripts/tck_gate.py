#!/usr/bin/env python3
"""TCK gate: runs the openCypher TCK subset against newsgraph and fails below a floor.

    python3 scripts/tck_gate.py [--newsgraph PATH] [--shared PATH] [--floor N]

Prints the runner's per-feature lines, then its own closing line (so the runner's
'N passed, M failed' line is never the last line CI shows). Raise FLOOR as the engine
passes more scenarios.
"""
import argparse
import os
import re
import subprocess
import sys

FLOOR = 1462  # scenarios that must pass (all 1462 pass now); raise as the subset grows


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--newsgraph", default=os.path.join(root, ".build", "release", "newsgraph"))
    parser.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    parser.add_argument("--floor", type=int, default=FLOOR)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    binary = os.path.abspath(args.newsgraph)
    if not os.access(binary, os.X_OK):
        print(f"tck gate: FAILED: no newsgraph binary at {binary}", file=sys.stderr)
        return 1
    command = [sys.executable, os.path.join(args.shared, "tck", "run_tck.py"), "--engine", binary]
    help_text = subprocess.run(command[:2] + ["--help"], capture_output=True, text=True).stdout
    if "--jobs" in help_text:
        command += ["--jobs", str(args.jobs)]
    result = subprocess.run(command, capture_output=True, text=True)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr[-4000:])
    # The runner's final line (per-feature lines have the same shape, so take the last).
    totals = re.findall(r"^(\d+) passed, (\d+) failed", result.stdout, flags=re.MULTILINE)
    if result.returncode != 0 or not totals:
        print("tck gate: FAILED: the TCK runner did not finish", file=sys.stderr)
        return 1
    passed, failed = int(totals[-1][0]), int(totals[-1][1])
    total = passed + failed
    if passed < args.floor:
        print(f"tck gate: FAILED: {passed} of {total} scenarios pass, below the floor of {args.floor}")
        return 1
    print(f"tck gate: passed: {passed} of {total} scenarios ({100.0 * passed / max(total, 1):.1f}%), floor {args.floor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
