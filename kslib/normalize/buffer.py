"""The audit buffer: the text being normalised, each character tagged with its raw offset, every
edit a log row; `Normalized` (text, offsets, log) and `restore_raw`, which rebuilds raw from them."""
from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .offsets import compact
from .origins import Constant, Runs, concat, part

__all__ = ["Buffer", "Normalized", "Log", "finish", "restore_raw", "line_spans", "LOG_COLUMNS"]

_LINE_BREAK = re.compile("\r\n|[\n\r\u0085\u2028\u2029]")
_FEW = 16  # edit(): up to this many spans with Python integers
_FEW_CHARS = 64  # a logged span this short is read with Python integers
_LAZY_MIN = 1 << 16  # a text this long keeps its arrays unmade until an edit needs them
LOG_COLUMNS = ["doc_id", "line", "rule", "text", "replacement", "raw_start", "raw_end", "note"]


@dataclass
class Row:
    rule: str
    raw_start: int
    raw_end: int
    replacement: str


class Buffer:
    """The text being normalised, each character tagged with its raw origin.

    `origin[i]` is the raw offset of character i; `row[i]` is -1 for a character
    copied unchanged from raw, else the index of the log row that produced it.
    """

    def __init__(self, raw: str):
        self.raw = raw
        self.text = raw
        # 4 bytes per character and array (8 only for texts of 2**31 characters or more)
        self.dtype = np.int32 if len(raw) < 2**31 - 1 else np.int64
        # identity origin and no rows until the first edit: no arrays for a text no rule changed yet
        self._origin = Constant(len(raw), self.dtype, None)
        self._row = Constant(len(raw), self.dtype, -1)
        self.rows: list[Row | None] = []
        self._produced_at: np.ndarray | None = np.zeros(0, dtype=np.int64)

    @property
    def origin(self) -> np.ndarray:
        """Raw offset of each character (an array, made on first use)."""
        if isinstance(self._origin, (Constant, Runs)):
            self._origin = self._origin.array()
        return self._origin

    @property
    def row(self) -> np.ndarray:
        """Log row of each character, -1 if unchanged (an array, made on first use)."""
        if isinstance(self._row, Constant):
            self._row = self._row.array()
        return self._row

    def raw_offset(self, pos: int) -> int:
        """Raw offset of buffer position pos (without making the origin array)."""
        return int(self._origin[pos])

    def raw_offsets(self, positions: np.ndarray) -> np.ndarray:
        """Raw offsets of many buffer positions (without making the origin array)."""
        return self._origin[positions]

    def edit(self, spans: list[tuple[int, int, str, str]]) -> None:
        """Replace buffer spans [(start, end, replacement, rule)], sorted, disjoint.

        The new text, origin and row arrays are put together from slices of the old ones
        and one array holding every replacement, so an edit costs the size of its result
        (no per-character temporaries: a 50 MB line is edited in a few times its size).
        A few spans are handled with Python integers (numpy's cost per call would dominate),
        many with whole-array operations; both give the same arrays and rows."""
        if not spans:
            return
        if len(self.text) < _LAZY_MIN:  # a short text: its arrays made, numpy's concatenate is faster
            self.origin, self.row  # noqa: B018
        produced = self._produced()
        spans = self._expand(spans, produced)
        n = len(spans)
        if n <= _FEW:
            self._edit_few(spans, produced)
            return
        starts = np.fromiter((sp[0] for sp in spans), np.int64, n)
        ends = np.fromiter((sp[1] for sp in spans), np.int64, n)
        fast = self._plain(starts, ends, produced)
        # raw bounds of the plain spans, read at once (one row each, as _log would make)
        idx = np.flatnonzero(fast)
        raw_lo = dict(zip(idx.tolist(), self._origin[starts[idx]].tolist()))
        raw_hi = dict(zip(idx.tolist(), (self._origin[ends[idx] - 1] + 1).tolist()))
        rids, anchors, same = [], [], []
        parts_t, pos = [], 0
        for k, (s, e, repl, rule) in enumerate(spans):
            if k in raw_lo:  # unchanged raw characters, contiguous in raw
                rid, anchor = len(self.rows), raw_lo[k]
                self.rows.append(Row(rule, anchor, raw_hi[k], repl))
                # a same-length rewrite of untouched raw (t2s 崑→昆, width ３→3): each
                # character keeps its own raw offset
                same.append(len(repl) == e - s)
            else:
                rid, anchor = self._log(s, e, repl, rule)
                same.append(False)
            rids.append(rid)
            anchors.append(anchor)
            parts_t += [self.text[pos:s], repl]
            pos = e
        parts_t.append(self.text[pos:])
        # the replacements' origin and row arrays, built together: each character takes
        # its own raw offset (same-length plain rewrite) or its span's anchor
        lens = np.fromiter((len(sp[2]) for sp in spans), np.int64, n)
        total = int(lens.sum())
        first = np.cumsum(lens) - lens
        within = np.arange(total, dtype=np.int64) - np.repeat(first, lens)
        own = np.asarray(same, dtype=bool)
        rep_o = np.repeat(np.asarray(anchors, dtype=np.int64), lens)
        if own.any():
            mask = np.repeat(own, lens)
            rep_o[mask] = self._origin[(np.repeat(starts, lens) + within)[mask]]
        rep_o = rep_o.astype(self.dtype)
        rep_r = np.repeat(np.asarray(rids, dtype=self.dtype), lens)
        bounds = np.r_[first, total].tolist()
        parts_o = []
        # no row array yet and nothing inserted (removals): there is still none after
        parts_r = None if total == 0 and isinstance(self._row, Constant) else []
        prev = 0
        for k, (s, e) in enumerate(zip(starts.tolist(), ends.tolist())):
            parts_o += [part(self._origin, prev, s), rep_o[bounds[k]:bounds[k + 1]]]
            if parts_r is not None:
                parts_r += [part(self._row, prev, s), rep_r[bounds[k]:bounds[k + 1]]]
            prev = e
        self._assemble(parts_t, parts_o, parts_r, prev)

    def _edit_few(self, spans, produced: np.ndarray) -> None:
        """edit() for a few spans, with Python integers: the same rows and arrays."""
        origin, row = self._origin, self._row
        parts_t, parts_o, prev = [], [], 0
        parts_r = None if isinstance(row, Constant) and not any(sp[2] for sp in spans) else []
        for s, e, repl, rule in spans:
            plain = e > s
            if plain and len(produced):
                plain = bisect.bisect_left(produced, e) - bisect.bisect_left(produced, s) == 0
            if plain:
                lo, hi = int(origin[s]), int(origin[e - 1])
                plain = hi - lo == e - s - 1
            if plain:  # unchanged raw characters, contiguous in raw: one row
                rid = len(self.rows)
                self.rows.append(Row(rule, lo, hi + 1, repl))
                if len(repl) == e - s:  # same-length rewrite: each character keeps its raw offset
                    rep_o = part(origin, s, e)
                else:
                    rep_o = np.full(len(repl), lo, dtype=self.dtype)
            else:
                rid, anchor = self._log(s, e, repl, rule)
                rep_o = np.full(len(repl), anchor, dtype=self.dtype)
            parts_t += [self.text[prev:s], repl]
            parts_o += [part(origin, prev, s), rep_o]
            if parts_r is not None:
                parts_r += [part(row, prev, s), np.full(len(repl), rid, dtype=self.dtype)]
            prev = e
        parts_t.append(self.text[prev:])
        self._assemble(parts_t, parts_o, parts_r, prev)

    def _assemble(self, parts_t, parts_o, parts_r, prev: int) -> None:
        parts_o.append(part(self._origin, prev, len(self._origin)))
        if parts_r is not None:
            parts_r.append(part(self._row, prev, len(self._row)))
        # empty parts left out: one part left is the new text itself, not copied again
        self.text = "".join([t for t in parts_t if t])
        parts_t.clear()
        # one array at a time: the old origin is freed before the new row is built
        self._origin = concat(parts_o, self.dtype)
        parts_o.clear()
        if parts_r is None:  # removals only on a buffer with no row array: still none
            self._row = Constant(len(self.text), self.dtype, -1)
        else:
            self._row = concat(parts_r, self.dtype)
            parts_r.clear()
        self._produced_at = None

    def _produced(self) -> np.ndarray:
        """Positions of the characters an earlier rule produced (usually few), kept until the next edit."""
        if self._produced_at is None:
            self._produced_at = (np.zeros(0, dtype=np.int64) if isinstance(self._row, Constant)
                                 else np.flatnonzero(self._row >= 0))
        return self._produced_at

    def _touched(self, starts: np.ndarray, ends: np.ndarray, produced: np.ndarray | None = None) -> np.ndarray:
        """Per span: does it cover a character an earlier rule produced?"""
        produced = self._produced() if produced is None else produced
        return np.searchsorted(produced, ends) - np.searchsorted(produced, starts) > 0

    def _plain(self, starts: np.ndarray, ends: np.ndarray, produced: np.ndarray | None = None) -> np.ndarray:
        """Per span: non-empty, covers only unchanged raw characters, contiguous in raw."""
        ok = (ends > starts) & ~self._touched(starts, ends, produced)
        idx = np.flatnonzero(ok)
        if len(idx):
            s, e = starts[idx], ends[idx]
            ok[idx] = self._origin[e - 1].astype(np.int64) - self._origin[s] == e - s - 1
        return ok

    def _expand(self, spans, produced: np.ndarray | None = None):
        """Widen each span to whole earlier rows it touches (a row's characters are
        replaced together), merging spans that then overlap; rule names combine."""
        produced = self._produced() if produced is None else produced
        if not len(produced) or not self._touched(np.array([sp[0] for sp in spans], np.int64),
                                                  np.array([sp[1] for sp in spans], np.int64), produced).any():
            # nothing to widen or merge (spans are sorted and disjoint)
            return [(s, e, repl, rule if "+" not in rule else "+".join(dict.fromkeys(rule.split("+"))))
                    for s, e, repl, rule in spans]
        # first and last buffer position of every row's characters, from the produced ones only
        rows_at = self._row[produced]
        order = np.argsort(rows_at, kind="stable")
        ids, first = np.unique(rows_at[order], return_index=True)
        last = np.r_[first[1:], len(order)] - 1
        extent = {int(t): (int(produced[order[f]]), int(produced[order[la]]) + 1)
                  for t, f, la in zip(ids, first, last)}
        widened = []
        for s, e, repl, rule in spans:
            lo, hi = s, e
            for t in set(self._row[s:e][self._row[s:e] >= 0].tolist()):
                a, b = extent[t]
                lo, hi = min(lo, a), max(hi, b)
            if widened and lo < widened[-1][1]:
                widened[-1][1] = max(widened[-1][1], hi)
                widened[-1][2].append((s, e, repl, rule))
            else:
                widened.append([lo, hi, [(s, e, repl, rule)]])
        out = []
        for lo, hi, group in widened:
            text, pos, rules = [], lo, []
            for s, e, repl, rule in group:
                text += [self.text[pos:s], repl]
                pos = e
                rules.append(rule)
            text.append(self.text[pos:hi])
            old = [self.rows[t].rule for t in sorted(set(self._row[lo:hi][self._row[lo:hi] >= 0].tolist()))]
            names = list(dict.fromkeys(r for rr in old + rules for r in rr.split("+")))
            out.append((lo, hi, "".join(text), "+".join(names)))
        return out

    def _log(self, s: int, e: int, repl: str, rule: str) -> tuple[int, int]:
        """Record buffer span [s, e) -> repl; return (row id, raw anchor offset).

        A span that covers characters an earlier rule produced absorbs that rule's
        row, so each raw character belongs to at most one row.
        """
        if e - s <= _FEW_CHARS:  # a short span: Python integers (numpy's cost per call dominates)
            rows, offs = self._row[s:e].tolist(), self._origin[s:e].tolist()
            touched = sorted({r for r in rows if r >= 0})
            # the span's unchanged raw characters as runs of consecutive raw offsets
            runs: list[list[int]] = []
            for r, o in zip(rows, offs):
                if r < 0:
                    if runs and o == runs[-1][1]:
                        runs[-1][1] = o + 1
                    else:
                        runs.append([o, o + 1])
            intervals = [(a, b) for a, b in runs]
        else:
            touched = sorted(set(self._row[s:e][self._row[s:e] >= 0].tolist()))
            o = self._origin[s:e][self._row[s:e] < 0].astype(np.int64)
            cut = np.flatnonzero(np.diff(o) != 1) + 1
            intervals = (list(zip(o[np.concatenate(([0], cut))].tolist(),
                                  (o[np.concatenate((cut - 1, [len(o) - 1]))] + 1).tolist())) if len(o) else [])
        for t in touched:
            intervals.append((self.rows[t].raw_start, self.rows[t].raw_end))
            self.rows[t] = None
        if not intervals:  # pure insertion: anchor just before the next character
            anchor = int(self._origin[s]) if s < len(self._origin) else len(self.raw)
            intervals = [(anchor, anchor)]
        # Merge touching intervals. A gap left between them is raw text that an
        # earlier rule removed and logged under its own rule; it stays that row's.
        intervals.sort()
        merged = [list(intervals[0])]
        for a, b in intervals[1:]:
            if a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        first = len(self.rows)
        for k, (a, b) in enumerate(merged):
            self.rows.append(Row(rule, a, b, repl if k == 0 else ""))
        return first, merged[0][0]

    def sub(self, pattern: re.Pattern, rule: str, repl=None, flags_text=None) -> None:
        """Regex substitution over the buffer; `repl(match)` returns the new text or
        None to leave the match alone."""
        text = self.text if flags_text is None else flags_text
        if repl is None:  # removals: every non-empty match
            self.edit([(m.start(), m.end(), "", rule) for m in pattern.finditer(text) if m.end() > m.start()])
            return
        spans = []
        for m in pattern.finditer(text):
            new = repl(m)
            if new is None or new == m.group(0):
                continue
            spans.append((m.start(), m.end(), new, rule))
        self.edit(spans)


@dataclass(frozen=True)
class Normalized:
    """Result of `normalize`: the clean text, its raw offsets, and the log; plus what the
    readers learnt (format, the parsed page or Markdown document, the visible lines
    before boilerplate removal — for reading metadata — as (raw line, text))."""

    raw: str
    text: str
    offsets: np.ndarray = field(repr=False)  # an int array, or Offsets (runs) read like one
    log: Sequence[dict] = field(repr=False)  # a Log (or any sequence of row dicts)
    format: str = field(default="text", compare=False)
    parsed: object = field(default=None, repr=False, compare=False)
    visible: list = field(default_factory=list, repr=False, compare=False)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        # every line-break form counts (CRLF, lone CR, NEL, U+2028/2029), as in kslib.readers.lines
        return [0] + [m.end() for m in _LINE_BREAK.finditer(self.raw)]

    def raw_line_of_offset(self, raw_offset: int) -> int:
        """1-based raw line containing raw offset."""
        return bisect.bisect_right(self._line_starts, raw_offset)

    def raw_line(self, pos: int) -> int:
        """1-based line in raw of position `pos` in text."""
        if not 0 <= pos < len(self.text):
            if pos == len(self.text) and pos > 0:
                pos -= 1
            else:
                raise IndexError(f"position {pos} outside text of length {len(self.text)}")
        return self.raw_line_of_offset(int(self.offsets[pos]))

    def raw_lines(self, positions) -> np.ndarray:
        """Vectorised raw_line for many text positions."""
        pos = np.clip(np.asarray(positions, dtype=np.int64), 0, max(len(self.text) - 1, 0))
        return np.searchsorted(np.asarray(self._line_starts), self.offsets[pos], side="right")


def line_spans(text: str):
    """(start, end_including_newline, content) for each line of text."""
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        yield pos, min(end + 1, len(text)), line
        pos = end + 1


def restore_raw(text: str, offsets, log: list[dict]) -> str:
    """Rebuild raw from normalised text, its offsets and the log (the audit check).

    Characters of `text` whose offset lies inside a logged span are that span's
    replacement; every other character must be an unchanged raw character.
    """
    rows = sorted(log, key=lambda r: (r["raw_start"], r["raw_end"]))
    starts = [r["raw_start"] for r in rows]
    pieces: list[tuple[int, int, str]] = [(r["raw_start"], 0, r["text"]) for r in rows]
    replaced = {i: [] for i in range(len(rows))}
    for ch, off in zip(text, np.asarray(offsets).tolist()):
        k = bisect.bisect_right(starts, off) - 1
        if k >= 0 and (rows[k]["raw_start"] <= off < rows[k]["raw_end"] or
                       rows[k]["raw_start"] == rows[k]["raw_end"] == off and rows[k]["replacement"]):
            replaced[k].append(ch)
        else:
            pieces.append((off, 1, ch))
    for k, chars in replaced.items():
        if "".join(chars) != rows[k]["replacement"]:
            raise AssertionError(f"log row {rows[k]} does not match text {''.join(chars)!r}")
    pieces.sort(key=lambda p: (p[0], p[1]))
    return "".join(p[2] for p in pieces)


def finish(buf: Buffer, notes: dict | None = None, repeats: dict | None = None, **extra) -> Normalized:
    """The Normalized result of a buffer: its text, raw offsets and the log rows sorted by raw offset.

    `notes` maps a row's raw start to a note; `repeats` maps the raw start of a near_duplicate
    line to the raw offset of the line it repeats (its note names that raw line);
    `extra` fills Normalized's reader fields (format, parsed, visible)."""
    raw = buf.raw
    rows = sorted((r for r in buf.rows if r is not None), key=lambda r: (r.raw_start, r.raw_end))
    log = Log(raw, rows)
    # offsets as runs (kslib.normalize.offsets): a few per edit, where the array is 4 bytes a character
    nl = Normalized(raw=raw, text=buf.text, offsets=compact(buf._origin, buf.dtype), log=log, **extra)
    if rows:
        # raw lines of all rows at once (as raw_line_of_offset's bisect_right)
        log.line = np.searchsorted(np.asarray(nl._line_starts, dtype=np.int64), log.raw_start,
                                   side="right").astype(log.raw_start.dtype)
    notes = dict(notes or {})
    for start, offset in (repeats or {}).items():
        notes[start] = f"repeats line {nl.raw_line_of_offset(offset)}"
    if notes:
        log.note = {k: notes[s] for k, s in enumerate(log.raw_start.tolist()) if s in notes}
    return nl


class Log(Sequence):
    """The cleaning log of one document, kept by column (raw bounds and raw lines as integer
    arrays, the text of a row read from raw when asked for): a sequence of rows, each a new
    dict with the keys line, rule, text, replacement, raw_start, raw_end, note. A dict per row
    held for every document cost about 500 bytes a row; this costs about a tenth of that."""

    __slots__ = ("raw", "line", "rule", "raw_start", "raw_end", "replacement", "note")

    def __init__(self, raw: str, rows: list[Row]):
        dtype = np.int32 if len(raw) < 2**31 - 1 else np.int64
        self.raw = raw
        self.raw_start = np.fromiter((r.raw_start for r in rows), dtype, len(rows))
        self.raw_end = np.fromiter((r.raw_end for r in rows), dtype, len(rows))
        self.line = np.zeros(len(rows), dtype=dtype)
        self.rule = [sys.intern(r.rule) for r in rows]
        self.replacement = [r.replacement for r in rows]
        self.note: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.rule)

    def _row(self, k: int) -> dict:
        s, e = int(self.raw_start[k]), int(self.raw_end[k])
        return {"line": int(self.line[k]), "rule": self.rule[k], "text": self.raw[s:e],
                "replacement": self.replacement[k], "raw_start": s, "raw_end": e, "note": self.note.get(k, "")}

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._row(j) for j in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError("log row out of range")
        return self._row(k)

    def __iter__(self):
        return (self._row(k) for k in range(len(self)))

    def __eq__(self, other) -> bool:
        if isinstance(other, (Log, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"Log({len(self)} rows)"

    def __getstate__(self):
        return {k: getattr(self, k) for k in self.__slots__}

    def __setstate__(self, state):
        for k, v in state.items():
            setattr(self, k, v)
