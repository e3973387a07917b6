#!/usr/bin/env bash
# Teacher identification on both splits of the shared AlpacaEval outputs, through the CLI exactly as
# ../shared/checks/teacher-dev calls it, with the plain TF-IDF baseline read from the same runs.
#   development = relations documented among ../shared/data/alpacaeval/ (DATA.md): the method was chosen on these
#   validation  = ../shared/data/alpacaeval-dev/teachers.json: only looked at to report
#   lineage     = derivatives in alpacaeval/ (concise/verbose prompt variants, ExPO) vs their sources
# Usage: bench/teacher/teacher_splits.sh [--metric M] [extra teacher options...]   (BUILD=dir picks the build)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
CLI=${CLI:-$BUILD/app/distillscope-cli}
D=${DATA:-$ROOT/../shared/data}
[ -x "$CLI" ] || { echo "no CLI at $CLI (build first, or set BUILD)"; exit 1; }
[ -f "$D/alpacaeval-dev/teachers.json" ] || { echo "no $D/alpacaeval-dev/teachers.json"; exit 1; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
db=$TMP/t.sqlite
"$CLI" --db "$db" dataset import "$D/alpacaeval/gpt4_0613.json" --format alpacaeval --name alpaca >/dev/null
for f in "$D"/alpacaeval/*.json "$D"/alpacaeval-dev/*.json; do
  case $f in */teachers.json) continue;; esac
  "$CLI" --db "$db" responses import "$f" --model "$(basename "$f" .json)" --dataset alpaca >/dev/null
done
python3 - "$CLI" "$db" "$D/alpacaeval-dev/teachers.json" "$TMP" "$@" <<'P'
import json, subprocess, sys, time
cli, db, teachers, tmp, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
c = json.load(open(teachers))
fam = {m: f for f, ms in c["teacher_families"].items() for m in ms}
val_c = [m for ms in c["teacher_families"].values() for m in ms]
splits = [
    ("development (alpacaeval/ relations)", [m for m in val_c if m != "claude"],
     {"deita-7b-v1.0": "gpt-3.5", "Infinity-Instruct-3M-0625-Mistral-7B": "gpt-4", "guanaco-33b": "none", "oasst-sft-llama-33b": "none"}),
    ("validation (alpacaeval-dev)", val_c, {s: i["teacher"] for s, i in c["students"].items()}),
]
src = {"gpt4_0613_concise": "gpt4_0613", "gpt4_0613_verbose": "gpt4_0613",
       "Mixtral-8x7B-Instruct-v0.1_concise": "Mixtral-8x7B-Instruct-v0.1", "tulu-2-dpo-7b-ExPO": "tulu-2-dpo-7b"}
lin_c = [m for m in val_c if m != "claude"] + ["tulu-2-dpo-7b"]
def run(student, cands):
    t = time.time()
    out = subprocess.run([cli, "--db", db, "teacher", "--student", student, "--candidates", ",".join(cands),
                          "--dataset", "alpaca", "--format", "json"] + extra, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"teacher --student {student} failed: {out.stderr.strip()}")
    return json.loads(out.stdout), time.time() - t
secs = []
for name, cands, truth in splits:
    right = base = conf = conf_right = none_ok = nones = taught = 0
    for s, t in truth.items():
        r, dt = run(s, cands); secs.append(dt)
        top, btop = r["ranking"][0]["model"], r["baseline"]["ranking"][0]["model"]
        ok = fam.get(top) == t
        if t == "none":
            nones += 1; none_ok += not r["confident"]
        else:
            taught += 1; right += ok; base += fam.get(btop) == t
        conf += r["confident"]; conf_right += r["confident"] and ok
        print(f"  {s:38s} truth {t:8s} first {top:28s} {'confident' if r['confident'] else 'not confident':13s} baseline first {btop}")
    print(f"{name}: metric {r['metric']}, pool {r['pool_rule']}: right family first {right}/{taught} "
          f"(plain TF-IDF baseline, same run: {base}/{taught}); no-teacher unattributed {none_ok}/{nones}; "
          f"confident verdicts right {conf_right}/{conf}")
lr = lc = 0
for d, s in src.items():
    r, dt = run(d, lin_c); secs.append(dt)
    lr += r["ranking"][0]["model"] == s; lc += r["confident"] and r["ranking"][0]["model"] == s
    print(f"  {d:38s} source {s:28s} first {r['ranking'][0]['model']:28s} {'confident' if r['confident'] else 'not confident'}")
print(f"lineage: source first {lr}/{len(src)}, confidently {lc}/{len(src)}")
print(f"time per teacher command: median {sorted(secs)[len(secs)//2]:.1f} s")
P
