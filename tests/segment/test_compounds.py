"""Compounds: join_compounds on synthetic tables (exact offsets, longest first, clauses, tags) and
kslib.tokens(corpus, compounds=...) (the same table, cached under a key with the compounds)."""
import pandas as pd
import pytest

import kslib
from kslib.segment import cache_info, reset_cache_info
from kslib.segment.compounds import join_compounds, term_list
from tests.segment.test_discover import NESTED, table


def test_join_keeps_offsets_exact_and_recomputes():
    t, texts = table({"a": "推动|阳澄湖|科技|园|和|昆山|富士康|发展|。\n昆山|富士康|。", "b": "阳澄湖|科技|园"})
    out = join_compounds(t, ["阳澄湖科技园", "昆山富士康"])
    assert out["token"].tolist() == ["推动", "阳澄湖科技园", "和", "昆山富士康", "发展", "。", "昆山富士康", "。",
                                     "阳澄湖科技园"]
    assert all(texts[d][s:e] == tok for d, s, e, tok in out[["doc_id", "start", "end", "token"]].itertuples(False))
    assert out.groupby("doc_id")["position"].apply(list).to_dict() == {"a": list(range(8)), "b": [0]}
    assert out["paragraph"].tolist() == [1, 1, 1, 1, 1, 1, 2, 2, 1]
    assert not out["is_stop"].iloc[1] and out["is_stop"].iloc[0]
    assert list(out.columns) == list(t.columns) and out.dtypes.equals(t.dtypes)


def test_join_nothing_is_identity():
    t, _ = table(NESTED)
    pd.testing.assert_frame_equal(join_compounds(t, []), t)
    pd.testing.assert_frame_equal(join_compounds(t, ["不存在的词"]), t)
    pd.testing.assert_frame_equal(join_compounds(t, ["阳澄湖"]), t)  # already one token


def test_join_longest_first_then_leftmost():
    t, _ = table({"a": "甲|乙|丙|丁|。"})
    assert join_compounds(t, ["甲乙", "乙丙丁"])["token"].tolist() == ["甲", "乙丙丁", "。"]
    assert join_compounds(t, ["甲乙", "丙丁"])["token"].tolist() == ["甲乙", "丙丁", "。"]
    assert join_compounds(t, ["甲乙", "乙丙"])["token"].tolist() == ["甲乙", "丙", "丁", "。"]
    assert join_compounds(t, ["甲乙丙丁", "乙丙"])["token"].tolist() == ["甲乙丙丁", "。"]
    # a token is never split: 乙丙 does not align with 甲乙|丙丁
    t2, _ = table({"a": "甲乙|丙丁|。"})
    assert join_compounds(t2, ["乙丙"])["token"].tolist() == ["甲乙", "丙丁", "。"]


def test_join_never_crosses_a_clause_gap_or_paragraph():
    t, _ = table({"a": "昆山| |富士康|。", "b": "昆山\n富士康", "c": "昆山|富士康"})
    out = join_compounds(t, ["昆山富士康"])
    assert out.groupby("doc_id")["token"].apply(list).to_dict() == {
        "a": ["昆山", "富士康", "。"], "b": ["昆山", "富士康"], "c": ["昆山富士康"]}
    with pytest.raises(ValueError, match="clause"):
        join_compounds(t, ["昆山，富士康"])
    with pytest.raises(ValueError, match="clause"):
        join_compounds(t, ["昆山 富士康"])


def test_join_accepts_a_terms_table_and_traditional_script():
    t, _ = table({"a": "昆山|富士康|。"})
    assert join_compounds(t, pd.DataFrame({"term": ["崑山富士康"]}))["token"].tolist() == ["昆山富士康", "。"]
    with pytest.raises(ValueError, match="term"):
        join_compounds(t, pd.DataFrame({"word": ["昆山富士康"]}))
    assert term_list(["b", "a", "a"]) == ["a", "b"]


def test_join_takes_the_tag_of_the_head():
    t, _ = table({"a": "昆山|富士康|。"})
    t["pos"] = ["ns", "nt", "x"]
    assert join_compounds(t, ["昆山富士康"])["pos"].tolist() == ["nt", "x"]


def test_tokens_with_compounds_is_the_joined_table_and_cached(corpus, toks):
    terms = kslib.discover_terms(corpus)
    reset_cache_info()
    a = kslib.tokens(corpus, compounds=terms)
    b = kslib.tokens(corpus, compounds=terms)  # warm: read from the cache under the compounds' key
    info = cache_info()
    assert info["misses"] == 0 and info["hits"] == 2 * len(corpus)
    ref = join_compounds(toks, terms)
    pd.testing.assert_frame_equal(a, ref)
    pd.testing.assert_frame_equal(b, ref)
    assert len(a) < len(toks)
    pd.testing.assert_frame_equal(kslib.tokens(corpus, compounds=[]), toks)  # no compounds: jieba's
    pd.testing.assert_frame_equal(kslib.tokens(corpus, compounds=terms, cache=False), ref)
    pos = kslib.tokens(corpus, compounds=["智能装备"], pos=True)
    assert pos.loc[pos["token"] == "智能装备", "pos"].eq("n").all()  # the head's tag (装备 n)


def test_cache_key_includes_the_compounds(corpus):
    from kslib.segment.cache import dictionary_key
    from kslib.segment.compounds import compounds_hash

    plain = dictionary_key("jieba")
    assert dictionary_key("jieba", compounds="") == plain
    k1 = dictionary_key("jieba", compounds=compounds_hash(["智能装备"]))
    k2 = dictionary_key("jieba", compounds=compounds_hash(["智能装备", "绿色发展"]))
    assert len({plain, k1, k2}) == 3
    one = kslib.tokens(corpus, compounds=["智能装备"])
    two = kslib.tokens(corpus, compounds=["智能装备", "绿色发展"])
    assert "绿色发展" in set(two["token"]) and "绿色发展" not in set(one["token"])


def test_compound_changes_counts_what_joining_did():
    from kslib.segment.compounds import compound_changes

    t, _ = table({"a": "推动|阳澄湖|科技|园|和|昆山|富士康|发展|。", "b": "昆山|富士康|。", "c": "发展|。"})
    out = compound_changes(t, join_compounds(t, ["阳澄湖科技园", "昆山富士康"]))
    assert out["doc_id"].tolist() == ["a", "b", "c"]
    assert out["tokens"].tolist() == [9, 3, 2]
    assert out["tokens_with_compounds"].tolist() == [6, 2, 2]
    assert out["compounds"].tolist() == [2, 1, 0] and out["parts"].tolist() == [5, 2, 0]
    assert out["share_changed"].tolist() == pytest.approx([5 / 9, 2 / 3, 0.0])
    assert (out["tokens"] - out["parts"] + out["compounds"] == out["tokens_with_compounds"]).all()


def test_cold_and_warm_compound_cache_give_the_same_table(corpus, toks, tmp_path, monkeypatch):
    # a fresh cache: cold (segmented, joined, both cached), warm (read back), partly warm
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path))
    terms = ["智能装备", "绿色发展", "昆山高新区党工委"]
    ref = join_compounds(toks, terms)
    reset_cache_info()
    cold = kslib.tokens(corpus, compounds=terms)
    assert cache_info()["misses"] == len(corpus)
    warm = kslib.tokens(corpus, compounds=terms)
    some = kslib.tokens(pd.concat([corpus.iloc[:2], corpus.iloc[2:].assign(text=corpus["text"].iloc[2:] + "\n")]),
                        compounds=terms)  # three documents changed: joined again, the other two from the cache
    for t in (cold, warm):
        pd.testing.assert_frame_equal(t, ref)
    two = some["doc_id"].isin(corpus["doc_id"].iloc[:2])
    pd.testing.assert_frame_equal(some[two].reset_index(drop=True), ref[ref["doc_id"].isin(corpus["doc_id"].iloc[:2])]
                                  .reset_index(drop=True))
    assert (some["token"] == "智能装备").sum() == (ref["token"] == "智能装备").sum()
