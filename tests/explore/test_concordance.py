import pytest

import kslib
from kslib.explore import concordance as C
from tests.explore.htmlparse import keys, texts, with_class


def test_string_search_finds_every_occurrence_with_its_raw_line(syn):
    hits = C.search(syn, "科创")
    expected = sum(t.count("科创") for t in syn["text"])
    assert len(hits) == expected == 3
    raws = dict(zip(syn["doc_id"], syn["raw"]))
    for r in hits.itertuples():
        text = syn.loc[syn["doc_id"] == r.doc_id, "text"].iloc[0]
        assert text[r.start:r.end] == r.keyword == "科创"
        assert "科创" in raws[r.doc_id].split("\n")[r.line - 1]  # the raw line really holds it


def test_labels_are_doc_labels(syn):
    labels = kslib.display.doc_labels(syn)
    hits = C.search(syn, "科创")
    assert hits["label"].tolist() == [labels[d] for d in hits["doc_id"]]


def test_traditional_query_finds_the_simplified_text(syn):
    hits = C.search(syn, "崑山")
    assert len(hits) == 1 and hits["keyword"].iloc[0] == "昆山" and hits["raw_keyword"].iloc[0] == "崑山"


def test_regex_mode_and_invalid_regex(syn):
    hits = C.search(syn, r"\d+%", mode="regex")
    assert hits["keyword"].tolist() == ["5%", "5%"]
    with pytest.raises(ValueError, match="not a regular expression"):
        C.search(syn, "(未闭合", mode="regex")


def test_words_mode_matches_whole_tokens_only(syn, syn_tok):
    words = C.search(syn, "科创", mode="words", tokens=syn_tok)
    as_token = int(((syn_tok["token"] == "科创")).sum())
    assert len(words) == as_token
    for r in words.itertuples():  # each hit is a whole token, not a part of 科创之城
        row = syn_tok[(syn_tok["doc_id"] == r.doc_id) & (syn_tok["start"] == r.start)]
        assert row["token"].tolist() == ["科创"] and int(row["end"].iloc[0]) == r.end


def test_empty_query_and_unknown_mode(syn):
    empty = C.search(syn, "   ")
    assert empty.empty and {"doc_id", "label", "line", "left", "keyword", "right"} <= set(empty.columns)
    with pytest.raises(ValueError, match="mode"):
        C.search(syn, "科创", mode="fuzzy")


def test_hit_counts_cover_every_document(syn):
    hits = C.search(syn, "科创")
    counts = C.hit_counts(hits, syn)
    assert counts["doc_id"].tolist() == syn["doc_id"].tolist()
    assert counts["hits"].sum() == len(hits)
    assert counts.set_index("doc_id").loc["c", "hits"] == 0


def test_summary_is_true_of_the_result(syn):
    hits = C.search(syn, "科创")
    assert C.summary("科创", "string", hits, syn) == "3 matches of the string '科创' in 2 of 3 documents."
    none = C.search(syn, "不存在的词")
    assert C.summary("不存在的词", "string", none, syn).startswith("No match")


def test_kwic_html_rows_escape_and_select(syn):
    hits = C.search(syn, "科创")
    html = C.kwic_html(hits, selected=1)
    assert keys(html) == [f"row:{i}" for i in range(len(hits))]
    assert texts(html, "ks-kw") == ["keyword"] + hits["keyword"].tolist()
    # the document's own "<科创>&" is text, not markup: it comes back as characters
    assert any(t.endswith("<") for t in texts(html, "ks-left"))
    assert any(t.startswith(">&") for t in texts(html, "ks-right"))
    assert [e["attrs"]["data-key"] for e in with_class(html, "ks-selected")] == ["row:1"]


def test_kwic_html_limit_says_how_many_are_left_out(syn):
    hits = C.search(syn, "[\u4e00-\u9fff]", mode="regex")
    html = C.kwic_html(hits, limit=5)
    assert len(keys(html)) == 5
    assert f"First 5 of {len(hits)} rows" in html


def test_counts_html_links_documents_with_hits(syn):
    hits = C.search(syn, "科创")
    html = C.counts_html(C.hit_counts(hits, syn), selected="b")
    assert keys(html) == ["doc:a", "doc:b"]
    assert "none in 1 other document" in html
    assert [e["attrs"]["data-key"] for e in with_class(html, "ks-selected")] == ["doc:b"]


def test_search_on_seeds_and_real_documents(corpus, dev):
    for c, q in ((corpus, "发展"), (dev, "发展")):
        hits = C.search(c, q)
        assert len(hits) == sum(t.count(q) for t in c["text"]) > 0
        assert isinstance(C.kwic_html(hits), str)
