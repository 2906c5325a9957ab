"""Checks on the non-seed gold itself (tests/data/metrics_gold_dev.csv), not on any extractor.

Every row must point at real text in its fixture and follow the shared quantity conventions.
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from functools import lru_cache

import opencc
import pytest

from tests.conftest import FIXTURES, ROOT

GOLD = ROOT / "tests" / "data" / "metrics_gold_dev.csv"
DOCS = FIXTURES / "metrics_dev"
COLUMNS = ["doc_id", "line", "span", "value", "value_max", "unit", "qualifier", "indicator",
           "measure", "kind", "year", "period", "note"]

# Document dates (from the documents themselves; see tests/fixtures/metrics_dev/README.md).
DOC_DATES = {
    "d02_daqing_stats_communique_2012_htmlfrag": 2013,
    "d04_state_council_gwr_2020_gbk": 2020,
    "d05_state_council_gwr_2018_utf8bom": 2018,
    "d08_tw_president_budget_2023": 2023,
    "d09_tw_president_travel_fair_2014": 2014,
    "hk_budget_news": 2025,
}

CURRENCIES = {"CNY", "USD", "HKD", "TWD", "MOP", "EUR", "JPY", "GBP", "KRW"}
RELATIVE = {"%", "pp", "times", "ratio", "rank"}
PHYSICAL = {"t", "kg", "jin", "kW", "kWh", "km", "m", "m2", "km2", "ha", "mu", "m3", "ug/m3",
            "TEU", "tce", "人·km", "t·km"}
DURATIONS = {"年", "月", "天", "小时", "分钟", "岁"}
CLASSIFIERS = {"个", "家", "名", "项", "座", "所", "人", "户", "条", "张", "位", "次", "场", "批",
               "件", "份", "颗", "头", "门", "堂", "架次", "人次", "处", "点", "套", "辆", "部",
               "架", "艘", "案", "栋", "册", "枚"}
PER_PERSON = {f"{c}/人" for c in CURRENCIES}
UNITS = CURRENCIES | RELATIVE | PHYSICAL | DURATIONS | CLASSIFIERS | PER_PERSON
MEASURES = {"level", "growth", "share", "change", "ratio"}
KINDS = {"actual", "target", "forecast"}
COMPARISON_HEADS = ("比", "较", "較", "与", "與", "同比", "相比", "约合", "比上年", "比年初")
_T2S = opencc.OpenCC("t2s")


def _rows() -> list[dict]:
    with GOLD.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()


@lru_cache(maxsize=None)
def raw_lines(doc_id: str) -> tuple[str, ...]:
    """The document's raw text as lines: a JSON record's `content`, else the decoded file."""
    (path,) = [p for p in DOCS.iterdir() if p.stem == doc_id]
    data = path.read_bytes()
    if path.suffix == ".json":
        return tuple(json.loads(data.decode("utf-8"))["content"].split("\n"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return tuple(text.split("\n"))


def _occurrence(row: dict) -> int | None:
    m = re.search(r"occurrence=(\d+)", row["note"])
    return int(m.group(1)) if m else None


def _find_all(line: str, span: str) -> list[int]:
    out, i = [], line.find(span)
    while i >= 0:
        out.append(i)
        i = line.find(span, i + 1)
    return out


def _ids(rows):
    return [f"{r['doc_id'][:3]}:{r['line']}:{r['span']}" for r in rows]


def test_columns_and_size():
    with GOLD.open(encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == COLUMNS
    docs = Counter(r["doc_id"] for r in ROWS)
    assert len(ROWS) >= 220
    assert len(docs) >= 4
    assert set(docs) <= set(DOC_DATES)
    assert docs["d02_daqing_stats_communique_2012_htmlfrag"] >= 80
    assert docs["hk_budget_news"] >= 25


def test_fixtures_are_copies_listed_in_readme():
    readme = (DOCS / "README.md").read_text(encoding="utf-8")
    for doc_id in DOC_DATES:
        assert doc_id in readme
    # the invented text says so in its own first line
    first = raw_lines("hk_budget_news")[0]
    assert "虛構" in first and "Invented for testing" in first


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_span_is_in_its_raw_line(row):
    lines = raw_lines(row["doc_id"])
    n = int(row["line"])
    assert 1 <= n <= len(lines)
    hits = _find_all(lines[n - 1], row["span"])
    assert hits, "span not in its line"
    occ = _occurrence(row)
    if len(hits) > 1:
        assert occ is not None and occ <= len(hits), "repeated span needs occurrence=N"
    else:
        assert occ in (None, 1)


def test_rows_unique():
    keys = Counter((r["doc_id"], r["line"], r["span"], _occurrence(r)) for r in ROWS)
    assert [k for k, c in keys.items() if c > 1] == []


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_row_follows_conventions(row):
    assert row["unit"] in UNITS
    assert row["measure"] in MEASURES
    assert row["kind"] in KINDS
    value = float(row["value"])
    if row["value_max"]:
        assert float(row["value_max"]) > value
    if value < 0:
        # only a change or a rate can be negative; a level or share never is
        assert row["measure"] in {"growth", "change"}
    if row["unit"] == "pp":
        assert row["measure"] == "change"
    if row["unit"] in CURRENCIES | PHYSICAL:
        assert row["measure"] in {"level", "change"}
    # a fall written in the span itself (负增长, 零增长 aside) must not be positive
    if re.search(r"负|負", row["span"]):
        assert value < 0


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_year_and_period_plausible(row):
    doc_year = DOC_DATES[row["doc_id"]]
    year, period = row["year"], row["period"]
    assert not (year and period), "a figure refers to one year or to one period"
    if year:
        y = int(year)
        assert 1900 <= y <= doc_year + 10
        if row["kind"] == "actual":
            assert y <= doc_year, "an actual cannot lie after the document's date"
        if row["kind"] == "forecast":
            assert y >= doc_year, "a forecast is about the document's year or later"
    if period:
        m = re.fullmatch(r"(\d{4})-(\d{4})", period)
        assert m and 1900 <= int(m.group(1)) < int(m.group(2)) <= doc_year + 10
        if row["kind"] == "actual":
            assert int(m.group(2)) <= doc_year


@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_indicator_is_a_simplified_noun_phrase(row):
    ind = row["indicator"]
    assert ind and ind != row["span"]
    assert "<" not in ind and ">" not in ind and "span" not in ind
    assert not ind.startswith(COMPARISON_HEADS)
    assert _T2S.convert(ind) == ind, "indicator must be Simplified"
    assert _T2S.convert(row["qualifier"]) == row["qualifier"]


def test_falls_are_negative_in_the_communique():
    """Every 下降 right before a gold rate in d02 gives a negative value (the new sign convention)."""
    lines = raw_lines("d02_daqing_stats_communique_2012_htmlfrag")
    checked = 0
    for r in ROWS:
        if not r["doc_id"].startswith("d02") or r["measure"] not in {"growth", "change"}:
            continue
        line = lines[int(r["line"]) - 1]
        pos = _find_all(line, r["span"])[(_occurrence(r) or 1) - 1]
        before = re.sub(r"<[^>]+>", "", line[max(0, pos - 30):pos])
        if re.search(r"(下降|减少)$", before):
            assert float(r["value"]) < 0
            checked += 1
        elif re.search(r"(增长|增加|上涨)$", before):
            assert float(r["value"]) > 0
            checked += 1
    assert checked >= 60


def test_kinds_cover_reviews_plans_and_forecasts():
    kinds = Counter(r["kind"] for r in ROWS)
    assert kinds["actual"] >= 100 and kinds["target"] >= 50 and kinds["forecast"] >= 5
    assert sum(1 for r in ROWS if r["period"]) >= 30
    assert sum(1 for r in ROWS if float(r["value"]) < 0) >= 20


def test_fixtures_match_their_recorded_hashes():
    """The copies are byte-identical to what README.md records (no editor re-saved them)."""
    import hashlib

    readme = (DOCS / "README.md").read_text(encoding="utf-8")
    recorded = dict((name, h) for h, name in re.findall(r"^\s+([0-9a-f]{64})  (\S+)$", readme, re.M))
    assert set(recorded) == {p.name for p in DOCS.iterdir() if p.name != "README.md"}
    for name, h in recorded.items():
        assert hashlib.sha256((DOCS / name).read_bytes()).hexdigest() == h, name
