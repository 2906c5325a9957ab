"""One Structure per text: paragraphs (with their section), sentences, clauses and sections, with
O(log n) lookup of the units and the scope around a position."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from .sections import build_sections
from .units import CLAUSE_COLUMNS, SENTENCE_COLUMNS, span_frame, unit_spans

__all__ = ["Units", "Scope", "Structure", "structure", "paragraphs"]


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


@dataclass
class Structure:
    """Paragraphs, sentences, clauses and sections of one text, with O(log n) position lookup."""
    text: str
    date: object
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    clauses: pd.DataFrame
    sections: pd.DataFrame

    def __post_init__(self):
        self._bounds = {
            name: (df["start"].to_numpy(np.int64), df["end"].to_numpy(np.int64))
            for name, df in (("clause", self.clauses), ("sentence", self.sentences),
                             ("paragraph", self.paragraphs), ("section", self.sections))
        }
        self._sec_parent = self.sections["parent"].to_numpy(np.int64)

    @functools.cached_property
    def section_rows(self) -> list[dict]:
        """The sections as a list of dicts: row access without pandas' per-row cost."""
        cols = {c: self.sections[c].tolist() for c in self.sections.columns}
        return [dict(zip(cols, vals)) for vals in zip(*cols.values())]

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
        year = None if pd.isna(r["year"]) else int(r["year"])
        return Scope(s, r["kind"], r["kind_cue"], r["kind_from"], year, r["period"], r["heading"])

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
    secs, heading_paras = build_sections(text, paras, date)
    n = len(paras)
    arr = np.array(paras, dtype=np.int64).reshape(n, 3)
    is_h = np.zeros(n, dtype=bool)
    is_h[heading_paras] = True
    pdf = pd.DataFrame({"paragraph": np.arange(n, dtype=np.int64), "start": arr[:, 0], "end": arr[:, 1],
                        "line": arr[:, 2], "is_heading": is_h, "section": np.full(n, -1, dtype=np.int64)})
    st = Structure(text, date, pdf, span_frame(sents, SENTENCE_COLUMNS), span_frame(claus, CLAUSE_COLUMNS), secs)
    if len(pdf):
        st.paragraphs["section"] = st._find("section", pdf["start"].to_numpy(np.int64))
    if len(pdf) == 0:
        st.paragraphs = st.paragraphs.astype({"start": np.int64, "end": np.int64, "line": np.int64})
    return st


def paragraphs(text: str) -> pd.DataFrame:
    """Paragraphs (= non-blank lines): paragraph, start, end, line, is_heading, section."""
    return structure(text).paragraphs
