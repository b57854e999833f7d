#!/usr/bin/env bash
# Runs every test: the Swift unit and command-line tests, the interop check with
# networkx and igraph, and the official GraphML schema check of the shipped graphs.
# Usage: scripts/test.sh   (from anywhere; expects ../shared beside the project)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${NEWSGRAPH_SHARED:-../shared}

swift build --build-tests
swift test --skip-build

# Interop needs networkx and igraph in the Python that runs the script.
if ! python3 -c 'import networkx, igraph' 2>/dev/null; then
  python3 -m pip --version >/dev/null 2>&1 || python3 -m ensurepip --upgrade >/dev/null 2>&1 || true
  python3 -m pip install -q --disable-pip-version-check networkx igraph \
    || python3 -m pip install -q --disable-pip-version-check --break-system-packages networkx igraph
fi
python3 scripts/interop.py --newsgraph .build/debug/newsgraph --shared "$shared"

# Extraction quality on the dev set must stay above the regression floors.
python3 scripts/quality_gate.py --newsgraph .build/debug/newsgraph --shared "$shared"

# Every shipped graph validates against our schema and the official GraphML 1.1 schema.
.build/debug/newsgraph validate --quiet graphs/*.graphml graphs/examples/*.graphml
xmllint --nonet --noout --schema "$shared/graphml-xsd/graphml.xsd" graphs/*.graphml graphs/examples/*.graphml
echo "test: all checks passed"
