"""The segmentation cache: hits, misses, invalidation, cache=False, inconsistent entries."""
import pytest

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


def test_an_inconsistent_cache_entry_is_a_miss_with_a_warning(corpus, tmp_path, monkeypatch):
    """A pack that is valid Parquet but whose token lengths do not fit the text (written by other
    code, or edited) is ignored and the document segmented again — it used to crash every run."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from kslib.segment import cache

    monkeypatch.setenv("KSLIB_CACHE", str(tmp_path))
    monkeypatch.setattr(cache, "_WARNED", set())
    small = corpus.head(1)
    expected = kslib.tokens(small)
    pack = next((tmp_path / "tokens").rglob("pack-*.parquet"))
    table = pq.read_table(pack)
    lengths = table.column("lengths").to_pylist()
    lengths[0] = lengths[0][:-3]  # three tokens short: lengths no longer sum to the text
    pq.write_table(table.set_column(table.column_names.index("lengths"), "lengths",
                                    pa.array(lengths, pa.list_(pa.int32()))), pack)
    segment.reset_cache_info()
    with pytest.warns(RuntimeWarning, match="does not match its text"):
        again = kslib.tokens(small)
    assert segment.cache_info()["misses"] == 1 and segment.cache_info()["hits"] == 0
    assert again.equals(expected)


def test_consistency_rules():
    import numpy as np

    from kslib.segment.cache import consistent

    ok = (np.array([2, 1]), np.array([1, 1]), None)
    assert consistent(ok, "昆山。", pos=False)
    assert not consistent(ok, "昆山。!", pos=False)                       # lengths do not sum to the text
    assert not consistent((np.array([3, 0]), np.array([1, 1]), None), "昆山。", pos=False)  # empty token
    assert not consistent((np.array([2, 1]), np.array([1]), None), "昆山。", pos=False)     # lines missing
    assert not consistent((np.array([2, 1]), np.array([0, 1]), None), "昆山。", pos=False)  # line 0
    assert not consistent(ok, "昆山。", pos=True)                           # tags missing
    assert consistent((np.array([2, 1]), np.array([1, 1]), ["ns", "x"]), "昆山。", pos=True)
