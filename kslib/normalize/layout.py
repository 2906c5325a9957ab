"""Line layout: Markdown heading marks, paragraphs hard-wrapped at a fixed width or split by a page break
rejoined, and whitespace (lines trimmed, blank-line runs collapsed)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .buffer import Buffer, line_spans
from .characters import CJK

__all__ = ["markdown_headings", "hard_wrap_joins", "page_break_joins", "whitespace", "LINE_END_OK"]

# Sentence-final (or clause-final) punctuation: a line ending in one is complete.
LINE_END_OK = "。！？!?…”」』\"’；;：:)）】》.>"


def is_heading(line: str) -> bool:
    return line.lstrip().startswith("#")


# A line that starts a block of its own: a heading or list item (一、 （二） 第三章 1. (4) • - * #)
_BLOCK_START = re.compile(r"[#>|*•·●■◆▪]|[-+]\s|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[)）]"
                          r"|第[一二三四五六七八九十百零〇0-9]+[章节条部分编篇]|[0-9]{1,2}[、.．]\D")
# Columns of a table written as text: a tab or a run of spaces inside the line
_COLUMNS = re.compile(r"\S(?:\t| {2,}|\u3000)\S")
_INDENT = " \t\u3000\u00a0"
_WRAP_MIN = 30  # display columns (15 Chinese characters): shorter lines are not wrapped prose


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def hard_wrap_joins(buf: Buffer) -> None:
    """Rejoin paragraphs hard-wrapped at a fixed width (text extracted from PDF, e-mail, plain-text
    archives, Markdown source): where at least three lines end mid-sentence at the same width (within
    two Chinese characters of the most common one) and hardly any line is wider (the page's width), a line
    at that width whose next line goes on without a blank line,
    indentation or a heading or list mark, loses its line break (a space between two Latin letters or
    digits). Table rows (columns of spaces or tabs) and shorter lines (a paragraph's last) stay."""
    lines = list(line_spans(buf.text))
    cands, widths = [], []
    for i in range(len(lines) - 1):
        s = lines[i][2].rstrip()
        if len(s) * 2 >= _WRAP_MIN:  # a cheap bound: no line shorter can reach the width
            widths.append(_width(s))
        if not s or _COLUMNS.search(s.strip()):
            continue
        nxt = lines[i + 1][2]
        if not nxt.strip() or nxt[0] in _INDENT or _BLOCK_START.match(nxt):
            continue
        w = _width(s)
        if w >= _WRAP_MIN:
            cands.append((i, w, s[-1] not in LINE_END_OK))
    mid = [w for _, w, open_ in cands if open_]
    if len(mid) < 3:
        return
    counts = Counter(mid)
    mode = max(counts, key=lambda w: (counts[w], w))
    # at the page's width a line ending a sentence goes on too (the paragraph ends on a shorter line)
    band = [i for i, w, _ in cands if mode - 4 <= w <= mode + 2]
    # the width is the page's: (almost) no line is wider (headlines of equal length before body text are not a wrap)
    wider = sum(w > mode + 2 for w in widths)
    if sum(mode - 4 <= w <= mode + 2 for w in mid) < 3 or wider > 0.05 * len(widths):
        return
    spans = []
    for i in band:
        start, _, line = lines[i]
        s = line.rstrip()
        nxt_start = lines[i + 1][0]
        a, b = s[-1], lines[i + 1][2][0]
        glue = " " if a.isascii() and a.isalnum() and b.isascii() and b.isalnum() else ""
        spans.append((start + len(s), nxt_start, glue, "hard_wrap_join"))
    buf.edit(spans)


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
        if j == i + 1 and lines[j][2][0] in _INDENT:
            continue  # an indented line right after starts a paragraph
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
