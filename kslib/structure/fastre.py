"""Faster finditer for patterns with lookbehinds (the time, year and cue patterns of kslib/data/*.yaml):
the same matches, found by a prefilter that Python's regex engine can scan for by its first characters."""
from __future__ import annotations

import functools
import re

__all__ = ["FastPattern", "fast"]


def _strip_lookbehinds(pattern: str) -> str | None:
    """pattern without its lookbehind assertions (?<=…) and (?<!…), or None when one holds a capturing group
    (removing it would renumber the groups) or the pattern cannot be read. Removing an assertion only widens
    what a pattern matches at a position: every match of the pattern is a match of the result there."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif c == "[":
            j = _class_end(pattern, i)
            if j < 0:
                return None
            out.append(pattern[i:j])
            i = j
        elif pattern.startswith(("(?<=", "(?<!"), i):
            j, captures = _group_end(pattern, i)
            if j < 0 or captures:
                return None
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _class_end(p: str, i: int) -> int:
    """The index after the character class opened at p[i] ('[')."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p):
        if p[j] == "\\":
            j += 2
            continue
        if p[j] == "]":
            return j + 1
        j += 1
    return -1


def _group_end(p: str, i: int) -> tuple[int, bool]:
    """The index after the group opened at p[i] and whether a capturing group is inside it."""
    depth, j, captures = 0, i, False
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(p, j)
            if j < 0:
                return -1, False
            continue
        if c == "(":
            depth += 1
            if j > i and not p.startswith("?", j + 1):
                captures = True
            elif j > i and p.startswith("?P<", j + 1):
                captures = True
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1, captures
        j += 1
    return -1, False


class FastPattern:
    """A compiled pattern whose finditer(text) gives the same matches as re's, faster when the pattern
    holds lookbehinds: the prefilter (the pattern without them) finds each position where a match may
    start, the pattern's own match() there decides (it sees the text before the position, as finditer does)."""

    def __init__(self, rx: re.Pattern):
        self.rx = rx
        self.pattern = rx.pattern
        pre = _strip_lookbehinds(rx.pattern) if isinstance(rx.pattern, str) and "(?<" in rx.pattern else None
        try:
            self._pre = re.compile(pre, rx.flags) if pre and pre != rx.pattern else None
        except re.error:
            self._pre = None

    def finditer(self, text: str) -> list[re.Match]:
        if self._pre is None:
            return list(self.rx.finditer(text))
        out = []
        search, match = self._pre.search, self.rx.match
        pos, n = 0, len(text)
        while pos <= n:
            c = search(text, pos)
            if c is None:
                break
            p = c.start()
            m = match(text, p)
            if m is None:
                pos = p + 1
                continue
            if m.end() == p:  # an empty match: let re apply its own rules for those
                return list(self.rx.finditer(text))
            out.append(m)
            pos = m.end()
        return out

    def cannot_match(self, text: str) -> bool:
        """True when the pattern has no match in text (its prefilter has none); False: it may have one."""
        return self._pre is not None and self._pre.search(text) is None

    def __getattr__(self, name):
        return getattr(self.rx, name)


@functools.lru_cache(maxsize=256)
def fast(rx: re.Pattern) -> FastPattern:
    """The FastPattern of a compiled pattern, built once."""
    return FastPattern(rx)
