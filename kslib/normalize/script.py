"""Traditional -> Simplified Chinese with OpenCC's hk2s: t2s plus the Hong Kong variant characters (衞 -> 卫,
which t2s leaves), never tw2sp, which rewrites vocabulary; logged (rule "t2s") per changed run of characters,
each character keeping its own raw offset."""
from __future__ import annotations

import functools
import re

import numpy as np

from .buffer import Buffer

__all__ = ["t2s", "t2s_edits"]

@functools.lru_cache(maxsize=1)
def t2s():
    import opencc

    return opencc.OpenCC("hk2s")  # t2s's tables plus HKVariantsRev: the same on every other character


CHUNK = 1 << 20  # characters converted at a time in a long text
# A run of text ends just after one of these. No OpenCC dictionary key holds a line break (its
# dictionaries are one entry a line), and the multi-character keys of OpenCC 1.4's dictionaries
# (the hk2s chain: TSPhrases, HKVariantsRev[Phrases], TSCharacters[Ext], CJK compatibility) are
# Han characters only, so no phrase match crosses "。" either (tests/normalize/test_lean.py
# checks the runs against the whole text on Traditional documents made one line).
_RUN_END = re.compile("[\n。]")


def t2s_edits(buf: Buffer) -> None:
    """hk2s on the buffer. A long text is converted a run of about CHUNK characters at a time,
    each ending after a line break or 。, where no phrase match crosses: the runs converted one
    after another give the text converted at once, with OpenCC's buffers for one run only.
    If a run changes length (a phrase conversion) or changes its last character, the whole
    text is converted and aligned at once as before."""
    text = buf.text
    if len(text) > CHUNK and _RUN_END.search(text):
        spans = []
        for a, b in _runs(text, CHUNK):
            piece = text[a:b]
            converted = t2s().convert(piece)
            if converted == piece:
                continue
            if len(converted) != len(piece) or b < len(text) and converted[-1] != piece[-1]:
                break
            spans += _same_length_spans(piece, converted, a)
        else:
            buf.edit(spans)
            return
    converted = t2s().convert(text)
    if converted == text:
        return
    if len(converted) == len(text):
        spans = _same_length_spans(text, converted, 0)
    else:  # a phrase conversion changed the length: align with difflib
        import difflib

        sm = difflib.SequenceMatcher(None, text, converted, autojunk=False)
        spans = [(i1, i2, converted[j1:j2], "t2s") for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]
    buf.edit(spans)


def _runs(text: str, size: int):
    """(start, end) of consecutive runs of text of about `size` characters or more, covering
    it; every run but the last ends just after a line break or 。."""
    a = 0
    while a < len(text):
        m = _RUN_END.search(text, a + size - 1) if a + size < len(text) else None
        b = len(text) if m is None else m.end()
        yield a, b
        a = b


def _same_length_spans(text: str, converted: str, at: int) -> list:
    """Spans (start + at, end + at, converted run, "t2s") of each run of adjacent characters
    the conversion changed, when it kept the length."""
    a = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    b = np.frombuffer(converted.encode("utf-32-le"), dtype=np.uint32)
    diff = np.flatnonzero(a != b)
    del a, b
    if not len(diff):
        return []
    # group adjacent changed characters into one row
    breaks = np.flatnonzero(np.diff(diff) > 1)
    starts = np.concatenate([[diff[0]], diff[breaks + 1]])
    ends = np.concatenate([diff[breaks], [diff[-1]]]) + 1
    return [(int(s) + at, int(e) + at, converted[s:e], "t2s") for s, e in zip(starts, ends)]
