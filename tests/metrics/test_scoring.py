"""Scores against the seeds' hand-annotated gold set (floors) and its negatives."""

import pandas as pd

from kslib import metrics as M
from kslib.config import GOLD_DIR


def test_gold_scores(metrics):
    s = M.evaluate(metrics).set_index("score")["value"]
    assert s["precision"] >= 0.975
    assert s["recall"] >= 0.99
    assert s["f1"] >= 0.985
    assert s["indicator_lenient"] >= 0.87
    assert s["indicator_exact"] >= 0.50
    assert s["measure"] >= 0.99
    assert s["kind"] >= 0.99
    assert s["year"] >= 0.965


def test_gold_negatives_mostly_not_extracted(metrics):
    import opencc

    t2s = opencc.OpenCC("t2s")
    neg = pd.read_csv(GOLD_DIR / "metrics_negative.csv", dtype=str)
    hits = 0
    for r in neg.itertuples():
        span = t2s.convert(r.span).replace(" ", "")
        same = metrics[(metrics["doc_id"] == r.doc_id) & (metrics["line"] == int(r.line))]
        hits += any(x.replace(" ", "") == span or (x in span and len(x) >= 2 and span.find(x) == 0)
                    for x in same["text"])
    # known: 市民文明12条, 4个计划, 3项工程 (formula components without the formula), 10项 at 004:47
    assert hits <= 4
