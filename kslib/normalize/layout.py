"""Line layout: Markdown heading marks, paragraphs split by a page break rejoined, and whitespace
(lines trimmed, blank-line runs collapsed)."""
from __future__ import annotations

import re

from .buffer import Buffer, line_spans
from .characters import CJK

__all__ = ["markdown_headings", "page_break_joins", "whitespace", "LINE_END_OK"]

# Sentence-final (or clause-final) punctuation: a line ending in one is complete.
LINE_END_OK = "。！？!?…”」』\"’；;：:)）】》.>"


def is_heading(line: str) -> bool:
    return line.lstrip().startswith("#")


def page_break_joins(buf: Buffer) -> None:
    """Rejoin a paragraph a page break split: a long line ending mid-sentence,
    followed (after blank lines) by a long line that is not a heading."""
    lines = list(line_spans(buf.text))
    spans = []
    for i, (start, end, line) in enumerate(lines):
        s = line.rstrip()
        if len(s) < 20 or s[-1] in LINE_END_OK or not re.match(f"[{CJK}]", s[-1]):
            continue
        if not re.search("[。！？；，,]", s):
            continue  # a title or caption, not a paragraph
        j = i + 1
        while j < len(lines) and not lines[j][2].strip():
            j += 1
        if j == len(lines):
            continue
        nxt = lines[j][2].strip()
        if is_heading(nxt) or len(nxt) < 20 or not re.match(f"[{CJK}]", nxt[0]):
            continue
        gap_start = start + len(s)
        gap_end = lines[j][0] + (len(lines[j][2]) - len(lines[j][2].lstrip()))
        spans.append((gap_start, gap_end, "", "page_break_join"))
    buf.edit(spans)


def markdown_headings(buf: Buffer) -> None:
    buf.sub(re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+"), "markdown")


def whitespace(buf: Buffer) -> None:
    """Trim lines, collapse blank-line runs, trim the document."""
    buf.sub(_EDGES, "whitespace")
    if "\n\n\n" in buf.text:  # what the pattern needs
        buf.sub(_BLANKS, "whitespace", lambda m: "\n\n")
    # leading and trailing line breaks of the document (what r"\A\n+|\n+\Z" finds, without a scan)
    text = buf.text
    lead = len(text) - len(text.lstrip("\n"))
    trail = len(text.rstrip("\n"))
    spans = [(0, lead, "", "whitespace")] if lead else []
    if trail >= lead and trail < len(text):
        spans.append((trail, len(text), "", "whitespace"))
    buf.edit(spans)


_EDGES = re.compile(r"(?m)^[ \t\u00a0\u3000]+|[ \t\u00a0\u3000\r]+$")
_BLANKS = re.compile(r"\n{3,}")
