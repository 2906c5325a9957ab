"""extract_metrics: columns, strings normalised like documents, corpus rows traced to raw lines."""


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
