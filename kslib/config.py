"""Every path and environment variable kslib reads, in one place.

KSLIB_CACHE (default <repo>/.cache): segmentation cache, fonts, jieba's model cache.
KSLIB_FIGURES (default <repo>/figures): where save_figure / save_table write.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PACKAGE", "REPO", "DATA", "SEEDS", "NOTEBOOKS", "GOLD_DIR", "cache_dir", "figures_dir"]

PACKAGE = Path(__file__).resolve().parent
REPO = PACKAGE.parent
DATA = PACKAGE / "data"
SEEDS = REPO / "seeds"
NOTEBOOKS = REPO / "notebooks"
GOLD_DIR = REPO / "tests" / "data"


def cache_dir() -> Path:
    """The project's cache folder: $KSLIB_CACHE, default <repo>/.cache."""
    return Path(os.environ.get("KSLIB_CACHE") or (REPO / ".cache"))


def figures_dir() -> Path:
    """The default output folder of save_figure / save_table: $KSLIB_FIGURES, default <repo>/figures."""
    return Path(os.environ.get("KSLIB_FIGURES") or (REPO / "figures"))
