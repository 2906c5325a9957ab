"""Term statistics on tiny hand-made tokens tables whose answers were worked out
by hand, and on the seeds (KWIC traces 昆山 back to the raw 崑山 of 000)."""
import math
import re

import numpy as np
import pandas as pd
import pytest

import kslib
from kslib import stats

PUNCT = re.compile(r"^[\W_]+$")
NUM = re.compile(r"^\d+(\.\d+)?%?$")
STOP = {"的", "和", "在"}


def make_tokens(docs: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """docs: doc_id -> list of paragraphs, each a list of tokens. Returns the tokens
    table (contract columns) and a matching corpus (text = paragraphs joined by \\n)."""
    rows, corpus = [], []
    for doc_id, paragraphs in docs.items():
        pos, off = 0, 0
        for p, toks in enumerate(paragraphs, 1):
            for t in toks:
                rows.append(dict(doc_id=doc_id, paragraph=p, position=pos, token=t, start=off,
                                 end=off + len(t), line=p, pos="", is_stop=t in STOP,
                                 is_punct=bool(PUNCT.match(t)), is_num=bool(NUM.match(t))))
                pos, off = pos + 1, off + len(t)
            off += 1  # the newline
        text = "\n".join("".join(toks) for toks in paragraphs)
        corpus.append(dict(doc_id=doc_id, raw=text, text=text, authors=""))
    return pd.DataFrame(rows), pd.DataFrame(corpus)


# --- term_frequencies ---------------------------------------------------------------

FREQ_DOCS = {"A": [["昆山", "的", "发展", "，", "昆山", "2018"]], "B": [["发展", "。"]]}


def test_term_frequencies_by_doc_hand_counted():
    tok, _ = make_tokens(FREQ_DOCS)
    tf = kslib.term_frequencies(tok)
    # A: 5 non-punctuation tokens (昆山 的 发展 昆山 2018); B: 1 (发展)
    assert tf.to_dict("records") == [
        {"doc_id": "A", "term": "昆山", "count": 2, "per_1k": 400.0},
        {"doc_id": "A", "term": "发展", "count": 1, "per_1k": 200.0},
        {"doc_id": "B", "term": "发展", "count": 1, "per_1k": 1000.0},
    ]


def test_term_frequencies_corpus_and_stopwords():
    tok, _ = make_tokens(FREQ_DOCS)
    tf = kslib.term_frequencies(tok, by=None)
    # 6 non-punctuation tokens in all; tie 2-2 broken by term (发 U+53D1 < 昆 U+6606)
    assert tf["term"].tolist() == ["发展", "昆山"]
    assert tf["count"].tolist() == [2, 2]
    assert tf["per_1k"].tolist() == pytest.approx([1000 * 2 / 6] * 2)
    assert tf["docs"].tolist() == [2, 1]
    with_stop = kslib.term_frequencies(tok, by=None, keep_stopwords=True)
    assert "的" in set(with_stop["term"]) and "2018" not in set(with_stop["term"])


def test_top_terms_per_doc():
    tok, _ = make_tokens(FREQ_DOCS)
    top = stats.top_terms(kslib.term_frequencies(tok), n=1)
    assert top[["doc_id", "term"]].values.tolist() == [["A", "昆山"], ["B", "发展"]]


# --- tf-idf -------------------------------------------------------------------------

def test_tfidf_by_hand_and_against_sklearn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = {"d1": [["科创", "科创", "之城"]], "d2": [["之城", "发展"]]}
    tok, _ = make_tokens(docs)
    got = kslib.tfidf(tok).set_index(["doc_id", "term"])["tfidf"]
    # by hand: n=2; idf = ln((1+n)/(1+df)) + 1;科创, 发展: df=1; 之城: df=2 -> idf 1
    i1 = math.log(3 / 2) + 1
    d1 = np.array([2 * i1, 1.0]) / math.hypot(2 * i1, 1.0)        # 科创, 之城
    d2 = np.array([1.0, i1]) / math.hypot(1.0, i1)                # 之城, 发展
    assert got[("d1", "科创")] == pytest.approx(d1[0])
    assert got[("d1", "之城")] == pytest.approx(d1[1])
    assert got[("d2", "之城")] == pytest.approx(d2[0])
    assert got[("d2", "发展")] == pytest.approx(d2[1])
    vec = TfidfVectorizer(analyzer=lambda d: d)
    m = vec.fit_transform([["科创", "科创", "之城"], ["之城", "发展"]]).toarray()
    ref = {(d, t): m[i, j] for i, d in enumerate(["d1", "d2"]) for t, j in vec.vocabulary_.items() if m[i, j]}
    assert {k: pytest.approx(v) for k, v in ref.items()} == got.to_dict()
    # sorted doc_id, -tfidf
    assert kslib.tfidf(tok)["term"].tolist() == ["科创", "之城", "发展", "之城"]


# --- collocations -------------------------------------------------------------------

COLLOC_DOCS = {"A": [
    ["科创", "之城", "，", "科创", "之城", "。"],   # (科创, 之城) twice; the comma breaks 之城-科创
    ["科创", "高质量"],                            # no pair across the paragraph break 之城/科创
    ["发展", "之城"],
    ["高质量", "发展"],
    ["科创", "的", "之城"],                        # a stopword breaks the pair
]}


def test_collocations_pmi_and_g2_by_hand():
    tok, _ = make_tokens(COLLOC_DOCS)
    col = kslib.collocations(tok, min_count=1).set_index(["term1", "term2"])
    # eligible pairs: (科创,之城)x2, (科创,高质量), (发展,之城), (高质量,发展): N = 5
    assert col["count"].sum() == 5 and len(col) == 4
    r = col.loc[("科创", "之城")]
    assert (r["count"], r["count1"], r["count2"]) == (2, 3, 3)
    # 2x2 table [[2, 1], [1, 1]], expected [[1.8, 1.2], [1.2, 0.8]]
    assert r["pmi"] == pytest.approx(math.log2(2 / 1.8))
    g2 = 2 * (2 * math.log(2 / 1.8) + 2 * math.log(1 / 1.2) + math.log(1 / 0.8))
    assert r["llr"] == pytest.approx(g2)
    assert g2 == pytest.approx(0.13844, abs=1e-4)
    from scipy.stats import chi2, chi2_contingency

    g, p, _, _ = chi2_contingency([[2, 1], [1, 1]], correction=False, lambda_="log-likelihood")
    assert r["llr"] == pytest.approx(g) and r["p_value"] == pytest.approx(p)
    assert r["p_value"] == pytest.approx(chi2.sf(g2, 1))
    # (高质量, 发展): 1 pair, 高质量 first once, 发展 second once -> PMI log2(5)
    assert col.loc[("高质量", "发展"), "pmi"] == pytest.approx(math.log2(5))


def test_collocations_min_count_order_and_stopwords():
    tok, _ = make_tokens(COLLOC_DOCS)
    col = kslib.collocations(tok, min_count=2)
    assert col[["term1", "term2"]].values.tolist() == [["科创", "之城"]]
    pmi = kslib.collocations(tok, measure="pmi", min_count=1)
    assert pmi["pmi"].is_monotonic_decreasing
    assert pmi[["term1", "term2"]].values.tolist()[0] == ["高质量", "发展"]
    with_stop = kslib.collocations(tok, min_count=1, keep_stopwords=True)
    assert {("科创", "的"), ("的", "之城")} <= set(map(tuple, with_stop[["term1", "term2"]].values))
    with pytest.raises(ValueError):
        kslib.collocations(tok, measure="dice")


# --- co-occurrence ------------------------------------------------------------------

COOC_DOCS = {"A": [
    ["昆山", "的", "发展", "。", "科创", "2020", "发展", "；"],  # sentences {昆山, 发展}, {科创, 发展}
    ["昆山", "科创", "昆山"],                                    # one sentence, 昆山 counted once
]}


def test_cooccurrence_sentence_vs_paragraph():
    tok, _ = make_tokens(COOC_DOCS)
    sent = kslib.cooccurrence(tok, unit="sentence")
    assert sent[["term1", "term2", "count"]].values.tolist() == [
        ["发展", "昆山", 1], ["发展", "科创", 1], ["昆山", "科创", 1]]
    assert sent["units"].unique().tolist() == [3]
    assert sent.set_index(["term1", "term2"]).loc[("昆山", "科创"), "count1"] == 2
    par = kslib.cooccurrence(tok, unit="paragraph")
    assert par[["term1", "term2", "count"]].values.tolist() == [
        ["昆山", "科创", 2], ["发展", "昆山", 1], ["发展", "科创", 1]]
    assert kslib.cooccurrence(tok, unit="paragraph", min_count=2).shape[0] == 1
    only = kslib.cooccurrence(tok, terms=["昆山", "科创"])
    assert only[["term1", "term2"]].values.tolist() == [["昆山", "科创"]]


def test_unit_ids_sentences_end_at_punctuation_and_paragraphs():
    tok, _ = make_tokens(COOC_DOCS)
    assert stats.unit_ids(tok, unit="sentence").tolist() == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2]
    assert stats.unit_ids(tok, unit="paragraph").tolist() == [0] * 8 + [1] * 3


# --- kwic ---------------------------------------------------------------------------

def test_kwic_literal_regex_and_tokens_on_hand_corpus():
    docs = {"A": [["昆山", "之路", "是", "科创", "之城", "。"], ["科创", "引领", "。"]]}
    tok, corpus = make_tokens(docs)
    k = kslib.kwic(corpus, "科创", window=3)
    assert k[["start", "end", "line", "left", "keyword", "right"]].values.tolist() == [
        [5, 7, 1, "之路是", "科创", "之城。"], [11, 13, 2, "", "科创", "引领。"]]
    assert kslib.kwic(corpus, r"科创\w", regex=True)["keyword"].tolist() == ["科创之", "科创引"]
    # token sequence: whole tokens only, as a list or a spaced string
    seq = kslib.kwic(corpus, ["科创", "之城"], tokens=tok)
    assert seq[["start", "end", "keyword"]].values.tolist() == [[5, 9, "科创之城"]]
    assert kslib.kwic(corpus, "科创 之城", tokens=tok).equals(seq)
    assert kslib.kwic(corpus, ["创之"], tokens=tok).empty        # not a token
    assert len(kslib.kwic(corpus, "创之")) == 1                  # but a substring
    assert kslib.kwic(corpus, [r"科.", "引领|之城"], regex=True, tokens=tok)["keyword"].tolist() == [
        "科创之城", "科创引领"]
    # a token pattern never crosses a paragraph break
    assert kslib.kwic(corpus, ["。", "科创"], tokens=tok).empty
    # offsets are only meaningful on the normalised text
    with pytest.raises(ValueError, match="normalised"):
        kslib.kwic(corpus.assign(text=corpus["text"] + "x"), "科创")


def test_kwic_traditional_000_traces_to_raw(corpus):
    k = kslib.kwic(corpus, "昆山", window=5)
    k000 = k[k["doc_id"].str.startswith("000")]
    assert len(k000) > 40  # 46 in the kept text (the cut related-news list had more)
    assert set(k000["raw_keyword"]) == {"崑山"}
    assert (k000["keyword"] == "昆山").all()
    rest = k[~k["doc_id"].str.startswith("000")]
    assert len(rest) > 0 and (rest["raw_keyword"] == "昆山").all()
    # a Traditional pattern is converted like the text
    assert kslib.kwic(corpus, "崑山", window=5).equals(k)
    raw = dict(zip(corpus["doc_id"], corpus["raw"]))
    for r in k.itertuples():
        assert r.raw_keyword in raw[r.doc_id].split("\n")[r.line - 1]
        assert r.keyword == corpus.set_index("doc_id").loc[r.doc_id, "text"][r.start:r.end]


# --- on the seeds, with the real segmentation ---------------------------------------

@pytest.fixture(scope="module")
def seed_tokens(corpus):
    return kslib.tokens(corpus)


def test_seed_frequencies_match_the_tokens_table(seed_tokens):
    tok = seed_tokens
    tf = kslib.term_frequencies(tok)
    terms = tok[~(tok["is_stop"] | tok["is_punct"] | tok["is_num"])]
    assert tf["count"].sum() == len(terms)
    words = tok[~tok["is_punct"]].groupby("doc_id").size()
    for d, g in tf.groupby("doc_id"):
        assert g["per_1k"].sum() == pytest.approx(1000 * g["count"].sum() / words[d])
    corpus_tf = kslib.term_frequencies(tok, by=None).set_index("term")
    # the Traditional 崑山 of 000 is counted as 昆山, and in all five documents
    assert "崑山" not in corpus_tf.index
    assert corpus_tf.loc["昆山", "docs"] == 5
    assert tf[(tf["term"] == "昆山") & tf["doc_id"].str.startswith("000")]["count"].item() > 0


def test_seed_token_kwic_agrees_with_term_counts(corpus, seed_tokens):
    tf = kslib.term_frequencies(seed_tokens, by=None).set_index("term")["count"]
    for word in ("昆山之路", "高质量发展", "科创"):
        hits = kslib.kwic(corpus, [word], tokens=seed_tokens)
        assert len(hits) == tf[word]
        assert len(kslib.kwic(corpus, word)) >= len(hits)  # substrings include longer words


def test_seed_collocations_and_cooccurrence_respect_boundaries(seed_tokens):
    col = kslib.collocations(seed_tokens, min_count=2)
    flags = seed_tokens.groupby("token")[["is_stop", "is_punct", "is_num"]].any().any(axis=1)
    assert not col["term1"].map(flags).any() and not col["term2"].map(flags).any()
    assert (col["llr"].diff().dropna() <= 1e-12).all()
    co = kslib.cooccurrence(seed_tokens, unit="sentence")
    par = kslib.cooccurrence(seed_tokens, unit="paragraph")
    merged = co.merge(par, on=["term1", "term2"], suffixes=("_s", "_p"))
    assert len(merged) == len(co)  # same sentence implies same paragraph
    # each paragraph containing a term has at least one sentence containing it
    assert (merged["count1_s"] >= merged["count1_p"]).all()
    assert co["units"].iloc[0] > par["units"].iloc[0]


def test_token_counts_are_the_rate_denominators():
    import pandas as pd

    from kslib import stats

    tok = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 2, "token": ["昆山", "的", "，", "2018", "发展", "。"],
                        "is_stop": [False, True, False, False, False, False],
                        "is_punct": [False, False, True, False, False, True],
                        "is_num": [False, False, False, True, False, False]})
    out = stats.token_counts(tok)
    assert out.to_dict("list") == {"doc_id": ["a", "b"], "tokens": [4, 2], "words": [3, 1], "terms": [1, 1]}


def test_pattern_counts_per_document_with_whole_word_matches():
    import pandas as pd

    from kslib import stats

    hits = {"科创": pd.DataFrame({"doc_id": ["a", "a", "b"]}), "无": pd.DataFrame({"doc_id": pd.Series([], dtype=str)})}
    words = {"科创": pd.DataFrame({"doc_id": ["a"]}), "无": pd.DataFrame({"doc_id": pd.Series([], dtype=str)})}
    out = stats.pattern_counts(hits, words=words)
    assert out.to_dict("list") == {"pattern": ["科创", "无"], "a": [2, 0], "b": [1, 0], "all": [3, 0], "as_word": [1, 0]}
