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
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib import font_manager

from .config import cache_dir, figures_dir

__all__ = ["FONT_FAMILY", "font_path", "collection_path", "use_paper_style", "empty_figure", "save_figure",
           "save_table", "Saved", "MANIFEST", "stable_svg_ids", "output_path"]

FONT_FAMILY = "Noto Sans CJK SC TT"  # the converted TrueType face (own name: never confused with a CFF .ttc)
FONT_FACE = "Noto Sans CJK SC"       # the face taken from the collection
_CONVERTER_VERSION = "2"             # bump when _build_truetype changes
MANIFEST = "captions.csv"


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


def output_path(out: str | Path | None, name: str, ext: str) -> Path:
    """out/name.ext, refusing a name that would leave the output folder (ValueError)."""
    folder = Path(out) if out is not None else figures_dir()
    if not name or name.startswith(".") or Path(name).is_absolute():
        raise ValueError(f"figure/table name {name!r}: give a plain file name, e.g. 'top_terms'")
    path = folder / f"{name}.{ext}"
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ValueError(f"figure/table name {name!r} would write outside {folder}")
    return path


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
    df = df.copy()
    for col in df.columns[[pd.api.types.is_float_dtype(t) for t in df.dtypes]]:
        df[col] = df[col].map(_exact).astype(object)
    _atomic_write(path, df.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    _record(name, "table", caption, [path.name], out)
    return Saved([path])
