"""Traditional -> Simplified Chinese with OpenCC's hk2s: t2s plus the Hong Kong variant characters (衞 -> 卫,
which t2s leaves), never tw2sp, which rewrites vocabulary; logged (rule "t2s") per changed run of characters,
each character keeping its own raw offset."""
from __future__ import annotations

import functools

import numpy as np

from .buffer import Buffer

__all__ = ["t2s", "t2s_edits"]

@functools.lru_cache(maxsize=1)
def t2s():
    import opencc

    return opencc.OpenCC("hk2s")  # t2s's tables plus HKVariantsRev: the same on every other character


def t2s_edits(buf: Buffer) -> None:
    converted = t2s().convert(buf.text)
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
