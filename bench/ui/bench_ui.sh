#!/usr/bin/env bash
# GUI responsiveness on a large store (100k answers: 20 models x 5,000 prompts; an RSE run with 50k
# judgments), through the real window and store; the stall test also through the real HTTP client
# against the simulator. Each figure is reported with the baseline measured in the same run:
#   start-up (main() to the first page idle) vs the same page on an empty store   target <= 1 s
#   RSE results page (run picked -> heatmap shown) vs the core computation alone  target <= 300 ms
#   longest GUI event-loop stall while a run is at concurrency 100 vs idle        target <= 100 ms
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
SECONDS_STALL=${SECONDS_STALL:-15}
bench=$BUILD/bench/bench_ui; cli=$BUILD/app/distillscope-cli
[ -x "$bench" ] && [ -x "$cli" ] || cmake --build "$BUILD" --target bench_ui distillscope-cli >/dev/null
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
tmp=$(mktemp -d); sim=; trap '[ -n "$sim" ] && kill $sim 2>/dev/null; rm -rf $tmp' EXIT
big=$tmp/big.sqlite; empty=$tmp/empty.sqlite
"$bench" make-db "$big" >"$tmp/make.json"
out=$tmp/results.jsonl
for page in datasets compare rse runs; do
  "$bench" startup "$empty" "$page" 2>/dev/null >>"$out"
  "$bench" startup "$big" "$page" 2>/dev/null >>"$out"
done
"$bench" results "$big" 2>/dev/null >>"$out"
"$bench" heatmap 60 2>/dev/null >>"$out"

cat >"$tmp/w.json" <<J
{"seed": 3, "models": [
  {"name": "s-ref", "creator": "Acme AI", "style": "structured", "latency_ms": 50},
  {"name": "s-test", "creator": "Beta Labs", "style": "casual", "student_of": "s-ref", "copy_rate": 0.7, "latency_ms": 50},
  {"name": "s-judge", "creator": "Acme AI", "role": "judge", "style": "terse", "latency_ms": 50}],
 "faults": {"rate_429": 0, "retry_after_s": 1, "rate_500": 0, "rate_timeout": 0, "rate_malformed": 0}}
J
"$cli" sim serve --config "$tmp/w.json" --port 0 >"$tmp/sim.log" 2>&1 & sim=$!
for _ in $(seq 50); do url=$(grep -o -m1 'http://127.0.0.1:[0-9]*' "$tmp/sim.log" | head -1 || true); [ -n "$url" ] && break; sleep 0.1; done
"$bench" stall "$big" "$url" --seconds "$SECONDS_STALL" 2>/dev/null >>"$out"

python3 - "$tmp/make.json" "$out" <<'P'
import json, sys
made = json.load(open(sys.argv[1]))
rows = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
print(f"store: {made['responses']} answers, {made['prompts']} prompts, {made['judgments']} judgments")
starts = [r for r in rows if r["mode"] == "startup"]
for i in range(0, len(starts), 2):
    e, b = starts[i], starts[i + 1]
    ok = "ok" if b["ms"] <= 1000 and b["idle"] else "OVER"
    print(f"start-up on {b['page']:>8}: {b['ms']:7.0f} ms with 100k answers vs {e['ms']:5.0f} ms empty "
          f"({b['ms']/e['ms']:.1f}x) [{ok}: <= 1000 ms]")
r = next(r for r in rows if r["mode"] == "results")
ok = "ok" if 0 <= r["page_ms"] <= 300 else "OVER"
print(f"RSE results page: {r['page_ms']:.0f} ms vs core computation {r['core_ms']:.0f} ms "
      f"({r['page_ms']/max(r['core_ms'],1e-9):.2f}x) [{ok}: <= 300 ms]")
print(f"  drill-down into a cell: {r['drill_ms']:.0f} ms; one prompt's two answers: {r['prompt_ms']:.0f} ms")
print(f"  compare 6 models x 5,000 prompts: {r['compare_ms']:.0f} ms; with scores: {r['compare_scored_ms']:.0f} ms; "
      f"judges-disagree filter: {r['compare_filter_ms']:.0f} ms")
h = next(r for r in rows if r["mode"] == "heatmap")
ok = "ok" if h["figure_ms"] <= 150 else "OVER"
print(f"{h['n']}x{h['n']} heatmap redraw: {h['figure_ms']:.0f} ms vs {h['bare_rects_ms']:.1f} ms for bare cells "
      f"({h['ratio']:.0f}x) [{ok}: <= 150 ms]")
s = next(r for r in rows if r["mode"] == "stall")
ok = "ok" if s["busy_max_gap_ms"] <= 100 else "OVER"
print(f"event loop during a concurrency-100 run ({s['requests_done']} requests in {s['seconds']:.0f} s, "
      f"{s['requests_per_s']:.0f}/s): longest gap {s['busy_max_gap_ms']:.0f} ms, p99 {s['busy_p99_gap_ms']:.1f} ms "
      f"vs idle {s['idle_max_gap_ms']:.0f} / {s['idle_p99_gap_ms']:.1f} ms [{ok}: <= 100 ms]")
P
