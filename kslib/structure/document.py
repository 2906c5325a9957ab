"""One Structure per text: paragraphs (with their section), sentences, clauses and sections, with
O(log n) lookup of the units and the scope around a position."""
from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
import pandas as pd

from .sections import build_sections, section_table
from .units import unit_spans

__all__ = ["Units", "Scope", "Structure", "structure", "paragraphs", "UNIT_COLUMNS"]


class Units(NamedTuple):
    """Indices of the units that contain a position (-1 where none)."""
    clause: int
    sentence: int
    paragraph: int
    section: int


class Scope(NamedTuple):
    """The scope of the innermost section around a position."""
    section: int
    kind: str | None
    kind_cue: str | None
    kind_from: str | None
    year: int | None
    period: str | None
    heading: str | None


UNIT_COLUMNS = {
    "paragraph": ("start", "end", "line", "is_heading", "section"),
    "sentence": ("start", "end", "paragraph"),
    "clause": ("start", "end", "sentence", "paragraph"),
}


class Structure:
    """Paragraphs, sentences, clauses and sections of one text, with O(log n) position lookup.

    Units are kept as numpy columns (`column(unit, name)`) and sections as rows (`section_rows`); the
    DataFrames (`paragraphs`, `sentences`, `clauses`, `sections`) are built when first asked for:
    pandas' constant cost per frame, paid per document, dominated attribution on many short documents."""

    def __init__(self, text: str, date, columns: dict[str, dict[str, np.ndarray]], section_rows: list[dict]):
        self.text, self.date = text, date
        self._columns = columns
        self.section_rows = section_rows  # dicts with SECTION_COLUMNS; year an int or None
        n = len(section_rows)
        sec = {c: np.fromiter((r[c] for r in section_rows), np.int64, n) for c in ("start", "end", "parent")}
        self._bounds = {name: (columns[name]["start"], columns[name]["end"]) for name in UNIT_COLUMNS}
        self._bounds["section"] = (sec["start"], sec["end"])
        self._sec_parent = sec["parent"]

    def column(self, unit: str, name: str) -> np.ndarray:
        """One column of the paragraph, sentence or clause table as an array (no frame built)."""
        return self._columns[unit][name]

    def _frame(self, unit: str) -> pd.DataFrame:
        cols = self._columns[unit]
        n = len(cols["start"])
        return pd.DataFrame({unit: np.arange(n, dtype=np.int64), **{c: cols[c] for c in UNIT_COLUMNS[unit]}})

    @functools.cached_property
    def paragraphs(self) -> pd.DataFrame:
        """paragraph, start, end, line, is_heading, section."""
        return self._frame("paragraph")

    @functools.cached_property
    def sentences(self) -> pd.DataFrame:
        """sentence, start, end, paragraph."""
        return self._frame("sentence")

    @functools.cached_property
    def clauses(self) -> pd.DataFrame:
        """clause, start, end, sentence, paragraph."""
        return self._frame("clause")

    @functools.cached_property
    def sections(self) -> pd.DataFrame:
        """The sections table (kslib.structure.sections)."""
        return section_table(self.section_rows)

    def _find(self, name: str, pos: np.ndarray) -> np.ndarray:
        starts, ends = self._bounds[name]
        k = np.searchsorted(starts, pos, side="right") - 1
        ok = (k >= 0)
        kk = np.where(ok, k, 0)
        if len(starts) == 0:
            return np.full(len(pos), -1, dtype=np.int64)
        hit = ok & (pos < ends[kk])
        if name != "section":
            return np.where(hit, k, -1)
        # sections nest: climb from the latest-starting section to one that still covers pos
        out = np.where(hit, k, -1)
        for i in np.flatnonzero(ok & ~hit):
            s = self._sec_parent[k[i]]
            while s >= 0 and not (starts[s] <= pos[i] < ends[s]):
                s = self._sec_parent[s]
            out[i] = s
        return out

    def unit_index(self, name: str, positions) -> np.ndarray:
        """Index of the `name` unit (clause, sentence, paragraph or section) containing each position, -1 where
        none: units_at's column without building a frame."""
        return self._find(name, np.asarray(positions, dtype=np.int64).reshape(-1))

    def units_at(self, positions) -> pd.DataFrame:
        """Vectorised unit_at: one row (clause, sentence, paragraph, section) per position."""
        pos = np.asarray(positions, dtype=np.int64).reshape(-1)
        return pd.DataFrame({name: self._find(name, pos) for name in Units._fields})

    def unit_at(self, pos: int) -> Units:
        """The clause, sentence, paragraph and innermost section containing pos (-1 where none)."""
        p = np.array([pos], dtype=np.int64)
        return Units(*(int(self._find(name, p)[0]) for name in Units._fields))

    def scope_at(self, pos: int) -> Scope:
        """Kind, year and period of the innermost section containing pos (all None outside)."""
        s = self.unit_at(pos).section
        if s < 0:
            return Scope(-1, None, None, None, None, None, None)
        r = self.section_rows[s]
        return Scope(s, r["kind"], r["kind_cue"], r["kind_from"], r["year"], r["period"], r["heading"])

    def section_path(self, pos: int) -> list[int]:
        """Sections containing pos, outermost first."""
        s = self.unit_at(pos).section
        path = []
        while s >= 0:
            path.append(s)
            s = int(self._sec_parent[s])
        return path[::-1]


def structure(text: str, *, date=None) -> Structure:
    """Everything at once: paragraphs (with their section), sentences, clauses and sections."""
    paras, sents, claus = unit_spans(text)
    rows, heading_paras = build_sections(text, paras, date)
    columns = {}
    for unit, spans in (("paragraph", paras), ("sentence", sents), ("clause", claus)):
        names = UNIT_COLUMNS[unit][:3] if unit == "paragraph" else UNIT_COLUMNS[unit]
        arr = np.array(spans, dtype=np.int64).reshape(len(spans), len(names))
        columns[unit] = {c: np.ascontiguousarray(arr[:, k]) for k, c in enumerate(names)}
    n = len(paras)
    is_h = np.zeros(n, dtype=bool)
    is_h[heading_paras] = True
    columns["paragraph"]["is_heading"] = is_h
    columns["paragraph"]["section"] = np.full(n, -1, dtype=np.int64)
    st = Structure(text, date, columns, rows)
    if n:
        columns["paragraph"]["section"] = st.unit_index("section", columns["paragraph"]["start"])
    return st


def paragraphs(text: str) -> pd.DataFrame:
    """Paragraphs (= non-blank lines): paragraph, start, end, line, is_heading, section."""
    return structure(text).paragraphs
