#!/usr/bin/env python3
"""A learned identity judge we measured but did not ship: leave-one-model-out logistic regression on
the rules' findings plus character n-grams of the response, against the paper's gpt-4o-mini labels.

The C++ learned judge (core/ice/JudgeTraining) uses word features and measures LOMO kappa 0.658
(0.704 without words); this variant shows how far a different text representation gets on the same
7 development models, so a successor can decide whether porting it is worth it.
    build/bench/ice/ice_rule_bench ../shared/data/ice --verdicts /tmp/verdicts.jsonl
    bench/ice/learned_alternatives.py /tmp/verdicts.jsonl [--words]
Needs numpy, scipy, scikit-learn (Debian: python3-sklearn). Without --words: the rules' findings only
(a learned re-weighting of the rules). With --words: plus char 2-4-grams (TF-IDF, sublinear), ~25 min
on 2 loaded cores.
"""
import json
import re
import sys

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score

rows = [json.loads(line) for line in open(sys.argv[1])]
with_words = "--words" in sys.argv
models = sorted({r["model"] for r in rows})
kinds = sorted({k for r in rows for k in r["kinds"]})
CJK = re.compile(r"[\u4e00-\u9fff]")


def findings(r):
    v = [r["rule"], r["rule_strict"], r["claims_true"], bool(r["vendor"]), len(r["response"]) < 40,
         bool(CJK.search(r["question"]))]
    return v + [k in r["kinds"] for k in kinds]


labels = np.array([r["paper"] for r in rows])
rules = np.array([r["rule"] for r in rows])
model_of = np.array([r["model"] for r in rows])
dense = csr_matrix(np.array([findings(r) for r in rows], dtype=float))
print(f"rules alone (development figure: tuned on these 7): pooled kappa {cohen_kappa_score(labels, rules):.3f}")
for c in (0.1, 1, 10):
    predicted = np.zeros(len(rows), bool)
    for held in models:
        train, test = np.where(model_of != held)[0], np.where(model_of == held)[0]
        if with_words:
            vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=5, sublinear_tf=True, max_features=50000)
            vec.fit([rows[i]["response"] for i in train])
            text = lambda idx: vec.transform([rows[i]["response"] for i in idx])
            x_train = hstack([dense[train] * 3, text(train)]).tocsr()
            x_test = hstack([dense[test] * 3, text(test)]).tocsr()
        else:
            x_train, x_test = dense[train], dense[test]
        model = LogisticRegression(C=c, max_iter=3000).fit(x_train, labels[train])
        predicted[test] = model.predict(x_test)
    per_model = " ".join(f"{m[:10]}:{cohen_kappa_score(labels[model_of == m], predicted[model_of == m]):.2f}" for m in models)
    print(f"LOMO C={c:<4} pooled kappa {cohen_kappa_score(labels, predicted):.3f}  {per_model}")
