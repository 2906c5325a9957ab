import pandas as pd
import pytest

import kslib
from kslib.explore import metrics as M
from kslib.explore.html import fmt_number
from tests.explore.htmlparse import keys, texts


@pytest.fixture(scope="module")
def syn_metrics(syn):
    return kslib.extract_metrics(syn)


@pytest.fixture(scope="module")
def seed_metrics(corpus):
    return kslib.extract_metrics(corpus)


def test_each_filter_keeps_exactly_its_rows(seed_metrics):
    m = seed_metrics
    for col in ("doc_id", "unit", "indicator", "kind"):
        val = M.filter_options(m, col)[0]
        got = M.filter_metrics(m, **{col: val})
        assert len(got) == int((m[col].astype(str) == str(val)).sum()) > 0
    year = M.filter_options(m, "year")[0]
    assert len(M.filter_metrics(m, year=year)) == int((m["year"] == year).sum())
    both = M.filter_metrics(m, unit="CNY", kind="actual")
    assert len(both) == int(((m["unit"] == "CNY") & (m["kind"] == "actual")).sum())
    assert M.filter_metrics(m, unit=None).equals(m)


def test_unknown_filter_raises(seed_metrics):
    with pytest.raises(ValueError, match="unknown filter"):
        M.filter_metrics(seed_metrics, colour="red")


def test_filter_options_most_frequent_first():
    m = pd.DataFrame({"unit": ["%", "CNY", "CNY", "t", "%", "CNY", ""],
                      "year": pd.array([2019, None, 2018, 2019, 2018, 2018, 2020], dtype="Int64")})
    assert M.filter_options(m, "unit") == ["CNY", "%", "t"]  # empty left out, ties by name
    assert M.filter_options(m, "year") == [2018, 2019, 2020]


def test_default_indicator_prefers_most_years():
    m = pd.DataFrame({"indicator": ["甲", "甲", "甲", "乙", "乙", ""],
                      "year": pd.array([2018, 2018, 2018, 2018, 2019, 2020], dtype="Int64")})
    assert M.default_indicator(m) == "乙"
    assert M.default_indicator(m.assign(year=pd.array([None] * 6, dtype="Int64"))) is None


def test_the_mention_found_is_the_one_highlighted(syn, syn_metrics):
    # the same "5%" twice in one sentence: each row marks its own occurrence
    rows = syn_metrics[syn_metrics["text"] == "5%"].reset_index(drop=True)
    assert len(rows) == 2 and rows["start"][0] != rows["start"][1]
    text = syn.loc[syn["doc_id"] == "a", "text"].iloc[0]
    sentence_start = text.index(rows["sentence"][0])
    for i in range(2):
        html = M.metrics_html(rows.iloc[[i]], syn)
        assert texts(html, "ks-hit") == ["5%"]
        before = html.split('<span class="ks-hit">')[0].rsplit(">", 1)[-1]  # the row's text before the mark
        assert before == text[sentence_start:rows["start"][i]]


def test_metrics_html_rows_and_values(seed_metrics, corpus):
    rows = M.filter_metrics(seed_metrics, unit="CNY")
    html = M.metrics_html(rows, corpus, selected=0)
    assert keys(html) == [f"row:{i}" for i in range(len(rows))]
    values = texts(html, "ks-num")[2::2]  # header "value", "year"; then value, year per row
    assert values == [fmt_number(v) + (f"–{fmt_number(x)}" if pd.notna(x) else "")
                      for v, x in zip(rows["value"], rows["value_max"])]
    assert "No quantity" in M.metrics_html(rows.iloc[:0], corpus)


def test_year_series_keeps_the_main_unit_and_rows_with_a_year():
    m = pd.DataFrame({"doc_id": ["b", "a", "a", "a"], "year": pd.array([2019, 2018, None, 2019], dtype="Int64"),
                      "value": [3.0, 1.0, 9.0, 2.0], "unit": ["CNY", "CNY", "CNY", "%"],
                      "kind": ["actual"] * 4})
    s, unit = M.year_series(m)
    assert unit == "CNY" and s[["doc_id", "year", "value"]].values.tolist() == [["a", 2018, 1.0], ["b", 2019, 3.0]]
    empty, none = M.year_series(m.assign(year=pd.array([None] * 4, dtype="Int64")))
    assert empty.empty and none is None


def test_chart_png_is_a_deterministic_png(seed_metrics):
    ind = M.default_indicator(seed_metrics)
    s, unit = M.year_series(M.filter_metrics(seed_metrics, indicator=ind))
    a = M.chart_png(s, unit, title=ind)
    assert a[:8] == b"\x89PNG\r\n\x1a\n" and a == M.chart_png(s, unit, title=ind)
    assert M.chart_png(s.iloc[:0], None, title="nothing")[:4] == b"\x89PNG"


def test_numbers_read_as_written():
    assert fmt_number(7.62e10) == "76,200,000,000" and fmt_number(7.1) == "7.1" and fmt_number(-3.0) == "-3"
    assert fmt_number(0.65) == "0.65" and fmt_number(float("nan")) == ""
    assert M.compact_number(7.62e10) == "762亿" and M.compact_number(15000) == "1.5万" and M.compact_number(7.1) == "7.1"


def test_summary_true_of_any_result(seed_metrics, dev):
    assert M.summary(seed_metrics.iloc[:0], len(seed_metrics)).startswith("No quantity")
    one = seed_metrics[seed_metrics["year"].notna()].iloc[:1]
    assert M.summary(one, 1) == f"1 of 1 quantity in 1 document, year {int(one['year'].iloc[0])}."
    m = kslib.extract_metrics(dev)
    s = M.summary(m, len(m))
    assert s.startswith(f"{len(m)} of {len(m)} quantities in {m['doc_id'].nunique()} document")
