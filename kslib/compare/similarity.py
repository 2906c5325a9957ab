"""Document x document similarity (TF-IDF cosine, vocabulary Jaccard) and a hierarchical
clustering of the documents from it."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .dfm import dfm

__all__ = ["similarity", "cluster_documents"]

def similarity(tokens: pd.DataFrame, *, method: str = "cosine") -> pd.DataFrame:
    """Document x document similarity of content tokens.

    method="cosine": cosine of TF-IDF vectors (scikit-learn TfidfTransformer, smooth idf, l2 norm);
    method="jaccard": |V_a ∩ V_b| / |V_a ∪ V_b| of the vocabularies (sets of content terms).
    The diagonal is 1; identical documents have similarity 1.
    """
    counts = dfm(tokens)
    if method == "cosine":
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.metrics.pairwise import cosine_similarity

        x = TfidfTransformer(smooth_idf=True, norm="l2").fit_transform(counts.to_numpy(dtype=float))
        sim = cosine_similarity(x)
    elif method == "jaccard":
        b = (counts.to_numpy() > 0).astype(float)
        inter = b @ b.T
        size = b.sum(axis=1)
        union = size[:, None] + size[None, :] - inter
        sim = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    else:
        raise ValueError(f"method must be 'cosine' or 'jaccard', not {method!r}")
    sim = np.clip(sim, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return pd.DataFrame(sim, index=counts.index, columns=counts.index)


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
