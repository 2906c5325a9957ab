"""Segmentation: domain dictionary, private tokenizer, dictionary validation, stopwords, token table,
disk cache."""
import logging
import re

import numpy as np
import pytest

import kslib
from kslib import segment
from kslib.segment import COLUMNS, DictionaryError, read_userdict

DOMAIN_TERMS = ["夏驾河科创走廊", "昆山高新区", "科创之城", "昆山之路", "昆山开发区", "花桥国际商务城",
                "阳澄湖科技园", "高质量发展", "强富美高", "头雁人才", "长三角一体化", "一带一路",
                "放管服", "管凤良", "周伟", "昆山杜克大学", "智谷小镇"]


@pytest.fixture(scope="module")
def toks(corpus):
    return kslib.tokens(corpus)


# ---------------------------------------------------------------- dictionary and tokenizer

def test_userdict_is_valid_and_large():
    entries = read_userdict(segment.USERDICT)
    assert len(entries) >= 150
    assert all(tag for _, _, tag in entries), "every entry carries a POS tag"
    words = {w for w, _, _ in entries}
    assert set(DOMAIN_TERMS) <= words


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
    monkeypatch.setattr(segment, "_TOKENIZERS", {})
    level = logging.getLogger("jieba").level
    tk = segment.get_tokenizer("jieba")
    assert segment.get_tokenizer("jieba") is tk, "built once per process"
    err = capfd.readouterr().err
    assert "Building prefix dict" not in err and "Loading model" not in err
    assert logging.getLogger("jieba").level == level
    assert tk.tmp_dir.startswith(str(tmp_path))
    assert list((tmp_path / "jieba").glob("*.cache")), "jieba's model cache written under KSLIB_CACHE"


def _write(tmp_path, data: bytes):
    p = tmp_path / "userdict.txt"
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("data, line, message", [
    ("昆山高新区 3000 ns\n".encode("utf-8-sig"), 1, "byte-order mark"),
    ("昆山高新区 3000 ns\r\n科创之城 100 nz\r\n".encode(), 1, "line ending"),
    ("昆山高新区 3000 ns\n科创之城 100 nz\n".encode("gbk"), 1, "UTF-8"),
    ("昆山高新区 3000 ns\n昆山 高新区 3000 ns\n".encode(), 2, "space inside"),
    ("昆山高新区 3000 ns\n科创之城\n".encode(), 2, "no frequency"),
    ("昆山高新区 3000 ns\n科创之城 nz\n".encode(), 2, "frequency"),
    ("昆山高新区\t3000 ns\n".encode(), 1, "one ASCII space"),
    ("昆山高新区 3000 ns \n".encode(), 1, "trailing whitespace"),
    ("昆山高新区 0 ns\n".encode(), 1, "positive"),
    ("昆山高新区 3000 ns\n科创之城 10 nz\n昆山高新区 5 ns\n".encode(), 3, "duplicate"),
])
def test_bad_dictionary_lines_raise_naming_file_and_line(tmp_path, data, line, message):
    path = _write(tmp_path, data)
    with pytest.raises(DictionaryError) as e:
        read_userdict(path)
    assert str(path) in str(e.value)
    assert f"line {line}:" in str(e.value)
    assert message in str(e.value)


def test_bad_dictionary_stops_the_tokenizer(tmp_path, monkeypatch):
    path = _write(tmp_path, "昆山高新区 3000 ns\n科创之城\n".encode())
    monkeypatch.setattr(segment, "USERDICT", path)
    monkeypatch.setattr(segment, "_TOKENIZERS", {})
    with pytest.raises(DictionaryError):
        kslib.tokenize("科创之城")


def test_good_dictionary_file_parses(tmp_path):
    path = _write(tmp_path, "昆山高新区 3000 ns\n\n科创之城 100\n".encode())
    assert read_userdict(path) == [("昆山高新区", 3000, "ns"), ("科创之城", 100, None)]


# ---------------------------------------------------------------- stopwords

def test_stopwords_merge_package_and_domain_list():
    import stopwordsiso

    sw = kslib.stopwords()
    assert isinstance(sw, frozenset)
    assert {"的", "和", "推动", "加快", "全面", "进一步"} <= sw
    assert "区" in stopwordsiso.stopwords("zh") and "区" not in sw, "-区 un-stops a packaged word"
    assert not {"发展", "创新", "高质量发展", "科创"} & sw


def test_stopword_file_format(tmp_path):
    p = tmp_path / "sw.txt"
    p.write_text("# comment\n推动\n\n-的\n", encoding="utf-8")
    sw = kslib.stopwords(p)
    assert "推动" in sw and "的" not in sw and "# comment" not in sw and "和" in sw
    p.write_text("推 动\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="line 1"):
        kslib.stopwords(p)


def test_flags_mark_but_do_not_drop(toks):
    by = toks.drop_duplicates("token").set_index("token")
    assert by.loc["的", "is_stop"] and by.loc["推动", "is_stop"]
    assert not by.loc["高质量发展", "is_stop"]
    assert by.loc[",", "is_punct"] and by.loc["；", "is_punct"]
    assert by.loc["「", "is_punct"] and not by.loc["「", "is_num"]
    for num in ["2018", "7.1%", "23.6", "1732"]:
        assert by.loc[num, "is_num"] and not by.loc[num, "is_punct"], num
    assert not by.loc["5G", "is_num"]
    assert not by.loc["亿元", "is_num"]
    assert (toks["token"].str.len() == 1).any(), "single characters are kept"
    assert toks["is_punct"].any() and toks["is_num"].any()


# ---------------------------------------------------------------- token table

def test_columns_offsets_positions(corpus, toks):
    assert list(toks.columns) == COLUMNS
    assert toks["doc_id"].is_monotonic_increasing
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    assert set(toks["doc_id"]) == set(texts)
    for doc_id, g in toks.groupby("doc_id", sort=False):
        text = texts[doc_id]
        assert g["position"].tolist() == list(range(len(g)))
        assert all(text[s:e] == t for s, e, t in zip(g["start"], g["end"], g["token"]))
        assert (g["start"].to_numpy()[1:] >= g["end"].to_numpy()[:-1]).all()
        assert "".join(g["token"]) == re.sub(r"\s", "", text)
        paras = [p for p in text.split("\n") if p.strip()]
        assert g["paragraph"].min() == 1 and g["paragraph"].max() == len(paras)
        first = g[g["paragraph"] == 2].iloc[0]
        assert paras[1].strip().startswith(first["token"])
    assert not toks["token"].str.isspace().any()
    assert (toks["pos"] == "").all()


@pytest.mark.parametrize("doc, token, raw_word", [
    ("001", "管凤良", "管凤良"),
    ("003", "周伟", "周伟"),
    ("000", "谭建荣", "譚建榮"),  # Traditional raw: line found through normalisation offsets
])
def test_line_is_the_raw_line(docs, toks, doc, token, raw_word):
    raw = docs[doc]["raw"]
    expected = next(i for i, line in enumerate(raw.split("\n"), 1) if raw_word in line)
    row = toks[toks["doc_id"].str.startswith(doc) & (toks["token"] == token)].iloc[0]
    assert row["line"] == expected


def test_pos_only_when_asked(corpus, toks):
    tp = kslib.tokens(corpus, pos=True)
    assert tp.drop(columns="pos").equals(toks.drop(columns="pos"))
    assert (tp["pos"] != "").all()
    tag = dict(zip(tp["token"], tp["pos"]))
    assert tag["管凤良"] == "nr" and tag["昆山高新区"] == "ns"


def test_hand_made_corpus_without_raw():
    import pandas as pd

    c = pd.DataFrame({"doc_id": ["b", "a"], "text": ["\n科创之城\n\n2018年 增长7.1%", "昆山之路"]})
    t = kslib.tokens(c, cache=False)
    assert t["doc_id"].tolist()[0] == "a"
    b = t[t["doc_id"] == "b"]
    assert b["token"].tolist() == ["科创之城", "2018", "年", "增长", "7.1%"]
    assert b["paragraph"].tolist() == [1, 2, 2, 2, 2]
    assert b["line"].tolist() == [2, 4, 4, 4, 4]
    assert b["is_num"].tolist() == [False, True, False, False, True]


# ---------------------------------------------------------------- disk cache

def test_cache_hit_miss_and_invalidation(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path))
    small = corpus.iloc[:2]
    segment.reset_cache_info()
    cold = kslib.tokens(small)
    assert segment.cache_info()["misses"] == 2 and segment.cache_info()["hits"] == 0
    assert list((tmp_path / "tokens").rglob("*.parquet"))
    segment.reset_cache_info()
    warm = kslib.tokens(small)
    info = segment.cache_info()
    assert info["hits"] == 2 and info["misses"] == 0 and info["segmented_chars"] == 0
    assert warm.equals(cold)
    # a changed text is a miss for that document only
    changed = small.copy()
    changed.loc[changed.index[0], "text"] = changed["text"].iloc[0] + "\n海棠花红"
    segment.reset_cache_info()
    kslib.tokens(changed)
    assert segment.cache_info()["hits"] == 1 and segment.cache_info()["misses"] == 1
    # a changed dictionary invalidates everything and is used
    new_dict = tmp_path / "userdict.txt"
    new_dict.write_bytes(segment.USERDICT.read_bytes() + "海棠花红 500 nz\n".encode())
    monkeypatch.setattr(segment, "USERDICT", new_dict)
    monkeypatch.setattr(segment, "_TOKENIZERS", {})
    segment.reset_cache_info()
    after = kslib.tokens(changed)
    assert segment.cache_info()["hits"] == 0 and segment.cache_info()["misses"] == 2
    assert "海棠花红" in set(after["token"])


def test_cache_false_neither_reads_nor_writes(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path))
    segment.reset_cache_info()
    kslib.tokens(corpus.iloc[:1], cache=False)
    assert not (tmp_path / "tokens").exists()
    assert segment.cache_info()["misses"] == 1


# ---------------------------------------------------------------- backends and engines

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


def test_unknown_backend_and_engine_are_errors(corpus):
    with pytest.raises(ValueError, match="backend"):
        kslib.tokens(corpus, backend="nope")
    with pytest.raises(ValueError, match="engine"):
        kslib.tokens(corpus, engine="spark")


@pytest.mark.parametrize("pos", [False, True])
def test_process_pool_gives_the_in_process_result(corpus, monkeypatch, capfd, pos):
    local = kslib.tokens(corpus, pos=pos, cache=False)
    monkeypatch.setattr(segment, "POOL_MIN_CHARS", 0)
    monkeypatch.setattr(segment, "n_workers", lambda: 2)
    pooled = kslib.tokens(corpus, pos=pos, cache=False, progress=True)
    assert pooled.equals(local)
    out, err = capfd.readouterr()
    assert out == "", "no progress text on stdout"
    assert "Warning" not in err and "IProgress" not in err


def test_progress_none_is_silent_for_small_corpora(corpus, capfd):
    kslib.tokens(corpus.iloc[:1], cache=False)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


@pytest.mark.dask
def test_dask_engine_matches_local_on_a_local_cluster(corpus):
    """engine="dask" on a real LocalCluster (2 worker processes): identical table, texts not in
    the task graph. Takes ~10 s (cluster start-up)."""
    import pickle

    from distributed import Client, LocalCluster

    local = kslib.tokens(corpus, cache=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        texts = list(corpus["text"])
        bag, _futures = segment._dask_bag(client, list(range(len(texts))), texts, list(corpus["raw"]),
                                list(corpus["authors"]), "jieba", False)
        graph_bytes = len(pickle.dumps(dict(bag.__dask_graph__())))
        assert graph_bytes < sum(len(t.encode()) for t in texts) / 10
        distributed = kslib.tokens(corpus, engine="dask", cache=False)
    assert distributed.equals(local)


def test_dask_engine_without_client_says_so(corpus):
    with pytest.raises(RuntimeError, match="Client"):
        kslib.tokens(corpus.iloc[:1], engine="dask", cache=False)


def test_hybrid_sends_ascii_runs_to_jieba_next():
    text = "2019年，昆山高新区GDP增长7.1%，访问163.com，2020-12-16在夏驾河科创走廊。"
    assert kslib.tokenize(text, backend="hybrid") == kslib.tokenize(text, backend="jieba")
    # the runs rjieba alone cuts differently from jieba
    assert segment.get_tokenizer("rjieba").cut("2020-12-16", True) != kslib.tokenize("2020-12-16")


def test_empty_corpus_and_empty_texts(corpus):
    import pandas as pd

    empty = kslib.tokens(corpus.iloc[:0])
    assert list(empty.columns) == COLUMNS and len(empty) == 0
    blank = kslib.tokens(pd.DataFrame({"doc_id": ["x", "y"], "text": ["", "\n \n"]}), cache=False)
    assert list(blank.columns) == COLUMNS and len(blank) == 0


@pytest.mark.parametrize("text", ["昆山㐀山人", "山\u9fd6\u9fd7山", "昆山\uf900\uf901高新区", "〇山人"])
def test_hybrid_leaves_characters_rjieba_reads_differently_to_jieba_next(text):
    assert kslib.tokenize(text, backend="hybrid") == kslib.tokenize(text, backend="jieba")
