"""Stable plain-text display of tables in notebooks, so nbval compares the same
characters across runs and pandas versions (fixed precision, no truncation)."""
from __future__ import annotations

import pandas as pd

__all__ = ["show"]


def show(df: pd.DataFrame, digits: int = 3, max_rows: int | None = 40, max_colwidth: int = 40) -> None:
    """Print a DataFrame with fixed float precision and truncated long strings;
    shows the first `max_rows` rows and says how many were left out."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].map(lambda v: "" if pd.isna(v) else f"{v:.{digits}f}")
        elif out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: v if not isinstance(v, str) or len(v) <= max_colwidth
                                    else v[: max_colwidth - 1] + "…")
    n = len(out)
    if max_rows is not None and n > max_rows:
        out = out.head(max_rows)
    print(out.to_string(index=False))
    if max_rows is not None and n > max_rows:
        print(f"… {n - max_rows} more rows ({n} in all)")
