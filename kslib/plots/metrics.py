"""Figures of extracted metrics (notebook 02): one document's results, targets against actuals,
an indicator across documents and years, mentions per unit."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..display import short_ids
from ..metrics.panel import bound_of

from ..figures import empty_figure

__all__ = ["plot_metric_bars", "plot_targets_vs_actuals", "plot_indicator_panel", "plot_units", "scale_values"]

BOUND_MARKERS = {"": "o", "lower": "^", "upper": "v"}  # exact point; at least (caret up); at most (caret down)
KIND_STYLES = {"actual": "-", "target": "--", "forecast": ":"}


def scale_values(unit: str, values):
    """Values in a readable magnitude and its label: money of 1e8 or more in 亿 (亿元, 亿港元 …),
    other counts of 1e6 or more in 万 (万人)."""
    values = np.asarray(values, dtype=float)
    big = len(values) and np.nanmax(np.abs(values)) >= 1e8
    money = {"CNY": "亿元", "USD": "亿美元", "HKD": "亿港元", "TWD": "亿新台币", "EUR": "亿欧元"}
    if unit in money and big:
        return values / 1e8, money[unit]
    if unit not in money and unit not in ("%", "pp", "ratio", "times", "rank") and len(values) \
            and np.nanmax(np.abs(values)) >= 1e6:
        return values / 1e4, "万" + unit
    return values, unit


def plot_metric_bars(rows: pd.DataFrame, *, title: str = ""):
    """Horizontal bars of metric rows, one panel per (unit, measure) group
    (e.g. levels in 亿元, growth rates in %). Labels are the indicators."""
    if rows.empty:
        return empty_figure("no metric rows to show")
    groups = [(k, g) for k, g in rows.groupby(["unit", "measure"], sort=True) if len(g) >= 1]
    groups.sort(key=lambda kg: -len(kg[1]))
    groups = groups[:3]
    fig, axes = plt.subplots(1, len(groups), figsize=(7.2, 0.35 * max(len(g) for _, g in groups) + 1.2),
                             squeeze=False)
    for ax, ((unit, measure), g) in zip(axes[0], groups):
        vals, label = scale_values(unit, g["value"])
        y = np.arange(len(g))
        ax.barh(y, vals, color="#4C72B0" if measure == "level" else "#DD8452")
        ax.set_yticks(y, g["indicator"].tolist())
        ax.invert_yaxis()
        ax.set_xlabel(f"{measure} ({label})")
        for yi, v in zip(y, vals):
            ax.text(v, yi, f" {v:g}", va="center", fontsize=6)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_targets_vs_actuals(table: pd.DataFrame, *, actual_label: str = "2018 actual",
                            target_label: str = "2019 target"):
    """Paired bars per indicator: actual vs target (from targets_vs_actuals), one panel
    per unit; a target that is a bound (以上, 以内) carries a caret on its bar (▲ at least, ▼ at most)."""
    if table.empty:
        return empty_figure("no indicator with both an actual and a target")
    units = list(dict.fromkeys(table["unit"]))
    fig, axes = plt.subplots(1, len(units), figsize=(7.2, 2.6), squeeze=False)
    for ax, unit in zip(axes[0], units):
        g = table[table["unit"] == unit]
        a, label = scale_values(unit, g["actual"])
        t, _ = scale_values(unit, g["target"])
        x = np.arange(len(g))
        ax.bar(x - 0.2, a, 0.4, label=actual_label, color="#4C72B0")
        ax.bar(x + 0.2, t, 0.4, label=target_label, color="#DD8452")
        quals = g["target_qualifier"] if "target_qualifier" in g else pd.Series([""] * len(g))
        for b, text in (("lower", "target is a lower bound (以上, 突破)"), ("upper", "target is an upper bound (以内, 不到)")):
            pick = np.array([bound_of(q) == b for q in quals])
            if pick.any():  # a caret on the bar of a target that is a bound (900万人以上)
                ax.scatter(x[pick] + 0.2, np.asarray(t)[pick], marker=BOUND_MARKERS[b], color="0.2", zorder=3,
                           label=text, gid=f"target_bounds:{b}")
        names = [f"{i}\n({m})" if m != "level" else i for i, m in zip(g["indicator"], g["measure"])]
        ax.set_xticks(x, names, rotation=30, ha="right")
        ax.set_ylabel(label)
        ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def plot_indicator_panel(panel: pd.DataFrame, indicator: str, *, measure: str = "level"):
    """One indicator over the years: one series per document and kind (never a line joining two
    documents), actuals solid, targets dashed, forecasts dotted (targets and forecasts hollow); a
    lower bound (突破, 超过, 以上) drawn as a caret pointing up, an upper bound (近, 不到, 以内) as a caret
    pointing down, an exact figure as a dot; mentions flagged `disagree` circled in red. Mentions
    dated by a period only are left out (they have no single year)."""
    g = panel[(panel["indicator"] == indicator) & (panel["measure"] == measure) & panel["year"].notna()]
    fig, ax = plt.subplots()
    if g.empty:
        ax.text(0.5, 0.5, "no dated mentions", ha="center", transform=ax.transAxes)
        return fig
    unit = g["unit"].iloc[0]
    g = g[g["unit"] == unit]
    vals, label = scale_values(unit, g["value"])
    bound = g["bound"] if "bound" in g else g["qualifier"].map(bound_of)
    g = g.assign(v=vals, bound=bound.fillna(""), x=g["year"].astype(int))
    short = short_ids(g["doc_id"])
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for k, (doc, d_doc) in enumerate(g.groupby("doc_id", sort=True)):
        color = colors[k % len(colors)]
        for kind, d in d_doc.groupby("kind", sort=True):
            d = d.sort_values(["x", "v"])
            hollow = kind != "actual"
            ax.plot(d["x"], d["v"], linestyle=KIND_STYLES.get(kind, "-"), color=color, linewidth=1.2,
                    label=f"{short[doc]} {kind}", gid=f"series:{doc}:{kind}")
            for b, pts in d.groupby("bound", sort=True):
                ax.scatter(pts["x"], pts["v"], marker=BOUND_MARKERS[b], s=36, zorder=3,
                           facecolors="white" if hollow else color, edgecolors=color, linewidths=1.2,
                           gid=f"points:{doc}:{kind}:{b or 'exact'}")
    # marker key: what a caret means
    for b, text in (("lower", "at least (突破, 超过, 以上)"), ("upper", "at most (近, 不到, 以内)")):
        if (g["bound"] == b).any():
            ax.scatter([], [], marker=BOUND_MARKERS[b], color="0.3", label=text)
    bad = g[g["disagree"].astype(bool)]
    if len(bad):
        ax.scatter(bad["x"], bad["v"], s=160, facecolors="none", edgecolors="red", linewidths=1.2, zorder=4,
                   label="disagreement", gid="disagreements")
    ax.set_xticks(sorted(g["x"].unique()))
    ax.set_ylabel(f"{indicator} ({label})")
    ax.legend(frameon=False, fontsize=7)
    return fig


def plot_units(table: pd.DataFrame, *, n: int = 12):
    """Stacked bars of `units_by_document`: the n most frequent units."""
    if table.empty:
        return empty_figure("no quantity mentions")
    top = table.head(n).set_index("unit")
    fig, ax = plt.subplots()
    top.plot.barh(stacked=True, ax=ax, width=0.8)
    ax.invert_yaxis()
    ax.set_xlabel("mentions")
    ax.set_ylabel("unit")
    ax.legend(frameon=False, title="doc")
    return fig
