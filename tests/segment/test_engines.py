"""Engines: the process pool and dask.distributed give the in-process result."""

import pytest

import kslib
from kslib.segment import engines
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
