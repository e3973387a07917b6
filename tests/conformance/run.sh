#!/usr/bin/env bash
# Runs the SDK conformance test: installs the pinned openai / @anthropic-ai/sdk packages (package-lock.json)
# into the build folder, then lets them call the simulator. Exit 77 (skipped) without node/npm.
# Usage: run.sh SOURCE_DIR BUILD_DIR CLI
set -u
src=$1 work=$2 cli=$3
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "SKIP: node and npm are not installed (scripts/deps.sh installs them); the SDK conformance test needs them"
  exit 77
fi
mkdir -p "$work"
cp "$src/package.json" "$src/package-lock.json" "$src/conformance.mjs" "$work/"
if ! cmp -s "$src/package-lock.json" "$work/node_modules/.installed-lock" 2>/dev/null; then
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || {
    echo "SKIP: npm ci could not install the pinned SDKs (no registry access?)"
    exit 77
  }
  cp "$src/package-lock.json" "$work/node_modules/.installed-lock"
fi
cd "$work" && exec node conformance.mjs "$cli"
