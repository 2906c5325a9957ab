"""Years each document talks about (2018年, 2020-2021年, (2017-2035)), with their raw line, and a
per-document summary."""
from __future__ import annotations

import re

import pandas as pd

__all__ = ["years_mentioned", "years_summary"]

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:\s*[-—–~～至到]\s*((?:19|20)\d{2}))?(?=\s*年|\s*[)）])")


def years_mentioned(corpus: pd.DataFrame, *, window: int = 12) -> pd.DataFrame:
    """Years each document talks about: 2018年, 2020-2021年 (both years), (2017-2035) (both ends).
    Columns: doc_id, year, start (in text), line (raw), context. Sorted by doc_id, start, year."""
    from ..corpus import normalized

    rows = []
    for _, doc in corpus.sort_values("doc_id").iterrows():
        text, nz = doc["text"], normalized(doc)
        for m in _YEAR.finditer(text):
            ctx = text[max(0, m.start() - window):m.end() + window].replace("\n", "⏎")
            for g in (1, 2):
                if m.group(g):
                    rows.append({"doc_id": doc["doc_id"], "year": int(m.group(g)), "start": m.start(g),
                                 "line": int(nz.raw_line(m.start(g))), "context": ctx})
    return pd.DataFrame(rows, columns=["doc_id", "year", "start", "line", "context"]).sort_values(
        ["doc_id", "start", "year"], ignore_index=True)


def years_summary(years: pd.DataFrame) -> pd.DataFrame:
    """Per document from `years_mentioned`: first and last year, mentions, and the distinct years."""
    if years.empty:
        return pd.DataFrame(columns=["doc_id", "first", "last", "mentions", "years"])
    g = years.groupby("doc_id", sort=True)["year"]
    return pd.DataFrame({"first": g.min(), "last": g.max(), "mentions": g.size(),
                         "years": g.agg(lambda y: " ".join(map(str, sorted(set(y)))))}).reset_index()
