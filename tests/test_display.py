"""Display helpers: short ids, document labels, stable printed tables."""

import re

import pandas as pd

import kslib


def test_short_labels_keep_documents_distinct():
    from kslib.display import short_ids

    assert short_ids(["000_ab", "001_cd"]) == {"000_ab": "000", "001_cd": "001"}
    # prefixes that would merge two documents fall back to the full ids
    assert short_ids(["report_2020", "report_2021"]) == {"report_2020": "report_2020", "report_2021": "report_2021"}


def test_show_prints_tables_with_repeated_column_names(capsys):

    df = pd.DataFrame([[1.23456, "a"], [2.0, "b"]], columns=["x", "x"])
    kslib.show(df, digits=2)
    out = capsys.readouterr().out
    assert "1.23" in out and "1.2346" not in out and out.splitlines()[0].split() == ["x", "x"]


def test_doc_labels_name_short_id_subject_and_year():

    from kslib.display import doc_labels

    corpus = pd.DataFrame({"doc_id": ["001_ab", "002_cd"], "subject": ["high-tech zone", "port"],
                           "date": ["2019", ""]})
    assert doc_labels(corpus) == {"001_ab": "001 高新区 2019", "002_cd": "002 port"}


# ---------------------------------------------------------------- findings

def test_finding_agrees_in_number():
    from kslib.display import finding, plural

    t = "{n:# mention|# mentions} in {d:# document|# documents}; {k:# is a target|# are targets}"
    assert finding(t, n=1, d=1, k=1) == "1 mention in 1 document; 1 is a target"
    assert finding(t, n=209, d=5, k=61) == "209 mentions in 5 documents; 61 are targets"
    assert finding(t, n=0, d=0, k=0) == "0 mentions in 0 documents; 0 are targets"
    assert plural(1, "document") == "1 document" and plural(2.0, "entry", "entries") == "2 entries"
    # a list agrees by its length
    assert finding("{xs:# formula recurs|# formulas recur}: {xs:list}", xs=["一带一路"]) == "1 formula recurs: 一带一路"
    assert finding("{xs:list}", xs=["a", "b", "c"]) == "a, b and c"
    assert finding("{xs:list-or}", xs=["a", "b"]) == "a or b"
    assert finding("{xs:、}", xs=["昆山", "发展"]) == "昆山、发展"


def test_finding_writes_floats_without_noise_and_shows_as_markdown():
    from kslib.display import finding

    f = finding("precision {p}, growth {g:.1f} %", p=0.9809523809523809 * 0 + 0.98, g=7.123)
    assert f == "precision 0.98, growth 7.1 %"
    assert f._repr_markdown_() == str(f) and repr(f) == str(f)


def test_items_turns_rows_into_a_phrase():
    from kslib.display import items

    top = pd.DataFrame({"term": ["昆山", "建设", "发展"], "count": [87, 81, 79]})
    assert items(top, "{term} ({count})") == "昆山 (87), 建设 (81) and 发展 (79)"
    assert items(top.head(1), "{term} ({count})") == "昆山 (87)"
    assert items(top.iloc[:0], "{term}") == ""


# ---------------------------------------------------------------- values with units

def test_quantities_are_written_as_the_documents_write_them():
    from kslib.display import format_quantity as q

    assert q(7.62e10, "CNY") == "762 亿元"
    assert q(1.0041e10, "CNY") == "100.41 亿元"
    assert q(85000, "CNY") == "8.5 万元"
    assert q(350, "CNY") == "350 元"
    assert q(1.2e9, "USD") == "12 亿美元"
    assert q(7.1, "%") == "7.1 %" and q(-3.0, "%") == "-3 %"
    assert q(0.5, "pp") == "0.5 个百分点"
    assert q(1.75, "ratio") == "1.75:1"
    assert q(3, "rank") == "第3"
    assert q(800000, "头") == "80 万头" and q(3500, "家") == "3500 家"
    assert q(15, "%", 20) == "15–20 %" and q(20000, "CNY", 30000) == "2–3 万元"
    assert q(2.5e5, "t") == "25 万吨"
    assert q(19, "年") == "19 年"
    assert q(float("nan"), "CNY") == ""
    assert q(1e10, "CNY", qualifier="突破") == "突破 100 亿元" and q(9e6, "人", qualifier="以上") == "900 万人以上"


# ---------------------------------------------------------------- tables

METRICS = pd.DataFrame({"doc_id": ["001_a23b", "001_a23b", "002_e4ef"], "line": [5, 5, 9],
                        "value": [7.62e10, 7.1, 3500.0], "unit": ["CNY", "%", "家"],
                        "indicator": ["地区生产总值", "地区生产总值", "高新技术企业"], "p": [1e-6, 0.25, 0.5]})
LABELS = {"001_a23b": "001 高新区 2019", "002_e4ef": "002 城市 2022"}


def test_a_short_table_is_html_with_units_and_full_labels():
    from kslib.display import table

    t = table(METRICS, labels=LABELS, caption="Quantities")
    h = t._repr_html_()
    assert "<table" in h and "<caption>Quantities</caption>" in h
    for cell in ("762 亿元", "7.1 %", "3500 家", "001 高新区 2019", "002 城市 2022", "1.0e-06"):
        assert f">{cell}</td>" in h, cell
    assert ">unit</th>" not in h  # the unit is written with the value
    assert "76200000000" not in h
    # the plain-text form (what nbval compares besides the HTML) reads the same way
    text = repr(t)
    assert "762 亿元" in text and "001 高新区 2019" in text and text.startswith("Quantities\n")


def test_html_is_deterministic_and_ids_never_repeat(monkeypatch):
    import kslib.display as d

    monkeypatch.setattr(d, "_seen", d.Counter())
    first = [d.table(METRICS)._repr_html_(), d.table(METRICS.head(2))._repr_html_(), d.table(METRICS)._repr_html_()]
    monkeypatch.setattr(d, "_seen", d.Counter())  # a fresh kernel runs the same cells again
    second = [d.table(METRICS)._repr_html_(), d.table(METRICS.head(2))._repr_html_(), d.table(METRICS)._repr_html_()]
    assert first == second
    import re

    ids = [re.search(r'<table id="([^"]+)"', h).group(1) for h in first]
    assert len(set(ids)) == 3  # the same table shown twice gets a second id


def test_a_long_table_is_interactive_offline_with_a_full_static_preview():
    import re

    from kslib.display import INTERACTIVE_ROWS, table

    long = pd.concat([METRICS] * 10, ignore_index=True)
    assert len(long) > INTERACTIVE_ROWS
    h = table(long, labels=LABELS)._repr_html_()
    assert "new ITable(" in h  # DataTables via itables
    assert not re.search(r"<script[^>]+src=|from 'https?:|import\(['\"]https?:", h)  # nothing from a CDN
    # numbers sort by value: the value column is ordered by a hidden numeric copy
    assert '"orderData"' in h and '"visible": false' in h
    # where no script runs (untrusted notebook, GitHub) the whole table shows, without the sort columns
    static = h[h.index("_fallback"):]
    static = static[: static.index("</div><script>")]
    assert static.count("<tr>") == len(long) + 1 and "sort0" not in static and "762 亿元" in static


def test_an_empty_result_says_what_was_looked_for():
    from kslib.display import table

    t = table(METRICS.iloc[:0], empty="No formula such as 1+5+22 or 五区一线 was found.")
    assert repr(t) == "No formula such as 1+5+22 or 五区一线 was found."
    assert "Empty DataFrame" not in t._repr_html_() and "五区一线" in t._repr_html_()
    assert "Empty DataFrame" not in repr(table(METRICS.iloc[:0], caption="formulas"))


def test_kwic_columns_are_aligned_on_the_keyword():
    from kslib.display import table

    kwic = pd.DataFrame({"doc_id": ["a"], "left": ["推进"], "keyword": ["科创"], "right": ["走廊建设"]})
    h = table(kwic)._repr_html_()
    assert re.search(r"td\.col1 \{\s*text-align: right", h) and re.search(r"td\.col3 \{\s*text-align: left", h)


def test_itables_offline_bundle_is_local(monkeypatch):
    """init_notebook_mode(connected=False) embeds the bundle shipped in the itables wheel."""
    import itables
    from IPython import display as ipd

    shown = []
    monkeypatch.setattr(ipd, "display", lambda obj: shown.append(obj.data))
    itables.init_notebook_mode(all_interactive=False, connected=False)
    html = "".join(shown)
    assert len(html) > 100_000  # DataTables itself, not a loader
    assert not re.search(r"<script[^>]+src=|from ['\"]https?:|import\(['\"]https?:", html)


def test_several_quantity_columns_share_the_row_unit():
    from kslib.display import table

    tva = pd.DataFrame({"indicator": ["地区生产总值", "地区生产总值"], "measure": ["level", "growth"], "unit": ["CNY", "%"],
                        "actual": [7.62e10, 7.1], "target": [8.1e10, 7.0], "change": [4.8e9, -0.1]})
    h = table(tva, quantities=["actual", "target", "change"])._repr_html_()
    for cell in ("762 亿元", "810 亿元", "48 亿元", "7.1 %", "7 %", "-0.1 %"):
        assert f">{cell}</td>" in h, cell
    assert ">unit</th>" not in h
