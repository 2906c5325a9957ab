"""Figures of cross-document comparison (notebook 03): similarity heatmap with dendrogram, keyness,
shared vocabulary, theme shares, formulas and years by document."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..figures import empty_figure

__all__ = ["plot_similarity", "plot_keyness", "plot_keyness_each", "plot_shared_vocabulary",
           "plot_theme_shares", "plot_formulas", "plot_years"]


def _lab(ids, labels):
    labels = labels or {}
    return [labels.get(d, str(d).split("_")[0]) for d in ids]


def plot_similarity(sim: pd.DataFrame, *, linkage: np.ndarray | None = None, labels: dict | None = None,
                    title: str = ""):
    """Heatmap of a document x document similarity matrix, rows and columns in dendrogram
    order, with the dendrogram above it; each cell annotated. The colour scale ends just above the
    largest off-diagonal value (the diagonal, always 1, saturates) so the pairs can be told apart."""
    if len(sim) < 2:
        return empty_figure("similarity needs at least two documents")
    from scipy.cluster.hierarchy import dendrogram

    from ..compare import cluster_documents

    z = linkage if linkage is not None else cluster_documents(sim)
    fig = plt.figure(figsize=(3.6, 4.0))
    ax_d = fig.add_axes([0.28, 0.76, 0.62, 0.18])
    ax_h = fig.add_axes([0.28, 0.12, 0.62, 0.62])
    ax_c = fig.add_axes([0.92, 0.12, 0.025, 0.62])
    dn = dendrogram(z, ax=ax_d, no_labels=True, color_threshold=0, above_threshold_color="0.3")
    ax_d.set_axis_off()
    order = dn["leaves"]
    m = sim.iloc[order, order]
    off = m.to_numpy(dtype=float)[~np.eye(len(m), dtype=bool)]
    vmax = float(min(1.0, off.max() * 1.15)) if off.size and off.max() > 0 else 1.0
    im = ax_h.imshow(m.to_numpy(), cmap="Blues", vmin=0, vmax=vmax, aspect="auto")  # diagonal saturates
    names = _lab(m.index, labels)
    ax_h.set_xticks(range(len(m)), names, rotation=45, ha="right")
    ax_h.set_yticks(range(len(m)), names)
    for i in range(len(m)):
        for j in range(len(m)):
            v = m.iat[i, j]
            ax_h.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=6,
                      color="white" if v > 0.6 * vmax else "black")
    ax_h.spines[:].set_visible(False)
    fig.colorbar(im, cax=ax_c)
    if title:
        ax_d.set_title(title, fontsize=8)
    return fig


def plot_keyness(table: pd.DataFrame, *, n: int = 10, title: str = "", target_label: str = "target",
                 reference_label: str = "reference"):
    """Two-sided bar chart: the n most over-used terms (right, positive) and the n most
    under-used (left, negative) of a keyness table, bar length = statistic."""
    if table.empty:
        return empty_figure("no term in the keyness table")
    over = table[table["sign"] == "over"].head(n)
    under = table[table["sign"] == "under"].head(n)
    d = pd.concat([over.assign(v=over["statistic"]), under.assign(v=-under["statistic"])])
    d = d.sort_values("v")
    fig, ax = plt.subplots(figsize=(3.5, 0.16 * len(d) + 0.8))
    colors = np.where(d["v"] > 0, "C3", "C0")
    ax.barh(range(len(d)), d["v"], color=colors)
    ax.set_yticks(range(len(d)), [f"{t} ({a}/{b})" for t, a, b in
                                  zip(d["term"], d["count_target"], d["count_reference"])], fontsize=6)
    ax.axvline(0, color="0.3", lw=0.6)
    meas = {"g2": "G²", "chi2": "χ²", "logodds": "log odds z"}.get(str(table["measure"].iloc[0]), "statistic")
    ax.set_xlabel(f"{meas}  (← more in {reference_label} | more in {target_label} →)", fontsize=7)
    if title:
        ax.set_title(title, fontsize=8)
    fig.tight_layout()
    return fig


def plot_keyness_each(ke: pd.DataFrame, *, labels: dict | None = None, n: int = 8, ncols: int = 3):
    """Small multiples: for each document the n most over-used terms against the rest (keyness_each)."""
    targets = list(dict.fromkeys(ke["target"]))
    if not targets:
        return empty_figure("no term passes the keyness threshold")
    nrows = int(np.ceil(len(targets) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 1.75 * nrows), squeeze=False)
    meas = {"g2": "G²", "chi2": "χ²", "logodds": "z"}.get(str(ke["measure"].iloc[0]), "statistic")
    for ax, t in zip(axes.flat, targets):
        d = ke[ke["target"] == t].head(n).iloc[::-1]
        ax.barh(range(len(d)), d["statistic"], color="C3")
        ax.set_yticks(range(len(d)), d["term"], fontsize=6.5)
        ax.set_title(_lab([t], labels)[0], fontsize=7.5)
        ax.tick_params(axis="x", labelsize=6)
        ax.set_xlabel(meas, fontsize=6.5)
    for ax in list(axes.flat)[len(targets):]:
        ax.set_axis_off()
    fig.tight_layout()
    return fig


def plot_shared_vocabulary(sv, *, labels: dict | None = None):
    """Left: terms shared by each pair of documents (matrix; diagonal = terms in the document).
    Right: per document, its terms split into shared by all documents / in some others / unique."""
    if sv.summary.empty:
        return empty_figure("no documents to compare")
    docs = list(sv.summary["doc_id"])
    m = pd.DataFrame(0, index=docs, columns=docs, dtype=int)
    for r in sv.pairs.itertuples():
        m.loc[r.doc_a, r.doc_b] = m.loc[r.doc_b, r.doc_a] = r.shared
    for r in sv.summary.itertuples():
        m.loc[r.doc_id, r.doc_id] = r.terms
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(7.2, 2.6), gridspec_kw={"width_ratios": [1, 1.2]})
    off = m.to_numpy().astype(float)
    np.fill_diagonal(off, np.nan)
    ax1.imshow(off, cmap="Oranges", aspect="auto")
    names = _lab(docs, labels)
    ax1.set_xticks(range(len(docs)), names, rotation=45, ha="right", fontsize=6.5)
    ax1.set_yticks(range(len(docs)), names, fontsize=6.5)
    for i in range(len(docs)):
        for j in range(len(docs)):
            ax1.text(j, i, str(m.iat[i, j]), ha="center", va="center", fontsize=6.5,
                     color="0.45" if i == j else "black")
    ax1.set_title("shared terms per pair (diagonal: terms in document)", fontsize=7.5)
    ax1.spines[:].set_visible(False)
    s = sv.summary.set_index("doc_id").loc[docs]
    common = s["shared_with_all"].to_numpy()
    unique = s["unique"].to_numpy()
    some = s["terms"].to_numpy() - common - unique
    y = np.arange(len(docs))[::-1]
    ax2.barh(y, common, color="C2", label="in all documents")
    ax2.barh(y, some, left=common, color="0.75", label="in some others")
    ax2.barh(y, unique, left=common + some, color="C1", label="unique to the document")
    ax2.set_yticks(y, names, fontsize=6.5)
    ax2.set_xlabel("terms (occurring ≥ min_count times)", fontsize=7)
    ax2.legend(fontsize=6, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3)
    fig.tight_layout()
    return fig


def plot_theme_shares(ts: pd.DataFrame, *, labels: dict | None = None):
    """Heatmap document x theme of matches per 1,000 tokens (annotated)."""
    if ts.empty:
        return empty_figure("no theme matches to show")
    themes = list(dict.fromkeys(ts["theme"]))
    w = ts.pivot(index="doc_id", columns="theme", values="per_1k")[themes].sort_index()
    fig, ax = plt.subplots(figsize=(7.2, 0.35 * len(w) + 1.3))
    im = ax.imshow(w.to_numpy(), cmap="YlGnBu", aspect="auto")
    ax.set_xticks(range(len(themes)), themes, fontsize=7)
    ax.set_yticks(range(len(w)), _lab(w.index, labels), fontsize=7)
    vmax = np.nanmax(w.to_numpy()) if w.size else 1
    for i in range(w.shape[0]):
        for j in range(w.shape[1]):
            v = w.iat[i, j]
            ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=6.5,
                    color="white" if v > 0.6 * vmax else "black")
    ax.spines[:].set_visible(False)
    cb = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02)
    cb.set_label("matches per 1,000 tokens", fontsize=7)
    fig.tight_layout()
    return fig


def plot_formulas(formulas: pd.DataFrame, *, labels: dict | None = None, docs: list | None = None,
                  min_docs: int = 1, max_rows: int = 60):
    """Formula x document matrix of mention counts (formulas in more documents first)."""
    if formulas.empty:
        return empty_figure("no numbered formulas or slogans found")
    from ..compare import formula_recurrence

    rec = formula_recurrence(formulas)
    rec = rec[rec["documents"] >= min_docs].head(max_rows)
    docs = docs or sorted(formulas["doc_id"].unique())
    m = (formulas[formulas["formula"].isin(rec["formula"])]
         .pivot_table(index="formula", columns="doc_id", values="start", aggfunc="size", fill_value=0)
         .reindex(index=rec["formula"], columns=docs, fill_value=0))
    fig, ax = plt.subplots(figsize=(3.5, 0.17 * len(m) + 0.9))
    ax.imshow((m.to_numpy() > 0).astype(float), cmap="Greys", vmin=0, vmax=2.2, aspect="auto")
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m.iat[i, j]:
                ax.text(j, i, str(m.iat[i, j]), ha="center", va="center", fontsize=6)
    ax.set_yticks(range(len(m)), m.index, fontsize=6.5)
    ax.set_xticks(range(len(docs)), _lab(docs, labels), rotation=45, ha="right", fontsize=6.5)
    ax.spines[:].set_visible(False)
    ax.set_title("mentions per document", fontsize=7.5)
    fig.tight_layout()
    return fig


def plot_years(corpus: pd.DataFrame, years: pd.DataFrame, *, labels: dict | None = None):
    """Documents on a time line: for each document the years its text mentions (dot area = mentions,
    drawn in the middle of the year) and its publication date (red diamond at the day, or a bar over
    the whole year when only the year is known). Grid lines mark the start of each year."""
    if corpus.empty:
        return empty_figure("no documents")
    docs = sorted(corpus["doc_id"])
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(docs) + 1.0))
    cnt = years.groupby(["doc_id", "year"]).size().rename("n").reset_index()
    bar_done = False
    for i, d in enumerate(docs):
        y = len(docs) - 1 - i
        c = cnt[cnt["doc_id"] == d]
        ax.scatter(c["year"] + 0.5, [y] * len(c), s=18 * c["n"], color="C0", alpha=0.7, zorder=3,
                   label="year mentioned in the text (area = mentions)" if i == 0 else None)
        row = corpus.set_index("doc_id").loc[d]
        date = str(row.get("date", ""))
        if date[:4].isdigit():
            yr = int(date[:4])
            if str(row.get("date_precision", "")) == "year":
                ax.plot([yr, yr + 1], [y, y], color="C3", lw=5, alpha=0.35, solid_capstyle="butt", zorder=2,
                        label=None if bar_done else "publication year (only the year known)")
                bar_done = True
            day = pd.to_datetime(date, format="%Y-%m-%d", errors="coerce") if len(date) == 10 else pd.NaT
            if not pd.isna(day):  # an impossible date (2019-02-30) is drawn as no date
                ax.scatter([yr + day.day_of_year / 366], [y], marker="D", color="C3", s=22, zorder=4)
    ax.scatter([], [], marker="D", color="C3", s=22, label="publication date (day known)")
    ax.set_yticks(range(len(docs)), _lab(docs[::-1], labels), fontsize=7)
    lo = int(min(years["year"].min() if len(years) else 2000, 2100)) - 1
    hi = int(max(years["year"].max() if len(years) else 2030, 1900)) + 1
    ax.set_xlim(lo, hi + 1)
    ticks = list(range(lo + 1, hi + 1, 2 if hi - lo > 16 else 1))
    ax.set_xticks([t + 0.5 for t in ticks], [str(t) for t in ticks])
    ax.set_xticks(range(lo, hi + 2), minor=True)
    ax.tick_params(axis="x", labelsize=6.5, rotation=90, which="major", length=0)
    ax.tick_params(axis="x", which="minor", length=2)
    ax.grid(axis="x", which="minor", color="0.9", lw=0.5)
    ax.legend(fontsize=6, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.25), ncol=3)
    fig.tight_layout()
    return fig
