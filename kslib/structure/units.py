"""Paragraphs (non-blank lines), sentences and clauses of a text, cut by the punctuation in
kslib/data/structure.yaml; separators inside short brackets and quotes do not cut."""
from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from .rules import config

__all__ = ["PARAGRAPH_COLUMNS", "SENTENCE_COLUMNS", "CLAUSE_COLUMNS", "paragraph_spans", "unit_spans",
           "sentences", "clauses", "span_frame"]

PARAGRAPH_COLUMNS = ["paragraph", "start", "end", "line", "is_heading", "section"]
SENTENCE_COLUMNS = ["sentence", "start", "end", "paragraph"]
CLAUSE_COLUMNS = ["clause", "start", "end", "sentence", "paragraph"]

_LINE = re.compile(r"[^\n]+")


def paragraph_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line) of every non-blank line, whitespace trimmed."""
    out = []
    line_no = 1
    last = 0
    for m in _LINE.finditer(text):
        line_no += text.count("\n", last, m.start())
        last = m.start()
        s, e = m.start(), m.end()
        while s < e and (text[s].isspace() or text[s] == "\ufeff"):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e, line_no))
    return out


def _protected(text: str, start: int, end: int, bracket_re: re.Pattern, opens: dict[str, str]) -> list[tuple[int, int]]:
    """Outermost matched bracket pairs in text[start:end] no longer than protect_max_chars."""
    first = bracket_re.search(text, start, end)
    if first is None:
        return []
    limit = config()["splitting"]["protect_max_chars"]
    closes = {v: k for k, v in opens.items()}
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for m in bracket_re.finditer(text, first.start(), end):
        c = m.group(0)
        if c in opens and not (c in closes and stack and stack[-1][0] == c):
            stack.append((c, m.start()))
        elif c in closes:
            want = closes[c]
            # pop to the matching opener; unmatched closers are ignored
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == want:
                    o = stack[k][1]
                    del stack[k:]
                    if m.end() - o <= limit:
                        pairs.append((o, m.end()))
                    break
        if len(stack) > 64:  # a runaway of unmatched openers: forget the oldest
            del stack[:32]
    pairs.sort()
    merged: list[tuple[int, int]] = []
    for a, b in pairs:
        if merged and a < merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _inside(pos: int, intervals: list[tuple[int, int]], starts: list[int]) -> bool:
    """pos strictly inside one of the sorted, disjoint intervals (a split before the closer)."""
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and intervals[k][0] < pos < intervals[k][1]


def _split(text: str, start: int, end: int, pattern: re.Pattern, protect: list[tuple[int, int]],
           starts: list[int]) -> list[tuple[int, int]]:
    """Cut text[start:end] after each match of pattern outside the protected intervals."""
    if protect:
        cuts = [m.end() for m in pattern.finditer(text, start, end)
                if m.end() < end and not _inside(m.start(), protect, starts)]
    else:
        cuts = [c for c in (m.end() for m in pattern.finditer(text, start, end)) if c < end]
    return _pieces(text, start, end, cuts)


def _pieces(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    """text[start:end] cut at the sorted positions cuts, leading whitespace trimmed, empty pieces dropped."""
    out = []
    s = start
    for c in cuts + [end]:
        a = s
        while a < c and text[a].isspace():
            a += 1
        if a < c:
            out.append((a, c))
        s = c
    return out


def unit_spans(text: str):
    """Paragraph, sentence and clause spans (lists of tuples) in one pass."""
    cfg = config()
    clause_re = cfg["clause_re"]
    paras = paragraph_spans(text)
    sents: list[tuple[int, int, int]] = []
    claus: list[tuple[int, int, int, int]] = []
    for p, (ps, pe, _) in enumerate(paras):
        paren = _protected(text, ps, pe, cfg["paren_re"], cfg["paren_open"])
        every = _protected(text, ps, pe, cfg["allbracket_re"], cfg["all_open"])
        every_starts = [a for a, _ in every]
        # the clause separators of the whole paragraph at once: a one-character match found in a
        # sentence is found in its paragraph (lookarounds see past the sentence, never past its cut)
        seps = [m.span() for m in clause_re.finditer(text, ps, pe)]
        single = all(b - a == 1 for a, b in seps)
        sep_starts = [a for a, _ in seps]
        for ss, se in _split(text, ps, pe, cfg["terminator_re"], paren, [a for a, _ in paren]):
            s_idx = len(sents)
            sents.append((ss, se, p))
            if single:
                lo, hi = bisect.bisect_left(sep_starts, ss), bisect.bisect_left(sep_starts, se - 1)
                cuts = [b for a, b in seps[lo:hi] if not (every and _inside(a, every, every_starts))]
                pieces = _pieces(text, ss, se, cuts)
            else:
                pieces = _split(text, ss, se, clause_re, every, every_starts)
            for cs, ce in pieces:
                claus.append((cs, ce, s_idx, p))
    return paras, sents, claus



def sentences(text: str) -> pd.DataFrame:
    """Sentences: sentence, start, end, paragraph (a sentence never crosses a line)."""
    paras, sents, _ = unit_spans(text)
    return span_frame(sents, SENTENCE_COLUMNS)


def clauses(text: str) -> pd.DataFrame:
    """Clauses: clause, start, end, sentence, paragraph."""
    _, _, claus = unit_spans(text)
    return span_frame(claus, CLAUSE_COLUMNS)


def span_frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """Integer span table: an index column, then one column per tuple field."""
    arr = np.array(rows, dtype=np.int64).reshape(len(rows), len(columns) - 1)
    data = {columns[0]: np.arange(len(rows), dtype=np.int64)}
    data.update({c: arr[:, k] for k, c in enumerate(columns[1:])})
    return pd.DataFrame(data, columns=columns)

