"""Figures of cross-document comparison (notebook 03): similarity heatmap with dendrogram, keyness,
shared vocabulary, theme shares, formulas and years by document."""
from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..figures import empty_figure, figure_width, label

__all__ = ["plot_similarity", "plot_keyness", "plot_keyness_each", "plot_shared_vocabulary",
           "plot_theme_shares", "plot_formulas", "plot_years"]


def _text_width_in(text: str, pt: float) -> float:
    """Approximate printed width of a label in inches: CJK characters one em, others about half."""
    em = sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in str(text))
    return em * pt / 72


def _lab(ids, labels):
    labels = labels or {}
    return [labels.get(d, str(d).split("_")[0]) for d in ids]


def plot_similarity(sim: pd.DataFrame, *, linkage: np.ndarray | None = None, labels: dict | None = None,
                    title: str = "", columns: int = 1, measure: str | None = None):
    """Heatmap of a document x document similarity matrix, rows and columns in dendrogram
    order, with the dendrogram above it on a height axis (the linkage distance, 1 − similarity, at
    which two clusters join); each cell annotated. The colour scale ends just above the largest
    off-diagonal value (the diagonal, always 1, saturates) so the pairs can be told apart; the colour
    bar is labelled with `measure` (default: similarity)."""
    if len(sim) < 2:
        return empty_figure(label("similarity needs at least two documents"))
    from scipy.cluster.hierarchy import dendrogram

    from ..compare import cluster_documents

    z = linkage if linkage is not None else cluster_documents(sim)
    n = len(sim)
    w = figure_width(columns)
    h = w * 1.1 if columns == 1 else w * 0.62
    names = _lab(sim.index, labels)
    pt = matplotlib.rcParams["ytick.labelsize"]
    pt = pt if isinstance(pt, (int, float)) else 7
    label_in = max(_text_width_in(x, pt) for x in names) + 0.12
    left = min(0.5, label_in / w + 0.02)
    bottom = min(0.45, (label_in * 0.72 + 0.1) / h)
    top_h = 0.2
    fig = plt.figure(figsize=(w, h))
    span = 0.84 - left
    heat_h = 0.97 - top_h - 0.03 - bottom
    ax_d = fig.add_axes([left, bottom + heat_h + 0.02, span, top_h])
    ax_h = fig.add_axes([left, bottom, span, heat_h])
    ax_c = fig.add_axes([0.87, bottom, 0.025, heat_h])
    dn = dendrogram(z, ax=ax_d, no_labels=True, color_threshold=0, above_threshold_color="0.3")
    ax_d.set_xticks([])
    ax_d.spines[["top", "right", "bottom"]].set_visible(False)
    ax_d.set_ylabel(label("distance"), fontsize="small")
    ax_d.tick_params(axis="y", labelsize="x-small")
    order = dn["leaves"]
    m = sim.iloc[order, order]
    off = m.to_numpy(dtype=float)[~np.eye(len(m), dtype=bool)]
    vmax = float(min(1.0, off.max() * 1.15)) if off.size and off.max() > 0 else 1.0
    im = ax_h.imshow(m.to_numpy(), cmap="Blues", vmin=0, vmax=vmax, aspect="auto")  # diagonal saturates
    names = _lab(m.index, labels)
    ax_h.set_xticks(range(len(m)), names, rotation=45, ha="right", rotation_mode="anchor")
    ax_h.set_yticks(range(len(m)), names)
    size = "x-small" if n <= 8 else 5
    for i in range(len(m)):
        for j in range(len(m)):
            v = m.iat[i, j]
            ax_h.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=size,
                      color="white" if v > 0.6 * vmax else "black")
    ax_h.spines[:].set_visible(False)
    cb = fig.colorbar(im, cax=ax_c)
    cb.set_label(measure or label("similarity"), fontsize="small")
    cb.ax.tick_params(labelsize="x-small")
    if title:
        ax_d.set_title(title, fontsize="small")
    return fig


def plot_keyness(table: pd.DataFrame, *, n: int = 10, title: str = "", target_label: str | None = None,
                 reference_label: str | None = None, columns: int = 1):
    """Two-sided bar chart: the n most over-used terms (right, positive) and the n most
    under-used (left, negative) of a keyness table, bar length = statistic."""
    if table.empty:
        return empty_figure(label("no term in the keyness table"))
    target_label = target_label or label("target")
    reference_label = reference_label or label("reference")
    over = table[table["sign"] == "over"].head(n)
    under = table[table["sign"] == "under"].head(n)
    d = pd.concat([over.assign(v=over["statistic"]), under.assign(v=-under["statistic"])])
    d = d.sort_values("v")
    fig, ax = plt.subplots(figsize=(figure_width(columns), 0.16 * len(d) + 0.8))
    colors = np.where(d["v"] > 0, "C3", "C0")
    ax.barh(range(len(d)), d["v"], color=colors)
    ax.set_yticks(range(len(d)), [f"{t} ({a}/{b})" for t, a, b in
                                  zip(d["term"], d["count_target"], d["count_reference"])], fontsize=6)
    ax.axvline(0, color="0.3", lw=0.6)
    meas = {"g2": "G²", "chi2": "χ²", "logodds": "log odds z"}.get(str(table["measure"].iloc[0]), "statistic")
    ax.set_xlabel(label("{measure}  (← more in {reference} | more in {target} →)", measure=meas,
                        reference=reference_label, target=target_label), fontsize=7)
    if title:
        ax.set_title(title, fontsize=8)
    fig.tight_layout()
    return fig


def plot_keyness_each(ke: pd.DataFrame, *, labels: dict | None = None, n: int = 8, ncols: int | None = None,
                      columns: int = 2):
    """Small multiples: for each document the n most over-used terms against the rest (keyness_each);
    `ncols` panels per row (default 3 at page width, 2 in one column)."""
    targets = list(dict.fromkeys(ke["target"]))
    if not targets:
        return empty_figure(label("no term passes the keyness threshold"))
    ncols = min(ncols or (3 if columns == 2 else 2), len(targets))
    nrows = int(np.ceil(len(targets) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(figure_width(columns), (0.35 + 0.17 * n) * nrows + 0.2),
                             squeeze=False)
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


def plot_shared_vocabulary(sv, *, labels: dict | None = None, columns: int = 2):
    """Left: terms shared by each pair of documents (matrix; diagonal = terms in the document).
    Right: per document, its terms split into shared by all documents / in some others / unique.
    With columns=1 the two panels stand one above the other."""
    if sv.summary.empty:
        return empty_figure(label("no documents to compare"))
    docs = list(sv.summary["doc_id"])
    m = pd.DataFrame(0, index=docs, columns=docs, dtype=int)
    for r in sv.pairs.itertuples():
        m.loc[r.doc_a, r.doc_b] = m.loc[r.doc_b, r.doc_a] = r.shared
    for r in sv.summary.itertuples():
        m.loc[r.doc_id, r.doc_id] = r.terms
    h = 0.3 * len(docs) + 1.4
    if columns == 1:
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(figure_width(1), 2 * h + 0.6),
                                       gridspec_kw={"height_ratios": [1, 0.8]})
    else:
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(figure_width(2), h + 0.5), gridspec_kw={"width_ratios": [1, 1.2]})
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
    ax1.set_title(label("shared terms per pair (diagonal: terms in document)"), fontsize=7.5)
    ax1.spines[:].set_visible(False)
    s = sv.summary.set_index("doc_id").loc[docs]
    common = s["shared_with_all"].to_numpy()
    unique = s["unique"].to_numpy()
    some = s["terms"].to_numpy() - common - unique
    y = np.arange(len(docs))[::-1]
    ax2.barh(y, common, color="C2", label=label("in all documents"))
    ax2.barh(y, some, left=common, color="0.75", label=label("in some others"))
    ax2.barh(y, unique, left=common + some, color="C1", label=label("unique to the document"))
    # side by side the rows are the matrix's rows: named once, on the left
    ax2.set_yticks(y, names if columns == 1 else [""] * len(names), fontsize=6.5)
    ax2.set_ylim(-0.5, len(docs) - 0.5)
    ax2.set_xlabel(label("terms (occurring ≥ min_count times)"), fontsize=7)
    ax2.legend(fontsize=6, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3 if columns == 2 else 1)
    fig.tight_layout()
    return fig


def plot_theme_shares(ts: pd.DataFrame, *, labels: dict | None = None, columns: int = 2):
    """Heatmap document x theme of matches per 1,000 tokens (annotated); in one column the theme
    names are slanted so they fit."""
    if ts.empty:
        return empty_figure(label("no theme matches to show"))
    themes = list(dict.fromkeys(ts["theme"]))
    w = ts.pivot(index="doc_id", columns="theme", values="per_1k")[themes].sort_index()
    fig, ax = plt.subplots(figsize=(figure_width(columns), 0.35 * len(w) + (1.3 if columns == 2 else 1.8)))
    im = ax.imshow(w.to_numpy(), cmap="YlGnBu", aspect="auto")
    if columns == 1:
        ax.set_xticks(range(len(themes)), themes, fontsize=6.5, rotation=40, ha="right", rotation_mode="anchor")
    else:
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
    cb.set_label(label("matches per 1,000 tokens"), fontsize=7)
    fig.tight_layout()
    return fig


def plot_formulas(formulas: pd.DataFrame, *, labels: dict | None = None, docs: list | None = None,
                  min_docs: int | None = None, max_rows: int = 20, columns: int = 1):
    """Which numbered formulas recur: formula x document matrix of mention counts, formulas in more
    documents first. By default (min_docs=None) only formulas in two documents or more — when the
    corpus has several documents and some formula recurs — else the most mentioned ones; at most
    `max_rows` rows. The title says which rows are shown and how many formulas there are."""
    if formulas.empty:
        return empty_figure(label("no numbered formulas or slogans found"))
    from ..compare import formula_recurrence

    rec = formula_recurrence(formulas)
    total = len(rec)
    if min_docs is None:
        min_docs = 2 if (rec["documents"] >= 2).any() else 1
    rec = rec[rec["documents"] >= min_docs]
    if rec.empty:
        return empty_figure(label("no formula occurs in {n} documents or more", n=min_docs))
    shown = rec.head(max_rows)
    docs = docs or sorted(formulas["doc_id"].unique())
    m = (formulas[formulas["formula"].isin(shown["formula"])]
         .pivot_table(index="formula", columns="doc_id", values="start", aggfunc="size", fill_value=0)
         .reindex(index=shown["formula"], columns=docs, fill_value=0))
    fig, ax = plt.subplots(figsize=(figure_width(columns), 0.17 * len(m) + 1.2))
    ax.imshow((m.to_numpy() > 0).astype(float), cmap="Greys", vmin=0, vmax=2.2, aspect="auto")
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m.iat[i, j]:
                ax.text(j, i, str(m.iat[i, j]), ha="center", va="center", fontsize=6)
    ax.set_yticks(range(len(m)), m.index, fontsize=6.5)
    ax.set_xticks(range(len(docs)), _lab(docs, labels), rotation=45, ha="right", rotation_mode="anchor",
                  fontsize=6.5)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    if min_docs >= 2:
        title = label("mentions per document: the {shown} of {total} formulas in ≥ {k} documents",
                      shown=len(m), total=total, k=min_docs) if len(m) < len(rec) else label(
            "mentions per document: {shown} of {total} formulas occur in ≥ {k} documents",
            shown=len(m), total=total, k=min_docs)
    else:
        title = label("mentions per document: the {shown} most mentioned of {total} formulas",
                      shown=len(m), total=total) if len(m) < total else label(
            "mentions per document: all {total} formulas", total=total)
    ax.set_title(title, fontsize=7, loc="left")
    fig.tight_layout()
    return fig


def plot_years(corpus: pd.DataFrame, years: pd.DataFrame, *, labels: dict | None = None, columns: int = 2):
    """Documents on a time line: for each document the years its text mentions (dot area = mentions,
    drawn in the middle of the year) and its publication date (red diamond at the day, or a bar over
    the whole year when only the year is known). Grid lines mark the start of each year."""
    if corpus.empty:
        return empty_figure(label("no documents"))
    docs = sorted(corpus["doc_id"])
    fig, ax = plt.subplots(figsize=(figure_width(columns), 0.42 * len(docs) + 1.0))
    cnt = years.groupby(["doc_id", "year"]).size().rename("n").reset_index()
    bar_done = False
    for i, d in enumerate(docs):
        y = len(docs) - 1 - i
        c = cnt[cnt["doc_id"] == d]
        ax.scatter(c["year"] + 0.5, [y] * len(c), s=18 * c["n"], color="C0", alpha=0.7, zorder=3,
                   label=label("year mentioned in the text (area = mentions)") if i == 0 else None)
        row = corpus.set_index("doc_id").loc[d]
        date = str(row.get("date", ""))
        if date[:4].isdigit():
            yr = int(date[:4])
            if str(row.get("date_precision", "")) == "year":
                ax.plot([yr, yr + 1], [y, y], color="C3", lw=5, alpha=0.35, solid_capstyle="butt", zorder=2,
                        label=None if bar_done else label("publication year (only the year known)"))
                bar_done = True
            day = pd.to_datetime(date, format="%Y-%m-%d", errors="coerce") if len(date) == 10 else pd.NaT
            if not pd.isna(day):  # an impossible date (2019-02-30) is drawn as no date
                ax.scatter([yr + day.day_of_year / 366], [y], marker="D", color="C3", s=22, zorder=4)
    ax.scatter([], [], marker="D", color="C3", s=22, label=label("publication date (day known)"))
    ax.set_yticks(range(len(docs)), _lab(docs[::-1], labels), fontsize=7)
    # the axis spans the years mentioned and the publication years, so every mark is inside it
    published = [int(str(d)[:4]) for d in corpus["date"].astype(str) if str(d)[:4].isdigit()] \
        if "date" in corpus.columns else []
    span = [int(y) for y in years["year"]] + published if len(years) else published
    lo = (min(span) if span else 2000) - 1
    hi = (max(span) if span else 2030) + 1
    ax.set_xlim(lo, hi + 1)
    ticks = list(range(lo + 1, hi + 1, 2 if hi - lo > 16 else 1))
    ax.set_xticks([t + 0.5 for t in ticks], [str(t) for t in ticks])
    ax.set_xticks(range(lo, hi + 2), minor=True)
    ax.tick_params(axis="x", labelsize=6.5, rotation=90, which="major", length=0)
    ax.tick_params(axis="x", which="minor", length=2)
    ax.grid(axis="x", which="minor", color="0.9", lw=0.5)
    ax.legend(fontsize=6, frameon=False, loc="upper left", bbox_to_anchor=(0, -0.25), ncol=3 if columns == 2 else 1)
    fig.tight_layout()
    return fig
