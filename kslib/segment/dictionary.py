"""Dictionary files: the domain user dictionary (kslib/data/userdict.txt) and the stopword list
(stopwordsiso "zh" + kslib/data/stopwords_extra.txt), validated before jieba sees them, because
jieba silently ignores bad lines (DictionaryError names file and line)."""
from __future__ import annotations

import re
from pathlib import Path

from ..config import DATA

__all__ = ["DictionaryError", "USERDICT", "STOPWORDS_EXTRA", "read_checked", "read_userdict",
           "read_stopwords_file", "stopwords"]

USERDICT = DATA / "userdict.txt"
STOPWORDS_EXTRA = DATA / "stopwords_extra.txt"


class DictionaryError(ValueError):
    """A user dictionary or stopword file jieba would misread; the message names file and line."""


_ENTRY = re.compile(r"^(\S+) ([0-9]+)(?: ([a-z]+))?$")


def read_checked(path: Path) -> list[str]:
    """Lines of a UTF-8 (no BOM), LF-only text file; DictionaryError otherwise."""
    path = Path(path)
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise DictionaryError(f"{path}, line 1: starts with a UTF-8 byte-order mark (BOM); "
                              "save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise DictionaryError(f"{path}, line {line}: not valid UTF-8 ({e.reason} at byte {e.start}); "
                              "save the file as UTF-8") from e
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise DictionaryError(f"{path}, line {line}: Windows/Mac line ending (\\r); "
                              "use Unix line endings (LF only)")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_userdict(path: str | Path = USERDICT) -> list[tuple[str, int, str | None]]:
    """Parse and validate a jieba user dictionary: one ``word freq [tag]`` per line.

    Rules (jieba itself silently ignores or misreads lines breaking them): UTF-8 without BOM,
    LF line endings, fields separated by single ASCII spaces, no whitespace inside the word,
    a positive integer frequency on every line, an optional lower-case POS tag, no duplicate
    words. Empty lines are allowed (jieba skips them). Raises DictionaryError naming the line.
    """
    path = Path(path)
    entries: list[tuple[str, int, str | None]] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(read_checked(path), 1):
        if line == "":
            continue
        where = f"{path}, line {n}"
        if line != line.strip() or not line.strip():
            raise DictionaryError(f"{where}: leading/trailing whitespace: {line!r}")
        if "\t" in line or "  " in line or "\u3000" in line:
            raise DictionaryError(f"{where}: use exactly one ASCII space between fields "
                                  f"(found a tab, double or full-width space): {line!r}")
        m = _ENTRY.match(line)
        if not m:
            parts = line.split(" ")
            if len(parts) == 1:
                problem = "no frequency (expected 'word freq [tag]')"
            elif not parts[1].isdigit():
                problem = ("frequency is not a number — a space inside the entry? "
                           "(expected 'word freq [tag]')")
            else:
                problem = "bad format (expected 'word freq [tag]', tag in lower-case letters)"
            raise DictionaryError(f"{where}: {problem}: {line!r}")
        word, freq, tag = m.group(1), int(m.group(2)), m.group(3)
        if freq <= 0:
            # freq 0 makes jieba call finalseg.add_force_split, which changes the *global* jieba.
            raise DictionaryError(f"{where}: frequency must be a positive integer: {line!r}")
        if word in seen:
            raise DictionaryError(f"{where}: duplicate entry {word!r} (first on line {seen[word]})")
        seen[word] = n
        entries.append((word, freq, tag))
    return entries


def read_stopwords_file(path: str | Path = STOPWORDS_EXTRA) -> tuple[set[str], set[str]]:
    """(added, removed) words of a stopword file: ``word`` adds, ``-word`` un-stops, ``#`` comments."""
    path = Path(path)
    added: set[str] = set()
    removed: set[str] = set()
    for n, line in enumerate(read_checked(path), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if any(c.isspace() for c in s):
            raise DictionaryError(f"{path}, line {n}: whitespace inside a stopword: {line!r}")
        if s.startswith("-") and len(s) > 1:
            removed.add(s[1:])
        else:
            added.add(s)
    both = added & removed
    if both:
        raise DictionaryError(f"{path}: both added and removed: {sorted(both)}")
    return added, removed


_STOPWORDS: dict[tuple, frozenset] = {}


def stopwords(extra: str | Path | None = STOPWORDS_EXTRA) -> frozenset[str]:
    """stopwordsiso's Chinese list merged with kslib/data/stopwords_extra.txt (``-word`` un-stops)."""
    path = Path(extra) if extra else None
    key = (str(path), path.stat().st_mtime_ns if path else 0)
    if key not in _STOPWORDS:
        import stopwordsiso

        words = set(stopwordsiso.stopwords("zh"))
        if path is not None:
            added, removed = read_stopwords_file(path)
            words = (words | added) - removed
        _STOPWORDS[key] = frozenset(words)
    return _STOPWORDS[key]
