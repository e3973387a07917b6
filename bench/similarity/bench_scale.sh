#!/usr/bin/env bash
# Scale: 200 synthetic models x 805 prompts (mutated AlpacaEval outputs), metrics tfidf and combined.
# Target: each under 60 s and 2 GB peak RSS. Prints wall time and peak RSS per metric.
# usage: bench/similarity/bench_scale.sh [N_MODELS]   (env: BUILD, DATA)
set -euo pipefail
. "$(dirname "$0")/common.sh"
N=${1:-200}
DATA=${DATA:-$ROOT/../shared/data/alpacaeval}
python3 "$(dirname "$0")/make_synthetic.py" "$DATA" "$TMP/synth" "$N"
files=$(ls "$TMP"/synth/*.json)
db=$TMP/s.sqlite
use_cli=0
if import_store "$db" $files; then use_cli=1; else
  echo "note: store import failed ($(tail -c 120 "$TMP/import.err" | tr '\n' ' ')); measuring the library via similarity-tool on JSON"
fi
for metric in tfidf combined; do
  if [ $use_cli = 1 ]; then
    measure "$metric" "$CLI" --db "$db" similarity --dataset alpaca --metric "$metric" --format json --out "$TMP/$metric.json"
  else
    measure "$metric" "$TOOL" matrix "$metric" "$TMP/$metric.json" $files
  fi
  n=$(python3 -c "import json; j=json.load(open('$TMP/$metric.json')); print(len(j['models']), 'models x', j['n_prompts'], 'prompts')")
  verdict=$(python3 -c "print('OK' if $SECS < 60 and $RSS_KB < 2*1024*1024 else 'OVER TARGET')")
  echo "$metric: $n: ${SECS} s, peak RSS $((RSS_KB / 1024)) MB  [$verdict: < 60 s, < 2048 MB]"
done
