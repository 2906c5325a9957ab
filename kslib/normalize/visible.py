"""The visible lines of a document (markup removed, before boilerplate removal), kept for reading
metadata: a sequence of (raw line, text) read from one string on demand, not a list of line copies."""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .buffer import Buffer

__all__ = ["Visible", "visible_lines"]

_LINE = re.compile("[^\n]+")
_NON_BLANK = re.compile(r"\S")  # str.strip()'s whitespace is re's \s (both Py_UNICODE_ISSPACE)
_RAW_BREAK = re.compile("\r\n|[\n\r\u0085\u2028\u2029]")


class Visible(Sequence):
    """(raw line, text) of each non-blank line of `text`: the line spans and their raw lines as
    int arrays, the text shared with the buffer it was read from (the raw text itself when no
    markup was removed). Equal to a list of the same tuples."""

    __slots__ = ("text", "start", "end", "line")

    def __init__(self, text: str, start: np.ndarray, end: np.ndarray, line: np.ndarray):
        self.text, self.start, self.end, self.line = text, start, end, line

    def __len__(self) -> int:
        return len(self.start)

    def _item(self, k: int) -> tuple[int, str]:
        return int(self.line[k]), self.text[int(self.start[k]):int(self.end[k])]

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._item(j) for j in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError("visible line out of range")
        return self._item(k)

    def __iter__(self):
        return (self._item(k) for k in range(len(self)))

    def __reversed__(self):
        return (self._item(k) for k in range(len(self) - 1, -1, -1))

    def __eq__(self, other) -> bool:
        if isinstance(other, (Visible, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"Visible({len(self)} lines)"

    def __getstate__(self):
        return {k: getattr(self, k) for k in self.__slots__}

    def __setstate__(self, state):
        for k, v in state.items():
            setattr(self, k, v)


def visible_lines(buf: Buffer) -> Visible:
    """(raw line, text) of the buffer's non-blank lines, as `[(raw line of the line's first
    character, line) for line in buf.text.split("\\n") if line.strip()]` would give."""
    text = buf.text
    start, end = [], []
    for m in _LINE.finditer(text):
        a, b = m.span()
        if _NON_BLANK.search(text, a, b):
            start.append(a)
            end.append(b)
    dtype = np.int32 if len(text) < 2**31 - 1 else np.int64
    start = np.asarray(start, dtype=dtype)
    end = np.asarray(end, dtype=dtype)
    breaks = np.fromiter((m.end() for m in _RAW_BREAK.finditer(buf.raw)), np.int64)
    raw_starts = np.concatenate([np.zeros(1, np.int64), breaks])
    line = np.searchsorted(raw_starts, buf.raw_offsets(start).astype(np.int64), side="right").astype(dtype)
    return Visible(text, start, end, line)
