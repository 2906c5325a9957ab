"""Scores against the seeds' hand-annotated gold set and the non-seed gold (floors earned, never
lowered), per document and overall; the seeds' negatives; the scoring API itself."""

import pandas as pd
import pytest

from kslib import metrics as M
from kslib.config import GOLD_DIR
from tests.metrics.dev_corpus import dev_corpus


@pytest.fixture(scope="module")
def dev_metrics():
    corpus = dev_corpus()
    return corpus, M.extract_metrics(corpus)


def test_gold_scores(metrics):
    s = M.evaluate(metrics).set_index("score")["value"]
    assert s["precision"] >= 0.98
    assert s["recall"] >= 1.0
    assert s["f1"] >= 0.99
    assert s["indicator_lenient"] >= 0.878
    assert s["indicator_exact"] >= 0.62
    assert s["measure"] >= 1.0
    assert s["kind"] >= 0.995
    assert s["year"] >= 0.975
    assert s["period"] >= 1.0


def test_non_seed_gold_scores(dev_metrics):
    corpus, pred = dev_metrics
    gold = M.load_gold(M.GOLD_DEV, doc_ids=corpus["doc_id"])
    assert set(gold["doc_id"]) == set(corpus["doc_id"])  # every annotated document is scored
    s = M.evaluate(pred, gold=gold).set_index("score")["value"]
    assert s["precision"] >= 0.97 and s["recall"] >= 0.915
    # lenient 0.898 before the owned-measure rule (第一产业实现增加值 -> 第一产业增加值; exact 0.556 -> 0.600): its four
    # lenient losses are more specific names (地方投资) not contained in the gold's longer one (地方固定资产投资),
    # where the bare 投资 had been; parts of a whole, shared modifiers and hk2s then gave 0.635 / 0.893. Amounts
    # without a unit (implied_currency: 16 more of the Taiwan release's 923亿, 5兆8,338亿 … matched, recall 0.884 ->
    # 0.919) left every earlier row as it was but average lower on the attributes: 0.621 / 0.876, period 0.964.
    # Falls named after the amount (2%的负成长) and a fall verb's longer object before a rate (削减…涉企收费项目60%)
    # turned two wrong signs into matches (recall 0.923), one of them named by its anaphor (该国旅客出国人数 for
    # 日本旅客出国人数): 0.876 / 0.618 over the larger match, every other row unchanged.
    # Counts written without a classifier (农村贫困人口减少1109万: implied_count), subjects found across a clause that
    # only states a time (长照总体预算，从2016年，只有54亿) and indicators without pronouns or an associative 的
    # (台湾的GDP -> 台湾GDP): recall 0.958, lenient 0.892, exact 0.638; the year averages lower over the larger
    # match (0.936: the Taiwan speech's undated 将近6兆, 从2016年，只有54亿 left undated by the span rule).
    # Compounds with 倍 (三倍券, 五倍券 were multiples) gone: precision 0.980 -> 0.984; comparison bases and fiscal years
    # out of indicators (较上次预测, 新年度): exact 0.642 -> 0.646.
    assert s["precision"] >= 0.983
    assert s["recall"] >= 0.95
    assert s["indicator_lenient"] >= 0.89
    assert s["indicator_exact"] >= 0.644
    assert s["kind"] >= 0.98
    assert s["year"] >= 0.93
    assert s["period"] >= 0.96
    assert s["measure"] >= 0.99


def test_non_seed_gold_per_document(dev_metrics):
    corpus, pred = dev_metrics
    by = M.evaluate(pred, gold=M.load_gold(M.GOLD_DEV), by_document=True)
    table = by.pivot(index="doc_id", columns="score", values="value")
    assert set(table.index) == set(corpus["doc_id"]) | {"all"}
    # the three reports and the communiqué, whose text loads cleanly today
    for d in ("d02", "d04", "d05"):
        row = table[table.index.str.startswith(d)].iloc[0]
        assert row["kind"] >= 0.92 and row["indicator_lenient"] >= 0.9, d
    assert table.loc[table.index.str.startswith("d02"), "year"].iloc[0] >= 0.99  # the title's 2012


def test_evaluate_api():
    gold = M.load_gold()
    assert "period" in gold.columns and set(gold["period"]) >= {"", "2021-2025"}
    one = gold[gold["doc_id"] == gold["doc_id"].iloc[0]]
    pred = pd.DataFrame({"doc_id": one["doc_id"], "line": one["line"], "value": one["value"], "unit": one["unit"],
                         "text": one["span"], "indicator": one["indicator"], "measure": one["measure"],
                         "kind": one["kind"], "kind_cue": "", "year": one["year"], "period": one["period"]})
    s = M.evaluate(pred, gold=gold[gold["doc_id"] == one["doc_id"].iloc[0]]).set_index("score")["value"]
    assert (s == 1.0).all()
    # a gold document missing from pred is missed, not ignored
    s = M.evaluate(pred, gold=gold).set_index("score")["value"]
    assert s["recall"] < 0.5 and s["precision"] == 1.0
    wrong = pred.assign(kind="forecast", period="1990-1991")
    s = M.evaluate(wrong, gold=gold[gold["doc_id"] == one["doc_id"].iloc[0]]).set_index("score")["value"]
    assert s["kind"] == 0.0 and s["period"] == 0.0
    assert set(M.load_gold(M.GOLD_DEV, doc_ids=["hk_budget_news"])["doc_id"]) == {"hk_budget_news"}


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
