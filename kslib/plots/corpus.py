"""Figures of the corpus (notebook 00): documents on a time axis, and what cleaning removed."""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd

from ..display import short_ids

__all__ = ["plot_timeline", "plot_cleaning"]

def _date_start(date: str) -> pd.Timestamp | None:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date allows; None for a missing or impossible one."""
    parts = (date + "-01-01")[:10] if re.fullmatch(r"\d{4}", date) else (date + "-01")[:10]
    try:
        return pd.Timestamp(parts)
    except ValueError:
        return None


def plot_timeline(corpus: pd.DataFrame, *, label: str = "doc_id"):
    """Documents on a time axis; a year- or month-precision date is drawn as a bar
    over the period it allows, a day-precision date as a point."""
    dates = corpus["date"].fillna("").astype(str) if "date" in corpus else pd.Series("", index=corpus.index)
    ok = dates.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?") & dates.map(lambda d: _date_start(d) is not None)
    dated = corpus[ok.astype(bool)].assign(date=dates[ok.astype(bool)])
    undated = sorted(set(corpus["doc_id"]) - set(dated["doc_id"]))
    labels = short_ids(corpus[label])
    fig, ax = plt.subplots(figsize=(7.2, 0.45 * max(len(dated), 1) + 0.8))
    if undated:
        ax.set_title("undated (not shown): " + ", ".join(undated), fontsize=7, loc="left")
    for i, doc in enumerate(dated.sort_values("doc_id", ascending=False).itertuples()):
        start = _date_start(doc.date)
        if doc.date_precision == "day":
            ax.plot([start], [i], "o", color="C0")
        else:
            end = start + (pd.DateOffset(years=1) if doc.date_precision == "year" else pd.DateOffset(months=1))
            ax.plot([start, end], [i, i], "-", lw=6, color="C1", solid_capstyle="butt", alpha=0.7)
        ax.annotate(f"{labels[getattr(doc, label)]} {doc.subject} ({doc.date})", (start, i),
                    xytext=(4, 5), textcoords="offset points", fontsize=7)
    ax.set_yticks([])
    ax.set_ylim(-0.7, max(len(dated), 1) - 0.2)
    ax.set_xlabel("publication date (point: day known; bar: only year known)")
    fig.tight_layout()
    return fig


def plot_cleaning(summary: pd.DataFrame):
    """Characters removed per document, stacked by rule (content removals only)."""
    removed = summary[summary["kind"] == "removed"]
    table = removed.pivot_table(index="doc_id", columns="rule", values="chars", aggfunc="sum", fill_value=0)
    table = table.reindex(sorted(summary["doc_id"].unique()), fill_value=0)
    table.index = table.index.map(short_ids(table.index))
    fig, ax = plt.subplots(figsize=(3.5, 2.4))
    if table.empty or not table.to_numpy().any():
        ax.text(0.5, 0.5, "cleaning removed nothing", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    table.plot.barh(stacked=True, ax=ax, width=0.7, colormap="tab10")
    ax.invert_yaxis()
    ax.set_xlabel("raw characters removed")
    ax.set_ylabel("")
    ax.legend(fontsize=6, frameon=False, loc="lower right")
    fig.tight_layout()
    return fig
