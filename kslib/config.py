"""Every path and environment variable kslib reads, in one place.

KSLIB_CACHE (default <repo>/.cache): segmentation cache, fonts, jieba's model cache.
KSLIB_FIGURES (default <repo>/figures): where save_figure / save_table write; set by the runner,
`kslib report` and nbval, it wins over a notebook's own choice (kslib.figures.use_output).
A notebook run on another corpus writes to results/<corpus folder name>/ (results_dir()).
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PACKAGE", "REPO", "DATA", "SEEDS", "NOTEBOOKS", "GOLD_DIR", "RESULTS", "cache_dir", "figures_dir",
           "figures_env", "corpus_path", "is_seeds", "results_dir"]

PACKAGE = Path(__file__).resolve().parent
REPO = PACKAGE.parent
DATA = PACKAGE / "data"
SEEDS = REPO / "seeds"
NOTEBOOKS = REPO / "notebooks"
GOLD_DIR = REPO / "tests" / "data"
RESULTS = REPO / "results"  # git-ignored: outputs of notebook runs on corpora other than the seeds


def cache_dir() -> Path:
    """The project's cache folder: $KSLIB_CACHE, default <repo>/.cache."""
    return Path(os.environ.get("KSLIB_CACHE") or (REPO / ".cache"))


def figures_env() -> Path | None:
    """$KSLIB_FIGURES when set (a runner, `kslib report` or nbval chose the output folder), else None."""
    value = os.environ.get("KSLIB_FIGURES")
    return Path(value) if value else None


def figures_dir() -> Path:
    """The default output folder of save_figure / save_table: $KSLIB_FIGURES, default <repo>/figures."""
    return figures_env() or (REPO / "figures")


def corpus_path(path: str | os.PathLike | None) -> Path:
    """The folder a CORPUS setting names: None -> the seeds; an absolute path as given; a relative
    path from the current directory when that folder exists there, else from the repository root
    (notebooks run in notebooks/, so `CORPUS = "seeds"` means <repo>/seeds). A missing folder raises
    FileNotFoundError saying every place looked in."""
    if path is None:
        return SEEDS
    p = Path(path).expanduser()
    if p.is_absolute():
        if p.is_dir():
            return p
        raise FileNotFoundError(f"corpus folder {p}: no such folder" if not p.exists()
                                else f"corpus folder {p}: not a folder")
    candidates = list(dict.fromkeys([(Path.cwd() / p).resolve(), (REPO / p).resolve()]))
    for c in candidates:
        if c.is_dir():
            return c
    looked = " and ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"corpus folder {str(path)!r}: no such folder (looked in {looked}; "
                            f"a relative path is read from the current directory, then from the repository root)")


def is_seeds(path: str | os.PathLike | None) -> bool:
    """True when a CORPUS setting names the repository's seeds/ (None included)."""
    try:
        return path is None or corpus_path(path).resolve() == SEEDS.resolve()
    except FileNotFoundError:
        return False


def results_dir(path: str | os.PathLike | None) -> Path:
    """Where a notebook run on a corpus writes by default: <repo>/figures for the seeds (the committed
    figures), else <repo>/results/<corpus folder name>/ (git-ignored)."""
    if is_seeds(path):
        return REPO / "figures"
    return RESULTS / corpus_path(path).name
