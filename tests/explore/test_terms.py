import pytest

import kslib
from kslib.explore import terms as T
from tests.explore.htmlparse import keys, with_class


def test_frequency_is_term_frequencies(seed_tok):
    top = T.term_table(seed_tok, measure="frequency", n=10)
    tf = kslib.term_frequencies(seed_tok, by=None)
    assert top["term"].tolist() == tf["term"].head(10).tolist()
    assert top["count"].tolist() == tf["count"].head(10).tolist()


def test_frequency_in_one_document(seed_tok):
    doc = sorted(seed_tok["doc_id"].unique())[2]
    top = T.term_table(seed_tok, measure="frequency", doc_id=doc, n=5)
    words = seed_tok[(seed_tok["doc_id"] == doc)]
    for r in top.itertuples():
        assert r.count == int((words["token"] == r.term).sum())


def test_keyness_lists_only_terms_over_used(seed_tok):
    doc = sorted(seed_tok["doc_id"].unique())[1]
    top = T.term_table(seed_tok, measure="keyness", doc_id=doc, n=15)
    k = kslib.keyness(seed_tok, target=doc)
    over = set(k.loc[k["sign"] == "over", "term"])
    assert len(top) == 15 and set(top["term"]) <= over
    assert top["value"].is_monotonic_decreasing


def test_keyness_needs_a_document_and_two_documents(seed_tok, syn_tok):
    with pytest.raises(ValueError, match="needs a document"):
        T.term_table(seed_tok, measure="keyness")
    one = syn_tok[syn_tok["doc_id"] == "a"]
    with pytest.raises(ValueError, match="two documents"):
        T.term_table(one, measure="keyness", doc_id="a")
    with pytest.raises(ValueError, match="measure"):
        T.term_table(seed_tok, measure="tfidf")


def test_terms_html_bars_are_proportional_and_clickable(seed_tok):
    top = T.term_table(seed_tok, measure="frequency", n=8)
    html = T.terms_html(top, selected=top["term"][1])
    assert keys(html) == [f"term:{t}" for t in top["term"]]
    widths = [float(b["attrs"]["style"].split(":")[1].rstrip("%")) for b in with_class(html, "ks-bar")]
    assert widths == sorted(widths, reverse=True) and widths[0] == pytest.approx(60.0)
    ratio = top["value"][4] / top["value"][0]
    assert widths[4] / widths[0] == pytest.approx(ratio, rel=0.01)
    assert "No terms" in T.terms_html(top.iloc[:0])
