"""Shared passages: sentences, paragraphs or phrases that recur (near-)verbatim within and across
documents, by containment of character shingles."""
from __future__ import annotations

import re
from typing import Iterable

import numpy as np
import pandas as pd

__all__ = ["shared_passages"]

_SENT_END = "。！？!?；;"


_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)


def text_units(corpus: pd.DataFrame, unit: str, include_removed: bool, min_chars: int) -> pd.DataFrame:
    """Text units (sentences or paragraphs) with doc_id, line (raw), text, removed
    (True = a paragraph normalisation dropped as a verbatim or near-duplicate repeat, taken back
    from the log)."""
    from ..corpus import normalized
    from ..normalize import normalize

    rows = []
    for _, doc in corpus.sort_values("doc_id").iterrows():
        nz = normalized(doc)
        text = doc["text"]
        pieces = []
        for m in re.finditer(r"[^\n]+", text):
            if unit == "paragraph":
                pieces.append((m.start(), m.group()))
            else:
                for sm in re.finditer(rf"[^{_SENT_END}]+[{_SENT_END}]*[”」\"’]?", m.group()):
                    pieces.append((m.start() + sm.start(), sm.group()))
        for start, piece in pieces:
            rows.append({"doc_id": doc["doc_id"], "line": int(nz.raw_line(start)), "text": piece.strip(),
                         "removed": False})
        if include_removed:
            for r in nz.log:
                if r["rule"] not in ("repeated_paragraph", "near_duplicate"):
                    continue
                para = normalize(r["text"]).text.strip()
                subs = [para] if unit == "paragraph" else \
                    [s.group() for s in re.finditer(rf"[^{_SENT_END}]+[{_SENT_END}]*[”」\"’]?", para)]
                for s in subs:
                    rows.append({"doc_id": doc["doc_id"], "line": int(r["line"]), "text": s.strip(),
                                 "removed": True})
    out = pd.DataFrame(rows, columns=["doc_id", "line", "text", "removed"])
    out["key"] = out["text"].map(lambda t: _STRIP.sub("", t))
    return out[out["key"].str.len() >= min_chars].reset_index(drop=True)


def shingle_matrix(keys: Iterable[str], shingle: int):
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(analyzer=lambda s: {s[i:i + shingle] for i in range(max(len(s) - shingle + 1, 1))}, binary=True)
    return vec.fit_transform(list(keys))


def shared_phrases(corpus: pd.DataFrame, min_chars: int, *, shingle: int = 6) -> pd.DataFrame:
    """Maximal character runs (punctuation and spaces ignored) of >= min_chars shared by two
    places: across documents, or within one document at non-overlapping positions."""
    from ..corpus import normalized

    docs = []
    for _, doc in corpus.sort_values("doc_id").iterrows():
        text = doc["text"]
        keep = [i for i, ch in enumerate(text) if not _STRIP.fullmatch(ch)]
        docs.append((doc["doc_id"], "".join(text[i] for i in keep), keep, text, normalized(doc)))
    shingle = min(shingle, min_chars)
    grams: dict[str, list[tuple[int, int]]] = {}
    for di, (_, s, _, _, _) in enumerate(docs):
        for i in range(len(s) - shingle + 1):
            grams.setdefault(s[i:i + shingle], []).append((di, i))
    diag: dict[tuple[int, int, int], list[int]] = {}
    for occ in grams.values():
        if len(occ) < 2 or len(occ) > 50:
            continue
        for x in range(len(occ)):
            for y in range(x + 1, len(occ)):
                (da, ia), (db, ib) = occ[x], occ[y]
                if da == db and abs(ia - ib) < shingle:
                    continue
                diag.setdefault((da, db, ia - ib), []).append(ia)
    rows = []
    for (da, db, off), starts in diag.items():
        starts.sort()
        run_start = prev = starts[0]
        for i in starts[1:] + [None]:
            if i is not None and i == prev + 1:
                prev = i
                continue
            length = prev - run_start + shingle
            if length >= min_chars:
                ia, ib = run_start, run_start - off
                if da == db and ib < ia + length and ia < ib + length:  # self-overlapping repeat
                    pass
                else:
                    _, sa, keep_a, text_a, nz_a = docs[da]
                    _, sb, keep_b, text_b, nz_b = docs[db]
                    pa, pb = keep_a[ia], keep_b[ib]
                    rows.append({"doc_a": docs[da][0], "line_a": int(nz_a.raw_line(pa)),
                                 "doc_b": docs[db][0], "line_b": int(nz_b.raw_line(pb)),
                                 "chars": length, "similarity": 1.0,
                                 "text_a": text_a[pa:keep_a[ia + length - 1] + 1],
                                 "text_b": text_b[pb:keep_b[ib + length - 1] + 1]})
            if i is not None:
                run_start = prev = i
    return pd.DataFrame(rows)


def shared_passages(corpus: pd.DataFrame, *, unit: str = "sentence", threshold: float = 0.8, shingle: int = 5,
                    min_chars: int = 12, include_removed: bool = True, within: bool = True) -> pd.DataFrame:
    """Passages that appear (near-)verbatim in more than one place, within and across documents.

    unit="sentence" (split at 。！？；) or "paragraph" (lines of `text`): each unit becomes the set of
    its character shingle-grams (shingle=5; punctuation and spaces removed); a pair of units is reported when
    their containment |A∩B| / min(|A|,|B|) >= threshold (so a sentence reprinted inside a longer one
    counts); jaccard |A∩B| / |A∪B| is given too. Units shorter than min_chars characters are ignored.
    unit="phrase": maximal shared character runs of >= min_chars (punctuation ignored), similarity 1;
    a 6-character run that occurs in more than 50 places is treated as boilerplate and skipped.

    include_removed=True (default) adds back the paragraphs normalisation dropped from `text` as verbatim
    repeats (they stay in the cleaning log, with their raw line): the researcher then sees what was
    reprinted, e.g. in 004; those rows have removed_b=True. within=False keeps only cross-document pairs.
    Columns: doc_a, line_a, doc_b, line_b, scope (within|across), similarity (containment), jaccard,
    chars, removed_a, removed_b, text_a, text_b. Sorted by doc_a, line_a, doc_b, line_b.
    """
    types = {"doc_a": str, "line_a": "int64", "doc_b": str, "line_b": "int64", "scope": str, "similarity": float,
             "jaccard": float, "chars": "int64", "removed_a": bool, "removed_b": bool, "text_a": str, "text_b": str}
    cols = list(types)
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in types.items()})  # typed, so filters work on it
    if unit == "phrase":
        out = shared_phrases(corpus, min_chars)
        if out.empty:
            return empty
        out = out.assign(jaccard=np.nan, removed_a=False, removed_b=False)
    elif unit in ("sentence", "paragraph"):
        units = text_units(corpus, unit, include_removed, min_chars)
        if units.empty:
            return empty
        x = shingle_matrix(units["key"], shingle)
        inter = (x @ x.T).tocoo()
        size = np.asarray(x.sum(axis=1)).ravel()
        rows = []
        for i, j, v in zip(inter.row, inter.col, inter.data):
            if i >= j:
                continue
            cont = v / min(size[i], size[j])
            if cont < threshold:
                continue
            a, b = units.iloc[i], units.iloc[j]
            if a["removed"] and not b["removed"]:
                a, b = b, a
            rows.append({"doc_a": a["doc_id"], "line_a": a["line"], "doc_b": b["doc_id"], "line_b": b["line"],
                         "similarity": float(cont), "jaccard": float(v / (size[i] + size[j] - v)),
                         "chars": int(min(len(a["key"]), len(b["key"]))),
                         "removed_a": bool(a["removed"]), "removed_b": bool(b["removed"]),
                         "text_a": a["text"], "text_b": b["text"]})
        out = pd.DataFrame(rows)
        if out.empty:
            return empty
    else:
        raise ValueError(f"unit must be 'sentence', 'paragraph' or 'phrase', not {unit!r}")
    swap = (out["doc_a"] > out["doc_b"]) | ((out["doc_a"] == out["doc_b"]) & (out["line_a"] > out["line_b"])
                                           & ~out["removed_b"] & ~out["removed_a"])
    for a, b in (("doc_a", "doc_b"), ("line_a", "line_b"), ("text_a", "text_b"), ("removed_a", "removed_b")):
        out.loc[swap, [a, b]] = out.loc[swap, [b, a]].to_numpy()
    out["scope"] = np.where(out["doc_a"] == out["doc_b"], "within", "across")
    if not within:
        out = out[out["scope"] == "across"]
    out = out.astype({"line_a": int, "line_b": int, "removed_a": bool, "removed_b": bool})
    out = out.drop_duplicates(["doc_a", "line_a", "doc_b", "line_b", "text_a", "text_b"])
    return out[cols].sort_values(["doc_a", "line_a", "doc_b", "line_b", "text_a"], ignore_index=True)
