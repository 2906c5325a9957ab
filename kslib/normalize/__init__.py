"""Normalisation: raw document text -> analysis text, with an audit log.

Every change is an *edit* on the raw text: a raw span (start, end), the rule that
made it, the raw text and its replacement ("" for a removal). Each character of the
normalised text remembers the raw offset it came from, so any position in `text`
maps back to a raw line, and raw can be rebuilt exactly from text + log
(`restore_raw`), which is what the tests check: nothing leaves raw unlogged.

Order of the rules (each works on the result of the previous ones):
  1. line rules on raw lines: appended related-news section, navigation, dateline,
     byline, editor, promo, digit ids (kslib/data/boilerplate.yaml), then
     repeated paragraphs (verbatim repeats of an earlier kept line);
  2. page-break markers ("(下转A2版)") and Markdown heading marks;
  3. paragraphs split by a page break rejoined;
  4. Traditional -> Simplified (OpenCC t2s);
  5. OCR slips in numbers (l/I/O for 1/1/0), then full-width -> ASCII;
  6. spacing inside numbers ("国批 30 周年", "8.5 万元");
  7. whitespace: lines trimmed, runs of blank lines collapsed.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import yaml

__all__ = ["Normalized", "normalize", "restore_raw", "LOG_COLUMNS"]

LOG_COLUMNS = ["doc_id", "line", "rule", "text", "replacement", "raw_start", "raw_end"]

# Sentence-final (or clause-final) punctuation: a line ending in one is complete.
_LINE_END_OK = "。！？!?…”」』\"’；;：:)）】》.>"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_MAGNITUDE = "十百千万萬亿億"
MIN_REPEAT_CHARS = 8  # a verbatim repeat shorter than this is kept


@functools.lru_cache(maxsize=1)
def _rules() -> dict:
    text = resources.files("kslib.data").joinpath("boilerplate.yaml").read_text("utf-8")
    cfg = yaml.safe_load(text)
    cfg["cut_from"]["compiled"] = [re.compile(p) for p in cfg["cut_from"]["patterns"]]
    for r in cfg["line_rules"] + cfg["span_rules"]:
        r["compiled"] = [re.compile(p) for p in r["patterns"]]
    return cfg


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@dataclass
class _Row:
    rule: str
    raw_start: int
    raw_end: int
    replacement: str


class _Buffer:
    """The text being normalised, each character tagged with its raw origin.

    `origin[i]` is the raw offset of character i; `row[i]` is -1 for a character
    copied unchanged from raw, else the index of the log row that produced it.
    """

    def __init__(self, raw: str):
        self.raw = raw
        self.text = raw
        self.origin = np.arange(len(raw), dtype=np.int64)
        self.row = np.full(len(raw), -1, dtype=np.int64)
        self.rows: list[_Row | None] = []

    def edit(self, spans: list[tuple[int, int, str, str]]) -> None:
        """Replace buffer spans [(start, end, replacement, rule)], sorted, disjoint."""
        if not spans:
            return
        spans = self._expand(spans)
        n = len(spans)
        starts = np.fromiter((sp[0] for sp in spans), np.int64, n)
        ends = np.fromiter((sp[1] for sp in spans), np.int64, n)
        lens = np.fromiter((len(sp[2]) for sp in spans), np.int64, n)
        fast = self._plain(starts, ends)
        rids = np.empty(n, np.int64)
        anchors = np.empty(n, np.int64)
        parts_t = []
        pos = 0
        for k, (s, e, repl, rule) in enumerate(spans):
            if fast[k]:  # unchanged raw characters, contiguous in raw: one row, as _log would make
                a = int(self.origin[s])
                rids[k], anchors[k] = len(self.rows), a
                self.rows.append(_Row(rule, a, int(self.origin[e - 1]) + 1, repl))
            else:
                rids[k], anchors[k] = self._log(s, e, repl, rule)
            parts_t.append(self.text[pos:s])
            parts_t.append(repl)
            pos = e
        parts_t.append(self.text[pos:])
        self.text = "".join(parts_t)
        # Vectorised splice of origin/row: kept characters move by the net length
        # change of the spans before them; replacement characters get the span's
        # anchor and row id.
        size = len(self.origin)
        growth = np.cumsum(lens - (ends - starts))
        mark = np.zeros(size + 1, np.int64)
        np.add.at(mark, starts, 1)
        np.add.at(mark, ends, -1)
        kept = np.flatnonzero(np.cumsum(mark[:-1]) == 0)
        before = np.searchsorted(ends, kept, side="right")
        new_kept = kept + np.where(before > 0, growth[np.maximum(before - 1, 0)], 0)
        new_starts = starts + np.concatenate([[0], growth[:-1]])
        total = int(lens.sum())
        rep_pos = np.repeat(new_starts - (np.cumsum(lens) - lens), lens) + np.arange(total)
        origin = np.empty(size + int(growth[-1]), np.int64)
        row = np.empty_like(origin)
        origin[new_kept] = self.origin[kept]
        row[new_kept] = self.row[kept]
        rep_origin = np.repeat(anchors, lens)
        # a same-length rewrite of untouched raw (t2s 崑→昆, width ３→3): each
        # character keeps its own raw offset
        same = np.repeat(fast & (lens == ends - starts), lens)
        if same.any():
            src = np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(total)
            rep_origin[same] = self.origin[src[same]]
        origin[rep_pos] = rep_origin
        row[rep_pos] = np.repeat(rids, lens)
        self.origin, self.row = origin, row

    def _touched(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Per span: does it cover a character an earlier rule produced?"""
        produced = np.concatenate([[0], np.cumsum(self.row >= 0)])
        return produced[ends] - produced[starts] > 0

    def _plain(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Per span: non-empty, covers only unchanged raw characters, contiguous in raw."""
        ok = (ends > starts) & ~self._touched(starts, ends)
        idx = np.flatnonzero(ok)
        if len(idx):
            s, e = starts[idx], ends[idx]
            ok[idx] = self.origin[e - 1] - self.origin[s] == e - s - 1
        return ok

    def _expand(self, spans):
        """Widen each span to whole earlier rows it touches (a row's characters are
        replaced together), merging spans that then overlap; rule names combine."""
        if not self._touched(np.array([sp[0] for sp in spans], np.int64),
                             np.array([sp[1] for sp in spans], np.int64)).any():
            # nothing to widen or merge (spans are sorted and disjoint)
            return [(s, e, repl, "+".join(dict.fromkeys(rule.split("+")))) for s, e, repl, rule in spans]
        widened = []
        for s, e, repl, rule in spans:
            lo, hi = s, e
            for t in set(self.row[s:e][self.row[s:e] >= 0].tolist()):
                idx = np.flatnonzero(self.row == t)
                lo, hi = min(lo, int(idx[0])), max(hi, int(idx[-1]) + 1)
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
            old = [self.rows[t].rule for t in sorted(set(self.row[lo:hi][self.row[lo:hi] >= 0].tolist()))]
            names = list(dict.fromkeys(r for rr in old + rules for r in rr.split("+")))
            out.append((lo, hi, "".join(text), "+".join(names)))
        return out

    def _log(self, s: int, e: int, repl: str, rule: str) -> tuple[int, int]:
        """Record buffer span [s, e) -> repl; return (row id, raw anchor offset).

        A span that covers characters an earlier rule produced absorbs that rule's
        row, so each raw character belongs to at most one row.
        """
        touched = sorted(set(self.row[s:e][self.row[s:e] >= 0].tolist()))
        intervals = [(int(o), int(o) + 1) for o in self.origin[s:e][self.row[s:e] < 0]]
        for t in touched:
            intervals.append((self.rows[t].raw_start, self.rows[t].raw_end))
            self.rows[t] = None
        if not intervals:  # pure insertion: anchor just before the next character
            anchor = int(self.origin[s]) if s < len(self.origin) else len(self.raw)
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
            self.rows.append(_Row(rule, a, b, repl if k == 0 else ""))
        return first, merged[0][0]

    def sub(self, pattern: re.Pattern, rule: str, repl=None, flags_text=None) -> None:
        """Regex substitution over the buffer; `repl(match)` returns the new text or
        None to leave the match alone."""
        spans = []
        for m in pattern.finditer(self.text if flags_text is None else flags_text):
            new = "" if repl is None else repl(m)
            if new is None or new == m.group(0):
                continue
            spans.append((m.start(), m.end(), new, rule))
        self.edit(spans)


@dataclass(frozen=True)
class Normalized:
    """Result of `normalize`: the clean text, its raw offsets, and the log."""

    raw: str
    text: str
    offsets: np.ndarray = field(repr=False)
    log: list[dict] = field(repr=False)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.raw)]

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


def _line_spans(text: str):
    """(start, end_including_newline, content) for each line of text."""
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        yield pos, min(end + 1, len(text)), line
        pos = end + 1


def _author_names(authors: str | None) -> set[str]:
    if not authors or not isinstance(authors, str):
        return set()
    return {a for a in re.split(r"[\s,，、;；/]+", authors) if a}


def _line_removals(raw: str, authors: set[str]) -> list[tuple[int, int, str, str]]:
    cfg = _rules()
    spans = []
    seen: set[str] = set()
    cut = False
    for start, end, line in _line_spans(raw):
        s = line.strip()
        rule = None
        if cut or any(p.match(s) for p in cfg["cut_from"]["compiled"]):
            cut, rule = True, cfg["cut_from"]["rule"]
        elif s:
            for r in cfg["line_rules"]:
                if len(s) <= r["max_len"] and any(p.fullmatch(s) for p in r["compiled"]):
                    rule = r["rule"]
                    break
            if rule is None and authors and set(s.split()) <= authors:
                rule = "byline"
            # short lines (list markers, "（完）", a repeated one-word heading) repeat legitimately
            if rule is None and len(s) >= MIN_REPEAT_CHARS and s in seen:
                rule = "repeated_paragraph"
            if rule is None:
                seen.add(s)
        if rule:
            spans.append((start, end, "", rule))
    return spans


def _is_heading(line: str) -> bool:
    return line.lstrip().startswith("#")


def _page_break_joins(buf: _Buffer) -> None:
    """Rejoin a paragraph a page break split: a long line ending mid-sentence,
    followed (after blank lines) by a long line that is not a heading."""
    lines = list(_line_spans(buf.text))
    spans = []
    for i, (start, end, line) in enumerate(lines):
        s = line.rstrip()
        if len(s) < 20 or s[-1] in _LINE_END_OK or not re.match(f"[{_CJK}]", s[-1]):
            continue
        if not re.search("[。！？；，,]", s):
            continue  # a title or caption, not a paragraph
        j = i + 1
        while j < len(lines) and not lines[j][2].strip():
            j += 1
        if j == len(lines):
            continue
        nxt = lines[j][2].strip()
        if _is_heading(nxt) or len(nxt) < 20 or not re.match(f"[{_CJK}]", nxt[0]):
            continue
        gap_start = start + len(s)
        gap_end = lines[j][0] + (len(lines[j][2]) - len(lines[j][2].lstrip()))
        spans.append((gap_start, gap_end, "", "page_break_join"))
    buf.edit(spans)


def _t2s_edits(buf: _Buffer) -> None:
    converted = _t2s().convert(buf.text)
    if converted == buf.text:
        return
    spans = []
    if len(converted) == len(buf.text):
        a = np.frombuffer(buf.text.encode("utf-32-le"), dtype=np.uint32)
        b = np.frombuffer(converted.encode("utf-32-le"), dtype=np.uint32)
        diff = np.flatnonzero(a != b)
        # group adjacent changed characters into one row
        if len(diff):
            breaks = np.flatnonzero(np.diff(diff) > 1)
            starts = np.concatenate([[diff[0]], diff[breaks + 1]])
            ends = np.concatenate([diff[breaks], [diff[-1]]]) + 1
            spans = [(int(s), int(e), converted[s:e], "t2s") for s, e in zip(starts, ends)]
    else:  # a phrase conversion changed the length: align with difflib
        import difflib

        sm = difflib.SequenceMatcher(None, buf.text, converted, autojunk=False)
        spans = [(i1, i2, converted[j1:j2], "t2s") for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]
    buf.edit(spans)


_OCR = re.compile(
    # a lone l/I/O (ASCII or full-width) standing for a digit: next to a digit, or
    # right before a magnitude or currency; never inside a Latin word.
    rf"(?<![A-Za-zＡ-Ｚａ-ｚ])([lIOｌＩＯ])(?![A-Za-zＡ-Ｚａ-ｚ])"
    rf"(?:(?<=[0-9０-９.．][lIOｌＩＯ])|(?=[0-9０-９]|[.．][0-9０-９]|[{_MAGNITUDE}]?[元亿億万萬]))"
)
_OCR_DIGIT = {"l": "1", "I": "1", "O": "0", "ｌ": "1", "Ｉ": "1", "Ｏ": "0"}
_FULLWIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ％＋．\u3000]+")
_SPACED_NUMBER = [
    re.compile(rf"(?<=[{_CJK}])[ \t]+(?=\d)"),       # 国批 30 -> 国批30
    re.compile(rf"(?<=[\d%])[ \t]+(?=[{_CJK}])"),     # 30 周年 -> 30周年, 8.5 万元
    re.compile(r"(?<=\d)[ \t]+(?=[.%]\d?)"),          # 8 .5 / 12 %
    re.compile(r"(?<=\d\.)[ \t]+(?=\d)"),             # 8. 5
    re.compile(r"(?<![\d.])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d.])"),  # 1 000 000
]


def _fullwidth(m: re.Match) -> str:
    return "".join(" " if c == "\u3000" else unicodedata.normalize("NFKC", c) for c in m.group(0))


def _spaced_number(m: re.Match) -> str:
    return re.sub(r"[ \t\u00a0]", "", m.group(0))


def normalize(raw: str, authors: str | None = None) -> Normalized:
    """Normalise one document's raw text; see the module docstring for the rules."""
    buf = _Buffer(raw)
    buf.edit(_line_removals(raw, _author_names(authors)))
    for r in _rules()["span_rules"]:
        for p in r["compiled"]:
            buf.sub(re.compile(rf"[ \t]*{p.pattern}[ \t]*"), r["rule"])
    buf.sub(re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+"), "markdown")
    _page_break_joins(buf)
    _t2s_edits(buf)
    buf.sub(_OCR, "ocr_digit", lambda m: _OCR_DIGIT[m.group(1)])
    buf.sub(_FULLWIDTH, "width", _fullwidth)
    for p in _SPACED_NUMBER:
        buf.sub(p, "number_spacing", _spaced_number)
    # whitespace: trim lines, collapse blank-line runs, trim the document
    buf.sub(re.compile(r"(?m)^[ \t\u00a0\u3000]+|[ \t\u00a0\u3000\r]+$"), "whitespace")
    buf.sub(re.compile(r"\n{3,}"), "whitespace", lambda m: "\n\n")
    buf.sub(re.compile(r"\A\n+|\n+\Z"), "whitespace")

    log = []
    nl = Normalized(raw=raw, text=buf.text, offsets=buf.origin, log=log)
    for r in sorted((r for r in buf.rows if r is not None), key=lambda r: (r.raw_start, r.raw_end)):
        log.append(
            {
                "line": nl.raw_line_of_offset(r.raw_start),
                "rule": r.rule,
                "text": raw[r.raw_start : r.raw_end],
                "replacement": r.replacement,
                "raw_start": r.raw_start,
                "raw_end": r.raw_end,
            }
        )
    return nl


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
