"""Paper-ready figures: a CJK font that works on a fresh machine, one-call style,
and deterministic export (PNG 300 dpi, PDF with embedded TrueType, SVG) to figures/.

The font comes from the `noto-cjk-sans-otc` wheel (Noto Sans CJK, OFL), so nothing
is downloaded at run time and no system font is needed.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import tempfile
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import font_manager

__all__ = ["FIGURES", "FONT_FAMILY", "font_path", "use_paper_style", "save_figure", "save_table"]

FIGURES = Path(os.environ.get("KSLIB_FIGURES", Path(__file__).resolve().parent.parent / "figures"))
FONT_FAMILY = "Noto Sans CJK SC"
MANIFEST = "captions.csv"


@functools.lru_cache(maxsize=1)
def font_path() -> str:
    """Path of the Noto Sans CJK collection shipped in the noto-cjk-sans-otc wheel,
    registered with matplotlib (a stale font cache would otherwise hide it)."""
    import noto_cjk_sans_otc

    path = str(noto_cjk_sans_otc.FONT_PATH)
    font_manager.fontManager.addfont(path)
    return path


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
            rows = {r["name"]: r for r in csv.DictReader(f)}
    rows[name] = {"name": name, "kind": kind, "caption": caption,
                  "notebook": os.environ.get("KSLIB_NOTEBOOK", rows.get(name, {}).get("notebook", "")),
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
