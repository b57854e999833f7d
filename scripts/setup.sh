#!/usr/bin/env bash
# Sets up a fresh Debian machine for NewsGraph and runs the main job on the shipped
# example articles: installs the system packages (libxml2-dev, pkg-config,
# libxml2-utils) when they are missing, builds the release binary, extracts a graph
# from each article in examples/articles into graphs/examples/, validates them and
# prints the statistics of the example graph.
# Usage: scripts/setup.sh            (from the project root; Swift 6 must be installed)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for package in libxml2-dev pkg-config libxml2-utils; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need[@]}"
fi
command -v swift >/dev/null || { echo "setup: Swift 6 is not installed (https://www.swift.org/install/linux/)" >&2; exit 1; }

swift build -c release --product newsgraph
bin=.build/release/newsgraph
echo "== newsgraph extract examples/articles -o graphs/examples"
$bin extract examples/articles -o graphs/examples
echo "== newsgraph validate graphs/examples/*.graphml"
$bin validate graphs/examples/*.graphml
echo "== newsgraph stats graphs/examples/nordic-andes-summit.graphml"
$bin stats graphs/examples/nordic-andes-summit.graphml
echo "setup: done; the binary is $bin"
