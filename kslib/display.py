"""Stable plain-text display of tables in notebooks, so nbval compares the same
characters across runs and pandas versions (fixed precision, no truncation)."""
from __future__ import annotations

import pandas as pd

__all__ = ["show", "short_ids", "doc_labels"]


def _cell_strings(col: pd.Series, digits: int, max_colwidth: int) -> pd.Series:
    if pd.api.types.is_float_dtype(col):
        return col.map(lambda v: "" if pd.isna(v) else f"{v:.{digits}f}")
    if col.dtype == object or pd.api.types.is_string_dtype(col):
        return col.map(lambda v: v if not isinstance(v, str) or len(v) <= max_colwidth
                       else v[: max_colwidth - 1] + "…")
    return col


def show(df: pd.DataFrame, *, digits: int = 3, max_rows: int | None = 40, max_colwidth: int = 40) -> None:
    """Print a DataFrame with fixed float precision and truncated long strings;
    shows the first `max_rows` rows and says how many were left out."""
    # by position, so tables with repeated column names work too
    out = pd.concat([_cell_strings(df.iloc[:, i], digits, max_colwidth) for i in range(df.shape[1])],
                    axis=1, ignore_index=True) if df.shape[1] else df.copy()
    out.columns = df.columns
    n = len(out)
    if max_rows is not None and n > max_rows:
        out = out.head(max_rows)
    print(out.to_string(index=False))
    if max_rows is not None and n > max_rows:
        print(f"… {n - max_rows} more rows ({n} in all)")


def short_ids(doc_ids) -> dict:
    """doc_id -> a short unique id: the part before the first "_" (000_96cb… -> 000) when that is
    unique, else the shortest unique prefix of at least 3 characters, else the doc_id itself."""
    ids = sorted({str(d) for d in doc_ids})
    heads = [d.split("_")[0] for d in ids]
    if len(set(heads)) == len(ids):
        return dict(zip(ids, heads))
    out = {}
    for d in ids:
        for n in range(3, len(d) + 1):
            if sum(1 for o in ids if o[:n] == d[:n]) == 1:
                out[d] = d[:n]
                break
        else:
            out[d] = d
    return out


_SUBJECT_ZH = {"city": "城市", "high-tech zone": "高新区", "development zone": "开发区"}


def doc_labels(corpus: pd.DataFrame) -> dict:
    """doc_id -> short label "001 高新区 2019" (short id, subject, year of the date)."""
    short = short_ids(corpus["doc_id"])
    out = {}
    for r in corpus.itertuples():
        subj = _SUBJECT_ZH.get(str(getattr(r, "subject", "")), str(getattr(r, "subject", "")))
        year = str(getattr(r, "date", ""))[:4]
        out[r.doc_id] = " ".join(x for x in (short[str(r.doc_id)], subj, year) if x and x != "nan")
    return out
