#!/usr/bin/env bash
# clang-tidy over every first-party translation unit, with the checks chosen in .clang-tidy.
# Any finding fails (WarningsAsErrors: '*'). Needs a configured build/ (compile_commands.json).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v run-clang-tidy >/dev/null || scripts/deps.sh clang-tidy
[ -f build/compile_commands.json ] || scripts/build.sh
files=$(git ls-files 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp')
run-clang-tidy -quiet -p build -j"$(nproc)" $files >build/clang-tidy.log 2>&1 || true
if grep -E 'warning:|error:' build/clang-tidy.log; then
  echo "clang-tidy: findings above (full log: build/clang-tidy.log)"
  exit 1
fi
echo "clang-tidy: no findings in $(echo "$files" | wc -w) files"
