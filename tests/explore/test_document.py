import numpy as np

import kslib
from kslib.explore import document as D
from tests.explore.htmlparse import all_text, texts, with_class


def _doc(corpus, doc_id):
    return D.document_row(corpus, doc_id)


def test_one_row_per_text_line_with_its_raw_line_number(syn):
    doc = _doc(syn, "a")
    html = D.document_html(doc)
    rows = [e for e in with_class(html, "ks-doc-line")]
    lines = doc["text"].split("\n")
    assert len(rows) == len(lines)
    margins = texts(html, "ks-ln")
    raw = doc["raw"].split("\n")
    for line, margin in zip(lines, margins):
        if not line:
            assert margin == ""  # blank lines between paragraphs carry no number
            continue
        # the raw line named in the margin holds the line's text (崑 for 昆 in the raw)
        assert kslib.normalize(raw[int(margin) - 1]).text.strip() == line


def test_line_numbers_can_be_hidden(syn):
    for removed in (False, True):
        shown = D.document_html(_doc(syn, "a"), show_removed=removed)
        hidden = D.document_html(_doc(syn, "a"), show_removed=removed, line_numbers=False)
        assert with_class(shown, "ks-ln") and not with_class(hidden, "ks-ln")
        assert len(with_class(hidden, "ks-doc-line")) == len(with_class(shown, "ks-doc-line"))


def test_hit_is_highlighted_once_and_focused(syn):
    doc = _doc(syn, "a")
    s = doc["text"].index("科创")
    html = D.document_html(doc, hit=(s, s + 2))
    assert texts(html, "ks-hit") == ["科创"]
    assert texts(html, "ks-focus") == ["科创"]
    assert f"raw line {kslib.normalized(doc).raw_line(s)}" in all_text(html)


def test_hit_across_a_line_break_is_marked_on_both_lines(syn):
    doc = _doc(syn, "a")
    s = doc["text"].index("快。") + 1
    e = doc["text"].index("重复")
    html = D.document_html(doc, hit=(s, e + 2))
    hits = texts(html, "ks-hit")
    assert "".join(hits) == doc["text"][s:e + 2].replace("\n", "")
    assert len(texts(html, "ks-focus")) == 1


def test_text_that_looks_like_html_stays_text(syn):
    doc = _doc(syn, "a")
    html = D.document_html(doc)
    assert "<科创>&" in all_text(html)
    assert not [e for e in with_class(html, "b")]


def test_hidden_cleaning_is_not_shown_by_default(syn):
    html = D.document_html(_doc(syn, "a"))
    assert not with_class(html, "ks-del") and not with_class(html, "ks-chg")


def test_show_removed_shows_every_removed_span_and_change(syn):
    doc = _doc(syn, "a")
    log = kslib.cleaning_log(syn)
    log = log[log["doc_id"] == "a"]
    html = D.document_html(doc, show_removed=True)
    removed = texts(html, "ks-del")
    for r in log[(log["replacement"] == "") & (log["text"].str.strip() != "")].itertuples():
        assert r.text.rstrip("\n") in removed, r  # nothing removed silently
    # the repeated paragraph is a row of its own, numbered with its raw line
    block = [e for e in with_class(html, "ks-removed-line")]
    assert len(block) == 1 and "重复的段落在这里。" in block[0]["text"]
    rep = log[log["rule"] == "repeated_paragraph"].iloc[0]
    assert texts(html, "ks-ln")[-1] == str(rep["line"])
    # the Traditional 崑 -> 昆 is shown as a change with the raw form in the tooltip
    chg = with_class(html, "ks-chg")
    assert [c["text"] for c in chg] == ["昆"] and "崑 → 昆" in chg[0]["attrs"]["title"]
    # whitespace removals are visible marks
    assert with_class(html, "ks-ws")


def test_cleaning_marks_sit_where_the_raw_span_was(syn, dev):
    for corpus in (syn, dev):
        log = kslib.cleaning_log(corpus)
        for doc in corpus.to_dict("records"):
            marks = D.cleaning_marks(doc, log=log)
            offsets = np.asarray(kslib.normalized(doc).offsets)
            sub = log[log["doc_id"] == doc["doc_id"]]
            assert len(marks) == len(sub)
            for m, r in zip(marks.itertuples(), sub.sort_values("raw_start", kind="stable").itertuples()):
                # every text character before the mark comes from raw before the removed span
                assert m.pos == 0 or offsets[m.pos - 1] < r.raw_start
                assert m.pos == len(offsets) or offsets[m.pos] >= r.raw_start


def test_every_document_of_seeds_and_dev_renders(corpus, dev):
    for c in (corpus, dev):
        for doc in c.to_dict("records"):
            html = D.document_html(doc, hit=(0, 1), show_removed=True)
            body = [e for e in with_class(html, "ks-doc-line") if "ks-removed-line" not in e["attrs"]["class"]]
            assert len(body) == doc["text"].count("\n") + 1
