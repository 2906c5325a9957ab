"""Paper-ready figures: a CJK font that works on a fresh machine, one-call style,
deterministic export (PNG 300 dpi, PDF with embedded TrueType, SVG) to figures/,
and the term-statistics charts (bar charts, word clouds, co-occurrence network).

The font comes from the `noto-cjk-sans-otc` wheel (Noto Sans CJK, OFL), so nothing
is downloaded at run time and no system font is needed. That wheel ships a .ttc
collection whose faces have CFF (PostScript) outlines: matplotlib's Type 42 PDF
export would put that CFF data in a /FontFile2 stream, which the PDF spec reserves
for TrueType (glyf) fonts, and wordcloud/PIL would pick the collection's first
(Japanese) face. So at first use the Simplified-Chinese face is extracted once and
converted to a TrueType file in the cache ($KSLIB_CACHE/fonts/, ~20 MB, ~30 s,
fontTools' cu2qu, no network); matplotlib and wordcloud both use that file.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import tempfile
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import font_manager

__all__ = ["FIGURES", "FONT_FAMILY", "font_path", "collection_path", "use_paper_style", "save_figure",
           "save_table", "bar_top_terms", "bar_top_terms_by_doc", "wordcloud", "wordclouds",
           "cooccurrence_network"]

ROOT = Path(__file__).resolve().parent.parent
FIGURES = Path(os.environ.get("KSLIB_FIGURES", ROOT / "figures"))
FONT_FAMILY = "Noto Sans CJK SC TT"  # the converted TrueType face (own name: never confused with a CFF .ttc)
FONT_FACE = "Noto Sans CJK SC"       # the face taken from the collection
_CONVERTER_VERSION = "2"             # bump when _build_truetype changes
MANIFEST = "captions.csv"


def collection_path() -> str:
    """Path of the Noto Sans CJK collection (.ttc, CFF outlines) in the noto-cjk-sans-otc wheel."""
    import noto_cjk_sans_otc

    return str(noto_cjk_sans_otc.FONT_PATH)


def _cache_dir() -> Path:
    return Path(os.environ.get("KSLIB_CACHE", ROOT / ".cache")) / "fonts"


def _build_truetype(src: str, face: str, dest: Path) -> None:
    """Extract `face` from the collection `src` and write it as a TrueType (glyf)
    font: cubic CFF outlines become quadratic splines (cu2qu, max error 1 unit of
    1000), with a family name of its own (FONT_FAMILY)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, newTable

    faces = TTCollection(src, lazy=True).fonts
    names = [f["name"].getDebugName(1) for f in faces]
    if face not in names:
        raise ValueError(f"{src} has no face {face!r} (faces: {names})")
    font = faces[names.index(face)]
    order = font.getGlyphOrder()
    glyphset = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for g in order:
        pen = TTGlyphPen(None)
        glyphset[g].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))  # CFF runs counter-clockwise
        glyf[g] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: 65k names overflow format 2
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"
    ps = FONT_FAMILY.replace(" ", "") + "-Regular"
    for rec in font["name"].names:
        if rec.nameID in (1, 16):
            rec.string = FONT_FAMILY
        elif rec.nameID == 4:
            rec.string = FONT_FAMILY + " Regular"
        elif rec.nameID in (3, 6):
            rec.string = ps
    # keep head.modified from the source font: fontTools would stamp the current time, which then
    # reaches every PDF through the embedded subset (PDFs would differ between machines)
    font.recalcTimestamp = False
    buf = io.BytesIO()
    font.save(buf)
    _atomic_write(dest, buf.getvalue())


@functools.lru_cache(maxsize=1)
def font_path() -> str:
    """Path of a single-face TrueType file of Noto Sans CJK SC (Simplified and
    Traditional glyphs), built once from the wheel's collection into the cache and
    registered with matplotlib as FONT_FAMILY. Usable by PIL/wordcloud too."""
    src = collection_path()
    digest = hashlib.sha256(f"{_CONVERTER_VERSION}|{FONT_FACE}|".encode())
    digest.update(Path(src).read_bytes())
    key = digest.hexdigest()[:12]
    dest = _cache_dir() / f"NotoSansCJKsc-Regular-TT-{key}.ttf"
    if not dest.exists():
        _build_truetype(src, FONT_FACE, dest)
    font_manager.fontManager.addfont(str(dest))
    return str(dest)


def use_paper_style(columns: int = 1) -> dict:
    """Apply the paper style: CJK font, sizes for a one- or two-column figure,
    deterministic SVG/PDF output. Returns the rcParams it set."""
    font_path()
    width = 3.5 if columns == 1 else 7.2  # inches: one column / full width of a journal page
    params = {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "figure.figsize": (width, width * 0.68),
        "figure.dpi": 100,
        "savefig.dpi": 300,
        "savefig.bbox": "tight",
        "font.size": 8 if columns == 1 else 9,
        "axes.titlesize": 9 if columns == 1 else 10,
        "axes.labelsize": 8 if columns == 1 else 9,
        "xtick.labelsize": 7 if columns == 1 else 8,
        "ytick.labelsize": 7 if columns == 1 else 8,
        "legend.fontsize": 7 if columns == 1 else 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "svg.fonttype": "path",
        "svg.hashsalt": "kslib",
        "path.simplify": True,
    }
    matplotlib.rcParams.update(params)
    return params


def empty_figure(message: str):
    """A small figure that says why there is nothing to plot (a notebook run on
    another corpus keeps going and exports something honest)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3.5, 1.0))
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _record(name: str, kind: str, caption: str, files: list[str], out: Path) -> None:
    """Keep figures/captions.csv (name, kind, caption, notebook, files), sorted, so
    the figure index can be written without timestamps."""
    path = out / MANIFEST
    rows = {}
    if path.exists():
        with path.open(encoding="utf-8", newline="") as f:
            rows = {(r["name"], r["kind"]): r for r in csv.DictReader(f)}
    # keyed by (name, kind): a table and a figure of the same name keep both captions
    key = (name, kind)
    rows[key] = {"name": name, "kind": kind, "caption": caption,
                 "notebook": os.environ.get("KSLIB_NOTEBOOK", rows.get(key, {}).get("notebook", "")),
                 "files": " ".join(files)}
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["name", "kind", "caption", "notebook", "files"], lineterminator="\n")
    w.writeheader()
    for key in sorted(rows):
        w.writerow(rows[key])
    _atomic_write(path, buf.getvalue().encode("utf-8"))


class Saved(list):
    """The paths written by save_figure/save_table; shown as a short relative
    listing so notebook outputs do not depend on where the repo lives."""

    def __repr__(self) -> str:
        return "saved: " + ", ".join(f"{p.parent.name}/{p.name}" for p in self)


def save_figure(fig, name: str, caption: str = "", out: str | Path | None = None) -> Saved:
    """Write figures/name.png (300 dpi), .pdf (TrueType embedded) and .svg atomically,
    with no timestamps, so re-running gives identical files."""
    out = Path(out) if out is not None else FIGURES
    written = []
    meta = {
        "png": {"Software": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
        "svg": {"Date": None, "Creator": None},
    }
    with matplotlib.rc_context({"pdf.fonttype": 42, "svg.hashsalt": "kslib"}):
        for ext in ("png", "pdf", "svg"):
            buf = io.BytesIO()
            fig.savefig(buf, format=ext, dpi=300, metadata=meta[ext], bbox_inches="tight")
            path = out / f"{name}.{ext}"
            _atomic_write(path, buf.getvalue())
            written.append(path)
    _record(name, "figure", caption, [p.name for p in written], out)
    return Saved(written)


def save_table(df, name: str, caption: str = "", out: str | Path | None = None,
               float_format: str = "%.6g") -> Saved:
    """Write a DataFrame to figures/name.csv (UTF-8, no index, fixed float format)."""
    out = Path(out) if out is not None else FIGURES
    path = out / f"{name}.csv"
    _atomic_write(path, df.to_csv(index=False, float_format=float_format, lineterminator="\n").encode("utf-8"))
    _record(name, "table", caption, [path.name], out)
    return Saved([path])


# --- term-statistics charts -------------------------------------------------------

def _freq_series(freqs, value: str = "count"):
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


def _doc_label(doc_id: str, titles: dict | None) -> str:
    return titles.get(doc_id, doc_id) if titles else str(doc_id)[:3]


def bar_top_terms(freqs, n: int = 20, value: str = "count", ax=None, title: str | None = None,
                  color: str = "#3a6ea5", xlabel: str | None = None):
    """Horizontal bar chart of the n most frequent terms (largest on top).
    `freqs`: a term_frequencies() table, a dict or a Series. Returns the figure."""
    ser = _freq_series(freqs, value).head(n)
    if ax is None:
        w, _ = matplotlib.rcParams["figure.figsize"]
        fig, ax = plt.subplots(figsize=(w, 0.9 + 0.16 * max(len(ser), 1)))
    ax.barh(range(len(ser)), ser.to_numpy(), color=color, height=0.7)
    ax.set_yticks(range(len(ser)), list(ser.index))
    ax.invert_yaxis()
    ax.set_xlabel(xlabel or {"count": "count", "per_1k": "per 1,000 tokens"}.get(value, value))
    ax.tick_params(axis="y", length=0)
    if title:
        ax.set_title(title, loc="left")
    return ax.figure


def bar_top_terms_by_doc(freqs, n: int = 10, value: str = "per_1k", ncols: int = 3,
                         titles: dict | None = None, color: str = "#3a6ea5"):
    """Small multiples: one bar chart of the top n terms per document (a
    term_frequencies(by="doc") table). `titles`: doc_id -> panel title."""
    docs = sorted(freqs["doc_id"].unique())
    nrows = -(-len(docs) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, (0.5 + 0.15 * n) * nrows + 0.3), squeeze=False)
    for ax, d in zip(axes.flat, docs):
        bar_top_terms(freqs[freqs["doc_id"] == d], n=n, value=value, ax=ax, color=color,
                      title=_doc_label(d, titles), xlabel="" if value != "per_1k" else "per 1,000")
    for ax in list(axes.flat)[len(docs):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def _wordcloud_image(freqs, random_state: int = 0, width: int = 900, height: int = 560,
                     max_words: int = 120, colormap: str = "viridis", value: str = "count", **kwargs):
    """The RGB array of a word cloud of `freqs` (term -> weight), drawn with the
    project font and a fixed random_state (deterministic)."""
    from wordcloud import WordCloud

    ser = _freq_series(freqs, value).head(max_words)
    wc = WordCloud(font_path=font_path(), width=width, height=height, max_words=max_words,
                   background_color="white", colormap=colormap, random_state=random_state,
                   prefer_horizontal=1.0, margin=2, collocations=False, **kwargs)
    wc.generate_from_frequencies({str(k): float(v) for k, v in ser.items()})
    return wc.to_array()


def wordcloud(freqs, ax=None, random_state: int = 0, title: str | None = None, **kwargs):
    """Word cloud from our own counts via wordcloud's generate_from_frequencies
    (its built-in tokenizer cannot segment Chinese), with the CJK font and a fixed
    random_state. `freqs`: term_frequencies() table, dict or Series. Returns the figure."""
    img = _wordcloud_image(freqs, random_state=random_state, **kwargs)
    if ax is None:
        w, _ = matplotlib.rcParams["figure.figsize"]
        fig, ax = plt.subplots(figsize=(w, w * img.shape[0] / img.shape[1]))
    ax.imshow(img, interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax.figure


def wordclouds(freqs, ncols: int = 3, titles: dict | None = None, random_state: int = 0,
               max_words: int = 60, **kwargs):
    """Small multiples: one word cloud per document of a term_frequencies(by="doc")
    table, as one figure. `titles`: doc_id -> panel title."""
    docs = sorted(freqs["doc_id"].unique())
    nrows = -(-len(docs) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 7.2 / ncols * 0.68 * nrows + 0.2 * nrows),
                             squeeze=False)
    for ax, d in zip(axes.flat, docs):
        wordcloud(freqs[freqs["doc_id"] == d], ax=ax, random_state=random_state, max_words=max_words,
                  title=_doc_label(d, titles), **kwargs)
    for ax in list(axes.flat)[len(docs):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def cooccurrence_network(pairs, n_edges: int = 40, weights=None, seed: int = 0, ax=None,
                         k: float | None = None, title: str | None = None):
    """Network of the strongest co-occurrence pairs (a cooccurrence() table:
    term1, term2, count): the n_edges largest counts (ties by terms), node size by
    `weights` (term -> frequency; default: weighted degree), edge width by count,
    spring layout with a fixed seed (deterministic). Returns the figure."""
    import networkx as nx
    import numpy as np

    top = pairs.sort_values(["count", "term1", "term2"], ascending=[False, True, True]).head(n_edges)
    g = nx.Graph()
    for t1, t2, c in top[["term1", "term2", "count"]].itertuples(index=False):
        g.add_edge(t1, t2, weight=float(c))
    h = nx.Graph()  # nodes and edges in sorted order: the layout depends on insertion order
    h.add_nodes_from(sorted(g.nodes))
    h.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)))
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.2, 5.4))
    if h.number_of_nodes() == 0:
        ax.set_axis_off()
        return ax.figure
    pos = nx.spring_layout(h, seed=seed, weight="weight", k=k, iterations=200)
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
