#!/usr/bin/env bash
# HTTP throughput: 3,000 requests at concurrency 100 against the simulator with 100 ms latency.
# Reports throughput as a ratio of the ideal (concurrency / latency = 1000 req/s; target >= 0.85),
# and the same load from Python asyncio (aiohttp) in the same run for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
N=${N:-3000}; C=${C:-100}; LAT=${LAT:-100}
cli=$BUILD/app/distillscope-cli; bench=$BUILD/bench/bench_http
[ -x "$bench" ] || cmake --build "$BUILD" --target bench_http distillscope-cli >/dev/null
tmp=$(mktemp -d); trap 'kill $sim 2>/dev/null; rm -rf $tmp' EXIT
cat >"$tmp/w.json" <<J
{"seed": 1, "models": [{"name": "m", "creator": "Acme AI", "style": "terse", "latency_ms": $LAT}],
 "faults": {"rate_429": 0, "retry_after_s": 1, "rate_500": 0, "rate_timeout": 0, "rate_malformed": 0}}
J
"$cli" sim serve --config "$tmp/w.json" --port 0 >"$tmp/sim.log" 2>&1 & sim=$!
for _ in $(seq 50); do url=$(grep -o -m1 'http://127.0.0.1:[0-9]*' "$tmp/sim.log" | head -1 || true); [ -n "$url" ] && break; sleep 0.1; done
ours=$("$bench" "$url/v1" m "$N" "$C")
py=$(${PYTHON:-/usr/bin/python3} bench/http/aiohttp_client.py "$url/v1" m "$N" "$C")
python3 - "$ours" "$py" "$C" "$LAT" <<'P'
import json, sys
o, p = json.loads(sys.argv[1]), json.loads(sys.argv[2]); c, lat = int(sys.argv[3]), float(sys.argv[4])
ideal = c / (lat / 1000)
for r in (o, p):
    print(f"{r['client']:>14}: {r['requests']} requests in {r['wall_s']:.2f} s = {r['rps']:.0f} req/s "
          f"({r['rps']/ideal:.2f} of ideal {ideal:.0f}), {r['cpu_ms_per_request']:.3f} ms CPU/request, {r['failures']} failures")
print(f"ratio of ideal: {o['rps']/ideal:.2f} (target >= 0.85); vs aiohttp: {o['rps']/p['rps']:.2f}x throughput, "
      f"{p['cpu_ms_per_request']/max(o['cpu_ms_per_request'],1e-9):.1f}x less CPU per request")
P
