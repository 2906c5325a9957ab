"""Document x document similarity (TF-IDF cosine, vocabulary Jaccard) and a hierarchical
clustering of the documents from it."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..dfm import dfm

__all__ = ["similarity", "cluster_documents", "gram"]

def similarity(tokens: pd.DataFrame, *, method: str = "cosine") -> pd.DataFrame:
    """Document x document similarity of content tokens.

    method="cosine": cosine of TF-IDF vectors (scikit-learn TfidfTransformer, smooth idf, l2 norm);
    method="jaccard": |V_a ∩ V_b| / |V_a ∪ V_b| of the vocabularies (sets of content terms).
    The diagonal is 1; identical documents have similarity 1.
    """
    d = dfm(tokens)
    x = d.matrix.astype(np.float64)
    if method == "cosine":
        from sklearn.feature_extraction.text import TfidfTransformer

        sim = gram(TfidfTransformer(smooth_idf=True, norm="l2").fit_transform(x))  # rows have unit length
    elif method == "jaccard":
        b = (x > 0).astype(np.float64)
        inter = gram(b)
        size = np.asarray(b.sum(axis=1)).ravel()
        union = size[:, None] + size[None, :] - inter
        sim = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    else:
        raise ValueError(f"method must be 'cosine' or 'jaccard', not {method!r}")
    sim = np.clip(np.asarray(sim, dtype=np.float64), 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    index = pd.Index(d.docs, dtype=object, name="doc_id")
    return pd.DataFrame(sim, index=index, columns=pd.Index(d.docs, dtype=object, name="doc_id"))


DENSE_DF_SHARE = 0.1  # terms in more than this share of the documents go through dense BLAS
SPLIT_MIN_DOCS = 1000  # below this the plain sparse product is fast enough


def gram(x) -> np.ndarray:
    """x @ x.T as a dense array for a sparse documents x terms matrix.

    A sparse product costs about sum(df²) over the terms, which common terms (in most documents)
    dominate; those columns are multiplied as a dense block with BLAS (n² per term, both cores),
    the rare ones sparsely. Same result up to float rounding (~1e-15)."""
    from scipy import sparse

    x = sparse.csr_matrix(x)
    n = x.shape[0]
    if n < SPLIT_MIN_DOCS:
        return np.asarray((x @ x.T).todense(), dtype=np.float64)
    xc = x.tocsc()
    df = np.diff(xc.indptr)
    common = np.flatnonzero(df > DENSE_DF_SHARE * n)
    rare = np.flatnonzero(df <= DENSE_DF_SHARE * n)
    dense = xc[:, common].toarray()
    out = dense @ dense.T
    del dense
    s = xc[:, rare].tocsr()
    out += (s @ s.T).toarray()
    return out


def cluster_documents(sim: pd.DataFrame, *, method: str = "average") -> np.ndarray:
    """Hierarchical clustering of documents from a similarity matrix: scipy linkage
    (`method`, default average linkage) on the distance 1 - similarity. Returns the linkage
    matrix (use scipy.cluster.hierarchy.dendrogram with labels=sim.index)."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - sim.to_numpy(dtype=float)
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    return linkage(squareform(np.clip(dist, 0.0, None), checks=False), method=method)
