"""Paper-ready figures: a CJK font that works on a fresh machine, one-call style, and
deterministic export (PNG 300 dpi, PDF with embedded TrueType, SVG; tables as CSV) to figures/.
The figure functions themselves are in kslib.plots.

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
import math
import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib import font_manager

from . import config
from .config import cache_dir

__all__ = ["FONT_FAMILY", "font_path", "collection_path", "use_paper_style", "empty_figure", "save_figure",
           "save_table", "Saved", "MANIFEST", "INDEX", "stable_svg_ids", "output_path", "use_output", "Output",
           "current_output", "write_index", "label", "language", "figure_size", "figure_width", "missing_labels",
           "WIDTHS"]

FONT_FAMILY = "Noto Sans CJK SC TT"  # the converted TrueType face (own name: never confused with a CFF .ttc)
FONT_FACE = "Noto Sans CJK SC"       # the face taken from the collection
_CONVERTER_VERSION = "2"             # bump when _build_truetype changes
MANIFEST = "captions.csv"
INDEX = "README.md"


def collection_path() -> str:
    """Path of the Noto Sans CJK collection (.ttc, CFF outlines) in the noto-cjk-sans-otc wheel."""
    import noto_cjk_sans_otc

    return str(noto_cjk_sans_otc.FONT_PATH)


def _cache_dir() -> Path:
    return cache_dir() / "fonts"


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


WIDTHS = {1: 3.5, 2: 7.2}   # inches: one journal column / the full width of the page
LANGUAGES = ("zh", "en")
_style = {"columns": 1, "language": "zh"}
_missing_labels: set = set()


def use_paper_style(columns: int = 1, *, language: str = "zh") -> dict:
    """Apply the paper style: CJK font, font sizes for a one- or two-column figure, inline figures
    drawn at INLINE_DPI (readable in the browser; exports are 300 dpi), deterministic SVG/PDF.

    `language`: the figures' chrome — axis titles, legends, colour bars, document labels — in Chinese
    ("zh", default) or English ("en", for English-language papers); terms, themes and quoted text stay
    as the documents write them. Returns the rcParams it set."""
    if columns not in WIDTHS:
        raise ValueError(f"columns={columns!r}: 1 (one journal column, {WIDTHS[1]} in) or 2 ({WIDTHS[2]} in)")
    if language not in LANGUAGES:
        raise ValueError(f"language={language!r}: one of {LANGUAGES}")
    font_path()
    width = WIDTHS[columns]
    params = {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "figure.figsize": (width, width * 0.68),
        "figure.dpi": 100,  # layout is computed at this dpi: changing it moves exported figures
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
    _style.update(columns=columns, language=language)
    _inline_dpi()
    return params


INLINE_DPI = 150  # a 3.5-inch figure is 525 pixels wide in the notebook, its 7-pt labels 15 pixels high


def _inline_dpi() -> None:
    """In a notebook, draw inline figures at INLINE_DPI (IPython's InlineBackend), not at the 100 dpi
    the layout is computed at, so they are not tiny in the browser; exports are unaffected."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    ip = get_ipython()
    if ip is None or getattr(ip, "kernel", None) is None:
        return
    try:
        from matplotlib_inline.backend_inline import InlineBackend
    except ImportError:
        return
    from IPython.core.pylabtools import select_figure_formats

    cfg = InlineBackend.instance(parent=ip)
    cfg.print_figure_kwargs = {**cfg.print_figure_kwargs, "bbox_inches": "tight", "dpi": INLINE_DPI}
    select_figure_formats(ip, cfg.figure_formats, **cfg.print_figure_kwargs)


def language() -> str:
    """The figures' language set by use_paper_style ("zh" or "en")."""
    return _style["language"]


def figure_width(columns: int | None = None) -> float:
    """Width in inches of a one- or two-column figure (None: the columns of use_paper_style)."""
    return WIDTHS[columns or _style["columns"]]


def figure_size(columns: int | None = None, *, height: float | None = None, aspect: float = 0.68):
    """(width, height) in inches for a one- or two-column figure: `height`, else width × aspect."""
    w = figure_width(columns)
    return (w, height if height is not None else w * aspect)


@functools.lru_cache(maxsize=1)
def _labels_table() -> dict:
    import yaml
    from importlib import resources

    return yaml.safe_load(resources.files("kslib.data").joinpath("figure_text.yaml").read_text("utf-8"))


def label(text: str, *, default: str | None = None, **values) -> str:
    """A figure's chrome text in the figures' language. `text` is the English wording, the key of
    kslib/data/figure_text.yaml, whose value is its Chinese form (or {en: …, zh: …} for a code such
    as "rule:related_news"). A key not in the file gives `default` (else the key itself, noted in
    missing_labels() when asked for in Chinese). `values` fill {fields}."""
    entry = _labels_table().get(text)
    lang = _style["language"]
    if isinstance(entry, dict):
        out = entry.get(lang) or entry.get("en") or default or text
    elif entry is None:
        if default is None and lang == "zh":
            _missing_labels.add(text)
        out = default if default is not None else text
    else:
        out = entry if lang == "zh" else text
    return out.format(**values) if values else out


def missing_labels() -> set:
    """English chrome texts asked for in Chinese that kslib/data/figure_text.yaml does not translate."""
    return set(_missing_labels)


def empty_figure(message: str):
    """A small figure that says why there is nothing to plot (a notebook run on
    another corpus keeps going and exports something honest)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(WIDTHS[1], 1.0))
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_axis_off()
    return fig


def _umask() -> int:
    old = os.umask(0)
    os.umask(old)
    return old


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file renamed into place (readers never see half a file), with the
    user's normal permissions (mkstemp alone creates files readable by their owner only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Output:
    """Where a notebook's exports go, and why (see use_output)."""

    folder: Path             # save_figure / save_table write here unless given out=
    corpus: Path             # the corpus folder the notebook reads
    seeds: bool              # the corpus is the repository's seeds/ (the committed figures/)
    notebook: str | None     # recorded in captions.csv; its previous exports are cleared on first write
    source: str              # "KSLIB_FIGURES" (a runner, `kslib report`, nbval) or "notebook" (OUT or default)

    def __repr__(self) -> str:
        return f"exports to {_display_path(self.folder)}/ ({self.source})"


_current: Output | None = None
_cleared: set = set()  # (folder, notebook) pairs whose previous exports this session already removed


def _display_path(p: Path) -> str:
    p = Path(p).absolute()
    return str(p.relative_to(config.REPO)) if p.is_relative_to(config.REPO) else str(p)


def _committed_figures() -> Path:
    return (config.REPO / "figures").resolve()


def use_output(corpus=None, out=None, *, notebook: str | None = None) -> Output:
    """Choose where this notebook's exports go; call it first, with the notebook's CORPUS and OUT.

    Precedence: an explicit save_figure/save_table(out=...) > $KSLIB_FIGURES (set by `make figures`,
    `kslib report` and nbval) > OUT > the default: figures/ for the seeds, results/<corpus folder
    name>/ for any other corpus (git-ignored). A corpus other than the seeds never writes into the
    committed figures/ (ValueError). A relative OUT is read from the repository root.

    `notebook` (e.g. "01_term_frequency.ipynb", default $KSLIB_NOTEBOOK) is recorded in the folder's
    captions.csv; on this session's first export into the folder, the exports recorded for that
    notebook there are removed, so a figure the notebook no longer produces does not survive from
    an earlier run (interactive re-runs included)."""
    global _current
    path = config.corpus_path(corpus)
    seeds = config.is_seeds(corpus)
    env = config.figures_env()
    if env is not None:
        folder, source = env, "KSLIB_FIGURES"
    elif out is not None:
        folder = Path(out).expanduser()
        folder, source = (folder if folder.is_absolute() else config.REPO / folder), "notebook"
    else:
        folder, source = config.results_dir(corpus), "notebook"
    folder = folder.absolute()
    if not seeds and folder.resolve() == _committed_figures():
        raise ValueError(f"{_display_path(folder)}/ holds the seeds' committed figures; a run on {path} "
                         f"writes elsewhere (OUT = None gives {_display_path(config.RESULTS / path.name)}/)")
    _current = Output(folder=folder, corpus=path, seeds=seeds,
                      notebook=notebook or os.environ.get("KSLIB_NOTEBOOK") or None, source=source)
    return _current


def current_output() -> Output | None:
    """The Output chosen by the last use_output() in this process, or None."""
    return _current


def _default_folder() -> Path:
    env = config.figures_env()
    if env is not None:
        return env
    if _current is not None:
        return _current.folder
    return config.figures_dir()


def output_path(out: str | Path | None, name: str, ext: str) -> Path:
    """out/name.ext, refusing a name that would leave the output folder (ValueError)."""
    folder = Path(out) if out is not None else _default_folder()
    if not name or name.startswith(".") or Path(name).is_absolute():
        raise ValueError(f"figure/table name {name!r}: give a plain file name, e.g. 'top_terms'")
    path = folder / f"{name}.{ext}"
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ValueError(f"figure/table name {name!r} would write outside {folder}")
    if _current is not None and not _current.seeds and folder.resolve() == _committed_figures():
        raise ValueError(f"refusing to write {name}.{ext} into the committed figures/ for the corpus "
                         f"{_current.corpus} (only the seeds' exports live there)")
    return path


_FIELDS = ["name", "kind", "caption", "notebook", "files"]


def _read_manifest(out: Path) -> dict:
    path = out / MANIFEST
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {(r["name"], r["kind"]): r for r in csv.DictReader(f)}


def _write_manifest(out: Path, rows: dict) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=_FIELDS, lineterminator="\n")
    w.writeheader()
    for key in sorted(rows):
        w.writerow(rows[key])
    _atomic_write(out / MANIFEST, buf.getvalue().encode("utf-8"))
    write_index(out)


def _notebook() -> str | None:
    if _current is not None and _current.notebook:
        return _current.notebook
    return os.environ.get("KSLIB_NOTEBOOK") or None


def _clear_previous(out: Path, notebook: str | None) -> None:
    """On a notebook's first export into `out` in this session, remove what captions.csv records it
    exported there before (files and rows): its outputs are then exactly what this run writes."""
    key = (str(out.resolve()), notebook)
    if notebook is None or key in _cleared:
        return
    _cleared.add(key)
    rows = _read_manifest(out)
    stale = {k: r for k, r in rows.items() if r["notebook"] == notebook}
    if not stale:
        return
    for r in stale.values():
        for f in r["files"].split():
            p = out / f
            if p.parent.resolve() == out.resolve() and p.suffix in (".png", ".pdf", ".svg", ".csv"):
                p.unlink(missing_ok=True)
    _write_manifest(out, {k: r for k, r in rows.items() if k not in stale})


def _record(name: str, kind: str, caption: str, files: list[str], out: Path) -> None:
    """Keep figures/captions.csv (name, kind, caption, notebook, files), sorted, and the index
    README.md written from it, so the folder describes itself without timestamps."""
    rows = _read_manifest(out)
    # keyed by (name, kind): a table and a figure of the same name keep both captions
    key = (name, kind)
    rows[key] = {"name": name, "kind": kind, "caption": caption,
                 "notebook": _notebook() or rows.get(key, {}).get("notebook", ""),
                 "files": " ".join(files)}
    _write_manifest(out, rows)


def write_index(figures: Path) -> Path:
    """figures/README.md: each figure and table with its caption and notebook (from captions.csv)."""
    manifest = Path(figures) / MANIFEST
    rows = list(csv.DictReader(manifest.open(encoding="utf-8"))) if manifest.exists() else []
    lines = ["# Figures and tables", "",
             "Written by `make figures` (each notebook exports its own); do not edit by hand.", ""]
    for kind, title in (("figure", "Figures"), ("table", "Tables")):
        figure = kind == "figure"
        lines += [f"## {title}", "", "| name | caption | notebook | files |" + (" figure |" if figure else ""),
                  "|---|---|---|---|" + ("---|" if figure else "")]
        for r in sorted((r for r in rows if r["kind"] == kind), key=lambda r: (r["notebook"], r["name"])):
            names = r["files"].split()
            files = ", ".join(f"[{f.rsplit('.', 1)[-1]}]({f})" for f in names)
            png = next((f for f in names if f.endswith(".png")), None)
            preview = f' <img src="{png}" width="280" alt="{r["name"]}"> |' if figure and png else (" |" if figure else "")
            lines.append(f"| {r['name']} | {r['caption']} | {r['notebook']} | {files} |" + preview)
        lines.append("")
    out = Path(figures) / INDEX
    _atomic_write(out, "\n".join(lines).encode("utf-8"))
    return out


class Saved(list):
    """The paths written by save_figure/save_table; shown as a short relative
    listing so notebook outputs do not depend on where the repo lives."""

    def __repr__(self) -> str:
        return "saved: " + ", ".join(f"{p.parent.name}/{p.name}" for p in self)


_SVG_ID = re.compile(rb'id="([a-z])([0-9a-f]{10})"')


def stable_svg_ids(svg: bytes) -> bytes:
    """Renumber matplotlib's hashed SVG ids (clip paths, markers, hatches) in order of first use.

    matplotlib hashes a clip path's id from the full float repr of its rectangle, so float noise
    below the file's 6-digit precision (layout after a font-cache warm-up) changes ids while the
    drawing is identical. Sequential ids make the file depend only on what it draws."""
    names = {}
    for m in _SVG_ID.finditer(svg):
        old = m.group(1) + m.group(2)
        names.setdefault(old, m.group(1) + b"%04d" % len(names))
    if not names:
        return svg
    pattern = re.compile(rb"(?<=[#\"])(" + b"|".join(re.escape(k) for k in names) + rb")(?=[\")])")
    return pattern.sub(lambda m: names[m.group(1)], svg)


def save_figure(fig, name: str, *, caption: str = "", out: str | Path | None = None) -> Saved:
    """Write figures/name.png (300 dpi), .pdf (TrueType embedded) and .svg atomically,
    with no timestamps, so re-running gives identical files."""
    paths = {ext: output_path(out, name, ext) for ext in ("png", "pdf", "svg")}
    out = paths["png"].parent
    _clear_previous(out, _notebook())
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
            path = paths[ext]
            data = buf.getvalue()
            _atomic_write(path, stable_svg_ids(data) if ext == "svg" else data)
            written.append(path)
    _record(name, "figure", caption, [p.name for p in written], out)
    return Saved(written)


def _exact(value) -> str:
    """A float as the shortest text that reads back as the same float; integral values as integers."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    if value.is_integer() and abs(value) < 2 ** 53:
        return str(int(value))
    return repr(value)


def save_table(df, name: str, *, caption: str = "", out: str | Path | None = None) -> Saved:
    """Write a DataFrame to figures/name.csv (UTF-8, no index) with every number exact: floats
    round-trip (repr), integral floats are written as integers (12345678 美元, never 1.23457e+07)."""
    path = output_path(out, name, "csv")
    out = path.parent
    _clear_previous(out, _notebook())
    df = df.copy()
    for col in df.columns[[pd.api.types.is_float_dtype(t) for t in df.dtypes]]:
        df[col] = df[col].map(_exact).astype(object)
    _atomic_write(path, df.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    _record(name, "table", caption, [path.name], out)
    return Saved([path])
