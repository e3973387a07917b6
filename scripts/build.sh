#!/usr/bin/env bash
# Configures and builds DistillScope into build/ (Release with debug info, Ninja, all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
