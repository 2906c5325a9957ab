"""The segmentation cache: hits, misses, invalidation, cache=False."""


import kslib
from kslib import segment


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
    monkeypatch.setattr(segment.dictionary, "USERDICT", new_dict)
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
