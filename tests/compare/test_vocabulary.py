"""Shared vocabulary on a hand-made table."""
from kslib.compare.vocabulary import shared_vocabulary
from tests.helpers import make_tokens


def test_shared_vocabulary():
    toks = make_tokens({"a": ["共", "共", "ab", "ab", "甲", "甲"], "b": ["共", "共", "ab", "ab", "乙", "乙"],
                        "c": ["共", "共", "丙", "丙", "丙"]})
    sv = shared_vocabulary(toks, min_count=2)
    pair = sv.pairs.set_index(["doc_a", "doc_b"]).loc[("a", "b")]
    assert pair["shared"] == 2 and "ab" in pair["examples"]
    assert sv.common["term"].tolist() == ["共"]
    assert set(map(tuple, sv.unique[["doc_id", "term"]].to_numpy())) == {("a", "甲"), ("b", "乙"), ("c", "丙")}
