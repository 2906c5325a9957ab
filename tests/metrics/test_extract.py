"""extract_metrics: columns, strings normalised like documents, corpus rows traced to raw lines."""


import pytest

import kslib
from kslib import metrics as M
from kslib.metrics import extract_metrics


def test_columns_and_plain_string():
    df = extract_metrics("今年GDP增长5%左右")
    assert list(df.columns) == M.COLUMNS
    assert len(df) == 1
    r = df.iloc[0]
    assert (r["value"], r["unit"], r["qualifier"], r["measure"], r["indicator"]) == (5.0, "%", "左右", "growth", "GDP")
    assert r["doc_id"] == "" and r["line"] == 1 and r["text"] == "5%左右"


def test_corpus_rows_trace_to_raw_lines(metrics, corpus):
    import opencc

    t2s = opencc.OpenCC("t2s")
    raw = {d: r.split("\n") for d, r in zip(corpus["doc_id"], corpus["raw"])}
    for r in metrics.itertuples():
        line = t2s.convert(raw[r.doc_id][r.line - 1]).replace(" ", "").replace("l", "1")
        assert r.text.replace(" ", "") in line, (r.doc_id, r.line, r.text)
    text = dict(zip(corpus["doc_id"], corpus["text"]))
    assert all(text[r.doc_id][r.start:r.end] == r.text for r in metrics.itertuples())


def test_a_string_is_normalised_like_a_document():
    """OCR slip (l億元), Traditional script and spaced digits: the string path uses kslib.normalize."""
    m = kslib.extract_metrics("財政收入突破l億元，\n人均收入 8.5 萬元")
    assert m[["value", "unit", "line"]].values.tolist() == [[100000000.0, "CNY", 1], [85000.0, "CNY", 2]]


# ---------------------------------------------------------------- the document's currency
_HK = "香港特区政府公布预算。港府今年开支$688亿，立法会通过拨款100亿元。香港经济增长2.5%。"
_TW = "總統府說明，臺灣明年度總預算2兆8,818億元，比今年增加1,726億元，行政院已送立法院。"


def test_document_currency_rule():
    from kslib.metrics.extract import document_currency

    assert document_currency("开支100元", {"currency": "hkd"}) == ("HKD", "metadata")
    assert document_currency("开支100元", {"region": "Taiwan"}) == ("TWD", "metadata")
    assert document_currency("开支100元", {"region": "澳门"}) == ("MOP", "metadata")
    assert document_currency(kslib.normalize(_HK).text) == ("HKD", "inferred")
    assert document_currency(kslib.normalize(_TW).text) == ("TWD", "inferred")
    # a mainland report that mentions Hong Kong stays CNY
    assert document_currency("国务院发布：内地对香港出口增长5%，香港投资100亿元，省委、市委部署，国家统计局公布。") == (
        "CNY", "default")
    with pytest.raises(ValueError):
        document_currency("", {"currency": "XYZ"})


def test_a_bare_yuan_in_a_hong_kong_text_is_hkd_and_said_so():
    with pytest.warns(kslib.CorpusWarning, match="<string>: 2 amount.*HKD, inferred"):
        m = extract_metrics(_HK)
    assert m.set_index("text")["unit"].to_dict() == {"$688亿": "HKD", "100亿元": "HKD", "2.5%": "%"}
    m = extract_metrics(_HK, currency="CNY")  # given: no warning, no inference
    assert set(m["unit"]) == {"CNY", "USD", "%"}


def test_taiwan_writes_zhao_for_a_trillion():
    with pytest.warns(kslib.CorpusWarning, match="TWD"):
        m = extract_metrics(_TW)
    assert m[["text", "value", "unit"]].values.tolist() == [
        ["2兆8,818亿元", 2881800000000.0, "TWD"], ["1,726亿元", 172600000000.0, "TWD"]]  # normalised text
    # on the mainland reading 兆 is not a big unit: the number is not read at all (never 8818亿)
    assert extract_metrics("总预算2兆8818亿元", currency="CNY").empty


def test_currency_and_region_metadata_columns(tmp_path):
    (tmp_path / "a.txt").write_text("收入100元，增长5%。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("收入100元，增长5%。", encoding="utf-8")
    (tmp_path / "c.txt").write_text("收入100元，增长5%。", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "doc_id,title,date,date_precision,date_evidence,source,authors,script,subject,currency,region\n"
        "a,,2020,year,,,,simplified,,HKD,\nb,,2020,year,,,,simplified,,,TW\nc,,2020,year,,,,simplified,,,\n",
        encoding="utf-8")
    corpus = kslib.load_corpus(tmp_path)
    m = extract_metrics(corpus)
    got = m[m["unit"] != "%"].set_index("doc_id")["unit"].to_dict()
    assert got == {"a": "HKD", "b": "TWD", "c": "CNY"}


def test_falls_are_negative_in_the_table():
    m = extract_metrics("全年GDP下降6.8%，进口减少2亿元，增速为-2.3%，利润降至3%。")
    assert m[["text", "value"]].values.tolist() == [["6.8%", -6.8], ["2亿元", -2e8], ["-2.3%", -2.3], ["3%", 3.0]]


def test_extraction_on_one_long_line_finds_what_lines_find(corpus):
    """The seeds' text on one line gives about the mentions it gives with its line breaks (joining lines
    merges a few); cost: bench/linear_cost.py."""
    from kslib.metrics.extract import extract_text

    lines = "\n".join(corpus["text"])
    n_lines, n_one = len(extract_text(lines)), len(extract_text(lines.replace("\n", "")))
    assert n_lines > 100 and 0.8 * n_lines < n_one <= n_lines


def test_a_process_pool_gives_the_same_rows_and_warnings(tmp_path, corpus):
    """Documents are independent: workers=2 (a fork pool) returns the serial table, and the warnings of the
    documents (an inferred currency) still reach the caller, in corpus order."""
    import multiprocessing as mp
    import warnings

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("no fork start method on this platform: extract_metrics runs serially")
    for i in range(3):
        (tmp_path / f"hk{i}.txt").write_text(_HK * (i + 1), encoding="utf-8")
    (tmp_path / "cn.txt").write_text("\n".join(corpus["text"]), encoding="utf-8")
    c = kslib.load_corpus(tmp_path)
    got = {}
    for w in (1, 2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got[w] = (extract_metrics(c, workers=w),
                      [str(x.message) for x in caught if "inferred from the text" in str(x.message)])
    import pandas as pd

    pd.testing.assert_frame_equal(got[1][0], got[2][0], check_exact=True)
    assert got[2][1] == got[1][1] and [m.split(":")[0] for m in got[2][1]] == ["hk0", "hk1", "hk2"]
    assert len(got[2][0]) > 100 and set(got[2][0]["doc_id"]) == {"hk0", "hk1", "hk2", "cn"}


@pytest.mark.dask
def test_dask_engine_gives_the_local_rows_and_warnings(tmp_path, corpus):
    """engine="dask" on a real LocalCluster (2 worker processes): the serial table and warnings."""
    import warnings

    import pandas as pd
    from distributed import Client, LocalCluster

    (tmp_path / "hk.txt").write_text(_HK, encoding="utf-8")
    for d, t in zip(corpus["doc_id"], corpus["raw"]):
        (tmp_path / f"{d}.txt").write_text(t, encoding="utf-8")
    c = kslib.load_corpus(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        local = extract_metrics(c, workers=1)
    want = [str(x.message) for x in caught if "inferred" in str(x.message)]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            distributed = extract_metrics(c, engine="dask")
    pd.testing.assert_frame_equal(local, distributed, check_exact=True)
    assert [str(x.message) for x in caught if "inferred" in str(x.message)] == want and len(want) == 1
    assert len(local) > 100


def test_dask_engine_without_client_says_so(corpus):
    with pytest.raises(RuntimeError, match="Client"):
        extract_metrics(corpus.iloc[:1], engine="dask")
    with pytest.raises(ValueError, match="engine"):
        extract_metrics(corpus.iloc[:1], engine="spark")


def test_progress_bar_only_when_asked_or_large(corpus, capfd):
    extract_metrics(corpus.iloc[:2])
    assert capfd.readouterr().err == ""  # a small corpus: silent by default
    extract_metrics(corpus.iloc[:2], progress=True)
    assert "reading quantities" in capfd.readouterr().err


# ---------------------------------------------------------------- amounts written without a unit
@pytest.mark.parametrize("text,currency,want", [
    ("我们总预算举债923亿，特别预算举债1兆1,237亿。", "TWD", [(92300000000.0, "TWD"), (1123700000000.0, "TWD")]),
    ("台湾的GDP从17.5兆成长到23兆。", "TWD", [(1.75e13, "TWD"), (2.3e13, "TWD")]),
    ("明年编列了1,150亿的还债金额。", "TWD", [(1.15e11, "TWD")]),
    ("全市财政收入100亿，增长8%。", "CNY", [(1e10, "CNY"), (8.0, "%")]),
])
def test_an_amount_without_a_unit_is_money_when_what_it_measures_is(text, currency, want):
    m = extract_metrics(text, currency=currency)
    assert list(zip(m["value"], m["unit"])) == want


def test_a_bare_magnitude_that_measures_no_money_is_not_read_and_changes_nothing_else():
    m = extract_metrics("全市车辆2300万，增长5%。")
    assert m[["text", "indicator"]].values.tolist() == [["5%", "全市车辆"]]  # as without the rule
    assert extract_metrics("微博粉丝超过300万。").empty
    # the frames that read such numbers themselves keep them: a size class, people named after the count
    m = extract_metrics("打造500亿级产业集群，330万新老昆山人共同奋斗。")
    assert m["text"].tolist() == ["500亿级", "330万新老昆山人"]


@pytest.mark.parametrize("text, want", [
    # a magnitude without a classifier counts people when what it measures does (units.yaml implied_count)
    ("全市人口2300万，增长5%。", [(2.3e7, "人", "人口"), (5.0, "%", "人口")]),   # 全市 only scopes it
    ("农村贫困人口减少1109万。", [(-1.109e7, "人", "农村贫困人口")]),
    ("出境旅游人次由8300万增加到1.3亿。", [(8.3e7, "人次", "出境旅游人次"), (1.3e8, "人次", "出境旅游人次")]),
    # the noun after the number is not what is counted: the unit stays unwritten
    ("基本完成裁减军队员额30万任务。", [(3e5, "人", "裁减军队员额")]),
])
def test_a_bare_magnitude_that_counts_people(text, want):
    m = extract_metrics(text)
    assert list(zip(m["value"], m["unit"], m["indicator"])) == want


def test_implied_counts_are_said_in_the_warning():
    with pytest.warns(kslib.CorpusWarning, match="without a classifier .* read as counts"):
        extract_metrics("农村贫困人口减少1109万。")


def test_implied_amounts_are_said_in_the_warning():
    with pytest.warns(kslib.CorpusWarning, match="without a unit .* read as TWD"):
        extract_metrics("总统府说明，臺灣中央政府总预算举债923亿，行政院已送立法院。")


@pytest.mark.parametrize("text, want", [
    ("GDP总量1.2万亿。", (1.2e12, "CNY")),       # the quantity (总量, 规模) of what a money noun names
    ("人口总量1200万。", (1.2e7, "人")),
])
def test_a_quantity_noun_after_the_measured_noun(text, want):
    m = extract_metrics(text)
    assert (m["value"].iloc[0], m["unit"].iloc[0]) == want
