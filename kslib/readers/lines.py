"""Line breaks: CRLF, lone CR, LF, NEL (U+0085), LINE and PARAGRAPH SEPARATOR (U+2028/9).

Raw keeps the file's own line endings; normalisation rewrites each non-LF break to
"\\n" through the audit log (rule `line_break`), and raw line numbers count every
break form, so a lone-CR file (old Mac, some CMS exports) has its real line numbers.
"""
from __future__ import annotations

import re

import numpy as np

__all__ = ["LINE_BREAK", "line_starts", "line_break_spans", "split_lines"]

# CRLF first so that it counts as one break
LINE_BREAK = re.compile("\r\n|[\n\r\u0085\u2028\u2029]")
_NON_LF = re.compile("\r\n|[\r\u0085\u2028\u2029]")


def line_starts(raw: str) -> np.ndarray:
    """Offsets at which each raw line starts (line 1 starts at 0)."""
    return np.array([0] + [m.end() for m in LINE_BREAK.finditer(raw)], dtype=np.int64)


def line_break_spans(raw: str) -> list[tuple[int, int, str, str]]:
    """Spans rewriting every break that is not a plain LF to "\\n" (rule line_break)."""
    return [(m.start(), m.end(), "\n", "line_break") for m in _NON_LF.finditer(raw)]


def split_lines(raw: str) -> list[tuple[int, int, str]]:
    """(start, end_without_break, text) for each raw line, any break form."""
    out, pos = [], 0
    for m in LINE_BREAK.finditer(raw):
        out.append((pos, m.start(), raw[pos:m.start()]))
        pos = m.end()
    out.append((pos, len(raw), raw[pos:]))
    return out
