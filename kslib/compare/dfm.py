"""The document-feature matrix every comparison starts from: content tokens (no punctuation,
stopwords, pure numbers) counted per document, documents and terms sorted."""
from __future__ import annotations

import pandas as pd

__all__ = ["content_tokens", "doc_order", "dfm", "doc_prefix"]

def content_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens that count as terms: not punctuation, not stopwords, not pure numbers
    (the same choice as kslib.stats.term_frequencies)."""
    keep = pd.Series(True, index=tokens.index)
    for col in ("is_punct", "is_stop", "is_num"):
        if col in tokens.columns:
            keep &= ~tokens[col].astype(bool)
    return tokens.loc[keep]


def doc_order(tokens: pd.DataFrame) -> list[str]:
    return sorted(tokens["doc_id"].astype(str).unique())


def dfm(tokens: pd.DataFrame) -> pd.DataFrame:
    """doc x term count matrix of content tokens (rows and columns sorted)."""
    ct = content_tokens(tokens)
    m = pd.crosstab(ct["doc_id"].astype(str), ct["token"])
    return m.reindex(index=doc_order(tokens), fill_value=0).sort_index(axis=1)


def doc_prefix(doc_id: str) -> str:
    return str(doc_id).split("_")[0]
