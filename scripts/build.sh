#!/usr/bin/env bash
# Configures and builds DistillScope into build/ (optimised, Ninja, all cores).
# Debug info is -g1 (line tables): backtraces and sanitizer reports still name file and line, and
# the build takes about a third less CPU than with full -g (tst_engine.cpp: 13.4 s -> 8.7 s).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
cmake --build build -j"$(nproc)"
