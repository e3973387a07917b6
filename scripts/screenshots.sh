#!/usr/bin/env bash
# Fresh screenshots of every page for the README: light and dark, 1600x1000 and 1024x700, of the demo
# database (created with the bundled simulator when missing). Offscreen: no display needed.
#   scripts/screenshots.sh [DB]    writes docs/screenshots/<page>-<light|dark>-<WxH>.png
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-${DISTILLSCOPE_DEMO_DB:-$PWD/demo.sqlite}}
[ -f "$DB" ] || ./build/app/distillscope-cli --db "$DB" demo >/dev/null
out=docs/screenshots
mkdir -p "$out"
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
pages="models datasets new-run runs rse ice compare similarity" # MainWindow::pageIds()
for page in $pages; do
  for mode in light dark; do
    for size in 1600x1000 1024x700; do
      QT_QPA_PLATFORM=offscreen ./build/app/distillscope --db "$DB" --page "$page" --appearance "$mode" --size "$size" \
        --screenshot "$out/$page-$mode-$size.png" 2>/dev/null
    done
  done
done
ls "$out" | wc -l | xargs echo "screenshots in $out:"
