#!/usr/bin/env bash
# The main job: install what is missing, build, create the demo database with the bundled simulator
# (no API key needed), then open the GUI on it - or, without a display, render its figures to files.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
DB=${DISTILLSCOPE_DEMO_DB:-$PWD/demo.sqlite}
./build/app/distillscope-cli --db "$DB" demo
run=$(./build/app/distillscope-cli --db "$DB" run list | awk '$4=="demo-rse" && $3=="complete" {id=$1} END {print id}')
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/app/distillscope ]; then
  echo "opening the GUI on $DB"
  exec ./build/app/distillscope --db "$DB"
fi
out=$PWD/demo-figures
mkdir -p "$out"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
ice=$(./build/app/distillscope-cli --db "$DB" run list | awk '$4 ~ /^demo-ice-/ && $3=="complete" {printf "%s%s", sep, $1; sep=","}')
if ./build/app/distillscope-cli --help | grep -q '^  chart'; then
  for kind in rse-heatmap rse-bars; do
    for ext in png svg pdf; do
      QT_QPA_PLATFORM=offscreen ./build/app/distillscope-cli --db "$DB" chart "$run" --kind "$kind" \
        --out "$out/$kind.$ext" --width-in 7.16 --dpi 300 >/dev/null
    done
  done
  if [ -n "$ice" ]; then
    for kind in ice-scores ice-aspects ice-vendors; do
      QT_QPA_PLATFORM=offscreen ./build/app/distillscope-cli --db "$DB" chart "$ice" --kind "$kind" \
        --out "$out/$kind.pdf" --width-in 7.16 >/dev/null
    done
  fi
  echo "no display: the demo's figures are in $out/ (PNG 300 DPI, SVG, PDF); report: $out/report.json"
fi
./build/app/distillscope-cli --db "$DB" report "$run" --format json --out "$out/report.json"
