"""Figures of the corpus (notebook 00): documents on a time axis, and what cleaning removed."""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..display import short_ids
from ..figures import empty_figure, figure_width, label

__all__ = ["plot_timeline", "plot_cleaning"]


def _date_start(date: str) -> pd.Timestamp | None:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date allows; None for a missing or impossible one."""
    parts = (date + "-01-01")[:10] if re.fullmatch(r"\d{4}", date) else (date + "-01")[:10]
    try:
        return pd.Timestamp(parts)
    except ValueError:
        return None


def _labels(doc_ids, labels: dict | None) -> dict:
    short = short_ids(doc_ids)
    return {d: (labels or {}).get(d, short[str(d)]) for d in doc_ids}


def plot_timeline(corpus: pd.DataFrame, *, labels: dict | None = None, columns: int = 2):
    """Documents on a time axis, one row each, labelled like every other figure (`labels`: doc_id ->
    label, e.g. kslib.doc_labels(corpus); default the short id). A day-precision date is a point; a
    year- or month-precision date a bar over the period it allows; the date is written beside the mark,
    on the side where it stays inside the axes. Undated documents are rows marked "no date"."""
    if corpus.empty:
        return empty_figure(label("no documents"))
    docs = sorted(corpus["doc_id"])
    names = _labels(docs, labels)
    by_id = corpus.set_index("doc_id")
    dated = by_id["date"].astype(str).str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?")
    starts = {d: _date_start(by_id.at[d, "date"]) for d in docs if dated[d]}
    starts = {d: t for d, t in starts.items() if t is not None}  # an impossible date (2019-02-30): no date
    fig, ax = plt.subplots(figsize=(figure_width(columns), 0.32 * len(docs) + 0.9))
    if starts:
        ends = {}
        for d, start in starts.items():
            prec = str(by_id.at[d, "date_precision"]) if "date_precision" in by_id.columns else ""
            if prec == "year" or re.fullmatch(r"\d{4}", by_id.at[d, "date"]):
                ends[d] = start + pd.DateOffset(years=1)
            elif prec == "month" or re.fullmatch(r"\d{4}-\d{2}", by_id.at[d, "date"]):
                ends[d] = start + pd.DateOffset(months=1)
        lo, hi = min(starts.values()), max([*starts.values(), *ends.values()])
        pad = max(pd.Timedelta(days=60), (hi - lo) * 0.04)
        ax.set_xlim(lo - pad, hi + pad)
        mid = lo + (hi - lo) / 2
    point = bar = False
    for i, d in enumerate(docs):
        y = len(docs) - 1 - i
        if d not in starts:
            ax.text(0.01, y, label("no date"), transform=ax.get_yaxis_transform(), va="center", ha="left",
                    fontsize="small", color="0.4")
            continue
        start = starts[d]
        if d in ends:
            ax.plot([start, ends[d]], [y, y], "-", lw=6, color="C1", solid_capstyle="butt", alpha=0.7,
                    label=None if bar else label("only the year or month known"))
            bar = True
            right = ends[d]
        else:
            ax.plot([start], [y], "o", color="C0", label=None if point else label("day known"))
            point = True
            right = start
        # the date beside the mark, on the side that stays inside the axes
        left_side = start > mid
        ax.annotate(str(by_id.at[d, "date"]), (start if left_side else right, y),
                    xytext=(-5 if left_side else 5, 0), textcoords="offset points",
                    ha="right" if left_side else "left", va="center", fontsize="small")
    ax.set_yticks(range(len(docs)), [names[d] for d in docs[::-1]])
    ax.set_ylim(-0.6, len(docs) - 0.4)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(label("publication date"))
    if point or bar:
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, borderaxespad=0.2)
    fig.tight_layout()
    return fig


def plot_cleaning(summary: pd.DataFrame, *, raw_chars: dict | pd.Series | None = None, labels: dict | None = None,
                  columns: int = 1):
    """What cleaning removed, per document and rule (content removals only): a document × rule
    matrix whose cells give the raw characters removed, shaded on a log scale so a 16-character byline
    shows beside a 3,800-character appendix. With `raw_chars` (doc_id -> characters of the raw file) a
    last column gives each document's total as a share of its raw characters."""
    removed = summary[summary["kind"] == "removed"] if len(summary) else summary
    if removed.empty or not removed["chars"].astype(float).any():
        return empty_figure(label("cleaning removed nothing"))
    table = removed.pivot_table(index="doc_id", columns="rule", values="chars", aggfunc="sum", fill_value=0)
    table = table.reindex(sorted(summary["doc_id"].unique()), fill_value=0)
    # rules by characters removed over the corpus, then name
    order = sorted(table.columns, key=lambda r: (-int(table[r].sum()), r))
    table = table[order]
    docs = list(table.index)
    names = _labels(docs, labels)
    values = table.to_numpy(dtype=float)
    width = figure_width(columns)
    fig, ax = plt.subplots(figsize=(width, 0.3 * len(docs) + 1.5))
    from matplotlib.colors import LogNorm

    shown = np.where(values > 0, values, np.nan)
    vmax = float(np.nanmax(shown))
    norm = LogNorm(vmin=1, vmax=max(vmax, 10))
    ax.imshow(shown, cmap="Oranges", norm=norm, aspect="auto",
                   extent=(-0.5, values.shape[1] - 0.5, len(docs) - 0.5, -0.5))
    for i in range(len(docs)):
        for j in range(values.shape[1]):
            v = values[i, j]
            if v > 0:
                ax.text(j, i, f"{int(v)}", ha="center", va="center", fontsize="x-small",
                        color="white" if norm(v) > 0.65 else "black")
    ticks = [label(f"rule:{r}", default=r.replace("_", " ")) for r in order]
    ax.set_xticks(range(values.shape[1]), ticks, rotation=40, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(docs)), [names[d] for d in docs])
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_title(label("raw characters removed, by rule (shade: log scale)"), loc="left", fontsize="small")
    if raw_chars is not None:
        # each document's total and its share of the raw file, as labels on the right
        raw = pd.Series(raw_chars, dtype=float)
        totals = []
        for i, d in enumerate(docs):
            total = values[i].sum()
            share = 100 * total / raw[d] if raw.get(d, 0) else float("nan")
            totals.append(f"{int(total)}" + (f" ({share:.1f} %)" if share == share else ""))
        right = ax.twinx()
        right.set_ylim(ax.get_ylim())
        right.set_yticks(range(len(docs)), totals, fontsize="x-small")
        right.tick_params(length=0)
        right.spines[:].set_visible(False)
        right.set_ylabel(label("total (share of raw)"), fontsize="x-small")
    fig.tight_layout()
    return fig
