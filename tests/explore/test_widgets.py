"""The widgets without a browser: a click is the message the front end sends
({"event": "click", "key": …}), delivered through the widget's own message handler."""
import pandas as pd

import kslib
import kslib.explore as ex
from tests.explore.htmlparse import keys, texts


def _click(widget: ex.ClickableHTML, key: str) -> None:
    widget._handle(widget, {"event": "click", "key": key}, [])


def test_typing_a_query_fills_counts_and_rows(syn, syn_tok):
    c = ex.ConcordanceExplorer(syn, tokens=syn_tok)
    assert c.hits.empty and c.table.html == ""
    c.query_box.value = "科创"  # what the front end does on Enter
    assert len(c.hits) == 3
    assert keys(c.table.html) == ["row:0", "row:1", "row:2"]
    assert keys(c.counts.html) == ["doc:a", "doc:b"]
    assert "3 matches" in c.status.value


def test_clicking_a_row_opens_the_document_at_the_hit(syn, syn_tok):
    c = ex.ConcordanceExplorer(syn, tokens=syn_tok, query="科创")
    _click(c.table, "row:2")
    r = c.rows.iloc[2]
    assert c.viewer.doc_id == r["doc_id"] and c.viewer.hit == (r["start"], r["end"])
    assert texts(c.viewer.view.html, "ks-focus") == ["科创"]
    assert c.viewer.line == r["line"]
    assert c.viewer in c.children  # its own viewer, shown below the rows


def test_clicking_a_count_shows_one_document_and_back(syn, syn_tok):
    c = ex.ConcordanceExplorer(syn, tokens=syn_tok, query="科创")
    _click(c.counts, "doc:b")
    assert set(c.rows["doc_id"]) == {"b"} and len(keys(c.table.html)) == 1
    _click(c.counts, "doc:b")
    assert len(c.rows) == 3


def test_bad_regex_is_reported_not_raised(syn):
    c = ex.ConcordanceExplorer(syn, query="(", mode="regex")
    assert "not a regular expression" in c.status.value and c.hits.empty


def test_document_viewer_toggle_shows_what_was_removed(syn):
    v = ex.DocumentViewer(syn)
    v.show("a", 0, 2)
    assert "重复的段落在这里" not in texts(v.view.html, "ks-del")
    v.removed.value = True
    assert any("重复的段落在这里" in t for t in texts(v.view.html, "ks-del"))
    v.line_numbers.value = False
    assert "ks-ln" not in v.view.html


def test_term_click_opens_its_concordance_with_the_same_count(corpus, seed_tok):
    t = ex.TermView(seed_tok, corpus, n=5)
    term, count = t.table["term"][3], int(t.table["count"][3])
    _click(t.bars, f"term:{term}")
    assert t.concordance.query_box.value == term and t.concordance.mode_box.value == "words"
    assert len(t.concordance.hits) == count


def test_term_click_in_one_document_shows_that_documents_rows(corpus, seed_tok):
    doc = corpus["doc_id"][1]
    t = ex.TermView(seed_tok, corpus, measure="keyness", doc_id=doc, n=5)
    term, count = t.table["term"][0], int(t.table["count"][0])
    _click(t.bars, f"term:{term}")
    assert set(t.concordance.rows["doc_id"]) == {doc} and len(t.concordance.rows) == count
    assert len(t.concordance.hits) == int((seed_tok["token"] == term).sum())  # counts: every document


def test_keyness_view_picks_a_document(corpus, seed_tok):
    t = ex.TermView(seed_tok, corpus, measure="keyness")
    assert t.doc_box.value == corpus["doc_id"][0] and "over-uses" in t.status.value
    t.doc_box.value = corpus["doc_id"][2]
    assert t.table["term"].tolist() == kslib.explore.terms.term_table(
        seed_tok, measure="keyness", doc_id=corpus["doc_id"][2], n=20, corpus=corpus)["term"].tolist()


def test_metrics_filters_rows_chart_and_click(corpus):
    m = ex.MetricsExplorer(corpus)
    total = len(m.metrics)
    assert len(m.rows) == total and m.chart.layout.display == "none"
    ind = kslib.explore.metrics.default_indicator(m.metrics)
    m.boxes["indicator"].value = ind
    assert (m.rows["indicator"] == ind).all() and len(m.rows) == int((m.metrics["indicator"] == ind).sum())
    assert m.chart.value[:4] == b"\x89PNG" and m.chart.layout.display is None
    m.boxes["kind"].value = "actual"
    assert set(m.rows["kind"]) == {"actual"}
    _click(m.table, "row:0")
    r = m.rows.iloc[0]
    assert m.viewer.doc_id == r["doc_id"] and m.viewer.line == r["line"]
    assert texts(m.viewer.view.html, "ks-focus") == [r["text"]]


def test_metrics_filter_given_but_absent_gives_no_rows(corpus):
    m = ex.MetricsExplorer(corpus, unit="furlong")
    assert m.rows.empty and "No quantity" in m.table.html


def test_explorer_links_terms_concordance_and_one_viewer(corpus, seed_tok):
    e = ex.Explorer(corpus, tokens=seed_tok)
    assert e.concordance.viewer is e.viewer is e.metrics.viewer
    term = e.terms.table["term"][0]
    _click(e.terms.bars, f"term:{term}")
    assert e.tabs.selected_index == 1 and e.concordance.query_box.value == term
    _click(e.concordance.table, "row:0")
    assert e.viewer.doc_id == e.concordance.rows["doc_id"][0]


def test_every_explorer_works_on_real_documents(dev):
    tok = kslib.tokens(dev)
    e = ex.Explorer(dev, tokens=tok, query="发展")
    assert len(e.concordance.hits) == sum(t.count("发展") for t in dev["text"])
    _click(e.concordance.table, "row:0")
    assert texts(e.viewer.view.html, "ks-focus") == ["发展"]
    log = kslib.cleaning_log(dev)
    removed = log[(log["replacement"] == "") & (log["text"].str.strip() != "")].iloc[0]
    e.viewer.show(removed["doc_id"], 0, 1)
    e.viewer.removed.value = True
    assert removed["text"].rstrip("\n") in texts(e.viewer.view.html, "ks-del")
    m = e.metrics
    if len(m.metrics):
        _click(m.table, "row:0")
        assert m.viewer.doc_id == m.rows["doc_id"][0]
    assert isinstance(e.terms.table, pd.DataFrame) and len(e.terms.table) == 20


def test_reprs_say_what_is_shown(syn, syn_tok):
    c = ex.ConcordanceExplorer(syn, tokens=syn_tok, query="科创")
    assert repr(c) == "ConcordanceExplorer: '科创' (string), 3 matches"
    assert repr(c.viewer) == "DocumentViewer: no document open"
    c.open_row(0)
    assert repr(c.viewer).startswith("DocumentViewer: ") and "raw line" in repr(c.viewer)
