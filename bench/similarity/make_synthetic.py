#!/usr/bin/env python3
"""Synthetic AlpacaEval-format outputs for the scale bench: N models x all prompts, made by mutating
the real outputs. Model k starts from real model k % 16, drops/duplicates ~15% of its words, swaps
in per-model habit words and sometimes appends a per-model sign-off, so models differ realistically.
usage: make_synthetic.py SRC_DIR OUT_DIR N"""
import json, os, random, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
bases = [json.load(open(os.path.join(src, f))) for f in sorted(os.listdir(src)) if f.endswith(".json")]
common = set.intersection(*[{r["instruction"] for r in b} for b in bases])
bases = [[r for r in b if r["instruction"] in common] for b in bases]
bases = [sorted(b, key=lambda r: r["instruction"]) for b in bases]
os.makedirs(out, exist_ok=True)
for k in range(n):
    rng = random.Random(k)
    base = bases[k % len(bases)]
    habits = [f"habit{k}w{i}" for i in range(8)]
    signoff = f"Sign-off number {k}: hope this helps!"
    rows = []
    for r in base:
        words = (r.get("output") or "").split(" ")
        mutated = []
        for w in words:
            x = rng.random()
            if x < 0.07:
                continue
            mutated.append(w)
            if x > 0.93:
                mutated.append(rng.choice(habits))
        text = " ".join(mutated)
        if rng.random() < 0.3:
            text += "\n\n" + signoff
        rows.append({"instruction": r["instruction"], "output": text, "generator": f"synth-{k:03d}"})
    json.dump(rows, open(os.path.join(out, f"synth-{k:03d}.json"), "w"))
