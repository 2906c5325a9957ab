"""The document-feature matrix shared by the comparisons."""
from kslib.compare.dfm import content_tokens, dfm, doc_order, doc_prefix
from tests.helpers import make_tokens


def test_dfm_counts_content_tokens_sorted():
    toks = make_tokens({"b": ["创新", "的", "创新", "，", "2018"], "a": ["产业", "创新"]})
    m = dfm(toks)
    assert list(m.index) == ["a", "b"] and list(m.columns) == ["产业", "创新"]
    assert m.loc["b", "创新"] == 2 and m.loc["b", "产业"] == 0
    assert set(content_tokens(toks)["token"]) == {"产业", "创新"}  # no stopword, punctuation, number


def test_doc_order_and_prefix():
    toks = make_tokens({"002_x": ["a"], "001_y": ["b"]})
    assert doc_order(toks) == ["001_y", "002_x"]
    assert doc_prefix("001_96cb") == "001" and doc_prefix("plain") == "plain"
