"""One document through every reader and kslib.normalize's rules, on one audit buffer.

Order: line breaks → format spans (HTML / Markdown) → line rules (boilerplate.yaml's,
then the web rules, short-item runs, site templates) → near-duplicate paragraphs → URLs,
e-mail addresses, percent-encoded strings in the kept lines → normalize's span rules, heading marks,
page-break joins, t2s, OCR digits, width, number spacing, whitespace. Each step edits
the buffer, so every change is a log row and raw = text + log.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

import numpy as np

import importlib

_n = importlib.import_module("kslib.normalize")  # the package (kslib.normalize the attribute is the function)
from .boilerplate import WebRules, inline_spans, line_rule, load_rules, short_run_spans, starts_cut
from .dedup import near_duplicates
from .formats import detect_format
from .html import parse_html
from .lines import LINE_BREAK, line_break_spans
from .markdown import parse_markdown

__all__ = ["Cleaned", "clean", "visible_lines"]


@dataclass(frozen=True)
class Cleaned(_n.Normalized):
    """normalize's result plus what the readers learnt: the format, the parsed page
    or Markdown document, the visible lines before boilerplate removal (for metadata)
    and the near-duplicate pairs (text line -> line it repeats, both raw 1-based)."""

    format: str = "text"
    parsed: object = field(default=None, repr=False)
    visible: list = field(default_factory=list, repr=False)
    repeats: list = field(default_factory=list, repr=False)

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in LINE_BREAK.finditer(self.raw)]


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        yield pos, min(end + 1, len(text)), line
        pos = end + 1


def _line_stage(text: str, authors: str | None, rules: WebRules, templates: frozenset):
    """Whole-line removals on the visible text; returns (spans, near-duplicate pairs
    as (buffer start of the repeat, buffer start of the line it repeats))."""
    removed = {s: (s, e, "", r) for s, e, _, r in _n._line_removals(text, _n._author_names(authors))}
    cut = False
    for start, end, line in _lines(text):
        if start in removed:
            if removed[start][3] == "related_news":
                cut = True
            continue
        rule = None
        if cut or (rules.on("related_news") and starts_cut(line, rules)):
            cut, rule = True, "related_news"
        else:
            rule = line_rule(line, rules)
            if rule is None and templates and line.strip() in templates:
                rule = "site_template"
        if rule:
            removed[start] = (start, end, "", rule)
    for sp in short_run_spans(text, rules, skip=frozenset(removed)):
        removed.setdefault(sp[0], sp)
    pairs = []
    if rules.on("near_duplicate"):
        kept = [(s, e, line) for s, e, line in _lines(text) if s not in removed and line.strip()]
        for i, j, _share in near_duplicates([line for _, _, line in kept]):
            s, e, _ = kept[i]
            removed[s] = (s, e, "", "near_duplicate")
            pairs.append((s, kept[j][0]))
    return sorted(removed.values()), pairs


def visible_lines(buf: "_n._Buffer", raw_line) -> list[tuple[int, str]]:
    """(raw line, text) of each line of the buffer's current text."""
    out = []
    for s, _e, line in _lines(buf.text):
        if s < len(buf.origin):
            out.append((raw_line(int(buf.origin[s])), line))
    return out


def clean(raw: str, fmt: str | None = None, authors: str | None = None,
          rules: WebRules | None = None, templates: frozenset = frozenset()) -> Cleaned:
    """Normalise one document (format detected from the content unless given)."""
    rules = rules or load_rules()
    starts = [0] + [m.end() for m in LINE_BREAK.finditer(raw)]

    def raw_line(off: int) -> int:
        return bisect.bisect_right(starts, off)

    buf = _n._Buffer(raw)
    buf.edit(line_break_spans(raw))
    fmt = fmt or detect_format(buf.text)
    parsed = None
    if fmt == "html":
        parsed = parse_html(buf.text)
        buf.edit(parsed.spans)
    elif fmt == "markdown":
        parsed = parse_markdown(buf.text)
        buf.edit(parsed.spans)
    visible = visible_lines(buf, raw_line)
    spans, pairs = _line_stage(buf.text, authors, rules, templates)
    repeats = [(raw_line(int(buf.origin[a])), raw_line(int(buf.origin[b]))) for a, b in pairs]
    buf.edit(spans)
    buf.edit(inline_spans(buf.text, rules))
    for r in _n._rules()["span_rules"]:
        for p in r["compiled"]:
            buf.sub(re.compile(rf"[ \t]*{p.pattern}[ \t]*"), r["rule"])
    buf.sub(re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+"), "markdown")
    _n._page_break_joins(buf)
    _n._t2s_edits(buf)
    buf.sub(_n._OCR, "ocr_digit", lambda m: _n._OCR_DIGIT[m.group(1)])
    buf.sub(_n._FULLWIDTH, "width", _n._fullwidth)
    for p in _n._SPACED_NUMBER:
        buf.sub(p, "number_spacing", _n._spaced_number)
    buf.sub(re.compile(r"(?m)^[ \t\u00a0\u3000]+|[ \t\u00a0\u3000\r]+$"), "whitespace")
    buf.sub(re.compile(r"\n{3,}"), "whitespace", lambda m: "\n\n")
    buf.sub(re.compile(r"\A\n+|\n+\Z"), "whitespace")
    log = []
    for r in sorted((r for r in buf.rows if r is not None), key=lambda r: (r.raw_start, r.raw_end)):
        log.append({"line": raw_line(r.raw_start), "rule": r.rule, "text": raw[r.raw_start:r.raw_end],
                    "replacement": r.replacement, "raw_start": r.raw_start, "raw_end": r.raw_end})
    return Cleaned(raw=raw, text=buf.text, offsets=np.asarray(buf.origin), log=log, format=fmt,
                   parsed=parsed, visible=visible, repeats=repeats)
