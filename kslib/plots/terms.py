"""Figures of term statistics (notebook 01): bar charts of top terms, word clouds (from our own
counts, project font, fixed random_state), the co-occurrence network (fixed layout seed), and the
terms discover_terms found."""
from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt


from ..figures import empty_figure, figure_width, font_path, label

__all__ = ["bar_top_terms", "bar_top_terms_by_doc", "wordcloud", "wordclouds", "wordcloud_image",
           "cooccurrence_network", "freq_series", "bar_discovered_terms"]

def freq_series(freqs, *, value: str = "count"):
    """dict / Series (term -> value) / DataFrame with `term` and `value` columns ->
    Series sorted by value descending, then term (a deterministic order)."""
    import pandas as pd

    if isinstance(freqs, pd.DataFrame):
        ser = freqs.groupby("term", sort=True)[value].sum()
    else:
        ser = pd.Series(dict(freqs) if not isinstance(freqs, pd.Series) else freqs, dtype=float)
    ser = ser[ser > 0]
    order = sorted(ser.index, key=lambda t: (-float(ser[t]), str(t)))
    return ser.reindex(order)


def _doc_label(doc_id: str, labels: dict | None) -> str:
    return labels.get(doc_id, doc_id) if labels else str(doc_id)[:3]


def _value_label(value: str) -> str:
    return {"count": label("count"), "per_1k": label("per 1,000 tokens")}.get(value, value)


def bar_top_terms(freqs, *, n: int = 20, value: str = "count", ax=None, title: str | None = None,
                  color: str = "#3a6ea5", xlabel: str | None = None, columns: int | None = None):
    """Horizontal bar chart of the n most frequent terms (largest on top).
    `freqs`: a term_frequencies() table, a dict or a Series; `columns`: 1 or 2 (journal column or page
    width; default the paper style's). Returns the figure."""
    ser = freq_series(freqs, value=value).head(n)
    if ax is None:
        fig, ax = plt.subplots(figsize=(figure_width(columns), 0.9 + 0.16 * max(len(ser), 1)))
    ax.barh(range(len(ser)), ser.to_numpy(), color=color, height=0.7)
    ax.set_yticks(range(len(ser)), list(ser.index))
    ax.invert_yaxis()
    ax.set_xlabel(_value_label(value) if xlabel is None else xlabel)
    ax.tick_params(axis="y", length=0)
    if title:
        ax.set_title(title, loc="left")
    return ax.figure


def bar_top_terms_by_doc(freqs, *, n: int = 10, value: str = "per_1k", ncols: int | None = None,
                         labels: dict | None = None, color: str = "#3a6ea5", columns: int = 2):
    """Small multiples: one bar chart of the top n terms per document (a
    term_frequencies(by="doc") table). `labels`: doc_id -> panel title; `columns`: 1 or 2 (figure
    width); `ncols`: panels per row (default 3 at page width, 2 in one column)."""
    if len(freqs) == 0:
        return empty_figure(label("no terms to show"))
    docs = sorted(freqs["doc_id"].unique())
    ncols = min(ncols or (3 if columns == 2 else 2), len(docs))
    nrows = -(-len(docs) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(figure_width(columns), (0.5 + 0.15 * n) * nrows + 0.3),
                             squeeze=False)
    for ax, d in zip(axes.flat, docs):
        bar_top_terms(freqs[freqs["doc_id"] == d], n=n, value=value, ax=ax, color=color,
                      title=_doc_label(d, labels), xlabel="" if value != "per_1k" else label("per 1,000"))
    for ax in list(axes.flat)[len(docs):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


MIN_WORD_PT = 6.5  # the smallest word a word cloud draws, in points at the figure's printed size


def wordcloud_image(freqs, *, random_state: int = 0, width: int = 900, height: int = 560,
                     max_words: int = 120, colormap: str = "viridis", value: str = "count",
                     min_font_size: int = 4, **kwargs):
    """The RGB array of a word cloud of `freqs` (term -> weight), drawn with the
    project font and a fixed random_state (deterministic). Words that would be smaller than
    `min_font_size` pixels are left out rather than drawn unreadably."""
    from wordcloud import WordCloud

    ser = freq_series(freqs, value=value).head(max_words)
    wc = WordCloud(font_path=font_path(), width=width, height=height, max_words=max_words,
                   background_color="white", colormap=colormap, random_state=random_state,
                   prefer_horizontal=1.0, margin=2, collocations=False, min_font_size=min_font_size, **kwargs)
    wc.generate_from_frequencies({str(k): float(v) for k, v in ser.items()})
    return wc.to_array()


def _cloud_pixels(width_in: float, aspect: float, kwargs: dict) -> dict:
    """Canvas size and smallest font for a cloud printed `width_in` inches wide: 250 px per inch, and
    no word below MIN_WORD_PT points, so every word drawn can be read on paper."""
    px_per_in = 250
    out = {"width": int(width_in * px_per_in), "height": int(width_in * aspect * px_per_in),
           "min_font_size": max(4, round(MIN_WORD_PT / 72 * px_per_in))}
    out.update({k: kwargs.pop(k) for k in ("width", "height", "min_font_size") if k in kwargs})
    return out


def wordcloud(freqs, *, ax=None, random_state: int = 0, title: str | None = None, columns: int = 2,
              aspect: float = 0.55, **kwargs):
    """Word cloud from our own counts via wordcloud's generate_from_frequencies
    (its built-in tokenizer cannot segment Chinese), with the CJK font and a fixed
    random_state. `freqs`: term_frequencies() table, dict or Series; `columns`: 1 or 2, the printed
    width the canvas and the smallest word (MIN_WORD_PT) are sized for. Returns the figure."""
    if freq_series(freqs, value=kwargs.get("value", "count")).empty:
        if ax is not None:
            ax.set_axis_off()
            ax.text(0.5, 0.5, label("no terms"), ha="center", va="center", transform=ax.transAxes)
            return ax.figure
        return empty_figure(label("no terms to draw a word cloud from"))
    if ax is None:
        w = figure_width(columns)
        img = wordcloud_image(freqs, random_state=random_state, **_cloud_pixels(w, aspect, kwargs), **kwargs)
        fig, ax = plt.subplots(figsize=(w, w * img.shape[0] / img.shape[1]))
    else:
        img = wordcloud_image(freqs, random_state=random_state, **kwargs)
    ax.imshow(img, interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax.figure


def wordclouds(freqs, *, ncols: int | None = None, labels: dict | None = None, random_state: int = 0,
               max_words: int = 60, columns: int = 2, aspect: float = 0.68, **kwargs):
    """Small multiples: one word cloud per document of a term_frequencies(by="doc")
    table, as one figure. `labels`: doc_id -> panel title; `ncols` panels per row (default 3 at page
    width, 2 in one column); each canvas sized for its printed width (no word below MIN_WORD_PT)."""
    if len(freqs) == 0:
        return empty_figure(label("no terms to draw word clouds from"))
    docs = sorted(freqs["doc_id"].unique())
    ncols = min(ncols or (3 if columns == 2 else 2), len(docs))
    nrows = -(-len(docs) // ncols)
    w = figure_width(columns)
    fig, axes = plt.subplots(nrows, ncols, figsize=(w, w / ncols * aspect * nrows + 0.2 * nrows),
                             squeeze=False)
    pixels = _cloud_pixels(w / ncols, aspect, kwargs)
    for ax, d in zip(axes.flat, docs):
        wordcloud(freqs[freqs["doc_id"] == d], ax=ax, random_state=random_state, max_words=max_words,
                  title=_doc_label(d, labels), **pixels, **kwargs)
    for ax in list(axes.flat)[len(docs):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def cooccurrence_network(pairs, *, n: int = 40, weights=None, random_state: int = 0, ax=None,
                         spacing: float | None = None, title: str | None = None, columns: int = 2):
    """Network of the strongest co-occurrence pairs (a cooccurrence() table:
    term1, term2, count): the n largest counts (ties by terms), node size by
    `weights` (term -> frequency; default: weighted degree), edge width by count,
    spring layout with a fixed random_state (deterministic; `spacing` is networkx's k, the optimal
    distance between nodes). Returns the figure."""
    import networkx as nx
    import numpy as np

    top = pairs.sort_values(["count", "term1", "term2"], ascending=[False, True, True]).head(n)
    g = nx.Graph()
    for t1, t2, c in top[["term1", "term2", "count"]].itertuples(index=False):
        g.add_edge(t1, t2, weight=float(c))
    h = nx.Graph()  # nodes and edges in sorted order: the layout depends on insertion order
    h.add_nodes_from(sorted(g.nodes))
    h.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)))
    if ax is None:
        w = figure_width(columns)
        fig, ax = plt.subplots(figsize=(w, w * 0.75))
    if h.number_of_nodes() == 0:
        ax.set_axis_off()
        ax.text(0.5, 0.5, label("no co-occurring terms"), ha="center", va="center", transform=ax.transAxes)
        return ax.figure
    pos = nx.spring_layout(h, seed=random_state, weight="weight", k=spacing, iterations=200)
    size = {nd: float(weights.get(nd, 0)) if weights is not None else h.degree(nd, weight="weight")
            for nd in h.nodes}
    smax = max(size.values()) or 1.0
    w = np.array([d["weight"] for _, _, d in h.edges(data=True)])
    nx.draw_networkx_edges(h, pos, ax=ax, width=0.4 + 2.6 * w / w.max(), edge_color="#9aa7b8", alpha=0.8)
    nx.draw_networkx_nodes(h, pos, ax=ax, node_size=[60 + 700 * size[nd] / smax for nd in h.nodes],
                           node_color="#f2c14e", edgecolors="#7a5c00", linewidths=0.5)
    for nd, (x, y) in pos.items():
        ax.text(x, y, nd, ha="center", va="center", fontsize=matplotlib.rcParams["font.size"],
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.6})
    ax.set_axis_off()
    ax.margins(0.08)
    if title:
        ax.set_title(title)
    return ax.figure


_PARTS_COLORS = {2: "#9ecae1", 3: "#4292c6", 4: "#08519c"}  # 2, 3, 4+ tokens joined


def bar_discovered_terms(terms, *, n: int = 25, title: str | None = None, columns: int | None = None):
    """The n best terms of kslib.discover_terms (its order: score, then term) as horizontal bars of
    the score, largest on top, each labelled with its count; the colour says how many jieba tokens
    it joins (2, 3, 4 or more). `columns`: 1 or 2 (default the paper style's). Returns the figure."""
    if terms is None or len(terms) == 0:
        return empty_figure(label("no terms discovered"))
    top = terms.head(n)
    fig, ax = plt.subplots(figsize=(figure_width(columns), 1.1 + 0.16 * len(top)))
    parts = [min(int(k), 4) for k in top["n_tokens"]]
    ax.barh(range(len(top)), top["score"].to_numpy(), height=0.7, color=[_PARTS_COLORS[k] for k in parts])
    ax.set_yticks(range(len(top)), list(top["term"]))
    ax.invert_yaxis()
    for i, (score, count) in enumerate(zip(top["score"], top["count"])):
        ax.text(score, i, f" {int(count)}", va="center", fontsize=6.5, color="#333333")
    ax.set_xlabel(label("score (C-value × cohesion × freedom); number: occurrences"))
    ax.tick_params(axis="y", length=0)
    ax.margins(x=0.12)
    from matplotlib.patches import Patch

    shown = sorted(set(parts))
    ax.legend(handles=[Patch(color=_PARTS_COLORS[k], label=label("{k} tokens", k=f"{k}{'+' if k == 4 else ''}"))
                       for k in shown],
              loc="lower right", frameon=False, fontsize=7)
    if title:
        ax.set_title(title, loc="left")
    return fig

