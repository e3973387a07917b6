#!/usr/bin/env bash
# The test suite once more under AddressSanitizer + UndefinedBehaviorSanitizer, in asan-build/ (not
# build-*: tools that look for "the newest build folder" must not pick this GUI-less, 10x slower one).
# Built without the Widgets front end (DS_BUILD_GUI=OFF): half the compile cost, and it covers the
# core, ICE, simulator, CLI and figures, where a memory bug would corrupt numbers. Packaging tests
# (they build a .deb) and benchmarks are left out. -g1 (line tables) is enough for the reports'
# stack traces and compiles faster than full debug info; time limits are 4x the plain suite's.
set -euo pipefail
cd "$(dirname "$0")/.."
flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B asan-build -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDS_BUILD_BENCH=OFF -DDS_BUILD_GUI=OFF \
      -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCMAKE_CXX_FLAGS="$flags" -DDS_TEST_TIMEOUT_SCALE=4 \
      -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build asan-build -j"$(nproc)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
# QtTest's own watchdog (5 min a test function by default) scaled like the CTest limits.
export QTEST_FUNCTION_TIMEOUT=1200000
cd asan-build
# Left out: the figures measured on ../shared's real data (teacher-shared, ice-shared: minutes of
# the same code the small-fixture tests run, 20-50x slower here) and the comparison with
# scikit-learn (similarity-sklearn, a Python reference; the similarity code itself runs in
# `similarity`).
ctest --output-on-failure -j2 --timeout 1800 -LE packaging -E '^(teacher-shared|ice-shared|similarity-sklearn)$' "$@"
