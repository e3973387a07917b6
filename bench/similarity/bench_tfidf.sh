#!/usr/bin/env bash
# TF-IDF similarity map: distillscope-cli vs the scikit-learn reference script, same data, same run.
# Prints wall time and peak RSS (/usr/bin/time -v) of both, their ratio, and the max |difference|.
# usage: bench/similarity/bench_tfidf.sh   (env: SKLEARN_PY, BUILD, DATA)
set -euo pipefail
. "$(dirname "$0")/common.sh"
DATA=${DATA:-$ROOT/../shared/data/alpacaeval}
PY=${SKLEARN_PY:-/usr/bin/python3}
files=$(ls "$DATA"/*.json | grep -v -e text_davinci_001 -e llama-2-70b)
models=$(for f in $files; do basename "$f" .json; done | paste -sd,)
db=$TMP/s.sqlite
if import_store "$db" $files; then
  ours_label="distillscope-cli similarity (SQLite store)"
  measure ours "$CLI" --db "$db" similarity --dataset alpaca --models "$models" --metric tfidf --format json --out "$TMP/ours.json"
else
  ours_label="similarity-tool (JSON files; the CLI store import failed: $(tail -c 120 "$TMP/import.err" | tr '\n' ' '))"
  measure ours "$TOOL" matrix tfidf "$TMP/ours.json" $files
fi
ours_s=$SECS ours_kb=$RSS_KB
measure sklearn "$PY" "$ROOT/../shared/checks/sklearn_tfidf_matrix.py" "$TMP/ref.json" $files
ref_s=$SECS ref_kb=$RSS_KB
python3 - "$TMP/ours.json" "$TMP/ref.json" <<'P'
import json, sys
o = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2])); idx = {m: i for i, m in enumerate(o["models"])}
d = max(abs(o["matrix"][idx[a]][idx[b]] - r["matrix"][i][j]) for i, a in enumerate(r["models"]) for j, b in enumerate(r["models"]))
print(f"max |ours - sklearn| = {d:.2e} over {len(r['models'])} models x {r['n_prompts']} prompts")
P
echo "ours:    $ours_label"
echo "ours:    ${ours_s} s, peak RSS $((ours_kb / 1024)) MB"
echo "sklearn: ${ref_s} s, peak RSS $((ref_kb / 1024)) MB"
python3 -c "print(f'speed ratio sklearn/ours = {$ref_s/$ours_s:.1f}x; memory ratio ours/sklearn = {$ours_kb/$ref_kb:.2f}')"
