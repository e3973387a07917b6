#!/usr/bin/env python3
"""Teacher-identification methods we tried and did not ship, measured on the shared AlpacaEval files.

Reproduces the negative results in README ("Teacher identification"), so a successor can start from
numbers rather than from our word. Needs numpy, scipy and scikit-learn (Debian: python3-sklearn).
    bench/teacher/alternatives.py [DATA_DIR] [--classifier]
Splits as in teacher_splits.sh: development = relations documented among alpacaeval/ (deita,
Infinity-Instruct, guanaco-33b, oasst-sft-llama-33b); validation = alpacaeval-dev/teachers.json.

Methods, each ranking the candidates for one student (right family first is what is counted):
  tfidf        mean per-prompt word TF-IDF cosine (what `teacher` ranks by, the baseline)
  char         mean per-prompt character 3-5-gram TF-IDF cosine
  fwords       mean per-prompt cosine of function-word/punctuation sequences (content words masked)
  delta-N      Burrows' cosine Delta over the N most frequent words, z-scored across the candidates
  base-contrast tfidf minus the candidate's mean similarity to no-teacher models of a LLaMA base
               (guanaco-33b, oasst-sft-llama-33b: development models, never the student)
  classifier   (--classifier, slow) logistic regression trained to tell the candidates apart on their
               own answers, cross-fitted over prompts (5 folds), applied to the student's answers
Also prints, per student, tfidf(student, gpt4_0613) - tfidf(student, gpt-3.5-turbo-0613): the sign
that decides the GPT-4 vs GPT-3.5 cases.
"""
import collections
import json
import os
import re
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize
from scipy.sparse import vstack

args = [a for a in sys.argv[1:] if not a.startswith("--")]
DATA = args[0] if args else os.path.join(os.path.dirname(__file__), "../../../shared/data")
WITH_CLASSIFIER = "--classifier" in sys.argv

FUNCTION_WORDS = set("""a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers him his how however i if in into is it its itself just may me might
more most must my no nor not now of off on once only or other our out over own same she should so some
such than that the their them then there therefore these they this those through thus to too under until
up very was we were what when where which while who whom why will with would yes you your""".split())
TOKEN = re.compile(r"[A-Za-z']+|[0-9]+|\n|[^\sA-Za-z0-9]")


def load():
    texts = {}
    for folder in ("alpacaeval", "alpacaeval-dev"):
        for name in sorted(os.listdir(os.path.join(DATA, folder))):
            if name.endswith(".json") and name != "teachers.json":
                rows = json.load(open(os.path.join(DATA, folder, name)))
                texts[name[:-5]] = {r["instruction"]: (r["output"] or "") for r in rows}
    prompts = sorted(set.intersection(*(set(t) for t in texts.values())))
    return {m: [t[p] for p in prompts] for m, t in texts.items()}, len(prompts)


def function_word_sequence(text):
    out = []
    for w in TOKEN.findall(text):
        low = w.lower()
        if low in FUNCTION_WORDS:
            out.append(low)
        elif w == "\n":
            out.append("NL")
        elif w[0].isalpha():
            out.append("W" if w[0].islower() else "C")
        elif w[0].isdigit():
            out.append("N")
        else:
            out.append(w)
    return " ".join(out)


def per_prompt_cosine(answers, models, prompts, vectorizer, prepare=lambda t: t):
    matrix = normalize(vectorizer.fit_transform([prepare(t) for m in models for t in answers[m]]))
    blocks = {m: matrix[i * prompts:(i + 1) * prompts] for i, m in enumerate(models)}
    return lambda a, b: float(np.asarray(blocks[a].multiply(blocks[b]).sum(1)).mean())


def delta_scorer(answers, candidates, most_frequent):
    counts = {}
    for m, texts in answers.items():
        c = collections.Counter(w for t in texts for w in TOKEN.findall(t.lower()))
        counts[m] = (c, sum(c.values()))
    pooled = collections.Counter()
    for cand in candidates:
        c, n = counts[cand]
        for w, k in c.items():
            pooled[w] += k / n
    words = [w for w, _ in pooled.most_common(most_frequent)]
    freq = {m: np.array([c[w] / n for w in words]) for m, (c, n) in counts.items()}
    ref = np.array([freq[c] for c in candidates])
    mu, sd = ref.mean(0), ref.std(0) + 1e-12
    z = {m: (f - mu) / sd for m, f in freq.items()}
    return lambda a, b: float(z[a] @ z[b] / (np.linalg.norm(z[a]) * np.linalg.norm(z[b])))


def classifier_scores(answers, prompts, candidates, students, folds=5):
    fold = np.random.RandomState(0).randint(0, folds, prompts)
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=3, max_features=200000)
    vec.fit([t for c in candidates for t in answers[c]])
    cand_x = {c: vec.transform(answers[c]) for c in candidates}
    stud_x = {s: vec.transform(answers[s]) for s in students}
    probs = {s: np.zeros((prompts, len(candidates))) for s in students}
    for f in range(folds):
        train, test = np.where(fold != f)[0], np.where(fold == f)[0]
        x = vstack([cand_x[c][train] for c in candidates])
        y = np.repeat(np.arange(len(candidates)), len(train))
        model = LogisticRegression(C=10, max_iter=2000).fit(x, y)
        for s in students:
            probs[s][test] = model.predict_proba(stud_x[s][test])
    return {s: dict(zip(candidates, p.mean(0))) for s, p in probs.items()}


def main():
    answers, prompts = load()
    spec = json.load(open(os.path.join(DATA, "alpacaeval-dev/teachers.json")))
    family = {m: f for f, ms in spec["teacher_families"].items() for m in ms}
    all_candidates = [m for ms in spec["teacher_families"].values() for m in ms]
    splits = [
        ("development", [c for c in all_candidates if c != "claude"],
         {"deita-7b-v1.0": "gpt-3.5", "Infinity-Instruct-3M-0625-Mistral-7B": "gpt-4",
          "guanaco-33b": "none", "oasst-sft-llama-33b": "none"}),
        ("validation", all_candidates, {s: i["teacher"] for s, i in spec["students"].items()}),
    ]
    models = sorted(answers)
    tfidf = per_prompt_cosine(answers, models, prompts, TfidfVectorizer())
    methods = {
        "tfidf": tfidf,
        "char": per_prompt_cosine(answers, models, prompts,
                                  TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)),
        "fwords": per_prompt_cosine(answers, models, prompts,
                                    TfidfVectorizer(ngram_range=(1, 3), token_pattern=r"\S+", lowercase=False,
                                                    sublinear_tf=True), function_word_sequence),
    }
    unrelated = ["guanaco-33b", "oasst-sft-llama-33b"]
    for name, candidates, truth in splits:
        rows = dict(methods)
        for n in (200, 1000):
            rows[f"delta-{n}"] = delta_scorer(answers, candidates, n)
        rows["base-contrast"] = lambda s, c: tfidf(s, c) - np.mean([tfidf(u, c) for u in unrelated if u != s])
        ranked = {m: {s: max(candidates, key=lambda c: f(s, c)) for s in truth} for m, f in rows.items()}
        if WITH_CLASSIFIER:
            scores = classifier_scores(answers, prompts, candidates, list(truth))
            ranked["classifier"] = {s: max(sc, key=sc.get) for s, sc in scores.items()}
        taught = [s for s, t in truth.items() if t != "none"]
        print(f"\n{name}: right family first, of {len(taught)} students with a documented teacher")
        for m, tops in ranked.items():
            right = sum(family[tops[s]] == truth[s] for s in taught)
            print(f"  {m:14s} {right}/{len(taught)}   " + " ".join(f"{s[:12]}->{family[tops[s]]}" for s in taught))
        print("  tfidf(student, gpt4_0613) - tfidf(student, gpt-3.5-turbo-0613):")
        for s, t in truth.items():
            print(f"    {s:38s} truth {t:8s} {tfidf(s, 'gpt4_0613') - tfidf(s, 'gpt-3.5-turbo-0613'):+.4f}")


if __name__ == "__main__":
    main()
