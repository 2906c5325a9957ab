"""Compounds: join given terms (discover_terms' output, or any list of strings) into single tokens of
a token table, keeping text[start:end] == token; kslib.tokens(corpus, compounds=...) uses it."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .discover import arrow_strings, doc_codes, in_document_order

__all__ = ["join_compounds", "term_list", "compounds_hash", "compound_changes"]

_NOT_IN_TERM = set("。！？；，、：!?;,:…")


def compounds_hash(terms: list[str]) -> str:
    """A short hash of a compound list (part of the token cache key)."""
    import hashlib

    return hashlib.sha256("\n".join(terms).encode("utf-8")).hexdigest()[:24]


def term_list(compounds) -> list[str]:
    """The compound strings of `compounds` (a DataFrame with a `term` column, or an iterable of
    strings), converted to Simplified like the text, distinct, sorted. ValueError for a term that
    holds whitespace or clause punctuation (a compound never crosses a clause)."""
    from ..normalize import t2s

    _t2s = t2s().convert

    if isinstance(compounds, pd.DataFrame):
        if "term" not in compounds.columns:
            raise ValueError("compounds table needs a `term` column (see discover_terms)")
        items = compounds["term"].tolist()
    elif isinstance(compounds, str):
        items = [compounds]
    elif isinstance(compounds, Iterable):
        items = list(compounds)
    else:
        raise TypeError("compounds: a DataFrame with a `term` column or an iterable of strings")
    out = set()
    for s in items:
        if not isinstance(s, str) or not s:
            raise ValueError(f"compound {s!r}: not a non-empty string")
        bad = [c for c in s if c.isspace() or c in _NOT_IN_TERM or unicodedata.category(c) in
               ("Ps", "Pe", "Pi", "Pf", "Cc")]
        if bad:
            raise ValueError(f"compound {s!r} holds {bad[0]!r}: a compound never crosses a clause")
        out.add(unicodedata.normalize("NFKC", _t2s(s)))
    return sorted(out)


def join_compounds(tokens: pd.DataFrame, compounds) -> pd.DataFrame:
    """The tokens table with every run of adjacent tokens whose text is one of `compounds` joined
    into one token (quanteda's tokens_compound on jieba tokens).

    A run is joined only inside a clause: its tokens follow each other without a gap in one
    paragraph of one document. Longest compound first (by characters, then leftmost), so
    全国一流现代化示范园区 is joined before a shorter compound inside or overlapping it; a token
    is never split. The joined token keeps the first token's paragraph and raw line, spans
    start..end of its parts (text[start:end] == token), takes the part-of-speech tag of its last
    token (its head) when tags are present; position is renumbered and is_stop / is_punct / is_num
    are recomputed. Without compounds (empty list) the table is returned unchanged.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    terms = term_list(compounds)
    t = in_document_order(tokens)
    n = len(t)
    if not terms or n < 2:
        return t
    max_len = max(map(len, terms))
    prefixes = pa.array(sorted({s[:j] for s in terms for j in range(1, len(s) + 1)}), pa.large_string())
    term_set = pa.array(terms, pa.large_string())
    tok = arrow_strings(t["token"])
    doc, _ = doc_codes(t)
    start = t["start"].to_numpy(np.int64)
    end = t["end"].to_numpy(np.int64)
    same = (doc[1:] == doc[:-1]) & (start[1:] == end[:-1])
    if "paragraph" in t.columns:
        par = t["paragraph"].to_numpy()
        same &= par[1:] == par[:-1]
    nlen = pc.utf8_length(tok).to_numpy(zero_copy_only=False).astype(np.int64)

    # grow runs from every token that begins a compound, while the text is a compound's prefix
    pos = np.flatnonzero(pc.is_in(tok, value_set=prefixes).to_numpy(zero_copy_only=False))
    text = pc.take(tok, pa.array(pos))
    length = nlen[pos]
    m_pos, m_k, m_len, m_term = [], [], [], []
    k = 1
    while len(pos):
        nxt = pos + k
        ok = nxt < n
        ok[ok] = same[nxt[ok] - 1]
        pos, text, length, nxt = pos[ok], pc.filter(text, pa.array(ok)), length[ok], nxt[ok]
        text = pc.binary_join_element_wise(text, pc.take(tok, pa.array(nxt)), pa.scalar("", pa.large_string()))
        length = length + nlen[nxt]
        k += 1
        keep = length <= max_len
        pos, text, length = pos[keep], pc.filter(text, pa.array(keep)), length[keep]
        hit = pc.is_in(text, value_set=term_set).to_numpy(zero_copy_only=False)
        if hit.any():
            m_pos.append(pos[hit])
            m_k.append(np.full(int(hit.sum()), k))
            m_len.append(length[hit])
            m_term.extend(pc.filter(text, pa.array(hit)).to_pylist())
        live = pc.is_in(text, value_set=prefixes).to_numpy(zero_copy_only=False)
        pos, text, length = pos[live], pc.filter(text, pa.array(live)), length[live]
    if not m_pos:
        return t
    mp, mk, ml = np.concatenate(m_pos), np.concatenate(m_k), np.concatenate(m_len)
    mt = np.array(m_term, dtype=object)
    chosen = _longest_first(mp, mk, ml, n)
    mp, mk, mt = mp[chosen], mk[chosen], mt[chosen]

    cover = np.zeros(n + 1, np.int64)
    np.add.at(cover, mp + 1, 1)
    np.add.at(cover, mp + mk, -1)
    keep = np.cumsum(cover[:n]) == 0  # the first token of a joined run stays, the others go
    kept = np.flatnonzero(keep)
    # the joined token replaces the first token: indices into [original tokens, joined tokens]
    src = np.arange(n, dtype=np.int64)
    src[mp] = n + np.arange(len(mp))
    src = pa.array(src[kept])
    unique_terms, term_idx = np.unique(mt.astype(str), return_inverse=True)
    out = t.iloc[kept].reset_index(drop=True)
    out["token"] = pd.array(pc.take(pa.concat_arrays([tok, pa.array(mt.tolist(), pa.large_string())]), src),
                            dtype=t["token"].dtype)
    new_end = end.copy()
    new_end[mp] = end[mp + mk - 1]
    out["end"] = new_end[kept].astype(t["end"].dtype)
    if "pos" in t.columns and len(t) and (t["pos"].astype(str) != "").any():
        tags = arrow_strings(t["pos"])
        head = pc.take(tags, pa.array(mp + mk - 1))  # the tag of its head, the last token
        out["pos"] = pd.array(pc.take(pa.concat_arrays([tags, head]), src), dtype=t["pos"].dtype)
    from .dictionary import stopwords
    from .table import is_num, is_punct

    stop = stopwords()
    for col, fn in (("is_stop", stop.__contains__), ("is_punct", is_punct), ("is_num", is_num)):
        if col in t.columns:
            flag = t[col].to_numpy(bool).copy()
            flag[mp] = np.fromiter(map(fn, unique_terms), bool, len(unique_terms))[term_idx]
            out[col] = flag[kept]
    if "position" in out.columns:
        d = doc[kept]
        first = np.r_[True, d[1:] != d[:-1]] if len(d) else np.zeros(0, bool)
        idx = np.arange(len(out))
        out["position"] = (idx - np.maximum.accumulate(np.where(first, idx, 0))).astype(t["position"].dtype)
    return out


def _longest_first(mp: np.ndarray, mk: np.ndarray, ml: np.ndarray, n: int) -> np.ndarray:
    """Indices of the matches kept: by characters (longest first), then leftmost, never
    overlapping one kept before. Matches that overlap no other are kept without the loop."""
    order = np.lexsort((mp, -ml))
    s = np.argsort(mp, kind="stable")
    a, b = mp[s], mp[s] + mk[s]
    reach = np.maximum.accumulate(b)
    clash_next = np.r_[a[1:] < reach[:-1], False]  # overlaps something after it
    clash_prev = np.r_[False, clash_next[:-1]]
    alone = np.zeros(len(mp), bool)
    alone[s] = ~(clash_next | clash_prev)
    keep = alone.copy()
    busy = bytearray(n)
    for i in order:
        if alone[i]:
            continue
        p, k = int(mp[i]), int(mk[i])
        if not any(busy[p:p + k]):
            busy[p:p + k] = b"\1" * k
            keep[i] = True
    return np.flatnonzero(keep)


def compound_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Per document, what joining compounds changed between two token tables of the same corpus
    (kslib.tokens(corpus) and kslib.tokens(corpus, compounds=...)): tokens before and after,
    compounds (joined tokens in `after`), parts (the tokens of `before` they replaced), and the
    share of `before`'s tokens that changed. Sorted by doc_id."""
    key = ["doc_id", "start", "end"]
    b = before[key].astype({"doc_id": str})
    a = after[key].astype({"doc_id": str})
    joined = a.merge(b, on=key, how="left", indicator=True)
    joined = joined[joined["_merge"] == "left_only"]
    kept = b.merge(a, on=key, how="left", indicator=True)
    parts = kept[kept["_merge"] == "left_only"]
    docs = sorted(set(b["doc_id"]) | set(a["doc_id"]))
    out = pd.DataFrame({
        "doc_id": docs,
        "tokens": b.groupby("doc_id").size().reindex(docs, fill_value=0).to_numpy(),
        "tokens_with_compounds": a.groupby("doc_id").size().reindex(docs, fill_value=0).to_numpy(),
        "compounds": joined.groupby("doc_id").size().reindex(docs, fill_value=0).to_numpy(),
        "parts": parts.groupby("doc_id").size().reindex(docs, fill_value=0).to_numpy(),
    })
    out["share_changed"] = out["parts"] / out["tokens"].where(out["tokens"] > 0)
    return out.astype({c: "int64" for c in ("tokens", "tokens_with_compounds", "compounds", "parts")})

