"""The document-feature matrix (sparse) shared by term statistics and comparisons."""
from kslib.dfm import content_tokens, dfm, doc_order, doc_prefix
from tests.helpers import make_tokens


def test_dfm_counts_content_tokens_sorted():
    toks = make_tokens({"b": ["创新", "的", "创新", "，", "2018"], "a": ["产业", "创新"]})
    d = dfm(toks)
    m = d.to_frame()
    assert list(m.index) == ["a", "b"] and list(m.columns) == ["产业", "创新"]
    assert m.loc["b", "创新"] == 2 and m.loc["b", "产业"] == 0
    assert d.words.tolist() == [2, 4]  # non-punctuation tokens: stopwords and numbers count as words
    assert d.rows(["a", "b"]).tolist() == [1, 3]
    assert d.long().values.tolist() == [["a", "产业", 1], ["a", "创新", 1], ["b", "创新", 2]]
    assert dfm(toks, keep_stopwords=True).terms.tolist() == ["产业", "创新", "的"]
    assert set(content_tokens(toks)["token"]) == {"产业", "创新"}  # no stopword, punctuation, number


def test_doc_order_and_prefix():
    toks = make_tokens({"002_x": ["a"], "001_y": ["b"]})
    assert doc_order(toks) == ["001_y", "002_x"]
    assert doc_prefix("001_96cb") == "001" and doc_prefix("plain") == "plain"


def test_a_document_without_content_tokens_is_an_empty_row_and_empty_input_works():
    toks = make_tokens({"a": ["创新"], "b": ["的", "，"]})
    d = dfm(toks)
    assert d.docs.tolist() == ["a", "b"] and d.matrix.toarray().tolist() == [[1], [0]]
    e = dfm(toks.iloc[:0])
    assert e.matrix.shape == (0, 0) and e.long().empty


def test_codes_are_sorted_by_code_point_and_follow_a_mask():
    import numpy as np
    import pandas as pd

    from kslib.dfm import codes

    c, u = codes(pd.Series(["乙", "甲", "乙", "a"], dtype="str"), np.array([True, True, True, False]))
    assert u.tolist() == ["乙", "甲"] and c.tolist() == [0, 1, 0]  # 乙 U+4E59 < 甲 U+7532


def test_categorical_columns_give_the_same_matrix():
    toks = make_tokens({"b": ["创新", "产业", "创新"], "a": ["产业", "开放"]})
    cat = toks.assign(doc_id=toks["doc_id"].astype("category"), token=toks["token"].astype("category"))
    assert dfm(cat).to_frame().equals(dfm(toks).to_frame())
    assert dfm(cat.iloc[3:]).terms.tolist() == ["产业", "开放"]  # unused categories are not terms
