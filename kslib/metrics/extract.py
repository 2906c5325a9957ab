"""extract_metrics: every quantity of a corpus (or a string) as one traceable row: mention
(kslib.metrics.mentions), then attribution (kslib.metrics.attribute), with the raw line of each."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .attribute import attribute
from .mentions import candidates

__all__ = ["COLUMNS", "extract_metrics", "extract_text"]

COLUMNS = ["doc_id", "line", "start", "end", "text", "sentence", "value", "value_max", "unit",
           "qualifier", "indicator", "measure", "kind", "kind_cue", "year", "period"]


def extract_text(text: str, *, date=None) -> list[dict]:
    """Quantity rows of one normalised text; `date` (the document's date) resolves 今年, 去年, 过去五年 …"""
    rows = candidates(text)
    attribute(text, rows, date)
    for r in rows:
        r["text"] = text[r["start"]:r["end"]]
    return rows


def extract_metrics(obj, *, date=None) -> pd.DataFrame:
    """One row per quantity mention, columns `COLUMNS`.

    `date` (a string only): the date a string was written, against which 今年, 去年, 过去五年 … resolve
    and before/after which a figure's year makes it an actual/target (a corpus row has its `date`).

    obj: a corpus DataFrame (kslib.load_corpus) or a string. For a corpus, spans are
    offsets in the normalised `text` and `line` is the 1-based line of the raw file.
    A string is normalised exactly like a document (kslib.normalize: Traditional ->
    Simplified, widths, OCR digits, spaced numbers); doc_id is "", spans are offsets in
    that normalised text and line is the line of the string.
    """
    if isinstance(obj, str):
        from ..normalize import normalize

        nl = normalize(obj)
        rows = extract_text(nl.text, date=date)
        lines = nl.raw_lines([r["start"] for r in rows]) if rows else []
        for r, line in zip(rows, lines):
            r["doc_id"] = ""
            r["line"] = int(line)
        return frame(rows)
    if isinstance(obj, pd.DataFrame):
        from ..corpus import normalized

        frames = []
        for doc in obj.to_dict("records"):
            n = normalized(doc)
            date = doc.get("date")
            rows = extract_text(n.text, date=None if date is None or date != date else str(date))
            lines = n.raw_lines(np.array([r["start"] for r in rows], dtype=np.int64)) if rows else []
            for r, ln in zip(rows, lines):
                r["doc_id"] = doc["doc_id"]
                r["line"] = int(ln)
            frames.append(frame(rows))
        if not frames:
            return frame([])
        return pd.concat(frames, ignore_index=True)
    raise TypeError("extract_metrics takes a string or a corpus DataFrame")


def frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLUMNS)
    df = df.astype({"doc_id": str, "line": "int64", "start": "int64", "end": "int64", "text": str,
                    "sentence": str, "value": "float64", "value_max": "float64", "unit": str,
                    "qualifier": str, "indicator": str, "measure": str, "kind": str, "kind_cue": str})
    df["period"] = df["period"].astype(object).where(df["period"].notna(), None)
    df["year"] = pd.array([None if y is None or (isinstance(y, float) and np.isnan(y)) else int(y)
                           for y in df["year"]], dtype="Int64")
    return df.reset_index(drop=True)
