"""Dictionary files: the domain user dictionary (kslib/data/userdict.txt) and the stopword list
(stopwordsiso "zh" + kslib/data/stopwords_extra.txt), validated before jieba sees them, because
jieba silently ignores bad lines (DictionaryError names file and line)."""
from __future__ import annotations

import re
from pathlib import Path

from ..config import DATA

__all__ = ["DictionaryError", "USERDICT", "STOPWORDS_EXTRA", "CORPUS_USERDICT", "read_checked", "read_userdict",
           "read_stopwords_file", "stopwords", "corpus_userdict", "write_userdict"]

USERDICT = DATA / "userdict.txt"
CORPUS_USERDICT = "userdict.txt"  # a corpus's own dictionary, beside its documents
MIN_FREQ = 500  # write_userdict's lowest frequency
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


def corpus_userdict(corpus) -> Path | None:
    """The corpus's own user dictionary: <folder>/userdict.txt beside the documents of a corpus
    loaded with kslib.load_corpus(folder) (its folder is in corpus.attrs["folder"]), validated like
    the project dictionary (DictionaryError names file and line); None if there is none."""
    folder = getattr(corpus, "attrs", {}).get("folder")
    if not folder:
        return None
    path = Path(folder) / CORPUS_USERDICT
    if not path.is_file():
        return None
    read_userdict(path)
    return path


def write_userdict(terms, path: str | Path, *, tag: str = "nz") -> Path:
    """Write reviewed terms (a DataFrame with a `term` column, e.g. discover_terms' output after
    review, or an iterable of strings) as a jieba user dictionary, sorted, one ``word freq tag``
    per line; `path` a file or a corpus folder (then <folder>/userdict.txt, used for that corpus
    automatically). The frequency of each word is the one jieba needs to keep it whole on its own
    (Tokenizer.suggest_freq with the project dictionary), at least MIN_FREQ (500, the low end of
    kslib/data/userdict.txt), so that it also wins against neighbours that could take one of its
    characters. The file is read back and validated; returns its path."""
    from .backends import get_tokenizer
    from .compounds import term_list

    if not re.fullmatch(r"[a-z]+", tag):
        raise ValueError(f"tag must be lower-case letters (jieba's format), not {tag!r}")
    path = Path(path)
    if path.is_dir():
        path = path / CORPUS_USERDICT
    tk = get_tokenizer("jieba")
    lines = [f"{w} {max(MIN_FREQ, int(tk.suggest_freq(w, tune=False)))} {tag}" for w in term_list(terms)]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
    read_userdict(path)
    return path
