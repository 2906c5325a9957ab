"""Line maps: the raw line of every token without normalising again in the workers — from the
normalisation load_corpus left in memory, or from the line-map cache — identical to the offsets'."""
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import kslib
import kslib.corpus as C
from kslib import segment
from kslib.normalize import normalize
from kslib.segment import engines, linemap
from tests.conftest import FIXTURES, ROOT

# Raw texts with every line-break form, removed and rewritten spans (boilerplate, a byline,
# full-width digits, Traditional characters, blank-line runs, spaces) — each changes offsets.
RAWS = [
    "第一行\r\n第二行\r第三行\u2028第四行\u2029第五行\x85第六行\n",
    "昆山市统计局\n\n\n记者 王明\n２０１８年，崑山實現地區生產總值３８３２億元。\n責任編輯：李華\n\n本文來源：新華網",
    "  标题  \n\n\n\n正文 第一段 ，有空格。\r\n\r\n第二段：增长7.1%。\n【打印本页】【关闭窗口】\n",
    "单行没有换行",
    "\n\n\n前面全是空行\n后面也是\n\n\n",
]


def _all_positions(norm):
    return np.arange(len(norm.text))


@pytest.mark.parametrize("raw", RAWS)
def test_line_map_gives_the_offsets_raw_line_at_every_position(raw):
    norm = normalize(raw)
    lmap = linemap.line_map(norm)
    p = _all_positions(norm)
    assert np.array_equal(linemap.map_lines(lmap, p), norm.raw_lines(p))
    assert linemap.map_consistent(lmap, norm.text, raw)
    if len(norm.text):  # run-length: one run per change of raw line, never one per character
        assert len(lmap[0]) == 1 + int((np.diff(norm.raw_lines(p)) != 0).sum())


def test_line_maps_of_real_documents(corpus):
    """The seeds and the dev documents (HTML fragments, GBK, BOM, Markdown)."""
    dev = kslib.load_corpus(FIXTURES / "dev_docs")
    for frame in (corpus, dev):
        for _, row in frame.iterrows():
            norm = kslib.normalized(row)
            p = _all_positions(norm)
            assert np.array_equal(linemap.map_lines(linemap.line_map(norm), p), norm.raw_lines(p)), row["doc_id"]


def test_map_consistency_rules():
    text, raw = "昆山。\n苏州", "昆山。\n\n苏州"
    ok = (np.array([0, 4]), np.array([1, 3]))
    assert linemap.map_consistent(ok, text, raw)
    assert not linemap.map_consistent((np.array([1, 4]), np.array([1, 3])), text, raw)     # not from 0
    assert not linemap.map_consistent((np.array([0, 4, 4]), np.array([1, 3, 3])), text, raw)  # not increasing
    assert not linemap.map_consistent((np.array([0, 6]), np.array([1, 3])), text, raw)     # beyond the text
    assert not linemap.map_consistent((np.array([0, 4]), np.array([0, 3])), text, raw)     # line 0
    assert not linemap.map_consistent((np.array([0, 4]), np.array([1, 4])), text, raw)     # beyond raw's lines
    assert not linemap.map_consistent((np.array([0, 4]), np.array([1])), text, raw)        # lines missing
    assert not linemap.map_consistent((np.array([], int), np.array([], int)), text, raw)   # empty map
    assert linemap.map_consistent((np.array([], int), np.array([], int)), "", raw)


def _recording(monkeypatch, folder):
    """Replace kslib.corpus._normalize_cached by a version that records each call's process (forked
    workers inherit it) and still normalises."""
    folder.mkdir()
    real = C._normalize_cached

    def recording(raw, authors, rules_folder="", templates=frozenset()):
        (folder / f"{os.getpid()}-{len(os.listdir(folder))}").touch()
        return real(raw, authors, rules_folder, templates)

    recording.cache_info = real.cache_info
    monkeypatch.setattr(C, "_normalize_cached", recording)
    return lambda: {int(p.name.split("-")[0]) for p in folder.iterdir()}


def _forced_pool(monkeypatch):
    monkeypatch.setattr(engines, "POOL_MIN_CHARS", 0)
    monkeypatch.setattr(engines, "n_workers", lambda: 2)
    monkeypatch.setattr(engines, "batches", lambda idx, sizes, target: [[i] for i in idx])


def test_pool_workers_do_not_normalise_a_corpus_loaded_in_this_process(corpus, tmp_path, monkeypatch):
    """The parent reads each line map from load_corpus's in-memory normalisation; the workers only
    cut (the old code called kslib.corpus.normalized in every worker, for every document)."""
    expected = kslib.tokens(corpus, cache=False)
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path / "cache"))
    _forced_pool(monkeypatch)
    callers = _recording(monkeypatch, tmp_path / "calls")
    segment.reset_cache_info()
    pooled = kslib.tokens(corpus)
    assert callers() == {os.getpid()}, "normalisation looked up in the parent only, never in a worker"
    assert segment.cache_info()["normalised"] == 0
    assert pooled.equals(expected)


def test_a_corpus_unknown_to_this_process_is_normalised_once_then_read_from_the_line_map_cache(
        corpus, tmp_path, monkeypatch):
    """Read back from Parquet in a new process, a corpus's rows are not in load_corpus's memory
    (simulated: its context emptied). The first cold run normalises in the workers and stores the
    maps; a later cold run (segmentation cache gone, line maps kept) normalises nothing."""
    expected = kslib.tokens(corpus, cache=False)
    frame = pd.read_parquet(_to_parquet(corpus, tmp_path / "c.parquet"))
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(C, "_CONTEXT", {})
    _forced_pool(monkeypatch)
    callers = _recording(monkeypatch, tmp_path / "calls")
    segment.reset_cache_info()
    first = kslib.tokens(frame)
    assert segment.cache_info()["normalised"] == len(corpus)
    assert os.getpid() not in callers(), "unknown documents are normalised in the workers"
    assert first.equals(expected)
    _drop_segmentation_packs(tmp_path / "cache")
    for p in (tmp_path / "calls").iterdir():
        p.unlink()
    segment.reset_cache_info()
    second = kslib.tokens(frame)
    info = segment.cache_info()
    assert info["misses"] == len(corpus) and info["normalised"] == 0 and not callers()
    assert second.equals(expected)


def test_an_inconsistent_line_map_is_a_miss_with_a_warning(corpus, tmp_path, monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    small = corpus.head(2)
    expected = kslib.tokens(small, cache=False)
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(linemap, "_WARNED", set())
    kslib.tokens(small)  # stores both maps
    pack = next((tmp_path / "cache" / "tokens" / "lines").rglob("lines-*.parquet"))
    table = pq.read_table(pack)
    lines = table.column("lines").to_pylist()
    lines[0] = [x + 10_000 for x in lines[0]]  # beyond the raw text's lines
    pq.write_table(table.set_column(table.column_names.index("lines"), "lines",
                                    pa.array(lines, pa.list_(pa.int32()))), pack)
    _drop_segmentation_packs(tmp_path / "cache")
    monkeypatch.setattr(C, "_CONTEXT", {})
    segment.reset_cache_info()
    with pytest.warns(RuntimeWarning, match="line map cached for document"):
        again = kslib.tokens(small)
    assert segment.cache_info()["normalised"] == 1, "the bad map's document only is normalised again"
    assert again.equals(expected)


def test_cache_false_stores_no_line_maps(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path))
    kslib.tokens(corpus.head(1), cache=False)
    assert not (tmp_path / "tokens").exists()


def test_clear_cache_removes_the_line_maps(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path))
    kslib.tokens(corpus.head(1))
    assert list((tmp_path / "tokens" / "lines").rglob("lines-*.parquet"))
    segment.clear_cache()
    assert not (tmp_path / "tokens").exists()


def _to_parquet(frame, path):
    frame.to_parquet(path)
    return path


def _drop_segmentation_packs(cache):
    import shutil

    for sub in (cache / "tokens").iterdir():
        if sub.name != "lines":
            shutil.rmtree(sub)


TEMPLATE = "主办单位 昆山市人民政府办公室 网站标识码3205830001"  # a site footer: no clause punctuation


def _templated_corpus(folder):
    """Four pages of one site, each with the site's line above its article: load_corpus removes it
    as a template (a corpus-level decision normalising one document alone cannot repeat)."""
    folder.mkdir()
    bodies = ["昆山市2018年实现地区生产总值3832亿元。\n增长7.1%。", "全市进出口总额达到862亿美元。",
              "高新区新增高新技术企业120家。\n研发投入占比3.5%。", "城乡居民人均可支配收入增长8%。"]
    for k, body in enumerate(bodies):
        (folder / f"p{k}.txt").write_text(f"第{k}号公告\n{TEMPLATE}\n{body}\n", encoding="utf-8")


def _fresh_tokens(parquet, cache, out):
    """kslib.tokens of a corpus read from Parquet in a new Python process."""
    code = ("import sys, pandas as pd, kslib\n"
            "from kslib import segment\n"
            "t = kslib.tokens(pd.read_parquet(sys.argv[1]))\n"
            "t.to_parquet(sys.argv[2])\n"
            "import json; print(json.dumps(segment.cache_info()))\n")
    env = dict(os.environ, KSLIB_CACHE=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code, str(parquet), str(out)], env=env, cwd=str(ROOT),
                          capture_output=True, text=True, check=True)
    return pd.read_parquet(out), json.loads(done.stdout.strip().splitlines()[-1])


def test_a_corpus_read_from_parquet_in_a_new_process_has_the_in_process_raw_lines(tmp_path, monkeypatch):
    """In-process tokens store the line maps; a new process reading the corpus from Parquet gets
    the same raw lines without normalising — even where normalising one document alone would give
    another text (the site template only load_corpus removes), which used to fall back to the
    lines of `text`."""
    folder = tmp_path / "site"
    _templated_corpus(folder)
    with pytest.warns(kslib.CorpusWarning):
        corpus = kslib.load_corpus(folder)
    assert not any(TEMPLATE in t for t in corpus["text"]), "the template is removed by load_corpus"
    cache = tmp_path / "cache"
    monkeypatch.setenv("KSLIB_CACHE", str(cache))
    inproc = kslib.tokens(corpus)
    text_line = inproc["paragraph"] + 1  # title, then the body (one template line above it in raw)
    assert (inproc["line"] > 1).any() and not (inproc.loc[inproc["line"] > 1, "line"] ==
                                                inproc.loc[inproc["line"] > 1, "paragraph"]).any()
    assert (inproc.loc[inproc["line"] > 1, "line"] == text_line[inproc["line"] > 1]).all()
    parquet = _to_parquet(corpus, tmp_path / "corpus.parquet")
    _drop_segmentation_packs(cache)
    fresh, info = _fresh_tokens(parquet, cache, tmp_path / "fresh.parquet")
    assert info["misses"] == len(corpus) and info["normalised"] == 0
    pd.testing.assert_frame_equal(fresh, inproc)


def test_seeds_read_from_parquet_in_a_new_process_have_the_in_process_tokens(corpus, tmp_path):
    """Nothing cached: the new process normalises (once) and gets the in-process table."""
    expected = kslib.tokens(corpus, cache=False)
    parquet = _to_parquet(corpus, tmp_path / "corpus.parquet")
    fresh, info = _fresh_tokens(parquet, tmp_path / "cache", tmp_path / "fresh.parquet")
    assert info["normalised"] == len(corpus)
    pd.testing.assert_frame_equal(fresh, expected)
    again, info = _fresh_tokens(parquet, tmp_path / "cache", tmp_path / "again.parquet")
    assert info["hits"] == len(corpus) and info["normalised"] == 0
    pd.testing.assert_frame_equal(again, expected)
