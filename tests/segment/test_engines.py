"""Engines: the process pool and dask.distributed give the in-process result."""

import os

import pytest

import kslib
from kslib import segment
from kslib.segment import cache, engines
from kslib.segment.engines import dask_bag


@pytest.mark.parametrize("pos", [False, True])
def test_process_pool_gives_the_in_process_result(corpus, monkeypatch, capfd, pos):
    local = kslib.tokens(corpus, pos=pos, cache=False)
    monkeypatch.setattr(engines, "POOL_MIN_CHARS", 0)
    monkeypatch.setattr(engines, "n_workers", lambda: 2)
    pooled = kslib.tokens(corpus, pos=pos, cache=False, progress=True)
    assert pooled.equals(local)
    out, err = capfd.readouterr()
    assert out == "", "no progress text on stdout"
    assert "Warning" not in err and "IProgress" not in err


def test_pool_workers_write_the_cache_and_a_warm_run_hits_it(corpus, tmp_path, monkeypatch):
    """With the process pool, each worker writes the packs of the documents it segmented (the
    parent writes none); a second call finds every document and gives the same table."""
    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(engines, "POOL_MIN_CHARS", 0)
    monkeypatch.setattr(engines, "n_workers", lambda: 2)
    monkeypatch.setattr(engines, "batches", lambda idx, sizes, target: [[i] for i in idx])  # one per document
    writers = tmp_path / "writers"
    writers.mkdir()
    put = cache.TokenCache.put

    def recording_put(self, items):  # forked workers inherit the patched class
        (writers / f"{os.getpid()}-{len(os.listdir(writers))}-{len(items)}").touch()
        put(self, items)

    monkeypatch.setattr(cache.TokenCache, "put", recording_put)
    plain = kslib.tokens(corpus, cache=False)
    segment.reset_cache_info()
    cold = kslib.tokens(corpus)
    pids = {int(p.name.split("-")[0]) for p in writers.iterdir()}
    assert pids and os.getpid() not in pids, "the pool's workers write the cache, not the parent"
    assert sum(int(p.name.split("-")[2]) for p in writers.iterdir()) == len(corpus)
    assert len(list((tmp_path / "cache" / "tokens").rglob("pack-*.parquet"))) == len(corpus)
    segment.reset_cache_info()
    warm = kslib.tokens(corpus)
    info = segment.cache_info()
    assert info["hits"] == len(corpus) and info["misses"] == 0
    assert cold.equals(plain) and warm.equals(plain)


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
        bag, _futures = dask_bag(client, list(range(len(texts))), texts, list(corpus["raw"]),
                                list(corpus["authors"]), "jieba", False)
        graph_bytes = len(pickle.dumps(dict(bag.__dask_graph__())))
        assert graph_bytes < sum(len(t.encode()) for t in texts) / 10
        distributed = kslib.tokens(corpus, engine="dask", cache=False)
    assert distributed.equals(local)


def test_dask_engine_without_client_says_so(corpus):
    with pytest.raises(RuntimeError, match="Client"):
        kslib.tokens(corpus.iloc[:1], engine="dask", cache=False)
