"""Segmentation backends: private tokenizers, the domain dictionary, agreement with jieba."""
import logging
import re

import pytest

import kslib
from kslib import segment

DOMAIN_TERMS = ["夏驾河科创走廊", "昆山高新区", "科创之城", "昆山之路", "昆山开发区", "花桥国际商务城",
                "阳澄湖科技园", "高质量发展", "强富美高", "头雁人才", "长三角一体化", "一带一路",
                "放管服", "管凤良", "周伟", "昆山杜克大学", "智谷小镇"]


@pytest.mark.parametrize("term", DOMAIN_TERMS)
def test_domain_terms_come_out_whole_on_the_seeds(corpus, toks, term):
    occurrences = sum(t.count(term) for t in corpus["text"])
    assert occurrences > 0, f"{term} not in the seeds"
    assert (toks["token"] == term).sum() == occurrences


def test_traditional_document_segments_like_simplified(docs, toks):
    d000 = toks[toks["doc_id"].str.startswith("000")]
    assert "崑山之路" in docs["000"]["raw"]
    assert (d000["token"] == "昆山之路").sum() == docs["000"]["text"].count("昆山之路") >= 3
    assert "崑" not in "".join(d000["token"])


def test_tokenize_is_the_private_tokenizers_lcut():
    text = "昆山高新区推进夏驾河科创走廊建设，打造科创之城。"
    toks = kslib.tokenize(text)
    assert "".join(toks) == text
    assert toks == segment.get_tokenizer("jieba").lcut(text, HMM=True)
    assert "夏驾河科创走廊" in toks and "科创之城" in toks


def test_global_jieba_is_untouched(tmp_path, monkeypatch):
    import jieba

    kslib.tokenize("夏驾河科创走廊")
    monkeypatch.setattr(jieba.dt, "tmp_dir", str(tmp_path))  # keep the global cache out of /tmp
    assert "夏驾河科创走廊" not in jieba.lcut("推进夏驾河科创走廊建设")
    assert "夏驾河科创走廊" not in jieba.dt.FREQ
    assert segment.get_tokenizer("jieba") is not jieba.dt


def test_tokenizer_is_quiet_and_caches_inside_project(tmp_path, monkeypatch, capfd):
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path))
    segment.clear_tokenizers()
    level = logging.getLogger("jieba").level
    tk = segment.get_tokenizer("jieba")
    assert segment.get_tokenizer("jieba") is tk, "built once per process"
    err = capfd.readouterr().err
    assert "Building prefix dict" not in err and "Loading model" not in err
    assert logging.getLogger("jieba").level == level
    assert tk.tmp_dir.startswith(str(tmp_path))
    assert list((tmp_path / "jieba").glob("*.cache")), "jieba's model cache written under KSLIB_CACHE"


def test_auto_backend_gives_jiebas_tokens(corpus):
    auto = segment.resolve_backend("auto")
    assert auto in segment.IDENTICAL_TO_JIEBA
    ref = kslib.tokens(corpus, backend="jieba", cache=False)
    assert kslib.tokens(corpus, backend="auto", cache=False).equals(ref)


@pytest.mark.parametrize("backend", ["jieba_next", "hybrid", "jieba_fast_dat", "rjieba"])
def test_other_backends_are_lossless_and_use_the_user_dictionary(corpus, backend):
    if backend not in segment.available_backends():
        pytest.skip(f"{backend} not installed")
    t = kslib.tokens(corpus, backend=backend, cache=False)
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    for doc_id, g in t.groupby("doc_id"):
        assert "".join(g["token"]) == re.sub(r"\s", "", texts[doc_id])
    for term in ["夏驾河科创走廊", "科创之城", "管凤良"]:
        assert term in set(t["token"]), (backend, term)


def test_hybrid_sends_ascii_runs_to_jieba_next():
    text = "2019年，昆山高新区GDP增长7.1%，访问163.com，2020-12-16在夏驾河科创走廊。"
    assert kslib.tokenize(text, backend="hybrid") == kslib.tokenize(text, backend="jieba")
    # the runs rjieba alone cuts differently from jieba
    assert segment.get_tokenizer("rjieba").cut("2020-12-16", True) != kslib.tokenize("2020-12-16")


@pytest.mark.parametrize("text", ["昆山㐀山人", "山\u9fd6\u9fd7山", "昆山\uf900\uf901高新区", "〇山人"])
def test_hybrid_leaves_characters_rjieba_reads_differently_to_jieba_next(text):
    assert kslib.tokenize(text, backend="hybrid") == kslib.tokenize(text, backend="jieba")
