"""Shared vocabulary: the content terms each pair of documents shares, those all documents share,
and those unique to one document."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..dfm import dfm

__all__ = ["SharedVocabulary", "shared_vocabulary"]

@dataclass
class SharedVocabulary:
    """Result of shared_vocabulary: `pairs` (doc_a, doc_b, terms_a, terms_b, shared, jaccard,
    examples), `common` (terms in every document, with per-document counts), `unique`
    (doc_id, term, count: terms present in exactly one document) and `summary` (per document:
    terms, shared_with_all, unique)."""
    pairs: pd.DataFrame
    common: pd.DataFrame
    unique: pd.DataFrame
    summary: pd.DataFrame


def shared_vocabulary(tokens: pd.DataFrame, *, min_count: int = 2, examples: int = 8) -> SharedVocabulary:
    """Which content terms each pair of documents shares, which all documents share, and which
    are unique to one document. A term is "in" a document when it occurs there at least
    `min_count` times; "unique" means in that document (>= min_count) and absent (0) elsewhere.
    `examples` shared terms per pair are listed, most frequent (summed) first."""
    counts = dfm(tokens).to_frame()  # dense: pairs of documents are compared one by one
    present = counts >= min_count
    docs = list(counts.index)
    rows = []
    for i, da in enumerate(docs):
        for db in docs[i + 1:]:
            both = present.loc[da] & present.loc[db]
            either = present.loc[da] | present.loc[db]
            tot = (counts.loc[da] + counts.loc[db])[both]
            top = tot.reset_index().set_axis(["term", "n"], axis=1).sort_values(["n", "term"],
                                                                               ascending=[False, True])
            rows.append({"doc_a": da, "doc_b": db, "terms_a": int(present.loc[da].sum()),
                         "terms_b": int(present.loc[db].sum()), "shared": int(both.sum()),
                         "jaccard": float(both.sum() / either.sum()) if either.sum() else 0.0,
                         "examples": "、".join(top["term"].head(examples))})
    pairs = pd.DataFrame(rows, columns=["doc_a", "doc_b", "terms_a", "terms_b", "shared", "jaccard", "examples"])
    all_mask = present.all(axis=0)
    common = counts.loc[:, all_mask].T
    common.columns = [str(c) for c in common.columns]
    common = common.assign(total=common.sum(axis=1)).rename_axis("term").reset_index()
    common = common.sort_values(["total", "term"], ascending=[False, True], ignore_index=True)
    only = (counts > 0).sum(axis=0) == 1
    urows = []
    for d in docs:
        m = only & present.loc[d]
        for term, cnt in counts.loc[d, m].items():
            urows.append({"doc_id": d, "term": str(term), "count": int(cnt)})
    unique = pd.DataFrame(urows, columns=["doc_id", "term", "count"])
    unique = unique.sort_values(["doc_id", "count", "term"], ascending=[True, False, True], ignore_index=True)
    summary = pd.DataFrame({"doc_id": docs,
                            "terms": [int(present.loc[d].sum()) for d in docs],
                            "shared_with_all": int(all_mask.sum()),
                            "unique": [int((unique["doc_id"] == d).sum()) for d in docs]})
    summary["unique_share"] = (summary["unique"] / summary["terms"].where(summary["terms"] > 0)).fillna(0.0)
    return SharedVocabulary(pairs, common, unique, summary)
