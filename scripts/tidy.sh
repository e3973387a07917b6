#!/usr/bin/env bash
# clang-tidy over the first-party translation units, with the checks chosen in .clang-tidy.
# Any finding fails (WarningsAsErrors: '*'). Needs a configured build/ (compile_commands.json).
# Arguments: [--no-analyzer] [folders] (default folders: core ui app). --no-analyzer leaves out the
# clang-analyzer-* checks, which take about half of the time; .ci/run runs it that way (README,
# Testing), the whole set stays a command to run before landing a large change.
set -euo pipefail
cd "$(dirname "$0")/.."
extra=()
if [ "${1:-}" = --no-analyzer ]; then
  extra=('-checks=-clang-analyzer-*')
  shift
fi
command -v run-clang-tidy >/dev/null || scripts/deps.sh clang-tidy
[ -f build/compile_commands.json ] || scripts/build.sh
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(core ui app)
files=$(git ls-files "${dirs[@]/%//*.cpp}")
[ -n "$files" ] || { echo "clang-tidy: no .cpp files in ${dirs[*]}"; exit 1; }
run-clang-tidy -quiet -p build -j"$(nproc)" "${extra[@]}" $files >build/clang-tidy.log 2>&1 || true
if grep -E 'warning:|error:' build/clang-tidy.log; then
  echo "clang-tidy: findings above (full log: build/clang-tidy.log)"
  exit 1
fi
echo "clang-tidy: no findings in $(echo "$files" | wc -w) files (${dirs[*]}${extra[*]:+, without the analyzer})"
