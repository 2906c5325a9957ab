"""The document-feature matrix (quanteda's dfm): term counts per document as a sparse matrix, the
form every term statistic and comparison starts from. Built from integer codes of the token table in
time linear in its length, never as a dense doc x term frame."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

__all__ = ["DFM", "dfm", "content_tokens", "doc_order", "doc_prefix", "codes"]


def codes(values: pd.Series, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) of a string column (the rows where `mask` is true): uniques sorted by code
    point, codes indexing them. Arrow strings are encoded without making Python objects per row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values.dtype, pd.CategoricalDtype):  # codes are already there
        raw = values.cat.codes.to_numpy().astype(np.int64)
        raw = raw[mask] if mask is not None else raw
        uniques = np.asarray(values.cat.categories.astype(str), dtype=object)
        used = np.unique(raw)  # categories that occur (after the mask), like dictionary_encode gives
        remap = np.full(len(uniques), -1, dtype=np.int64)
        remap[used] = np.arange(len(used))
        raw, uniques = remap[raw], uniques[used]
    else:
        raw, uniques = _encode(values, mask, pa, pc)
    order = np.argsort(uniques.astype(str), kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[raw] if len(raw) else raw, uniques[order]


def _encode(values: pd.Series, mask, pa, pc) -> tuple[np.ndarray, np.ndarray]:
    col = values if pd.api.types.is_string_dtype(values.dtype) else values.astype(str)
    arr = pa.array(col.array)
    if not isinstance(arr, pa.ChunkedArray):
        arr = pa.chunked_array([arr])
    if mask is not None:
        arr = arr.filter(pa.array(mask))
    enc = pc.dictionary_encode(arr.unify_dictionaries() if pa.types.is_dictionary(arr.type) else arr)
    if enc.num_chunks:
        enc = enc.unify_dictionaries()
        raw = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in enc.chunks]).astype(np.int64)
        uniques = np.asarray(enc.chunks[0].dictionary.to_pylist(), dtype=object)
    else:
        raw, uniques = np.zeros(0, np.int64), np.array([], dtype=object)
    return raw, uniques


def content_tokens(tokens: pd.DataFrame, *, keep_stopwords: bool = False) -> pd.DataFrame:
    """The tokens that count as terms: not punctuation, not pure numbers, and (unless
    keep_stopwords) not stopwords — the same choice for every statistic."""
    return tokens.loc[_content_mask(tokens, keep_stopwords)]


def _content_mask(tokens: pd.DataFrame, keep_stopwords: bool) -> np.ndarray:
    keep = np.ones(len(tokens), dtype=bool)
    for col in ("is_punct", "is_num") + (() if keep_stopwords else ("is_stop",)):
        if col in tokens.columns:
            keep &= ~tokens[col].to_numpy(dtype=bool)
    return keep


def doc_order(tokens: pd.DataFrame) -> list[str]:
    """The documents of a token table, sorted."""
    return sorted(tokens["doc_id"].astype(str).unique())


def doc_prefix(doc_id: str) -> str:
    """The part of a doc_id before the first "_" (000_96cb… -> 000)."""
    return str(doc_id).split("_")[0]


@dataclass(frozen=True)
class DFM:
    """matrix: documents x terms (scipy CSR, int64 counts); docs and terms sorted; words: each
    document's non-punctuation tokens (the denominator of rates per 1,000 tokens)."""

    matrix: sparse.csr_matrix
    docs: np.ndarray
    terms: np.ndarray
    words: np.ndarray

    def to_frame(self) -> pd.DataFrame:
        """A dense doc x term DataFrame (for small corpora and tests)."""
        return pd.DataFrame(self.matrix.toarray(), index=pd.Index(self.docs, dtype=object),
                            columns=pd.Index(self.terms, dtype=object))

    def rows(self, docs) -> np.ndarray:
        """Summed counts over the given documents (one value per term)."""
        idx = np.searchsorted(self.docs, np.asarray(sorted(docs), dtype=object))
        return np.asarray(self.matrix[idx].sum(axis=0)).ravel()

    def long(self) -> pd.DataFrame:
        """One row per non-zero cell: doc_id, term, count (sorted by document, then term)."""
        coo = self.matrix.tocoo()
        order = np.lexsort((coo.col, coo.row))
        return pd.DataFrame({"doc_id": pd.array(self.docs[coo.row[order]], dtype="str"),
                             "term": pd.array(self.terms[coo.col[order]], dtype="str"),
                             "count": coo.data[order].astype("int64")})


def dfm(tokens: pd.DataFrame, *, keep_stopwords: bool = False) -> DFM:
    """The document-feature matrix of content tokens (see content_tokens). Every document of the
    table is a row, also one without content tokens."""
    doc_codes, docs = codes(tokens["doc_id"])
    keep = _content_mask(tokens, keep_stopwords)
    punct = tokens["is_punct"].to_numpy(dtype=bool) if "is_punct" in tokens.columns else np.zeros(len(tokens), bool)
    words = np.bincount(doc_codes[~punct], minlength=len(docs)).astype(np.int64)
    term_codes, terms = codes(tokens["token"], keep)
    m = sparse.csr_matrix((np.ones(len(term_codes), dtype=np.int64), (doc_codes[keep], term_codes)),
                          shape=(len(docs), len(terms)))
    m.sum_duplicates()
    return DFM(m, docs, terms, words)
