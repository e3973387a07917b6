#!/usr/bin/env bash
# Import speed: the 16 AlpacaEval output files in ../shared/data (12.9k responses) into a fresh store.
# Prints responses per second and the database size relative to the JSON files, plus a baseline
# measured in the same run: Python's json + sqlite3 modules inserting the same rows (one transaction).
set -euo pipefail
cd "$(dirname "$0")/../.."
A=${SHARED:-../shared/data}/alpacaeval
[ -d "$A" ] || { echo "skip: $A absent"; exit 0; }
cli=${BUILD:-build}/app/distillscope-cli
tmp=$(mktemp -d); trap 'rm -rf $tmp' EXIT
db=$tmp/import.sqlite
"$cli" --db "$db" dataset import "$A/gpt4_0613.json" --format alpacaeval --name alpaca >/dev/null
t0=$(date +%s.%N)
"$cli" --db "$db" responses import "$A"/*.json --dataset alpaca >/dev/null 2>&1
t1=$(date +%s.%N)
n=$(python3 -c "import sqlite3;print(sqlite3.connect('$db').execute(\"select count(*) from responses where source='import'\").fetchone()[0])")
python3 - "$A" "$tmp/py.sqlite" <<'P' >"$tmp/py.txt"
import json, sqlite3, sys, time, glob, os
a, db = sys.argv[1], sys.argv[2]
t0 = time.monotonic()
con = sqlite3.connect(db); con.execute("pragma journal_mode=wal"); con.execute("pragma synchronous=full")
con.execute("create table r(key text unique, model text, prompt text, text text)")
with con:
    for f in sorted(glob.glob(a + "/*.json")):
        m = os.path.basename(f)[:-5]
        con.executemany("insert or replace into r values(?,?,?,?)",
                        [(m + ":" + x["instruction"], m, x["instruction"], x["output"]) for x in json.load(open(f))])
print(time.monotonic() - t0)
P
json_bytes=$(cat "$A"/*.json | wc -c)
python3 - "$n" "$t0" "$t1" "$(cat $tmp/py.txt)" "$(stat -c %s "$db")" "$json_bytes" <<'P'
import sys
n, t0, t1, py, dbsize, js = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
ours = t1 - t0
print(f"imported {n} responses from 16 files in {ours:.2f} s = {n/ours:.0f} responses/s (one CLI process, one transaction)")
print(f"baseline python json+sqlite3 (single process, bare table): {py:.2f} s = {n/py:.0f} responses/s; ratio {py/ours:.2f}")
print(f"database {dbsize/1e6:.1f} MB vs JSON {js/1e6:.1f} MB = {dbsize/js:.2f}x (includes the 805 prompts and indexes)")
P
