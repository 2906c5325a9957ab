"""Tables and figures built on extract_metrics output: indicator panel, targets vs
actuals, bar charts of one document's results. Figures use kslib.figures' style."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .display import short_ids

__all__ = ["metric_panel", "targets_vs_actuals", "plot_metric_bars", "plot_targets_vs_actuals",
           "plot_indicator_panel", "LOWER_BOUND", "UPPER_BOUND", "units_by_document", "plot_units",
           "richest_year"]

# Qualifiers that make a value a bound rather than an exact figure.
LOWER_BOUND = {"突破", "破", "超", "超过", "以上", "多", "余", "逾", "上", "级"}
UPPER_BOUND = {"近", "不到", "不足", "以下", "以内"}

PANEL_COLUMNS = ["indicator", "measure", "unit", "year", "kind", "doc_id", "line", "text", "value",
                 "qualifier", "n_docs", "disagree"]


def _consistent(values: pd.Series, quals: pd.Series) -> bool:
    exact = sorted({round(float(v), 6) for v, q in zip(values, quals) if q not in LOWER_BOUND | UPPER_BOUND})
    if len(exact) > 1:
        return False
    if exact:
        x = exact[0]
        if any(float(v) > x for v, q in zip(values, quals) if q in LOWER_BOUND):
            return False
        if any(float(v) < x for v, q in zip(values, quals) if q in UPPER_BOUND):
            return False
    return True


def metric_panel(metrics: pd.DataFrame, indicators=None, min_docs: int = 2) -> pd.DataFrame:
    """The same indicator side by side across documents, years and kind.

    One row per mention of an indicator reported in at least `min_docs` documents (or of
    the given `indicators`), sorted by indicator, measure, year, kind, doc. `disagree` is
    True when mentions with the same indicator, measure, unit, year and kind do not agree:
    two different exact values, or a bound (突破/超/以上… = at least; 近/不足 = at most)
    that contradicts an exact value. `n_docs`: documents reporting the indicator."""
    m = metrics[metrics["indicator"].astype(str) != ""].copy()
    if indicators is not None:
        m = m[m["indicator"].isin(list(indicators))]
    docs_per = m.groupby("indicator")["doc_id"].nunique()
    keep = docs_per[docs_per >= (1 if indicators is not None else min_docs)].index
    m = m[m["indicator"].isin(keep)].copy()
    if m.empty:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    m["n_docs"] = m["indicator"].map(docs_per).astype("int64")
    key = ["indicator", "measure", "unit", "year", "kind"]
    flags = {}
    for k, g in m.groupby(key, dropna=False):
        flags[k] = not _consistent(g["value"], g["qualifier"])
    m["disagree"] = [flags[tuple(r)] for r in m[key].itertuples(index=False, name=None)]
    m = m.sort_values(key + ["doc_id", "line", "start"], na_position="first")
    return m[PANEL_COLUMNS].reset_index(drop=True)


def targets_vs_actuals(metrics: pd.DataFrame, doc_id: str | None = None, actual_year: int = 2018,
                       target_year: int = 2019) -> pd.DataFrame:
    """Targets of `target_year` beside the actuals of `actual_year` for the same indicator,
    measure and unit (in one document, or all). Columns: indicator, measure, unit, actual,
    target, target_qualifier, change (target - actual; for % growth rates in points)."""
    m = metrics if doc_id is None else metrics[metrics["doc_id"] == doc_id]
    key = ["indicator", "measure", "unit"]
    a = m[(m["kind"] == "actual") & (m["year"] == actual_year)].drop_duplicates(key)
    t = m[(m["kind"] == "target") & (m["year"] == target_year)].drop_duplicates(key)
    j = a[key + ["value"]].merge(t[key + ["value", "qualifier"]], on=key, suffixes=("_actual", "_target"))
    j = j.rename(columns={"value_actual": "actual", "value_target": "target", "qualifier": "target_qualifier"})
    j["change"] = j["target"] - j["actual"]
    return j.reset_index(drop=True)


def _scale(unit: str, values):
    values = np.asarray(values, dtype=float)
    if unit in ("CNY", "USD") and np.nanmax(np.abs(values)) >= 1e8:
        return values / 1e8, {"CNY": "亿元", "USD": "亿美元"}[unit]
    return values, unit


def plot_metric_bars(rows: pd.DataFrame, title: str = ""):
    """Horizontal bars of metric rows, one panel per (unit, measure) group
    (e.g. levels in 亿元, growth rates in %). Labels are the indicators."""
    import matplotlib.pyplot as plt

    groups = [(k, g) for k, g in rows.groupby(["unit", "measure"], sort=True) if len(g) >= 1]
    groups.sort(key=lambda kg: -len(kg[1]))
    groups = groups[:3]
    fig, axes = plt.subplots(1, len(groups), figsize=(7.2, 0.35 * max(len(g) for _, g in groups) + 1.2),
                             squeeze=False)
    for ax, ((unit, measure), g) in zip(axes[0], groups):
        vals, label = _scale(unit, g["value"])
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


def plot_targets_vs_actuals(table: pd.DataFrame, actual_label: str = "2018 actual",
                            target_label: str = "2019 target"):
    """Paired bars per indicator: actual vs target (from targets_vs_actuals), one panel
    per unit."""
    import matplotlib.pyplot as plt

    units = list(dict.fromkeys(table["unit"]))
    fig, axes = plt.subplots(1, len(units), figsize=(7.2, 2.6), squeeze=False)
    for ax, unit in zip(axes[0], units):
        g = table[table["unit"] == unit]
        a, label = _scale(unit, g["actual"])
        t, _ = _scale(unit, g["target"])
        x = np.arange(len(g))
        ax.bar(x - 0.2, a, 0.4, label=actual_label, color="#4C72B0")
        ax.bar(x + 0.2, t, 0.4, label=target_label, color="#DD8452")
        names = [f"{i}\n({m})" if m != "level" else i for i, m in zip(g["indicator"], g["measure"])]
        ax.set_xticks(x, names, rotation=30, ha="right")
        ax.set_ylabel(label)
        ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def plot_indicator_panel(panel: pd.DataFrame, indicator: str, measure: str = "level"):
    """Line chart of one indicator over the years, one line per document; targets hollow
    and dashed, disagreements circled in red."""
    import matplotlib.pyplot as plt

    g = panel[(panel["indicator"] == indicator) & (panel["measure"] == measure) & panel["year"].notna()]
    fig, ax = plt.subplots()
    if g.empty:
        ax.text(0.5, 0.5, "no dated mentions", ha="center", transform=ax.transAxes)
        return fig
    unit = g["unit"].iloc[0]
    g = g[g["unit"] == unit]
    vals, label = _scale(unit, g["value"])
    g = g.assign(v=vals)
    # one series across documents: per year, the actual figure (an exact value before a bound)
    act = g[g["kind"] == "actual"].assign(bound=lambda d: d["qualifier"].isin(LOWER_BOUND | UPPER_BOUND))
    act = act.sort_values(["year", "bound", "doc_id"]).drop_duplicates("year")
    if len(act) > 1:
        ax.plot(act["year"].astype(int), act["v"], color="0.6", linewidth=1, zorder=0, label="actual, all docs")
    short = short_ids(g["doc_id"])
    for (doc, kind), d in g.groupby(["doc_id", "kind"], sort=True):
        d = d.sort_values("year")
        ax.plot(d["year"].astype(int), d["v"], marker="o", linestyle="--" if kind == "target" else "-",
                markerfacecolor="white" if kind == "target" else None, label=f"{short[doc]} {kind}")
    bad = g[g["disagree"]]
    if len(bad):
        ax.scatter(bad["year"].astype(int), bad["v"], s=120, facecolors="none", edgecolors="red",
                   label="disagreement")
    ax.set_xticks(sorted(g["year"].astype(int).unique()))
    ax.set_ylabel(f"{indicator} ({label})")
    ax.legend(frameon=False)
    return fig


def units_by_document(metrics: pd.DataFrame, doc_ids=None) -> pd.DataFrame:
    """Mentions per unit (rows, most frequent first) and document (columns, short ids)."""
    short = short_ids(doc_ids if doc_ids is not None else metrics["doc_id"])
    table = pd.crosstab(metrics["unit"], metrics["doc_id"].map(short))
    table.columns.name = None
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index].reset_index()


def plot_units(table: pd.DataFrame, n: int = 12):
    """Stacked bars of `units_by_document`: the n most frequent units."""
    import matplotlib.pyplot as plt

    top = table.head(n).set_index("unit")
    fig, ax = plt.subplots()
    top.plot.barh(stacked=True, ax=ax, width=0.8)
    ax.invert_yaxis()
    ax.set_xlabel("mentions")
    ax.set_ylabel("unit")
    ax.legend(frameon=False, title="doc")
    return fig


def richest_year(metrics: pd.DataFrame, kind: str = "actual"):
    """(doc_id, year) with the most dated mentions of `kind`; ties go to the later
    doc_id/year (stable sort). (None, None) when nothing is dated."""
    dated = metrics[(metrics["kind"] == kind) & metrics["year"].notna()]
    if dated.empty:
        return None, None
    sizes = dated.groupby(["doc_id", "year"]).size().sort_values(kind="stable")
    return sizes.index[-1]
