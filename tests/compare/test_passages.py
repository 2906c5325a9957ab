"""Shared passages within and across documents."""

import pandas as pd

from kslib.compare.passages import shared_passages


def test_shared_passages_small():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "raw": ["", ""], "authors": ["", ""],
                           "text": ["第一句话说的是产业创新发展的道路。这里完全不同的内容没有重复。",
                                    "别的开头。第一句话说的是产业创新发展的道路！"]})
    corpus["raw"] = corpus["text"]
    sp = shared_passages(corpus, unit="sentence", min_chars=10)
    assert len(sp) == 1
    r = sp.iloc[0]
    assert (r["doc_a"], r["doc_b"], r["scope"]) == ("a", "b", "across") and r["similarity"] == 1.0
    assert shared_passages(corpus, unit="sentence", min_chars=10, within=True)["scope"].tolist() == ["across"]


def test_shared_passages_seeds(corpus):
    sp = shared_passages(corpus, unit="paragraph")
    d4 = sp[(sp["doc_a"].str.startswith("004")) & (sp["scope"] == "within")]
    # 004's paragraph repeated four times (raw lines 111, 115, 119, 121): all pairs, 3 of them removed copies
    rep = d4[d4["text_a"].str.startswith("“推窗见绿")]
    assert set(rep["line_b"]) >= {115, 119, 121}
    assert d4["removed_b"].sum() >= 10  # the verbatim repeats normalisation dropped are back
    ph = shared_passages(corpus, unit="phrase", min_chars=12)
    cross = ph[(ph["doc_a"].str.startswith("000")) & (ph["doc_b"].str.startswith("001"))]
    assert cross["text_a"].str.contains("建设现代化大城市").any()
