"""Document similarity and clustering on hand-made tables."""
import numpy as np
import pytest

from kslib.compare.similarity import cluster_documents, similarity
from tests.helpers import make_tokens


def test_identical_documents_have_similarity_one_and_disjoint_zero():
    toks = make_tokens({"a": ["创新", "产业", "的", "创新", "，"], "b": ["创新", "产业", "的", "创新", "。"],
                        "c": ["生态", "公园", "绿地"]})
    for method in ("cosine", "jaccard"):
        sim = similarity(toks, method=method)
        assert list(sim.index) == ["a", "b", "c"]
        assert sim.loc["a", "b"] == pytest.approx(1.0)
        assert sim.loc["a", "c"] == pytest.approx(0.0)
        assert np.allclose(sim.to_numpy(), sim.to_numpy().T)


def test_jaccard_on_vocabulary_and_clustering():
    toks = make_tokens({"a": ["x", "y", "z"], "b": ["x", "y", "w"], "c": ["p", "q", "x"]})
    sim = similarity(toks, method="jaccard")
    assert sim.loc["a", "b"] == pytest.approx(2 / 4)
    assert sim.loc["a", "c"] == pytest.approx(1 / 5)
    z = cluster_documents(sim)
    assert z.shape == (2, 4)
    assert set(z[0, :2].astype(int)) == {0, 1}  # a and b join first


def test_gram_splitting_common_and_rare_terms_gives_the_sparse_product(monkeypatch):
    from scipy import sparse

    import importlib

    sim_mod = importlib.import_module("kslib.compare.similarity")  # the module (the package exports the function)

    rng = np.random.default_rng(0)
    x = sparse.random(300, 80, density=0.2, random_state=rng, format="lil")
    x[:, :5] = 1.0  # five terms in every document: the dense block
    x = x.tocsr()
    plain = (x @ x.T).toarray()
    monkeypatch.setattr(sim_mod, "SPLIT_MIN_DOCS", 10)
    assert np.allclose(sim_mod.gram(x), plain, rtol=0, atol=1e-12)
    monkeypatch.setattr(sim_mod, "SPLIT_MIN_DOCS", 10_000)
    assert np.array_equal(sim_mod.gram(x), plain)
