"""Tables on metrics: the indicator panel, units by document, the richest year."""

import pandas as pd

import kslib
from kslib import metrics as M


def test_metric_panel_flags_disagreements():
    m = pd.DataFrame({
        "doc_id": ["a", "b", "b", "c"], "line": [1, 1, 2, 1], "start": [0, 0, 5, 0],
        "text": ["90亿元", "91亿元", "突破100亿元", "100亿元"],
        "value": [9e9, 9.1e9, 1e10, 1e10], "unit": ["CNY"] * 4, "qualifier": ["", "", "突破", ""],
        "indicator": ["收入"] * 4, "measure": ["level"] * 4, "kind": ["actual"] * 4,
        "year": pd.array([2018, 2018, 2020, 2020], dtype="Int64"),
    })
    p = M.metric_panel(m)
    assert p.loc[p["year"] == 2018, "disagree"].all()       # 90 vs 91
    assert not p.loc[p["year"] == 2020, "disagree"].any()   # 突破100 is consistent with 100
    assert set(p["n_docs"]) == {3}


def test_metric_panel_on_corpus(metrics):
    p = kslib.metric_panel(metrics)
    rows = p[p["indicator"] == "一般公共预算收入"]
    assert rows["doc_id"].nunique() >= 2
    assert set(rows["year"].dropna()) >= {2018, 2019, 2020}


def test_units_by_document_and_richest_year():
    text = "2018年实现产值10亿元，增长5%。2019年力争产值12亿元。"
    m = kslib.extract_metrics(text).assign(doc_id="d_1")
    table = kslib.metrics.units_by_document(m)
    assert table.columns.tolist() == ["unit", "d"] and table["d"].sum() == len(m)
    assert table.iloc[0]["unit"] == "CNY"  # two CNY mentions before one %
    assert kslib.metrics.richest_year(m) == ("d_1", 2018)
    assert kslib.metrics.richest_year(m.iloc[0:0]) == (None, None)


def test_plan_against_review_picks_the_document_and_years_with_most_shared_indicators():
    text = ("一、2019年工作回顾\n国内生产总值增长6.1%，城镇新增就业1352万人，居民消费价格上涨2.9%。\n"
            "二、今年主要目标\n国内生产总值增长6%左右，城镇新增就业900万人以上，居民消费价格涨幅3.5%左右。\n")
    m = kslib.extract_metrics(text, date="2020-05-22").assign(doc_id="r")
    assert M.plan_against_review(m) == ("r", 2019, 2020)
    t = M.targets_vs_actuals(m, actual_year=2019, target_year=2020)
    got = t.set_index("indicator")[["actual", "target", "target_qualifier"]].to_dict("index")
    assert got == {"国内生产总值": {"actual": 6.1, "target": 6.0, "target_qualifier": "左右"},
                   "城镇新增就业": {"actual": 1.352e7, "target": 9.0e6, "target_qualifier": "以上"},
                   "居民消费价格": {"actual": 2.9, "target": 3.5, "target_qualifier": "左右"}}
    assert M.plan_against_review(m[m["kind"] == "actual"]) == (None, None, None)
