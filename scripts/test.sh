#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every CTest test (2 in parallel).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j2 --timeout 900 "$@"
